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

import csv
import io
import math
import re
import zipfile
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow
import shapely
from shapely.geometry.base import BaseGeometry

from hotspots.config import data_dir, relative_to_data
from hotspots.io.cache import cached_table
from hotspots.io.errors import DataFileError
from hotspots.io.files import read_bytes, read_text, text_stream
from hotspots.io.ledger import LoadReport
from hotspots.names import name_key

BNG = "EPSG:27700"
STAT_GIS_ZIP = "geography/statistical-gis-boundaries-london.zip"
STAT_GIS_LAYER = "statistical-gis-boundaries-london/ESRI/{layer}.shp"
LSOA21_ZIP = "geography/LB_LSOA2021_shp.zip"
LSOA21_FOLDER = "LB_LSOA2021_shp/LB_shp/"
PANEL = "police_uk/subsets/derived_lsoa_month_panel_2023-06_2026-05/panel.parquet.gz"
ONS_MYE_DIR = "geography/ons_mid_year"
TOWN_CENTRE_DIR = "geography/town_centres"
POPULATION_SOURCES = ("census2011", "panel_estimate", "ons_mye")
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

ONS_MISSING = (
    "ONS mid-year population estimates are not in the data folder. Download the ONS dataset "
    "'Estimates of the population for the UK, England, Wales, Scotland and Northern Ireland' "
    "(ons.gov.uk), save its sheet 'MYE2 - Persons' as CSV with the year in the file name (e.g. "
    "MYE2_persons_mid-2022.csv; columns Code, Name, Geography, All ages) and put it in "
    f"$HOTSPOTS_DATA/{ONS_MYE_DIR}/"
)
TOWN_CENTRES_MISSING = (
    "The GLA town-centre network is not in the data folder. Download 'Town Centre Boundaries' "
    "(GeoPackage) or 'Town Centre locations' (shapefile) from the London Datastore "
    f"(data.london.gov.uk) and put it in $HOTSPOTS_DATA/{TOWN_CENTRE_DIR}/"
)


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


def london_outline() -> BaseGeometry:
    """Greater London as one polygon (the union of the 33 boroughs), for clipping points."""
    return boroughs().union_all()


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


def ward_name_report(met_wards: pd.DataFrame, wards: pd.DataFrame | None = None) -> pd.DataFrame:
    """How each Met ward joins to ward boundaries (default :func:`wards_2014`).

    ``met_wards`` has columns ward_code, ward_name, borough (the Met's WardCode, WardName,
    LookUp_BoroughName); duplicates are dropped. ``match`` is ``"code"`` when the code is in
    ``wards``; ``"name"`` when a ward of the same :func:`~hotspots.names.name_key` exists in
    the same borough (a shared name, not proof of a shared boundary: most wards were redrawn
    in 2022); ``"none"`` otherwise, including borough names that are not a London borough
    (``borough_code`` is then ``<NA>``). ``wards`` needs ward_code, ward_name, borough_code;
    boundary names repeated within a borough never match.
    Returns ward_code, ward_name, borough, borough_code, match, ward_2014_code, ward_2014_name.
    """
    missing = sorted({"ward_code", "ward_name", "borough"} - set(met_wards.columns))
    if missing:
        raise ValueError(f"met_wards lacks columns {missing}")
    wards = wards_2014() if wards is None else wards
    boroughs_by_key = borough_lookup().set_index("name_key")["borough_code"]
    table = met_wards[["ward_code", "ward_name", "borough"]].drop_duplicates()
    table = table.reset_index(drop=True)
    table["borough_code"] = table["borough"].map(name_key).map(boroughs_by_key)

    bounds = pd.DataFrame(wards[["ward_code", "ward_name", "borough_code"]])
    by_code = bounds.set_index("ward_code")["ward_name"]
    bounds["key"] = bounds["borough_code"] + "|" + bounds["ward_name"].map(name_key)
    bounds = bounds.drop_duplicates("key", keep=False).set_index("key")
    key = table["borough_code"] + "|" + table["ward_name"].map(name_key)

    on_code = table["ward_code"].isin(by_code.index)
    on_name = ~on_code & key.isin(bounds.index)
    table["match"] = np.select([on_code, on_name], ["code", "name"], "none")
    table["ward_2014_code"] = table["ward_code"].where(on_code, key.map(bounds["ward_code"]))
    table["ward_2014_name"] = table["ward_code"].map(by_code).where(
        on_code, key.map(bounds["ward_name"])
    )
    return table.sort_values(["borough", "ward_name"]).reset_index(drop=True)


