"""Tests for hotspots.geo.grids: square grids and the one 100 m hexagon lattice."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from hotspots.analyses import concentration_stability as ht
from hotspots.config import data_dir
from hotspots.geo import assign, grids
from hotspots.geo.grids import HEX_GRID
from hotspots.io import boundaries as geo
from hotspots.io import boundaries as geography
from hotspots.io import police_uk
from hotspots.stats.spatial import (
    distance_band,
)

HEX_AREA = 3 * math.sqrt(3) / 2




def test_square_grid_counts_and_areas_on_a_rectangle():
    grid = grids.square_grid(box(0, 0, 1000, 500), 100)
    assert len(grid) == 50
    assert grid.area.eq(10_000).all()
    assert grid["cell_id"].tolist() == list(range(50))
    assert grid.geometry.iloc[0].bounds == (0, 0, 100, 100)
    shifted = grids.square_grid(box(50, 50, 1050, 550), 100)
    assert len(shifted) == 11 * 6  # cells stay on multiples of 100 m
    assert shifted.crs.to_epsg() == 27700


def test_hex_grid_tiles_a_rectangle_without_gaps_or_overlaps():
    area = box(0, 0, 1000, 600)
    grid = grids.hex_grid(area, 100)
    assert grid.area.round(6).eq(round(HEX_AREA * 100**2, 6)).all()
    union = grid.union_all()
    assert area.difference(union).area == pytest.approx(0, abs=1e-6)
    assert grid.area.sum() == pytest.approx(union.area)
    assert (grid.intersection(area).area > 0).all()
    assert len(grids.hex_grid(box(-5, -5, 5, 5), 100)) == 1


def test_grids_accept_a_geodataframe_and_check_their_inputs():
    frame = gpd.GeoDataFrame(geometry=[box(0, 0, 200, 200)], crs=geo.BNG)
    assert len(grids.square_grid(frame, 100)) == 4
    with pytest.raises(ValueError, match="no CRS"):
        grids.hex_grid(gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)]), 100)
    with pytest.raises(ValueError, match="cell_size must be positive"):
        grids.square_grid(box(0, 0, 1, 1), 0)


def test_hex_centres_follow_the_uploaders_formula():
    lon, lat, x, y = HEX_GRID.centres(np.array([0, 2]), np.array([0, -1]))
    assert lon[0] == lat[0] == 0.0
    assert lon[1] == pytest.approx(300 / (111_320 * math.cos(math.radians(51.5))))
    assert lat[1] == pytest.approx(0.0)  # r + q/2 = 0
    assert np.isfinite(x).all() and np.isfinite(y).all()


def test_hex_lattice_is_a_full_regular_grid_inside_the_box():
    box = (529_000, 179_500, 531_000, 181_000)
    lattice = HEX_GRID.cells_in_box(box)
    assert lattice[["hex_q", "hex_r"]].drop_duplicates().shape[0] == len(lattice)
    assert lattice["x"].between(box[0], box[2]).all() and lattice["y"].between(box[1],
                                                                               box[3]).all()
    cell_area = 3 * math.sqrt(3) / 2 * HEX_GRID.radius**2
    assert len(lattice) == pytest.approx(2_000 * 1_500 / cell_area, rel=0.05)
    weights = distance_band(lattice, 1.05 * HEX_GRID.spacing, transform="B")
    inner = lattice["x"].between(box[0] + 400, box[2] - 400) & lattice["y"].between(
        box[1] + 400, box[3] - 400)
    cards = np.array([len(weights.neighbors[i]) for i in lattice.index])
    assert (cards[inner.to_numpy()] == 6).all() and weights.n_islands == 0
    with pytest.raises(ValueError, match="bounds"):
        HEX_GRID.cells_in_box((1, 1, 0, 0))


@pytest.mark.mirror
def test_mirror_hex_lattice_holds_every_published_hexagon(mirror):
    from hotspots.io import police_uk_extracts as police_uk_subsets

    box = (525_500, 177_500, 534_500, 183_500)
    hexes = police_uk_subsets.load_hex_counts()
    lattice = HEX_GRID.cells_in_box(box)
    assert len(lattice) == 2_062
    published = hexes.drop_duplicates(["hex_q", "hex_r"])
    inside = published[published["x"].between(box[0], box[2])
                       & published["y"].between(box[1], box[3])]
    merged = inside.merge(lattice, on=["hex_q", "hex_r"], suffixes=("", "_lattice"))
    assert len(merged) == len(inside) == 1_628  # 434 lattice cells never record a crime
    assert np.abs(merged["x"] - merged["x_lattice"]).max() < 1e-6
    tfp = assign.hex_totals(lattice, hexes, "Theft from the person")
    assert int(tfp.sum()) == int(hexes.loc[
        (hexes["crime_type"] == "Theft from the person")
        & hexes["x"].between(box[0], box[2]) & hexes["y"].between(box[1], box[3]),
        "crime_count"].sum())


def test_hex_cells_over_lists_centres_inside_at_the_uploader_spacing():
    centre_x, centre_y = police_uk.to_bng([-0.1278], [51.5074])
    area = shapely.box(centre_x[0] - 1000, centre_y[0] - 1000, centre_x[0] + 1000,
                       centre_y[0] + 1000)
    cells = HEX_GRID.cells_over(area)
    hex_area = 3 * math.sqrt(3) / 2 * HEX_GRID.radius**2  # m², about 2.6 ha
    assert len(cells) == pytest.approx(4e6 / hex_area, rel=0.1)
    assert shapely.contains_xy(area, cells["x"], cells["y"]).all()
    q, r = cells["hex_q"].to_numpy(), cells["hex_r"].to_numpy()
    lon = 150 * q / HEX_GRID.metres_per_degree_lon
    lat = 100 * math.sqrt(3) * (r + q / 2) / HEX_GRID.metres_per_degree_lat
    x, y = police_uk.to_bng(lon, lat)
    assert np.allclose(x, cells["x"]) and np.allclose(y, cells["y"])
    gaps = np.hypot(*(np.diff(np.column_stack([x, y])[np.argsort(q * 10_000 + r)], axis=0).T))
    assert np.isclose(np.median(gaps), 100 * math.sqrt(3), rtol=0.05)  # neighbours in a column


@pytest.mark.mirror
def test_mirror_hex_cells_cover_london_and_the_met_lsoa_matrix():
    if not (data_dir() / "geography").is_dir() or not (data_dir() / "met_datastore").is_dir():
        pytest.skip("data mirror not available (set HOTSPOTS_DATA)")
    from hotspots.io import met

    cells = HEX_GRID.cells_over(police_uk.london_outline())
    london_m2 = shapely.area(police_uk.london_outline())
    assert len(cells) == pytest.approx(london_m2 / (3 * math.sqrt(3) / 2 * 100**2), rel=0.02)
    lsoas = geography.lsoas_2021()
    months = pd.period_range("2024-03", "2026-02", freq="M")
    matrix = ht.unit_month_matrix(met.load_lsoa_counts(), lsoas["lsoa_code"].tolist(), months)
    assert matrix.shape == (4_994, 24)
    assert int((matrix.sum(axis=1) == 0).sum()) == 6  # the City of London's LSOAs
