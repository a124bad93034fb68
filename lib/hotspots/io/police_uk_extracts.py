"""Third-party police.uk sets in the mirror: one API pull of points and two derived aggregates.

See ``police_uk/SOURCES.md`` for who made each file, how, and how it was checked. The API JSON
holds original records; the LSOA panel and the hexagon counts are other people's aggregates of
police.uk data, not records, and are loaded as published (no re-aggregation).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from hotspots.config import data_dir, relative_to_data
from hotspots.io.boundaries import STAT_GIS_ZIP, borough_lookup
from hotspots.io.cache import cached_table
from hotspots.io.errors import DataFileError
from hotspots.io.files import read_text
from hotspots.io.ledger import LoadReport
from hotspots.io.police_uk import fail_first, parse_coordinates, parse_months, to_bng
from hotspots.io.required import Required
from hotspots.io.validate import read_parquet_checked
from hotspots.names import name_key

SUBSETS_DIR = "police_uk/subsets"
API_FILE = f"{SUBSETS_DIR}/point_api_1mile_charing_cross_2025-12/crimes_london.json.gz"
PANEL_FILE = f"{SUBSETS_DIR}/derived_lsoa_month_panel_2023-06_2026-05/panel.parquet.gz"
HEX_FILE = f"{SUBSETS_DIR}/derived_hex100m_by_type_2025-05_2026-04/crime_hex_3d_month.parquet.gz"
_SEE = "; see police_uk/SOURCES.md"
REQUIRED = (
    Required(API_FILE, "police.uk API pull around Charing Cross",
             origin=f"a third-party API pull (GitHub CrimeMapProject/london_crime_map){_SEE}"),
    Required(PANEL_FILE, "police.uk LSOA x month panel",
             origin=f"a third-party aggregate (GitHub RongzePan/street-crime-spatial-prediction-"
             f"london){_SEE}"),
    Required(HEX_FILE, "police.uk 100 m hexagon counts",
             origin=f"a third-party aggregate (GitHub Ellmal/3D-London-Crime-Statistics){_SEE}"),
)

#: data.police.uk API category slug → the archive CSV's "Crime type".
API_CATEGORIES = {
    "anti-social-behaviour": "Anti-social behaviour",
    "bicycle-theft": "Bicycle theft",
    "burglary": "Burglary",
    "criminal-damage-arson": "Criminal damage and arson",
    "drugs": "Drugs",
    "other-crime": "Other crime",
    "other-theft": "Other theft",
    "possession-of-weapons": "Possession of weapons",
    "public-order": "Public order",
    "robbery": "Robbery",
    "shoplifting": "Shoplifting",
    "theft-from-the-person": "Theft from the person",
    "vehicle-crime": "Vehicle crime",
    "violent-crime": "Violence and sexual offences",
}
API_FIELDS = {
    "persistent_id": "crime_id",
    "month": "month",
    "location.longitude": "longitude",
    "location.latitude": "latitude",
    "location.street.name": "location",
    "category": "crime_type",
    "outcome_status.category": "last_outcome",
    "context": "context",
    "id": "api_id",
}
OPTIONAL_API_FIELDS = ("outcome_status.category", "context")
HEX_COLUMNS = ["month", "crime_type", "hex_q", "hex_r", "longitude", "latitude", "crime_count"]
PANEL_REQUIRED = ["lsoa_code", "month", "crime_count", "LSOA21NM"]


def _parse_api_file(path: Path) -> pd.DataFrame:
    try:
        records = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise DataFileError(path, f"not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise DataFileError(path, "not a JSON array of crime records")
    frame = pd.json_normalize(records).reindex(columns=list(API_FIELDS))
    missing = [f for f in API_FIELDS if f not in OPTIONAL_API_FIELDS and frame[f].isna().all()]
    if records and missing:
        raise DataFileError(path, f"records lack fields: {', '.join(missing)}")
    frame = frame.rename(columns=API_FIELDS)
    text = frame.astype("string")
    slug = text["crime_type"]
    fail_first(path, ~slug.isin(list(API_CATEGORIES)), slug, "unknown crime category slug", 1)
    api_id = pd.to_numeric(frame["api_id"], errors="coerce")
    fail_first(path, api_id.isna(), text["api_id"], "id is not a number", 1)
    frame = text.replace({"": pd.NA})
    frame["crime_type"] = slug.map(API_CATEGORIES).astype("string")
    frame["month"] = parse_months(path, text["month"], 1, "month")
    frame["longitude"], frame["latitude"] = parse_coordinates(
        path, frame["longitude"], frame["latitude"], first=1
    )
    frame["api_id"] = api_id.astype("int64")
    frame["x"], frame["y"] = to_bng(frame["longitude"], frame["latitude"])
    frame["source_file"] = pd.Series(relative_to_data(path), index=frame.index, dtype="string")
    return frame


def _build_api(files: Sequence[Path]) -> tuple[pd.DataFrame, LoadReport]:
    report = LoadReport("police.uk API crimes-street", files=len(files))
    frame = pd.concat([_parse_api_file(p) for p in files], ignore_index=True)
    no_location = frame["longitude"].isna()
    report.rows_read, report.rows_kept = len(frame), int((~no_location).sum())
    report.drop("no location", no_location.sum())
    return frame[~no_location].reset_index(drop=True), report


def load_api_json(path_or_files: str | Path | Sequence[str | Path]) -> pd.DataFrame:
    """Records from data.police.uk API ``crimes-street`` replies (JSON arrays, maybe gzipped).

    Columns follow :func:`hotspots.police_uk.load_street` where the API has them: ``crime_id``
    (``persistent_id``, <NA> for anti-social behaviour), ``month``, ``longitude``, ``latitude``,
    ``location`` (street name), ``crime_type`` (API slug mapped to the archive name by
    ``API_CATEGORIES``), ``last_outcome`` (``outcome_status.category``, as at the query),
    ``context``, ``x``, ``y``, ``source_file``, plus ``api_id`` (the API's own record id).
    The API has no force or LSOA. An unknown slug raises :class:`DataFileError`; its ``row``
    is the record's 1-based position in the JSON array.
    """
    if isinstance(path_or_files, str | Path):
        path_or_files = [path_or_files]
    files = [Path(p) for p in path_or_files]
    return cached_table("police_uk_api", files, lambda: _build_api(files))


def load_charing_cross_api() -> pd.DataFrame:
    """The mirror's API pull: every crime within 1 mile of Charing Cross in 2025-12 (6,305)."""
    return load_api_json(data_dir() / API_FILE)


def _read_parquet(path: Path, required: Sequence[str]) -> pd.DataFrame:
    frame = read_parquet_checked(path)
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataFileError(path, f"missing columns: {', '.join(missing)}")
    return frame


def _build_panel(path: Path) -> tuple[pd.DataFrame, LoadReport]:
    frame = _read_parquet(path, PANEL_REQUIRED)
    frame["month"] = pd.to_datetime(frame["month"]).dt.to_period("M")
    names = pd.Series(frame["LSOA21NM"].dropna().unique())
    area = names.str.replace(r"\s+\d{3}[A-Z]$", "", regex=True)
    london = dict(zip(names, area.map(name_key).isin(borough_lookup()["name_key"]), strict=True))
    frame["is_london"] = frame["LSOA21NM"].map(london).fillna(False).astype(bool)
    report = LoadReport("police.uk LSOA-month panel (third-party)", 1, len(frame), len(frame))
    return frame, report


def load_lsoa_month_panel() -> pd.DataFrame:
    """Third-party police.uk counts per 2021 LSOA × month, 2023-06 … 2026-05 (derived aggregate).

    Built by RongzePan/street-crime-spatial-prediction-london from the police.uk street-level
    API (queried over an adaptive polygon grid; points joined to Dec-2021 LSOAs), so every
    force's crimes inside those LSOAs count. The uploader's columns are kept (``crime_count`` =
    sum of the ``n_*`` columns; ``n_other`` = every type without its own column); ``month``
    becomes a Period and ``is_london`` marks LSOAs whose ``LSOA21NM`` area part is a London
    borough (City included).
    """
    path = data_dir() / PANEL_FILE
    sources = [path, data_dir() / STAT_GIS_ZIP]
    return cached_table("police_uk_lsoa_panel", sources, lambda: _build_panel(path))


def _build_hex(path: Path) -> tuple[pd.DataFrame, LoadReport]:
    frame = _read_parquet(path, HEX_COLUMNS)[HEX_COLUMNS]
    frame["month"] = parse_months(path, frame["month"].astype("string"), 1, "month")
    frame["crime_type"] = frame["crime_type"].astype("string")
    frame["longitude"], frame["latitude"] = parse_coordinates(
        path, frame["longitude"], frame["latitude"], first=1
    )
    frame["x"], frame["y"] = to_bng(frame["longitude"], frame["latitude"])
    report = LoadReport("police.uk 100 m hexagon counts (third-party)", 1, len(frame), len(frame))
    return frame, report


def load_hex_counts() -> pd.DataFrame:
    """Third-party police.uk counts per 100 m hexagon × month × crime type, 2025-05 … 2026-04.

    A derived aggregate built by Ellmal/3D-London-Crime-Statistics from the archive street CSVs
    (Met + City): rows without coordinates or outside lon −0.55…0.35, lat 51.25…51.75 dropped,
    the rest binned into flat-top hexagons of 100 m radius on a local equirectangular grid
    (x = lon·111320·cos 51.5°, y = lat·110540; centre x = 150·q, y = 100·√3·(r + q/2)). Columns:
    ``month`` (Period), ``crime_type`` (archive spelling), ``hex_q``, ``hex_r``, ``longitude``,
    ``latitude`` (hexagon centre), ``crime_count``, and ``x``/``y`` (centre in BNG metres).
    """
    path = data_dir() / HEX_FILE
    return cached_table("police_uk_hex", [path], lambda: _build_hex(path))
