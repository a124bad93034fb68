"""Minimum detectable effect: the analytic formula, checked against seeded simulations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from hotspots.stats.evaluation.panel import simulate_panel
from hotspots.stats.evaluation.power import (
    did_se,
    estimate_dispersion,
    minimum_detectable_effect,
    simulated_power,
)

START = pd.Period("2024-01", freq="M")
DESIGN = {
    "n_treated": 8,
    "n_control": 16,
    "months_pre": 12,
    "months_post": 6,
    "baseline_mean": 6.0,
    "dispersion": 0.2,
}


def test_did_se_matches_the_hand_calculation():
    # Four terms of (1 + alpha mu) / (n m mu) with n = m = 10 and mu = 1: 4 x 1/100 (Poisson)
    # and 4 x 2/100 (alpha = 1).
    design = {"n_treated": 10, "n_control": 10, "months_pre": 10, "months_post": 10}
    assert did_se(0.0, **design, baseline_mean=1.0) == pytest.approx(0.2)
    assert did_se(0.0, **design, baseline_mean=1.0, dispersion=1.0) == pytest.approx(0.08**0.5)
    # Treated mean 4, control mean 1, alpha 0.5: 2 x (1 + 2)/400 + 2 x (1 + 0.5)/100 = 0.045.
    unequal = did_se(0.0, **design, baseline_mean=4.0, dispersion=0.5, control_mean=1.0)
    assert unequal == pytest.approx(0.045**0.5)


def test_mde_solves_the_power_equation():
    result = minimum_detectable_effect(**DESIGN)
    z = norm.ppf(0.975) + norm.ppf(0.8)
    assert -result.log_effect == pytest.approx(z * result.se, rel=1e-6)
    assert result.pct_change == pytest.approx(100 * np.expm1(result.log_effect))
    assert -40 < result.pct_change < -25


def test_mde_shrinks_with_more_data_and_grows_with_overdispersion():
    base = minimum_detectable_effect(**DESIGN).pct_change
    more_units = minimum_detectable_effect(**{**DESIGN, "n_treated": 32}).pct_change
    more_noise = minimum_detectable_effect(**{**DESIGN, "dispersion": 1.0}).pct_change
    stricter = minimum_detectable_effect(**DESIGN, alpha=0.01, power=0.9).pct_change
    assert more_units > base > more_noise
    assert stricter < base


def test_an_impossible_design_has_no_mde():
    tiny = {**DESIGN, "n_treated": 1, "months_post": 1, "baseline_mean": 0.05, "dispersion": 3}
    assert np.isnan(minimum_detectable_effect(**tiny).pct_change)


def test_simulated_power_at_the_analytic_mde_is_about_eighty_percent():
    """60 seeded panels (s.e. of the share about 0.05) at the analytic MDE, and 60 at no effect."""
    mde = minimum_detectable_effect(**DESIGN).pct_change
    assert simulated_power(mde, **DESIGN, n_sims=60, seed=1) == pytest.approx(0.8, abs=0.15)
    assert simulated_power(0.0, **DESIGN, n_sims=60, seed=4) <= 0.12


@pytest.mark.slow
def test_simulated_power_agrees_closely_with_200_simulations():
    design = {**DESIGN, "n_treated": 10, "n_control": 20, "baseline_mean": 5.0, "dispersion": 0.3}
    mde = minimum_detectable_effect(**design).pct_change
    assert simulated_power(mde, **design, n_sims=200, seed=1) == pytest.approx(0.8, abs=0.07)


@pytest.mark.parametrize("dispersion", [0.0, 0.25])
def test_estimate_dispersion_recovers_the_simulated_overdispersion(dispersion):
    panel = simulate_panel(
        n_treated=20,
        n_control=20,
        start=START,
        months_pre=24,
        months_post=6,
        baseline_mean=10.0,
        dispersion=dispersion,
        unit_sd=0.5,
        seasonal_amplitude=0.2,
        seed=9,
    )
    profile = estimate_dispersion(panel, START)
    assert (profile.n_units, profile.n_months) == (40, 24)
    assert profile.dispersion == pytest.approx(dispersion, abs=0.05)
    baseline = panel[panel["month"] < START]
    assert profile.mean == pytest.approx(baseline["count"].mean())
    treated_mean = baseline.loc[baseline["treated"], "count"].mean()
    assert profile.treated_mean == pytest.approx(treated_mean)
    # Unequal unit means (unit_sd = 0.5) make group totals more variable than the mean says.
    assert profile.effective_dispersion >= profile.dispersion


def test_estimate_dispersion_needs_a_baseline():
    panel = simulate_panel(
        n_treated=2, n_control=2, start=START, months_pre=1, months_post=2, baseline_mean=5.0
    )
    with pytest.raises(ValueError, match="baseline months"):
        estimate_dispersion(panel, START)
