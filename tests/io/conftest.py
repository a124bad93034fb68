"""Shared set-up for the police.uk loader tests: a data folder with stand-in boroughs."""

from __future__ import annotations

from pathlib import Path

import pytest
from geodata import write_boroughs

from hotspots.io.ledger import LEDGER


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    """A data folder in tmp_path with the stand-in boroughs; its own cache folder."""
    data = tmp_path / "data"
    monkeypatch.setenv("HOTSPOTS_DATA", str(data))
    monkeypatch.setenv("HOTSPOTS_CACHE", str(tmp_path / "cache"))
    write_boroughs(data)
    LEDGER.clear()
    return data
