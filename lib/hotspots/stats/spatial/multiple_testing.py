"""Multiple-testing corrections for per-unit p-values, and what permutation p-values allow.

A local statistic tests every unit, so thousands of tests run at once; at ``alpha = 0.05``
about 5% of units look "significant" under pure chance. Three corrections, chosen explicitly:

* ``"none"``: each unit tested at ``alpha`` (per-unit error rate ``alpha``).
* ``"bonferroni"``: each unit tested at ``alpha / m`` (family-wise error rate <= ``alpha``).
* ``"fdr_bh"``: Benjamini–Hochberg; expected share of false discoveries <= ``alpha``.
  **The documented default for the notebooks.**

Adjusted p-values come from :func:`statsmodels.stats.multitest.multipletests`; a unit is
significant at level ``a`` when its adjusted p-value is <= ``a`` (for BH this is the same as
running the BH procedure at ``a``), so one adjustment serves 90/95/99% confidence classes.

The correction applies to whichever p-value the caller picked (analytical or permutation).
Permutation pseudo p-values cannot be smaller than a floor set by the number of permutations
``P``: ``1/(P+1)`` for esda's directed (one-tailed) pseudo-p and ``2/(P+1)`` for the two-sided
pseudo-p this package reports. Consequences (see :func:`floor_note`):

* Bonferroni rejects nothing when ``floor > alpha/m``: with ``P = 999`` and ``m = 5,000`` the
  floor 0.002 is 200 times the threshold 1e-5, and even ``P = 9,999`` (floor 2e-4) cannot reach it.
* BH can still reject, but only when at least ``ceil(floor * m / alpha)`` units sit at the
  floor (for ``P = 999``, ``m = 5,000``: 200 units).
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from statsmodels.stats.multitest import multipletests

Correction = Literal["none", "bonferroni", "fdr_bh"]
CORRECTIONS: tuple[str, ...] = ("none", "bonferroni", "fdr_bh")
DEFAULT_CORRECTION: Correction = "fdr_bh"

LABELS = {
    "none": "no multiple-testing correction",
    "bonferroni": "Bonferroni correction",
    "fdr_bh": "Benjamini–Hochberg FDR correction",
}


def check_correction(method: str) -> Correction:
    """``method`` if it is one of :data:`CORRECTIONS`, else ``ValueError``."""
    if method not in CORRECTIONS:
        raise ValueError(f"correction must be one of {CORRECTIONS}, not {method!r}")
    return method  # type: ignore[return-value]


def adjust(p: np.ndarray, method: Correction) -> np.ndarray:
    """Adjusted p-values; NaN entries (untested units) stay NaN and are not in the family.

    The family size ``m`` is the number of finite p-values.
    """
    check_correction(method)
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    tested = np.isfinite(p)
    if (p[tested] < 0).any() or (p[tested] > 1).any():
        raise ValueError("p-values must lie in [0, 1]")
    if not tested.any():
        return out
    if method == "none":
        out[tested] = p[tested]
    else:
        out[tested] = multipletests(p[tested], method=method)[1]
    return out


def pvalue_floor(permutations: int, *, two_sided: bool = True) -> float:
    """Smallest attainable pseudo p-value with ``permutations`` conditional permutations."""
    if permutations < 1:
        raise ValueError("permutations must be >= 1")
    return (2.0 if two_sided else 1.0) / (permutations + 1)


def min_units_at_floor(method: Correction, n_tests: int, alpha: float, floor: float) -> int | None:
    """How many units must reach ``floor`` before ``method`` can reject any unit at ``alpha``.

    ``None`` when no number suffices (Bonferroni with ``floor > alpha / n_tests``).
    """
    check_correction(method)
    if method == "none":
        return 1 if floor <= alpha else None
    if method == "bonferroni":
        return 1 if floor <= alpha / n_tests else None
    needed = max(1, math.ceil(floor * n_tests / alpha - 1e-9))
    return needed if needed <= n_tests else None


def floor_note(method: Correction, n_tests: int, alpha: float, permutations: int) -> str:
    """A sentence on what the two-sided pseudo-p floor allows ``method`` to reject at ``alpha``."""
    floor = pvalue_floor(permutations)
    needed = min_units_at_floor(method, n_tests, alpha, floor)
    head = f"with {permutations:,} permutations the smallest two-sided pseudo-p is {floor:.2g}"
    if needed is None:
        return (
            f"{head}, so {LABELS[method]} over {n_tests:,} units cannot reject any unit at "
            f"alpha={alpha:g}; use more permutations or analytical p-values"
        )
    if method == "fdr_bh" and needed > 1:
        return (
            f"{head}; BH over {n_tests:,} units can reject at alpha={alpha:g} only if at least "
            f"{needed:,} units reach that floor"
        )
    return f"{head}; it does not prevent rejection at alpha={alpha:g} with {LABELS[method]}"
