"""Row-level validation shared by every loader: the first bad row raises, naming file and row.

:func:`fail_first` is the one "fail on the first bad row" rule; :func:`parse_months` and
:func:`parse_coordinates` build on it for the columns several sources share;
:func:`read_parquet_checked` and :func:`parser_error_row` turn library errors into
:class:`~hotspots.io.errors.DataFileError`.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from hotspots.config import relative_to_data
from hotspots.io.errors import DataFileError
from hotspots.io.files import data_file, read_bytes, text_stream
from hotspots.months import MONTH_TEXT

UK_LATITUDE = (49.0, 61.0)
UK_LONGITUDE = (-9.0, 3.0)


def first_bad(bad: np.ndarray | pd.Series) -> int | None:
    """Position of the first True (missing counts as False), or ``None``."""
    flags = pd.Series(bad).fillna(False).to_numpy(bool) if isinstance(bad, pd.Series) else \
        np.asarray(bad, dtype=bool)
    return int(np.argmax(flags)) if flags.any() else None


def fail_first(
    path: str | Path,
    bad: np.ndarray | pd.Series,
    values: pd.Series | None,
    problem: str,
    first: int = 2,
) -> None:
    """Raise :class:`DataFileError` for the first ``bad`` row, row = position + ``first``
    (2 for a CSV with a header line), quoting its value from ``values`` when given."""
    i = first_bad(bad)
    if i is not None:
        shown = f"{problem}: {values.iloc[i]!r}" if values is not None else problem
        raise DataFileError(path, shown, i + first)


def parser_error_row(exc: Exception) -> int | None:
    """The line number a pandas ``ParserError`` names, if any."""
    line = re.search(r"line (\d+)", str(exc))
    return int(line[1]) if line else None


def read_parquet_checked(path: Path) -> pd.DataFrame:
    """A (possibly gzipped) Parquet file; an unreadable one raises naming the file."""
    try:
        return pd.read_parquet(io.BytesIO(read_bytes(path)))
    except (OSError, ValueError) as exc:
        raise DataFileError(path, f"not a readable Parquet file ({exc})") from exc


def parse_months(path: Path, text: pd.Series, first: int = 2, name: str = "Month") -> pd.Series:
    """``YYYY-MM`` text as monthly Periods; anything else raises :class:`DataFileError`."""
    valid = text.str.fullmatch(MONTH_TEXT.pattern).fillna(False)
    fail_first(path, ~valid, text, f"{name} is not YYYY-MM", first)
    return pd.to_datetime(text, format="%Y-%m").dt.to_period("M")


def parse_coordinates(
    path: Path, longitude: pd.Series, latitude: pd.Series, first: int = 2
) -> tuple[pd.Series, pd.Series]:
    """Longitude/latitude as float64 (NaN where both are empty), checked to lie in the UK.

    Text that is not a number, a coordinate outside lat 49–61 / lon −9–3, or only one of the pair
    given raises :class:`DataFileError` naming the row (position + ``first``).
    """
    out = []
    for name, text, (low, high) in (
        ("Longitude", longitude, UK_LONGITUDE),
        ("Latitude", latitude, UK_LATITUDE),
    ):
        number = pd.to_numeric(text, errors="coerce").astype("float64")
        fail_first(path, text.notna() & number.isna(), text, f"{name} is not a number", first)
        fail_first(
            path,
            ~number.between(low, high) & number.notna(),
            text,
            f"{name} outside the UK ({low} to {high})",
            first,
        )
        out.append(number)
    lon, lat = out
    fail_first(
        path, lon.isna() != lat.isna(), longitude, "Longitude and Latitude not both given", first
    )
    return lon, lat


def read_csv_checked(relative: str, required: tuple[str, ...]) -> tuple[pd.DataFrame, str]:
    """A CSV in the data folder as strings and its name as errors show it: a malformed line,
    a missing ``required`` column or no data rows raise :class:`DataFileError` naming it."""
    path = data_file(relative)
    shown = relative_to_data(path)
    try:
        table = pd.read_csv(text_stream(path), dtype="string", keep_default_na=False)
    except pd.errors.ParserError as exc:
        raise DataFileError(shown, f"malformed row ({exc})", parser_error_row(exc)) from exc
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise DataFileError(shown, f"missing columns {missing}", 1)
    if table.empty:
        raise DataFileError(shown, "no data rows")
    return table, shown
