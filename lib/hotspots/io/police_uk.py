"""data.police.uk archive loaders: street-level crimes and stop-and-search as tidy, typed tables.

The archive layout (as in the monthly download zip) is ``police_uk/YYYY-MM/YYYY-MM-<force>-
street.csv`` and ``…-stop-and-search.csv``, plain or gzipped. Each file's month is the
``YYYY-MM`` its name starts with (the same as its folder in the archive). Rows are numbered as
lines of the file, the header being line 1 (no field in these files spans lines).

Coordinates are the police.uk anonymised "snap points"; ``x``/``y`` are British National Grid
(EPSG:27700) from pyproj's best available WGS 84 → OSGB36 transformation (OSTN15 when its grid
is installed, otherwise a Helmert fit good to about 2 m).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import shapely

from hotspots.config import data_dir, relative_to_data
from hotspots.geo.crs import to_bng
from hotspots.io.boundaries import STAT_GIS_ZIP, london_outline
from hotspots.io.cache import cached_table
from hotspots.io.errors import DataFileError
from hotspots.io.files import text_stream
from hotspots.io.ledger import LoadReport
from hotspots.io.required import Required
from hotspots.io.validate import (
    fail_first,
    parse_coordinates,
    parse_months,
    parser_error_row,
)
from hotspots.months import MONTH_TEXT

POLICE_DIR = "police_uk"
BURGLARY_DIR = "police_uk/subsets/burglary_only"
REQUIRED = (
    Required(f"{POLICE_DIR}/*/*-city-of-london-street.csv*", "City of London street crimes",
             "police-archive"),
    Required(f"{POLICE_DIR}/*/*-metropolitan-stop-and-search.csv*", "Met stop and search",
             "police-archive"),
    Required(f"{BURGLARY_DIR}/*-metropolitan-street.BURGLARY-ONLY.csv*", "Met street burglaries",
             origin="a burglary-only extract of Met street files in public GitHub repositories; "
             "see police_uk/SOURCES.md"),
)

STREET_COLUMNS = {
    "Crime ID": "crime_id",
    "Month": "month",
    "Reported by": "reported_by",
    "Falls within": "falls_within",
    "Longitude": "longitude",
    "Latitude": "latitude",
    "Location": "location",
    "LSOA code": "lsoa_code",
    "LSOA name": "lsoa_name",
    "Crime type": "crime_type",
    "Last outcome category": "last_outcome",
    "Context": "context",
}
STOP_SEARCH_COLUMNS = {
    "Type": "type",
    "Date": "date",
    "Part of a policing operation": "part_of_operation",
    "Policing operation": "operation",
    "Latitude": "latitude",
    "Longitude": "longitude",
    "Gender": "gender",
    "Age range": "age_range",
    "Self-defined ethnicity": "self_defined_ethnicity",
    "Officer-defined ethnicity": "officer_defined_ethnicity",
    "Legislation": "legislation",
    "Object of search": "object_of_search",
    "Outcome": "outcome",
    "Outcome linked to object of search": "outcome_linked",
    "Removal of more than just outer clothing": "removal_of_clothing",
}
STOP_SEARCH_BOOLEANS = ("part_of_operation", "outcome_linked", "removal_of_clothing")
_STOP_SEARCH_HEADERS = {tidy: header for header, tidy in STOP_SEARCH_COLUMNS.items()}

_ARCHIVE_NAME = r"(?P<month>\d{{4}}-\d{{2}})-(?P<force>.+)-{kind}\.csv(\.gz)?"


def archive_files(kind: str, forces: Sequence[str], months: Sequence[str] | None) -> list[Path]:
    """Archive files ``police_uk/YYYY-MM/YYYY-MM-<force>-<kind>.csv[.gz]``, sorted by month.

    When a month has both a plain and a gzipped copy, the plain one is used.
    """
    pattern = re.compile(_ARCHIVE_NAME.format(kind=re.escape(kind)))
    wanted = {str(m) for m in months} if months is not None else None
    found: dict[str, Path] = {}
    for path in (data_dir() / POLICE_DIR).glob(f"*/*-{kind}.csv*"):
        match = pattern.fullmatch(path.name)
        if (
            match
            and match["force"] in forces
            and (wanted is None or match["month"] in wanted)
            and (path.suffix == ".csv" or path.name[:-3] not in found)
        ):
            found[path.name.removesuffix(".gz")] = path
    return sorted(found.values(), key=lambda p: p.name)


def street_files(
    forces: Sequence[str] = ("metropolitan", "city-of-london"), months: Sequence[str] | None = None
) -> list[Path]:
    """Street-level crime files for ``forces`` (archive names) and ``months`` ("YYYY-MM")."""
    return archive_files("street", forces, months)


def burglary_files(months: Sequence[str] | None = None) -> list[Path]:
    """The mirror's Met street files filtered to Burglary (``subsets/burglary_only``)."""
    wanted = {str(m) for m in months} if months is not None else None
    paths = sorted((data_dir() / BURGLARY_DIR).glob("*-metropolitan-street.BURGLARY-ONLY.csv*"))
    return [p for p in paths if wanted is None or p.name[:7] in wanted]


