"""Tests for hotspots.geo.assign: points to units, with every point accounted for."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from lattices import BNG, grid
from shapely.geometry import box

from hotspots.analyses import phone_theft as pt
from hotspots.geo import assign, grids
from hotspots.geo.grids import hexagons
from hotspots.io import boundaries as geography
from hotspots.io.police_uk import to_bng


def test_hex_totals_sums_months_and_fills_empty_cells_with_zero():
    lattice = pd.DataFrame({"hex_q": [0, 0, 1], "hex_r": [0, 1, 0]}, index=[10, 11, 12])
    hexes = pd.DataFrame({
        "crime_type": ["Robbery", "Robbery", "Burglary", "Robbery"],
        "hex_q": [0, 0, 1, 5], "hex_r": [0, 0, 0, 5], "crime_count": [2, 3, 7, 9]})
    totals = assign.hex_totals(lattice, hexes, "Robbery")
    assert totals.to_dict() == {10: 5, 11: 0, 12: 0}  # the (5, 5) cell is off the lattice
    with pytest.raises(KeyError, match="Drugs"):
        assign.hex_totals(lattice, hexes, "Drugs")


def test_square_cell_counts_puts_edge_points_east_and_north():
    from hotspots.geo.grids import square_grid

    cells = square_grid(shapely.box(0, 0, 1000, 500), 250)
    assert len(cells) == 8
    x = np.array([10.0, 260.0, 250.0, 999.0, 2000.0])
    y = np.array([10.0, 10.0, 0.0, 499.0, 0.0])
    counts, outside = assign.square_cell_counts(x, y, cells, 250)
    assert outside == 1 and counts.sum() == 4
    lower_left = cells.geometry.bounds[["minx", "miny"]].apply(tuple, axis=1)
    by_corner = dict(zip(lower_left, counts.to_numpy(), strict=True))
    assert by_corner[(0.0, 0.0)] == 1 and by_corner[(250.0, 0.0)] == 2
    assert by_corner[(750.0, 250.0)] == 1
    with pytest.raises(ValueError, match="NaN"):
        assign.square_cell_counts([np.nan], [0.0], cells, 250)


def test_sum_by_place_adds_whole_areas_by_representative_point():
    areas = grid(4, 1)  # four unit squares along x
    places = gpd.GeoDataFrame({"code": ["W", "E", "far"]}, geometry=[
        shapely.box(0, 0, 2.2, 1), shapely.box(2.2, 0, 3.5, 1), shapely.box(10, 10, 11, 11)],
        crs=BNG)
    values = pd.Series([1.0, 2.0, 4.0, 8.0], index=areas.index)
    totals, place = assign.sum_by_place(areas, values, places, "code")
    # c2 (2..3) has its point at 2.5 -> E; c3 (3..4) at 3.5 is on E's edge: no place holds it
    assert totals.to_dict() == {"W": 3.0, "E": 4.0, "far": 0.0}
    assert place.isna().tolist() == [False, False, False, True]
    with pytest.raises(ValueError, match="indexed like"):
        assign.sum_by_place(areas, values.reset_index(drop=True).iloc[::-1], places, "code")


def test_apportion_by_area_shares_by_overlap():
    source = gpd.GeoDataFrame({"people": [100.0]}, geometry=[shapely.box(0, 0, 2, 1)], crs=BNG)
    target = gpd.GeoDataFrame({"id": ["a", "b", "c"]}, geometry=[
        shapely.box(0, 0, 1.5, 1), shapely.box(1.5, 0, 3, 1), shapely.box(5, 5, 6, 6)], crs=BNG)
    shares = assign.apportion_by_area(source, "people", target, "id")
    assert shares.to_dict() == pytest.approx({"a": 75.0, "b": 25.0, "c": 0.0})


def test_residents_on_2021_lsoas_exact_for_kept_codes_areal_for_the_rest():
    old = gpd.GeoDataFrame({"lsoa_code": ["A", "B"], "usual_residents": [100, 300]},
                           geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 4, 1)], crs=BNG)
    new = gpd.GeoDataFrame({"lsoa_code": ["B2", "A", "B1"]}, geometry=[
        shapely.box(2, 0, 4, 1), shapely.box(0, 0, 1.1, 1), shapely.box(1, 0, 2, 1)], crs=BNG)
    table = assign.residents_on_2021_lsoas(old, new)
    assert table["lsoa_code"].tolist() == ["B2", "A", "B1"]
    assert table["residents"].tolist() == pytest.approx([200.0, 100.0, 100.0])
    assert table["method"].tolist() == ["areal", "same code", "areal"]


@pytest.mark.mirror
def test_mirror_census_2011_residents_on_2021_lsoas(mirror):

    old, new = geography.lsoas_2011(), geography.lsoas_2021()
    table = assign.residents_on_2021_lsoas(old, new)
    assert len(table) == 4_994 and (table["method"] == "same code").sum() == 4_659
    assert (table["residents"] > 0).all()
    assert table["residents"].sum() == pytest.approx(8_173_941, rel=0.002)


def test_counts_by_unit_keeps_zero_units_and_skips_missing_ids():
    counts = assign.counts_by_unit(pd.Series(["b", "a", "b", None]), ["a", "b", "c"])
    assert counts.tolist() == [1, 2, 0] and counts.index.tolist() == ["a", "b", "c"]
    with pytest.raises(ValueError):
        assign.counts_by_unit(pd.Series(["z"]), ["a"])


def test_points_in_polygons_edge_points_go_to_the_first_polygon():
    squares = grid(2, 1, size=10.0)  # c0: x 0-10, c1: x 10-20
    ids = assign.points_in_polygons([5, 15, 10, 50], [5, 5, 5, 5], squares, "id")
    assert ids.iloc[:3].tolist() == ["c0", "c1", "c0"]
    assert ids.isna().tolist() == [False, False, False, True]


def test_points_in_grid_matches_square_grid_cells():
    area = shapely.box(0, 0, 1000, 500)
    cells = grids.square_grid(area, 250)
    assert len(cells) == 8
    corners = cells.geometry.bounds.set_index(cells["cell_id"])[["minx", "miny"]]
    ids = assign.points_in_grid([10, 260, 999, 250, 2000], [10, 10, 499, 0, 10], cells, 250)
    found = [corners.loc[i].tolist() for i in ids.iloc[:4]]
    assert found == [[0, 0], [250, 0], [750, 250], [250, 0]]  # x = 250 is the eastern cell's
    assert pd.isna(ids.iat[4])


def test_label_by_place_and_place_anchors():
    places = gpd.GeoDataFrame(
        {"ward_name": ["St. James's", "Cathedrals"]},
        geometry=[shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)], crs="EPSG:27700")
    areas = gpd.GeoDataFrame(geometry=[shapely.box(1, 1, 3, 3), shapely.box(12, 2, 14, 4),
                                       shapely.box(30, 30, 31, 31)], crs="EPSG:27700")
    labels = assign.label_by_place(areas, places, "ward_name")
    assert labels.iloc[:2].tolist() == ["St. James's", "Cathedrals"] and pd.isna(labels.iloc[2])
    anchors = pt.place_anchors(places, {"St James's": "St. James's",
                                        "Borough & Bankside": "Cathedrals"})
    assert anchors["label"].tolist() == ["St James's", "Borough &\nBankside\n(≈ Cathedrals)"]
    assert places.geometry.iloc[1].contains(anchors.geometry.iloc[1])
    with pytest.raises(ValueError, match="matches 0 wards"):
        pt.place_anchors(places, {"Waterloo & South Bank": "Bishop's"})


def test_distance_from_and_hexagons():
    cx, cy = to_bng([pt.CHARING_CROSS[0]], [pt.CHARING_CROSS[1]])
    assert assign.distance_from(cx + 300, cy + 400, pt.CHARING_CROSS) == pytest.approx([500])
    cells = hexagons(np.array([0.0, 150.0]), np.array([0.0, 100 * math.sqrt(3) / 2]), 100)
    assert shapely.area(cells) == pytest.approx([3 * math.sqrt(3) / 2 * 100**2] * 2)
    corners = shapely.get_coordinates(cells[0])[:-1]
    assert np.hypot(*corners.T) == pytest.approx([100] * 6)
    assert corners[0] == pytest.approx([100, 0])  # flat-topped: a corner due east
    # Neighbours on the flat-top axial grid touch without overlapping.
    assert shapely.intersection(cells[0], cells[1]).area == pytest.approx(0, abs=1e-6)
    assert shapely.distance(cells[0], cells[1]) == pytest.approx(0, abs=1e-6)


def test_count_points_counts_each_point_once_and_lists_empty_areas():
    areas = gpd.GeoDataFrame({"code": ["A", "B", "C"]},
                             geometry=[box(0, 0, 10, 10), box(10, 0, 20, 10), box(50, 50, 60, 60)],
                             crs="EPSG:27700")
    x = np.array([1, 2, 15, 10, np.nan, 100])
    y = np.array([1, 2, 5, 5, 1, 100])
    counts = assign.count_points(areas, "code", x, y)
    # (10, 5) lies on the shared edge: 'within' neither square, so it is not counted
    assert counts.to_dict() == {"A": 2, "B": 1, "C": 0}
