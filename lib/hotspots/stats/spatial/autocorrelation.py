"""Global Moran's I, local Moran (LISA) and Getis-Ord Gi*, computed by esda and recorded.

esda does the statistics; this module fixes the choices esda leaves implicit and writes them
into every result. The project's *hot spots* come from :func:`~.policy.hot_spots`, which
builds on the Gi* defined here; calling :func:`local_gi_star` or :func:`local_moran` with other
choices (k-nearest weights, analytical p, 999 permutations, ...) is a sensitivity analysis and
must be labelled as one.

* Permutations use a fixed ``seed`` (default :data:`DEFAULT_SEED`). Local statistics use
  esda's numba conditional randomisation, whose draws depend on the seed only (not ``n_jobs``).
  The kernels are compiled once per machine into the numba cache (:mod:`.kernels`); without
  it every process spends 20-60 s compiling them.
* p-values are two-sided. esda's ``p_sim`` is *directed* (the tail the observed value falls
  in, about half a two-sided p); the two-sided pseudo-p is ``min(1, 2 * p_sim)``, with floor
  ``2 / (permutations + 1)``. Analytical p is ``2 * sf(|z|)``.
* ``p_kind`` picks the p-value that is corrected (``"permutation"`` or ``"analytical"``) and
  ``correction`` the multiple-testing correction (default Benjamini–Hochberg FDR).
* Units without neighbours are not tested (see :class:`~hotspots.spatial.results.LocalResult`):
  esda would give them the smallest pseudo-p, since every permuted lag equals the observed 0.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

import esda
import numpy as np
import pandas as pd
from libpysal.weights import W
from scipy import stats

from hotspots.stats.spatial.multiple_testing import (
    DEFAULT_CORRECTION,
    Correction,
    adjust,
    check_correction,
    floor_note,
)
from hotspots.stats.spatial.results import NOT_TESTED, GlobalMoran, LocalResult, ResultMeta
from hotspots.stats.spatial.weights import WeightsSpec

PKind = Literal["permutation", "analytical"]
DEFAULT_SEED = 12345
DEFAULT_PERMUTATIONS = 999

NULL_GLOBAL = "the values are randomly allocated to the units (no spatial autocorrelation)"
NULL_LOCAL = (
    "for each unit, the values around it are a random draw from the other units' values "
    "(conditional randomisation, the unit's own value held fixed)"
)
QUADRANTS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}  # esda Moran_Local.q with geoda_quads=False
LISA_CLASSES = ("HH", "LL", "HL", "LH", "Not significant", NOT_TESTED)
GI_LEVELS = (0.01, 0.05, 0.10)  # 99%, 95%, 90% confidence, ArcGIS Hot Spot Analysis bins
GI_CLASSES = (
    "Cold Spot - 99% Confidence",
    "Cold Spot - 95% Confidence",
    "Cold Spot - 90% Confidence",
    "Not Significant",
    "Hot Spot - 90% Confidence",
    "Hot Spot - 95% Confidence",
    "Hot Spot - 99% Confidence",
    NOT_TESTED,
)


def global_moran(
    y: np.ndarray | pd.Series,
    weights: WeightsSpec,
    *,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    w: W | None = None,
) -> GlobalMoran:
    """Global Moran's I (``esda.Moran``) with ``weights.transform``; E[I] = -1/(n-1).

    ``w``: ``weights.to_w()`` built once by a caller that runs several statistics on the same
    weights (building a ``W`` takes longer than the statistic on large layers).
    """
    values = aligned_values(y, weights)
    with seeded(seed), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # islands: already in the weights text
        stat = esda.Moran(
            values,
            weights.to_w() if w is None else w,
            transformation=weights.transform,
            permutations=permutations,
            two_tailed=True,
        )
    return GlobalMoran.from_esda(stat, global_meta("Moran's I", weights, permutations, seed))


def local_moran(
    y: np.ndarray | pd.Series,
    weights: WeightsSpec,
    *,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    p_kind: PKind = "permutation",
    correction: Correction = DEFAULT_CORRECTION,
    alpha: float = 0.05,
    n_jobs: int = 1,
) -> LocalResult:
    """Local Moran's I (``esda.Moran_Local``) with HH/LL/HL/LH classes after the correction.

    The analytical z uses esda's total-randomisation moments (``EI``, ``VI``). A unit is in its
    quadrant's class when its adjusted p-value is <= ``alpha``, else ``"Not significant"``.
    """
    values = aligned_values(y, weights)
    _check_inference(p_kind, permutations, correction, alpha)
    with warnings.catch_warnings():
        _quiet()
        stat = esda.Moran_Local(
            values,
            weights.to_w(),
            transformation=weights.transform,
            permutations=permutations,
            n_jobs=n_jobs,
            keep_simulations=False,
            seed=seed,
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (stat.Is - stat.EI) / np.sqrt(stat.VI)
    quadrant = np.array([QUADRANTS[q] for q in stat.q], dtype=object)
    tested = _tested(weights)
    pvals = _pvalues(z, stat, permutations, p_kind, tested)
    p_adjusted = adjust(pvals["p"], correction)
    labels = np.where(np.nan_to_num(p_adjusted, nan=1.0) <= alpha, quadrant, "Not significant")
    labels[~tested] = NOT_TESTED
    meta = _local_meta(
        "Local Moran's I",
        weights,
        permutations,
        seed,
        p_kind,
        correction,
        alpha,
        tested,
    )
    return LocalResult(
        ids=weights.ids,
        values=values,
        statistic=stat.Is,
        expected=stat.EI,
        z=np.where(tested, z, np.nan),
        labels=labels,
        class_order=LISA_CLASSES,
        meta=meta,
        p_adjusted=p_adjusted,
        quadrant=quadrant,
        **pvals,
    )


def local_gi_star(
    y: np.ndarray | pd.Series,
    weights: WeightsSpec,
    *,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    p_kind: PKind = "permutation",
    correction: Correction = DEFAULT_CORRECTION,
    alpha: float = 0.05,
    n_jobs: int = 1,
) -> LocalResult:
    """Getis-Ord Gi* (``esda.G_Local``, ``star=True``, self-weight 1) with ArcGIS classes.

    Needs binary weights (``weights.with_transform("B")``): esda's analytical variance assumes
    them, and Gi*'s z is unchanged by scaling a unit's weights, so nothing is lost. Values must
    be non-negative (Gi* is a share of the total). A unit is a hot (cold) spot at 99/95/90%
    confidence when its adjusted p-value is <= 0.01/0.05/0.10 and z > 0 (z < 0).
    """
    if weights.transform != "B":
        raise ValueError(
            "Gi* needs binary weights: pass weights.with_transform('B') (esda's analytical "
            "variance of Gi* assumes binary weights; its z is invariant to row scaling)"
        )
    values = aligned_values(y, weights)
    if (values < 0).any():
        raise ValueError("Gi* needs non-negative values (it is a share of the total)")
    _check_inference(p_kind, permutations, correction, alpha)
    with warnings.catch_warnings():
        _quiet()
        stat = esda.G_Local(
            values,
            weights.to_w(),
            transform="B",
            permutations=permutations,
            star=True,
            keep_simulations=False,
            n_jobs=n_jobs,
            seed=seed,
        )
    tested = _tested(weights)
    pvals = _pvalues(stat.Zs, stat, permutations, p_kind, tested)
    p_adjusted = adjust(pvals["p"], correction)
    labels = gi_classes(stat.Zs, p_adjusted)
    labels[~tested] = NOT_TESTED
    meta = _local_meta(
        "Getis-Ord Gi*",
        weights,
        permutations,
        seed,
        p_kind,
        correction,
        alpha,
        tested,
        notes=("hot/cold classes at 90/95/99% confidence after the correction",),
    )
    return LocalResult(
        ids=weights.ids,
        values=values,
        statistic=stat.Gs,
        expected=np.broadcast_to(stat.EGs, values.shape).astype(float),
        z=np.where(tested, stat.Zs, np.nan),
        labels=labels,
        class_order=GI_CLASSES,
        meta=meta,
        p_adjusted=p_adjusted,
        **pvals,
    )


def gi_classes(z: np.ndarray, p_adjusted: np.ndarray) -> np.ndarray:
    """ArcGIS-style bins: 'Hot Spot - 99% Confidence' ... 'Not Significant', by sign of z."""
    labels = np.full(len(z), "Not Significant", dtype=object)
    p = np.nan_to_num(np.asarray(p_adjusted, dtype=float), nan=1.0)
    for level in sorted(GI_LEVELS, reverse=True):  # loosest first, so the strictest wins
        confidence = f"{round(100 * (1 - level))}% Confidence"
        hit = p <= level
        labels[hit & (z > 0)] = f"Hot Spot - {confidence}"
        labels[hit & (z < 0)] = f"Cold Spot - {confidence}"
    return labels


def aligned_values(y: np.ndarray | pd.Series, weights: WeightsSpec) -> np.ndarray:
    """Values in ``weights.ids`` order: a Series is aligned on its index, an array by position.

    Missing, non-finite or constant values raise ``ValueError``.
    """
    values = weights.align(y)
    bad = ~np.isfinite(values)
    if bad.any():
        shown = [weights.ids[i] for i in np.flatnonzero(bad)[:5]]
        raise ValueError(f"{int(bad.sum())} value(s) are missing or infinite, e.g. units {shown}")
    if np.ptp(values) == 0:
        raise ValueError("the values are constant: spatial autocorrelation is undefined")
    return values


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Seed numpy's global generator (used by ``esda.Moran``) and restore it afterwards."""
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