def read_archive_csv(path: Path, columns: dict[str, str]) -> tuple[pd.DataFrame, pd.Period]:
    """One archive CSV as strings (<NA> for empty fields), columns renamed, plus its month."""
    match = re.match(r"\d{4}-\d{2}", path.name)
    if not match or not MONTH_TEXT.fullmatch(match[0]):
        raise DataFileError(path, "file name does not start with the month YYYY-MM")
    try:
        frame = pd.read_csv(
            text_stream(path), dtype="string", keep_default_na=False, na_values=[""]
        )
    except pd.errors.ParserError as exc:
        raise DataFileError(path, f"malformed CSV ({exc})", parser_error_row(exc)) from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFileError(path, f"missing columns: {', '.join(missing)}")
    return frame[list(columns)].rename(columns=columns), pd.Period(match[0], "M")


def _parse_street_file(path: Path) -> pd.DataFrame:
    frame, month = read_archive_csv(path, STREET_COLUMNS)
    months = parse_months(path, frame["month"])
    problem = f"Month differs from the file's month {month}"
    fail_first(path, months != month, frame["month"], problem, 2)
    frame["month"] = months
    frame["longitude"], frame["latitude"] = parse_coordinates(
        path, frame["longitude"], frame["latitude"]
    )
    frame["source_file"] = pd.Series(relative_to_data(path), index=frame.index, dtype="string")
    return frame


def _build_street(
    files: Sequence[Path], source: str, clip_to_london: bool, drop_duplicates: bool
) -> tuple[pd.DataFrame, LoadReport]:
    report = LoadReport(source, files=len(files))
    frame = pd.concat([_parse_street_file(Path(p)) for p in files], ignore_index=True)
    report.rows_read = len(frame)

    no_location = frame["longitude"].isna()
    report.drop("no location", no_location.sum())
    frame = frame[~no_location]

    identical = frame.duplicated(subset=list(STREET_COLUMNS.values())) & frame["crime_id"].notna()
    if identical.any():
        report.notes.append(
            f"{identical.sum()} rows repeat another row of the same month exactly, Crime ID "
            "included; the police.uk API lists such rows as separate records (own ids)"
            + (", dropped as duplicates" if drop_duplicates else ", kept")
        )
    if drop_duplicates:
        report.drop("duplicate record", identical.sum())
        frame = frame[~identical]

    x, y = to_bng(frame["longitude"], frame["latitude"])
    frame = frame.assign(x=x, y=y)
    if clip_to_london:
        inside = shapely.contains_xy(london_outline(), x, y)
        report.drop("outside Greater London", (~inside).sum())
        frame = frame[inside]

    report.rows_kept = len(frame)
    columns = [*STREET_COLUMNS.values(), "x", "y", "source_file"]
    return frame[columns].reset_index(drop=True), report


def _street_table(
    name: str, files: Sequence[Path], source: str, clip_to_london: bool, drop_duplicates: bool
) -> pd.DataFrame:
    if not files:
        raise DataFileError(data_dir() / POLICE_DIR, f"no files found for {source}")
    sources = [Path(p) for p in files]
    if clip_to_london:
        sources.append(data_dir() / STAT_GIS_ZIP)
    return cached_table(
        name,
        sources,
        lambda: _build_street(files, source, clip_to_london, drop_duplicates),
        {"clip_to_london": clip_to_london, "drop_duplicates": drop_duplicates},
    )


