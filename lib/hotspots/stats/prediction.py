"""How predictable hot spots are: pick units on period A, score them on period B.

Measures (``n`` of B's ``N`` crimes fall in picked units covering area ``a`` of ``A``):

- hit rate ``n / N``;
- Predictive Accuracy Index ``PAI = (n / N) / (a / A)`` (Chainey, Tompson & Uhlig 2008,
  "The utility of hotspot mapping for predicting spatial patterns of crime", Security Journal
  21(1-2):4-28);
- Predictive Efficiency Index ``PEI = PAI / PAI_max`` (Hunt 2016), where ``PAI_max`` is the
  PAI of the best possible pick of the same area in B. With equal areas that is B's top units,
  as many as were picked; with unequal areas it is the densest units of B filled up to the
  same area, the last one in part (an upper bound, so ``PEI <= 1``);
- a random baseline: units picked at random hold ``k / n`` of B's crime on average (the area
  share, for equal areas), with a seeded Monte Carlo interval.

Regression to the mean: units picked because they were extreme in A are expected to fall back
in B even if nothing changes. Under a gamma-Poisson (negative binomial) model of stationary
unit rates, a unit's expected count in B given its count ``x`` in A is the empirical-Bayes
shrinkage ``m + w (x - m)`` with ``m`` the mean count and ``w = (v - m) / v`` (``v`` the
variance; ``w = 0`` when counts are no more variable than Poisson), scaled by any overall
change between the periods.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from hotspots.stats.concentration import top_units

DEFAULT_RULES: Mapping[str, int | None] = {
    "last period": 1,
    "last 12 periods": 12,
    "all earlier periods": None,
}


@dataclass(frozen=True)
class PickScore:
    """How well a set of picked units captured period B's crime."""

    n_units: int
    n_picked: int
    area_share: float
    hit_rate: float
    pai: float
    pai_max: float

    @property
    def pei(self) -> float:
        """Predictive Efficiency Index: PAI over the best PAI possible for the same area."""
        return self.pai / self.pai_max if self.pai_max else math.nan


def _counts_areas(counts_b: ArrayLike, area: ArrayLike | None) -> tuple[np.ndarray, np.ndarray]:
    counts = np.asarray(counts_b, dtype=float)
    areas = np.ones(counts.size) if area is None else np.asarray(area, dtype=float)
    if counts.ndim != 1 or areas.shape != counts.shape:
        raise ValueError("counts_b and area must have one value per unit")
    if (counts < 0).any() or counts.sum() == 0:
        raise ValueError("counts_b must be non-negative with some crime")
    if (areas <= 0).any():
        raise ValueError("areas must be positive")
    return counts, areas


def best_capture(counts_b: ArrayLike, area_budget: float, area: ArrayLike | None = None) -> float:
    """Most of B's crime any pick of total area ``area_budget`` could hold (densest units first).

    With equal areas (``area=None``, each unit of area 1) and a whole-number budget ``k`` this
    is the crime in B's top ``k`` units.
    """
    counts, areas = _counts_areas(counts_b, area)
    order = np.argsort(-counts / areas, kind="stable")
    cum_area = np.concatenate([[0.0], np.cumsum(areas[order])])
    cum_crime = np.concatenate([[0.0], np.cumsum(counts[order])])
    return float(np.interp(area_budget, cum_area, cum_crime))


def score_pick(picked: ArrayLike, counts_b: ArrayLike, area: ArrayLike | None = None) -> PickScore:
    """Hit rate, PAI and PAI_max of a boolean pick scored on period B's counts."""
    counts, areas = _counts_areas(counts_b, area)
    mask = np.asarray(picked, dtype=bool)
    if mask.shape != counts.shape:
        raise ValueError("picked must have one value per unit")
    if not mask.any():
        raise ValueError("no units were picked")
    total = counts.sum()
    area_share = areas[mask].sum() / areas.sum()
    hit_rate = counts[mask].sum() / total
    best = best_capture(counts, areas[mask].sum(), areas) / total
    return PickScore(
        n_units=counts.size,
        n_picked=int(mask.sum()),
        area_share=float(area_share),
        hit_rate=float(hit_rate),
        pai=float(hit_rate / area_share),
        pai_max=float(best / area_share),
    )


def random_hit_rates(
    counts_b: ArrayLike, n_picked: int, n_sims: int = 1000, seed: int = 0
) -> np.ndarray:
    """Hit rates of ``n_sims`` picks of ``n_picked`` units chosen at random (seeded)."""
    counts = np.asarray(counts_b, dtype=float)
    if not 0 < n_picked <= counts.size:
        raise ValueError(f"n_picked must be between 1 and {counts.size}")
    keys = np.random.default_rng(seed).random((n_sims, counts.size))
    chosen = np.argpartition(keys, n_picked - 1, axis=1)[:, :n_picked]
    return counts[chosen].sum(axis=1) / counts.sum()


