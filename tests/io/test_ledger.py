"""Tests for hotspots.io.ledger: rows read, kept and dropped, by source and reason."""

from __future__ import annotations

import pytest

from hotspots.io.ledger import LEDGER, LoadReport, load_reports


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