# --- populations ------------------------------------------------------------------------------


def borough_population(
    source: str, *, year: int | None = None, month: str | None = None
) -> pd.DataFrame:
    """Resident population of the 33 boroughs: borough_code, borough_name, population, year, source.

    Sources:

    - ``"census2011"``: Census 2011 usual residents, the sum of ``USUALRES`` over the 2011
      LSOAs (8,173,941 for London, the published figure).
    - ``"panel_estimate"``: the sum over the 2021 LSOAs of ``population_est`` in a third-party
      police.uk panel (RongzePan/street-crime-spatial-prediction-london, ``data/processed/
      panel.parquet``; see police_uk/SOURCES.md) for ``month`` ("YYYY-MM", default the last).
      Its builder meant to merge ONS LSOA mid-year estimates, but in the copy in the data
      folder ``population_est`` is NaN in every row, so this raises :class:`DataFileError`
      on it; any London LSOA without a value raises rather than undercount.
    - ``"ons_mye"``: ONS mid-year estimates for ``year`` (default the latest) from the CSVs
      in ``data_dir()/geography/ons_mid_year/`` (see :func:`read_ons_mid_year`). They are not
      in the offline data mirror: without them this raises FileNotFoundError naming the
      file to download.
    """
    if source == "census2011":
        if year not in (None, 2011):
            raise ValueError(f"census2011 is for 2011, not {year}")
        table = pd.DataFrame(lsoas_2011()).groupby(["borough_code", "borough_name"])
        table = table["usual_residents"].sum().rename("population").reset_index()
        return _population_table(table, 2011, source)
    if source == "panel_estimate":
        return _panel_population(month)
    if source == "ons_mye":
        return _ons_population(year)
    raise ValueError(f"unknown population source {source!r}; choose from {POPULATION_SOURCES}")


def _population_table(table: pd.DataFrame, year: int, source: str) -> pd.DataFrame:
    table = table.assign(population=table["population"].astype("int64"), year=year, source=source)
    columns = ["borough_code", "borough_name", "population", "year", "source"]
    return table[columns].sort_values("borough_code").reset_index(drop=True)


def _panel_population(month: str | None) -> pd.DataFrame:
    path = data_dir() / PANEL
    shown = relative_to_data(path)
    raw = io.BytesIO(read_bytes(path))
    try:
        panel = pd.read_parquet(raw, columns=["lsoa_code", "month", "population_est"])
    except (pyarrow.ArrowException, KeyError, ValueError) as exc:
        problem = f"not a parquet with lsoa_code, month, population_est ({exc})"
        raise DataFileError(shown, problem) from exc
    months = pd.to_datetime(panel["month"]).dt.strftime("%Y-%m")
    month = month or months.max()
    rows = panel[months == month]
    if rows.empty:
        raise DataFileError(shown, f"no rows for month {month}")
    rows = lsoa_to_borough().merge(rows, on="lsoa_code", how="left")
    empty = int(rows["population_est"].isna().sum())
    if empty:
        raise DataFileError(
            shown, f"population_est is missing (NaN) for {empty:,} of the {len(rows):,} "
            f"London LSOAs in {month}; a borough sum would undercount",
        )
    table = rows.groupby(["borough_code", "borough_name"])["population_est"].sum()
    table = table.round().rename("population").reset_index()
    return _population_table(table, int(month[:4]), "panel_estimate")


def _ons_population(year: int | None) -> pd.DataFrame:
    folder = data_dir() / ONS_MYE_DIR
    files = sorted(folder.glob("*.csv")) + sorted(folder.glob("*.csv.gz"))
    if not files:
        raise FileNotFoundError(ONS_MISSING)
    table = pd.concat([read_ons_mid_year(f) for f in files]).drop_duplicates(
        ["code", "year", "population"]
    )
    year = year or int(table["year"].max())
    rows = table[table["year"] == year]
    if rows.empty:
        raise FileNotFoundError(f"No mid-{year} figures in the ONS files. {ONS_MISSING}")
    clash = rows["code"][rows["code"].duplicated()]
    if not clash.empty:
        raise DataFileError(ONS_MYE_DIR, f"two different mid-{year} figures for {clash.iloc[0]}")
    merged = borough_lookup().merge(rows, left_on="borough_code", right_on="code", how="left")
    absent = merged.loc[merged["population"].isna(), "borough_name"].tolist()
    if absent:
        raise DataFileError(ONS_MYE_DIR, f"mid-{year} figures lack boroughs {absent}")
    return _population_table(merged, year, "ons_mye")


