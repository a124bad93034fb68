"""Points to units and areas to places: the one home of every spatial assignment.

- :func:`points_in_polygons` (a point on a shared edge goes to the polygon listed first) and
  :func:`points_in_grid` (square cells keyed by ``⌊x / size⌋``) give each point its unit;
  :func:`counts_by_unit`, :func:`count_points` and :func:`square_cell_counts` count them.
- :func:`label_by_place` and :func:`sum_by_place` put whole small areas into the place holding
  their representative point; :func:`apportion_by_area` shares a count by overlapping area.
- :func:`hex_totals` puts the third-party hexagon counts on a lattice of cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import ArrayLike

from hotspots.geo.crs import BNG, to_bng


def counts_by_unit(unit_ids: pd.Series, units: Sequence) -> pd.Series:
    """How many records fall in each unit (zeros included), in ``units`` order.

    Records whose id is missing are not counted; an id not in ``units`` raises ``ValueError``.
    """
    ids = unit_ids.dropna()
    unknown = set(ids) - set(units)
    if unknown:
        raise ValueError(f"{len(unknown)} unit id(s) are not among the units")
    return ids.value_counts().reindex(pd.Index(units), fill_value=0).astype("int64")


def points_in_polygons(
    x: ArrayLike,
    y: ArrayLike,
    polygons: gpd.GeoDataFrame,
    id_column: str,
    *,
    edges: Literal["first", "none"] = "first",
) -> pd.Series:
    """Id of the polygon each point lies in (``<NA>`` if none).

    A point on a polygon's boundary goes to the first polygon (in ``polygons`` order) that it
    touches with ``edges="first"``, and to no polygon with ``edges="none"`` (only points
    strictly inside count, as in a "within" spatial join).
    """
    points = shapely.points(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    tree = shapely.STRtree(polygons.geometry.to_numpy())
    predicate = "intersects" if edges == "first" else "within"
    point_idx, poly_idx = tree.query(points, predicate=predicate)
    order = np.lexsort((poly_idx, point_idx))
    point_idx, poly_idx = point_idx[order], poly_idx[order]
    first = np.unique(point_idx, return_index=True)[1]
    ids = pd.Series(pd.NA, index=range(len(points)), dtype=polygons[id_column].dtype)
    ids.iloc[point_idx[first]] = polygons[id_column].to_numpy()[poly_idx[first]]
    return ids


def points_in_grid(
    x: ArrayLike, y: ArrayLike, grid: gpd.GeoDataFrame, cell_size: float
) -> pd.Series:
    """``cell_id`` of the :func:`hotspots.geography.square_grid` cell holding each point.

    A point on a cell edge goes to the cell east/north of it; points in no kept cell get
    ``<NA>``.
    """
    bounds = grid.geometry.bounds
    key = pd.Series(
        grid["cell_id"].to_numpy(),
        index=pd.MultiIndex.from_arrays([np.round(bounds["minx"] / cell_size).astype("int64"),
                                         np.round(bounds["miny"] / cell_size).astype("int64")]),
    )
    cols = np.floor(np.asarray(x, dtype=float) / cell_size).astype("int64")
    rows = np.floor(np.asarray(y, dtype=float) / cell_size).astype("int64")
    found = key.reindex(pd.MultiIndex.from_arrays([cols, rows]))
    return pd.Series(found.to_numpy(), dtype="Int64")


def hex_totals(lattice: pd.DataFrame, hexes: pd.DataFrame, crime_type: str) -> pd.Series:
    """Counts of ``crime_type`` summed over all months of ``hexes``, one per ``lattice`` row.

    Cells without such crime count 0; indexed like ``lattice``. ``hexes`` are
    :func:`hotspots.police_uk_subsets.load_hex_counts` rows.
    """
    rows = hexes[hexes["crime_type"] == crime_type]
    if rows.empty:
        raise KeyError(f"no hexagon rows for crime type {crime_type!r}")
    sums = rows.groupby(["hex_q", "hex_r"])["crime_count"].sum()
    keys = pd.MultiIndex.from_arrays([lattice["hex_q"], lattice["hex_r"]])
    return pd.Series(sums.reindex(keys, fill_value=0).to_numpy(), index=lattice.index,
                     name=crime_type)


def square_cell_counts(
    x: ArrayLike, y: ArrayLike, cells: gpd.GeoDataFrame, size: float
) -> tuple[pd.Series, int]:
    """Points per cell of a :func:`hotspots.geo.grids.square_grid` of side ``size``, and the
    number of points in no cell (keyed as :func:`points_in_grid`).

    Returns counts indexed by ``cell_id`` in ``cells`` order (zeros included).
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if np.isnan(x).any() or np.isnan(y).any():
        raise ValueError("points need coordinates (no NaN)")
    ids = points_in_grid(x, y, cells, size)
    counts = ids.value_counts().reindex(cells["cell_id"], fill_value=0).to_numpy("int64")
    index = pd.Index(cells["cell_id"], name="cell_id")
    return pd.Series(counts, index=index), int(ids.isna().sum())


