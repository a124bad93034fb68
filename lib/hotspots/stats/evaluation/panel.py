"""The tidy panel that the evaluation designs share, a seeded simulator, and the literature table.

A panel has one row per unit and month: ``unit`` (any hashable label), ``month``
(``Period[M]``), ``count`` (a non-negative count) and ``treated`` (bool, constant within a
unit: the unit belongs to the treated group). The intervention window is passed to each design
separately, so the same panel serves difference-in-differences (:mod:`hotspots.did`),
synthetic control (:mod:`hotspots.synthetic_control`), displacement
(:mod:`hotspots.displacement`) and power (:mod:`hotspots.power`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PANEL_COLUMNS = ("unit", "month", "count", "treated")


def check_panel(panel: pd.DataFrame) -> pd.DataFrame:
    """A validated copy of ``panel``, sorted by unit and month.

    Raises ``ValueError`` for missing columns, months that are not ``Period[M]``, missing or
    negative counts, duplicate unit-months, or a ``treated`` flag that varies within a unit.
    """
    missing = [c for c in PANEL_COLUMNS if c not in panel.columns]
    if missing:
        raise ValueError(f"panel lacks columns {missing}; expected {list(PANEL_COLUMNS)}")
    frame = panel.loc[:, list(PANEL_COLUMNS)].copy()
    if frame["month"].dtype != pd.PeriodDtype("M"):
        raise ValueError(f"panel month must be Period[M], got {frame['month'].dtype}")
    counts = pd.to_numeric(frame["count"], errors="coerce")
    if counts.isna().any() or (counts < 0).any():
        raise ValueError("panel count must be a non-negative number in every row")
    if frame.duplicated(["unit", "month"]).any():
        raise ValueError("panel has more than one row for some unit-month")
    if (frame.groupby("unit")["treated"].nunique() > 1).any():
        raise ValueError("panel treated flag varies within a unit; it marks the treated group")
    frame["count"] = counts.astype("float64")
    frame["treated"] = frame["treated"].astype(bool)
    return frame.sort_values(["unit", "month"]).reset_index(drop=True)


def simulate_panel(
    *,
    n_treated: int,
    n_control: int,
    start: pd.Period,
    months_pre: int,
    months_post: int,
    baseline_mean: float,
    effect: float = 0.0,
    dispersion: float = 0.0,
    unit_sd: float = 0.0,
    seasonal_amplitude: float = 0.0,
    seed: int = 0,
) -> pd.DataFrame:
    """A panel of monthly counts with a known multiplicative effect, for tests and power.

    Unit ``i`` in month ``t`` has mean ``baseline_mean * exp(u_i) * (1 + seasonal_amplitude *
    sin(2 pi (month - 1) / 12)) * (1 + effect)``, the last factor only for treated units from
    ``start`` on, with ``u_i ~ N(0, unit_sd)``. Counts are Poisson, or negative binomial with
    variance ``mu + dispersion * mu**2`` when ``dispersion > 0`` (a gamma-Poisson mixture).
    """
    rng = np.random.default_rng(seed)
    months = pd.period_range(start - months_pre, periods=months_pre + months_post, freq="M")
    n_units = n_treated + n_control
    unit_effect = rng.normal(0.0, unit_sd, n_units) if unit_sd > 0 else np.zeros(n_units)
    season = 1.0 + seasonal_amplitude * np.sin(2 * np.pi * (months.month.to_numpy() - 1) / 12)
    treated = np.arange(n_units) < n_treated
    post = np.asarray(months >= start)
    mu = baseline_mean * np.exp(unit_effect)[:, None] * season[None, :]
    mu = mu * np.where(treated[:, None] & post[None, :], 1.0 + effect, 1.0)
    if dispersion > 0:
        mu = mu * rng.gamma(1.0 / dispersion, dispersion, size=mu.shape)
    counts = rng.poisson(mu)
    width = len(str(n_units))
    return pd.DataFrame(
        {
            "unit": np.repeat([f"u{i:0{width}d}" for i in range(n_units)], len(months)),
            "month": pd.PeriodIndex(np.tile(months, n_units), freq="M"),
            "count": counts.ravel().astype("int64"),
            "treated": np.repeat(treated, len(months)),
        }
    )


