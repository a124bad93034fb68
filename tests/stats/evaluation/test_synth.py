"""Synthetic control recovers effects planted on units built from the donors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize

from hotspots.stats.evaluation.synth import (
    in_space_placebo,
    in_time_placebo,
    synth_weights,
    synthetic_control,
)

START = pd.Period("2024-01", freq="M")
END = pd.Period("2024-06", freq="M")
MONTHS = pd.period_range(START - 24, END, freq="M")
WEIGHTS = {"d00": 0.5, "d01": 0.3, "d02": 0.2}


def _donor_means(n_donors: int, seed: int) -> np.ndarray:
    """Donor expected counts: random level, seasonal amplitude and phase, and trend."""
    rng = np.random.default_rng(seed)
    t = np.arange(len(MONTHS))
    level = rng.uniform(500, 1500, n_donors)[:, None]
    amplitude = rng.uniform(0.0, 0.4, n_donors)[:, None]
    phase = rng.uniform(0, 12, n_donors)[:, None]
    trend = rng.uniform(-0.01, 0.01, n_donors)[:, None]
    return level * (1 + amplitude * np.sin(2 * np.pi * (t + phase) / 12)) * np.exp(trend * t)


def _panel(effect: float, *, n_treated: int = 1, noise: bool = True, seed: int = 7) -> pd.DataFrame:
    """Treated unit(s) = 0.5 d00 + 0.3 d01 + 0.2 d02 in expectation, times (1 + effect) post."""
    n_donors = 24
    donors = _donor_means(n_donors, seed)
    combination = np.array([WEIGHTS.get(f"d{i:02d}", 0.0) for i in range(n_donors)]) @ donors
    post = np.asarray(MONTHS >= START)
    treated = np.tile(combination * np.where(post, 1 + effect, 1.0), (n_treated, 1))
    means = np.vstack([treated, donors])
    counts = np.random.default_rng(seed + 1).poisson(means) if noise else means
    names = [f"hot{i}" for i in range(n_treated)] + [f"d{i:02d}" for i in range(n_donors)]
    return pd.DataFrame(
        {
            "unit": np.repeat(names, len(MONTHS)),
            "month": pd.PeriodIndex(np.tile(MONTHS, len(names)), freq="M"),
            "count": counts.ravel(),
            "treated": np.repeat([True] * n_treated + [False] * n_donors, len(MONTHS)),
        }
    )


def test_synth_weights_solve_a_convex_combination_exactly():
    rng = np.random.default_rng(0)
    donors = rng.uniform(10, 20, size=(30, 6))
    truth = np.array([0.0, 0.6, 0.0, 0.25, 0.15, 0.0])
    weights = synth_weights(donors @ truth, donors)
    np.testing.assert_allclose(weights, truth, atol=1e-4)
    assert weights.min() >= 0 and weights.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(5))
def test_synth_weights_meet_the_optimality_conditions_outside_the_hull(seed):
    # The target lies outside the donors' hull (above every donor in most months): the
    # weights must satisfy the KKT conditions of the simplex-constrained least squares and
    # do at least as well as a general-purpose solver.
    rng = np.random.default_rng(seed)
    donors = rng.uniform(10, 20, size=(24, 40))
    target = rng.uniform(18, 24, size=24)
    weights = synth_weights(target, donors)
    gradient = donors.T @ (donors @ weights - target)
    used = weights > 1e-9
    assert used.any() and weights.sum() == pytest.approx(1.0) and weights.min() >= 0
    floor = gradient[used].min()
    np.testing.assert_allclose(gradient[used], floor, atol=1e-6 * np.abs(gradient).max())
    assert (gradient >= floor - 1e-6 * np.abs(gradient).max()).all()
    general = minimize(lambda w: np.sum((target - donors @ w) ** 2), np.full(40, 1 / 40),
                       method="SLSQP", bounds=[(0, 1)] * 40,
                       constraints=[{"type": "eq", "fun": lambda w: w.sum() - 1}]).x
    general = np.clip(general, 0, None) / np.clip(general, 0, None).sum()  # feasible exactly
    assert np.sum((target - donors @ weights) ** 2) <= np.sum(
        (target - donors @ general) ** 2) + 1e-8


def test_noise_free_unit_gets_its_true_weights_and_effect():
    result = synthetic_control(_panel(-0.2, noise=False), START, END, unit="hot0")
    for donor, weight in WEIGHTS.items():
        assert result.weights[donor] == pytest.approx(weight, abs=1e-3)
    assert result.effect_pct == pytest.approx(-20.0, abs=0.1)
    assert result.pre_rmspe < 1.0
    post = result.path[result.path["post"]]
    np.testing.assert_allclose(post["actual"] / post["synthetic"], 0.8, atol=1e-3)


def test_a_fit_ending_before_an_earlier_fall_recovers_it():
    # The treated unit falls 20% from three months before the start: fitted only up to the
    # month before the fall, the synthetic unit is exact and the post-period gap is the fall;
    # fitted up to the start, the fall leaks into the fit.
    panel = _panel(0.0, noise=False)
    early = panel["treated"] & (panel["month"] >= START - 3)
    panel.loc[early, "count"] *= 0.8
    clean = synthetic_control(panel, START, END, unit="hot0", pre_end=START - 4)
    assert clean.pre_rmspe < 1.0 and clean.effect_pct == pytest.approx(-20.0, abs=0.1)
    between = clean.path[~clean.path["fitted"] & ~clean.path["post"]]
    assert between["month"].tolist() == list(pd.period_range(START - 3, START - 1, freq="M"))
    np.testing.assert_allclose(between["actual"] / between["synthetic"], 0.8, atol=1e-3)
    leaky = synthetic_control(panel, START, END, unit="hot0")
    assert leaky.path["fitted"].sum() == clean.path["fitted"].sum() + 3
    assert leaky.pre_rmspe > 1.0
    placebo = in_space_placebo(panel, START, END, unit="hot0", pre_end=START - 4)
    assert placebo.table.loc[placebo.table["treated"], "pre_rmspe"].item() == pytest.approx(
        clean.pre_rmspe)


@pytest.fixture(scope="module")
def planted() -> pd.DataFrame:
    return _panel(-0.2)


def test_planted_effect_is_recovered_under_poisson_noise(planted):
    result = synthetic_control(planted, START, END, unit="hot0")
    assert result.effect_pct == pytest.approx(-20.0, abs=3.0)
    assert result.weights.sum() == pytest.approx(1.0) and (result.weights >= 0).all()
    assert len(result.path) == len(MONTHS) and result.path["post"].sum() == 6
    assert result.rmspe_ratio > 5


def test_in_space_placebo_ranks_the_treated_unit_first(planted):
    placebo = in_space_placebo(planted, START, END, unit="hot0")
    assert len(placebo.table) == 25
    assert placebo.table.loc[0, "unit"] == "hot0" and placebo.table.loc[0, "rank"] == 1
    assert placebo.p_value == pytest.approx(1 / 25)
    assert "hot0" not in placebo.table.loc[1:, "unit"].tolist()
    assert placebo.gaps.columns.tolist() == placebo.table["unit"].tolist()
    fit = synthetic_control(planted, START, END, unit="hot0")
    np.testing.assert_allclose(placebo.gaps["hot0"], fit.path["gap"])
    assert len(placebo.gaps) == len(MONTHS)


def test_in_space_placebo_pre_fit_filter_keeps_the_treated_unit(planted):
    full = in_space_placebo(planted, START, END, unit="hot0")
    kept = in_space_placebo(planted, START, END, unit="hot0", max_pre_rmspe_multiple=1.0)
    limit = full.table.loc[0, "pre_rmspe"]
    assert len(kept.table) == 1 + (full.table.loc[1:, "pre_rmspe"] <= limit).sum()
    assert kept.gaps.columns.tolist() == kept.table["unit"].tolist()
    assert kept.p_value == pytest.approx(1 / len(kept.table))


def test_no_effect_gives_a_large_placebo_p_value():
    panel = _panel(0.0)
    assert abs(synthetic_control(panel, START, END, unit="hot0").effect_pct) < 3.0
    assert in_space_placebo(panel, START, END, unit="hot0").p_value > 0.1


def test_in_time_placebo_finds_nothing_before_the_real_start(planted):
    fake = in_time_placebo(planted, START, START - 6, unit="hot0")
    assert fake.end == START - 1 and fake.path["month"].max() == START - 1
    assert abs(fake.effect_pct) < 3.0
    assert fake.rmspe_ratio < 2.0


def test_aggregate_of_treated_units_with_index_scaling():
    panel = _panel(-0.2, n_treated=3)
    level = synthetic_control(panel, START, END)
    assert level.label == "treated (3 units)"
    assert level.pre_rmspe > 1000  # three times a typical donor: outside the donors' hull
    indexed = synthetic_control(panel, START, END, index=True)
    assert indexed.effect_pct == pytest.approx(-20.0, abs=3.0)
    pre = indexed.path[~indexed.path["post"]]
    assert pre["actual"].mean() == pytest.approx(100.0)


def test_bad_inputs_are_rejected(planted):
    with pytest.raises(ValueError, match="not a treated unit"):
        synthetic_control(planted, START, END, unit="d00")
    with pytest.raises(ValueError, match="balanced"):
        synthetic_control(planted.iloc[1:], START, END)
    with pytest.raises(ValueError, match="fake start"):
        in_time_placebo(planted, START, START)
    with pytest.raises(ValueError, match="must end before"):
        synthetic_control(planted, START, END, pre_end=START)
