"""How concentrated crime is across units: Lorenz curves, the (generalised) Gini and shares.

``counts`` is one non-negative crime count per unit (array-like or Series). Every unit passed
is in the denominator, units with no crime included, so pass the full set of units. Units are
ranked from most to least crime, the convention of the crime-and-place literature.

The generalised Gini is that of Bernasco & Steenbeek (2017), "More places than crimes:
implications for evaluating the law of crime concentration at place", J Quant Criminol
33(3):451-467: when there are fewer crimes ``N`` than units ``n``, the most equal possible
distribution puts one crime in each of ``N`` units, and the Gini is rescaled so that this
distribution scores 0: ``G' = max(1, n/N) * (G - 1) + 1``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike


def _counts(counts: ArrayLike) -> np.ndarray:
    """``counts`` as a float array, checked: 1-D, non-empty, finite, non-negative, some crime."""
    values = np.asarray(counts, dtype=float)
    if values.ndim != 1 or values.size == 0:
        raise ValueError("counts must be a non-empty 1-D array, one count per unit")
    if not np.isfinite(values).all() or (values < 0).any():
        raise ValueError("counts must be finite and non-negative")
    if values.sum() == 0:
        raise ValueError("counts sum to zero: concentration is undefined")
    return values


def lorenz_curve(counts: ArrayLike) -> pd.DataFrame:
    """Points of the Lorenz curve, units ranked from most to least crime, from (0, 0) to (1, 1).

    Columns: ``unit_share`` (share of units), ``crime_share`` (their cumulative share of
    crime) and ``max_equality`` (the line of maximal equality given the data: the diagonal when
    crimes >= units, else it reaches 1 at ``N/n``, one crime per unit).
    """
    values = np.sort(_counts(counts))[::-1]
    n, total = values.size, values.sum()
    unit_share = np.arange(n + 1) / n
    crime_share = np.concatenate([[0.0], np.cumsum(values) / total])
    max_equality = np.minimum(unit_share * max(1.0, n / total), 1.0)
    return pd.DataFrame(
        {"unit_share": unit_share, "crime_share": crime_share, "max_equality": max_equality}
    )


def gini(counts: ArrayLike) -> float:
    """The standard (sample, uncorrected) Gini coefficient.

    ``2 * sum(i * x_(i)) / (n * sum(x)) - (n + 1) / n`` with counts sorted ascending: 0 when all
    units have the same count, ``(n - 1) / n`` when all crime is in one of ``n`` units.
    """
    values = np.sort(_counts(counts))
    n = values.size
    ranks = np.arange(1, n + 1)
    return float(2 * (ranks * values).sum() / (n * values.sum()) - (n + 1) / n)


def generalized_gini(counts: ArrayLike) -> float:
    """Bernasco & Steenbeek's generalised Gini ``max(1, n/N) * (G - 1) + 1``.

    Equal to :func:`gini` when crimes ``N`` >= units ``n``; 0 when ``N < n`` crimes fall one per
    unit (maximal equality given the data).
    """
    values = _counts(counts)
    return max(1.0, values.size / values.sum()) * (gini(values) - 1.0) + 1.0


def share_of_units_for(counts: ArrayLike, share: float = 0.5) -> float:
    """Smallest fraction of units (most crime first) that together hold ``share`` of all crime."""
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share}")
    values = np.sort(_counts(counts))[::-1]
    cumulative = np.cumsum(values) / values.sum()
    needed = int(np.searchsorted(cumulative, share - 1e-12)) + 1
    return needed / values.size


def share_held_by_top(counts: ArrayLike, fraction: float = 0.1) -> float:
    """Share of all crime held by the top ``fraction`` of units (most crime first).

    Read off the Lorenz curve, so a fraction that is not a whole number of units takes that
    part of the next unit's crime.
    """
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be in [0, 1], got {fraction}")
    curve = lorenz_curve(counts)
    return float(np.interp(fraction, curve["unit_share"], curve["crime_share"]))


def top_units(counts: ArrayLike, fraction: float, tiebreak: ArrayLike | None = None) -> pd.Series:
    """Boolean mask of the top ``fraction`` of units by count: ``ceil(fraction * n)`` units.

    Ties are broken by ``tiebreak`` (higher first) when given, then by the units' order. The
    mask keeps the index of ``counts`` when it is a Series.
    """
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], got {fraction}")
    values = np.asarray(counts, dtype=float)
    if values.ndim != 1 or not np.isfinite(values).all():
        raise ValueError("counts must be a 1-D array of finite numbers, one per unit")
    n = values.size
    second = np.zeros(n) if tiebreak is None else np.asarray(tiebreak, dtype=float)
    if second.shape != values.shape:
        raise ValueError("tiebreak must have one value per unit")
    order = np.lexsort((np.arange(n), -second, -values))
    mask = np.zeros(n, dtype=bool)
    mask[order[: math.ceil(fraction * n - 1e-9)]] = True
    index = counts.index if isinstance(counts, pd.Series) else None
    return pd.Series(mask, index=index, name="top")


def concentration_summary(counts: ArrayLike) -> pd.Series:
    """The headline concentration measures for one set of unit counts, as a labelled Series."""
    values = _counts(counts)
    return pd.Series(
        {
            "units": float(values.size),
            "crimes": float(values.sum()),
            "units with crime": float((values > 0).sum()),
            "gini": gini(values),
            "generalized gini": generalized_gini(values),
            "units for 25% of crime": share_of_units_for(values, 0.25),
            "units for 50% of crime": share_of_units_for(values, 0.5),
            "crime in top 1%": share_held_by_top(values, 0.01),
            "crime in top 5%": share_held_by_top(values, 0.05),
            "crime in top 10%": share_held_by_top(values, 0.10),
        }
    )


