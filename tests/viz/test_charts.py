"""Tests for hotspots.viz.charts: forest plot, figure tiles, verdict bars, ranked bars and
months by year."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from hotspots.claims import load_registry
from hotspots.claims import scorecard as sc
from hotspots.claims.verdicts import VERDICTS
from hotspots.viz import charts
from hotspots.viz.style import HIGHLIGHT, NEUTRAL, VERDICT_COLOURS


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


def test_rolling_total_chart_lines_band_reference_and_marks():
    index = pd.period_range("2024-10", "2025-01", freq="M")
    totals = pd.DataFrame({"A": [900.0, 910.0, 920.0, np.nan], "B": [np.nan, 905.0, 915.0, 925.0],
                           "C": [np.nan] * 4}, index=index)
    fig, ax = plt.subplots()
    charts.rolling_total_chart(ax, totals, reference=950, band=(930, 970),
                                    mark=pd.Period("2024-12", "M"), reference_label="claim",
                                    band_label="close", mark_label="year to Dec", scale=1)
    labels = [line.get_label() for line in ax.lines]
    assert [lab for lab in labels if lab in ("A", "B", "C")] == ["A", "B"]  # C is empty
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    assert sorted(float(d.get_ydata()[0]) for d in dots) == [915.0, 920.0]
    band = ax.patches[0]
    assert (band.get_y(), band.get_y() + band.get_height()) == (930, 970)
    assert ax.get_legend_handles_labels()[1][:2] == ["close", "claim"]
    assert [t.get_text() for t in ax.texts] == ["year to Dec"]
    with pytest.raises(ValueError, match="band must contain"):
        charts.rolling_total_chart(ax, totals, reference=1000, band=(930, 970),
                                        mark=index[0], reference_label="", band_label="")
    plt.close(fig)


def test_ranked_bars_order_colours_values_and_reference():
    values = pd.Series({"W": 91.7, "C": 43.1, "T": 36.9})
    fig, ax = plt.subplots()
    charts.ranked_bars(ax, values, highlight=["W", "T"], fmt="{:.1f}k", annotate=2,
                            reference=50, reference_label="the article")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["W", "C", "T"]
    assert ax.get_yticks().tolist() == [2, 1, 0]  # first at the top
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [HIGHLIGHT, NEUTRAL, HIGHLIGHT]
    assert [p.get_width() for p in ax.patches] == [91.7, 43.1, 36.9]
    assert [t.get_text() for t in ax.texts] == ["91.7k", "43.1k", "the article"]
    assert ax.lines[0].get_xdata()[0] == 50
    plt.close(fig)


def test_dumbbell_one_line_per_row_and_highlight():
    table = pd.DataFrame({"residents": [449.0, 205.0], "workday": [250.0, 150.0]},
                         index=["Westminster", "Camden"])
    fig, ax = plt.subplots()
    charts.dumbbell(ax, table, "residents", "workday", labels=("per resident", "per worker"),
                         highlight=["Westminster"])
    assert len(ax.lines) == 2
    assert list(ax.lines[0].get_xdata()) == [449.0, 250.0] and ax.lines[0].get_color() == HIGHLIGHT
    assert ax.lines[1].get_color() == NEUTRAL
    ticks = ax.get_yticklabels()
    assert [t.get_text() for t in ticks] == ["Westminster", "Camden"]
    assert ticks[0].get_fontweight() == "bold"
    assert ax.get_legend_handles_labels()[1] == ["per resident", "per worker"]
    plt.close(fig)


def test_stacked_monthly_bars_stack_in_order():
    table = pd.DataFrame({"Hillingdon": [2000, 1950, 2360], "airports row": [540, 410, 0]},
                         index=pd.period_range("2024-01", "2024-03", freq="M"))
    fig, ax = plt.subplots()
    charts.stacked_monthly_bars(ax, table, {"Hillingdon": "grey", "airports row": "red"})
    heights = [p.get_height() for p in ax.patches]
    bottoms = [p.get_y() for p in ax.patches]
    assert heights == [2000, 1950, 2360, 540, 410, 0]
    assert bottoms == [0, 0, 0, 2000, 1950, 2360]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Hillingdon", "airports row"]
    with pytest.raises(ValueError, match="no column"):
        charts.stacked_monthly_bars(ax, table, {"Newham": "blue"})
    plt.close(fig)


def test_dated_lines_mark_the_third_party_points_open():
    dates = pd.to_datetime(["2021-03-31", "2022-03-31", "2023-03-31", "2024-09-30"])
    table = pd.DataFrame({"a": [10.0, 12.0, 11.0, 9.0], "b": [5.0, 6.0, np.nan, np.nan]},
                         index=dates)
    fig, ax = plt.subplots()
    charts.dated_lines(ax, table, {"a": "red", "b": "blue"},
                       hollow=pd.Series([False, False, False, True], index=dates))
    # a: solid line, dashed link from 2023 to 2024, open marker; b: solid line only
    assert len(ax.lines) == 4
    dashed = next(line for line in ax.lines if line.get_linestyle() == "--")
    assert list(dashed.get_ydata()) == [11.0, 9.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]
    assert ax.yaxis.get_major_formatter()(12_000, 0) == "12,000"
    with pytest.raises(ValueError, match="no column"):
        charts.dated_lines(ax, table, {"c": "red"})
    plt.close(fig)


def test_stacked_change_bars_stack_falls_left_and_name_what_is_missing():
    changes = pd.DataFrame({"x": [-900.0, -100.0, np.nan], "y": [-50.0, 30.0, np.nan],
                            "z": [np.nan, -20.0, np.nan]}, index=["one", "two", "three"])
    fig, ax = plt.subplots()
    charts.stacked_change_bars(ax, changes, {"x": "red", "y": "grey", "z": "blue"},
                               reference=-1_000, reference_label="plan",
                               missing_label="not in the folder")
    bars = [(p.get_x(), p.get_width()) for p in ax.patches]
    assert bars == [(0, -900), (-900, -50), (0, -100), (0, 30), (-100, -20)]
    texts = [t.get_text().strip() for t in ax.texts]
    assert texts == ["-950 (z not known)", "-90", "not in the folder"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["one", "two", "three"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["plan", "x", "y", "z"]
    plt.close(fig)
