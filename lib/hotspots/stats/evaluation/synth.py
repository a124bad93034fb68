"""Synthetic control (Abadie, Diamond & Hainmueller 2010) for monthly crime counts.

The synthetic unit is a convex combination of control units (weights >= 0 summing to 1)
chosen to minimise the pre-period RMSE of the outcome path; no other predictors are matched.
The treated series is one treated unit or the sum of all treated units. With ``index=True``
every series is divided by its own pre-period mean (x 100), so the synthetic unit matches the
shape rather than the level (use it when the treated series is larger than any donor).

Inference: in-space placebos re-run the method with each donor as if treated (treated units
are never donors) and rank the post/pre RMSPE ratios, p = rank / (donors + 1) as in ADH
(2010); an in-time placebo moves the start to a fake date inside the pre-period.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from hotspots.stats.evaluation.panel import check_panel


@dataclass(frozen=True)
class SynthResult:
    """One synthetic-control fit.

    ``path`` has ``month``, ``actual``, ``synthetic``, ``gap`` (actual - synthetic) and
    ``post``; ``effect_pct`` = 100 x (post-period actual total / synthetic total - 1).
    """

    label: str
    start: pd.Period
    end: pd.Period
    weights: pd.Series
    path: pd.DataFrame
    pre_rmspe: float
    post_rmspe: float
    effect_pct: float

    @property
    def rmspe_ratio(self) -> float:
        """Post-period RMSPE / pre-period RMSPE."""
        return self.post_rmspe / self.pre_rmspe


@dataclass(frozen=True)
class PlaceboResult:
    """In-space placebo inference: one row per unit, the treated series first in rank order.

    ``table``: ``unit``, ``treated``, ``pre_rmspe``, ``post_rmspe``, ``ratio``, ``rank``
    (1 = largest ratio). ``p_value`` = share of rows whose ratio is at least the treated one.
    """

    table: pd.DataFrame
    p_value: float


def synth_weights(target: np.ndarray, donors: np.ndarray) -> np.ndarray:
    """Weights ``w >= 0``, ``sum(w) = 1`` minimising ``||target - donors @ w||``.

    ``target`` has shape (T,), ``donors`` (T, J). Solved with SLSQP on the rescaled problem.
    """
    scale = float(np.abs(target).mean()) or 1.0
    a, b = donors / scale, target / scale
    n = a.shape[1]

    def loss(w: np.ndarray) -> float:
        r = b - a @ w
        return float(r @ r)

    def grad(w: np.ndarray) -> np.ndarray:
        return -2.0 * a.T @ (b - a @ w)

    solution = minimize(
        loss,
        np.full(n, 1.0 / n),
        jac=grad,
        method="SLSQP",
        bounds=[(0.0, 1.0)] * n,
        constraints=[{"type": "eq", "fun": lambda w: w.sum() - 1.0, "jac": lambda w: np.ones(n)}],
        options={"ftol": 1e-12, "maxiter": 1000},
    )
    if not solution.success:
        raise RuntimeError(f"synthetic-control weights did not converge: {solution.message}")
    weights = np.clip(solution.x, 0.0, None)
    return weights / weights.sum()


def synthetic_control(
    panel: pd.DataFrame,
    start: pd.Period,
    end: pd.Period,
    *,
    unit: str | None = None,
    index: bool = False,
) -> SynthResult:
    """Synthetic control for ``unit`` (or the sum of all treated units) over ``start``..``end``."""
    wide, treated = _wide(panel, end)
    label, series = _treated_series(wide, treated, unit)
    return _fit(label, series, wide.loc[:, ~treated], start, end, index)


def in_space_placebo(
    panel: pd.DataFrame,
    start: pd.Period,
    end: pd.Period,
    *,
    unit: str | None = None,
    index: bool = False,
    max_pre_rmspe_multiple: float | None = None,
) -> PlaceboResult:
    """Every donor as a placebo treated unit; rank-based p-value of the treated RMSPE ratio.

    ``max_pre_rmspe_multiple`` leaves out placebos whose pre-period RMSPE exceeds that multiple
    of the treated one (ADH 2010 show 20, 5 and 2), since their post-period gaps say little.
    """
    wide, treated = _wide(panel, end)
    label, series = _treated_series(wide, treated, unit)
    donors = wide.loc[:, ~treated]
    fits = [_fit(label, series, donors, start, end, index)]
    for name in donors.columns:
        others = donors.drop(columns=name)
        fits.append(_fit(str(name), donors[name], others, start, end, index))
    table = pd.DataFrame(
        {
            "unit": [f.label for f in fits],
            "treated": [True] + [False] * (len(fits) - 1),
            "pre_rmspe": [f.pre_rmspe for f in fits],
            "post_rmspe": [f.post_rmspe for f in fits],
            "ratio": [f.rmspe_ratio for f in fits],
        }
    )
    if max_pre_rmspe_multiple is not None:
        limit = max_pre_rmspe_multiple * fits[0].pre_rmspe
        table = table[table["treated"] | (table["pre_rmspe"] <= limit)]
    table = table.sort_values(["ratio", "treated"], ascending=False).reset_index(drop=True)
    table["rank"] = np.arange(1, len(table) + 1)
    treated_ratio = fits[0].rmspe_ratio
    p_value = float((table["ratio"] >= treated_ratio).mean())
    return PlaceboResult(table=table, p_value=p_value)


def in_time_placebo(
    panel: pd.DataFrame,
    start: pd.Period,
    fake_start: pd.Period,
    *,
    unit: str | None = None,
    index: bool = False,
) -> SynthResult:
    """Synthetic control with a fake start inside the pre-period, using only months < ``start``.

    A genuine effect should not appear: expect ``effect_pct`` near 0 and a modest RMSPE ratio.
    """
    if fake_start >= start:
        raise ValueError(f"fake start {fake_start} must be before the real start {start}")
    return synthetic_control(panel, fake_start, start - 1, unit=unit, index=index)


def _wide(panel: pd.DataFrame, end: pd.Period) -> tuple[pd.DataFrame, np.ndarray]:
    """Months x units matrix of counts up to ``end`` and the treated flag per column."""
    frame = check_panel(panel)
    frame = frame[frame["month"] <= end]
    wide = frame.pivot(index="month", columns="unit", values="count")
    if wide.isna().any().any():
        raise ValueError("synthetic control needs a balanced panel (every unit in every month)")
    treated = frame.groupby("unit")["treated"].first().reindex(wide.columns).to_numpy()
    if treated.all() or not treated.any():
        raise ValueError("need at least one treated and one control unit")
    return wide, treated


def _treated_series(
    wide: pd.DataFrame, treated: np.ndarray, unit: str | None
) -> tuple[str, pd.Series]:
    if unit is None:
        return f"treated ({int(treated.sum())} units)", wide.loc[:, treated].sum(axis=1)
    if unit not in wide.columns or not treated[wide.columns.get_loc(unit)]:
        raise ValueError(f"{unit!r} is not a treated unit of the panel")
    return str(unit), wide[unit]


def _fit(
    label: str,
    series: pd.Series,
    donors: pd.DataFrame,
    start: pd.Period,
    end: pd.Period,
    index: bool,
) -> SynthResult:
    pre = np.asarray(series.index < start)
    if pre.sum() < 2 or pre.all():
        raise ValueError(f"need at least two months before {start} and one from it")
    y = series.to_numpy(dtype=float)
    x = donors.to_numpy(dtype=float)
    if index:
        if y[pre].mean() == 0 or (x[pre].mean(axis=0) == 0).any():
            raise ValueError("index=True needs every series to have crimes before the start")
        y = 100.0 * y / y[pre].mean()
        x = 100.0 * x / x[pre].mean(axis=0)
    weights = synth_weights(y[pre], x[pre])
    synthetic = x @ weights
    gap = y - synthetic
    path = pd.DataFrame(
        {"month": series.index, "actual": y, "synthetic": synthetic, "gap": gap, "post": ~pre}
    )
    return SynthResult(
        label=label,
        start=start,
        end=end,
        weights=pd.Series(weights, index=donors.columns, name="weight").sort_values(
            ascending=False
        ),
        path=path,
        pre_rmspe=float(np.sqrt(np.mean(gap[pre] ** 2))),
        post_rmspe=float(np.sqrt(np.mean(gap[~pre] ** 2))),
        effect_pct=float(100.0 * (y[~pre].sum() / synthetic[~pre].sum() - 1.0)),
    )
