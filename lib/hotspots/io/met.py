"""The Met's monthly crime counts from the London Datastore, as one tidy table per vintage.

Source: 'MPS Recorded Crime: Geographic Breakdown' (``met_datastore/`` in the data folder; see
its SOURCES.md). A vintage folder ``{borough,ward}/vintage_YYYY-MM__<owner>`` holds
``MPS {Borough,Ward} Level Crime (Historical).csv[.gz]`` and/or ``... (most recent 24 months)
.csv[.gz]`` in the publisher's wide format: key columns, then one count column per month
(``YYYYMM``). Key columns by schema:

- borough, to 2025: ``MajorText, MinorText, BoroughName``;
- borough, 2026 (vintage 2026-06): ``Group, SubGroup, BOCU``;
- ward, to 2026-03: ``MajorText, MinorText, WardName, WardCode, LookUp_BoroughName``;
- ward, 2026: no file seen. ``Group``/``SubGroup``/``BOCU`` are accepted in place of
  ``MajorText``/``MinorText``/``LookUp_BoroughName`` beside ``WardName, WardCode``.

Two Parquet files were converted by a third party (fenneh/london-crime-data), whose script
strips, lower-cases and replaces spaces with ``_`` in every header. Back to the CSV columns:

- ward historical: ``wardname`` = WardName, ``wardcode`` = WardCode, ``majortext`` =
  MajorText, ``minortext`` = MinorText, ``lookup_boroughname`` = LookUp_BoroughName;
- LSOA: ``lsoa_code``, ``lsoa_name``, ``borough`` (an E09 code), ``major_category``,
  ``minor_category`` = the LSOA CSV's LSOA code, LSOA name, borough, major and minor category
  columns (that CSV's own header spelling has not been seen).

Output columns: ``area_code`` (E09 borough / E05 ward / E01 LSOA code; ``<NA>`` for rows that
are not a London borough, e.g. airports, "Unknown", "Aviation Security (SO18)"), ``area_name``,
``borough`` (the publisher's borough name), ``major``, ``minor`` (upper case, single spaces),
``month`` (Period[M]), ``count`` (int64, zeros kept), ``vintage``, ``source`` (relative path).
The text columns are pandas categoricals with sorted categories (a few hundred distinct values
repeated over millions of rows: as strings the ward history alone took 890 MB, as categories
under 100 MB); they compare, sort and group like strings.
Rows are in file order (each file row's months in turn; Historical before 24-month rows). The
LSOA file's ``borough`` holds E09 codes; the output shows the lookup's borough name instead.

Accounting: a report "row" is one cell of the wide file (area x category x month), i.e. one
row of the tidy table. Cells dropped: identical duplicate rows; a leading month whose total is
under 1% of the file's median month (a near-empty extra column: 202402 in the LSOA file, 202403
in ward vintage 2026-03), treated as not covered; Historical months also in the 24-month file
of the same vintage (the 24-month file wins). The report (in ``hotspots.report.LEDGER``) is
keyed by the vintage folder's or Parquet file's relative path. For CSVs an error's row is the
file line (header = 1); for Parquet it is the 1-based data row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from hotspots.config import data_dir, relative_to_data
from hotspots.io.boundaries import borough_lookup
from hotspots.io.cache import cached_table
from hotspots.io.errors import DataFileError
from hotspots.io.files import text_stream
from hotspots.io.ledger import LoadReport
from hotspots.io.required import Required
from hotspots.io.validate import first_bad, parser_error_row, read_parquet_checked
from hotspots.names import name_key

FOLDER = "met_datastore"
LEVELS = ("borough", "ward")
COLUMNS = ["area_code", "area_name", "borough", "major", "minor", "month", "count", "vintage",
           "source"]
HISTORICAL, RECENT = "Historical", "most recent 24 months"
LSOA_FILE = "met_datastore/lsoa/vintage_2026-02__fenneh/recorded-crime-lsoa.parquet.gz"
LSOA_VINTAGE = "2026-02"
WARD_HISTORICAL_FILE = (
    "met_datastore/ward/historical_201004-202402__fenneh/recorded-crime-ward-historical.parquet.gz"
)
WARD_HISTORICAL_VINTAGE = "historical-2024-02"
NEAR_EMPTY_SHARE = 0.01
PARSER = 2  # bump when the parse changes, so cached tables are rebuilt
_FENNEH = (
    "a third-party Parquet copy (GitHub fenneh/london-crime-data); see met_datastore/SOURCES.md"
)
REQUIRED = (
    Required(f"{FOLDER}/borough/vintage_*/MPS Borough Level Crime (*).csv*",
             "Met borough counts (a vintage)", "met"),
    Required(f"{FOLDER}/ward/vintage_*/MPS Ward Level Crime (*).csv*",
             "Met ward counts (a vintage)", "met"),
    Required(LSOA_FILE, "Met LSOA counts 2024-26", origin=_FENNEH),
    Required(WARD_HISTORICAL_FILE, "Met ward counts 2010-24", origin=_FENNEH),
)

VINTAGE_DIR = re.compile(r"vintage_(\d{4}-\d{2})__(.+)")
MONTH = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])")

CSV_KEYS = {
    "MajorText": "major", "Group": "major",
    "MinorText": "minor", "SubGroup": "minor",
    "BoroughName": "borough", "LookUp_BoroughName": "borough", "BOCU": "borough",
    "WardName": "area_name", "WardCode": "area_code",
}
WARD_PARQUET_KEYS = {
    "wardname": "area_name", "wardcode": "area_code", "majortext": "major",
    "minortext": "minor", "lookup_boroughname": "borough",
}
LSOA_PARQUET_KEYS = {
    "lsoa_code": "area_code", "lsoa_name": "area_name", "borough": "borough",
    "major_category": "major", "minor_category": "minor",
}
KEYS = {
    "borough": ["major", "minor", "borough"],
    "ward": ["major", "minor", "area_name", "area_code", "borough"],
    "lsoa": ["major", "minor", "area_name", "area_code", "borough"],
}
CODES = {
    "ward": {"area_code": "E05[0-9]{6}"},
    "lsoa": {"area_code": "E01[0-9]{6}", "borough": "E09[0-9]{6}"},
}


def list_vintages(level: str) -> list[str]:
    """The vintage labels (``YYYY-MM``) on disk for ``level`` ("borough" or "ward"), sorted."""
    return sorted({label for label, _ in _vintage_dirs(level)})


def load_counts(level: str, vintage: str | None = None) -> pd.DataFrame:
    """One vintage (newest when ``None``) as a tidy table; Historical + 24-month files joined."""
    label, folder = _vintage_folder(level, vintage)
    files = _vintage_files(folder, level)
    return cached_table(
        f"met_{level}_{label}",
        list(files.values()),
        lambda: _build_vintage(level, label, folder, files),
        {"parser": PARSER, "folder": folder.name},
    )


def load_all_vintages(level: str) -> pd.DataFrame:
    """Every vintage of ``level`` stacked, for comparing revisions between releases."""
    frames = [load_counts(level, label) for label in list_vintages(level)]
    if not frames:
        raise DataFileError(data_dir() / FOLDER / level, "no vintage_YYYY-MM__owner folders")
    return concat(frames)


def concat(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Tidy tables stacked, text columns kept categorical (the union of their categories,
    sorted); ``pd.concat`` alone turns differing categories into plain strings."""
    tables = list(tables)
    if not tables:
        raise ValueError("no tables to stack")
    shared = {}
    for column in tables[0].columns:
        if all(isinstance(t[column].dtype, pd.CategoricalDtype) for t in tables):
            categories = sorted(set().union(*(t[column].cat.categories for t in tables)))
            shared[column] = pd.CategoricalDtype(pd.Index(categories, dtype="str"))
    return pd.concat([t.astype(shared) for t in tables], ignore_index=True)


