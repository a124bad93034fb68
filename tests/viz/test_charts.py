"""Tests for hotspots.viz.charts: forest plot, figure tiles and verdict bars."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from hotspots.claims import load_registry
from hotspots.claims import scorecard as sc
from hotspots.claims.verdicts import VERDICTS
from hotspots.viz import charts
from hotspots.viz.style import VERDICT_COLOURS


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


def _months(n: int) -> pd.PeriodIndex:
    return pd.period_range("2025-01", periods=n, freq="M")


def test_effect_by_month_draws_the_band_the_line_and_the_campaign():
    table = pd.DataFrame({"estimate_pct": [1.0, -2.0, -30.0], "band_low_pct": [-5.0] * 3,
                          "band_high_pct": [5.0] * 3}, index=_months(3))
    fig, ax = plt.subplots()
    charts.effect_by_month(ax, table, shade=(table.index[2], table.index[2]), colour="red")
    line = next(x for x in ax.lines if x.get_label().startswith("centres"))
    assert line.get_ydata().tolist() == [1.0, -2.0, -30.0]
    assert len(ax.patches) == 1  # the shaded campaign months
    assert ax.get_legend_handles_labels()[1] == [
        "placebo sets, central 95%", "centres' wards vs comparison wards"]
    plt.close(fig)


def test_month_lines_draws_one_line_per_named_column():
    table = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0], "c": [0.0, 0.0]}, index=_months(2))
    fig, ax = plt.subplots()
    charts.month_lines(ax, table, {"a": ("A", "red"), "b": ("B", "blue")})
    assert ax.get_legend_handles_labels()[1] == ["A", "B"]
    plt.close(fig)


def test_year_pair_bars_highlight_the_latest_pair():
    pairs = pd.DataFrame({"pair": ["2011/12 → 2012/13", "2024/25 → 2025/26"],
                          "relative_pct": [-1.0, -11.0], "expected_relative_pct": [0.0, 0.0],
                          "latest": [False, True]})
    fig, ax = plt.subplots()
    charts.year_pair_bars(ax, pairs, colour="grey", latest_colour="red")
    heights = [p.get_height() for p in ax.patches]
    assert heights == [-1.0, -11.0]
    assert ax.patches[1].get_facecolor() == plt.matplotlib.colors.to_rgba("red")
    plt.close(fig)


def test_evidence_panel_writes_findings_without_numbers_as_text():
    rows = pd.DataFrame({"label": ["Review 2019", "Trial 2011", "Trial 1995"],
                         "outcome": ["all crime", "violent crime", "calls"],
                         "kind": ["pooled (review)", "single study", "single study"],
                         "estimate": [np.nan, -23.0, np.nan], "low": [np.nan, np.nan, -13.0],
                         "high": [np.nan, np.nan, -6.0], "approximate": [True, False, False],
                         "finding": ["significant reduction (no % given)", "", ""]})
    fig, ax = plt.subplots()
    charts.evidence_panel(ax, rows, colours={"pooled (review)": "blue", "single study": "red"})
    assert [t.get_text() for t in ax.texts] == ["significant reduction (no % given)"]
    assert ax.get_yticklabels()[0].get_text() == "Review 2019\nall crime"
    plt.close(fig)


def test_dot_band_clips_and_hollows_values_out_of_range():
    rows = pd.DataFrame({"label": ["a", "b"], "value": [10.0, 300.0], "low": [-20.0, -50.0],
                         "high": [30.0, 500.0]})
    fig, ax = plt.subplots()
    charts.dot_band(ax, rows, colour="red", lower=-80, upper=120, band_label="band",
                    dot_label="dot")
    assert ax.get_xlim() == (-80, 120)
    assert [p.get_width() for p in ax.patches] == [50.0, 170.0]
    hollow = ax.lines[1]
    assert hollow.get_xdata().tolist() == [120.0] and hollow.get_markerfacecolor() == "white"
    plt.close(fig)
