"""Tests of the shared foundations: paths, file reading, load accounting, the Parquet cache."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from hotspots import config as paths
from hotspots.io import cache, files
from hotspots.io.errors import DataFileError
from hotspots.io.ledger import LEDGER, LoadReport, load_reports
from hotspots.names import name_key


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


def test_read_text_handles_gzip_and_bom(tmp_path):
    plain = tmp_path / "a.csv"
    plain.write_bytes("\ufeffx,y\n1,2\n".encode())
    packed = tmp_path / "b.csv.gz"
    packed.write_bytes(gzip.compress(b"x,y\n1,2\n"))
    assert files.read_text(plain) == "x,y\n1,2\n"
    assert files.read_text(packed) == "x,y\n1,2\n"


def test_non_utf8_bytes_name_the_row(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"x,y\n1,2\n3,\xff\n")
    with pytest.raises(DataFileError, match=r"bad\.csv, row 3: bytes that are not UTF-8"):
        files.read_text(bad)


def test_truncated_gzip_is_a_clear_error(tmp_path):
    whole = gzip.compress(b"x,y\n" + b"1,2\n" * 1000)
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DataFileError, match="cut.csv.gz: truncated or corrupt gzip"):
        files.read_text(cut)


def test_atomic_write_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.bin"
    with pytest.raises(RuntimeError), files.atomic_write(target) as handle:
        handle.write(b"half")
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []
    with files.atomic_write(target) as handle:
        handle.write(b"whole")
    assert target.read_bytes() == b"whole"


def test_sha256_of_known_bytes(tmp_path):
    path = tmp_path / "abc"
    path.write_bytes(b"abc")
    expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert files.sha256_file(path) == expected


def test_load_report_books_must_balance():
    report = LoadReport("test-source", files=1, rows_read=10, rows_kept=7)
    report.drop("no location", 2)
    with pytest.raises(AssertionError, match="1 rows unaccounted"):
        report.close()
    report.drop("outside Greater London", 1)
    report.close()
    table = load_reports(["test-source"])
    assert table.loc["test-source", "rows dropped"] == 3
    assert table.loc["test-source", "dropped, by reason"] == (
        "no location: 2; outside Greater London: 1"
    )
    LEDGER.pop("test-source")


def test_load_report_merge_adds_up():
    total = LoadReport("merged")
    for kept, dropped in [(5, 1), (3, 2)]:
        part = LoadReport("merged", files=1, rows_read=kept + dropped, rows_kept=kept)
        part.drop("bad", dropped)
        total.merge(part)
    assert (total.files, total.rows_read, total.rows_kept, total.dropped) == (2, 11, 8, {"bad": 3})


def test_cache_rebuilds_only_when_a_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "src.csv"
    source.write_text("a\n1\n")
    calls = []

    def build():
        calls.append(1)
        frame = pd.read_csv(source)
        return frame, LoadReport("cache-test", files=1, rows_read=len(frame), rows_kept=len(frame))

    first = cache.cached_table("t", [source], build)
    second = cache.cached_table("t", [source], build)
    assert len(calls) == 1
    pd.testing.assert_frame_equal(first, second)
    assert LEDGER["cache-test"].rows_kept == 1
    report_file = next((tmp_path / "cache").glob("*.report.json"))
    assert json.loads(report_file.read_text())["source"] == "cache-test"
    source.write_text("a\n1\n2\n")
    third = cache.cached_table("t", [source], build)
    assert len(calls) == 2 and len(third) == 2
    LEDGER.pop("cache-test")


def test_cache_keeps_period_dtype(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    source = tmp_path / "s.txt"
    source.write_text("x")
    frame = pd.DataFrame({"month": pd.period_range("2024-01", periods=3, freq="M"), "n": [1, 2, 3]})

    def build():
        return frame, LoadReport("period-test", rows_read=3, rows_kept=3)

    cache.cached_table("p", [source], build)
    warm = cache.cached_table("p", [source], build)
    assert isinstance(warm["month"].dtype, pd.PeriodDtype)
    LEDGER.pop("period-test")


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("St James's", "st jamess"),
        ("St. James’s", "st jamess"),
        ("Barking & Dagenham", "barking and dagenham"),
        ("City of Westminster", "westminster"),
        ("Holborn & Covent Garden", "holborn and covent garden"),
        ("  Borough  &  Bankside ", "borough and bankside"),
    ],
)
def test_name_key_normalises_spelling(raw, key):
    assert name_key(raw) == key
