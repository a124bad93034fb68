"""Tests for hotspots.download, hotspots.sources and the ``hotspots`` command.

Every request goes to the fake server of ``tests/loopback_server.py`` on 127.0.0.1; a guard
fails any test that tries to open a connection anywhere else.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import random
import socket
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from loopback_server import Site, guard_loopback, serve_boundaries, serving, zip_bytes

from hotspots import config
from hotspots.config import data_dir
from hotspots.io.download import cli, sources
from hotspots.io.download.fetch import (
    DownloadError,
    download_api_point,
    download_api_poly,
    download_boundaries,
    download_census,
    download_feature_service,
    download_police_archive,
    download_town_centres,
    download_wards_2022,
    download_workforce,
    fetch,
    latest_police_month,
    read_manifest,
)
from hotspots.months import MonthSpan, check_month, shift_month

BODY = random.Random(0).randbytes(200_000)
SHA = hashlib.sha256(BODY).hexdigest()
FAST = {"backoff": 0.001, "progress": False}


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection to an address other than 127.0.0.1."""
    guard_loopback(monkeypatch)


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Site]:
    """A server on 127.0.0.1, set as the base URL; the data folder is ``tmp_path/data``."""
    with serving(monkeypatch, tmp_path / "data") as served:
        yield served


# --- fetch ----------------------------------------------------------------------------------


def test_fetch_downloads_verifies_and_leaves_no_part_file(site: Site, tmp_path: Path) -> None:
    site.files["/f.bin"] = BODY
    dest = fetch(site.url("/f.bin"), tmp_path / "out" / "f.bin", sha256=SHA, **FAST)
    assert dest.read_bytes() == BODY
    assert sorted(p.name for p in dest.parent.iterdir()) == ["f.bin"]
    assert len(site.log) == 1 and site.log[0]["range"] is None


def test_server_error_is_retried_until_success(site: Site, tmp_path: Path) -> None:
    site.files["/f.bin"] = BODY
    site.faults["/f.bin"] = ["500", "500"]
    dest = fetch(site.url("/f.bin"), tmp_path / "f.bin", sha256=SHA, **FAST)
    assert dest.read_bytes() == BODY
    assert [e["status"] for e in site.log] == [500, 500, 200]


def test_persistent_server_error_gives_up_after_the_retries(site: Site, tmp_path: Path) -> None:
    site.files["/f.bin"] = BODY
    site.faults["/f.bin"] = ["500"] * 10
    with pytest.raises(DownloadError, match=r"HTTP 500.*gave up after 3 attempts") as err:
        fetch(site.url("/f.bin"), tmp_path / "f.bin", retries=2, **FAST)
    assert err.value.url == site.url("/f.bin") and site.url("/f.bin") in str(err.value)
    assert len(site.log) == 3
    assert not list(tmp_path.iterdir())


def test_not_found_fails_at_once_with_the_url(site: Site, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="HTTP 404") as err:
        fetch(site.url("/missing.csv"), tmp_path / "missing.csv", **FAST)
    assert err.value.status == 404 and "/missing.csv" in str(err.value)
    assert len(site.log) == 1


def test_truncated_body_is_resumed_with_a_range_request(site: Site, tmp_path: Path) -> None:
    site.files["/f.bin"] = BODY
    site.faults["/f.bin"] = ["truncate"]
    dest = fetch(site.url("/f.bin"), tmp_path / "f.bin", sha256=SHA, **FAST)
    assert dest.read_bytes() == BODY
    first, second = site.log
    assert first["status"] == 200 and first["range"] is None
    assert second["range"] == f"bytes={len(BODY) // 2}-"
    assert second["if_range"] == f'"{SHA[:16]}"'
    assert second["status"] == 206


def test_server_ignoring_range_restarts_from_zero(site: Site, tmp_path: Path) -> None:
    site.files["/f.bin"] = BODY
    site.faults["/f.bin"] = ["truncate"]
    site.honour_range = False
    dest = fetch(site.url("/f.bin"), tmp_path / "f.bin", sha256=SHA, **FAST)
    assert dest.read_bytes() == BODY  # not the first half twice
    assert site.log[1]["range"] == f"bytes={len(BODY) // 2}-"
    assert [e["status"] for e in site.log] == [200, 200]


