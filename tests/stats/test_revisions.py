"""Revisions and coverage across vintages, on tables whose answers are known by construction."""

from __future__ import annotations

import pandas as pd

from hotspots.stats.revisions import calendar_year_totals, month_coverage, monthly_totals, revisions


def _tidy(vintage: str, start: str, values: list[int]) -> pd.DataFrame:
    months = pd.period_range(start, periods=len(values), freq="M")
    half = [v // 2 for v in values]
    rest = [v - h for v, h in zip(values, half, strict=True)]
    rows = [
        {"area_code": code, "month": m, "count": c, "vintage": vintage}
        for code, parts in (("E09000001", half), ("E09000002", rest))
        for m, c in zip(months, parts, strict=True)
    ]
    return pd.DataFrame(rows)


def test_monthly_totals_and_revisions():
    old = _tidy("2024-12", "2024-01", [100] * 12)
    new = _tidy("2025-06", "2024-07", [110] * 12)
    monthly = monthly_totals(pd.concat([old, new]))
    assert monthly.loc[pd.Period("2024-01", "M"), "2024-12"] == 100
    table = revisions(monthly)
    assert list(table.index.astype(str)) == [f"2024-{m:02d}" for m in range(7, 13)]
    assert (table["spread"] == 10).all() and (table["spread %"] == 10.0).all()


def test_calendar_year_totals_need_twelve_months():
    old = _tidy("2024-12", "2024-01", [100] * 12)
    new = _tidy("2025-06", "2024-07", [110] * 12)
    totals = calendar_year_totals(monthly_totals(pd.concat([old, new])), [2024])
    assert totals.loc[2024, "2024-12"] == 1200
    assert pd.isna(totals.loc[2024, "2025-06"])


def test_month_coverage_marks_gaps():
    cover = month_coverage(
        {"a": pd.Series(pd.period_range("2024-01", "2024-03", freq="M")),
         "b": pd.Series([pd.Period("2024-03", "M")])}
    )
    assert cover.loc["a"].tolist() == [True, True, True]
    assert cover.loc["b"].tolist() == [False, False, True]
