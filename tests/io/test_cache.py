"""TODO docstring."""

from __future__ import annotations

import json

import pandas as pd

from hotspots import config as paths
from hotspots.io import cache
from hotspots.io.ledger import LEDGER, LoadReport


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
