"""Boundaries and lookups for London, in EPSG:27700.

Sources under ``data_dir()/geography/`` (see its SOURCES.md):

- ``statistical-gis-boundaries-london.zip`` (London Datastore): the 33 boroughs, the 2011 LSOAs
  and MSOAs with their Census 2011 counts, and the ward layers ``London_Ward`` (649) and
  ``London_Ward_CityMerged`` (625). SOURCES.md calls these "2014 wards", but every code is
  E05000001-E05000649 and Tower Hamlets has its 17 pre-2014 wards: they are the wards in force
  from 2002 until the May 2014 elections (the Census 2011 wards). Kept for comparison only.
- ``LB_LSOA2021_shp.zip`` (London Datastore): the 4,994 LSOAs of 2021, one shapefile a borough.
- ``wards_dec2022_london.geojson.gz``: ONS "Wards (December 2022) Boundaries UK BSC", the
  London part (704 = the Met's 679 wards + the City's 25), as the ONS feature service serves it
  (WGS 84; super-generalised to 200 m). These are the wards of the Met's ward counts.
- ``lsoa21_ward22_bf.csv.gz``: the GLA's LSOA 2021 → ward 2022 best-fit lookup (each LSOA's
  population-weighted centroid in a ward; the ONS method, not the ONS file).

Not in the data folder (so not faked here): the GLA town-centre network
(:func:`hotspots.io.town_centres.read_town_centres` reads the file a user downloads).
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from hotspots.config import data_dir, relative_to_data
from hotspots.geo.crs import BNG
from hotspots.io.cache import cached_table
from hotspots.io.errors import DataFileError
from hotspots.io.files import data_file, read_bytes, text_stream
from hotspots.io.ledger import LoadReport
from hotspots.io.required import Required
from hotspots.io.validate import fail_first, parser_error_row
from hotspots.names import name_key

STAT_GIS_ZIP = "geography/statistical-gis-boundaries-london.zip"
STAT_GIS_LAYER = "statistical-gis-boundaries-london/ESRI/{layer}.shp"
LSOA21_ZIP = "geography/LB_LSOA2021_shp.zip"
LSOA21_FOLDER = "LB_LSOA2021_shp/LB_shp/"
WARDS22_FILE = "geography/wards_dec2022_london.geojson.gz"
LOOKUP_FILE = "geography/lsoa21_ward22_bf.csv.gz"
CITY_OF_LONDON = "E09000001"
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
WARD22_COLUMNS = {
    "WD22CD": "ward_code", "WD22NM": "ward_name", "LAD22CD": "borough_code",
    "LAD22NM": "borough_name", "BNG_E": "easting", "BNG_N": "northing",
}
WARD_COLUMNS = {
    "GSS_CODE": "ward_code", "NAME": "ward_name", "LB_GSS_CD": "borough_code",
    "BOROUGH": "borough_name", "HECTARES": "hectares",
}


# --- boundaries -------------------------------------------------------------------------------


def read_stat_gis_layer(layer: str) -> gpd.GeoDataFrame:
    """One layer of the London Datastore 'Statistical GIS Boundary Files' zip, in EPSG:27700.

    The publisher's .prj is ESRI WKT that pyproj does not map to an EPSG code; it is
    British National Grid, so the CRS is set to EPSG:27700 explicitly.
    """
    path = data_file(STAT_GIS_ZIP)
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
    path = data_file(STAT_GIS_ZIP)

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
    (E05000xxx) are not the 2022 codes (E05013xxx/E05014xxx) of the Met's ward counts: for
    comparison only; the Met's wards are :func:`wards_2022`.
    """
    layer = "London_Ward_CityMerged" if city_merged else "London_Ward"
    return _stat_gis_table(f"wards_2014{'_city_merged' * city_merged}", layer, WARD_COLUMNS)


