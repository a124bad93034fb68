"""Randomisation inference and the wild cluster bootstrap: hand cases, an independent fit, and
size and power on simulated data with a known effect."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from hotspots.stats.evaluation.did import did
from hotspots.stats.evaluation.inference import (
    WEBB,
    level_strata,
    log_ratio_of_ratios,
    randomisation_test,
    stratified_placebo_sets,
    wild_cluster_bootstrap,
)


def test_log_ratio_of_ratios_by_hand():
    # Treated 100 -> 80 (x0.8), controls 1000 -> 1100 (x1.1): log(0.8 / 1.1).
    assert log_ratio_of_ratios(100, 80, 1000, 1100) == pytest.approx(np.log(0.8 / 1.1))


def test_ratio_of_ratios_is_the_two_period_poisson_did():
    """The statistic equals exp(beta) of a Poisson model with unit and period effects."""
    rng = np.random.default_rng(3)
    pre, post = rng.integers(5, 60, 12), rng.integers(5, 60, 12)
    treated = np.arange(12) < 4
    panel = pd.DataFrame({
        "unit": np.tile([f"u{i:02d}" for i in range(12)], 2),
        "month": pd.PeriodIndex(["2024-07"] * 12 + ["2025-07"] * 12, freq="M"),
        "count": np.concatenate([pre, post]), "treated": np.tile(treated, 2)})
    fit = did(panel, pd.Period("2025-07", "M"), pd.Period("2025-07", "M"), leads=0)
    expected = log_ratio_of_ratios(pre[treated].sum(), post[treated].sum(),
                                   pre[~treated].sum(), post[~treated].sum())
    assert np.log(fit.irr) == pytest.approx(expected, abs=1e-6)


def test_webb_weights_have_mean_zero_and_variance_one():
    assert WEBB.mean() == pytest.approx(0)
    assert (WEBB**2).mean() == pytest.approx(1)


def test_level_strata_are_equal_sized_by_rank_with_ties_by_id():
    levels = pd.Series([5.0, 1.0, 3.0, 3.0, 9.0, 7.0], index=["f", "a", "d", "c", "e", "b"])
    strata = level_strata(levels, 3)
    # Ranked: a(1), c(3), d(3), f(5), b(7), e(9) -> pairs.
    assert strata.to_dict() == {"f": 1, "a": 0, "d": 1, "c": 0, "e": 2, "b": 2}
    with pytest.raises(ValueError, match="strata"):
        level_strata(levels, 7)


def test_placebo_sets_take_as_many_from_each_stratum_as_the_treated():
    strata = pd.Series([0, 0, 0, 1, 1, 1, 1, 2], index=list("abcdefgh"))
    draws = stratified_placebo_sets(strata, ["e", "a", "f"], n_draws=400, seed=1)
    assert draws.shape == (400, 3)
    assert set(draws[:, 1]) == {0, 1, 2}  # stratum 0: a, b, c
    assert set(draws[:, [0, 2]].ravel()) == {3, 4, 5, 6}  # stratum 1: d-g
    assert all(len(set(row)) == 3 for row in draws)
    # Every pair of stratum-1 units turns up: a uniform draw, the real pair (e, f) included.
    assert len({frozenset(row) for row in draws[:, [0, 2]]}) == 6
    again = stratified_placebo_sets(strata, ["e", "a", "f"], n_draws=400, seed=1)
    assert (draws == again).all()
    with pytest.raises(ValueError, match="stratum"):
        stratified_placebo_sets(strata, ["z"], n_draws=1, seed=0)


def test_randomisation_test_by_hand():
    """Four units, one treated: every placebo set enumerated (the real one included)."""
    pre = pd.Series({"t": 100.0, "a": 100.0, "b": 100.0, "c": 100.0})
    post = pd.Series({"t": 50.0, "a": 100.0, "b": 110.0, "c": 90.0})
    draws = np.array([[0], [1], [2], [3]])
    result = randomisation_test(pre, post, ["t"], ["t", "a", "b", "c"], draws, n_pseudo=0)
    assert result.statistic == pytest.approx(np.log(0.5 / 1.0))
    # Placebo t: log(0.5 / 1.0); a: log(1.0 / 0.8333); b: log(1.1 / 0.8); c: log(0.9 / 0.8667).
    expected = np.log([0.5, 1.0 / (250 / 300), 1.1 / 0.8, 0.9 / (260 / 300)])
    assert np.sort(result.placebo) == pytest.approx(np.sort(expected))
    # The real set is the lowest of four: one-sided (1 + 1) / 5, two-sided 0.8.
    assert result.p_value == pytest.approx(0.8)
    assert result.raw_pct == pytest.approx(-50)
    assert result.ci_low <= result.estimate <= result.ci_high


def test_the_estimate_is_the_shift_to_the_placebo_median():
    """Units all share one change except the treated; placebo sets of untreated units show
    the shared change, so the estimate is the treated unit's extra change, exactly."""
    ids = [f"u{i}" for i in range(9)]
    pre = pd.Series(100.0, index=ids)
    post = pd.Series([60.0] + [110.0] * 8, index=ids)  # treated: x0.6; others x1.1
    draws = np.arange(9).reshape(-1, 1)
    result = randomisation_test(pre, post, ["u0"], ids, draws, n_pseudo=0)
    assert result.pct_change == pytest.approx(100 * (0.6 / 1.1 - 1), abs=1e-3)
    assert result.raw_pct == pytest.approx(100 * (0.6 / 1.1 - 1))
    # Nine placebo values, one of them the treated unit itself (the lowest): one-sided
    # (1 + 1) / 10, two-sided 0.4.
    assert result.p_value == pytest.approx(0.4)