def _quiet() -> None:
    """Silence esda's notice that its default alternative will change: we report two-sided."""
    warnings.filterwarnings(
        "ignore", message="The alternative hypothesis", category=DeprecationWarning
    )
    warnings.simplefilter("ignore", UserWarning)


def _check_inference(p_kind: str, permutations: int, correction: str, alpha: float) -> None:
    check_correction(correction)
    if p_kind not in ("permutation", "analytical"):
        raise ValueError(f"p_kind must be 'permutation' or 'analytical', not {p_kind!r}")
    if p_kind == "permutation" and permutations < 1:
        raise ValueError("permutation p-values need permutations >= 1")
    if not 0 < alpha < 1:
        raise ValueError("alpha must lie in (0, 1)")


def _tested(weights: WeightsSpec) -> np.ndarray:
    unlinked = set(weights.unlinked)
    return np.array([i not in unlinked for i in weights.ids])


def _pvalues(z, stat, permutations: int, p_kind: str, tested: np.ndarray) -> dict:
    """Two-sided analytical and permutation p-values, NaN for untested units."""
    p_analytical = np.where(tested, 2 * stats.norm.sf(np.abs(z)), np.nan)
    if not permutations:
        directed = two_sided = None
    else:  # esda's float32 (k + 1) / (P + 1), made exact again in float64
        exact = np.round(np.asarray(stat.p_sim, dtype=float) * (permutations + 1))
        directed = np.where(tested, exact / (permutations + 1), np.nan)
        two_sided = np.minimum(1.0, 2 * directed)
    return {
        "p_analytical": p_analytical,
        "p_permutation": two_sided,
        "p_permutation_directed": directed,
        "p": two_sided if p_kind == "permutation" else p_analytical,
    }


