"""Synthetic control recovers effects planted on units built from the donors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

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


def test_noise_free_unit_gets_its_true_weights_and_effect():
    result = synthetic_control(_panel(-0.2, noise=False), START, END, unit="hot0")
    for donor, weight in WEIGHTS.items():
        assert result.weights[donor] == pytest.approx(weight, abs=1e-3)
    assert result.effect_pct == pytest.approx(-20.0, abs=0.1)
    assert result.pre_rmspe < 1.0
    post = result.path[result.path["post"]]
    np.testing.assert_allclose(post["actual"] / post["synthetic"], 0.8, atol=1e-3)


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


def test_in_space_placebo_pre_fit_filter_keeps_the_treated_unit(planted):
    full = in_space_placebo(planted, START, END, unit="hot0")
    kept = in_space_placebo(planted, START, END, unit="hot0", max_pre_rmspe_multiple=1.0)
    limit = full.table.loc[0, "pre_rmspe"]
    assert len(kept.table) == 1 + (full.table.loc[1:, "pre_rmspe"] <= limit).sum()
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
