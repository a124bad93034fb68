"""Grids over London in EPSG:27700: squares, regular hexagons, and the third-party hexagon lattice.

:func:`square_grid` and :func:`hex_grid` cover an area with cells of a chosen size.
:class:`ThirdPartyHexGrid` is the one home of the 100 m hexagon lattice that a third party
used to aggregate data.police.uk records (Ellmal/3D-London-Crime-Statistics; see
``police_uk/SOURCES.md``): it sits on a local equirectangular grid, ``x = lon · 111320 ·
cos(51.5°)``, ``y = lat · 110540``, with the centre of cell ``(q, r)`` at ``x = 1.5 R q``,
``y = √3 R (r + q / 2)`` and ``R`` = 100 m.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import ArrayLike
from shapely.geometry.base import BaseGeometry

from hotspots.geo.crs import BNG, to_bng


def _area_geometry(area: BaseGeometry | gpd.GeoSeries | gpd.GeoDataFrame) -> BaseGeometry:
    if isinstance(area, gpd.GeoDataFrame | gpd.GeoSeries):
        if area.crs is None:
            raise ValueError("area has no CRS; grids are built in EPSG:27700")
        return area.to_crs(BNG).union_all()
    return area


def _cells_over(area: BaseGeometry, cells: np.ndarray) -> gpd.GeoDataFrame:
    """The cells whose interior meets the area (cells only touching its edge are left out)."""
    shapely.prepare(area)
    keep = shapely.intersects(area, cells) & ~shapely.touches(area, cells)
    kept = cells[keep]
    return gpd.GeoDataFrame({"cell_id": np.arange(len(kept))}, geometry=kept, crs=BNG)


def _check_size(cell_size: float) -> None:
    if not cell_size > 0:
        raise ValueError(f"cell_size must be positive, got {cell_size}")


def square_grid(
    area: BaseGeometry | gpd.GeoSeries | gpd.GeoDataFrame, cell_size: float
) -> gpd.GeoDataFrame:
    """Square cells of side ``cell_size`` metres covering ``area`` (EPSG:27700): cell_id, geometry.

    Cell corners sit on multiples of ``cell_size`` (so grids of different areas line up);
    only cells whose interior meets the area are kept, numbered from the south-west, row by row.
    """
    _check_size(cell_size)
    area = _area_geometry(area)
    minx, miny, maxx, maxy = area.bounds
    x0, y0 = math.floor(minx / cell_size), math.floor(miny / cell_size)
    xs = np.arange(x0, math.ceil(maxx / cell_size)) * cell_size
    ys = np.arange(y0, math.ceil(maxy / cell_size)) * cell_size
    x, y = (a.ravel() for a in np.meshgrid(xs, ys))
    return _cells_over(area, shapely.box(x, y, x + cell_size, y + cell_size))


def hex_grid(
    area: BaseGeometry | gpd.GeoSeries | gpd.GeoDataFrame, cell_size: float
) -> gpd.GeoDataFrame:
    """Flat-topped hexagons of side ``cell_size`` metres covering ``area``: cell_id, geometry.

    Each cell's area is 3√3/2·cell_size² (≈ 2.598 cell_size²). Centres lie at
    (1.5·i·s, √3·(j + i/2)·s) for whole i, j, so grids of different areas line up; only cells
    whose interior meets the area are kept, numbered row by row from the south.
    """
    _check_size(cell_size)
    area = _area_geometry(area)
    minx, miny, maxx, maxy = area.bounds
    half, rise = cell_size / 2, math.sqrt(3) / 2 * cell_size
    cols = np.arange(math.floor(minx / (3 * half)) - 1, math.ceil(maxx / (3 * half)) + 2)
    rows = np.arange(math.floor(miny / (2 * rise)) - 1, math.ceil(maxy / (2 * rise)) + 2)
    i, j = (a.ravel() for a in np.meshgrid(cols, rows))
    # Corners in whole multiples of half and rise, so neighbours share bit-identical edges.
    dx, dy = np.array([2, 1, -1, -2, -1, 1]), np.array([0, 1, 1, 0, -1, -1])
    x = (3 * i[:, None] + dx) * half
    y = (2 * j[:, None] + (i[:, None] % 2) + dy) * rise
    return _cells_over(area, shapely.polygons(np.stack([x, y], axis=-1)))


def hexagons(x: ArrayLike, y: ArrayLike, radius: float) -> np.ndarray:
    """Flat-topped regular hexagons (centre-to-vertex ``radius`` metres) around each centre."""
    angles = np.deg2rad(np.arange(0, 360, 60))
    xs = np.asarray(x, float)[:, None] + radius * np.cos(angles)
    ys = np.asarray(y, float)[:, None] + radius * np.sin(angles)
    return shapely.polygons(np.stack([xs, ys], axis=-1))


@dataclass(frozen=True)
class ThirdPartyHexGrid:
    """The 100 m hexagon lattice of the third-party police.uk aggregate (see the module text).

    :meth:`centres` places cells ``(q, r)``; :meth:`cells_over` lists every cell whose centre
    lies in an area (so cells without crime are units too); :meth:`cells_in_box` does the same
    for a BNG box and adds the hexagon polygons; :meth:`polygons` draws regular hexagons of the
    lattice's radius around BNG centres (the uploader's cells are regular on the local grid, so
    these approximate them to a few metres).
    """

    radius: float = 100.0
    metres_per_degree_lon: float = 111_320 * math.cos(math.radians(51.5))
    metres_per_degree_lat: float = 110_540.0

    @property
    def spacing(self) -> float:
        """Centre to neighbouring centre, √3·R (≈ 173.2 m)."""
        return math.sqrt(3) * self.radius

    def centres(
        self, q: ArrayLike, r: ArrayLike
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(longitude, latitude, x, y) of cells ``(q, r)``; x, y in BNG metres."""
        q, r = np.asarray(q, dtype=float), np.asarray(r, dtype=float)
        lon = 1.5 * self.radius * q / self.metres_per_degree_lon
        lat = self.spacing * (r + q / 2) / self.metres_per_degree_lat
        x, y = to_bng(lon, lat)
        return lon, lat, x, y

    def _candidates(self, bounds: tuple[float, float, float, float]
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every cell near a BNG box (a superset: the box's edges are not lines of lon/lat),
        ordered by q then r, with its centre."""
        west, south, east, north = bounds
        corners = gpd.GeoSeries(shapely.points([west, east, west, east],
                                               [south, south, north, north]),
                                crs=BNG).to_crs("EPSG:4326")
        lon, lat = corners.x.to_numpy(), corners.y.to_numpy()
        margin = 5
        step_x = 1.5 * self.radius
        q = np.arange(math.floor(lon.min() * self.metres_per_degree_lon / step_x) - margin,
                      math.ceil(lon.max() * self.metres_per_degree_lon / step_x) + margin + 1)
        r_low = math.floor(lat.min() * self.metres_per_degree_lat / self.spacing
                           - q.max() / 2) - margin
        r_high = math.ceil(lat.max() * self.metres_per_degree_lat / self.spacing
                           - q.min() / 2) + margin
        qq, rr = (a.ravel() for a in np.meshgrid(q, np.arange(r_low, r_high + 1), indexing="ij"))
        _, _, x, y = self.centres(qq, rr)
        return qq, rr, x, y

    def cells_over(self, area: BaseGeometry) -> pd.DataFrame:
        """Every cell with its centre inside ``area`` (EPSG:27700): ``hex_q``, ``hex_r`` and the
        centre's ``x``, ``y``, ordered by q then r."""
        qq, rr, x, y = self._candidates(shapely.bounds(area))
        inside = shapely.contains_xy(area, x, y)
        return pd.DataFrame({"hex_q": qq[inside], "hex_r": rr[inside], "x": x[inside],
                             "y": y[inside]}).reset_index(drop=True)

    def cells_in_box(self, bounds: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
        """Every cell whose centre lies in the BNG box ``bounds`` (minx, miny, maxx, maxy; edges
        included), with or without crime: ``hex_q``, ``hex_r``, ``x``, ``y`` and its hexagon,
        ordered by q then r."""
        minx, miny, maxx, maxy = bounds
        if not (minx < maxx and miny < maxy):
            raise ValueError(f"bounds {bounds} are not (minx, miny, maxx, maxy)")
        qq, rr, x, y = self._candidates(bounds)
        inside = (x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy)
        frame = pd.DataFrame({"hex_q": qq[inside], "hex_r": rr[inside], "x": x[inside],
                              "y": y[inside]})
        return gpd.GeoDataFrame(frame, geometry=self.polygons(frame["x"], frame["y"]), crs=BNG)

    def polygons(self, x: ArrayLike, y: ArrayLike) -> np.ndarray:
        """Regular hexagons of the lattice's radius around BNG centres."""
        return hexagons(x, y, self.radius)


#: The lattice of the third-party hexagon counts (``police_uk_extracts.load_hex_counts``).
HEX_GRID = ThirdPartyHexGrid()