def global_meta(name: str, weights: WeightsSpec, permutations: int, seed: int) -> ResultMeta:
    """Metadata of a global statistic with analytical and permutation inference."""
    return ResultMeta(
        statistic=name,
        weights=weights.describe(),
        transform=weights.transform,
        n=weights.n,
        n_tested=weights.n,
        permutations=permutations,
        seed=seed,
        p_kind="analytical and permutation",
        correction="none",
        alpha=0.05,
        null_hypothesis=NULL_GLOBAL,
    )


def _local_meta(
    name: str,
    weights: WeightsSpec,
    permutations: int,
    seed: int,
    p_kind: str,
    correction: Correction,
    alpha: float,
    tested: np.ndarray,
    notes: tuple[str, ...] = (),
) -> ResultMeta:
    n_tested = int(tested.sum())
    if p_kind == "permutation":
        notes = (*notes, floor_note(correction, n_tested, alpha, permutations))
    if n_tested < weights.n:
        notes = (*notes, f"{weights.n - n_tested} unit(s) without neighbours not tested")
    return ResultMeta(
        statistic=name,
        weights=weights.describe(),
        transform=weights.transform,
        n=weights.n,
        n_tested=n_tested,
        permutations=permutations,
        seed=seed if permutations else None,
        p_kind=p_kind,
        correction=correction,
        alpha=alpha,
        null_hypothesis=NULL_LOCAL if p_kind == "permutation" else NULL_GLOBAL,
        notes=notes,
    )