def lsoas_2021() -> gpd.GeoDataFrame:
    """The 4,994 LSOAs of 2021 (the codes police.uk and the Met use), from one file a borough.

    Columns: lsoa_code, lsoa_name, msoa_code, msoa_name, borough_code, borough_name, geometry.
    Checks: EPSG:27700, unique codes, each borough file holds only that borough, valid
    geometry (repairs are counted in the load report's notes).
    """
    path = data_file(LSOA21_ZIP)
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


# --- 2022 wards ---------------------------------------------------------------------------------


def wards_2022() -> gpd.GeoDataFrame:
    """The 704 London wards of December 2022 (ONS WD22, BSC), in EPSG:27700.

    Columns: ward_code, ward_name, borough_code, borough_name, city (True for the City of
    London's 25 wards, which the City of London Police polices, not the Met), easting and
    northing (ONS's reference point for the ward, BNG_E/BNG_N), geometry. The file is read as the
    ONS feature service serves it (GeoJSON, WGS 84) and reprojected; features outside London
    (LAD22CD not E09…) are dropped and counted, invalid polygons repaired and noted. BSC
    polygons are generalised to 200 m: fine for joins, maps and contiguity, coarse for
    assigning points near a ward edge.
    """
    path = data_file(WARDS22_FILE)
    return cached_table("wards_2022", [path], lambda: _build_wards_2022(path), {"parser": PARSER})


def _build_wards_2022(path: Path) -> tuple[gpd.GeoDataFrame, LoadReport]:
    shown = relative_to_data(path)
    try:
        frame = gpd.read_file(io.BytesIO(read_bytes(path)))
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise DataFileError(shown, f"not a readable GeoJSON ({exc})") from exc
    report = LoadReport("geography/wards_2022", files=1, rows_read=len(frame))
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise DataFileError(shown, f"CRS is {frame.crs}, expected EPSG:4326 (GeoJSON)")
    missing = sorted(set(WARD22_COLUMNS) - set(frame.columns))
    if missing:
        raise DataFileError(shown, f"missing columns {missing}")
    for column, pattern in (("WD22CD", r"E05\d{6}"), ("LAD22CD", r"[EWSN]\d{8}")):
        text = frame[column].astype("string")
        bad = ~text.str.fullmatch(pattern).fillna(False)
        if bad.any():
            at = int(np.argmax(bad))
            raise DataFileError(shown, f"feature {at + 1}: {column} {text.iloc[at]!r} is not "
                                       f"a code like {pattern}")
    london = frame["LAD22CD"].str.startswith("E09")
    report.drop("ward outside London (LAD22CD not E09)", int((~london).sum()))
    frame = frame[london].to_crs(BNG)
    wards = _tidy(frame, WARD22_COLUMNS, shown, report)
    wards.insert(4, "city", wards["borough_code"] == CITY_OF_LONDON)
    for column in ("easting", "northing"):
        wards[column] = wards[column].astype("int64")
    return wards, report