def test_part_file_of_an_earlier_run_is_resumed(site: Site, tmp_path: Path) -> None:
    site.files["/f.bin"] = BODY
    dest = tmp_path / "f.bin"
    (tmp_path / "f.bin.part").write_bytes(BODY[:1000])
    meta = {"url": site.url("/f.bin"), "validator": f'"{SHA[:16]}"', "total": len(BODY)}
    (tmp_path / "f.bin.part.json").write_text(json.dumps(meta))
    fetch(site.url("/f.bin"), dest, sha256=SHA, **FAST)
    assert dest.read_bytes() == BODY
    assert [(e["range"], e["status"]) for e in site.log] == [("bytes=1000-", 206)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.bin"]


def test_part_file_of_another_url_is_discarded(site: Site, tmp_path: Path) -> None:
    site.files["/f.bin"] = BODY
    (tmp_path / "f.bin.part").write_bytes(b"something else")
    meta = {"url": site.url("/other.bin"), "validator": '"x"', "total": 99}
    (tmp_path / "f.bin.part.json").write_text(json.dumps(meta))
    fetch(site.url("/f.bin"), tmp_path / "f.bin", sha256=SHA, **FAST)
    assert site.log[0]["range"] is None


def test_refused_connection_is_retried_then_reported(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/f.bin"
    with pytest.raises(DownloadError, match=r"connection failed .*gave up after 2 attempts"):
        fetch(url, tmp_path / "f.bin", retries=1, **FAST)
    assert not list(tmp_path.iterdir())


def test_checksum_mismatch_leaves_nothing_behind(site: Site, tmp_path: Path) -> None:
    site.files["/f.bin"] = BODY
    with pytest.raises(DownloadError, match="checksum mismatch") as err:
        fetch(site.url("/f.bin"), tmp_path / "f.bin", sha256="0" * 64, **FAST)
    assert SHA in str(err.value) and site.url("/f.bin") in str(err.value)
    assert not list(tmp_path.iterdir())


def test_present_file_with_the_right_checksum_is_not_fetched(site: Site, tmp_path: Path) -> None:
    site.files["/f.bin"] = BODY
    dest = tmp_path / "f.bin"
    dest.write_bytes(BODY)
    assert fetch(site.url("/f.bin"), dest, sha256=SHA, **FAST) == dest
    assert site.log == []
    dest.write_bytes(b"stale")
    fetch(site.url("/f.bin"), dest, sha256=SHA, **FAST)
    assert dest.read_bytes() == BODY and len(site.log) == 1


# --- sources and months ---------------------------------------------------------------------


def test_resolve_keeps_host_path_and_query_under_the_base_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = "https://data.police.uk/api/crimes-street/all-crime?lat=51.5&lng=-0.1&date=2024-05"
    monkeypatch.delenv(config.BASE_URL_ENV, raising=False)
    assert sources.resolve(url) == url
    assert sources.resolve(url, "http://127.0.0.1:8000/") == (
        "http://127.0.0.1:8000/data.police.uk/api/crimes-street/all-crime"
        "?lat=51.5&lng=-0.1&date=2024-05"
    )
    monkeypatch.setenv(config.BASE_URL_ENV, "http://127.0.0.1:9")
    assert sources.resolve(sources.MET_LISTING) == (
        "http://127.0.0.1:9/data.london.gov.uk/api/dataset/exy3m"
    )


def test_month_helpers() -> None:
    assert shift_month("2024-01", -1) == "2023-12"
    assert shift_month("2024-05", -35) == "2021-06"
    assert MonthSpan("2023-11", "2024-02").labels == ["2023-11", "2023-12", "2024-01", "2024-02"]
    with pytest.raises(ValueError, match="2024-13"):
        check_month("2024-13")


def test_catalogue_destinations_match_the_mirror_layout() -> None:
    assert (
        sources.POLICE_ARCHIVE.dest.format(month="2024-05", force="city-of-london", kind="street")
        == "police_uk/2024-05/2024-05-city-of-london-street.csv.gz"
    )
    assert [s.dest for s in sources.BOUNDARIES] == [
        "geography/statistical-gis-boundaries-london.zip",
        "geography/LB_LSOA2021_shp.zip",
    ]
    assert sources.WARDS_2022.dest == "geography/wards_dec2022_london.geojson.gz"
    assert sorted(sources.CENSUS_TS007A_MEMBERS.values()) == [
        "population/census2021-ts007a-lsoa.csv.gz", "population/census2021-ts007a-ltla.csv"]
    assert sources.CENSUS_ODWP01EW_MEMBERS == {
        "ODWP01EW_LTLA.csv": "population/ODWP01EW_LTLA.csv.gz"}
    assert len(sources.KNOWN_SHA256) == 12
    assert all(name.startswith("met_datastore/") for name in sources.KNOWN_SHA256)


# --- data.police.uk -------------------------------------------------------------------------

STREET_HEADER = (
    b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
    b"LSOA name,Crime type,Last outcome category,Context\r\n"
)


def _street(force: str, month: str) -> bytes:
    row = f"abc,{month},{force},{force},-0.1,51.5,On or near X,E01000001,City 001A,Robbery,,\r\n"
    return STREET_HEADER + row.encode()


def _archive() -> tuple[bytes, dict[str, bytes]]:
    members = {
        f"{month}/{month}-{force}-{kind}.csv": _street(force, month) + kind.encode()
        for month in ("2024-04", "2024-05")
        for force in ("metropolitan", "city-of-london", "kent")
        for kind in ("street", "outcomes")
    }
    members["2024-05/2024-05-metropolitan-stop-and-search.csv"] = b"Type,Date\nPerson search,x\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue(), members


ARCHIVE_PATH = "/data.police.uk/data/archive/2024-05.zip"


def test_police_archive_end_to_end_through_the_cli(site: Site) -> None:
    archive, members = _archive()
    site.files[ARCHIVE_PATH] = archive
    status = cli.main(
        ["download", "--police-archive", "2024-05", "--months", "2024-05", "--no-progress"]
    )
    assert status == 0
    root = data_dir()
    written = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.csv.gz"))
    assert written == [
        "police_uk/2024-05/2024-05-city-of-london-street.csv.gz",
        "police_uk/2024-05/2024-05-metropolitan-stop-and-search.csv.gz",
        "police_uk/2024-05/2024-05-metropolitan-street.csv.gz",
    ]
    for name in written:
        member = name.removeprefix("police_uk/").removesuffix(".gz")
        assert gzip.decompress((root / name).read_bytes()) == members[member]
    assert not list((root / ".downloads").iterdir())  # the zip is removed after unpacking
    manifest = {e["file"]: e for e in read_manifest()}
    assert sorted(manifest) == written
    entry = manifest["police_uk/2024-05/2024-05-metropolitan-street.csv.gz"]
    assert (
        entry["sha256"]
        == hashlib.sha256(members["2024-05/2024-05-metropolitan-street.csv"]).hexdigest()
    )
    assert entry["bytes"] == len(members["2024-05/2024-05-metropolitan-street.csv"])
    assert entry["url"] == site.url(ARCHIVE_PATH) + "#2024-05/2024-05-metropolitan-street.csv"


def test_police_archive_all_months_and_chosen_kinds(site: Site) -> None:
    site.files[ARCHIVE_PATH] = _archive()[0]
    paths = download_police_archive(
        "2024-05", forces=["kent"], kinds=["outcomes"], keep_zip=True, progress=False
    )
    assert [p.name for p in paths] == [f"{m}-kent-outcomes.csv.gz" for m in ("2024-04", "2024-05")]
    assert (data_dir() / ".downloads" / "police-archive-2024-05.zip").exists()


def test_police_archive_errors_name_the_problem(site: Site) -> None:
    site.files[ARCHIVE_PATH] = _archive()[0]
    with pytest.raises(DownloadError, match=r"outside the archive's 2021-06\.\.2024-05"):
        download_police_archive("2024-05", months=["2021-05"], progress=False)
    assert site.log == []  # checked before downloading
    with pytest.raises(DownloadError, match=r"no files for forces \['kant'\]"):
        download_police_archive("2024-05", forces=["kant"], progress=False)
    # the zip is kept after a failed unpack, so the corrected run does not download it again
    assert download_police_archive("2024-05", forces=["kent"], progress=False)
    assert len(site.log) == 1


def test_latest_police_month_from_the_api(site: Site) -> None:
    site.files["/data.police.uk/api/crime-last-updated"] = b'{"date":"2024-05-01"}'
    assert latest_police_month() == "2024-05"


def test_api_point_saves_the_json_as_sent(site: Site) -> None:
    crimes = b'[{"category":"robbery","month":"2025-12"}]'
    site.files["/data.police.uk/api/crimes-street/all-crime"] = crimes
    path = download_api_point(51.5074, -0.1278, "2025-12")
    assert path == data_dir() / "police_uk/api/all-crime_2025-12_51.5074_-0.1278.json"
    assert path.read_bytes() == crimes
    assert site.log[0]["query"] == {"lat": ["51.5074"], "lng": ["-0.1278"], "date": ["2025-12"]}
    assert read_manifest()[0]["sha256"] == hashlib.sha256(crimes).hexdigest()


def test_api_refusal_of_a_large_area_says_why(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hotspots.io.download.fetch.time.sleep", lambda seconds: None)
    site.files["/data.police.uk/api/crimes-street/all-crime"] = b"[]"
    site.faults["/data.police.uk/api/crimes-street/all-crime"] = ["503"] * 4
    with pytest.raises(DownloadError, match="HTTP 503.*above 10,000 crimes") as err:
        download_api_point(51.5, -0.1, "2024-05")
    assert err.value.status == 503 and len(site.log) == 4
    assert not (data_dir() / "police_uk").exists()


def test_api_poly_and_a_non_json_answer(site: Site) -> None:
    site.files["/data.police.uk/api/crimes-street/all-crime"] = b"[]"
    path = download_api_poly([(51.5, -0.1), (51.6, -0.1), (51.6, 0.0)], "2024-05")
    assert path.read_bytes() == b"[]" and path.name.startswith("all-crime_2024-05_poly-")
    assert site.log[0]["query"]["poly"] == ["51.5,-0.1:51.6,-0.1:51.6,0"]
    site.files["/data.police.uk/api/crimes-street/all-crime"] = b"<html>busy</html>"
    with pytest.raises(DownloadError, match="not a JSON list"):
        download_api_point(51.5, -0.1, "2024-05")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


# --- London Datastore -----------------------------------------------------------------------

DATASTORE = "https://data.london.gov.uk/download/exy3m/{id}/{name}"


def _met_csv(key: str, first: str, last: str) -> bytes:
    months = [m.replace("-", "") for m in MonthSpan(first, last).labels]
    header = f"MajorText,MinorText,{key}," + ",".join(months)
    row = "ROBBERY,ROBBERY OF PERSONAL PROPERTY,Camden," + ",".join("1" for _ in months)
    return f"\ufeff{header}\r\n{row}\r\n".encode()


def _serve_met(site: Site, ward_historical_last: str) -> dict[str, bytes]:
    """Serve the listing and the four CSVs (with an older copy of one); return name -> bytes."""
    spans = {
        ("borough", "recent"): ("2024-01", "2025-12"),
        ("borough", "historical"): ("2023-09", "2023-12"),
        ("ward", "recent"): ("2024-01", "2025-12"),
        ("ward", "historical"): ("2023-09", ward_historical_last),
    }
    resources, bodies = {}, {}
    for (level, part), (first, last) in spans.items():
        name = sources.MET_FILES[(level, part)]
        bodies[name] = _met_csv(level.title(), first, last)
        url = DATASTORE.format(id=f"{level}{part}", name=name.replace(" ", "%20"))
        site.files[unquote(urlsplit(sources.resolve(url)).path)] = bodies[name]
        resources[f"{level}{part}"] = {
            "title": name,
            "url": url,
            "format": "csv",
            "temporal_coverage_to": f"{last}-28",
        }
    old = DATASTORE.format(id="old", name=sources.MET_FILES[("borough", "recent")])
    resources["old"] = {"title": "x", "url": old, "temporal_coverage_to": "2025-01-28"}
    listing = json.dumps({"title": "Recorded Crime", "resources": resources}).encode()
    site.files["/data.london.gov.uk/api/dataset/exy3m"] = listing
    return bodies


def test_met_end_to_end_vintage_named_from_the_header(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    bodies = _serve_met(site, ward_historical_last="2023-10")
    assert cli.main(["download", "--met", "--no-progress"]) == 0
    root = data_dir()
    for level in ("borough", "ward"):
        folder = root / "met_datastore" / level / "vintage_2025-12__datastore"
        for part in ("recent", "historical"):
            name = sources.MET_FILES[(level, part)]
            assert gzip.decompress((folder / f"{name}.gz").read_bytes()) == bodies[name]
    assert sorted(p.name for p in (root / "met_datastore" / "borough").iterdir()) == [
        "vintage_2025-12__datastore"
    ]
    assert all("/old/" not in e["path"] for e in site.log)  # the newest resource was chosen
    assert not list((root / ".downloads").iterdir())
    assert len(read_manifest()) == 4
    assert "ward: Historical ends 2023-10 but the recent file starts 2024-01" in caplog.text
    assert "borough: Historical" not in caplog.text


def test_met_file_without_month_columns_is_refused(site: Site) -> None:
    _serve_met(site, ward_historical_last="2023-12")
    name = sources.MET_FILES[("borough", "recent")]
    site.files[f"/data.london.gov.uk/download/exy3m/boroughrecent/{name}"] = b"<html></html>"
    assert cli.main(["download", "--met", "--no-progress"]) == 1
    assert not (data_dir() / "met_datastore").exists()


# --- boundaries and ``hotspots where`` ------------------------------------------------------


def test_boundaries_are_fetched_once_then_kept(site: Site) -> None:
    serve_boundaries(site)
    assert cli.main(["download", "--boundaries", "--no-progress"]) == 0
    for source in sources.BOUNDARIES:
        assert zipfile.ZipFile(data_dir() / source.dest).namelist() == [source.name]
    assert cli.main(["download", "--boundaries", "--no-progress"]) == 0
    assert len(site.log) == 2
    assert cli.main(["download", "--boundaries", "--refresh", "--no-progress"]) == 0
    assert len(site.log) == 4


def test_boundary_that_is_not_a_zip_never_replaces_a_good_one(site: Site) -> None:
    serve_boundaries(site)
    path = urlsplit(sources.resolve(sources.BOUNDARIES[0].url)).path
    dest = data_dir() / sources.BOUNDARIES[0].dest
    site.files[path] = b"<html>"
    with pytest.raises(DownloadError, match="not a zip file"):
        download_boundaries(progress=False)
    assert not dest.exists()
    site.files[path] = good = zip_bytes("good")
    download_boundaries(progress=False)
    site.files[path] = b"<html>"
    with pytest.raises(DownloadError, match="not a zip file"):
        download_boundaries(refresh=True, progress=False)
    assert dest.read_bytes() == good
    assert not list((data_dir() / ".downloads").iterdir())


def test_where_lists_present_and_missing_files_and_verifies(
    site: Site, capsys: pytest.CaptureFixture
) -> None:
    serve_boundaries(site)
    site.files[ARCHIVE_PATH] = _archive()[0]
    cli.main(["download", "--boundaries", "--police-archive", "2024-05", "--no-progress"])
    capsys.readouterr()
    assert cli.main(["where", "--verify"]) == 0
    out = capsys.readouterr().out
    assert f"data folder: {data_dir()}  ($HOTSPOTS_DATA)" in out
    assert "present  geography/LB_LSOA2021_shp.zip" in out
    assert "MISSING  geography/wards_dec2022_london.geojson.gz" in out
    assert f"MISSING  {sources.WORKFORCE.dest}" in out
    assert "MPS Ward Level Crime (Historical).csv: MISSING" in out
    assert "city-of-london street: 2 months 2024-04..2024-05; gaps: none" in out
    assert "metropolitan stop-and-search: 1 months 2024-05..2024-05" in out
    assert "manifest: 7 downloaded files" in out
    (data_dir() / "geography/LB_LSOA2021_shp.zip").write_bytes(b"changed")
    assert cli.main(["where", "--verify"]) == 1
    out = capsys.readouterr().out
    assert "CHECKSUM MISMATCH  geography/LB_LSOA2021_shp.zip" in out
    assert "verified 7 files: 1 differ" in out


# --- ONS feature service (2022 wards) ---------------------------------------------------------

WARDS_PATH = urlsplit(sources.resolve(sources.WARDS_2022.url, "http://x")).path


def _feature(i: int) -> dict:
    return {"type": "Feature", "id": i,
            "properties": {"OBJECTID": i, "WD22CD": f"E05{i:06d}", "LAD22CD": "E09000033"},
            "geometry": {"type": "Point", "coordinates": [-0.1, 51.5]}}


def _feature_service(total: int, flag_in_properties: bool = False) -> Callable[[dict], bytes]:
    """Answer like ArcGIS: a page of features, ``exceededTransferLimit`` while more remain."""

    def answer(query: dict) -> bytes:
        assert query["where"] == [sources.WARDS_2022_WHERE] and query["f"] == ["geojson"]
        assert query["outSR"] == ["4326"] and query["outFields"] == ["*"]
        start, size = int(query["resultOffset"][0]), int(query["resultRecordCount"][0])
        page = {"type": "FeatureCollection",
                "features": [_feature(i) for i in range(start, min(start + size, total))]}
        if start + size < total:
            if flag_in_properties:
                page["properties"] = {"exceededTransferLimit": True}
            else:
                page["exceededTransferLimit"] = True
        return json.dumps(page).encode()

    return answer


def _stored_features() -> list[dict]:
    path = data_dir() / sources.WARDS_2022.dest
    return json.loads(gzip.decompress(path.read_bytes()))["features"]


@pytest.mark.parametrize("flag_in_properties", [False, True])
def test_feature_service_pages_are_stitched_into_one_collection(
    site: Site, flag_in_properties: bool
) -> None:
    site.queries[WARDS_PATH] = _feature_service(7, flag_in_properties)
    path = download_wards_2022(page_size=3)
    assert [f["id"] for f in _stored_features()] == list(range(7))
    assert [e["query"]["resultOffset"] for e in site.log] == [["0"], ["3"], ["6"]]
    assert gzip.decompress(path.read_bytes())[:30].startswith(b'{"type":"FeatureCollection"')
    entry = read_manifest()[0]
    assert entry["file"] == sources.WARDS_2022.dest and "resultOffset=0" in entry["url"]
    assert download_wards_2022(page_size=3) is None  # present: kept
    assert len(site.log) == 3
    assert not list((data_dir() / ".downloads").iterdir())


def test_feature_service_page_truncated_or_failing_is_fetched_again(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hotspots.io.download.fetch.time.sleep", lambda seconds: None)
    site.queries[WARDS_PATH] = _feature_service(6)
    site.faults[WARDS_PATH] = ["500", "truncate"]
    download_wards_2022(page_size=4)
    assert [f["id"] for f in _stored_features()] == list(range(6))
    assert [e["status"] for e in site.log] == [500, 200, 206, 200]
    assert site.log[2]["range"] is not None  # the cut-off page was resumed


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        (b'{"error":{"code":400,"message":"Invalid query"}}', "not a GeoJSON FeatureCollection"),
        (b"<html>maintenance</html>", "not a GeoJSON FeatureCollection: not JSON"),
        (b'{"type":"FeatureCollection","features":[],"exceededTransferLimit":true}',
         "an empty page says more features follow"),
        (b'{"type":"FeatureCollection","features":[]}', "no features match"),
    ],
)
def test_feature_service_bad_answers_write_nothing(site: Site, answer: bytes, problem: str):
    site.queries[WARDS_PATH] = lambda query: answer
    with pytest.raises(DownloadError, match=problem):
        download_feature_service(sources.WARDS_2022.url, "1=1", data_dir() / "w.geojson.gz")
    assert not (data_dir() / "w.geojson.gz").exists()


def test_feature_service_repeated_features_are_refused(site: Site) -> None:
    site.queries[WARDS_PATH] = lambda query: json.dumps(
        {"type": "FeatureCollection", "features": [_feature(1)],
         "exceededTransferLimit": query["resultOffset"] == ["0"]}).encode()
    with pytest.raises(DownloadError, match="repeat a feature"):
        download_wards_2022(page_size=1)


# --- Census 2021 zips, workforce, town centres -----------------------------------------------


def _nomis_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buffer.getvalue()


def _serve_census(site: Site, ts007a: dict[str, bytes]) -> dict[str, bytes]:
    odwp = {"ODWP01EW_LTLA.csv": b"Lower tier local authorities code,Count\r\nE09000033,1\r\n"}
    for source, members in ((sources.CENSUS_TS007A, ts007a), (sources.CENSUS_ODWP01EW, odwp)):
        site.files[urlsplit(sources.resolve(source.url)).path] = _nomis_zip(members)
    return {**ts007a, **odwp}


def test_census_zips_are_unpacked_into_the_mirror_layout(site: Site) -> None:
    members = _serve_census(site, {
        "census2021-ts007a-ltla.csv": b"date,geography,geography code,Age: Total\r\n",
        "census2021-ts007a-lsoa.csv": b"date,geography,geography code,Age: Total\r\nlsoa\r\n",
        "census2021-ts007a-msoa.csv": b"not wanted",
        "metadata/census2021-ts007a.txt": b"notes",
    })
    assert cli.main(["download", "--census", "--no-progress"]) == 0
    root = data_dir()
    ltla = root / "population/census2021-ts007a-ltla.csv"
    assert ltla.read_bytes() == members["census2021-ts007a-ltla.csv"]  # stored as is
    lsoa = root / "population/census2021-ts007a-lsoa.csv.gz"
    assert gzip.decompress(lsoa.read_bytes()) == members["census2021-ts007a-lsoa.csv"]
    odwp = root / "population/ODWP01EW_LTLA.csv.gz"
    assert gzip.decompress(odwp.read_bytes()) == members["ODWP01EW_LTLA.csv"]
    manifest = {e["file"]: e for e in read_manifest()}
    assert sorted(manifest) == ["population/ODWP01EW_LTLA.csv.gz",
                                "population/census2021-ts007a-lsoa.csv.gz",
                                "population/census2021-ts007a-ltla.csv"]
    assert manifest["population/census2021-ts007a-lsoa.csv.gz"]["sha256"] == hashlib.sha256(
        members["census2021-ts007a-lsoa.csv"]).hexdigest()
    assert not list((root / ".downloads").iterdir())


def test_census_zip_without_a_wanted_file_is_refused(site: Site) -> None:
    _serve_census(site, {"census2021-ts007a-ltla.csv": b"x"})
    with pytest.raises(DownloadError, match=r"lacks \['census2021-ts007a-lsoa.csv'\]"):
        download_census()
    assert not (data_dir() / "population").exists()
    site.files[urlsplit(sources.resolve(sources.CENSUS_TS007A.url)).path] = b"PK broken"
    with pytest.raises(DownloadError, match="corrupt zip"):
        download_census()


def test_workforce_and_town_centres_are_checked_before_they_are_kept(site: Site) -> None:
    ods = _nomis_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    gpkg = b"SQLite format 3\x00" + bytes(100)
    site.files[urlsplit(sources.resolve(sources.WORKFORCE.url)).path] = ods
    boundaries, points = sources.TOWN_CENTRES
    site.files[urlsplit(sources.resolve(boundaries.url)).path] = gpkg
    site.files[urlsplit(sources.resolve(points.url)).path] = b"<html>moved</html>"
    assert cli.main(["download", "--workforce", "--no-progress"]) == 0
    assert (data_dir() / sources.WORKFORCE.dest).read_bytes() == ods
    with pytest.raises(DownloadError, match="not a zip file"):
        download_town_centres()
    assert (data_dir() / boundaries.dest).read_bytes() == gpkg
    assert not (data_dir() / points.dest).exists()
    site.files[urlsplit(sources.resolve(boundaries.url)).path] = b"<html>"
    (data_dir() / boundaries.dest).unlink()
    with pytest.raises(DownloadError, match="not a GeoPackage"):
        download_town_centres()
    assert download_workforce() == []  # present: kept


@pytest.mark.parametrize(
    "argv",
    [
        ["download"],
        ["download", "--police-archive", "2024-13"],
        ["download", "--api-point", "51.5", "west", "2024-05"],
    ],
)
def test_cli_usage_errors_exit_2(argv: list[str], site: Site) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2
    assert site.log == []


@pytest.mark.mirror
def test_mirror_met_files_match_their_published_checksums(capsys: pytest.CaptureFixture) -> None:
    if not all((data_dir() / name).exists() for name in sources.KNOWN_SHA256):
        pytest.skip("the data folder does not hold the mirror's Met files")
    assert cli.main(["where", "--verify"]) == 0
    out = capsys.readouterr().out
    assert out.count("  ok  met_datastore/") == 12
    assert "verified 12 files: 0 differ" in out
    assert "present  geography/statistical-gis-boundaries-london.zip" in out
