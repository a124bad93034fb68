"""Tests for hotspots.months: month spans, the one way to write a window of months."""

from __future__ import annotations

import pandas as pd
import pytest

from hotspots.months import MonthSpan, months_between, spans

P = pd.Period


START = pd.Period("2024-01", freq="M")


def test_days_and_per_day():
    assert MonthSpan("2024-01", "2024-12").days == 366  # leap year
    assert MonthSpan("2023-01", "2023-12").days == 365
    assert MonthSpan("2024-02", "2024-02").days == 29
    assert MonthSpan(P("2024-03", "M"), P("2025-02", "M")).days == 365
    assert MonthSpan("2024-01", "2024-12").per_day(13_578) == pytest.approx(37.098, abs=1e-3)
    with pytest.raises(ValueError, match="ends"):
        MonthSpan("2024-05", "2024-01")


def test_windows_keep_ordered_pairs():
    pairs = spans(["2025-06", "2025-09"], ["2025-08", "2025-09"])
    assert [(str(s), str(e)) for s, e in ((p.first, p.last) for p in pairs)] == [
        ("2025-06", "2025-08"), ("2025-06", "2025-09"), ("2025-09", "2025-09")]


def test_months_between_counts_across_years():
    assert months_between(pd.Period("2023-11", freq="M"), pd.Period("2024-02", freq="M")) == 3
    assert months_between(START, START - 13) == -13
