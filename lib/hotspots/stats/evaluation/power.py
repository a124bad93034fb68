"""Minimum detectable effect of a count difference-in-differences, analytic and simulated.

Analytic approximation: with ``n`` units x ``m`` months of mean ``mu`` and negative-binomial
variance ``mu + alpha mu^2`` (independent across months), a group-period total ``S`` has
``Var(log S) ~ (1 + alpha mu) / (n m mu)``. The DiD log rate ratio is a difference of four such
log totals, so ``SE^2 = sum over (treated, control) x (pre, post) of (1 + alpha mu) / (n m mu)``,
with the treated and control groups' own means, the treated post-period mean being
``mu exp(beta)`` under the alternative. The MDE is the
reduction ``beta < 0`` with ``|beta| = (z_{1-a/2} + z_power) SE(beta)``. Serial correlation
within units (persistent local shocks) would make the true MDE larger; :func:`simulated_power`
checks the formula against the fixed-effects Poisson DiD on panels drawn from the same model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.optimize import brentq
from scipy.stats import norm

from hotspots.stats.evaluation.did import Model, did, nb_dispersion
from hotspots.stats.evaluation.panel import check_panel, simulate_panel


@dataclass(frozen=True)
class CountProfile:
    """Means and overdispersion of unit-month counts after unit and month effects.

    ``dispersion`` is the negative-binomial ``alpha`` around a Poisson fit with unit and month
    fixed effects. For the panel's own treated group, pass ``treated_mean``, ``control_mean``
    and ``dispersion`` to :func:`minimum_detectable_effect`. For treated units drawn at random
    from the panel, pass ``mean`` and ``effective_dispersion`` = ``alpha * sum(mu_i^2) / (mean *
    sum(mu_i))``, which gives group totals the variance they have when unit means differ.
    """

    mean: float
    treated_mean: float
    control_mean: float
    dispersion: float
    effective_dispersion: float
    n_units: int
    n_months: int


@dataclass(frozen=True)
class MDEResult:
    """The smallest reduction detectable with the given design, as a percent change (< 0)."""

    pct_change: float
    log_effect: float
    se: float
    alpha: float
    power: float


def estimate_dispersion(panel: pd.DataFrame, before: pd.Period) -> CountProfile:
    """Mean and overdispersion of counts in the months before ``before`` (the baseline)."""
    frame = check_panel(panel)
    frame = frame[frame["month"] < before]
    frame = frame[frame.groupby("unit")["count"].transform("sum") > 0]
    if frame["month"].nunique() < 2:
        raise ValueError(f"need at least two baseline months before {before}")
    units = pd.get_dummies(frame["unit"].astype(str), prefix="u", drop_first=True, dtype=float)
    months = pd.get_dummies(frame["month"].astype(str), prefix="m", drop_first=True, dtype=float)
    design = pd.concat([pd.Series(1.0, index=frame.index, name="const"), units, months], axis=1)
    y = frame["count"].to_numpy()
    mu = sm.GLM(y, design, family=sm.families.Poisson()).fit().fittedvalues
    alpha = nb_dispersion(y, mu, design.shape[1])
    unit_means = frame.groupby("unit")["count"].mean()
    mean = float(frame["count"].mean())
    weighted = float((unit_means**2).sum() / unit_means.sum())
    group_means = frame.groupby("treated")["count"].mean()
    return CountProfile(
        mean=mean,
        treated_mean=float(group_means.get(True, np.nan)),
        control_mean=float(group_means.get(False, np.nan)),
        dispersion=alpha,
        effective_dispersion=alpha * weighted / mean,
        n_units=int(frame["unit"].nunique()),
        n_months=int(frame["month"].nunique()),
    )


def did_se(
    log_effect: float,
    *,
    n_treated: int,
    n_control: int,
    months_pre: int,
    months_post: int,
    baseline_mean: float,
    dispersion: float = 0.0,
    control_mean: float | None = None,
) -> float:
    """Approximate standard error of the DiD log rate ratio (see the module docstring).

    ``baseline_mean`` is the treated units' pre-period mean per unit-month; ``control_mean``
    the controls' (the same when ``None``).
    """

    def term(units: int, months: int, mu: float) -> float:
        return (1.0 + dispersion * mu) / (units * months * mu)

    control = baseline_mean if control_mean is None else control_mean
    treated_post = baseline_mean * np.exp(log_effect)
    return float(
        np.sqrt(
            term(n_treated, months_pre, baseline_mean)
            + term(n_treated, months_post, treated_post)
            + term(n_control, months_pre, control)
            + term(n_control, months_post, control)
        )
    )


def minimum_detectable_effect(
    *,
    n_treated: int,
    n_control: int,
    months_pre: int,
    months_post: int,
    baseline_mean: float,
    dispersion: float = 0.0,
    control_mean: float | None = None,
    alpha: float = 0.05,
    power: float = 0.8,
) -> MDEResult:
    """The smallest reduction a two-sided test at ``alpha`` detects with ``power``.

    Arguments as for :func:`did_se`. ``pct_change`` is NaN when no reduction short of -100%
    is detectable.
    """
    design = {
        "n_treated": n_treated,
        "n_control": n_control,
        "months_pre": months_pre,
        "months_post": months_post,
        "baseline_mean": baseline_mean,
        "dispersion": dispersion,
        "control_mean": control_mean,
    }
    z = norm.ppf(1 - alpha / 2) + norm.ppf(power)

    def excess(beta: float) -> float:
        return -beta - z * did_se(beta, **design)

    grid = -np.geomspace(1e-4, 10.0, 200)
    positive = np.flatnonzero([excess(b) > 0 for b in grid])
    if positive.size == 0:
        return MDEResult(np.nan, np.nan, np.nan, alpha, power)
    first = positive[0]
    upper = grid[first - 1] if first > 0 else 0.0
    beta = brentq(excess, grid[first], upper)
    return MDEResult(
        pct_change=float(100.0 * np.expm1(beta)),
        log_effect=float(beta),
        se=did_se(beta, **design),
        alpha=alpha,
        power=power,
    )


def simulated_power(
    pct_change: float,
    *,
    n_treated: int,
    n_control: int,
    months_pre: int,
    months_post: int,
    baseline_mean: float,
    dispersion: float = 0.0,
    alpha: float = 0.05,
    model: Model = "poisson",
    n_sims: int = 200,
    seed: int = 0,
) -> float:
    """Share of ``n_sims`` seeded simulated panels in which :func:`hotspots.did.did` has p < alpha.

    Panels come from :func:`hotspots.evaluation.simulate_panel` with the given design, a
    multiplicative effect of ``pct_change`` % and negative-binomial noise.
    """
    start = pd.Period("2024-01", freq="M")
    end = start + months_post - 1
    seeds = np.random.default_rng(seed).integers(0, 2**32 - 1, size=n_sims)
    hits = 0
    for sim_seed in seeds:
        panel = simulate_panel(
            n_treated=n_treated,
            n_control=n_control,
            start=start,
            months_pre=months_pre,
            months_post=months_post,
            baseline_mean=baseline_mean,
            effect=pct_change / 100.0,
            dispersion=dispersion,
            seed=int(sim_seed),
        )
        hits += did(panel, start, end, model=model, leads=0).p_value < alpha
    return hits / n_sims
