"""Emerging hot spots: classify each unit's series of Gi* results into ArcGIS's patterns.

Inputs are unit x time-step matrices (rows = units, columns = time steps in order) of Gi*
z-scores and p-values, as produced by the spatial statistics module. A bin is a significant hot
(cold) spot when ``p < alpha`` and ``z > 0`` (``z < 0``). The trend in the intensity of
clustering is the Mann-Kendall test (``pymannkendall.original_test``) on each unit's z-scores.

Patterns follow ESRI's "How Emerging Hot Spot Analysis works" (ArcGIS Pro, Space Time Pattern
Mining toolbox; wording of the current Pro/AllSource pages). For hot spots, with ``share`` the
fraction of time steps that are significant hot spots ("90 percent" read as ``share >= 0.9``):

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
Anything else is "No Pattern Detected". Two points the documentation leaves open are decided
here: a final step that is significant decides the side (a location cold now after >= 90% hot
steps is an Oscillating Cold Spot, not a Historical Hot Spot), and a location hot for the
first time whose history holds a cold spot is Oscillating (its definition fits, and is the more
specific), not New. Older ArcMap pages define Sporadic without the final-step condition; the
current definition (final step hot) is used.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pymannkendall
from numpy.typing import ArrayLike

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
    """Classify each unit from its Gi* z-scores and p-values (units x time steps).

    Columns: ``category`` (categorical over :data:`CATEGORIES`), ``share_hot``, ``share_cold``
    (fraction of steps significant), ``trend`` (Mann-Kendall on z at ``trend_alpha``),
    ``trend_tau`` and ``trend_p``. The index is that of ``z`` when it is a DataFrame.
    """
    z_values, p_values = _matrix(z, "z"), _matrix(p, "p")
    if z_values.shape != p_values.shape:
        raise ValueError("z and p must have the same shape")
    significant = p_values < alpha
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