def ward_code_join(met_wards: pd.DataFrame, wards: pd.DataFrame | None = None) -> pd.DataFrame:
    """How the Met's ward codes join the 2022 ward boundaries, exactly by code.

    ``met_wards`` has ``area_code``, ``area_name``, ``borough`` (a Met ward table, e.g.
    :func:`hotspots.io.met.ward_list`, or the rows of ``met.load_counts("ward")``, which gives
    ``<NA>`` codes to the rows filed under a name that is not a borough: Heathrow Villages,
    "Aviation Security (SO18)"); repeated rows are dropped. ``wards`` defaults to
    :func:`wards_2022`.

    One row per code on either side (plus one per Met ward without a code): ward_code,
    met_name, ons_name, met_borough, ons_borough, status ("both", "Met only", "ONS only",
    "no code in the Met table"), same_name (exact), same_borough (exact, Met borough vs LAD
    name; ``<NA>`` unless joined), note (why a row does not match cleanly).
    """
    missing = sorted({"area_code", "area_name", "borough"} - set(met_wards.columns))
    if missing:
        raise ValueError(f"met_wards lacks columns {missing}")
    wards = wards_2022() if wards is None else wards
    met = met_wards[["area_code", "area_name", "borough"]].drop_duplicates()
    met = met.rename(columns={"area_code": "ward_code", "area_name": "met_name",
                              "borough": "met_borough"})
    twice = met.dropna(subset=["ward_code"])
    twice = twice[twice["ward_code"].duplicated(keep=False)]
    ons = pd.DataFrame(wards[["ward_code", "ward_name", "borough_name"]]).rename(
        columns={"ward_name": "ons_name", "borough_name": "ons_borough"})
    coded = met.dropna(subset=["ward_code"]).drop_duplicates("ward_code")
    table = coded.merge(ons, on="ward_code", how="outer", indicator=True)
    table["status"] = table.pop("_merge").map(
        {"both": "both", "left_only": "Met only", "right_only": "ONS only"}).astype("string")
    uncoded = met[met["ward_code"].isna()].assign(status="no code in the Met table")
    table = pd.concat([table, uncoded], ignore_index=True)
    both = table["status"] == "both"
    table["same_name"] = (table["met_name"] == table["ons_name"]).where(both).astype("boolean")
    table["same_borough"] = (table["met_borough"] == table["ons_borough"]).where(both)
    table["same_borough"] = table["same_borough"].astype("boolean")
    table["note"] = [
        _join_note(row, set(twice["ward_code"])) for row in table.itertuples(index=False)
    ]
    columns = ["ward_code", "met_name", "ons_name", "met_borough", "ons_borough", "status",
               "same_name", "same_borough", "note"]
    return table[columns].sort_values(["status", "ward_code"]).reset_index(drop=True)


def _join_note(row: tuple, repeated: set[str]) -> str:
    notes = []
    if row.status == "ONS only" and row.ons_borough == "City of London":
        notes.append("City of London ward: policed by the City of London Police, not the Met")
    elif row.status == "ONS only":
        notes.append("no Met counts for this ward")
    if row.status == "Met only":
        notes.append("code not among the December 2022 wards")
    if row.status == "no code in the Met table":
        notes.append(f"filed under {row.met_borough!r}, not a borough, so the loader gave it "
                     "no code")
    if row.status == "both" and row.met_borough != row.ons_borough:
        notes.append(f"the Met files it under {row.met_borough!r}; ONS: {row.ons_borough}")
    if row.status == "both" and row.met_name != row.ons_name:
        notes.append("names differ")
    if row.ward_code in repeated:
        notes.append("the Met lists this code under more than one name or borough")
    return "; ".join(notes)


def lsoa_ward_lookup() -> pd.DataFrame:
    """The best-fit lookup from the 4,994 London LSOAs of 2021 to the 2022 wards.

    Columns: lsoa_code, lsoa_name, ward_code, ward_name, borough_code, borough_name, city.
    From the GLA's file (England and Wales, 35,672 rows; see geography/SOURCES.md): each LSOA
    goes whole to the ward holding its population-weighted centroid, so an LSOA that straddles
    a ward boundary is counted in one ward only. There is no best-fit flag: every row is a best
    fit. Checks (a failure raises naming the file and line): every London LSOA of
    :func:`lsoas_2021` appears exactly once; every ward code is a ward of :func:`wards_2022`
    with the same name and the LSOA's borough. Rows for LSOAs outside London are dropped and
    counted; LSOAs that map to a London ward but are not in the boundary file are dropped and
    named in a note.
    """
    path = data_file(LOOKUP_FILE)
    sources = [path, data_file(LSOA21_ZIP), data_file(WARDS22_FILE)]
    return cached_table("lsoa_ward_lookup", sources, lambda: _build_lookup(path),
                        {"parser": PARSER})