def ward_list(vintage: str | None = None) -> pd.DataFrame:
    """The wards one ward vintage lists, as published: area_code, area_name, borough.

    Unlike :func:`load_counts`, which gives ``<NA>`` to rows filed under a name that is not a
    London borough, this keeps every code the file has: Heathrow Villages (E05013570) is
    filed under "Aviation Security (SO18)". One row per distinct (code, name, borough), sorted;
    the files are validated as :func:`load_counts` does.
    """
    _, folder = _vintage_folder("ward", vintage)
    parts = []
    for path in _vintage_files(folder, "ward").values():
        report = LoadReport(relative_to_data(path))
        wide = _parse(_read_wide(path), path, CSV_KEYS, "ward", report, first_row=2)
        parts.append(wide[["area_code", "area_name", "borough"]])
    table = pd.concat(parts).drop_duplicates()
    return table.sort_values(["area_code", "borough"]).reset_index(drop=True)


def load_lsoa_counts() -> pd.DataFrame:
    """LSOA (2021) counts, 2024-03 to 2026-02, from the third-party Parquet (vintage 2026-02)."""
    return _load_parquet(LSOA_FILE, LSOA_PARQUET_KEYS, "lsoa", LSOA_VINTAGE)


def load_ward_historical() -> pd.DataFrame:
    """Ward counts 2010-04 to 2024-02 from the third-party Parquet (vintage historical-2024-02)."""
    return _load_parquet(WARD_HISTORICAL_FILE, WARD_PARQUET_KEYS, "ward", WARD_HISTORICAL_VINTAGE)