def sum_by_place(
    areas: gpd.GeoDataFrame, values: pd.Series, places: gpd.GeoDataFrame, place_id: str
) -> tuple[pd.Series, pd.Series]:
    """Totals of ``values`` (aligned with ``areas``' index) per place, each area going whole to
    the place holding its representative point.

    Returns (totals indexed by ``places[place_id]`` in ``places`` order, zeros for places that
    got no area; the place of each area, <NA> where none holds it).
    """
    if not values.index.equals(areas.index):
        raise ValueError("values must be indexed like areas")
    place = label_by_place(areas, places, place_id)
    totals = values.groupby(place.to_numpy()).sum()
    return totals.reindex(places[place_id], fill_value=0), place


def apportion_by_area(
    source: gpd.GeoDataFrame, column: str, target: gpd.GeoDataFrame, target_id: str
) -> pd.Series:
    """Share each source polygon's ``column`` among target polygons by overlapping area.

    A target gets ``value × area(source ∩ target) / area(source)`` from each source it
    overlaps (areal weighting: it assumes people are spread evenly within a source polygon).
    Returns totals indexed by ``target[target_id]`` in ``target`` order (0 where none overlap).
    """
    src = source[[column, "geometry"]].to_crs(BNG).assign(_area=lambda f: f.geometry.area)
    if (src["_area"] <= 0).any():
        raise ValueError("every source polygon needs a positive area")
    tgt = target[[target_id, "geometry"]].to_crs(BNG)
    pieces = gpd.overlay(src, tgt, how="intersection", keep_geom_type=True)
    shares = pieces[column] * pieces.geometry.area / pieces["_area"]
    totals = shares.groupby(pieces[target_id].to_numpy()).sum()
    return totals.reindex(tgt[target_id], fill_value=0.0).rename(column)


def residents_on_2021_lsoas(
    lsoas_2011: gpd.GeoDataFrame, lsoas_2021: gpd.GeoDataFrame, column: str = "usual_residents"
) -> pd.DataFrame:
    """Census 2011 residents put on the 2021 LSOAs: exact where the code is unchanged, by area
    otherwise.

    LSOAs that kept their 2011 code have the same boundary (ONS keeps a code only for an
    unchanged LSOA), so they take their Census count; the others' counts are
    :func:`apportion_by_area` from the 2011 LSOAs that did not survive. Returns lsoa_code,
    residents, method ("same code" / "areal") in ``lsoas_2021`` order.
    """
    shared = lsoas_2021["lsoa_code"].isin(set(lsoas_2011["lsoa_code"]))
    exact = lsoas_2011.set_index("lsoa_code")[column]
    gone = lsoas_2011[~lsoas_2011["lsoa_code"].isin(set(lsoas_2021["lsoa_code"]))]
    areal = apportion_by_area(gone, column, lsoas_2021[~shared], "lsoa_code")
    residents = np.where(shared, lsoas_2021["lsoa_code"].map(exact),
                         lsoas_2021["lsoa_code"].map(areal))
    return pd.DataFrame({
        "lsoa_code": lsoas_2021["lsoa_code"].to_numpy(),
        "residents": residents.astype(float),
        "method": np.where(shared, "same code", "areal"),
    })


def label_by_place(
    areas: gpd.GeoDataFrame, places: gpd.GeoDataFrame, name_column: str
) -> pd.Series:
    """For each area, the ``name_column`` of the place containing its representative point.

    <NA> where no place contains it; indexed like ``areas``.
    """
    points = areas.representative_point()
    places = places[[name_column, "geometry"]].to_crs(areas.crs).reset_index(drop=True)
    ids = points_in_polygons(points.x, points.y, places, name_column, edges="none")
    return pd.Series(ids.to_numpy(), index=areas.index, dtype="string")


def distance_from(x: np.ndarray, y: np.ndarray, lonlat: tuple[float, float]) -> np.ndarray:
    """Distance in metres from BNG points (``x``, ``y``) to a WGS 84 (lon, lat) point."""
    cx, cy = to_bng([lonlat[0]], [lonlat[1]])
    return np.hypot(np.asarray(x, float) - cx[0], np.asarray(y, float) - cy[0])


def count_points(areas: gpd.GeoDataFrame, key: str, x: ArrayLike, y: ArrayLike) -> pd.Series:
    """Points (British National Grid metres) per area, every area listed; NaN points ignored.

    A point on a boundary is in no area (only points strictly inside count).
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    keep = ~(np.isnan(x) | np.isnan(y))
    ids = points_in_polygons(x[keep], y[keep], areas.reset_index(drop=True), key,
                             edges="none")
    return counts_by_unit(ids, areas[key].tolist()).rename("points")
