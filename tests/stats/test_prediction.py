"""Hit rate, PAI, PEI, random baselines, history rules and regression to the mean."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import requires_mirror

from hotspots.io import met
from hotspots.stats.prediction import (
    best_capture,
    evaluate_rules,
    pick_from_history,
    random_hit_rates,
    regression_to_mean,
    score_pick,
    shrinkage_weight,
)

COUNTS_B = np.array([10, 5, 3, 1, 1, 0, 0, 0, 0, 0])  # 20 crimes in 10 equal units


def test_perfect_pick_reaches_pai_max_and_pei_one():
    score = score_pick(COUNTS_B >= 5, COUNTS_B)
    assert score.n_picked == 2
    assert score.area_share == pytest.approx(0.2)
    assert score.hit_rate == pytest.approx(0.75)
    assert score.pai == pytest.approx(3.75)  # (15/20) / (2/10)
    assert score.pai == pytest.approx(score.pai_max)
    assert score.pei == pytest.approx(1.0)


def test_poor_pick_scores_below_the_best_pick_of_the_same_size():
    picked = np.zeros(10, dtype=bool)
    picked[[2, 3]] = True
    score = score_pick(picked, COUNTS_B)
    assert score.hit_rate == pytest.approx(0.2)
    assert score.pai == pytest.approx(1.0)  # no better than chance
    assert score.pai_max == pytest.approx(3.75)
    assert score.pei == pytest.approx(1 / 3.75)


def test_unequal_areas_fill_the_densest_units_first():
    counts, area = [10, 10, 0], [1, 4, 5]
    small = score_pick([True, False, False], counts, area)
    assert (small.area_share, small.hit_rate, small.pai) == pytest.approx((0.1, 0.5, 5.0))
    assert small.pei == pytest.approx(1.0)
    large = score_pick([False, True, False], counts, area)
    # best use of 4 area units: unit 0 (10 crimes) and 3/4 of unit 1 (7.5): 17.5 of 20
    assert best_capture(counts, 4, area) == pytest.approx(17.5)
    assert large.pai == pytest.approx(0.5 / 0.4)
    assert large.pai_max == pytest.approx(0.875 / 0.4)
    assert large.pei == pytest.approx(0.5 / 0.875)


def test_best_capture_with_equal_areas_is_the_top_k():
    assert best_capture(COUNTS_B, 3) == 18
    assert best_capture(COUNTS_B, 10) == 20


def test_random_baseline_hits_the_area_share_on_average():
    sims = random_hit_rates(COUNTS_B, 2, n_sims=4000, seed=1)
    assert sims.shape == (4000,)
    assert ((sims >= 0) & (sims <= 0.75)).all()  # never more than the best two units
    assert sims.mean() == pytest.approx(0.2, abs=0.01)
    assert np.array_equal(sims, random_hit_rates(COUNTS_B, 2, n_sims=4000, seed=1))
    assert np.allclose(random_hit_rates(np.ones(10), 3, n_sims=50), 0.3)


def _monthly(values: np.ndarray) -> pd.DataFrame:
    months = pd.period_range("2023-01", periods=values.shape[1], freq="M")
    return pd.DataFrame(values, index=[f"u{i}" for i in range(len(values))], columns=months)


def test_pick_from_history_windows():
    counts = _monthly(np.array([[9, 0, 0, 1], [0, 0, 5, 1], [0, 4, 0, 1], [1, 1, 1, 1]]))
    target = pd.Period("2023-04", "M")
    assert pick_from_history(counts, target, 1, 0.25).tolist() == [False, True, False, False]
    assert pick_from_history(counts, target, 2, 0.25).tolist() == [False, True, False, False]
    assert pick_from_history(counts, target, None, 0.25).tolist() == [True, False, False, False]
    with pytest.raises(ValueError):
        pick_from_history(counts, target, 4, 0.25)


def test_evaluate_rules_on_a_stable_pattern_is_perfect():
    rates = np.linspace(1, 40, 40)[::-1]
    counts = _monthly(np.tile(rates[:, None], (1, 14)))  # same counts every month
    table = evaluate_rules(counts, counts.columns[-1], 0.1, n_sims=500, seed=0)
    assert list(table.index) == ["last period", "last 12 periods", "all earlier periods", "random"]
    rules = table.drop(index="random")
    assert np.allclose(rules["pei"], 1.0)
    assert (rules["n_picked"] == 4).all()
    random_row = table.loc["random"]
    assert random_row["hit_rate"] == pytest.approx(0.1)
    assert random_row["pai"] == 1.0
    assert random_row["hit_low"] <= 0.1 <= random_row["hit_high"]
    assert rules["hit_low"].isna().all()


def test_regression_to_the_mean_with_known_gamma_poisson_rates():
    rng = np.random.default_rng(2024)
    rates = rng.gamma(shape=2.0, scale=5.0, size=40_000)  # mean 10, variance 50
    a, b = rng.poisson(rates), rng.poisson(rates)  # stationary: same rates in A and B
    picked = a >= np.quantile(a, 0.9)
    result = regression_to_mean(a, b, picked)
    assert result.picked_mean_b < result.picked_mean_a  # the extreme units fall back
    assert abs(result.all_change) < 0.1  # ... while the city as a whole does not change
    assert result.picked_mean_b == pytest.approx(rates[picked].mean(), rel=0.02)
    assert result.shrinkage == pytest.approx(50 / 60, abs=0.02)  # var(rate) / var(count)
    assert result.expected_picked_mean_b == pytest.approx(result.picked_mean_b, rel=0.02)


def test_regression_to_the_mean_is_complete_for_equal_rates():
    rng = np.random.default_rng(7)
    a, b = rng.poisson(5.0, 40_000), rng.poisson(5.0, 40_000)
    result = regression_to_mean(a, b, a >= 9)
    assert shrinkage_weight(a) < 0.03
    assert result.picked_mean_a >= 9
    assert result.picked_mean_b == pytest.approx(5.0, abs=0.1)
    assert result.expected_picked_mean_b == pytest.approx(5.0, abs=0.2)


def test_bad_picks_are_rejected():
    with pytest.raises(ValueError):
        score_pick(np.zeros(10, dtype=bool), COUNTS_B)
    with pytest.raises(ValueError):
        score_pick([True], COUNTS_B)
    with pytest.raises(ValueError):
        random_hit_rates(COUNTS_B, 0)


# --- the real mirror -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def lsoa_months(mirror):
    """Met LSOA x month counts, Mar 2024 - Feb 2026 (the session's cached parse)."""
    table = met.load_lsoa_counts()
    return table.pivot_table(index="area_code", columns="month", values="count", aggfunc="sum")


@requires_mirror(met.LSOA_FILE)
def test_mirror_last_month_rule_predicts_february_2026(lsoa_months):
    table = evaluate_rules(lsoa_months, pd.Period("2026-02", "M"), 0.05, seed=0)
    last = table.loc["last period"]
    assert last["n_picked"] == 250
    assert last["pai"] == pytest.approx(5.3, abs=0.1)  # 5% of LSOAs, about 27% of crime
    assert last["pei"] > 0.9
    assert table.loc["random", "hit_high"] < last["hit_rate"]
