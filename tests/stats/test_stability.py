"""Rank correlations, persistence of hot units and Andresen's SPPT on small known inputs."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import requires_mirror
from scipy import stats

from hotspots.io import met
from hotspots.stats.stability import (
    correlation_series,
    gamma_poisson_parameters,
    persistence,
    persistence_baselines,
    proportion_difference_test,
    rank_correlation,
    spatial_point_pattern_test,
)


@pytest.mark.parametrize("method", ["spearman", "kendall"])
def test_rank_correlation_of_same_and_reversed_order(method):
    a = [0, 2, 5, 9, 30]
    assert rank_correlation(a, [1, 3, 4, 10, 50], method)[0] == pytest.approx(1.0)
    assert rank_correlation(a, [50, 10, 4, 3, 1], method)[0] == pytest.approx(-1.0)


def test_rank_correlation_of_constant_period_is_nan():
    rho, p = rank_correlation([1, 2, 3], [4, 4, 4])
    assert math.isnan(rho) and math.isnan(p)


def test_correlation_series_pairs_each_period_with_the_one_lag_before():
    up, down = [1, 2, 3, 4, 5], [5, 4, 3, 2, 1]
    counts = pd.DataFrame({"2024-01": up, "2024-02": down, "2024-03": up, "2024-04": down})
    month_on_month = correlation_series(counts, lag=1)
    assert month_on_month["period_b"].tolist() == ["2024-02", "2024-03", "2024-04"]
    assert month_on_month["rho"].tolist() == pytest.approx([-1, -1, -1])
    two_back = correlation_series(counts, lag=2, method="kendall")
    assert two_back["period_a"].tolist() == ["2024-01", "2024-02"]
    assert two_back["rho"].tolist() == pytest.approx([1, 1])
    with pytest.raises(ValueError):
        correlation_series(counts, lag=4)


def test_persistence_of_hot_units():
    result = persistence([True, True, False, False], [True, False, True, False])
    assert (result.n_a, result.n_b, result.n_both) == (2, 2, 1)
    assert result.kept_share == 0.5
    assert result.jaccard == pytest.approx(1 / 3)
    same = persistence(pd.Series([True, False, True]), np.array([True, False, True]))
    assert same.kept_share == 1.0 and same.jaccard == 1.0


def test_sppt_of_identical_patterns_is_one():
    counts = np.random.default_rng(3).poisson(4, 60)
    counts[:5] = 0  # some units empty in both sets
    result = spatial_point_pattern_test(counts, counts, seed=1)
    assert result.s_index == 1.0
    assert result.robust_s_index == 1.0
    units = result.units
    assert (units["lower_pct"] <= units["base_pct"]).all()
    assert (units["base_pct"] <= units["upper_pct"]).all()


def test_sppt_of_disjoint_patterns():
    base = np.r_[np.full(10, 20), np.zeros(20, dtype=int)]  # all base points in units 0-9
    test = np.r_[np.zeros(10, dtype=int), np.full(10, 20), np.zeros(10, dtype=int)]
    result = spatial_point_pattern_test(base, test, seed=1)
    change = result.units["change"].to_numpy()
    assert (change[:10] == -1).all()  # test share below base share
    assert (change[10:20] == 1).all()  # test share above base share
    assert (change[20:] == 0).all()  # empty in both: similar
    assert result.s_index == pytest.approx(10 / 30)
    assert result.robust_s_index == 0.0


def test_sppt_is_seeded_and_keeps_the_index():
    rng = np.random.default_rng(0)
    base = pd.Series(rng.poisson(5, 40), index=[f"E01{i:06d}" for i in range(40)])
    test = pd.Series(rng.poisson(5, 40), index=base.index)
    first = spatial_point_pattern_test(base, test, seed=7)
    again = spatial_point_pattern_test(base, test, seed=7)
    pd.testing.assert_frame_equal(first.units, again.units)
    assert list(first.units.index) == list(base.index)
    assert 0 < first.s_index <= 1


def test_sppt_interval_uses_the_3rd_and_98th_of_100_samples():
    # One unit of 10 points holds 1 point; an 85% sample keeps 8 (round(8.5) = 8) and either
    # keeps that point (share 1/8) or not (0, with probability 2/10). With 100 samples the
    # 3rd smallest is 0 and the 98th is 1/8, so the base share of 1/10 is inside.
    test = np.r_[1, 9]
    result = spatial_point_pattern_test(test, test, seed=2)
    first = result.units.iloc[0]
    assert first["lower_pct"] == 0.0
    assert first["upper_pct"] == pytest.approx(100 / 8)
    assert bool(first["similar"])


def test_sppt_rejects_bad_input():
    with pytest.raises(ValueError):
        spatial_point_pattern_test([1, 2], [1, 2, 3])
    with pytest.raises(ValueError):
        spatial_point_pattern_test([0, 0], [1, 2])


# --- the real mirror -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def lsoa_years(mirror):
    """Met LSOA totals, Mar 2024 - Feb 2025 and Mar 2025 - Feb 2026 (the session's parse)."""
    table = met.load_lsoa_counts()
    second = table["month"] >= pd.Period("2025-03", "M")
    years = table.assign(year=np.where(second, "second", "first"))
    return years.pivot_table(index="area_code", columns="year", values="count", aggfunc="sum")


@requires_mirror(met.LSOA_FILE)
def test_mirror_lsoa_year_on_year_stability(lsoa_years):
    from hotspots.stats.concentration import top_units

    first, second = lsoa_years["first"], lsoa_years["second"]
    rho, _ = rank_correlation(first, second)
    assert rho == pytest.approx(0.94, abs=0.01)
    kept = persistence(top_units(first, 0.05), top_units(second, 0.05))
    assert kept.n_a == 250
    assert kept.kept_share == pytest.approx(0.84, abs=0.02)


def test_proportion_difference_test_finds_the_shifted_unit_only():
    base = pd.Series([100, 100, 100, 100, 0], index=list("abcde"))
    test = pd.Series([100, 100, 100, 300, 0], index=list("abcde"))
    result = proportion_difference_test(base, test)
    assert result.units["change"].tolist() == [-1, -1, -1, 1, 0]
    assert math.isnan(result.units.loc["e", "p"])  # no points: not tested
    assert result.s_index == pytest.approx(0.2) and result.robust_s_index == 0.0
    same = proportion_difference_test(base, base)
    assert same.s_index == 1.0 and (same.units["p"].dropna() == 1).all()


def test_proportion_difference_p_is_the_exact_binomial_test():
    # equal totals: p = 1/2 under the null, where the doubled tail is scipy's exact p-value
    result = proportion_difference_test(pd.Series([30, 10, 5]), pd.Series([12, 28, 5]),
                                           correction="none")
    expected = [stats.binomtest(k, n, 0.5).pvalue for k, n in [(30, 42), (10, 38), (5, 10)]]
    assert result.units["p"].tolist() == pytest.approx(expected)
    assert result.units["change"].tolist() == [-1, 1, 0]


def test_gamma_poisson_parameters_match_the_moments_of_the_rates():
    counts = np.random.default_rng(3).negative_binomial(2, 0.1, 20_000).astype(float)
    shape, rate = gamma_poisson_parameters(counts)
    mean, var = counts.mean(), counts.var(ddof=1)
    assert shape / rate == pytest.approx(mean)  # the rates' mean is the counts' mean
    assert shape / rate**2 == pytest.approx(var - mean)  # their variance: the excess over Poisson
    assert shape == pytest.approx(2, rel=0.1)  # the negative binomial's size
    with pytest.raises(ValueError, match="no more variable than Poisson"):
        gamma_poisson_parameters(np.array([4.0, 5.0, 6.0] * 100))  # under-dispersed


def test_persistence_baselines_chance_near_the_fraction_stable_near_the_truth():
    rng = np.random.default_rng(7)
    rates = rng.gamma(0.5, 40, 2_000)
    a = pd.Series(rng.poisson(rates).astype(float))
    b = pd.Series(rng.poisson(rates).astype(float))
    base = persistence_baselines(a, b, n_sims=300, seed=1)
    assert base.n_top == 100
    assert base.chance_mean == pytest.approx(0.05, abs=0.01)  # luck alone: the top share
    assert base.chance_threshold < 0.12
    assert base.stable_low <= base.observed <= base.stable_high  # the data are stable rates
    shuffled = pd.Series(rng.permutation(b.to_numpy()))
    assert persistence_baselines(a, shuffled, n_sims=100).observed < base.chance_threshold
    with_gap = a.copy()
    with_gap[0] = np.nan  # a unit without data is left out
    assert persistence_baselines(with_gap, b, n_sims=50).n_top == 100