def test_randomisation_test_rejects_treated_outside_the_units():
    pre = post = pd.Series({"a": 1.0, "b": 2.0})
    with pytest.raises(ValueError, match="members"):
        randomisation_test(pre, post, ["z"], ["a", "b"], np.array([[1]]))


def _counts(rng: np.random.Generator, n: int, effect: float, n_treated: int
            ) -> tuple[pd.Series, pd.Series, pd.Series, list[str]]:
    """Units with lognormal levels, gamma-Poisson noise and a common trend; ``n_treated``
    units of the busiest third are treated with a multiplicative ``effect``. Returns pre,
    post, a 12-month level (for strata) and the treated ids."""
    level = np.exp(rng.normal(4.0, 1.0, n))
    ids = [f"u{i:03d}" for i in range(n)]
    busy = np.argsort(-level)[: n // 3]
    treated_pos = np.sort(rng.choice(busy, n_treated, replace=False))
    change = np.where(np.isin(np.arange(n), treated_pos), 1 + effect, 1.0) * 1.05
    shock = rng.gamma(20.0, 1 / 20.0, n)  # 22% unit-level year-on-year noise
    series = [pd.Series(values, index=ids, dtype=float) for values in
              (rng.poisson(level), rng.poisson(level * change * shock), rng.poisson(4 * level))]
    return (*series, [ids[i] for i in treated_pos])


def _run(rng: np.random.Generator, effect: float, draws: int, seed: int, n_pseudo: int = 0):
    pre, post, year, treated = _counts(rng, 300, effect, 20)
    sets = stratified_placebo_sets(level_strata(year, 10), treated, n_draws=draws, seed=seed)
    return randomisation_test(pre, post, treated, list(pre.index), sets, n_pseudo=n_pseudo)


def _rejection_rate(effect: float, sims: int, seed: int) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    results = [_run(rng, effect, 99, sim) for sim in range(sims)]
    rejected = np.mean([r.p_value < 0.05 for r in results])
    covered = np.mean([r.ci_low <= np.log1p(effect) <= r.ci_high for r in results])
    return float(rejected), float(covered)


@pytest.mark.slow
def test_randomisation_test_has_its_size_under_no_effect():
    size, coverage = _rejection_rate(0.0, sims=300, seed=11)
    assert 0.01 <= size <= 0.08
    assert coverage >= 0.92


def test_randomisation_test_detects_a_large_fall():
    power, coverage = _rejection_rate(-0.3, sims=60, seed=12)
    assert power >= 0.9
    assert coverage >= 0.88


def test_mde_is_detected_about_as_often_as_promised():
    """A fall of the size the placebo distribution says is detectable 80% of the time is
    detected in roughly that share of simulated data sets."""
    rng = np.random.default_rng(5)
    mde = _run(rng, 0.0, 999, 0, n_pseudo=200).mde_pct
    assert -40 < mde < -5
    hits = np.mean([_run(rng, mde / 100, 99, sim).p_value < 0.05 for sim in range(100)])
    assert 0.6 <= hits <= 0.95


def _clustered(rng: np.random.Generator, effect: float) -> pd.DataFrame:
    """15 treated clusters of 1-3 units and 60 control clusters, with cluster shocks."""
    rows = []
    for g in range(75):
        treated = g < 15
        shock = rng.normal(0, 0.15)
        for _ in range(rng.integers(1, 4)):
            rows.append({"cluster": g, "x": float(treated),
                         "y": effect * treated + shock + rng.normal(0, 0.1),
                         "w": rng.uniform(0.5, 3.0)})
    return pd.DataFrame(rows)


def test_wild_bootstrap_estimate_and_cr1_se_match_statsmodels():
    data = _clustered(np.random.default_rng(2), -0.2)
    result = wild_cluster_bootstrap(data["y"], data["x"], data["cluster"], weights=data["w"],
                                    n_boot=999, seed=1)
    fit = sm.WLS(data["y"], sm.add_constant(data["x"]), weights=data["w"]).fit(
        cov_type="cluster", cov_kwds={"groups": data["cluster"]})
    assert result.estimate == pytest.approx(fit.params["x"])
    assert result.se == pytest.approx(fit.bse["x"], rel=1e-6)
    assert result.n_clusters == 75
    assert result.ci_low < result.estimate < result.ci_high


@pytest.mark.slow
def test_wild_bootstrap_size_and_power():
    rng = np.random.default_rng(7)
    null = [wild_cluster_bootstrap(d["y"], d["x"], d["cluster"], weights=d["w"], n_boot=199,
                                   seed=s).p_value < 0.05
            for s, d in enumerate(_clustered(rng, 0.0) for _ in range(150))]
    assert 0.01 <= np.mean(null) <= 0.10
    effect = [wild_cluster_bootstrap(d["y"], d["x"], d["cluster"], weights=d["w"], n_boot=199,
                                     seed=s).p_value < 0.05
              for s, d in enumerate(_clustered(rng, -0.3) for _ in range(40))]
    assert np.mean(effect) >= 0.9


def test_wild_bootstrap_interval_inverts_the_test():
    data = _clustered(np.random.default_rng(4), -0.2)
    result = wild_cluster_bootstrap(data["y"], data["x"], data["cluster"], weights=data["w"],
                                    n_boot=999, seed=3)
    shifted = wild_cluster_bootstrap(data["y"] - result.ci_high * data["x"], data["x"],
                                     data["cluster"], weights=data["w"], n_boot=999, seed=3)
    # Testing b = ci_high is testing b = 0 after removing ci_high x: p at the edge is ~ 0.05.
    assert shifted.p_value == pytest.approx(0.05, abs=0.01)
