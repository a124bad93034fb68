"""Every path the project uses, resolved from one place.

The raw data folder is the one setting a user changes: the ``HOTSPOTS_DATA`` environment
variable (default: ``data/raw`` in the project, which ``hotspots download`` fills). CI points
it at the verified offline mirror in ``../shared/data``.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "HOTSPOTS_DATA"
CACHE_ENV = "HOTSPOTS_CACHE"

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The raw-data folder: ``$HOTSPOTS_DATA`` or ``<project>/data/raw``."""
    value = os.environ.get(DATA_ENV)
    return Path(value).expanduser().resolve() if value else PROJECT_ROOT / "data" / "raw"


def cache_dir() -> Path:
    """Where parsed sources are cached as Parquet: ``$HOTSPOTS_CACHE`` or ``data/cache``."""
    value = os.environ.get(CACHE_ENV)
    return Path(value).expanduser().resolve() if value else PROJECT_ROOT / "data" / "cache"


def derived_dir() -> Path:
    """Small derived tables the notebooks write (committed as outputs)."""
    return PROJECT_ROOT / "data" / "derived"


def figures_dir() -> Path:
    """Where notebooks save their figures."""
    return PROJECT_ROOT / "figures"


def relative_to_data(path: Path) -> str:
    """A path shown relative to the data folder, so outputs never hold absolute paths."""
    try:
        return Path(path).resolve().relative_to(data_dir()).as_posix()
    except ValueError:
        return Path(path).name
