"""Tests for hotspots.config: every path and environment variable in one place."""

from __future__ import annotations

import sys
from pathlib import Path

from hotspots import config as paths


def test_data_dir_follows_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))
    assert paths.data_dir() == tmp_path.resolve()
    monkeypatch.delenv(paths.DATA_ENV)
    assert paths.data_dir() == paths.PROJECT_ROOT / "data" / "raw"


def test_relative_to_data_never_shows_an_absolute_path(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))
    inside = tmp_path / "police_uk" / "2024-01" / "a.csv"
    assert paths.relative_to_data(inside) == "police_uk/2024-01/a.csv"
    assert paths.relative_to_data(tmp_path.parent / "elsewhere.csv") == "elsewhere.csv"


def test_numba_cache_follows_its_variable_else_the_environments_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.NUMBA_CACHE_ENV, str(tmp_path / "kernels"))
    assert paths.numba_cache_dir() == (tmp_path / "kernels").resolve()
    monkeypatch.delenv(paths.NUMBA_CACHE_ENV)
    assert paths.numba_cache_dir() == Path(sys.prefix) / "numba-cache"
