"""Emerging hot spots: the hot-spot policy in every time step, then ArcGIS's patterns.

:func:`gi_star_by_period` runs the project's hot-spot policy
(:class:`~hotspots.stats.spatial.HotSpotPolicy`: Gi* with the unit itself, the same weights,
adaptive conditional permutations, BH within each time step) on every column of a units x time
steps matrix (NaN = no data). ArcGIS Pro's Emerging Hot Spot Analysis differs in two choices,
offered as parameters and recorded in the result:

* ``time_steps`` (ArcGIS's *neighbourhood time step*): a bin's neighbourhood also holds its
  own and its neighbours' bins in the previous ``time_steps`` steps. ``0`` (default) is the
  purely spatial policy; ArcGIS's default is 1.
* ``window`` (ArcGIS's *global window*): the values a bin is compared with, i.e. the mean and
  variance of its analytical z and the pool its permutation draws come from: ``"slice"``
  (default: its own time step, exactly the spatial policy), ``"neighbourhood"`` (the steps in
  its neighbourhood time window) or ``"cube"`` (every bin of the space-time cube, ArcGIS's
  default "entire cube").

A bin is a hot (cold) spot when its BH-adjusted p is <= ``alpha`` and z > 0 (z < 0). The trend
in the intensity of clustering is the Mann-Kendall test (``pymannkendall.original_test``) on
each unit's z-scores: two-sided, normal approximation with continuity correction, variance of
S corrected for tied values, ``trend_alpha`` 0.05 (ArcGIS applies the same test to the Gi*
z-scores of each location).

Patterns follow Esri's help page "How Emerging Hot Spot Analysis works" (ArcGIS Pro, Space Time
Pattern Mining toolbox), in our words. For hot spots, with ``share`` the fraction of time steps
that are significant hot spots ("90 percent" read as ``share >= 0.9``):

- Intensifying: share >= 90%, final step hot, significant upward trend in z.
- Diminishing: share >= 90%, final step hot, significant downward trend in z.
- Persistent: share >= 90%, final step hot, no significant trend.
- Historical: share >= 90%, but the final step is not hot.
- Oscillating: final step hot, share < 90%, and a significant cold spot at some earlier step.
- New: final step hot and never hot before (and never cold before: see below).
- Consecutive: a single uninterrupted run of at least two hot steps ending at the final step,
  never hot before that run, share < 90%.
- Sporadic: final step hot, share < 90%, hot before but not only in the final run, never cold.

Cold spots mirror these with hot and cold swapped (a cold spot intensifies when its z falls).
Anything else is "No Pattern Detected" (Esri: none of the hot or cold patterns). Two points the
documentation leaves open are decided here: a final step that is significant decides the side
(a location cold now after >= 90% hot steps is an Oscillating Cold Spot, not a Historical Hot
Spot), and a location hot for the first time whose history holds a cold spot is Oscillating
(its definition fits, and is the more specific), not New. Older ArcMap pages define Sporadic
without the final-step condition; the current definition (final step hot) is used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import pymannkendall
from numpy.typing import ArrayLike

from hotspots.stats.spatial.autocorrelation import gi_classes
from hotspots.stats.spatial.multiple_testing import adjust
from hotspots.stats.spatial.policy import POLICY, HotSpotPolicy, gi_star
from hotspots.stats.spatial.weights import WeightsSpec

Window = Literal["slice", "neighbourhood", "cube"]
WINDOWS: tuple[str, ...] = ("slice", "neighbourhood", "cube")

PATTERNS = (
    "New",
    "Consecutive",
    "Intensifying",
    "Persistent",
    "Diminishing",
    "Sporadic",
    "Oscillating",
    "Historical",
)
NO_PATTERN = "No Pattern Detected"
CATEGORIES = (
    *(f"{p} Hot Spot" for p in PATTERNS),
    *(f"{p} Cold Spot" for p in PATTERNS),
    NO_PATTERN,
)


def _matrix(values: ArrayLike, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 2 or array.shape[1] < 2:
        raise ValueError(f"{name} must be a units x time-steps matrix with at least 2 steps")
    if np.isnan(array).any():
        raise ValueError(f"{name} has missing values")
    return array


def mann_kendall(series: pd.DataFrame | ArrayLike, alpha: float = 0.05) -> pd.DataFrame:
    """Mann-Kendall trend test of each row (unit) of a units x time-steps matrix.

    Columns: ``trend`` (``"increasing"``, ``"decreasing"`` or ``"no trend"`` at ``alpha``),
    ``p_value``, ``z``, ``tau``, ``s`` and ``slope`` (Sen's slope per time step).
    """
    matrix = _matrix(series, "series")
    rows = []
    for row in matrix:
        test = pymannkendall.original_test(row, alpha=alpha)
        rows.append(
            {
                "trend": test.trend,
                "p_value": float(test.p),
                "z": float(test.z),
                "tau": float(test.Tau),
                "s": float(test.s),
                "slope": float(test.slope),
            }
        )
    index = series.index if isinstance(series, pd.DataFrame) else None
    return pd.DataFrame(rows, index=index)


def _one_side(sig: np.ndarray, other: np.ndarray, trend: np.ndarray) -> np.ndarray:
    """Pattern name of each unit whose final step is significant on this side."""
    n_steps = sig.shape[1]
    mostly = sig.sum(axis=1) * 10 >= 9 * n_steps
    final_run = np.cumprod(sig[:, ::-1], axis=1).sum(axis=1)
    only_final_run = sig.sum(axis=1) == final_run
    other_before = other[:, :-1].any(axis=1)
    conditions = [
        mostly & (trend > 0),
        mostly & (trend < 0),
        mostly,
        other_before,
        only_final_run & (final_run == 1),
        only_final_run,
    ]
    choices = ["Intensifying", "Diminishing", "Persistent", "Oscillating", "New", "Consecutive"]
    return np.select(conditions, choices, default="Sporadic")


def classify_emerging(hot: ArrayLike, cold: ArrayLike, trend: ArrayLike) -> np.ndarray:
    """ArcGIS emerging hot spot category per unit.

    ``hot`` and ``cold`` are boolean units x time-steps matrices of significant hot and cold
    bins; ``trend`` is +1 / -1 / 0 per unit for a significant rise / fall / no trend in z.
    """
    hot_bins = np.asarray(hot, dtype=bool)
    cold_bins = np.asarray(cold, dtype=bool)
    direction = np.sign(np.asarray(trend, dtype=float))
    if hot_bins.ndim != 2 or hot_bins.shape != cold_bins.shape:
        raise ValueError("hot and cold must be units x time-steps matrices of the same shape")
    if direction.shape != (hot_bins.shape[0],):
        raise ValueError("trend must have one value per unit")
    if (hot_bins & cold_bins).any():
        raise ValueError("a bin cannot be both a hot and a cold spot")
    n_steps = hot_bins.shape[1]
    hot_side = np.char.add(_one_side(hot_bins, cold_bins, direction), " Hot Spot")
    cold_side = np.char.add(_one_side(cold_bins, hot_bins, -direction), " Cold Spot")
    conditions = [
        hot_bins[:, -1],
        cold_bins[:, -1],
        hot_bins.sum(axis=1) * 10 >= 9 * n_steps,
        cold_bins.sum(axis=1) * 10 >= 9 * n_steps,
    ]
    choices = [hot_side, cold_side, "Historical Hot Spot", "Historical Cold Spot"]
    return np.select(conditions, choices, default=NO_PATTERN).astype(object)


def emerging_hot_spots(
    z: pd.DataFrame | ArrayLike,
    p: pd.DataFrame | ArrayLike,
    *,
    alpha: float = 0.05,
    trend_alpha: float = 0.05,
) -> pd.DataFrame:
    """Classify each unit from its Gi* z-scores and adjusted p-values (units x time steps).

    A bin is significant when its p is <= ``alpha``.

    Columns: ``category`` (categorical over :data:`CATEGORIES`), ``share_hot``, ``share_cold``
    (fraction of steps significant), ``trend`` (Mann-Kendall on z at ``trend_alpha``),
    ``trend_tau`` and ``trend_p``. The index is that of ``z`` when it is a DataFrame.
    """
    z_values, p_values = _matrix(z, "z"), _matrix(p, "p")
    if z_values.shape != p_values.shape:
        raise ValueError("z and p must have the same shape")
    significant = p_values <= alpha
    hot, cold = significant & (z_values > 0), significant & (z_values < 0)
    trends = mann_kendall(z_values, alpha=trend_alpha)
    direction = trends["trend"].map({"increasing": 1, "decreasing": -1}).fillna(0)
    result = pd.DataFrame(
        {
            "category": pd.Categorical(
                classify_emerging(hot, cold, direction.to_numpy()), categories=CATEGORIES
            ),
            "share_hot": hot.mean(axis=1),
            "share_cold": cold.mean(axis=1),
            "trend": trends["trend"].to_numpy(),
            "trend_tau": trends["tau"].to_numpy(),
            "trend_p": trends["p_value"].to_numpy(),
        }
    )
    if isinstance(z, pd.DataFrame):
        result.index = z.index
    return result


@dataclass(frozen=True)
class GiSeries:
    """Gi* per time step (columns): z, BH-adjusted p, classes, and how they were computed."""

    z: pd.DataFrame
    p_adjusted: pd.DataFrame
    labels: pd.DataFrame
    settings: dict

    @property
    def hot(self) -> pd.DataFrame:
        return (self.p_adjusted.fillna(1.0) <= self.settings["alpha"]) & (self.z > 0)

    @property
    def cold(self) -> pd.DataFrame:
        return (self.p_adjusted.fillna(1.0) <= self.settings["alpha"]) & (self.z < 0)

    def caption(self) -> str:
        s = self.settings
        return (
            f"Getis-Ord Gi* in each of {self.z.shape[1]} time steps ({s['policy']}); "
            f"neighbourhood time step {s['time_steps']}, global window: {s['window']}; "
            f"BH within each time step, alpha = {s['alpha']:g}; weights: {s['weights']}."
        )


def gi_star_by_period(
    matrix: pd.DataFrame,
    weights: WeightsSpec,
    *,
    policy: HotSpotPolicy = POLICY,
    time_steps: int = 0,
    window: Window = "slice",
) -> GiSeries:
    """The hot-spot policy on every column of a units x time steps frame (see the module doc).

    Rows are aligned on ``weights.ids``; NaN marks a unit without data in a step (left out of
    that step, as the policy does). With ``time_steps=0`` and ``window="slice"`` each column's
    result equals :func:`hotspots.stats.spatial.hot_spots` on that column.
    """
    if matrix.shape[1] == 0:
        raise ValueError("the matrix has no time steps")
    if window not in WINDOWS or time_steps < 0:
        raise ValueError(f"window must be one of {WINDOWS} and time_steps >= 0")
    values = np.column_stack([weights.align(matrix[c]) for c in matrix.columns])
    index = pd.Index(weights.ids, name=matrix.index.name)
    if time_steps == 0 and window == "slice":
        results = [policy.run(values[:, t], weights) for t in range(values.shape[1])]
        z = np.column_stack([r.z for r in results])
        p = np.column_stack([r.p_adjusted for r in results])
        labels = np.column_stack([r.labels for r in results])
        described = results[0].meta.weights
    else:
        z, p, labels = _space_time(values, weights, policy, time_steps, window)
        described = weights.describe()
    settings = {
        "policy": policy.describe().split(". ")[0],
        "alpha": policy.alpha,
        "seed": policy.seed,
        "base_permutations": policy.base_permutations,
        "time_steps": time_steps,
        "window": window,
        "weights": described,
        "periods": [str(c) for c in matrix.columns],
    }
    frame = lambda a: pd.DataFrame(a, index=index, columns=matrix.columns)  # noqa: E731
    return GiSeries(z=frame(z), p_adjusted=frame(p), labels=frame(labels), settings=settings)


def _space_time(
    values: np.ndarray, weights: WeightsSpec, policy: HotSpotPolicy, time_steps: int,
    window: str,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gi* of every bin with a space-time neighbourhood and/or a wider global window."""
    n, steps = values.shape
    position = {unit: i for i, unit in enumerate(weights.ids)}
    spatial = [[position[j] for j in weights.neighbors[unit]] for unit in weights.ids]
    present = ~np.isnan(values)
    z = np.full(values.shape, np.nan)
    p = np.full(values.shape, np.nan)
    labels = np.full(values.shape, "No data", dtype=object)
    for t in range(steps):
        first = 0 if window == "cube" else t - time_steps if window == "neighbourhood" else t
        last = steps - 1 if window == "cube" else t
        span = range(max(first, 0), last + 1)
        pool_mask = np.zeros(values.shape, dtype=bool)
        pool_mask[:, list(span)] = present[:, list(span)]
        flat = np.flatnonzero(pool_mask.ravel(order="F"))  # bin index = unit + n * step
        pool = values.ravel(order="F")[flat]
        where = {b: i for i, b in enumerate(flat)}
        units = np.flatnonzero(present[:, t])
        k = np.zeros(units.size, dtype=np.int64)
        lag = np.zeros(units.size)
        for row, i in enumerate(units):
            bins = [(j, s) for s in range(max(t - time_steps, 0), t + 1)
                    for j in (*spatial[i], i) if (j, s) != (i, t) and present[j, s]]
            k[row] = len(bins)
            lag[row] = sum(values[j, s] for j, s in bins)
        tested = k > 0
        x = values[units, t]
        _, _, z_t = gi_star(x, k, lag, n=pool.size, mean=float(pool.mean()),
                            sd=float(pool.std()))
        rows = np.flatnonzero(tested)
        self_pos = np.array([where.get(units[r] + n * t, -1) for r in rows], dtype=np.int64)
        tails = policy.tail_p(pool, self_pos, k[rows], lag[rows], units[rows] + n * t,
                              rows.size)
        p_t = np.full(units.size, np.nan)
        p_t[rows] = tails.p
        z[units[rows], t] = z_t[rows]
        p[units, t] = adjust(p_t, "fdr_bh")
        labels[units, t] = gi_classes(np.nan_to_num(z[units, t]), p[units, t])
        labels[units[~tested], t] = "No neighbours"
    return z, p, labels


@dataclass(frozen=True)
class EmergingResult:
    """ArcGIS emerging hot spot category per unit, with every setting that produced it."""

    units: pd.DataFrame
    settings: dict

    def to_frame(self) -> pd.DataFrame:
        frame = self.units.copy()
        frame.attrs["hotspots_emerging"] = json.dumps(self.settings, default=str)
        return frame

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> EmergingResult:
        settings = json.loads(frame.attrs["hotspots_emerging"])
        units = frame.copy()
        units.attrs = {}
        units["category"] = pd.Categorical(units["category"].astype(str), categories=CATEGORIES)
        return cls(units=units, settings=settings)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EmergingResult):
            return NotImplemented
        return self.settings == other.settings and self.units.equals(other.units)

    __hash__ = None  # type: ignore[assignment]


