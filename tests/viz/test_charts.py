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


def test_identity_scatter_draws_groups_and_names_points():
    x = pd.Series([100.0, 200.0, 0.0, 400.0], index=list("abcd"))
    y = pd.Series([110.0, 150.0, 5.0, 400.0], index=list("abcd"))
    groups = pd.Series(["g1", "g2", "g1", "g1"], index=list("abcd"))
    fig, ax = plt.subplots()
    charts.identity_scatter(ax, x, y, groups, {"g1": "red", "g2": "blue"},
                            labels=pd.Series(["", "B", "", ""], index=list("abcd")))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["equal", "±5%", "g1 (2)", "g2 (1)"]  # the zero point is left out
    assert [t.get_text() for t in ax.texts] == ["B"]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    plt.close(fig)


def test_revision_chart_draws_a_line_per_pair_and_hollow_immature_months():
    revised = pd.DataFrame({
        "earlier": ["v1", "v1", "v2"], "later": ["v2", "v2", "v3"],
        "month": pd.PeriodIndex(["2024-01", "2024-02", "2024-02"], freq="M"),
        "revision_pct": [0.1, 1.0, 0.5], "complete": [True, False, False],
    })
    fig, ax = plt.subplots()
    charts.revision_chart(ax, revised, ["red", "blue"])
    assert [line.get_label() for line in ax.lines[:2]] == ["v2 release vs v1",
                                                          "v3 release vs v2"]
    hollow = [c for c in ax.collections if len(c.get_offsets())
              and (c.get_facecolor()[:, :3] == 1).all()]
    assert sum(len(c.get_offsets()) for c in hollow) == 2
    plt.close(fig)


def test_coverage_chart_draws_one_bar_per_run_of_months():
    columns = pd.period_range("2024-01", periods=5, freq="M")
    coverage = pd.DataFrame([[True, True, False, True, True], [False, True, True, True, False]],
                            index=["a", "b"], columns=columns)
    fig, ax = plt.subplots()
    charts.coverage_chart(ax, coverage, ["x", "y"], {"x": "red", "y": "blue"})
    assert len(ax.patches) == 3  # a: two runs, b: one
    labels = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
    assert labels["a"] > labels["b"]  # the first source at the top
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x", "y"]
    plt.close(fig)
