"""Boundaries, lookups and populations for London, as GeoDataFrames in EPSG:27700."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from .names import name_key
from .paths import data_dir

BNG = "EPSG:27700"
STAT_GIS_ZIP = "geography/statistical-gis-boundaries-london.zip"
STAT_GIS_LAYER = "statistical-gis-boundaries-london/ESRI/{layer}.shp"


def read_stat_gis_layer(layer: str) -> gpd.GeoDataFrame:
    """One layer of the London Datastore 'Statistical GIS Boundary Files' zip, in EPSG:27700.

    The publisher's .prj is ESRI WKT that pyproj does not map to an EPSG code; it is
    British National Grid, so the CRS is set to EPSG:27700 explicitly.
    """
    path = data_dir() / STAT_GIS_ZIP
    frame = gpd.read_file(f"zip://{path}!{STAT_GIS_LAYER.format(layer=layer)}")
    return frame.set_crs(BNG, allow_override=True)


def boroughs() -> gpd.GeoDataFrame:
    """The 33 London boroughs (City of London included): borough_code, borough_name, geometry."""
    frame = read_stat_gis_layer("London_Borough_Excluding_MHW")
    frame = frame.rename(columns={"GSS_CODE": "borough_code", "NAME": "borough_name"})
    frame = frame[["borough_code", "borough_name", "HECTARES", "ONS_INNER", "geometry"]]
    return frame.sort_values("borough_code").reset_index(drop=True)


def borough_lookup() -> pd.DataFrame:
    """borough_code, borough_name and the normalised join key ``name_key`` for the 33 boroughs."""
    table = pd.DataFrame(boroughs()[["borough_code", "borough_name"]])
    table["name_key"] = table["borough_name"].map(name_key)
    return table
