"""The GLA London town-centre network (not in the offline mirror: read what a user downloads)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from hotspots.config import data_dir
from hotspots.geo.crs import BNG
from hotspots.io.errors import DataFileError
from hotspots.io.files import text_stream

TOWN_CENTRE_DIR = "geography/town_centres"


TOWN_CENTRES_MISSING = (
    "The GLA town-centre network is not in the data folder. Download 'Town Centre Boundaries' "
    "(GeoPackage) or 'Town Centre locations' (shapefile) from the London Datastore "
    f"(data.london.gov.uk) and put it in $HOTSPOTS_DATA/{TOWN_CENTRE_DIR}/"
)


def read_town_centres(
    path: str | Path | None = None, *, columns: dict[str, str] | None = None
) -> gpd.GeoDataFrame:
    """The GLA London town-centre network as name, classification, geometry (EPSG:27700).

    ``path`` is a GeoPackage, shapefile, GeoJSON or CSV; by default the first such file in
    ``data_dir()/geography/town_centres/`` (not in the offline mirror: FileNotFoundError naming
    the London Datastore datasets to download). The file needs a ``name`` and a
    ``classification`` column (case-insensitive; e.g. International, Metropolitan, Major,
    District); ``columns`` renames the publisher's columns first, e.g.
    ``{"TC_NAME": "name", "TYPE": "classification"}`` — the GLA files' own column names could
    not be checked offline. A CSV holds points as ``easting, northing`` (EPSG:27700) or
    ``longitude, latitude`` (WGS84). Spatial files must declare their CRS.
    """
    path = Path(path) if path is not None else _town_centre_file()
    if not path.exists():
        raise DataFileError(path, "file not found")
    is_csv = path.name.lower().endswith((".csv", ".csv.gz"))
    frame = _town_centre_points(path) if is_csv else gpd.read_file(path)
    frame = frame.rename(columns=columns or {})
    lower = {str(c).lower(): c for c in frame.columns}
    missing = [c for c in ("name", "classification") if c not in lower]
    if missing:
        raise DataFileError(path, f"missing columns {missing} (columns: {list(frame.columns)}); "
                            "pass columns={...} to rename")
    frame = frame.rename(columns={lower["name"]: "name",
                                  lower["classification"]: "classification"})
    if frame.crs is None:
        raise DataFileError(path, "no coordinate reference system")
    blank = frame["name"].isna() | frame.geometry.isna() | frame.geometry.is_empty
    if blank.any():
        at = int(np.argmax(blank))
        raise DataFileError(path, f"feature {at + 1} lacks a name or geometry",
                            at + 2 if is_csv else None)
    return frame[["name", "classification", "geometry"]].to_crs(BNG).reset_index(drop=True)


def _town_centre_file() -> Path:
    folder = data_dir() / TOWN_CENTRE_DIR
    for pattern in ("*.gpkg", "*.shp", "*.geojson", "*.csv"):
        found = sorted(folder.glob(pattern))
        if found:
            return found[0]
    raise FileNotFoundError(TOWN_CENTRES_MISSING)


def _town_centre_points(path: Path) -> gpd.GeoDataFrame:
    table = pd.read_csv(text_stream(path))
    lower = {str(c).lower(): c for c in table.columns}
    for x, y, crs in (("easting", "northing", BNG), ("longitude", "latitude", "EPSG:4326")):
        if x in lower and y in lower:
            xy = table[[lower[x], lower[y]]].apply(pd.to_numeric, errors="coerce")
            bad = xy.isna().any(axis=1)
            if bad.any():
                at = int(np.argmax(bad))
                raise DataFileError(path, f"{x}/{y} are not numbers", at + 2)
            points = gpd.points_from_xy(xy.iloc[:, 0], xy.iloc[:, 1])
            return gpd.GeoDataFrame(table, geometry=points, crs=crs)
    raise DataFileError(path, "no easting/northing or longitude/latitude columns", 1)