# --- files ---------------------------------------------------------------------------------


def _vintage_dirs(level: str) -> list[tuple[str, Path]]:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    root = data_dir() / FOLDER / level
    if not root.is_dir():
        return []
    found = [(VINTAGE_DIR.fullmatch(p.name), p) for p in sorted(root.iterdir()) if p.is_dir()]
    return [(match.group(1), path) for match, path in found if match]


def _vintage_folder(level: str, vintage: str | None) -> tuple[str, Path]:
    dirs = _vintage_dirs(level)
    if not dirs:
        raise DataFileError(data_dir() / FOLDER / level, "no vintage_YYYY-MM__owner folders")
    label = vintage or max(label for label, _ in dirs)
    matches = [path for found, path in dirs if found == label]
    if len(matches) != 1:
        names = [p.name for p in matches] or sorted({found for found, _ in dirs})
        problem = "is ambiguous" if matches else "not found"
        raise ValueError(f"{level} vintage {label!r} {problem}: {names}")
    return label, matches[0]


def _vintage_files(folder: Path, level: str) -> dict[str, Path]:
    files = {}
    for part in (HISTORICAL, RECENT):
        name = f"MPS {level.title()} Level Crime ({part}).csv"
        found = [p for p in (folder / name, folder / f"{name}.gz") if p.exists()]
        if len(found) > 1:
            raise DataFileError(folder, f"both {name!r} and its .gz copy are present")
        files.update({part: found[0]} if found else {})
    if not files:
        raise DataFileError(folder, f"no 'MPS {level.title()} Level Crime (...).csv[.gz]' file")
    return files


def _read_wide(path: Path) -> pd.DataFrame:
    """A publisher CSV as strings, columns named as in its header (checked for repeats)."""
    stream = text_stream(path)
    header = [name.strip() for name in next(csv.reader(stream), [])]
    if not header:
        raise DataFileError(path, "empty file")
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise DataFileError(path, f"column(s) {repeated} appear more than once", 1)
    stream.seek(0)
    try:
        frame = pd.read_csv(stream, dtype=str, keep_default_na=False, skip_blank_lines=False)
    except pd.errors.ParserError as exc:
        raise DataFileError(path, f"malformed row ({exc})", parser_error_row(exc)) from exc
    frame.columns = header
    return frame


# --- parsing -------------------------------------------------------------------------------


def _build_vintage(
    level: str, label: str, folder: Path, files: dict[str, Path]
) -> tuple[pd.DataFrame, LoadReport]:
    report = LoadReport(relative_to_data(folder))
    wide = {
        part: _parse(_read_wide(path), path, CSV_KEYS, level, report, first_row=2)
        for part, path in files.items()
    }
    if len(wide) == 2:
        wide[HISTORICAL] = _drop_overlap(wide[HISTORICAL], wide[RECENT], level, report)
    lookup = borough_lookup()
    parts = [_tidy(wide[part], files[part], level, lookup, report) for part in wide]
    long = pd.concat(parts, ignore_index=True)
    months = pd.period_range(long["month"].min(), long["month"].max(), freq="M")
    missing = months.difference(pd.PeriodIndex(long["month"].unique()))
    if len(missing):
        report.notes.append(f"{report.source}: months missing from the series: {list(missing)}")
    return _finish(long, label, report), report


def _load_parquet(relative: str, names: dict[str, str], level: str, vintage: str) -> pd.DataFrame:
    path = data_dir() / relative

    def build() -> tuple[pd.DataFrame, LoadReport]:
        report = LoadReport(relative)
        wide = _parse(read_parquet_checked(path), path, names, level, report, first_row=1)
        return _finish(_tidy(wide, path, level, borough_lookup(), report), vintage, report), report

    return cached_table(f"met_{level}_{vintage}", [path], build, {"parser": PARSER})


