"""Tests for hotspots.hotspot_maps: class maps, corrections after the fact, the scale summary,
the hexagon lattice, point and area aggregation, and areal apportioning of residents."""

from __future__ import annotations

import math

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import pytest
import shapely
from spatial_lattices import BNG, binary_matrix, gi_star, grid, moran_i

from hotspots.config import data_dir
from hotspots.stats.spatial import GI_CLASSES, LocalResult, ResultMeta, contiguity, distance_band
from hotspots.viz import maps as hm

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


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


P_FIVE = [0.0002, 0.0002, 0.0002, 0.03, 0.5]  # BH (m=5): 0.00033 x3, 0.0375, 0.5


# --- maps -------------------------------------------------------------------------------------


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


# --- corrections after the fact ---------------------------------------------------------------


def test_hot_units_re_adjusts_the_p_values_under_each_correction():
    gi = local_result(P_FIVE, [3, 2, -4, 1, 5])
    assert hm.hot_units(gi, "none").tolist() == [True, True, False, True, False]
    assert hm.hot_units(gi, "fdr_bh").tolist() == [True, True, False, True, False]
    assert hm.hot_units(gi, "bonferroni").tolist() == [True, True, False, False, False]
    assert hm.hot_units(gi, "bonferroni", alpha=0.0009).sum() == 0  # 5 x 0.0002 = 0.001
    # analytical p = p / 10: Bonferroni keeps 0.003 x 5 = 0.015 <= 0.05
    assert hm.hot_units(gi, "bonferroni", p_kind="analytical").tolist() == [
        True, True, False, True, False]
    lisa = local_result(P_FIVE, [3, 2, -4, 1, 5], quadrant=["HH", "LL", "HH", "HH", "HH"])
    assert hm.hot_units(lisa, "fdr_bh").tolist() == [True, False, True, True, False]
    with pytest.raises(ValueError, match="no 'exact' p-values"):
        hm.hot_units(gi, "none", p_kind="exact")


def test_correction_table_counts_hot_units_per_p_kind_and_correction():
    table = hm.correction_table({"a": local_result(P_FIVE, [3, 2, -4, 1, 5]),
                                 "b": local_result(P_FIVE, [-1] * 5)})
    assert table.columns.names == ["p-value", "correction"]
    assert table.loc["a"].tolist() == [3, 3, 2, 4, 4, 3]  # analytical 0.05 <= alpha
    assert table.loc["b"].sum() == 0


# --- scale ------------------------------------------------------------------------------------


def test_scale_summary_matches_the_textbook_formulas_on_a_lattice():
    frame = grid(6, 6)
    values = np.zeros(36)
    values[[0, 1, 6, 7]] = [40, 30, 35, 50]  # a hot corner
    values[20] = 3
    weights = contiguity(frame, "queen", transform="R", id_column="id")
    summary = hm.scale_summary(values, weights, permutations=0, p_kind="analytical")
    binary = binary_matrix(weights)
    row_std = binary / binary.sum(axis=1, keepdims=True)
    assert summary.moran.moran_i == pytest.approx(moran_i(values, row_std))
    assert summary.gi.meta.transform == "B"
    assert summary.gi.z == pytest.approx(gi_star(values, binary)[1])
    row = summary.row()
    hot = summary.gi.significant & (summary.gi.z > 0)
    assert row["units"] == 36 and row["hot-spot units"] == int(hot.sum()) > 0
    assert row["crime in hot spots %"] == pytest.approx(100 * values[hot].sum() / values.sum())
    assert row["zero units %"] == pytest.approx(100 * 31 / 36)
    assert row["permutation p"] is None
    with pytest.raises(ValueError, match="correction"):
        hm.scale_summary(values, weights, permutations=0, correction="holm")


# --- units ------------------------------------------------------------------------------------