ONS_LONG = {
    "code": ("code", "geography_code"),
    "name": ("name", "geography_name"),
    "year": ("year", "date"),
    "population": ("population", "obs_value"),
}


def read_ons_mid_year(path: str | Path, year: int | None = None) -> pd.DataFrame:
    """An ONS mid-year population estimates CSV as code, name, geography, year, population.

    Two layouts are read (headers case-insensitive; title lines above the header are skipped):

    - MYE2 (the 'MYE2 - Persons' sheet saved as CSV): ``Code, Name, Geography, All ages,
      0, 1, ...``; one year per file, given as ``year`` or read from "mid-YYYY" in the title
      lines or the file name.
    - long: ``code, name, year, population`` (or Nomis's ``GEOGRAPHY_CODE, GEOGRAPHY_NAME,
      DATE, OBS_VALUE``), one row per area and year (all ages, both sexes).

    Populations may carry thousands separators. A value that is not a whole number, or an
    area twice in one year, raises :class:`DataFileError` naming the file line.
    """
    path = Path(path)
    lines = read_text(path).splitlines()
    start = next((i for i, line in enumerate(lines) if _header_cells(line) & {"code",
                  "geography_code"}), None)
    if start is None:
        raise DataFileError(path, "no header line with a 'Code' column")
    table = pd.read_csv(io.StringIO("\n".join(lines[start:])), dtype=str, keep_default_na=False)
    table = table[(table != "").any(axis=1)]
    columns = {str(c).strip().lower(): c for c in table.columns}
    if {"code", "name", "all ages"} <= set(columns):
        geography = next((c for k, c in columns.items() if k.startswith("geography")), None)
        frame = pd.DataFrame({
            "code": table[columns["code"]],
            "name": table[columns["name"]],
            "geography": table[geography] if geography else pd.NA,
            "year": year or _title_year(lines[:start], path),
            "population": table[columns["all ages"]],
        })
    else:
        chosen = {k: next((columns[a] for a in names if a in columns), None)
                  for k, names in ONS_LONG.items()}
        if None in chosen.values():
            raise DataFileError(
                path, "neither the MYE2 layout (Code, Name, All ages) nor the long layout "
                f"(code, name, year, population); columns: {list(table.columns)}", start + 1,
            )
        frame = pd.DataFrame({k: table[c] for k, c in chosen.items()})
        frame["geography"] = pd.NA
        frame["year"] = _whole(frame["year"].str.strip().str[:4], "year", path, start)
    frame["population"] = _whole(frame["population"].str.replace(",", ""), "population", path,
                                 start)
    frame["year"] = frame["year"].astype("int64")
    twice = frame.duplicated(["code", "year"])
    if twice.any():
        at = int(np.argmax(twice))
        raise DataFileError(path, f"{frame['code'].iloc[at]} appears twice for mid-"
                            f"{frame['year'].iloc[at]}", _line(frame, at, start))
    columns_out = ["code", "name", "geography", "year", "population"]
    return frame[columns_out].reset_index(drop=True)


def _header_cells(line: str) -> set[str]:
    return {cell.strip().lower() for cell in next(csv.reader([line]), [])}


def _title_year(title_lines: list[str], path: Path) -> int:
    found = re.search(r"mid[-_ ]?(\d{4})", " ".join([*title_lines, path.name]), re.IGNORECASE)
    if not found:
        raise DataFileError(path, "cannot tell the year: pass year= or put mid-YYYY in the name")
    return int(found.group(1))


def _line(frame: pd.DataFrame, position: int, start: int) -> int:
    """File line of the frame's ``position``-th row (header at line ``start + 1``)."""
    return start + 2 + int(frame.index[position])


def _whole(values: pd.Series, what: str, path: Path, start: int) -> pd.Series:
    numbers = pd.to_numeric(values.str.strip(), errors="coerce")
    bad = numbers.isna() | (numbers < 0) | (numbers % 1 != 0)
    if bad.any():
        at = int(np.argmax(bad))
        raise DataFileError(path, f"{what} {values.iloc[at]!r} is not a whole number",
                            _line(values.to_frame(), at, start))
    return numbers.astype("int64")


# --- grids ------------------------------------------------------------------------------------


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


# --- town centres -----------------------------------------------------------------------------


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
