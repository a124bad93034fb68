"""TODO docstring."""

from __future__ import annotations

import geopandas as gpd
import matplotlib
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np
import pytest
import shapely
from lattices import BNG, grid

from hotspots.stats.spatial import (
    GI_CLASSES,
    LocalResult,
    ResultMeta,
)
from hotspots.viz import maps as hm


def local_result(p, z, quadrant=None, labels=None, ids=None) -> LocalResult:
    """A hand-made local result with permutation p-values ``p`` (analytical p = p / 10)."""
    p, z = np.asarray(p, dtype=float), np.asarray(z, dtype=float)
    n = len(p)
    meta = ResultMeta(statistic="test", weights="w", transform="B", n=n, n_tested=n,
                      permutations=9_999, seed=1, p_kind="permutation", correction="fdr_bh",
                      alpha=0.05, null_hypothesis="H0")
    labels = np.array(labels if labels is not None else ["Not Significant"] * n, dtype=object)
    return LocalResult(
        ids=tuple(ids if ids is not None else [f"u{i}" for i in range(n)]), values=np.ones(n),
        statistic=z, expected=np.zeros(n), z=z, p_analytical=p / 10, p_permutation=p,
        p_permutation_directed=p / 2, p=p, p_adjusted=p, labels=labels,
        class_order=GI_CLASSES, meta=meta,
        quadrant=None if quadrant is None else np.array(quadrant, dtype=object))


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
    assert texts == list(GI_CLASSES[:-1])
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
    assert set(hm.GI_COLOURS) == set(GI_CLASSES)
    assert hm.GI_COLOURS["Not Significant"] == "#ffffbf"  # ArcGIS's pale yellow


def test_label_places_writes_one_label_per_anchor():
    anchors = gpd.GeoDataFrame({"label": ["A", "B"]}, geometry=shapely.points([[0, 0], [1, 1]]),
                               crs=BNG)
    fig, ax = plt.subplots()
    hm.label_places(ax, anchors)
    assert [t.get_text() for t in ax.texts] == ["A", "B"]
    plt.close(fig)


def test_scale_bar_is_drawn_to_scale_in_metres():
    fig, ax = plt.subplots()
    ax.set_xlim(0, 20_000)
    ax.set_ylim(0, 10_000)
    hm.scale_bar(ax, 5_000, anchor=(0.1, 0.1))
    bar = ax.patches[0]
    assert (bar.get_x(), bar.get_width()) == (2_000, 5_000)
    assert [t.get_text() for t in ax.texts] == ["5 km"]
    plt.close(fig)


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
