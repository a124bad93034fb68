"""Police workforce in England and Wales (Home Office), for the Met's "1,700 officers and staff".

Sources under ``data_dir()/workforce/`` (see its SOURCES.md):

- the Home Office *Workforce Open Data Table* of 26 July 2023 (``…/open-data-table-police-
  workforce-260723.ods``, sheet ``Data``): every force, 31 March 2007 … 31 March 2023, by sex,
  rank and worker type, headcount and FTE (Crown copyright, OGL v3). The ODS is read with
  python-calamine (a Rust reader: a third of a second; odfpy took 20 s and 1 GB for the same
  table, cell for cell identical) and cached;
- a third party's CSV (``…/historical_capacity_merged.csv``) with officer and PCSO FTE,
  **rounded to whole numbers**, for 30 September 2024, 31 March 2025 and 30 September 2025,
  read from the Home Office September 2025 tables (no police staff; Kent missing).

Not in the data folder: the Home Office releases after July 2023 as published (the revised
open data table of 28 January 2026, the 31 March 2024 figures, police staff after 2023) and the
functions table with neighbourhood-policing officers.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
from python_calamine import CalamineError

from hotspots.config import data_dir, relative_to_data
from hotspots.io.cache import cached_table
from hotspots.io.errors import DataFileError
from hotspots.io.ledger import LoadReport
from hotspots.io.validate import fail_first, read_csv_checked

ODS = ("workforce/homeoffice_open_data_2007-2023__jamesLSI/"
       "open-data-table-police-workforce-260723.ods")  # the release in the offline mirror
ODS_NAME = re.compile(r"open-data-table-police-workforce-(\d{2})(\d{2})(\d{2})\.ods")
DERIVED = "workforce/derived_sep24-sep25__Vlady24/historical_capacity_merged.csv"
SHEET = "Data"
#: pandas.read_excel engine for the ODS (python-calamine).
ENGINE = "calamine"
PARSER = 2  # bump when the parse changes, so cached tables are rebuilt
MET = "Metropolitan Police"
MET_NAMES = (MET, "Metropolitan Police Service")

ODS_COLUMNS = {
    "As at 31 March...": "year", "Geo code": "geo_code", "Force Name": "force",
    "Region": "region", "Sex": "sex", "Rank description": "rank",
    "Worker type": "worker_type", "Total (headcount)": "headcount", "Total (FTE)": "fte",
}
WORKER_TYPES = {
    # the publisher's labels, lower-cased (their case changes from 2021) -> the name used here
    "police officer": "police officer",
    "police staff": "police staff",
    "police community support officer": "PCSO",
    "designated officer": "designated officer",
    "special constable": "special constable",
    "police support volunteer": "police support volunteer",
}
HEADCOUNT_ONLY = ("special constable", "police support volunteer")  # FTE blank or 0
DERIVED_COLUMNS = {
    # column -> (date, worker type)
    "Officer_Sep24": ("2024-09-30", "police officer"),
    "Officer_Mar25": ("2025-03-31", "police officer"),
    "Officer_Sep25": ("2025-09-30", "police officer"),
    "PCSO_Sep24": ("2024-09-30", "PCSO"),
    "PCSO_Mar25": ("2025-03-31", "PCSO"),
    "PCSO_Sep25": ("2025-09-30", "PCSO"),
}
TIDY = ["date", "worker_type", "fte", "headcount", "source"]


def workforce_file() -> Path:
    """The newest ``open-data-table-police-workforce-DDMMYY.ods`` under ``workforce/`` (by the
    release date in its name): the mirror's July 2023 release, or a newer one downloaded by
    ``hotspots download --workforce``. None raises :class:`DataFileError`."""
    found = [(p, ODS_NAME.fullmatch(p.name)) for p in (data_dir() / "workforce").glob("*/*.ods")]
    dated = sorted((f"{m[3]}{m[2]}{m[1]}", p) for p, m in found if m)
    if not dated:
        raise DataFileError(ODS, "file not found in the data folder (nor any other release)")
    return dated[-1][1]


def workforce_table() -> pd.DataFrame:
    """The open data table's ``Data`` sheet, every force, one row per force/sex/rank/worker type.

    Columns: date (31 March of each year), geo_code, force, region (<NA> for British Transport
    Police), sex, rank, worker_type (normalised case-insensitively to :data:`WORKER_TYPES`),
    headcount (int64), fte (float64; blank (NaN) or 0 for special constables and police
    support volunteers, who have headcount only). A row that is not a known worker type or a
    year, or whose headcount or FTE is not a number >= 0 (blank FTE for anyone else), raises
    naming the sheet row. Read from :func:`workforce_file`; cached.
    """
    path = workforce_file()
    return cached_table("workforce_open_data", [path], lambda: _build_workforce(path),
                        {"parser": PARSER})


def _build_workforce(path: Path) -> tuple[pd.DataFrame, LoadReport]:
    shown = relative_to_data(path)
    try:
        raw = pd.read_excel(path, sheet_name=SHEET, engine=ENGINE, dtype=object)
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, CalamineError) as exc:
        raise DataFileError(shown, f"no readable sheet {SHEET!r} ({exc})") from exc
    where = f"{shown}!{SHEET}"
    missing = [c for c in ODS_COLUMNS if c not in raw.columns]
    if missing:
        raise DataFileError(where, f"missing columns {missing}", 1)
    table = raw[list(ODS_COLUMNS)].rename(columns=ODS_COLUMNS)
    report = LoadReport(shown, files=1, rows_read=len(table))
    year = pd.to_numeric(table["year"], errors="coerce")
    fail_first(where, ~year.between(1990, 2100) | (year % 1 != 0), table["year"],
               "not a year")
    for column in ("geo_code", "force", "region", "sex", "rank", "worker_type"):
        table[column] = table[column].astype("string").str.strip()
    fail_first(where, table["force"].isna() | (table["force"] == ""), None, "empty Force Name")
    kind = table["worker_type"].str.lower().map(WORKER_TYPES)
    fail_first(where, kind.isna(), table["worker_type"], "unknown Worker type")
    table["worker_type"] = kind.astype("string")
    headcount = pd.to_numeric(table["headcount"], errors="coerce")
    fail_first(where, ~(headcount >= 0) | (headcount % 1 != 0), table["headcount"],
               "headcount is not a whole number ≥ 0")
    fte = pd.to_numeric(table["fte"], errors="coerce")
    blank = table["fte"].isna() & table["worker_type"].isin(HEADCOUNT_ONLY)
    fail_first(where, ~(fte >= 0) & ~blank, table["fte"], "FTE is not a number ≥ 0")
    table["headcount"], table["fte"] = headcount, fte
    table["date"] = pd.to_datetime({"year": year, "month": 3, "day": 31})
    table["headcount"] = table["headcount"].astype("int64")
    table["fte"] = table["fte"].astype("float64")
    report.rows_kept = len(table)
    columns = ["date", "geo_code", "force", "region", "sex", "rank", "worker_type",
               "headcount", "fte"]
    return table[columns], report


def derived_frontline() -> pd.DataFrame:
    """The derived CSV as date, force, worker_type ("police officer"/"PCSO"), fte (whole).

    Checks: the ten documented columns, whole non-negative numbers, and each
    ``Total_Frontline_*`` = officers + PCSOs (errors name the line). Not an official file: FTE
    were rounded by the third party, and Kent is missing, so column sums are not national totals.
    """
    totals = {f"Total_Frontline_{s}": (f"Officer_{s}", f"PCSO_{s}") for s in
              ("Sep24", "Mar25", "Sep25")}
    raw, shown = read_csv_checked(DERIVED, ("Force_Name", *DERIVED_COLUMNS, *totals))
    fail_first(shown, raw["Force_Name"].str.strip() == "", None, "empty Force_Name")
    fail_first(shown, raw["Force_Name"].duplicated(), raw["Force_Name"], "force listed twice")
    numbers = {}
    for column in (*DERIVED_COLUMNS, *totals):
        text = raw[column].str.strip()
        fail_first(shown, ~text.str.fullmatch(r"[0-9]+").fillna(False), text,
                   f"{column} is not a whole number")
        numbers[column] = text.astype("int64")
    for total, (officers, pcsos) in totals.items():
        fail_first(shown, numbers[total] != numbers[officers] + numbers[pcsos],
                   raw["Force_Name"], f"{total} is not {officers} + {pcsos}")
    report = LoadReport(shown, files=1, rows_read=len(raw), rows_kept=len(raw))
    report.close()
    rows = [
        pd.DataFrame({"date": pd.Timestamp(date), "force": raw["Force_Name"],
                      "worker_type": kind, "fte": numbers[column].astype("float64")})
        for column, (date, kind) in DERIVED_COLUMNS.items()
    ]
    return pd.concat(rows, ignore_index=True).astype({"force": "string",
                                                       "worker_type": "string"})


def met_workforce() -> pd.DataFrame:
    """The Met's workforce over time: date, worker_type, fte, headcount, source.

    31 March 2007 … 2023 from the open data table (summed over sex and rank; headcount and FTE
    for every worker type), then officers and PCSOs at 30 September 2024, 31 March 2025 and
    30 September 2025 from the derived CSV (FTE rounded, headcount <NA>); a newer open data
    table (:func:`workforce_file`) would overlap the derived dates. ``source`` is the file,
    relative to the data folder. The open data table holds the Home Office's adjustment
    to the Met's 31 March 2015 figures (its note A). E.g. 31 March 2023: officers FTE 34,899.0,
    police staff 9,778.5; 30 September 2025: officers 32,332.
    """
    table = workforce_table()
    met = table[table["force"] == MET]
    if met.empty:
        raise DataFileError(relative_to_data(workforce_file()), f"no rows for {MET!r}")
    official = met.groupby(["date", "worker_type"], as_index=False)[["fte", "headcount"]].sum(
        min_count=1)
    official["headcount"] = official["headcount"].astype("Int64")
    official["source"] = relative_to_data(workforce_file())
    derived = derived_frontline()
    later = derived[derived["force"].isin(MET_NAMES)].drop(columns="force")
    if later.empty:
        raise DataFileError(DERIVED, f"no row for {MET!r}")
    later = later.assign(headcount=pd.array([pd.NA] * len(later), dtype="Int64"),
                         source=DERIVED)
    tidy = pd.concat([official, later], ignore_index=True)
    tidy["fte"] = np.round(tidy["fte"].astype("float64"), 6)
    tidy["source"] = tidy["source"].astype("string")
    return tidy[TIDY].sort_values(["date", "worker_type"]).reset_index(drop=True)
