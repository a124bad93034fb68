"""Revisions and coverage across vintages, on tables whose answers are known by construction."""

from __future__ import annotations

import pandas as pd
import pytest

from hotspots.stats.revisions import (
    calendar_year_totals,
    month_coverage,
    monthly_totals,
    release_revisions,
    revision_summary,
    revisions,
    settled,
)


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


def test_settled_marks_each_vintages_last_months_as_not_yet_complete():
    old = _tidy("2024-06", "2024-01", [100] * 6)
    new = _tidy("2024-08", "2024-03", [100] * 6)
    done = settled(monthly_totals(pd.concat([old, new])), settle=2)
    assert done["2024-06"].tolist() == [True] * 4 + [False] * 4  # Jan-Apr, then May-Aug
    assert done["2024-08"].tolist() == [False] * 2 + [True] * 4 + [False] * 2
    assert settled(monthly_totals(old), settle=0)["2024-06"].all()
    with pytest.raises(ValueError, match="settle"):
        settled(monthly_totals(old), settle=-1)


def test_release_revisions_compare_consecutive_vintages_month_by_month():
    first = _tidy("2024-04", "2024-01", [100, 100, 100, 80])
    second = _tidy("2024-06", "2024-03", [101, 100, 90, 70])
    third = _tidy("2024-07", "2024-06", [77, 50])
    revised = release_revisions(monthly_totals(pd.concat([third, first, second])), settle=1)
    assert revised[["earlier", "later"]].drop_duplicates().values.tolist() == [
        ["2024-04", "2024-06"], ["2024-06", "2024-07"]]
    pair = revised[revised["earlier"] == "2024-04"].set_index("month")
    assert pair["revision"].tolist() == [1, 20]  # March 100 -> 101, April 80 -> 100
    assert pair["revision_pct"].tolist() == [1.0, 25.0]
    assert pair["complete"].tolist() == [True, False]  # April is the 2024-04 vintage's last
    last = revised[revised["earlier"] == "2024-06"]
    assert last[["revision", "complete"]].values.tolist() == [[7, False]]

    summary = revision_summary(revised).set_index(["earlier", "complete"])
    row = summary.loc[("2024-04", False)]
    assert (row["months"], row["earlier_total"], row["later_total"]) == (1, 80, 100)
    assert row["revision_pct"] == pytest.approx(25.0)
    row = summary.loc[("2024-06", False)]
    assert (row["smallest_pct"], row["largest_pct"]) == (pytest.approx(10.0),
                                                         pytest.approx(10.0))