def test_hex_centres_follow_the_uploaders_formula():
    lon, lat, x, y = hm.hex_centres(np.array([0, 2]), np.array([0, -1]))
    assert lon[0] == lat[0] == 0.0
    assert lon[1] == pytest.approx(300 / (111_320 * math.cos(math.radians(51.5))))
    assert lat[1] == pytest.approx(0.0)  # r + q/2 = 0
    assert np.isfinite(x).all() and np.isfinite(y).all()


def test_hex_lattice_is_a_full_regular_grid_inside_the_box():
    box = (529_000, 179_500, 531_000, 181_000)
    lattice = hm.hex_lattice(box)
    assert lattice[["hex_q", "hex_r"]].drop_duplicates().shape[0] == len(lattice)
    assert lattice["x"].between(box[0], box[2]).all() and lattice["y"].between(box[1],
                                                                               box[3]).all()
    cell_area = 3 * math.sqrt(3) / 2 * hm.HEX_RADIUS**2
    assert len(lattice) == pytest.approx(2_000 * 1_500 / cell_area, rel=0.05)
    weights = distance_band(lattice, 1.05 * hm.HEX_SPACING, transform="B")
    inner = lattice["x"].between(box[0] + 400, box[2] - 400) & lattice["y"].between(
        box[1] + 400, box[3] - 400)
    cards = np.array([len(weights.neighbors[i]) for i in lattice.index])
    assert (cards[inner.to_numpy()] == 6).all() and weights.n_islands == 0
    with pytest.raises(ValueError, match="bounds"):
        hm.hex_lattice((1, 1, 0, 0))


def test_hex_totals_sums_months_and_fills_empty_cells_with_zero():
    lattice = pd.DataFrame({"hex_q": [0, 0, 1], "hex_r": [0, 1, 0]}, index=[10, 11, 12])
    hexes = pd.DataFrame({
        "crime_type": ["Robbery", "Robbery", "Burglary", "Robbery"],
        "hex_q": [0, 0, 1, 5], "hex_r": [0, 0, 0, 5], "crime_count": [2, 3, 7, 9]})
    totals = hm.hex_totals(lattice, hexes, "Robbery")
    assert totals.to_dict() == {10: 5, 11: 0, 12: 0}  # the (5, 5) cell is off the lattice
    with pytest.raises(KeyError, match="Drugs"):
        hm.hex_totals(lattice, hexes, "Drugs")


def test_square_cell_counts_puts_edge_points_east_and_north():
    from hotspots.io.boundaries import square_grid

    cells = square_grid(shapely.box(0, 0, 1000, 500), 250)
    assert len(cells) == 8
    x = np.array([10.0, 260.0, 250.0, 999.0, 2000.0])
    y = np.array([10.0, 10.0, 0.0, 499.0, 0.0])
    counts, outside = hm.square_cell_counts(x, y, cells, 250)
    assert outside == 1 and counts.sum() == 4
    lower_left = cells.geometry.bounds[["minx", "miny"]].apply(tuple, axis=1)
    by_corner = dict(zip(lower_left, counts.to_numpy(), strict=True))
    assert by_corner[(0.0, 0.0)] == 1 and by_corner[(250.0, 0.0)] == 2
    assert by_corner[(750.0, 250.0)] == 1
    with pytest.raises(ValueError, match="NaN"):
        hm.square_cell_counts([np.nan], [0.0], cells, 250)


def test_sum_by_place_adds_whole_areas_by_representative_point():
    areas = grid(4, 1)  # four unit squares along x
    places = gpd.GeoDataFrame({"code": ["W", "E", "far"]}, geometry=[
        shapely.box(0, 0, 2.2, 1), shapely.box(2.2, 0, 3.5, 1), shapely.box(10, 10, 11, 11)],
        crs=BNG)
    values = pd.Series([1.0, 2.0, 4.0, 8.0], index=areas.index)
    totals, place = hm.sum_by_place(areas, values, places, "code")
    # c2 (2..3) has its point at 2.5 -> E; c3 (3..4) at 3.5 is on E's edge: no place holds it
    assert totals.to_dict() == {"W": 3.0, "E": 4.0, "far": 0.0}
    assert place.isna().tolist() == [False, False, False, True]
    with pytest.raises(ValueError, match="indexed like"):
        hm.sum_by_place(areas, values.reset_index(drop=True).iloc[::-1], places, "code")


