"""TODO docstring."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy import stats

from hotspots.analyses import concentration_stability as ht

MONTHS = pd.period_range("2024-01", "2024-03", freq="M")


def met_rows() -> pd.DataFrame:
    return pd.DataFrame({
        "area_code": ["A", "A", "B", None, "A"],
        "major": ["THEFT", "THEFT", "BURGLARY", "THEFT", "THEFT"],
        "minor": ["SHOPLIFTING", "SHOPLIFTING", "RES BURGLARY OF A HOME", "SHOPLIFTING",
                  "THEFT FROM THE PERSON"],
        "month": pd.PeriodIndex(["2024-01", "2024-01", "2024-02", "2024-01", "2024-04"],
                                freq="M"),
        "count": [2, 3, 4, 9, 7],
    })


def test_unit_month_matrix_sums_fills_zeros_and_leaves_out_missing_codes():
    matrix = ht.unit_month_matrix(met_rows(), ["A", "B", "C"], MONTHS)
    assert matrix.shape == (3, 3) and matrix.dtypes.eq("int64").all()
    assert matrix.loc["A"].tolist() == [5, 0, 0]  # April is outside the months asked for
    assert matrix.loc["B"].tolist() == [0, 4, 0]
    assert matrix.loc["C"].tolist() == [0, 0, 0]
    assert int(matrix.to_numpy().sum()) == 9  # the row without a code is left out
    with pytest.raises(ValueError, match="not among the units"):
        ht.unit_month_matrix(met_rows(), ["A"], MONTHS)


def test_period_sums_over_named_month_ranges():
    matrix = pd.DataFrame([[1, 2, 3], [0, 0, 5]], index=["A", "B"], columns=MONTHS)
    sums = ht.period_sums(matrix, {"first two": ("2024-01", "2024-02"), "all": ("2024-01",
                                                                              "2024-03")})
    assert sums.loc["A"].tolist() == [3, 6] and sums.loc["B"].tolist() == [0, 5]
    with pytest.raises(ValueError, match="needs months"):
        ht.period_sums(matrix, {"late": ("2024-03", "2024-04")})


def test_change_by_rank_group_reports_group_means():
    a = pd.Series([10, 8, 0, 2, 0], index=list("vwxyz"))
    b = pd.Series([6, 6, 1, 2, 1], index=list("vwxyz"))
    table = ht.change_by_rank_group(a, b, [0.4, 1.0])
    assert table["units"].tolist() == [2, 3]
    assert table.loc["0–40%", "mean_a"] == 9 and table.loc["0–40%", "mean_b"] == 6
    assert table.loc["0–40%", "change_pct"] == pytest.approx(-100 / 3)
    assert table.loc["40–100%", "mean_a"] == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        ht.change_by_rank_group(a, b, [0.5, 0.9])


def test_proportion_difference_test_finds_the_shifted_unit_only():
    base = pd.Series([100, 100, 100, 100, 0], index=list("abcde"))
    test = pd.Series([100, 100, 100, 300, 0], index=list("abcde"))
    result = ht.proportion_difference_test(base, test)
    assert result.units["change"].tolist() == [-1, -1, -1, 1, 0]
    assert math.isnan(result.units.loc["e", "p"])  # no points: not tested
    assert result.s_index == pytest.approx(0.2) and result.robust_s_index == 0.0
    same = ht.proportion_difference_test(base, base)
    assert same.s_index == 1.0 and (same.units["p"].dropna() == 1).all()


def test_proportion_difference_p_is_the_exact_binomial_test():
    # equal totals: p = 1/2 under the null, where the doubled tail is scipy's exact p-value
    result = ht.proportion_difference_test(pd.Series([30, 10, 5]), pd.Series([12, 28, 5]),
                                           correction="none")
    expected = [stats.binomtest(k, n, 0.5).pvalue for k, n in [(30, 42), (10, 38), (5, 10)]]
    assert result.units["p"].tolist() == pytest.approx(expected)
    assert result.units["change"].tolist() == [-1, 1, 0]


def test_year_pair_changes_rows_per_consecutive_pair():
    yearly = pd.DataFrame({"y1": [50, 10, 5, 1, 0] * 4, "y2": [25, 10, 5, 1, 0] * 4,
                           "y3": [25, 10, 5, 1, 0] * 4})
    table = ht.year_pair_changes(yearly, fraction=0.2)
    assert table[["period_a", "period_b"]].values.tolist() == [["y1", "y2"], ["y2", "y3"]]
    assert table["rho"].tolist() == pytest.approx([1.0, 1.0])
    assert table["kept"].tolist() == [1.0, 1.0]
    assert table.loc[0, "top_change_pct"] == pytest.approx(-50)
    assert table.loc[1, "top_change_pct"] == pytest.approx(0)
    overall = (41 / 66)
    assert table.loc[0, "relative_pct"] == pytest.approx(100 * (0.5 / overall - 1))