def _parse(
    raw: pd.DataFrame,
    path: Path,
    names: dict[str, str],
    level: str,
    report: LoadReport,
    first_row: int,
) -> pd.DataFrame:
    """Validate one wide file: keys renamed and cleaned, then the month columns as int64."""
    keys, months = _split_columns(raw, path, names, level)
    if raw.empty:
        raise DataFileError(path, "no data rows")
    report.files += 1
    report.rows_read += len(raw) * len(months)
    wide = raw[list(keys)].rename(columns=keys)
    for column in KEYS[level]:
        wide[column] = _clean_text(wide[column], path, column, first_row)
    for column, pattern in CODES.get(level, {}).items():
        i = first_bad(~wide[column].str.fullmatch(pattern).to_numpy(bool))
        if i is not None:
            problem = f"{column} {wide[column].iat[i]!r} is not a code like {pattern}"
            raise DataFileError(path, problem, first_row + i)
    wide = pd.concat([wide, _counts(raw[months], path, first_row)], axis=1)
    wide = _drop_duplicates(wide, KEYS[level], len(months), path, first_row, report)
    return _drop_near_empty(wide, months, path, report)


def _split_columns(
    raw: pd.DataFrame, path: Path, names: dict[str, str], level: str
) -> tuple[dict[str, str], list[str]]:
    keys = {col: names[col] for col in raw.columns if col in names}
    others = [col for col in raw.columns if col not in names]
    bad = [col for col in others if not MONTH.fullmatch(str(col))]
    if bad:
        raise DataFileError(path, f"column(s) {bad} are neither {level}-level key columns "
                                  f"nor months in YYYYMM form")
    found = list(keys.values())
    missing = [k for k in KEYS[level] if k not in found]
    extra = [col for col, k in keys.items() if k not in KEYS[level] or found.count(k) > 1]
    if missing or extra:
        wanted = {k: [col for col, v in names.items() if v == k] for k in missing}
        raise DataFileError(path, f"wrong columns for {level} level: missing {wanted}, "
                                  f"unexpected or repeated {extra}")
    if not others:
        raise DataFileError(path, "no month (YYYYMM) columns")
    return keys, [str(col) for col in others]


def _clean_text(values: pd.Series, path: Path, column: str, first_row: int) -> pd.Series:
    """Whitespace collapsed (and upper case for categories); an empty value raises."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)  # clean each value once
    text = pd.Series(uniques, dtype="string").str.replace(r"\s+", " ", regex=True).str.strip()
    text = text.str.upper() if column in ("major", "minor") else text
    empty = (text.isna() | (text == "")).to_numpy(bool)
    i = first_bad(empty[codes])
    if i is not None:
        raise DataFileError(path, f"empty {column}", first_row + i)
    return pd.Series(text.array.take(codes), index=values.index)


def _counts(cells: pd.DataFrame, path: Path, first_row: int) -> pd.DataFrame:
    """Month columns as int64; the first cell that is not a non-negative integer raises."""
    if all(pd.api.types.is_integer_dtype(cells[col]) for col in cells.columns):
        ok = cells.ge(0).fillna(False).to_numpy(bool)
    else:
        ok = cells.apply(lambda col: col.astype("string").str.fullmatch(r"[0-9]+"))
        ok = ok.fillna(False).to_numpy(bool)
    if not ok.all():
        i, j = np.argwhere(~ok)[0]  # row-major: the first bad cell in file order
        raise DataFileError(
            path,
            f"count '{cells.iat[i, j]}' in column {cells.columns[j]} is not a non-negative "
            "integer",
            first_row + int(i),
        )
    return cells.astype("int64")


def _drop_duplicates(
    wide: pd.DataFrame, keys: list[str], n_months: int, path: Path, first_row: int,
    report: LoadReport,
) -> pd.DataFrame:
    """Drop rows identical to an earlier row (counted); a repeated key with other counts raises."""
    repeated = wide.duplicated(keys).to_numpy()
    if not repeated.any():
        return wide
    identical = wide.duplicated().to_numpy()
    i = first_bad(repeated & ~identical)
    if i is not None:
        earlier = int(np.argmax((wide[keys] == wide[keys].iloc[i]).all(axis=1).to_numpy()))
        raise DataFileError(
            path,
            f"repeats the key of row {first_row + earlier} "
            f"({', '.join(wide[keys].iloc[i])}) with different counts",
            first_row + i,
        )
    report.drop("identical duplicate row", int(identical.sum()) * n_months)
    return wide[~identical].reset_index(drop=True)


def _drop_near_empty(
    wide: pd.DataFrame, months: list[str], path: Path, report: LoadReport
) -> pd.DataFrame:
    """Drop leading month columns whose total is under 1% of the median month's."""
    totals = wide[months].sum()
    limit = NEAR_EMPTY_SHARE * totals.median()
    lead = 0
    while lead < len(months) - 1 and totals.iloc[lead] < limit:
        lead += 1
    if lead:
        report.drop("leading month nearly empty (treated as not covered)", lead * len(wide))
        report.notes.append(
            f"{relative_to_data(path)}: leading month(s) {months[:lead]} total "
            f"{totals.iloc[:lead].tolist()}, under {NEAR_EMPTY_SHARE:.0%} of the median month "
            f"({totals.median():g}); treated as not covered"
        )
    return wide.drop(columns=months[:lead])