def pick_from_history(
    counts: pd.DataFrame, target: object, window: int | None, fraction: float
) -> pd.Series:
    """Top ``fraction`` of units by their summed counts in the ``window`` periods before ``target``.

    ``window=None`` uses all earlier periods. ``counts`` is unit x period, columns in time
    order; ``target`` is a column label. Ties go to the unit listed first.
    """
    position = counts.columns.get_loc(target)
    if not isinstance(position, int):
        raise ValueError(f"period {target!r} must appear once among the columns")
    start = 0 if window is None else position - window
    if position == 0 or start < 0:
        raise ValueError(f"not enough periods before {target!r} for a window of {window}")
    history = counts.iloc[:, start:position].sum(axis=1)
    return top_units(history, fraction)


def evaluate_rules(
    counts: pd.DataFrame,
    target: object,
    fraction: float,
    rules: Mapping[str, int | None] = DEFAULT_RULES,
    *,
    n_sims: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Score each history rule's pick on period ``target``, beside a random pick of equal size.

    One row per rule plus ``"random"`` (its hit rate is the expected ``k / n``; ``hit_low`` and
    ``hit_high`` give the Monte Carlo interval). Columns: ``n_picked``, ``area_share``,
    ``hit_rate``, ``pai``, ``pai_max``, ``pei``, ``hit_low``, ``hit_high``.
    """
    observed = counts[target]
    rows = {}
    for name, window in rules.items():
        score = score_pick(pick_from_history(counts, target, window, fraction), observed)
        rows[name] = {
            "n_picked": score.n_picked,
            "area_share": score.area_share,
            "hit_rate": score.hit_rate,
            "pai": score.pai,
            "pai_max": score.pai_max,
            "pei": score.pei,
        }
    perfect = score_pick(top_units(observed, fraction), observed)
    sims = random_hit_rates(observed, perfect.n_picked, n_sims, seed)
    tail = (1 - confidence) / 2
    expected = perfect.n_picked / perfect.n_units
    rows["random"] = {
        "n_picked": perfect.n_picked,
        "area_share": expected,
        "hit_rate": expected,
        "pai": 1.0,
        "pai_max": perfect.pai_max,
        "pei": 1.0 / perfect.pai_max,
        "hit_low": float(np.quantile(sims, tail)),
        "hit_high": float(np.quantile(sims, 1 - tail)),
    }
    return pd.DataFrame.from_dict(rows, orient="index")


def shrinkage_weight(counts: ArrayLike) -> float:
    """Weight ``w = (v - m) / v`` on a unit's own count under a gamma-Poisson model (>= 0).

    Moment estimate: ``m`` the mean and ``v`` the (ddof=1) variance of the counts.
    """
    values = np.asarray(counts, dtype=float)
    mean, var = values.mean(), values.var(ddof=1)
    return float(max(0.0, (var - mean) / var)) if var > 0 else 0.0


@dataclass(frozen=True)
class RegressionToMean:
    """Mean counts in A and B for the picked units and for all units, and the model's forecast.

    ``expected_picked_mean_b`` is the gamma-Poisson expectation of the picked units' mean in B
    given their counts in A (shrinkage ``w`` toward the mean, times the overall B/A ratio).
    """

    n_picked: int
    picked_mean_a: float
    picked_mean_b: float
    all_mean_a: float
    all_mean_b: float
    shrinkage: float
    expected_picked_mean_b: float

    @property
    def picked_change(self) -> float:
        return self.picked_mean_b - self.picked_mean_a

    @property
    def all_change(self) -> float:
        return self.all_mean_b - self.all_mean_a


def regression_to_mean(
    counts_a: ArrayLike, counts_b: ArrayLike, picked: ArrayLike
) -> RegressionToMean:
    """Change from A to B of units picked on A, against all units and the model's expectation."""
    a = np.asarray(counts_a, dtype=float)
    b = np.asarray(counts_b, dtype=float)
    mask = np.asarray(picked, dtype=bool)
    if not a.shape == b.shape == mask.shape or a.ndim != 1:
        raise ValueError("counts_a, counts_b and picked must have one value per unit")
    if not mask.any() or a.sum() == 0:
        raise ValueError("need at least one picked unit and some crime in A")
    weight = shrinkage_weight(a)
    mean_a, mean_b = a.mean(), b.mean()
    expected = (mean_a + weight * (a[mask] - mean_a)).mean() * mean_b / mean_a
    return RegressionToMean(
        n_picked=int(mask.sum()),
        picked_mean_a=float(a[mask].mean()),
        picked_mean_b=float(b[mask].mean()),
        all_mean_a=float(mean_a),
        all_mean_b=float(mean_b),
        shrinkage=weight,
        expected_picked_mean_b=float(expected),
    )
