"""Tests for hotspots.io.required: the loaders' declarations of the files they need."""

from __future__ import annotations

import pytest

from hotspots.io import boundaries, met, police_uk, police_uk_extracts
from hotspots.io.required import DOWNLOADS, Required


def test_a_path_is_present_when_the_file_is(tmp_path):
    need = Required("geography/a.zip", "a zip", "boundaries")
    assert not need.present(tmp_path)
    (tmp_path / "geography" / "a.zip").parent.mkdir()
    (tmp_path / "geography" / "a.zip").write_bytes(b"z")
    assert need.present(tmp_path)


def test_a_pattern_is_present_when_one_file_matches(tmp_path):
    need = Required("police_uk/*/*-city-of-london-street.csv*", "street", "police-archive")
    (tmp_path / "police_uk" / "2024-01").mkdir(parents=True)
    assert not need.present(tmp_path)
    (tmp_path / "police_uk" / "2024-01" / "2024-01-city-of-london-street.csv.gz").write_bytes(b"")
    assert need.present(tmp_path)


def test_a_need_names_a_known_download_or_its_origin():
    with pytest.raises(ValueError, match="download must be one of"):
        Required("x.csv", "x", "ftp")
    with pytest.raises(ValueError, match="say where"):
        Required("x.csv", "x")


@pytest.mark.parametrize("module", [boundaries, met, police_uk, police_uk_extracts])
def test_loaders_declare_their_files(module):
    assert module.REQUIRED
    for need in module.REQUIRED:
        assert need.download in (*DOWNLOADS, None)
        assert not need.pattern.startswith("/")
