"""Configuration: every path the project uses and every environment variable it reads.

The raw data folder is the one setting a user changes: ``HOTSPOTS_DATA`` (default:
``data/raw`` in the project, which ``make download`` fills). CI points it at the verified
offline mirror in ``../shared/data``. The other variables are for tests, CI and advanced use:

============================ =====================================================
``HOTSPOTS_DATA``            the raw-data folder (publishers' formats and layouts)
``HOTSPOTS_CACHE``           the Parquet cache of parsed sources and results
                             (default ``data/cache``)
``HOTSPOTS_BASE_URL``        send every download to another server, keeping host and
                             path (the tests use a server on 127.0.0.1)
``HOTSPOTS_NUMBA_CACHE``     the compiled permutation kernels (numba's on-disk cache; default
                             ``<environment>/numba-cache``, e.g. ``.venv/numba-cache``:
                             compiled code belongs to one environment, so ``make setup`` fills
                             it and ``make clean-cache`` leaves it)
============================ =====================================================

Paths are functions, not constants, so the environment is read at each call and tests can
change it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_ENV = "HOTSPOTS_DATA"
CACHE_ENV = "HOTSPOTS_CACHE"
BASE_URL_ENV = "HOTSPOTS_BASE_URL"
NUMBA_CACHE_ENV = "HOTSPOTS_NUMBA_CACHE"

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _path_from(variable: str, default: Path) -> Path:
    value = os.environ.get(variable)
    return Path(value).expanduser().resolve() if value else default


def data_dir() -> Path:
    """The raw-data folder: ``$HOTSPOTS_DATA`` or ``<project>/data/raw``."""
    return _path_from(DATA_ENV, PROJECT_ROOT / "data" / "raw")


def data_dir_is_set() -> bool:
    """Whether ``HOTSPOTS_DATA`` names the data folder (rather than the default)."""
    return bool(os.environ.get(DATA_ENV))


def cache_dir() -> Path:
    """Where parsed sources and heavy results are cached as Parquet: ``$HOTSPOTS_CACHE`` or
    ``data/cache``."""
    return _path_from(CACHE_ENV, PROJECT_ROOT / "data" / "cache")


def numba_cache_dir() -> Path:
    """Where compiled numba kernels are kept between processes: ``$HOTSPOTS_NUMBA_CACHE`` or
    ``<sys.prefix>/numba-cache`` (the environment's own folder)."""
    return _path_from(NUMBA_CACHE_ENV, Path(sys.prefix) / "numba-cache")


def base_url(override: str | None = None) -> str | None:
    """The server downloads go to instead of the publishers' (``$HOTSPOTS_BASE_URL``), if any."""
    return override or os.environ.get(BASE_URL_ENV) or None


def derived_dir() -> Path:
    """Small derived tables the notebooks write (committed as outputs)."""
    return PROJECT_ROOT / "data" / "derived"


def reference_dir() -> Path:
    """Small cited tables typed in from publications (committed, read-only)."""
    return PROJECT_ROOT / "data" / "reference"


def article_path() -> Path:
    """The article under test (a copy of ``../shared/article/article.md``)."""
    return reference_dir() / "article.md"


def press_facts_path() -> Path:
    """The sourced press facts on the Met's later claims (copy of the shared folder's)."""
    return reference_dir() / "press-facts.md"


def figures_dir() -> Path:
    """Where notebooks save their figures."""
    return PROJECT_ROOT / "figures"


def notebooks_dir() -> Path:
    """The numbered notebooks."""
    return PROJECT_ROOT / "notebooks"


def relative_to_data(path: Path) -> str:
    """A path shown relative to the data folder, so outputs never hold absolute paths."""
    try:
        return Path(path).resolve().relative_to(data_dir()).as_posix()
    except ValueError:
        return Path(path).name
