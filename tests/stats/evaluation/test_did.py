"""Difference-in-differences and event studies recover effects planted in simulated panels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hotspots.stats.evaluation.did import did, event_study, nb_dispersion, seasonal_baseline
from hotspots.stats.evaluation.panel import simulate_panel

START = pd.Period("2024-01", freq="M")
END = pd.Period("2024-06", freq="M")


def _simulated(effect: float, seed: int) -> pd.DataFrame:
    return simulate_panel(
        n_treated=12,
        n_control=24,
        start=START,
        months_pre=24,
        months_post=6,
        baseline_mean=15.0,
        effect=effect,
        unit_sd=0.5,
        seasonal_amplitude=0.3,
        seed=seed,
    )


@pytest.fixture(scope="module")
def planted() -> pd.DataFrame:
    """-20% in the 12 treated units from 2024-01, Poisson noise, seed 11."""
    return _simulated(-0.2, seed=11)


@pytest.mark.parametrize("model", ["poisson", "negbin", "ols_log1p"])
def test_did_recovers_a_planted_twenty_percent_reduction(planted, model):
    result = did(planted, START, END, model=model)
    assert result.irr == pytest.approx(0.8, abs=0.06)
    assert result.ci_low < 0.8 < result.ci_high
    assert result.p_value < 0.001
    assert result.pretrend_p > 0.05
    assert (result.n_units, result.n_treated_units, result.n_months) == (36, 12, 30)
    assert result.n_obs == 36 * 30 and result.n_dropped_units == 0
    assert result.pretrend_df == 5
    assert result.pct_change == pytest.approx(100 * (result.irr - 1))
    assert (result.dispersion is not None) == (model == "negbin")


def test_did_on_a_placebo_panel_is_not_significant():
    result = did(_simulated(0.0, seed=12), START, END)
    assert result.p_value > 0.05
    assert result.ci_low < 1.0 < result.ci_high


def test_months_after_the_window_are_left_out(planted):
    short = did(planted, START, START + 2)
    assert short.n_months == 24 + 3
    assert short.ci_low < 0.8 < short.ci_high


def test_units_without_any_crime_are_dropped_and_counted(planted):
    empty = pd.DataFrame(
        {
            "unit": "zero",
            "month": pd.period_range(START - 24, END, freq="M"),
            "count": 0,
            "treated": False,
        }
    )
    result = did(pd.concat([planted, empty]), START, END)
    assert result.n_dropped_units == 1 and result.n_units == 36


def test_pretrend_test_flags_a_diverging_treated_trend():
    rng = np.random.default_rng(3)
    months = pd.period_range(START - 12, END, freq="M")
    rows = []
    for unit in range(30):
        treated = unit < 10
        for k, month in enumerate(months):
            mean = 20.0 * (1.06**k if treated and month < START else 1.0)
            rows.append((f"u{unit}", month, rng.poisson(mean), treated))
    panel = pd.DataFrame(rows, columns=["unit", "month", "count", "treated"])
    panel["month"] = pd.PeriodIndex(panel["month"], freq="M")
    assert did(panel, START, END).pretrend_p < 0.001


def test_event_study_leads_are_flat_and_lags_show_the_effect():
    panel = simulate_panel(
        n_treated=20,
        n_control=20,
        start=START,
        months_pre=12,
        months_post=6,
        baseline_mean=40.0,
        effect=-0.2,
        unit_sd=0.5,
        seasonal_amplitude=0.3,
        seed=13,
    )
    table = event_study(panel, START, END, leads=6, lags=3)
    assert list(table["label"]) == ["<=-6", "-5", "-4", "-3", "-2", "-1", "0", "1", "2", ">=3"]
    assert list(table["binned"]) == [True] + [False] * 8 + [True]
    reference = table[table["reference"]]
    assert reference["rel_month"].tolist() == [-1] and reference["irr"].tolist() == [1.0]
    leads = table[table["rel_month"] < -1]
    assert ((leads["ci_low"] < 1) & (leads["ci_high"] > 1)).all()
    lags = table[table["rel_month"] >= 0]
    assert (lags["ci_high"] < 1).all()
    assert leads["coef"].abs().max() < 0.1
    # Every coefficient shares the noise of the reference month; lags minus leads cancel it.
    shift = lags["coef"].mean() - leads["coef"].mean()
    assert np.exp(shift) == pytest.approx(0.8, abs=0.05)


def test_event_study_lags_stop_at_the_window_end(planted):
    table = event_study(planted, START, START + 2, leads=3, lags=12)
    assert table["rel_month"].max() == 2 and not table["binned"].iloc[-1]
    assert table["label"].iloc[0] == "<=-3"


def test_event_study_with_one_lead_pools_the_pre_period_as_reference(planted):
    table = event_study(planted, START, END, leads=1, lags=0)
    assert list(table["label"]) == ["<=-1", ">=0"]
    assert table["irr"].iloc[1] == pytest.approx(did(planted, START, END).irr)
    with pytest.raises(ValueError, match="leads >= 1"):
        event_study(planted, START, END, leads=0)


def _summer_panel() -> pd.DataFrame:
    """Treated units peak every June-August (x1.6); controls do not; no treatment effect."""
    rng = np.random.default_rng(5)
    rows = []
    for unit in range(18):
        treated = unit < 6
        base = rng.uniform(8, 16)
        for month in pd.period_range("2022-01", "2024-08", freq="M"):
            summer = 1.6 if treated and month.month in (6, 7, 8) else 1.0
            rows.append((f"u{unit:02d}", month, rng.poisson(base * summer), treated))
    panel = pd.DataFrame(rows, columns=["unit", "month", "count", "treated"])
    panel["month"] = pd.PeriodIndex(panel["month"], freq="M")
    return panel


SUMMER = (pd.Period("2024-06", freq="M"), pd.Period("2024-08", freq="M"))


def test_unit_seasonality_fools_common_month_effects_but_not_unit_calendar_effects():
    panel = _summer_panel()
    common = did(panel, *SUMMER)
    assert common.irr > 1.2 and common.p_value < 0.01
    own = did(panel, *SUMMER, seasonality="unit_calendar")
    assert own.ci_low < 1.0 < own.ci_high
    assert own.seasonality == "unit_calendar"


def test_seasonal_baseline_compares_each_group_with_its_own_summers():
    result = seasonal_baseline(_summer_panel(), *SUMMER, baseline_years=2)
    table = result.table.set_index("group")
    assert list(table.columns) == ["2022", "2023", "2024", "baseline_mean", "ratio"]
    treated = table.loc["treated"]
    assert treated["baseline_mean"] == (treated["2022"] + treated["2023"]) / 2
    assert treated["ratio"] == treated["2024"] / treated["baseline_mean"]
    expected = table.loc["treated", "ratio"] / table.loc["control", "ratio"]
    assert result.ratio_of_ratios == pytest.approx(expected)
    # Poisson with unit and month effects on these months reproduces the ratio of ratios.
    assert result.did.irr == pytest.approx(result.ratio_of_ratios, rel=1e-6)
    assert result.did.ci_low < 1.0 < result.did.ci_high
    assert result.did.n_months == 9 and np.isnan(result.did.pretrend_p)


def test_seasonal_baseline_needs_the_earlier_months():
    with pytest.raises(ValueError, match="lacks months"):
        seasonal_baseline(_summer_panel(), *SUMMER, baseline_years=3)


def test_nb_dispersion_moment_estimator():
    rng = np.random.default_rng(0)
    mu = np.full(20000, 8.0)
    y = rng.poisson(mu * rng.gamma(1 / 0.4, 0.4, size=mu.size))
    assert nb_dispersion(y, mu) == pytest.approx(0.4, abs=0.03)
    assert nb_dispersion(rng.poisson(mu), mu) < 0.01


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(END, START, "ends"), (START - 40, START - 30, "both before")],
)
def test_bad_windows_are_rejected(planted, start, end, message):
    with pytest.raises(ValueError, match=message):
        did(planted, start, end)


def test_a_panel_without_controls_is_rejected(planted):
    with pytest.raises(ValueError, match="treated and one control"):
        did(planted[planted["treated"]], START, END)
