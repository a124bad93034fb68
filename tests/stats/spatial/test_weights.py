"""Spatial weights: neighbour counts, id order, islands and components, transforms."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from lattices import binary_matrix, grid

from hotspots.config import data_dir
from hotspots.geo.grids import hex_grid
from hotspots.stats.spatial import contiguity, distance_band, knn


def test_rook_and_queen_on_a_3x3_grid():
    cells = grid(3, 3)
    rook = contiguity(cells, "rook", transform="B", id_column="id")
    queen = contiguity(cells, "queen", transform="B", id_column="id")
    # c4 is the centre, c0 a corner, c1 an edge cell.
    assert sorted(rook.neighbors["c4"]) == ["c1", "c3", "c5", "c7"]
    assert len(queen.neighbors["c4"]) == 8
    assert sorted(rook.neighbors["c0"]) == ["c1", "c3"]
    assert sorted(queen.neighbors["c0"]) == ["c1", "c3", "c4"]
    # rook: 12 shared edges -> 24 directed links over 9 cells.
    assert rook.mean_neighbors == pytest.approx(24 / 9)
    assert (rook.min_neighbors, rook.max_neighbors) == (2, 4)
    assert queen.mean_neighbors == pytest.approx(40 / 9)  # + 8 diagonal pairs
    assert rook.n == 9 and rook.n_islands == 0 and rook.n_components == 1
    assert "rook contiguity, binary; n=9" in rook.describe()


def test_ids_follow_row_order_whatever_their_sort_order():
    cells = grid(3, 3).iloc[[4, 8, 0, 2, 6, 1, 3, 5, 7]]
    spec = contiguity(cells, "rook", transform="B", id_column="id")
    assert spec.ids == tuple(cells["id"])
    assert spec.to_w().id_order == list(cells["id"])
    dense = binary_matrix(spec)
    assert np.array_equal(spec.to_w().full()[0], dense)
    assert dense[0].sum() == 4  # first row is c4, the centre
    indexed = contiguity(cells.set_index("id"), "rook", transform="B")
    assert indexed.ids == spec.ids and indexed.neighbors == spec.neighbors


def test_transforms_are_explicit_and_applied():
    cells = grid(3, 3)
    binary = contiguity(cells, "queen", transform="B", id_column="id")
    rows = binary.with_transform("R")
    assert rows.transform == "R" and rows.neighbors == binary.neighbors
    assert np.allclose(rows.to_w().full()[0].sum(axis=1), 1.0)
    assert set(np.unique(binary.to_w().full()[0])) == {0.0, 1.0}
    with pytest.raises(ValueError, match="transform"):
        contiguity(cells, "queen", transform="r", id_column="id")
    with pytest.raises(ValueError, match="rule"):
        contiguity(cells, "bishop", transform="B", id_column="id")


def test_bad_ids_and_crs_are_refused():
    cells = grid(2, 2)
    cells.loc[1, "id"] = "c0"
    with pytest.raises(ValueError, match="unique"):
        contiguity(cells, "rook", transform="B", id_column="id")
    with pytest.raises(ValueError, match="projected CRS"):
        knn(grid(3, 3).to_crs("EPSG:4326"), 2, transform="B", id_column="id")


def test_detached_polygon_is_reported_as_an_island():
    cells = grid(3, 3, extra={"far": (10, 10)})
    spec = contiguity(cells, "rook", transform="R", id_column="id")
    assert spec.islands == ("far",) and spec.unlinked == ("far",)
    assert spec.neighbors["far"] == []
    assert spec.n_components == 2 and spec.component_sizes == (9, 1)
    assert spec.min_neighbors == 0
    assert "1 island(s) without neighbours (far)" in spec.describe()
    assert spec.to_dict()["islands"] == ["far"]


def test_islands_attached_to_nearest_neighbour_say_so():
    cells = grid(3, 3, extra={"far": (10, 10)})
    spec = contiguity(cells, "rook", transform="B", id_column="id", attach_islands=True)
    # far's centroid (10.5, 10.5) is nearest c8's (2.5, 2.5), the north-east corner.
    assert spec.attached == (("far", "c8"),)
    assert spec.neighbors["far"] == ["c8"] and "far" in spec.neighbors["c8"]
    assert spec.islands == ("far",) and spec.unlinked == ()
    assert spec.n_components == 1 and spec.min_neighbors == 1
    assert "1 island(s) attached to their nearest neighbour" in spec.describe()


def test_two_islands_nearest_to_each_other_form_a_component():
    cells = grid(3, 3, extra={"a": (10, 10), "b": (12, 10)})
    spec = contiguity(cells, "rook", transform="B", id_column="id", attach_islands=True)
    assert spec.attached == (("a", "b"), ("b", "a"))
    assert spec.neighbors["a"] == ["b"] and spec.neighbors["b"] == ["a"]  # no duplicate link
    assert spec.n_components == 2 and spec.component_sizes == (9, 2)


def test_knn_and_distance_band_use_centroids_and_keep_ids():
    points = gpd.GeoDataFrame(
        {"id": ["p", "q", "r", "s"]},
        geometry=shapely.points([(0, 0), (1, 0), (3, 0), (10, 0)]),
        crs="EPSG:27700",
    )
    nearest = knn(points, 1, transform="B", id_column="id")
    assert nearest.neighbors == {"p": ["q"], "q": ["p"], "r": ["q"], "s": ["r"]}
    assert nearest.k == 1 and "k-nearest neighbours (k=1)" in nearest.describe()
    band = distance_band(points, 2.5, transform="B", id_column="id")
    assert band.neighbors == {"p": ["q"], "q": ["p", "r"], "r": ["q"], "s": []}
    assert band.islands == ("s",) and band.threshold == 2.5
    attached = distance_band(points, 2.5, transform="B", id_column="id", attach_islands=True)
    assert attached.attached == (("s", "r"),) and attached.n_components == 1
    with pytest.raises(ValueError, match="k=4"):
        knn(points, 4, transform="B", id_column="id")


def test_hexagonal_cells_have_six_neighbours_queen_equals_rook():
    cells = hex_grid(shapely.box(0, 0, 2000, 2000), 100.0)
    queen = contiguity(cells, "queen", transform="B", id_column="cell_id")
    rook = contiguity(cells, "rook", transform="B", id_column="cell_id")
    assert queen.neighbors == rook.neighbors  # hexagons share no corner without an edge
    assert queen.max_neighbors == 6 and queen.n_islands == 0 and queen.n_components == 1
    assert queen.mean_neighbors > 5


@pytest.mark.slow
@pytest.mark.mirror
def test_lsoas_2021_queen_weights_diagnostics():
    from hotspots.io.boundaries import LSOA21_ZIP, lsoas_2021

    if not (data_dir() / LSOA21_ZIP).exists():
        pytest.skip("LSOA 2021 boundaries not in the data folder")
    spec = contiguity(lsoas_2021(), "queen", transform="R", id_column="lsoa_code")
    assert spec.n == 4994
    assert spec.n_islands == 0 and spec.n_components == 1
    assert 5 < spec.mean_neighbors < 7


def test_a_spec_survives_its_frame_and_parquet(tmp_path):
    cells = grid(3, 3, extra={"far": (10, 10), "lone": (30, 30)})
    spec = contiguity(cells, "queen", transform="B", id_column="id", attach_islands=True)
    spec = spec.without(["c4"], reason="no data")
    path = tmp_path / "w.parquet"
    spec.to_frame().to_parquet(path)
    back = type(spec).from_frame(pd.read_parquet(path))
    assert back == spec and back.neighbors == spec.neighbors
    assert back.attached == spec.attached and back.dropped == spec.dropped
    assert back.describe() == spec.describe() and back.ids == spec.ids
