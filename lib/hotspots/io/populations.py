"""Denominators for crime rates in London: residents, workplace and workday populations.

Sources under ``data_dir()/population/`` (see its SOURCES.md) and ``geography/``:

- Census 2021 TS007A "Age by five-year age bands" (usual residents, Census day 21 March 2021)
  by local authority (``census2021-ts007a-ltla.csv``) and by 2021 LSOA (``…-lsoa.csv.gz``);
  TS001 itself is not in the folder, TS007A ``Age: Total`` has the same population base;
- Census 2021 ODWP01EW origin–destination of usual residents aged 16+ by place of work, LTLA
  (``ODWP01EW_LTLA.csv.gz``), and ONS's per-area summary of it (``odwp01ew_lad_counts.csv``),
  from which the workplace and a workday population are derived;
- ONS mid-2020 LSOA estimates (SAPE23DT2), London extract, on **2011** LSOAs: the old,
  pre-Census-2021 series, which over-counted central London (``london-mid2020-pop.csv.gz``);
- Census 2011 usual residents (the 2011 LSOA layer of the Statistical GIS Boundary Files).

**Not in the data folder** (open data, but not mirrored; see review finding 8): the post-census
ONS mid-year estimates, mid-2021 … mid-2024 (ONS "Estimates of the population for England and
Wales", files ``mye22tablesew.xlsx``, ``mye23tablesew.xlsx``, ``mye24tablesew.xlsx`` …; a user
who downloads one reads it with :func:`read_ons_mid_year`, source ``"ons_mye"``), LSOA or
2022-ward estimates after 2020, the official Census 2021 workday-population table, and the GLA
"Daytime population, borough" (2014, with tourists and visitors).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from hotspots.config import data_dir
from hotspots.io.boundaries import (
    LSOA21_ZIP,
    STAT_GIS_ZIP,
    borough_lookup,
    lsoa_ward_lookup,
    lsoas_2011,
    lsoas_2021,
    wards_2022,
)
from hotspots.io.cache import cached_table
from hotspots.io.errors import DataFileError
from hotspots.io.files import data_file, read_text
from hotspots.io.ledger import LoadReport
from hotspots.io.reference import published_populations
from hotspots.io.validate import fail_first, read_csv_checked

CENSUS_LTLA = "population/census2021-ts007a-ltla.csv"
CENSUS_LSOA = "population/census2021-ts007a-lsoa.csv.gz"
ODWP = "population/ODWP01EW_LTLA.csv.gz"
ODWP_COUNTS = "population/odwp01ew_lad_counts.csv"
MID2020 = "population/london-mid2020-pop.csv.gz"
ONS_MYE_DIR = "geography/ons_mid_year"
PARSER = 1  # bump when a population table's build changes, so cached tables are rebuilt

POPULATION_SOURCES = ("census2011", "mid2020", "census2021", "workplace2021", "workday2021",
                      "ons_mye")
CENSUS_TOTAL = "Age: Total"
CENSUS_KEYS = ("date", "geography", "geography code", CENSUS_TOTAL)
ODWP_COLUMNS = {
    "Lower tier local authorities code": "residence_code",
    "Lower tier local authorities label": "residence_name",
    "LTLA of workplace code": "workplace_code",
    "LTLA of workplace label": "workplace_name",
    "Place of work indicator (4 categories) code": "place_of_work",
    "Count": "count",
}
NOT_IN_EMPLOYMENT, AT_HOME, OFFSHORE_OR_ABROAD, ELSEWHERE_IN_UK = -8, 1, 2, 3
MID2020_BANDS = ("Persons_0-15", "Persons_16-29", "Persons_30-44", "Persons_45-64", "Persons_65+")

ONS_MISSING = (
    "ONS mid-year population estimates are not in the data folder. Download the ONS dataset "
    "'Estimates of the population for England and Wales' (ons.gov.uk; files "
    "mye22tablesew.xlsx … mye24tablesew.xlsx), save its sheet 'MYE2 - Persons' as CSV with "
    "the year in the file name (e.g. MYE2_persons_mid-2022.csv; columns Code, Name, "
    f"Geography, All ages) and put it in $HOTSPOTS_DATA/{ONS_MYE_DIR}/"
)


# --- borough populations -------------------------------------------------------------------


def borough_population(source: str, *, year: int | None = None) -> pd.DataFrame:
    """One population of the 33 boroughs: borough_code, borough_name, population, year, source.

    Sources (:data:`POPULATION_SOURCES`; :func:`denominators` describes each):

    - ``"census2011"``: Census 2011 usual residents, the sum of ``USUALRES`` over the 2011
      LSOAs (8,173,941 for London, the published figure);
    - ``"mid2020"``: ONS mid-2020 estimates, old series, summed over the 2011 LSOAs
      (:func:`mid2020_lsoa`; London 9,002,488, Westminster 269,848);
    - ``"census2021"``: Census 2021 usual residents (:func:`census2021_boroughs`; London
      8,799,710, Westminster 204,235);
    - ``"workplace2021"``, ``"workday2021"``: the Census 2021 workplace and derived workday
      populations (:func:`workplace_population`, :func:`workday_population`);
    - ``"ons_mye"``: ONS mid-year estimates for ``year`` (default the latest) from CSVs the user
      puts in ``data_dir()/geography/ons_mid_year/`` (:func:`read_ons_mid_year`); not in the
      offline mirror, so without them this raises FileNotFoundError naming the file to fetch.

    ``year`` may only be given for ``"ons_mye"`` (or the source's own year).
    """
    fixed = {"census2011": 2011, "mid2020": 2020, "census2021": 2021, "workplace2021": 2021,
             "workday2021": 2021}
    if source == "ons_mye":
        return _ons_population(year)
    if source not in fixed:
        raise ValueError(f"unknown population source {source!r}; choose from "
                         f"{POPULATION_SOURCES}")
    if year not in (None, fixed[source]):
        raise ValueError(f"{source} is for {fixed[source]}, not {year}")
    if source == "census2011":
        table = pd.DataFrame(lsoas_2011()).groupby(["borough_code", "borough_name"])
        table = table["usual_residents"].sum().rename("population").reset_index()
    elif source == "mid2020":
        table = mid2020_lsoa().groupby(["borough_code", "borough_name"])["residents"].sum()
        table = table.rename("population").reset_index()
    else:
        column = {"census2021": "residents", "workplace2021": "workplace",
                  "workday2021": "workday"}[source]
        frame = {"census2021": census2021_boroughs, "workplace2021": workplace_population,
                 "workday2021": workday_population}[source]()
        table = frame.rename(columns={column: "population"})
    return _population_table(table, fixed[source], source)


def _population_table(table: pd.DataFrame, year: int, source: str) -> pd.DataFrame:
    table = table.assign(population=table["population"].astype("int64"), year=year, source=source)
    columns = ["borough_code", "borough_name", "population", "year", "source"]
    return table[columns].sort_values("borough_code").reset_index(drop=True)


# --- reading the CSVs ----------------------------------------------------------------------


def _counts(shown: str, values: pd.Series, name: str, negative: bool = False) -> pd.Series:
    """A column of whole numbers as int64; the first other value raises naming the line."""
    pattern = r"-?[0-9]+" if negative else r"[0-9]+"
    fail_first(shown, ~values.str.strip().str.fullmatch(pattern).fillna(False), values,
               f"{name} is not a whole number")
    return values.astype("int64")


def _codes(shown: str, values: pd.Series, pattern: str, name: str) -> None:
    fail_first(shown, ~values.str.fullmatch(pattern).fillna(False), values,
               f"{name} is not a code like {pattern}")
    fail_first(shown, values.duplicated(), values, f"{name} listed twice")


def _census_table(relative: str, code_pattern: str) -> tuple[pd.DataFrame, str]:
    """A TS007A file checked: codes, date 2021, whole counts, age bands adding to the total."""
    raw, shown = read_csv_checked(relative, CENSUS_KEYS)
    _codes(shown, raw["geography code"], code_pattern, "geography code")
    fail_first(shown, raw["date"] != "2021", raw["date"], "date is not 2021")
    total = _counts(shown, raw[CENSUS_TOTAL], CENSUS_TOTAL)
    bands = [c for c in raw.columns if c.startswith("Age: Aged")]
    if bands:
        summed = sum(_counts(shown, raw[c], c) for c in bands)
        fail_first(shown, summed != total, raw["geography code"],
                   f"the {len(bands)} age bands do not add up to {CENSUS_TOTAL}")
    table = pd.DataFrame({"code": raw["geography code"], "name": raw["geography"],
                          "residents": total})
    return table, shown


# --- Census 2021 residents -----------------------------------------------------------------


def census2021_boroughs() -> pd.DataFrame:
    """Census 2021 usual residents of the 33 boroughs: borough_code, borough_name, residents.

    From TS007A by local authority (``Age: Total``; all 331 LTLAs of England and Wales, the
    others dropped and counted). Westminster 204,235; London 8,799,710. ONS quotes 204,236 for
    Westminster from TS001 (not in the folder); Census counts are perturbed by cell key.
    """
    path = data_file(CENSUS_LTLA)
    return cached_table("census2021_boroughs", [path], _build_census_boroughs,
                        {"parser": PARSER})


def _build_census_boroughs() -> tuple[pd.DataFrame, LoadReport]:
    table, shown = _census_table(CENSUS_LTLA, r"[EW]0[6-9]\d{6}")
    report = LoadReport(shown, files=1, rows_read=len(table))
    london = table["code"].str.startswith("E09")
    report.drop("local authority outside London", int((~london).sum()))
    table = table[london].rename(columns={"code": "borough_code", "name": "borough_name"})
    absent = sorted(set(borough_lookup()["borough_code"]) - set(table["borough_code"]))
    if absent:
        raise DataFileError(shown, f"London boroughs missing: {absent}")
    report.rows_kept = len(table)
    return table.sort_values("borough_code").reset_index(drop=True), report


def census2021_lsoa() -> pd.DataFrame:
    """Census 2021 usual residents of the 4,994 London LSOAs of 2021.

    Columns: lsoa_code, lsoa_name, borough_code, borough_name, residents. London rows are
    chosen by joining the file's 35,672 LSOA codes to :func:`~hotspots.io.boundaries.lsoas_2021`;
    the others are dropped by reason (Welsh LSOA; English LSOA outside London). Every London
    LSOA must be present. The LSOA sum (8,799,631) is 79 below the borough total because ONS
    perturbs each cell (Westminster's 123 LSOAs sum to 204,235).
    """
    path = data_file(CENSUS_LSOA)
    sources = [path, data_file(LSOA21_ZIP)]
    return cached_table("census2021_lsoa", sources, _build_census_lsoa, {"parser": PARSER})


def _build_census_lsoa() -> tuple[pd.DataFrame, LoadReport]:
    table, shown = _census_table(CENSUS_LSOA, r"[EW]01\d{6}")
    report = LoadReport(shown, files=1, rows_read=len(table))
    lsoas = pd.DataFrame(lsoas_2021()[["lsoa_code", "borough_code", "borough_name"]])
    london = table["code"].isin(lsoas["lsoa_code"])
    welsh = table["code"].str.startswith("W")
    report.drop("Welsh LSOA", int(welsh.sum()))
    report.drop("English LSOA outside London", int((~london & ~welsh).sum()))
    absent = sorted(set(lsoas["lsoa_code"]) - set(table["code"]))
    if absent:
        raise DataFileError(shown, f"{len(absent)} London LSOAs missing, e.g. {absent[:5]}")
    table = table[london].rename(columns={"code": "lsoa_code", "name": "lsoa_name"})
    table = table.merge(lsoas, on="lsoa_code", validate="1:1")
    report.rows_kept = len(table)
    columns = ["lsoa_code", "lsoa_name", "borough_code", "borough_name", "residents"]
    return table[columns].sort_values("lsoa_code").reset_index(drop=True), report


def ward_residents() -> pd.DataFrame:
    """Census 2021 usual residents of the 704 wards of 2022, summed from LSOAs by best fit.

    Columns: ward_code, ward_name, borough_code, borough_name, city, lsoas (how many LSOAs the
    best-fit lookup puts in the ward), residents. Each LSOA counts whole in the ward holding its
    population-weighted centroid (:func:`~hotspots.io.boundaries.lsoa_ward_lookup`), so a ward
    gains or loses the residents of LSOAs that straddle its edge. Wards that get no LSOA (20
    of the City's 25) have ``residents`` <NA>: their residents are counted in a neighbour.
    ONS publishes no ward estimates after 2020 that are in the data folder.
    """
    lookup = lsoa_ward_lookup()[["lsoa_code", "ward_code"]]
    people = census2021_lsoa().merge(lookup, on="lsoa_code", validate="1:1")
    sums = people.groupby("ward_code").agg(lsoas=("lsoa_code", "size"),
                                           residents=("residents", "sum"))
    wards = pd.DataFrame(wards_2022()[["ward_code", "ward_name", "borough_code",
                                       "borough_name", "city"]])
    table = wards.join(sums, on="ward_code")
    table["lsoas"] = table["lsoas"].fillna(0).astype("int64")
    table["residents"] = table["residents"].astype("Int64")
    return table.reset_index(drop=True)


# --- workplace and workday -----------------------------------------------------------------


def odwp_flows() -> pd.DataFrame:
    """ODWP01EW flows that start or end in a London borough (usual residents aged 16+).

    Columns: residence_code, residence_name, workplace_code, workplace_name, place_of_work
    (−8 not in employment, workplace −8; 1 at or from home / no fixed place, workplace = the
    residence; 2 offshore or abroad, workplace 888888888/999999999; 3 elsewhere in the UK),
    count. Rows that neither start nor end in London are dropped and counted; a row breaking
    the coding rules above raises naming the line.
    """
    path = data_file(ODWP)
    return cached_table("odwp01ew_london", [path], _build_odwp, {"parser": PARSER})


def _build_odwp() -> tuple[pd.DataFrame, LoadReport]:
    raw, shown = read_csv_checked(ODWP, tuple(ODWP_COLUMNS))
    flows = raw[list(ODWP_COLUMNS)].rename(columns=ODWP_COLUMNS)
    report = LoadReport(shown, files=1, rows_read=len(flows))
    flows["place_of_work"] = _counts(shown, flows["place_of_work"], "place of work code", True)
    flows["count"] = _counts(shown, flows["count"], "Count")
    pow_, home, work = flows["place_of_work"], flows["residence_code"], flows["workplace_code"]
    fail_first(shown, ~pow_.isin([NOT_IN_EMPLOYMENT, AT_HOME, OFFSHORE_OR_ABROAD,
                                  ELSEWHERE_IN_UK]), pow_, "unknown place of work code")
    rules = [
        ((pow_ == NOT_IN_EMPLOYMENT) != (work == "-8"), "workplace −8 goes with code −8 only"),
        ((pow_ == AT_HOME) & (work != home), "a home worker's workplace is not the residence"),
        ((pow_ == OFFSHORE_OR_ABROAD) != work.isin(["888888888", "999999999"]),
         "offshore/abroad workplaces go with code 2 only"),
    ]
    for bad, problem in rules:
        fail_first(shown, bad, work, problem)
    fail_first(shown, flows.duplicated(["residence_code", "workplace_code", "place_of_work"]),
               home, "flow listed twice")
    london = home.str.startswith("E09") | work.str.startswith("E09")
    report.drop("flow neither from nor to a London borough", int((~london).sum()))
    report.rows_kept = int(london.sum())
    return flows[london].reset_index(drop=True), report


def workplace_population() -> pd.DataFrame:
    """Census 2021 workplace population of the 33 boroughs: people aged 16+ working there.

    Columns: borough_code, borough_name, workplace, at_home (place of work code 1), live_and_work
    (code 3, living in the same borough), commute_in (code 3, living elsewhere). From ODWP01EW
    (:func:`odwp_flows`), home workers counted where they live, as ONS does; cross-checked
    against ONS's own summary ``odwp01ew_lad_counts.csv`` (``destination``, ``nomove``,
    ``within``), a difference raising naming that file's line. Westminster 265,015; London
    4,511,638. Census day fell in a lockdown (high home-working), so central London is low.
    """
    flows = odwp_flows()
    working = flows[flows["workplace_code"].str.startswith("E09")]
    same = working["residence_code"] == working["workplace_code"]
    kind = np.select([working["place_of_work"] == AT_HOME, same], ["at_home", "live_and_work"],
                     "commute_in")
    table = working.pivot_table(index="workplace_code", columns=kind, values="count",
                                aggfunc="sum", fill_value=0)
    table = table.reindex(columns=["at_home", "live_and_work", "commute_in"], fill_value=0)
    table.insert(0, "workplace", table.sum(axis=1))
    names = census2021_boroughs().set_index("borough_code")["borough_name"]
    table = table.reindex(names.index)
    _check_against_summary(table)
    table.insert(0, "borough_name", names)
    table = table.rename_axis("borough_code").reset_index()
    return table.astype({c: "int64" for c in ("workplace", "at_home", "live_and_work",
                                               "commute_in")})


def _check_against_summary(table: pd.DataFrame) -> None:
    """Compare with ONS's per-area counts (when the file is in the data folder)."""
    if not (data_dir() / ODWP_COUNTS).exists():
        return
    raw, shown = read_csv_checked(ODWP_COUNTS, ("areacd", "destination", "nomove", "within"))
    raw = raw.reset_index(drop=True)
    for ours, theirs in (("workplace", "destination"), ("at_home", "nomove"),
                         ("live_and_work", "within")):
        published = _counts(shown, raw[theirs], theirs)
        expected = raw["areacd"].map(table[ours])
        fail_first(shown, expected.notna() & (expected != published), raw["areacd"],
                   f"{theirs} differs from ODWP01EW's {ours}")
    absent = sorted(set(table.index) - set(raw["areacd"]))
    if absent:
        raise DataFileError(shown, f"London boroughs missing: {absent}")


def workday_population() -> pd.DataFrame:
    """A Census 2021 workday population of the 33 boroughs (derived here, not an ONS table).

    ``workday = workplace + not_in_employment + under_16``: people who work in the borough,
    plus its residents aged 16+ not in employment (ODWP01EW code −8), plus its residents under
    16 (Census 2021 residents − ODWP01EW residents aged 16+), following ONS's definition of
    the workday population. Columns: borough_code, borough_name, residents, residents_16_plus,
    workplace, not_in_employment, under_16, workday. Westminster 367,509; London 8,951,333.
    Tourists and visitors (in the GLA's 2014 daytime population, not in the data folder) are
    not included.
    """
    flows = odwp_flows()
    living = flows[flows["residence_code"].str.startswith("E09")]
    by_home = living.groupby("residence_code")
    residents_16 = by_home["count"].sum()
    idle = living[living["place_of_work"] == NOT_IN_EMPLOYMENT]
    idle = idle.groupby("residence_code")["count"].sum()
    table = census2021_boroughs().merge(workplace_population()[["borough_code", "workplace"]],
                                        on="borough_code", validate="1:1")
    table["residents_16_plus"] = table["borough_code"].map(residents_16)
    table["not_in_employment"] = table["borough_code"].map(idle)
    if table[["residents_16_plus", "not_in_employment"]].isna().any().any():
        absent = table.loc[table["residents_16_plus"].isna(), "borough_name"].tolist()
        raise DataFileError(ODWP, f"no residents aged 16+ for {absent}")
    table["under_16"] = table["residents"] - table["residents_16_plus"]
    table["workday"] = table["workplace"] + table["not_in_employment"] + table["under_16"]
    columns = ["borough_code", "borough_name", "residents", "residents_16_plus", "workplace",
               "not_in_employment", "under_16", "workday"]
    return table[columns].astype({c: "int64" for c in columns[2:]})


# --- the old series ------------------------------------------------------------------------


def mid2020_lsoa() -> pd.DataFrame:
    """ONS mid-2020 population estimates (SAPE23DT2, old series) for the 4,835 LSOAs of 2011.

    Columns: lsoa_code, lsoa_name, borough_code, borough_name, residents (all ages). A third
    party's London extract with broad age bands, which must add up to the total; every code
    must be one of :func:`~hotspots.io.boundaries.lsoas_2011`. Pre-Census-2021 series: its
    Westminster (269,848) is 32% above Census 2021's 204,235. Later LSOA estimates (mid-2021
    onwards, on 2021 LSOAs) are open data but not in the data folder.
    """
    path = data_file(MID2020)
    sources = [path, data_file(STAT_GIS_ZIP)]
    return cached_table("mid2020_lsoa", sources, _build_mid2020, {"parser": PARSER})


def _build_mid2020() -> tuple[pd.DataFrame, LoadReport]:
    keys = ("LSOA11CD", "LSOA11NM", "LAD11CD", "LAD11NM", "Persons_All-Ages")
    raw, shown = read_csv_checked(MID2020, keys + MID2020_BANDS)
    report = LoadReport(shown, files=1, rows_read=len(raw))
    _codes(shown, raw["LSOA11CD"], r"E01\d{6}", "LSOA11CD")
    fail_first(shown, ~raw["LAD11CD"].str.fullmatch(r"E09\d{6}").fillna(False), raw["LAD11CD"],
               "LAD11CD is not a London borough code")
    total = _counts(shown, raw["Persons_All-Ages"], "Persons_All-Ages")
    summed = sum(_counts(shown, raw[c], c) for c in MID2020_BANDS)
    fail_first(shown, summed != total, raw["LSOA11CD"], "age bands do not add up to all ages")
    known = set(lsoas_2011()["lsoa_code"])
    fail_first(shown, ~raw["LSOA11CD"].isin(known), raw["LSOA11CD"], "not a 2011 London LSOA")
    absent = sorted(known - set(raw["LSOA11CD"]))
    if absent:
        raise DataFileError(shown, f"{len(absent)} London LSOAs of 2011 missing: {absent[:5]}")
    table = pd.DataFrame({"lsoa_code": raw["LSOA11CD"], "lsoa_name": raw["LSOA11NM"],
                          "borough_code": raw["LAD11CD"], "borough_name": raw["LAD11NM"],
                          "residents": total})
    report.rows_kept = len(table)
    return table.sort_values("lsoa_code").reset_index(drop=True), report


# --- every denominator ----------------------------------------------------------------------


DENOMINATORS = (
    # (label, borough_population source, reference date, what it measures, source file)
    ("Census 2011 usual residents", "census2011", "27 March 2011",
     "people usually resident", f"{STAT_GIS_ZIP} (2011 LSOAs, USUALRES)"),
    ("ONS mid-2020 estimate (old series)", "mid2020", "30 June 2020",
     "people usually resident, rolled forward from Census 2011", MID2020),
    ("Census 2021 usual residents", "census2021", "21 March 2021",
     "people usually resident", CENSUS_LTLA),
    ("Census 2021 workplace population", "workplace2021", "21 March 2021",
     "people aged 16+ working in the area (home workers where they live)", ODWP),
    ("Census 2021 workday population (derived)", "workday2021", "21 March 2021",
     "workplace population + residents not in employment + residents under 16",
     f"{ODWP} and {CENSUS_LTLA}"),
)
NOT_MIRRORED = (
    ("GLA daytime population", "2014",
     "workday population plus tourists, visitors and students",
     "London Datastore 'Daytime population, borough'",
     "open data, not in the data folder"),
)


def denominators(borough_code: str) -> pd.DataFrame:
    """Every population one could divide a borough's crimes by, with what each one measures.

    Columns: denominator, population (Int64, <NA> when not available), vintage, measures,
    source, available, note. Rows: the five in :data:`DENOMINATORS` (from the data folder),
    the figures typed in from publishers' pages (``data/reference/published_populations.csv``),
    the latest post-census ONS mid-year estimate when the user has downloaded one (else a row
    saying it is open data not in the data folder), and the GLA daytime population (2014;
    not in the data folder).
    """
    codes = set(borough_lookup()["borough_code"])
    if borough_code not in codes:
        raise ValueError(f"{borough_code!r} is not one of the 33 London borough codes")
    rows = []
    for label, source, vintage, measures, origin in DENOMINATORS:
        table = borough_population(source).set_index("borough_code")
        rows.append({"denominator": label, "population": table.at[borough_code, "population"],
                     "vintage": vintage, "measures": measures, "source": origin,
                     "available": True, "note": ""})
    published = published_populations()
    for row in published[published["borough_code"] == borough_code].itertuples():
        rows.append({"denominator": "published figure (typed in)", "population": row.population,
                     "vintage": str(row.year), "measures": row.measure,
                     "source": f"{row.publisher}: {row.source_title}", "available": True,
                     "note": row.note})
    rows.append(_mye_row(borough_code))
    for label, vintage, measures, origin, note in NOT_MIRRORED:
        rows.append({"denominator": label, "population": pd.NA, "vintage": vintage,
                     "measures": measures, "source": origin, "available": False,
                     "note": note})
    table = pd.DataFrame(rows)
    table["population"] = table["population"].astype("Int64")
    return table


def _mye_row(borough_code: str) -> dict:
    row = {"denominator": "ONS mid-year estimate (Census-2021-based)",
           "measures": "people usually resident, rolled forward from Census 2021",
           "source": "ONS 'Estimates of the population for England and Wales' "
                     "(mye22/23/24tables…)"}
    try:
        table = borough_population("ons_mye").set_index("borough_code")
    except FileNotFoundError:
        return {**row, "population": pd.NA, "vintage": "mid-2021 … mid-2024",
                "available": False, "note": "open data, not in the data folder"}
    year = int(table.at[borough_code, "year"])
    return {**row, "population": table.at[borough_code, "population"], "vintage": f"mid-{year}",
            "available": True, "note": f"from {ONS_MYE_DIR}/ (downloaded by the user)"}


# --- ONS mid-year estimates (downloaded by the user) ----------------------------------------


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
