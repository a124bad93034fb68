"""Tests for hotspots.viz.maps: class maps, legends, count choropleths and map furniture."""

from __future__ import annotations

import geopandas as gpd
import matplotlib
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np
import pandas as pd
import pytest
import shapely
from lattices import BNG, grid, local_result
from shapely.geometry import box

from hotspots.stats.spatial import (
    GI_CLASSES,
    HOT_SPOT_CLASSES,
    NO_DATA,
)
from hotspots.viz import maps as hm


def test_class_map_colours_each_class_and_counts_units_in_the_legend():
    frame = grid(3, 1)
    fig, ax = plt.subplots()
    hm.class_map(ax, frame, ["HH", "LL", "HH"], hm.LISA_COLOURS, legend_title="t")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["HH (2)", "LL (1)"]  # colours' order, absent classes left out
    hm.class_map(ax, frame, ["HH", "LL", "HH"], hm.LISA_COLOURS, legend_title="t",
                 legend_loc="upper left", legend_anchor=(1.0, 0.0))
    assert ax.get_legend()._loc == 2  # "upper left", anchored outside the axes
    facecolours = {tuple(np.round(c.get_facecolor()[0][:3], 3)) for c in ax.collections}
    assert facecolours == {tuple(np.round(matplotlib.colors.to_rgb(hm.LISA_COLOURS[k]), 3))
                           for k in ("HH", "LL")}
    with pytest.raises(ValueError, match="no colour"):
        hm.class_map(ax, frame, ["HH", "??", "LL"], hm.LISA_COLOURS, legend_title="t")
    with pytest.raises(ValueError, match="2 labels for 3 units"):
        hm.class_map(ax, frame, ["HH", "LL"], hm.LISA_COLOURS, legend_title="t")
    plt.close(fig)


def test_class_legend_lists_every_class_but_the_excluded_and_maps_can_skip_theirs():
    fig, ax = plt.subplots()
    hm.class_map(ax, grid(2, 1), ["HH", "LL"], hm.LISA_COLOURS, legend_title="t", legend=False,
                 rasterized=True)
    assert ax.get_legend() is None
    assert all(c.get_rasterized() for c in ax.collections)
    hm.class_legend(ax, hm.GI_COLOURS, title="Gi*", exclude=["No neighbours"])
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == [c for c in HOT_SPOT_CLASSES if c != "No neighbours"]
    hatches = [h.get_hatch() for h in ax.get_legend().legend_handles]
    assert hatches == [None] * (len(texts) - 1) + [hm.NO_DATA_HATCH]  # "No data" is hatched
    plt.close(fig)


def test_gi_map_looks_up_each_drawn_unit_by_id():
    frame = grid(3, 1)  # ids c0, c1, c2 west to east
    result = local_result([0.5] * 3, [1, 1, 1], ids=["c2", "c0", "c1"],
                          labels=["Hot Spot - 99% Confidence", "Not Significant",
                                  "Not Significant"])
    fig, ax = plt.subplots()
    hm.gi_map(ax, frame, result, id_column="id")
    hot = [c for c in ax.collections
           if np.allclose(c.get_facecolor()[0][:3],
                          matplotlib.colors.to_rgb(hm.GI_COLOURS["Hot Spot - 99% Confidence"]))]
    assert len(hot) == 1 and hot[0].get_paths()[0].get_extents().x0 == pytest.approx(2.0)
    fig2, ax2 = plt.subplots()
    hm.gi_map(ax2, frame.iloc[:2], result, id_column="id")  # a subset: only c0 and c1 drawn
    assert [t.get_text() for t in ax2.get_legend().get_texts()] == ["Not Significant (2)"]
    extra = grid(4, 1)  # c3 is not a unit of the result
    with pytest.raises(ValueError, match="1 unit.*not in the result"):
        hm.gi_map(ax, extra, result, id_column="id")
    plt.close(fig)
    plt.close(fig2)
    assert set(hm.GI_COLOURS) == set(HOT_SPOT_CLASSES) == {*GI_CLASSES, NO_DATA}
    red, green, blue = matplotlib.colors.to_rgb(hm.GI_COLOURS["Not Significant"])
    assert red == green == blue and red > 0.85  # light grey, not ArcGIS's saturated yellow


