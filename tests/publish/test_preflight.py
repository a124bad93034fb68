"""Tests for hotspots.publish.preflight: missing data is fetched, or named with the ways out."""

from __future__ import annotations

import socket

import pytest
from conftest import requires_mirror
from loopback_server import guard_loopback, serve_boundaries, serving

from hotspots import config
from hotspots.io import boundaries, met
from hotspots.publish import preflight


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    guard_loopback(monkeypatch)


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_missing_files_and_no_network_give_one_message_and_status_3(
    monkeypatch, tmp_path, capsys, closed_port
):
    monkeypatch.setenv(config.DATA_ENV, str(tmp_path))
    monkeypatch.setenv(config.BASE_URL_ENV, f"http://127.0.0.1:{closed_port}")
    monkeypatch.setattr(preflight, "LOADERS", (boundaries,))
    assert preflight.main([]) == preflight.MISSING_STATUS
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith("preflight: 2 data file(s) the notebooks need are not in")
    for need in boundaries.REQUIRED:
        assert need.pattern in err
    assert err.count("(not reachable now)") == 2
    assert "`make download`" in err and "HOTSPOTS_DATA=/path/to/folder" in err


def test_missing_files_are_fetched_when_the_server_answers(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(preflight, "LOADERS", (boundaries,))
    with serving(monkeypatch, tmp_path / "data") as site:
        serve_boundaries(site)
        assert preflight.main([]) == 0
    assert all(need.present(tmp_path / "data") for need in boundaries.REQUIRED)
    out = capsys.readouterr().out
    assert "fetching geography/statistical-gis-boundaries-london.zip" in out
    assert "preflight: fetched 2 missing data file(s)" in out


def test_files_no_publisher_serves_are_named_with_their_origin(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(preflight, "LOADERS", (met,))
    with serving(monkeypatch, tmp_path / "data") as site:
        assert preflight.main([]) == preflight.MISSING_STATUS
        assert site.log == []  # nothing fetched: the run could not go on without the others
    err = capsys.readouterr().err
    assert f"{met.LSOA_FILE}\n      Met LSOA counts 2024-26; no publisher serves it" in err
    assert "fenneh/london-crime-data" in err
    assert "`hotspots download --met` fetches it from 127.0.0.1" in err


def test_a_failed_download_is_reported(monkeypatch, tmp_path):
    monkeypatch.setattr(preflight, "LOADERS", (boundaries,))
    with serving(monkeypatch, tmp_path / "data"):
        result = preflight.check(say=lambda _: None)  # the server answers 404 for both zips
    assert [need.pattern for need in result.missing] == [b.pattern for b in boundaries.REQUIRED]
    assert "HTTP 404" in result.problems[0]
    assert "download failed: " in preflight.message(result)


def test_required_files_are_each_listed_once():
    patterns = [need.pattern for need in preflight.required_files((boundaries, boundaries, met))]
    assert patterns == [need.pattern for need in (*boundaries.REQUIRED, *met.REQUIRED)]


@requires_mirror("geography", "met_datastore", "police_uk")
def test_the_mirror_has_every_declared_file(mirror):
    result = preflight.check(fetch_missing=False)
    assert result.ok, preflight.message(result)
