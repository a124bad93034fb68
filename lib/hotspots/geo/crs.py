"""Coordinate reference systems: British National Grid and the conversion into it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from pyproj import Transformer

BNG = "EPSG:27700"


_TO_BNG = Transformer.from_crs("EPSG:4326", BNG, always_xy=True)


ArrayLike = np.ndarray | pd.Series | Sequence[float]


def to_bng(longitude: ArrayLike, latitude: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """WGS 84 longitude/latitude to British National Grid easting/northing in metres (NaN stays
    NaN, where pyproj would give inf)."""
    lon, lat = np.asarray(longitude, float), np.asarray(latitude, float)
    x, y = _TO_BNG.transform(lon, lat)
    missing = np.isnan(lon) | np.isnan(lat)
    return np.where(missing, np.nan, x), np.where(missing, np.nan, y)