def test_apportion_by_area_shares_by_overlap():
    source = gpd.GeoDataFrame({"people": [100.0]}, geometry=[shapely.box(0, 0, 2, 1)], crs=BNG)
    target = gpd.GeoDataFrame({"id": ["a", "b", "c"]}, geometry=[
        shapely.box(0, 0, 1.5, 1), shapely.box(1.5, 0, 3, 1), shapely.box(5, 5, 6, 6)], crs=BNG)
    shares = hm.apportion_by_area(source, "people", target, "id")
    assert shares.to_dict() == pytest.approx({"a": 75.0, "b": 25.0, "c": 0.0})


def test_residents_on_2021_lsoas_exact_for_kept_codes_areal_for_the_rest():
    old = gpd.GeoDataFrame({"lsoa_code": ["A", "B"], "usual_residents": [100, 300]},
                           geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 4, 1)], crs=BNG)
    new = gpd.GeoDataFrame({"lsoa_code": ["B2", "A", "B1"]}, geometry=[
        shapely.box(2, 0, 4, 1), shapely.box(0, 0, 1.1, 1), shapely.box(1, 0, 2, 1)], crs=BNG)
    table = hm.residents_on_2021_lsoas(old, new)
    assert table["lsoa_code"].tolist() == ["B2", "A", "B1"]
    assert table["residents"].tolist() == pytest.approx([200.0, 100.0, 100.0])
    assert table["method"].tolist() == ["areal", "same code", "areal"]


# --- the real mirror --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    """The mirror's data folder with a private cache; skips when it lacks the files."""
    root = data_dir()
    if not ((root / "geography").is_dir() and (root / "police_uk" / "subsets").is_dir()):
        pytest.skip("data mirror not available (set HOTSPOTS_DATA)")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOTSPOTS_DATA", str(root))
        patch.setenv("HOTSPOTS_CACHE", str(tmp_path_factory.mktemp("hotspot_maps_cache")))
        yield root


@pytest.mark.mirror
def test_mirror_hex_lattice_holds_every_published_hexagon(mirror):
    from hotspots.io import police_uk_extracts as police_uk_subsets

    box = (525_500, 177_500, 534_500, 183_500)
    hexes = police_uk_subsets.load_hex_counts()
    lattice = hm.hex_lattice(box)
    assert len(lattice) == 2_062
    published = hexes.drop_duplicates(["hex_q", "hex_r"])
    inside = published[published["x"].between(box[0], box[2])
                       & published["y"].between(box[1], box[3])]
    merged = inside.merge(lattice, on=["hex_q", "hex_r"], suffixes=("", "_lattice"))
    assert len(merged) == len(inside) == 1_628  # 434 lattice cells never record a crime
    assert np.abs(merged["x"] - merged["x_lattice"]).max() < 1e-6
    tfp = hm.hex_totals(lattice, hexes, "Theft from the person")
    assert int(tfp.sum()) == int(hexes.loc[
        (hexes["crime_type"] == "Theft from the person")
        & hexes["x"].between(box[0], box[2]) & hexes["y"].between(box[1], box[3]),
        "crime_count"].sum())


@pytest.mark.mirror
def test_mirror_census_2011_residents_on_2021_lsoas(mirror):
    from hotspots.io import boundaries as geography

    old, new = geography.lsoas_2011(), geography.lsoas_2021()
    table = hm.residents_on_2021_lsoas(old, new)
    assert len(table) == 4_994 and (table["method"] == "same code").sum() == 4_659
    assert (table["residents"] > 0).all()
    assert table["residents"].sum() == pytest.approx(8_173_941, rel=0.002)