def test_gi_map_hatches_units_without_data():
    frame = grid(3, 1)
    result = local_result([0.5] * 3, [1, 1, 1], ids=["c0", "c1", "c2"],
                          labels=["Not Significant", NO_DATA, "Hot Spot - 95% Confidence"])
    fig, ax = plt.subplots()
    handles = hm.gi_map(ax, frame, result, id_column="id", legend=False)
    hatched = [c for c in ax.collections if c.get_hatch() == hm.NO_DATA_HATCH]
    assert len(hatched) == 1 and hatched[0].get_paths()[0].get_extents().x0 == pytest.approx(1)
    assert [h.get_label() for h in handles] == ["Not Significant (1)",
                                                "Hot Spot - 95% Confidence (1)", "No data (1)"]
    plt.close(fig)


def test_draw_polygons_keeps_holes_and_draw_lines_outlines_polygons():
    ring = shapely.box(0, 0, 10, 10).difference(shapely.box(4, 4, 6, 6))
    two = shapely.MultiPolygon([shapely.box(20, 0, 21, 1), shapely.box(22, 0, 23, 1)])
    fig, ax = plt.subplots()
    polygons = hm.draw_polygons(ax, [ring, two, shapely.Polygon()], facecolor="red",
                                hatch="//")
    paths = polygons.get_paths()
    assert len(paths) == 2  # one path per geometry; the empty polygon is skipped
    assert len(paths[0].to_polygons()) == 2  # outer ring and hole
    assert len(paths[1].to_polygons()) == 2  # both parts of the multipolygon
    assert polygons.get_hatch() == "//" and ax.get_xlim()[1] >= 23
    lines = hm.draw_lines(ax, [ring, shapely.LineString([(0, 20), (5, 20)])], color="k",
                          linewidth=1)
    assert len(lines.get_segments()) == 3  # two rings of the polygon, one line
    plt.close(fig)


def test_locator_outlines_the_zoom_in_an_inset():
    outline = gpd.GeoSeries([shapely.box(0, 0, 100, 50)], crs=BNG)
    fig, ax = plt.subplots()
    inset = hm.locator(ax, outline, (10, 10, 30, 20))
    assert inset in ax.child_axes
    box = inset.patches[-1]
    assert (box.get_x(), box.get_y(), box.get_width(), box.get_height()) == (10, 10, 20, 10)
    assert inset.get_xlabel() == "" and not inset.get_xticks().size
    plt.close(fig)


def test_gi_panels_one_map_per_result_a_shared_legend_and_a_scale_bar_each():
    frame = grid(4, 4, size=1_000.0)
    labels = ["Not Significant"] * 16
    labels[5], labels[0] = "Hot Spot - 99% Confidence", NO_DATA
    results = {name: local_result([0.5] * 16, [1] * 16, ids=frame["id"], labels=labels)
               for name in ("a", "b", "c")}
    outline = gpd.GeoSeries([frame.union_all()], crs=BNG)
    fig = hm.gi_panels(frame, results, id_column="id", subtitle=lambda r: "sub",
                       legend_title="Gi*", note="the note", ncols=2, background=outline)
    axes = fig.axes
    assert [ax.get_title() for ax in axes[:3]] == ["a", "b", "c"]
    assert all(len(ax.artists) == 1 for ax in axes[:3])  # one scale bar each
    legend = [t.get_text() for t in axes[3].get_legend().get_texts()]
    assert legend == ["Not Significant", "Hot Spot - 99% Confidence", "No data"]
    drawn = sum(len(c.get_paths()) for c in axes[0].collections)
    assert drawn == 1 + 2  # the background once, then only the hot and the no-data unit
    zoomed = hm.gi_panels(frame, results, id_column="id", subtitle=lambda r: "",
                          legend_title="Gi*", note="", bounds=(0, 0, 2_000, 2_000),
                          outline=outline)
    assert zoomed.axes[0].get_xlim() == (0, 2_000)
    assert len(zoomed.axes[-1].child_axes) == 1  # the locator beside the legend
    plt.close(fig)
    plt.close(zoomed)