def _drop_overlap(
    history: pd.DataFrame, recent: pd.DataFrame, level: str, report: LoadReport
) -> pd.DataFrame:
    """Historical without the months the 24-month file also has (that file wins)."""
    overlap = [col for col in history.columns if col not in KEYS[level] and col in recent]
    if overlap:
        report.drop("month also in the 24-month file (24-month file wins)",
                    len(overlap) * len(history))
        report.notes.append(
            f"{report.source}: Historical and 24-month files overlap in {len(overlap)} "
            f"month(s) {overlap[0]}..{overlap[-1]}; the 24-month file's counts are used"
        )
    return history.drop(columns=overlap)


def _tidy(
    wide: pd.DataFrame, path: Path, level: str, lookup: pd.DataFrame, report: LoadReport
) -> pd.DataFrame:
    """Area codes for a validated wide file, then one row per cell (in file order)."""
    months = [col for col in wide.columns if col not in KEYS[level]]
    wide = wide.copy()
    source = relative_to_data(path)
    if level == "lsoa":
        names = dict(zip(lookup["borough_code"], lookup["borough_name"], strict=True))
        unknown = sorted(set(wide["borough"]) - set(names))
        if unknown:
            report.notes.append(f"{source}: borough codes not in the lookup: {unknown}")
        wide["borough"] = wide["borough"].map({c: names.get(c, c) for c in set(wide["borough"])})
    else:
        codes = dict(zip(lookup["name_key"], lookup["borough_code"], strict=True))
        matched = {name: codes.get(name_key(name)) for name in wide["borough"].unique()}
        borough_code = wide["borough"].map(matched)
        for name, rows in wide.loc[borough_code.isna(), "borough"].value_counts().items():
            report.notes.append(f"{source}: {name!r} is not a London borough: "
                                f"{rows * len(months)} cells kept with area_code <NA>")
        if level == "borough":
            wide["area_code"], wide["area_name"] = borough_code, wide["borough"]
        else:
            wide["area_code"] = wide["area_code"].where(borough_code.notna())
    rows = np.repeat(np.arange(len(wide)), len(months))
    long = {col: _take(wide[col], rows) for col in ("area_code", "area_name", "borough",
                                                    "major", "minor")}
    periods = pd.to_datetime(pd.Index(months), format="%Y%m").to_period("M")
    long["month"] = periods[np.tile(np.arange(len(months)), len(wide))]
    long["count"] = wide[months].to_numpy("int64").ravel()
    long["source"] = _take(pd.Series([source]), np.zeros(len(rows), dtype=np.intp))
    return pd.DataFrame(long)


def _take(values: pd.Series, rows: np.ndarray) -> pd.Categorical:
    """``values[rows]`` as a categorical of strings (sorted categories; missing stays NA)."""
    codes, uniques = pd.factorize(values, sort=True)
    return pd.Categorical.from_codes(codes[rows], categories=pd.Index(uniques, dtype="str"))


def _finish(long: pd.DataFrame, vintage: str, report: LoadReport) -> pd.DataFrame:
    """The tidy table in its column order, with the vintage label."""
    long["vintage"] = _take(pd.Series([vintage]), np.zeros(len(long), dtype=np.intp))
    report.rows_kept = len(long)
    return long[COLUMNS]