def _build_lookup(path: Path) -> tuple[pd.DataFrame, LoadReport]:
    shown = relative_to_data(path)
    try:
        raw = pd.read_csv(text_stream(path), dtype="string", keep_default_na=False,
                          na_values=["NA", ""])
    except pd.errors.ParserError as exc:
        raise DataFileError(shown, f"malformed row ({exc})", parser_error_row(exc)) from exc
    missing = sorted({"lsoa21cd", "ward22cd", "ward22nm"} - set(raw.columns))
    if missing:
        raise DataFileError(shown, f"missing columns {missing}", 1)
    report = LoadReport("geography/lsoa_ward_lookup", files=1, rows_read=len(raw))
    fail_first(shown, ~raw["lsoa21cd"].str.fullmatch(r"[EW]01\d{6}").fillna(False),
               raw["lsoa21cd"], "lsoa21cd is not an LSOA code")
    lsoas = pd.DataFrame(lsoas_2021()[["lsoa_code", "lsoa_name", "borough_code"]])
    wards = pd.DataFrame(wards_2022()[["ward_code", "ward_name", "borough_code",
                                       "borough_name", "city"]]).set_index("ward_code")
    in_london = raw["lsoa21cd"].isin(lsoas["lsoa_code"])
    fail_first(shown, in_london & raw["lsoa21cd"].duplicated(keep="first"), raw["lsoa21cd"],
               "London LSOA listed twice")
    absent = sorted(set(lsoas["lsoa_code"]) - set(raw["lsoa21cd"]))
    if absent:
        raise DataFileError(shown, f"{len(absent)} London LSOAs are not in the lookup, e.g. "
                                   f"{absent[:5]}")
    fail_first(shown, in_london & raw["ward22cd"].isna(), raw["lsoa21cd"],
               "London LSOA without a ward")
    london_ward = raw["ward22cd"].isin(wards.index)
    extra = raw.loc[london_ward & ~in_london, "lsoa21cd"]
    if not extra.empty:
        report.notes.append(f"{shown}: {len(extra)} LSOAs map to a London ward but are not in "
                            f"{LSOA21_ZIP}: {', '.join(extra.head(10))}")
    report.drop("LSOA maps to a London ward but is not in the 2021 LSOA boundaries", len(extra))
    report.drop("LSOA outside London", int((~in_london & ~london_ward).sum()))
    rows = raw[in_london]
    _fail_at(shown, rows.index, ~rows["ward22cd"].isin(wards.index).to_numpy(),
             rows["ward22cd"], "ward code is not a London ward of December 2022")
    lookup = rows.rename(columns={"lsoa21cd": "lsoa_code", "ward22cd": "ward_code"})
    lookup = lookup.merge(lsoas, on="lsoa_code", how="left", validate="1:1")
    lookup = lookup.merge(wards.reset_index(), on="ward_code", how="left", suffixes=("", "_ward"))
    same_name = lookup["ward22nm"] == lookup["ward_name"]
    _fail_at(shown, rows.index, ~same_name.to_numpy(), lookup["ward22nm"],
             "ward name differs from the ward boundaries")
    same_borough = lookup["borough_code"] == lookup["borough_code_ward"]
    _fail_at(shown, rows.index, ~same_borough.to_numpy(), lookup["lsoa_code"],
             "the LSOA's borough is not its ward's borough")
    report.rows_kept = len(lookup)
    columns = ["lsoa_code", "lsoa_name", "ward_code", "ward_name", "borough_code",
               "borough_name", "city"]
    return lookup[columns].sort_values("lsoa_code").reset_index(drop=True), report


def _fail_at(path: str, index: pd.Index, bad: np.ndarray, values: pd.Series, problem: str) -> None:
    """Raise for the first ``bad`` row of a subset whose file positions are ``index``."""
    if bad.any():
        at = int(np.argmax(bad))
        raise DataFileError(path, f"{problem}: {values.iloc[at]!r}", int(index[at]) + 2)


# --- the outline --------------------------------------------------------------------------------


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