def test_label_places_writes_one_label_per_anchor():
    anchors = gpd.GeoDataFrame({"label": ["A", "B"]}, geometry=shapely.points([[0, 0], [1, 1]]),
                               crs=BNG)
    fig, ax = plt.subplots()
    hm.label_places(ax, anchors)
    assert [t.get_text() for t in ax.texts] == ["A", "B"]
    plt.close(fig)


def test_count_classes_and_classify_counts_give_readable_labels():
    assert hm.count_classes([0, 1, 10, 500, 2_000]) == [
        "0", "1–9", "10–499", "500–1,999", "2,000 or more"]
    assert hm.count_classes([5]) == ["5 or more"]
    with pytest.raises(ValueError, match="not increasing"):
        hm.count_classes([0, 10, 10])
    with pytest.raises(ValueError, match="whole numbers"):
        hm.count_classes([0, 0.5])
    labels = hm.classify_counts(np.array([0, 1, 9, 10, 499, 500, 12_345]), [0, 1, 10, 500])
    assert labels.tolist() == ["0", "1–9", "1–9", "10–499", "10–499", "500 or more",
                               "500 or more"]
    with_missing = hm.classify_counts(pd.array([3, None], dtype="Int64"), [0, 1])
    assert with_missing.iat[0] == "1 or more" and pd.isna(with_missing.iat[1])
    with pytest.raises(ValueError, match="below the first class bound"):
        hm.classify_counts([-1], [0, 1])


def test_class_colours_run_light_to_dark():
    colours = hm.class_colours(["a", "b", "c"])
    lightness = [sum(matplotlib.colors.to_rgb(c)) for c in colours.values()]
    assert list(colours) == ["a", "b", "c"] and lightness == sorted(lightness, reverse=True)
    assert colours["a"] != "#ffffff"


def test_count_map_hatches_missing_units_and_returns_every_class():
    frame = grid(3, 1).assign(count=pd.array([0, 25, None], dtype="Int64"))
    fig, ax = plt.subplots()
    handles = hm.count_map(ax, frame, "count", [0, 10, 100], no_data_label="no data")
    assert [h.get_label() for h in handles] == ["0–9", "10–99", "100 or more", "no data"]
    assert handles[-1].get_hatch() == hm.NO_DATA_HATCH
    hatched = [c for c in ax.collections if c.get_hatch() == hm.NO_DATA_HATCH]
    assert len(hatched) == 1 and hatched[0].get_paths()[0].get_extents().x0 == pytest.approx(2)
    assert ax.get_legend() is None  # the caller places the legend
    with pytest.raises(ValueError, match="give no_data_label"):
        hm.count_map(ax, frame, "count", [0, 10])
    plt.close(fig)


def test_scale_bar_picks_a_round_length_near_a_fifth_of_the_width():
    fig, ax = plt.subplots()
    ax.set_xlim(0, 7_300)
    ax.set_ylim(0, 4_600)
    assert hm.scale_bar(ax) == 2_000  # a fifth is 1,460 m: nearer 2 km than 1 km (ratios)
    bar = ax.artists[-1]
    assert bar.txt_label.get_text() == "2 km"
    assert hm.scale_bar(ax, 250) == 250 and ax.artists[-1].txt_label.get_text() == "250 m"
    ax.set_xlim(0, 45_000)
    assert hm.scale_bar(ax) == 10_000
    with pytest.raises(ValueError, match="positive"):
        hm.scale_bar(ax, 0)
    plt.close(fig)


