"""Synthetic control (Abadie, Diamond & Hainmueller 2010) for monthly crime counts.

The synthetic unit is a convex combination of control units (weights >= 0 summing to 1)
chosen to minimise the pre-period RMSE of the outcome path; no other predictors are matched.
The treated series is one treated unit or the sum of all treated units. With ``index=True``
every series is divided by its own pre-period mean (x 100), so the synthetic unit matches the
shape rather than the level (use it when the treated series is larger than any donor).

The fit may end before the post-period starts (``pre_end``): months between are neither
fitted nor counted as post, e.g. to fit only on months before a pre-existing trend began.

Inference: in-space placebos re-run the method with each donor as if treated (treated units
are never donors) and rank the post/pre RMSPE ratios, p = rank / (donors + 1) as in ADH
(2010); an in-time placebo moves the start to a fake date inside the pre-period.

The weights solve the constrained least squares exactly as a non-negative least squares
problem (:func:`synth_weights`), so hundreds of placebo fits take well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import nnls

from hotspots.stats.evaluation.panel import check_panel


@dataclass(frozen=True)
class SynthResult:
    """One synthetic-control fit.

    ``path`` has ``month``, ``actual``, ``synthetic``, ``gap`` (actual - synthetic),
    ``fitted`` (a month of the fit) and ``post``; ``pre_rmspe`` is over the fitted months;
    ``effect_pct`` = 100 x (post-period actual total / synthetic total - 1).
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
    ``gaps``: months x units, each unit's gap (actual - synthetic) for the units in ``table``.
    """

    table: pd.DataFrame
    p_value: float
    gaps: pd.DataFrame


def synth_weights(target: np.ndarray, donors: np.ndarray) -> np.ndarray:
    """Weights ``w >= 0``, ``sum(w) = 1`` minimising ``||target - donors @ w||``.

    ``target`` has shape (T,), ``donors`` (T, J). On the simplex ``target - donors @ w =
    B @ w`` with ``B = target 1' - donors``, so the problem is the point of the convex hull of
    ``B``'s columns nearest the origin. For ``v >= 0`` with ``s = sum(v)`` and ``w = v / s``,
    ``||B v||^2 + (s - 1)^2 = s^2 ||B w||^2 + (s - 1)^2``, whose minimum over ``s`` is
    ``||B w||^2 / (1 + ||B w||^2)``, increasing in ``||B w||``: so the non-negative least
    squares solution ``v`` of ``[B; 1'] v = [0; 1]`` gives the exact weights ``v / sum(v)``.
    """
    target = np.asarray(target, dtype=float)
    donors = np.asarray(donors, dtype=float)
    scale = float(np.abs(target).mean()) or 1.0
    gaps = (target[:, None] - donors) / scale
    system = np.vstack([gaps, np.ones(gaps.shape[1])])
    rhs = np.zeros(system.shape[0])
    rhs[-1] = 1.0
    v, _ = nnls(system, rhs, maxiter=50 * system.shape[1])
    if not v.sum() > 0:
        raise RuntimeError("synthetic-control weights: the least-squares problem has no solution")
    return v / v.sum()


def synthetic_control(
    panel: pd.DataFrame,
    start: pd.Period,
    end: pd.Period,
    *,
    unit: str | None = None,
    index: bool = False,
    pre_end: pd.Period | None = None,
) -> SynthResult:
    """Synthetic control for ``unit`` (or the sum of all treated units): fitted on the months
    up to ``pre_end`` (default: the month before ``start``), post-period ``start``..``end``."""
    wide, treated = _wide(panel, end)
    label, series = _treated_series(wide, treated, unit)
    return _fit(label, series, wide.loc[:, ~treated], start, end, index, pre_end)


def in_space_placebo(
    panel: pd.DataFrame,
    start: pd.Period,
    end: pd.Period,
    *,
    unit: str | None = None,
    index: bool = False,
    max_pre_rmspe_multiple: float | None = None,
    pre_end: pd.Period | None = None,
) -> PlaceboResult:
    """Every donor as a placebo treated unit; rank-based p-value of the treated RMSPE ratio.

    ``max_pre_rmspe_multiple`` leaves out placebos whose pre-period RMSPE exceeds that multiple
    of the treated one (ADH 2010 show 20, 5 and 2), since their post-period gaps say little.
    """
    wide, treated = _wide(panel, end)
    label, series = _treated_series(wide, treated, unit)
    donors = wide.loc[:, ~treated]
    fits = [_fit(label, series, donors, start, end, index, pre_end)]
    for name in donors.columns:
        others = donors.drop(columns=name)
        fits.append(_fit(str(name), donors[name], others, start, end, index, pre_end))
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
    gaps = pd.DataFrame({f.label: f.path["gap"].to_numpy() for f in fits},
                        index=pd.PeriodIndex(fits[0].path["month"], freq="M", name="month"))
    return PlaceboResult(table=table, p_value=p_value, gaps=gaps[table["unit"].tolist()])


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
    pre_end: pd.Period | None = None,
) -> SynthResult:
    pre_end = start - 1 if pre_end is None else pre_end
    if pre_end >= start:
        raise ValueError(f"the fit must end before the start {start}, not at {pre_end}")
    months = pd.PeriodIndex(series.index, freq="M")
    fitted = np.asarray(months <= pre_end)
    post = np.asarray(months >= start)
    if fitted.sum() < 2 or not post.any():
        raise ValueError(f"need at least two months up to {pre_end} and one from {start}")
    y = series.to_numpy(dtype=float)
    x = donors.to_numpy(dtype=float)
    if index:
        if y[fitted].mean() == 0 or (x[fitted].mean(axis=0) == 0).any():
            raise ValueError("index=True needs every series to have crimes in the fitted months")
        y = 100.0 * y / y[fitted].mean()
        x = 100.0 * x / x[fitted].mean(axis=0)
    weights = synth_weights(y[fitted], x[fitted])
    synthetic = x @ weights
    gap = y - synthetic
    path = pd.DataFrame({"month": series.index, "actual": y, "synthetic": synthetic, "gap": gap,
                         "fitted": fitted, "post": post})
    return SynthResult(
        label=label,
        start=start,
        end=end,
        weights=pd.Series(weights, index=donors.columns, name="weight").sort_values(
            ascending=False
        ),
        path=path,
        pre_rmspe=float(np.sqrt(np.mean(gap[fitted] ** 2))),
        post_rmspe=float(np.sqrt(np.mean(gap[post] ** 2))),
        effect_pct=float(100.0 * (y[post].sum() / synthetic[post].sum() - 1.0)),
    )