def load_street(
    forces: Sequence[str] = ("metropolitan", "city-of-london"),
    months: Sequence[str] | None = None,
    *,
    files: Sequence[Path] | None = None,
    clip_to_london: bool = True,
    drop_duplicates: bool = False,
) -> pd.DataFrame:
    """Street-level crimes, one row per record, in tidy typed columns (see ``STREET_COLUMNS``).

    ``crime_id`` is <NA> for anti-social behaviour (no Crime ID is published for it), ``month``
    a monthly Period, ``crime_type`` keeps the archive spelling, ``x``/``y`` are BNG metres and
    ``source_file`` the path relative to the data folder. ``files`` overrides the search by
    ``forces``/``months``.

    Dropped rows, counted by reason in the load report: "no location" (no coordinates);
    "outside Greater London" (``clip_to_london``; see :func:`london_outline`); "duplicate
    record" only when ``drop_duplicates``. Identical rows are kept by default because they are
    not file errors: anti-social behaviour rows carry no ID, so two incidents at one snap point
    in one month are identical rows; and rows that repeat a Crime ID exactly appear in the
    police.uk API as separate records with their own ids. A Crime ID never recurs in another
    month in the mirror's files, but recurs within a month (about 1.5% of City of London rows),
    usually with a different location or outcome.
    """
    paths = list(files) if files is not None else street_files(forces, months)
    pattern = re.compile(_ARCHIVE_NAME.format(kind="street"))
    names = sorted({m["force"] for p in paths if (m := pattern.fullmatch(Path(p).name))})
    source = f"police.uk street ({', '.join(names) or 'given files'})"
    return _street_table("police_uk_street", paths, source, clip_to_london, drop_duplicates)


def load_burglary_subset(
    months: Sequence[str] | None = None, *, clip_to_london: bool = True
) -> pd.DataFrame:
    """The Met street files filtered to Burglary by a third party, parsed as :func:`load_street`.

    Only valid for Burglary (see ``police_uk/SOURCES.md``); never use as the full Met file.
    """
    return _street_table(
        "police_uk_burglary",
        burglary_files(months),
        "police.uk street, Met burglary-only subset",
        clip_to_london,
        False,
    )


def _parse_stop_search_file(path: Path) -> pd.DataFrame:
    frame, month = read_archive_csv(path, STOP_SEARCH_COLUMNS)
    text = frame["date"]
    date = pd.to_datetime(text, format="ISO8601", utc=True, errors="coerce")
    fail_first(path, date.isna(), text, "Date is not an ISO 8601 timestamp", 2)
    frame["date"] = date
    frame.insert(2, "month", month)
    for column in STOP_SEARCH_BOOLEANS:
        values = frame[column]
        fail_first(
            path,
            values.notna() & ~values.isin(["True", "False"]),
            values,
            f"{_STOP_SEARCH_HEADERS[column]} is not True/False",
            2,
        )
        frame[column] = (values == "True").astype("boolean")
    frame["longitude"], frame["latitude"] = parse_coordinates(
        path, frame["longitude"], frame["latitude"]
    )
    frame["x"], frame["y"] = to_bng(frame["longitude"], frame["latitude"])
    frame["source_file"] = pd.Series(relative_to_data(path), index=frame.index, dtype="string")
    return frame


def _build_stop_search(files: Sequence[Path]) -> tuple[pd.DataFrame, LoadReport]:
    report = LoadReport("police.uk stop and search", files=len(files))
    frame = pd.concat([_parse_stop_search_file(p) for p in files], ignore_index=True)
    report.rows_read = report.rows_kept = len(frame)
    no_location = int(frame["longitude"].isna().sum())
    local = frame["date"].dt.tz_convert("Europe/London").dt.tz_localize(None).dt.to_period("M")
    report.notes += [
        f"{no_location} searches without a location kept (NaN coordinates)",
        f"{int(frame.duplicated(subset=list(STOP_SEARCH_COLUMNS.values())).sum())} rows repeat "
        "another exactly (most likely people searched together); all kept",
        f"{int((local != frame['month']).sum())} searches whose London-time month differs "
        "from their file's month",
    ]
    return frame, report


def load_stop_search(
    months: Sequence[str] | None = None, forces: Sequence[str] = ("metropolitan",)
) -> pd.DataFrame:
    """Stop-and-search records in tidy typed columns (see ``STOP_SEARCH_COLUMNS``).

    ``date`` is a tz-aware UTC timestamp as published. ``month`` is the FILE's month, not the
    UTC month of ``date``: forces publish by London local time, so in summer a file begins with
    searches dated 23:xx UTC on the previous month's last day (00:xx BST in the file's month).
    The three True/False columns are nullable booleans. No row is dropped: searches without a
    location (about one in ten) keep NaN coordinates, since monthly counts need no location,
    and identical rows are most likely people searched together. Nor are rows clipped to
    London (547 of the mirror's 348,182 located Met searches lie outside it).
    """
    files = archive_files("stop-and-search", forces, months)
    if not files:
        raise DataFileError(data_dir() / POLICE_DIR, "no stop-and-search files found")
    return cached_table("police_uk_stop_search", files, lambda: _build_stop_search(files))