def test_numbered_points_and_frame_box():
    fig, ax = plt.subplots()
    hm.numbered_points(ax, [0, 1], [0, 1], [1, 2])
    assert [t.get_text() for t in ax.texts] == ["1", "2"]
    hm.frame_box(ax, (0, 0, 10, 5))
    assert ax.patches[-1].get_width() == 10 and ax.patches[-1].get_height() == 5
    with pytest.raises(ValueError, match="not"):
        hm.frame_box(ax, (10, 0, 0, 5))


def test_class_map_hatches_units_without_data_and_counts_them_in_the_legend():
    frame = grid(3, 1)
    fig, ax = plt.subplots()
    hm.class_map(ax, frame.iloc[:2], ["a", "b"], {"a": "red", "b": "blue", "c": "x"},
                 no_data=frame.iloc[2:], no_data_label="no data", legend_title="t")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["a (1)", "b (1)", "no data (1)"]
    assert ax.get_legend().legend_handles[-1].get_hatch() == hm.NO_DATA_HATCH
    plt.close(fig)


def test_diverging_colours_and_another_colour_map():
    colours = hm.diverging_colours(["low", "mid", "high"])
    assert list(colours) == ["low", "mid", "high"] and colours["mid"] == "#e6e6e6"
    blue, red = matplotlib.colors.to_rgb(colours["low"]), matplotlib.colors.to_rgb(colours["high"])
    assert blue[2] > blue[0] and red[0] > red[2]
    with pytest.raises(ValueError, match="odd"):
        hm.diverging_colours(["a", "b"])
    shades = hm.class_colours(["a", "b", "c"], "viridis_r", span=(0.15, 0.95))
    assert len(set(shades.values())) == 3


def test_value_map_colours_values_and_hatches_missing_units():
    frame = grid(3, 1)
    fig, ax = plt.subplots()
    hm.value_map(ax, frame, [-10.0, np.nan, 10.0], cmap="RdBu_r", vmin=-10, vmax=10,
                 label="change", missing_label="no data")
    first, second = ax.collections[:2]
    colours = first.get_facecolor()
    assert np.allclose(colours[0][:3], matplotlib.colormaps["RdBu_r"](0.0)[:3])
    assert np.allclose(colours[1][:3], matplotlib.colormaps["RdBu_r"](1.0)[:3])
    assert second.get_hatch() == "////"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["no data (1)"]
    with pytest.raises(ValueError, match="2 values for 3 units"):
        hm.value_map(ax, frame, [1.0, 2.0], cmap="RdBu_r", vmin=0, vmax=1, label="x",
                     missing_label="y")
    plt.close(fig)


def squares(values: list[float | None]) -> gpd.GeoDataFrame:
    """A row of 1 km squares in EPSG:27700 carrying ``values``."""
    return gpd.GeoDataFrame({"value": values},
                            geometry=[box(i * 1000, 0, (i + 1) * 1000, 1000)
                                      for i in range(len(values))], crs=27700)


def test_class_labels_give_the_range_held_and_the_count():
    values = np.array([65, 86, 70, 91, 120, 447])
    classes = np.array([0, 0, 0, 1, 1, 2])
    labels = hm.class_labels(values, classes, 4, units=("borough", "boroughs"))
    assert labels == ["65–86 (3 boroughs)", "91–120 (2 boroughs)", "447 (1 borough)", "none"]
    assert hm.class_labels(np.array([1.25, 3.5]), np.array([0, 0]), 1,
                                   fmt="{:.1f}") == ["1.2–3.5 (2 units)"]
    with pytest.raises(ValueError, match="3 values for 2"):
        hm.class_labels(np.array([1, 2, 3]), np.array([0, 1]), 2)


def test_choropleth_classes_legend_and_missing_units():
    frame = squares([1, 2, 3, 10, 11, 12, 100, None])
    fig, ax = plt.subplots()
    classes = hm.choropleth(ax, frame, "value", legend_title="offences", k=3,
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
        hm.choropleth(ax, squares([1, 2, None]), "value", legend_title="x")
    plt.close(fig)
