"""Concentration measures on small inputs with answers worked out by hand or published."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import requires_mirror

from hotspots.io import met
from hotspots.io.reference import read_benchmarks
from hotspots.stats.concentration import (
    concentration_summary,
    generalized_gini,
    gini,
    lorenz_curve,
    share_held_by_top,
    share_of_units_for,
    top_units,
)


def test_gini_of_equal_counts_is_zero():
    assert gini([4, 4, 4, 4]) == pytest.approx(0.0)


@pytest.mark.parametrize("n", [2, 10, 100])
def test_gini_of_all_crime_in_one_unit_is_n_minus_1_over_n(n):
    counts = np.zeros(n)
    counts[3 % n] = 7
    assert gini(counts) == pytest.approx((n - 1) / n)


def test_gini_by_hand():
    # sorted 0, 0, 1, 2: 2 * (3*1 + 4*2) / (4*3) - 5/4 = 22/12 - 15/12 = 7/12
    assert gini([2, 0, 1, 0]) == pytest.approx(7 / 12)


# Examples documented with the authors' own implementation (R package lorenzgini, gini()).
@pytest.mark.parametrize(
    ("counts", "standard", "generalized"),
    [
        ([10, 8, 2] + [0] * 7, 0.78, 0.78),  # 20 crimes >= 10 units: no adjustment
        ([5, 2, 1] + [0] * 7, 0.80, 0.75),  # 8 crimes < 10 units
        ([10] + [0] * 9, 0.90, 0.90),
        # 10 crimes in 100 units: G' = 10 * (0.99 - 1) + 1 = 1 - 1/N (all in one unit)
        ([10] + [0] * 99, 0.99, 0.90),
    ],
)
def test_gini_matches_bernasco_steenbeek_examples(counts, standard, generalized):
    assert gini(counts) == pytest.approx(standard)
    assert generalized_gini(counts) == pytest.approx(generalized)


def test_generalized_gini_scores_maximal_equality_zero():
    # The authors' example: 10 robberies in 10 neighbourhoods, then 5 in 5 different ones.
    # The standard Gini rises from 0 to 0.5; the generalised Gini stays at 0.
    assert generalized_gini([1] * 10) == pytest.approx(0.0)
    assert gini([1] * 5 + [0] * 5) == pytest.approx(0.5)
    assert generalized_gini([1] * 5 + [0] * 5) == pytest.approx(0.0)


def test_generalized_gini_by_hand():
    # n = 4 units, N = 3 crimes, G = 7/12: G' = (4/3) * (7/12 - 1) + 1 = 1 - 20/36 = 4/9.
    assert generalized_gini([2, 0, 1, 0]) == pytest.approx(4 / 9)
    # 3 + 1 + 1 crimes in 10 units: G = 0.78, G' = 2 * (0.78 - 1) + 1 = 0.56 (the vignette's
    # figure caption prints .58; the formula the same package computes gives 0.56).
    assert generalized_gini([3, 1, 1] + [0] * 7) == pytest.approx(0.56)
    # All N crimes in one unit: G' = 1 - 1/N, so a single crime is both equal and concentrated.
    assert generalized_gini([5] + [0] * 19) == pytest.approx(1 - 1 / 5)
    assert generalized_gini([1] + [0] * 19) == pytest.approx(0.0)


def test_lorenz_curve_points():
    curve = lorenz_curve([1, 3, 0, 0])
    assert curve["unit_share"].tolist() == [0, 0.25, 0.5, 0.75, 1]
    assert curve["crime_share"].tolist() == pytest.approx([0, 0.75, 1, 1, 1])
    assert curve["max_equality"].tolist() == pytest.approx([0, 0.25, 0.5, 0.75, 1])


def test_lorenz_max_equality_line_is_steeper_with_fewer_crimes_than_units():
    curve = lorenz_curve([2, 0, 0, 0])  # N = 2 < n = 4: reaches 1 at N/n = 0.5
    assert curve["max_equality"].tolist() == pytest.approx([0, 0.5, 1, 1, 1])


def test_share_of_units_for():
    counts = [1, 5, 1, 3]  # sorted 5, 3, 1, 1 of 10: cumulative 0.5, 0.8, 0.9, 1.0
    assert share_of_units_for(counts, 0.25) == 0.25
    assert share_of_units_for(counts, 0.5) == 0.25  # exactly half in the top unit
    assert share_of_units_for(counts, 0.6) == 0.5
    assert share_of_units_for(counts, 1.0) == 1.0


def test_share_held_by_top_reads_the_lorenz_curve():
    counts = [1, 5, 1, 3]
    assert share_held_by_top(counts, 0.25) == pytest.approx(0.5)
    assert share_held_by_top(counts, 0.125) == pytest.approx(0.25)  # half of the top unit
    assert share_held_by_top(counts, 0.0) == 0.0
    assert share_held_by_top(counts, 1.0) == pytest.approx(1.0)


def test_top_units_counts_ties_and_index():
    counts = pd.Series([1, 3, 3, 0], index=list("abcd"))
    assert top_units(counts, 0.25).tolist() == [False, True, False, False]  # first of the tie
    tiebreak = [0, 0, 5, 0]
    assert top_units(counts, 0.25, tiebreak).tolist() == [False, False, True, False]
    assert list(top_units(counts, 0.25).index) == list("abcd")
    assert top_units(np.arange(5), 0.5).sum() == 3  # ceil(2.5)
    assert top_units(np.arange(100), 0.1).sum() == 10


def test_summary_and_bad_input():
    summary = concentration_summary([4, 4, 0, 0])
    assert summary["units"] == 4
    assert summary["units with crime"] == 2
    assert summary["gini"] == pytest.approx(0.5)
    assert summary["crime in top 10%"] == pytest.approx(0.2)
    for bad in ([], [0, 0], [1, -1], [[1, 2]], [1, np.nan]):
        with pytest.raises(ValueError):
            gini(bad)
    with pytest.raises(ValueError):
        share_of_units_for([1, 2], 0)


def test_benchmark_table_is_cited_and_consistent():
    table = read_benchmarks()
    assert table["id"].is_unique
    for column in ("authors", "year", "title", "journal", "finding", "checked_against"):
        assert table[column].notna().all(), column
    numbers = table.dropna(subset=["crime_share_pct"])
    assert (numbers["unit_share_pct_low"] <= numbers["unit_share_pct_high"]).all()
    assert numbers["crime_share_pct"].between(0, 100).all()
    weisburd = table.set_index("id").loc["weisburd2015_50"]
    assert (weisburd["unit_share_pct_low"], weisburd["unit_share_pct_high"]) == (2.1, 6.0)


# --- the real mirror -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def lsoa_year(mirror):
    """Met LSOA totals, Mar 2025 - Feb 2026, per LSOA with any row (the session's cached parse)."""
    table = met.load_lsoa_counts()
    recent = table[table["month"] >= pd.Period("2025-03", "M")]
    return recent.groupby("area_code")["count"].sum()


@requires_mirror(met.LSOA_FILE)
def test_mirror_lsoa_concentration(lsoa_year):
    summary = concentration_summary(lsoa_year)
    assert summary["units"] == 4988
    assert summary["crimes"] == 864_457
    assert summary["gini"] == pytest.approx(0.455, abs=0.002)
    assert summary["generalized gini"] == summary["gini"]  # far more crimes than LSOAs
    # half of London's recorded crime is in about 18% of LSOAs, a quarter in about 4%
    assert summary["units for 50% of crime"] == pytest.approx(0.180, abs=0.002)
    assert summary["units for 25% of crime"] == pytest.approx(0.040, abs=0.002)