def emerging_categories(gi: GiSeries, *, trend_alpha: float = 0.05) -> EmergingResult:
    """:func:`emerging_hot_spots` for every unit of a Gi* series, with the settings stated.

    Only units significant in at least one step can fall in a category, so the Mann-Kendall
    test runs on those alone; every other unit is "No Pattern Detected" with trend
    ``"not tested"``. A step without data counts as not significant (z = 0 for the trend).
    """
    alpha = gi.settings["alpha"]
    p = gi.p_adjusted.fillna(1.0)
    z = gi.z.fillna(0.0)
    ever = (p <= alpha).any(axis=1)
    units = pd.DataFrame({
        "category": pd.Categorical([NO_PATTERN] * len(p), categories=CATEGORIES),
        "share_hot": 0.0, "share_cold": 0.0, "trend": "not tested",
        "trend_tau": np.nan, "trend_p": np.nan,
    }, index=p.index)
    if ever.any():
        tested = emerging_hot_spots(z[ever], p[ever], alpha=alpha, trend_alpha=trend_alpha)
        units.loc[ever, tested.columns] = tested
    settings = {
        **gi.settings,
        "mann_kendall": {
            "test": "pymannkendall.original_test on each unit's Gi* z-scores",
            "alternative": "two-sided",
            "alpha": trend_alpha,
            "ties": "variance of S corrected for tied groups; continuity correction",
        },
    }
    return EmergingResult(units=units, settings=settings)
