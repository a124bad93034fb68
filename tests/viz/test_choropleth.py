"""Tests for hotspots.viz.choropleth: classed maps with readable legends, and the scale bar."""

from __future__ import annotations

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import Rectangle
from shapely.geometry import box

from hotspots.viz import choropleth


def squares(values: list[float | None]) -> gpd.GeoDataFrame:
    """A row of 1 km squares in EPSG:27700 carrying ``values``."""
    return gpd.GeoDataFrame({"value": values},
                            geometry=[box(i * 1000, 0, (i + 1) * 1000, 1000)
                                      for i in range(len(values))], crs=27700)


def test_class_labels_give_the_range_held_and_the_count():
    values = np.array([65, 86, 70, 91, 120, 447])
    classes = np.array([0, 0, 0, 1, 1, 2])
    labels = choropleth.class_labels(values, classes, 4, units=("borough", "boroughs"))
    assert labels == ["65–86 (3 boroughs)", "91–120 (2 boroughs)", "447 (1 borough)", "none"]
    assert choropleth.class_labels(np.array([1.25, 3.5]), np.array([0, 0]), 1,
                                   fmt="{:.1f}") == ["1.2–3.5 (2 units)"]
    with pytest.raises(ValueError, match="3 values for 2"):
        choropleth.class_labels(np.array([1, 2, 3]), np.array([0, 1]), 2)


def test_class_colours_run_light_to_dark():
    colours = choropleth.class_colours(4)
    assert len(set(colours)) == 4
    brightness = [sum(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in colours]
    assert brightness == sorted(brightness, reverse=True)


def test_choropleth_classes_legend_and_missing_units():
    frame = squares([1, 2, 3, 10, 11, 12, 100, None])
    fig, ax = plt.subplots()
    classes = choropleth.choropleth(ax, frame, "value", legend_title="offences", k=3,
                                    missing_label="no data")
    assert classes.tolist()[:7] == [0, 0, 0, 1, 1, 1, 2] and classes.isna().iloc[7]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # highest class first, then the missing units
    assert legend == ["100 (1 unit)", "10–12 (3 units)", "1–3 (3 units)", "no data"]
    assert ax.get_legend().get_title().get_text() == "offences"
    plt.close(fig)


def test_choropleth_needs_enough_units_for_its_classes():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="2 units with a value cannot fill 5 classes"):
        choropleth.choropleth(ax, squares([1, 2, None]), "value", legend_title="x")
    plt.close(fig)


def test_scale_bar_is_as_long_as_asked_and_labelled_in_km():
    fig, ax = plt.subplots()
    ax.set_xlim(0, 40_000)
    ax.set_ylim(0, 30_000)
    choropleth.scale_bar(ax, 10_000, position=(0.1, 0.1))
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 2 and sum(b.get_width() for b in bars) == 10_000
    assert min(b.get_x() for b in bars) == pytest.approx(4_000)
    assert [t.get_text() for t in ax.texts] == ["0", "5", "10 km"]
    with pytest.raises(ValueError, match="positive length"):
        choropleth.scale_bar(ax, 0)
    plt.close(fig)
