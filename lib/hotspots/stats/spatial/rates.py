"""Rates per 1,000 residents, Empirical Bayes smoothing and Moran's I for rates (esda).

Crude rates of small areas are noisy: an LSOA of 1,200 residents moves by 0.8 per 1,000 with
each extra crime. Empirical Bayes shrinks each rate towards the overall rate, more so where the
population is small (``esda.smoothing.Empirical_Bayes``, Marshall 1991). For autocorrelation of
rates, ``esda.Moran_Rate`` with ``adjusted=True`` uses the Assunção–Reis (1999) EB-standardised
rates, which equalise the variance of small and large areas.
"""

from __future__ import annotations

import esda
import numpy as np
from esda.smoothing import Empirical_Bayes, assuncao_rate

from hotspots.stats.spatial.autocorrelation import (
    DEFAULT_PERMUTATIONS,
    DEFAULT_SEED,
    global_meta,
    seeded,
)
from hotspots.stats.spatial.results import GlobalMoran
from hotspots.stats.spatial.weights import WeightsSpec

PER = 1000


def crude_rate(events, population, *, per: float = PER) -> np.ndarray:
    """``events / population * per``, after checking both (see :func:`check_counts`)."""
    e, b = check_counts(events, population)
    return e / b * per


def empirical_bayes_rate(events, population, *, per: float = PER) -> np.ndarray:
    """Aspatial Empirical Bayes smoothed rate per ``per`` (``esda...Empirical_Bayes``)."""
    e, b = check_counts(events, population)
    return Empirical_Bayes(e, b).r.ravel() * per


def eb_standardised_rate(events, population) -> np.ndarray:
    """Assunção–Reis EB-standardised rates (``esda.smoothing.assuncao_rate``).

    The variable ``esda.Moran_Rate`` uses; pass it to ``local_moran`` for a local rate LISA
    (what ``esda.Moran_Local_Rate`` does).
    """
    e, b = check_counts(events, population)
    return np.asarray(assuncao_rate(e, b), dtype=float)


def moran_rate(
    events,
    population,
    weights: WeightsSpec,
    *,
    adjusted: bool = True,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
) -> GlobalMoran:
    """Global Moran's I of the rate (``esda.Moran_Rate``), EB-adjusted unless ``adjusted=False``.

    ``events`` and ``population`` follow ``weights.ids`` (arrays) or are Series indexed by id.
    """
    e, b = check_counts(weights.align(events), weights.align(population))
    with seeded(seed):
        stat = esda.Moran_Rate(
            e,
            b,
            weights.to_w(),
            adjusted=adjusted,
            transformation=weights.transform,
            permutations=permutations,
            two_tailed=True,
        )
    variable = "EB-standardised rate (Assunção–Reis)" if adjusted else "crude rate"
    meta = global_meta(f"Moran's I of the {variable}", weights, permutations, seed)
    return GlobalMoran.from_esda(stat, meta)


def check_counts(events, population) -> tuple[np.ndarray, np.ndarray]:
    """Float arrays of equal length; events finite and >= 0, population finite and > 0."""
    e = np.asarray(events, dtype=float).ravel()
    b = np.asarray(population, dtype=float).ravel()
    if e.shape != b.shape:
        raise ValueError(f"{e.size} event counts for {b.size} populations")
    if not np.isfinite(e).all() or (e < 0).any():
        raise ValueError("event counts must be finite and non-negative")
    bad = ~np.isfinite(b) | (b <= 0)
    if bad.any():
        raise ValueError(
            f"{int(bad.sum())} population(s) are missing or not positive "
            f"(positions {np.flatnonzero(bad)[:5].tolist()})"
        )
    return e, b
