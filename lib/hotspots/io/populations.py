"""Resident populations of London's boroughs (denominators for rates).

Sources under ``data_dir()``: Census 2011 usual residents (the 2011 LSOA layer of the
Statistical GIS Boundary Files), a third-party police.uk panel's estimate column, and ONS
mid-year estimates (not in the offline mirror: :func:`read_ons_mid_year` reads the file a
user downloads).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow

from hotspots.config import data_dir, relative_to_data
from hotspots.io.boundaries import borough_lookup, lsoa_to_borough, lsoas_2011
from hotspots.io.errors import DataFileError
from hotspots.io.files import read_bytes, read_text
from hotspots.io.police_uk_extracts import PANEL_FILE as PANEL

ONS_MYE_DIR = "geography/ons_mid_year"


POPULATION_SOURCES = ("census2011", "panel_estimate", "ons_mye")


ONS_MISSING = (
    "ONS mid-year population estimates are not in the data folder. Download the ONS dataset "
    "'Estimates of the population for the UK, England, Wales, Scotland and Northern Ireland' "
    "(ons.gov.uk), save its sheet 'MYE2 - Persons' as CSV with the year in the file name (e.g. "
    "MYE2_persons_mid-2022.csv; columns Code, Name, Geography, All ages) and put it in "
    f"$HOTSPOTS_DATA/{ONS_MYE_DIR}/"
)


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
