"""Boundaries, lookups, populations, grids and town centres for London, in EPSG:27700.

Sources under ``data_dir()/geography/`` (see its SOURCES.md):

- ``statistical-gis-boundaries-london.zip`` (London Datastore): the 33 boroughs, the 2011 LSOAs
  and MSOAs with their Census 2011 counts, and the ward layers ``London_Ward`` (649) and
  ``London_Ward_CityMerged`` (625). SOURCES.md calls these "2014 wards", but every code is
  E05000001-E05000649 and Tower Hamlets has its 17 pre-2014 wards: they are the wards in force
  from 2002 until the May 2014 elections (the Census 2011 wards).
- ``LB_LSOA2021_shp.zip`` (London Datastore): the 4,994 LSOAs of 2021, one shapefile a borough.

Not in the data folder (so not faked here): the 2022 ward polygons the Met's ward counts use,
an LSOA-to-2022-ward lookup, ONS mid-year population estimates (:func:`read_ons_mid_year`
reads the file a user downloads) and the GLA town-centre network (:func:`read_town_centres`).
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from hotspots.config import data_dir, relative_to_data
from hotspots.geo.crs import BNG
from hotspots.io.cache import cached_table
from hotspots.io.errors import DataFileError
from hotspots.io.ledger import LoadReport
from hotspots.io.required import Required
from hotspots.names import name_key

STAT_GIS_ZIP = "geography/statistical-gis-boundaries-london.zip"
STAT_GIS_LAYER = "statistical-gis-boundaries-london/ESRI/{layer}.shp"
LSOA21_ZIP = "geography/LB_LSOA2021_shp.zip"
LSOA21_FOLDER = "LB_LSOA2021_shp/LB_shp/"
REQUIRED = (
    Required(STAT_GIS_ZIP, "London boundaries (boroughs, 2002-14 wards, 2011 LSOAs)", "boundaries"),
    Required(LSOA21_ZIP, "London LSOA 2021 boundaries", "boundaries"),
)
PARSER = 1  # bump when a boundary table's build changes, so cached tables are rebuilt

LSOA21_COLUMNS = {
    "lsoa21cd": "lsoa_code", "lsoa21nm": "lsoa_name", "msoa21cd": "msoa_code",
    "msoa21nm": "msoa_name", "lad22cd": "borough_code", "lad22nm": "borough_name",
}
CENSUS_COLUMNS = {
    "USUALRES": "usual_residents", "HHOLDRES": "household_residents",
    "COMESTRES": "communal_residents", "HHOLDS": "households",
}
LSOA11_COLUMNS = {
    "LSOA11CD": "lsoa_code", "LSOA11NM": "lsoa_name", "MSOA11CD": "msoa_code",
    "MSOA11NM": "msoa_name", "LAD11CD": "borough_code", "LAD11NM": "borough_name",
    **CENSUS_COLUMNS,
}
MSOA11_COLUMNS = {
    "MSOA11CD": "msoa_code", "MSOA11NM": "msoa_name", "LAD11CD": "borough_code",
    "LAD11NM": "borough_name", **CENSUS_COLUMNS,
}
WARD_COLUMNS = {
    "GSS_CODE": "ward_code", "NAME": "ward_name", "LB_GSS_CD": "borough_code",
    "BOROUGH": "borough_name", "HECTARES": "hectares",
}


# --- boundaries -------------------------------------------------------------------------------


def _existing(relative: str) -> Path:
    path = data_dir() / relative
    if not path.exists():
        raise DataFileError(relative, "file not found in the data folder")
    return path


def read_stat_gis_layer(layer: str) -> gpd.GeoDataFrame:
    """One layer of the London Datastore 'Statistical GIS Boundary Files' zip, in EPSG:27700.

    The publisher's .prj is ESRI WKT that pyproj does not map to an EPSG code; it is
    British National Grid, so the CRS is set to EPSG:27700 explicitly.
    """
    path = _existing(STAT_GIS_ZIP)
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


def _tidy(
    frame: gpd.GeoDataFrame, columns: dict[str, str], source: str, report: LoadReport
) -> gpd.GeoDataFrame:
    """Rename and keep ``columns``, check the key (first column) and repair invalid geometry.

    Invalid polygons are fixed with ``make_valid(method="structure")`` and counted in a note.
    """
    missing = sorted(set(columns) - set(frame.columns))
    if missing:
        raise DataFileError(source, f"missing columns {missing}")
    frame = frame.rename(columns=columns)[[*columns.values(), "geometry"]]
    key = next(iter(columns.values()))
    blank = frame[key].isna() | frame.geometry.isna() | frame.geometry.is_empty
    if blank.any():
        raise DataFileError(source, f"feature {int(np.argmax(blank)) + 1} lacks {key} or geometry")
    repeated = frame[key][frame[key].duplicated()]
    if not repeated.empty:
        raise DataFileError(source, f"{key} {repeated.iloc[0]} appears more than once")
    invalid = ~frame.geometry.is_valid
    if invalid.any():
        fixed = frame.geometry[invalid].make_valid(method="structure", keep_collapsed=False)
        frame.loc[invalid, "geometry"] = fixed
        codes = ", ".join(frame.loc[invalid, key].head(10))
        report.notes.append(f"make_valid repaired {int(invalid.sum())} geometries ({codes})")
    report.rows_kept = len(frame)
    return frame.sort_values(key).reset_index(drop=True)


def _stat_gis_table(name: str, layer: str, columns: dict[str, str]) -> gpd.GeoDataFrame:
    path = _existing(STAT_GIS_ZIP)

    def build() -> tuple[gpd.GeoDataFrame, LoadReport]:
        frame = read_stat_gis_layer(layer)
        report = LoadReport(f"geography/{name}", files=1, rows_read=len(frame))
        source = f"{relative_to_data(path)}!{layer}"
        return _tidy(frame, columns, source, report), report

    return cached_table(name, [path], build, {"layer": layer, "columns": columns, "parser": PARSER})


def lsoas_2011() -> gpd.GeoDataFrame:
    """The 4,835 LSOAs of 2011 with their Census 2011 counts.

    Columns: lsoa_code, lsoa_name, msoa_code, msoa_name, borough_code, borough_name,
    usual_residents, household_residents, communal_residents, households, geometry.
    """
    return _stat_gis_table("lsoas_2011", "LSOA_2011_London_gen_MHW", LSOA11_COLUMNS)


def msoas_2011() -> gpd.GeoDataFrame:
    """The 983 MSOAs of 2011 with their Census 2011 counts (columns as :func:`lsoas_2011`)."""
    return _stat_gis_table("msoas_2011", "MSOA_2011_London_gen_MHW", MSOA11_COLUMNS)


def wards_2014(city_merged: bool = False) -> gpd.GeoDataFrame:
    """The wards in force until May 2014: 649, or 625 with the City's 25 wards merged into one.

    Columns: ward_code, ward_name, borough_code, borough_name, hectares, geometry. Their codes
    (E05000xxx) are not the 2022 codes (E05013xxx/E05014xxx) of the Met's ward counts.
    """
    layer = "London_Ward_CityMerged" if city_merged else "London_Ward"
    return _stat_gis_table(f"wards_2014{'_city_merged' * city_merged}", layer, WARD_COLUMNS)


def lsoas_2021() -> gpd.GeoDataFrame:
    """The 4,994 LSOAs of 2021 (the codes police.uk and the Met use), from one file a borough.

    Columns: lsoa_code, lsoa_name, msoa_code, msoa_name, borough_code, borough_name, geometry.
    Checks: EPSG:27700, unique codes, each borough file holds only that borough, valid
    geometry (repairs are counted in the load report's notes).
    """
    path = _existing(LSOA21_ZIP)
    return cached_table("lsoas_2021", [path], lambda: _build_lsoas_2021(path), {"parser": PARSER})


def _build_lsoas_2021(path: Path) -> tuple[gpd.GeoDataFrame, LoadReport]:
    with zipfile.ZipFile(path) as archive:
        members = sorted(
            n for n in archive.namelist() if n.startswith(LSOA21_FOLDER) and n.endswith(".shp")
        )
    if not members:
        raise DataFileError(relative_to_data(path), f"no {LSOA21_FOLDER}*.shp in the archive")
    parts = []
    for member in members:
        source = f"{relative_to_data(path)}!{member}"
        part = gpd.read_file(f"zip://{path}!{member}", use_arrow=True)
        if part.crs is None or part.crs.to_epsg() != 27700:
            raise DataFileError(source, f"CRS is {part.crs}, expected {BNG}")
        borough = PurePosixPath(member).stem
        if "lad22nm" in part and set(part["lad22nm"]) != {borough}:
            raise DataFileError(source, f"holds boroughs {sorted(set(part['lad22nm']))}")
        parts.append(part)
    frame = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=BNG)
    report = LoadReport("geography/lsoas_2021", files=len(members), rows_read=len(frame))
    return _tidy(frame, LSOA21_COLUMNS, relative_to_data(path), report), report


def lsoa_to_borough() -> pd.DataFrame:
    """lsoa_code, borough_code, borough_name for the 4,994 LSOAs of 2021."""
    return pd.DataFrame(lsoas_2021()[["lsoa_code", "borough_code", "borough_name"]])


# --- ward names -------------------------------------------------------------------------------


# --- populations ------------------------------------------------------------------------------


# --- grids ------------------------------------------------------------------------------------


# --- town centres -----------------------------------------------------------------------------


THAMES_CLOSING_M = 250.0


def london_outline(close_thames: bool = True) -> shapely.Geometry:
    """Greater London as one prepared polygon: the 33 boroughs' union, by default with the
    Thames filled in.

    The borough layer stops at mean high water, so the river is a gap between boroughs and
    points snapped onto bridges (London Bridge, Tower Bridge, Blackfriars) would fall outside.
    With ``close_thames`` a morphological closing (buffer +250 m then −250 m) fills gaps up to
    500 m wide; it adds 13.5 km² (10 km² of it the Thames) and no point of the added area is
    more than 250 m from a borough, while the outer boundary is unchanged. The boroughs
    themselves are always kept whole. ``close_thames=False`` gives the plain union (the area
    the boundary files cover).
    """
    return _outline(data_dir() / STAT_GIS_ZIP, close_thames)


@cache
def _outline(boundaries: Path, close_thames: bool) -> shapely.Geometry:
    """The outline, computed once per boundary file (the one :func:`boroughs` reads)."""
    union = shapely.union_all(boroughs().geometry.values)
    if close_thames:
        closed = union.buffer(THAMES_CLOSING_M).buffer(-THAMES_CLOSING_M)
        union = shapely.union(union, closed)  # buffering can shave slivers off the original
    shapely.prepare(union)
    return union
