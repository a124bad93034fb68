"""The shared theft-fall analysis: splicing releases, the year pairs, the monthly onset and
the ward changes, by hand, and the figures notebooks 04 and 05 report, on the real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import requires_mirror

from hotspots.analyses import theft_fall as tf
from hotspots.crimes import CRIME_TYPES
from hotspots.io import met
from hotspots.months import MonthSpan

TFP = CRIME_TYPES["theft from the person"]


def release(vintage: str, months: list[str], count: int, code: str = "W1") -> pd.DataFrame:
    return pd.DataFrame({
        "area_code": code, "area_name": "A", "borough": "B", "major": "THEFT",
        "minor": "THEFT FROM THE PERSON", "month": pd.PeriodIndex(months, freq="M"),
        "count": count, "vintage": vintage, "source": "x"})


def test_each_month_comes_from_the_first_release_that_has_it():
    newest = release("new", ["2024-03", "2024-04"], 5)
    older = release("old", ["2024-01", "2024-02", "2024-03"], 9)
    rows, provenance = tf.splice_releases([newest, older])
    by_month = rows.set_index("month")["count"]
    assert by_month.to_dict() == {pd.Period("2024-03", "M"): 5, pd.Period("2024-04", "M"): 5,
                                  pd.Period("2024-01", "M"): 9, pd.Period("2024-02", "M"): 9}
    assert provenance.to_dict("records") == [
        {"vintage": "new", "first": "2024-03", "last": "2024-04", "months": 2},
        {"vintage": "old", "first": "2024-01", "last": "2024-02", "months": 2}]
    with pytest.raises(ValueError, match="no rows"):
        tf.splice_releases([])


def test_ward_matrix_leaves_out_codes_that_are_not_wards():
    rows = pd.concat([release("v", ["2024-01", "2024-03"], 4),
                      release("v", ["2024-01"], 7, code="HEATHROW")])
    m = tf.ward_matrix(rows, TFP, ["W1", "W2"])
    assert m.shape == (2, 3)  # every month from the first to the last, zeros filled
    assert m.loc["W1"].tolist() == [4, 0, 4] and m.loc["W2"].sum() == 0


def wards_by_month(first: str, last: str, n: int = 40, busiest_fall: dict | None = None,
                   seed: int | None = 0) -> pd.DataFrame:
    """``n`` wards with stable Poisson counts (exact means when ``seed`` is None); the five
    busiest fall by the given share from each month given (``{month: factor}``)."""
    rng = np.random.default_rng(seed)
    months = pd.period_range(first, last, freq="M")
    level = np.linspace(400, 10, n)
    factor = np.ones((n, len(months)))
    for month, value in (busiest_fall or {}).items():
        factor[:5, months >= pd.Period(month, "M")] = value
    means = level[:, None] * factor
    counts = means.round() if seed is None else rng.poisson(means)
    return pd.DataFrame(counts, index=[f"w{i:02d}" for i in range(n)], columns=months)


def test_the_busiest_wards_monthly_change_and_its_onset():
    m = wards_by_month("2022-01", "2025-12", busiest_fall={"2025-02": 0.7}, seed=None)
    table = tf.busiest_wards_by_month(m, MonthSpan("2023-01", "2023-12"),
                                      MonthSpan("2024-01", "2025-12"), fraction=0.125)
    assert table.index[0] == pd.Period("2024-01", "M") and len(table) == 24
    row = table.loc[pd.Period("2025-06", "M")]
    assert row["busiest_pct"] == pytest.approx(100 * (row["busiest"] / row["busiest_year_before"]
                                                      - 1))
    assert row["busiest_pct"] == pytest.approx(-30, abs=0.5)
    assert row["rest_pct"] == pytest.approx(0)
    assert tf.fall_onset(table["busiest_pct"], pd.Period("2025-06", "M")) == pd.Period(
        "2025-02", "M")
    with pytest.raises(ValueError, match="after the base"):
        tf.busiest_wards_by_month(m, MonthSpan("2023-01", "2023-12"),
                                  MonthSpan("2023-06", "2023-12"))


def test_fall_onset_cases():
    months = pd.period_range("2025-01", periods=6, freq="M")
    change = pd.Series([-1.0, 2.0, -3.0, -4.0, -5.0, 1.0], index=months)
    assert tf.fall_onset(change, months[4]) == months[2]
    assert tf.fall_onset(change, months[5]) is None
    assert tf.fall_onset(change, months[0]) == months[0]


def test_year_pairs_show_a_fall_beyond_selection_in_the_latest_pair():
    m = wards_by_month("2011-03", "2026-03", n=60, busiest_fall={"2025-04": 0.75}, seed=3)
    pairs = tf.busiest_wards_against_history(m, fraction=0.05)
    assert len(pairs) == 13 and pairs["latest"].tolist() == [False] * 12 + [True]
    assert pairs["pair"].iloc[-1] == "2024/25 → 2025/26"
    latest = pairs.iloc[-1]
    # Three of the busiest 5% (60 wards: 3) fall 25%; London falls by their share.
    assert latest["relative_pct"] == pytest.approx(-22, abs=4)
    assert abs(latest["expected_relative_pct"]) < 2
    assert (pairs["relative_pct"].iloc[:12].abs() < 5).all()
    summary = tf.fall_summary(pairs)
    assert summary["historical pairs with a larger fall"] == 0
    assert summary["historical pairs"] == 12


def test_ward_change_and_shares_of_the_fall():
    m = pd.DataFrame({pd.Period("2024-01", "M"): [100, 40, 10],
                      pd.Period("2025-01", "M"): [50, 30, 20]}, index=["a", "b", "c"])
    change = tf.ward_change(m, MonthSpan("2024-01", "2024-01"), MonthSpan("2025-01", "2025-01"),
                            min_count=20)
    assert change["change"].tolist() == [-50, -10, 10]
    assert change["pct"].iloc[:2].tolist() == pytest.approx([-50, -25])
    assert np.isnan(change.loc["c", "pct"])
    shares = tf.busiest_fall_share(change, {"a": ["a"], "a and b": ["a", "b"]})
    assert shares.to_dict() == pytest.approx({"a": 100, "a and b": 120})


@requires_mirror("met_datastore/ward/vintage_2026-03__hou1020",
                 "met_datastore/ward/vintage_2026-01__lb-lewisham",
                 "met_datastore/ward/historical_201004-202402__fenneh")
def test_mirror_the_fall_notebooks_04_and_05_report(mirror):
    releases = [met.load_counts("ward", "2026-03"), met.load_counts("ward", "2026-01"),
                met.load_ward_historical()]
    rows, provenance = tf.splice_releases(releases)
    assert provenance["months"].tolist() == [24, 2, 166]
    wards = sorted(releases[0]["area_code"].dropna().unique())
    m = tf.ward_matrix(rows, TFP, wards)
    summary = tf.fall_summary(tf.busiest_wards_against_history(m))
    assert round(summary["latest: relative change (%)"], 1) == -11.2
    assert summary["historical pairs with a larger fall"] == 1
    by_month = tf.busiest_wards_by_month(m, MonthSpan("2023-03", "2024-02"),
                                         MonthSpan("2024-03", "2026-03"))
    june = pd.Period("2025-06", "M")
    assert str(tf.fall_onset(by_month["busiest_pct"], june)) == "2025-02"
    assert str(tf.fall_onset(by_month["relative_pct"], june)) == "2024-05"
