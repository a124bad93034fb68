"""Tests for hotspots.viz.charts: forest plot, figure tiles, verdict bars, ranked bars and
months by year."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from hotspots.claims import load_registry
from hotspots.claims import scorecard as sc
from hotspots.claims.verdicts import VERDICTS
from hotspots.viz import charts
from hotspots.viz.style import HIGHLIGHT, VERDICT_COLOURS


def test_forest_plot_draws_one_row_per_line():
    rows = pd.DataFrame({"label": ["a", "b", "c"], "group": ["x", "x", "y"],
                         "estimate": [-10.0, np.nan, 5.0], "low": [-20.0, -13.0, np.nan],
                         "high": [0.0, -6.0, np.nan], "interval": ["95% CI", "range", ""]})
    fig, ax = plt.subplots()
    charts.forest_plot(ax, rows, colours={"x": "red", "y": "blue"})
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    assert ax.get_yticks().tolist() == [2, 1, 0]  # first row at the top
    assert len(ax.lines) == 2 + 1 + 1 + 1  # two intervals, two points, the zero line
    plt.close(fig)


def test_tile_figures(tmp_path):
    paths = []
    for i in range(4):
        path = tmp_path / f"f{i}.png"
        plt.imsave(path, np.full((20, 30, 3), i / 4))
        paths.append(path)
    fig = charts.tile_figures(paths, ncols=3)
    assert len(fig.axes) == 6 and sum(bool(ax.images) for ax in fig.axes) == 4
    assert fig.axes[0].get_title() == "f0"
    plt.close(fig)


def test_verdict_bars_one_bar_per_section_and_verdict(tmp_path):
    counts = sc.verdicts_by_section(load_registry(tmp_path, complete=False))
    fig, ax = plt.subplots()
    charts.verdict_bars(ax, counts)
    assert len(ax.patches) == len(counts) * (len(VERDICTS) + 1)  # + "no verdict yet"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [*VERDICTS, sc.NO_VERDICT]
    colours = {c.get_label(): c.patches[0].get_facecolor() for c in ax.containers}
    assert len(set(colours.values())) == len(colours)  # every verdict its own colour
    plt.close(fig)


def test_every_verdict_has_a_distinct_colour():
    assert set(VERDICT_COLOURS) == set(VERDICTS)
    assert len(set(VERDICT_COLOURS.values())) == len(VERDICTS)


def test_ranked_bars_highlight_and_label_values():
    fig, ax = plt.subplots()
    charts.ranked_bars(ax, ["a", "b", "c"], [3_000, 20, 5], [True, False, True], xlabel="n")
    bars = ax.patches
    assert [round(b.get_width()) for b in bars] == [3_000, 20, 5]
    assert [b.get_y() + b.get_height() / 2 for b in bars] == [2, 1, 0]  # first at the top
    red = matplotlib.colors.to_rgba(HIGHLIGHT)
    assert [b.get_facecolor() == red for b in bars] == [True, False, True]
    assert [t.get_text() for t in ax.texts] == ["3,000", "20", "5"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    assert ax.get_yticks().tolist() == [2, 1, 0]
    with pytest.raises(ValueError, match="same length"):
        charts.ranked_bars(ax, ["a"], [1, 2], [True], xlabel="n")
    plt.close(fig)


def test_months_by_year_draws_one_line_per_year():
    table = pd.DataFrame({2024: range(12), 2025: [np.nan] * 6 + list(range(6))},
                         index=range(1, 13))
    fig, ax = plt.subplots()
    charts.months_by_year(ax, table, {2024: "red", 2025: "blue"})
    assert [line.get_label() for line in ax.lines] == ["2024", "2025"]
    assert np.isnan(ax.lines[1].get_ydata()[0])  # missing months are gaps
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "Jan"
    with pytest.raises(ValueError, match="months 1 to 12"):
        charts.months_by_year(ax, table.iloc[:11], {2024: "red", 2025: "blue"})
    plt.close(fig)
