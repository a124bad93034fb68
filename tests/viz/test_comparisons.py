"""Tests for hotspots.viz.comparisons: rolling totals with a band, ranked bars, dumbbells and
stacked monthly bars."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from hotspots.viz import comparisons
from hotspots.viz.style import HIGHLIGHT, NEUTRAL


def test_rolling_total_chart_lines_band_reference_and_marks():
    index = pd.period_range("2024-10", "2025-01", freq="M")
    totals = pd.DataFrame({"A": [900.0, 910.0, 920.0, np.nan], "B": [np.nan, 905.0, 915.0, 925.0],
                           "C": [np.nan] * 4}, index=index)
    fig, ax = plt.subplots()
    comparisons.rolling_total_chart(ax, totals, reference=950, band=(930, 970),
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
        comparisons.rolling_total_chart(ax, totals, reference=1000, band=(930, 970),
                                        mark=index[0], reference_label="", band_label="")
    plt.close(fig)


def test_ranked_bars_order_colours_values_and_reference():
    values = pd.Series({"W": 91.7, "C": 43.1, "T": 36.9})
    fig, ax = plt.subplots()
    comparisons.ranked_bars(ax, values, highlight=["W", "T"], fmt="{:.1f}k", annotate=2,
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
    comparisons.dumbbell(ax, table, "residents", "workday", labels=("per resident", "per worker"),
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
    comparisons.stacked_monthly_bars(ax, table, {"Hillingdon": "grey", "airports row": "red"})
    heights = [p.get_height() for p in ax.patches]
    bottoms = [p.get_y() for p in ax.patches]
    assert heights == [2000, 1950, 2360, 540, 410, 0]
    assert bottoms == [0, 0, 0, 2000, 1950, 2360]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Hillingdon", "airports row"]
    with pytest.raises(ValueError, match="no column"):
        comparisons.stacked_monthly_bars(ax, table, {"Newham": "blue"})
    plt.close(fig)
