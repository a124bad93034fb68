"""The project's one definition of a hot spot: :class:`HotSpotPolicy` and :func:`hot_spots`.

Every notebook that calls a unit a "hot spot" uses :func:`hot_spots` (weights from
:func:`hot_spot_weights`); any other choice (k-nearest weights, analytical p, Bonferroni,
local Moran) is a *sensitivity analysis* and is labelled so. :meth:`HotSpotPolicy.describe`
is the paragraph the README quotes.

Weights: queen contiguity. The 2021 LSOA boundaries run to the centre line of the Thames, so
queen contiguity crosses it (Waterloo's LSOA Lambeth 036C touches Westminster 018B and City of
London 001G); layers clipped at mean high water (2011 LSOAs, 2014 wards, boroughs "excluding
MHW") do not, and :func:`hot_spot_weights` then takes the tidal water and links units facing
each other across less than 300 m of it.

On the March 2024 - February 2025 theft-from-the-person LSOA counts (City of London as no
data) the policy finds 15 hot spots (analytical p + BH: 32); on permuted copies of the same
counts it found none in 20 of 20 layers, analytical p + BH found some in 20 of 20.

Relation to other software, on the same data and the same neighbours:

* ArcGIS Pro "Hot Spot Analysis (Getis-Ord Gi*)" computes the same Gi* z-score (the unit
  itself included, binary weights). Its p-values are analytical (normal approximation of z);
  with "Apply False Discovery Rate (FDR) Correction" it bins units at 90/95/99% confidence
  from FDR-adjusted levels, as here. It therefore gives the same z and the same classes as the
  *analytical* column of our result (``p_analytical`` adjusted by BH), not our permutation
  classes; on skewed counts its analytical p are too small (see the calibration tests).
  ArcGIS's default neighbourhood is a fixed distance band, the smallest distance giving every
  feature a neighbour: on the 2021 LSOA centroids that is 2,320 m, so the mean LSOA would have
  73 neighbours (1 to 153) instead of queen contiguity's 6 (1 to 20), and "hot spots" would
  be areas of several square kilometres, mostly set by the band, not by the LSOAs.
* R spdep ``localG(x, include.self(nb2listw(nb, style = "B")))`` gives the same z;
  ``localG_perm`` adds conditional-permutation p-values (the unit's own value fixed, its
  neighbours drawn from the others), the null used here; ``p.adjust(p, "BH")`` is our
  correction. spdep's default draws (``nsim = 499``) are far too few for BH to reject.
* esda ``G_Local(y, w, transform="B", star=True)`` gives the same G* and z; its ``p_sim`` is
  *directed* (the tail the observation falls in), about half a two-sided p. We report the
  two-sided pseudo-p ``min(1, 2 * directed)``.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import stats

from hotspots.stats.spatial.autocorrelation import DEFAULT_SEED, GI_CLASSES, gi_classes
from hotspots.stats.spatial.multiple_testing import adjust
from hotspots.stats.spatial.permutation import (
    BASE_PERMUTATIONS,
    SCREEN_CONFIDENCE,
    STOP_AFTER,
    TailP,
    adaptive_tail_p,
    required_permutations,
)
from hotspots.stats.spatial.results import NO_DATA, NOT_TESTED, LocalResult, ResultMeta
from hotspots.stats.spatial.weights import WeightsSpec, queen_across_water

#: Class order of a policy result: ArcGIS's seven Gi* bins, "No neighbours", "No data".
HOT_SPOT_CLASSES = (*GI_CLASSES, NO_DATA)
#: Widest gap between two units that :func:`hot_spot_weights` bridges (metres).
WATER_GAP = 300.0
NULL = (
    "for each unit, the values of its neighbours are a random draw (without replacement) from "
    "the other units' values, its own value held fixed (conditional randomisation)"
)


@dataclass(frozen=True)
class HotSpotPolicy:
    """Gi* (self included, binary weights), adaptive conditional permutations, BH at ``alpha``.

    A unit is a *hot spot* when z > 0 and its Benjamini–Hochberg-adjusted two-sided pseudo-p
    is <= ``alpha``; 90/95/99% classes use the BH-adjusted p at 0.10/0.05/0.01 (as ArcGIS
    does with its FDR option). Units without data (NaN) are removed from the weights before
    anything is computed; units left without neighbours are not tested.
    """

    alpha: float = 0.05
    seed: int = DEFAULT_SEED
    base_permutations: int = BASE_PERMUTATIONS
    stop_after: int = STOP_AFTER
    screen_confidence: float = SCREEN_CONFIDENCE

    def permutations_for(self, n_tests: int) -> int:
        """Draws a unit may need so that BH over ``n_tests`` can reject it: ``2n/alpha - 1``.

        The 90% class is binned at adjusted p <= 0.10, so the floor is set for ``alpha``.
        """
        return max(self.base_permutations, required_permutations(n_tests, self.alpha))

    def tail_p(
        self,
        pool: np.ndarray,
        self_pos: np.ndarray,
        k: np.ndarray,
        lag: np.ndarray,
        positions: np.ndarray,
        n_tests: int,
    ) -> TailP:
        """The policy's adaptive permutation p for units tested against ``pool`` (see
        :func:`~hotspots.stats.spatial.permutation.adaptive_tail_p`), with enough draws for
        BH over ``n_tests`` units."""
        return adaptive_tail_p(
            pool, self_pos, k, lag, positions,
            alpha=self.alpha, max_permutations=self.permutations_for(max(n_tests, 1)),
            seed=self.seed, base=self.base_permutations, stop_after=self.stop_after,
            screen_confidence=self.screen_confidence,
        )

    def run(self, values: np.ndarray | pd.Series, weights: WeightsSpec) -> LocalResult:
        """Gi* hot and cold spots of ``values`` (NaN: no data) on ``weights``' neighbours."""
        if not 0 < self.alpha < 1:
            raise ValueError("alpha must lie in (0, 1)")
        raw = weights.align(values)
        if np.isinf(raw).any():
            raise ValueError("values must be finite or NaN (no data)")
        missing = np.isnan(raw)
        if (raw[~missing] < 0).any():
            raise ValueError("Gi* needs non-negative values (it is a share of the total)")
        excluded = tuple(np.asarray(weights.ids, dtype=object)[missing])
        kept = weights.without(excluded) if excluded else weights
        position = {unit: i for i, unit in enumerate(kept.ids)}
        x = raw[~missing]
        if np.ptp(x) == 0:
            raise ValueError("the values are constant: Gi* is undefined")
        neighbours = [[position[j] for j in kept.neighbors[i]] for i in kept.ids]
        k = np.array([len(ns) for ns in neighbours])
        lag = np.array([x[ns].sum() for ns in neighbours])
        statistic, expected, z = gi_star(x, k, lag)
        tested = k > 0
        n_tests = int(tested.sum())
        max_permutations = self.permutations_for(max(n_tests, 1))
        units = np.flatnonzero(tested)
        tails = self.tail_p(x, units, k[units], lag[units], units, n_tests)

        def full(kept_values: np.ndarray) -> np.ndarray:
            """Kept units' values -> all units' (NaN for units without data)."""
            out = np.full(weights.n, np.nan)
            out[~missing] = kept_values
            return out

        def from_tested(tested_values: np.ndarray) -> np.ndarray:
            """Tested units' values -> all units' (NaN for islands and units without data)."""
            inner = np.full(kept.n, np.nan)
            inner[units] = tested_values
            return full(inner)

        p = from_tested(tails.p)
        p_adjusted = adjust(p, "fdr_bh")
        z_full = full(np.where(tested, z, np.nan))
        labels = gi_classes(np.nan_to_num(z_full), p_adjusted)
        labels[np.isnan(z_full) & ~missing] = NOT_TESTED
        labels[missing] = NO_DATA
        meta = ResultMeta(
            statistic="Getis-Ord Gi*",
            weights=kept.describe(),
            transform="B",
            n=weights.n,
            n_tested=n_tests,
            permutations=self.base_permutations,
            seed=self.seed,
            p_kind="adaptive permutation",
            correction="fdr_bh",
            alpha=self.alpha,
            null_hypothesis=NULL,
            max_permutations=max_permutations,
            n_excluded=len(excluded),
            notes=self._notes(n_tests, max_permutations, int(tails.stage2.sum()), excluded,
                              kept),
        )
        return LocalResult(
            ids=weights.ids,
            values=raw,
            statistic=full(statistic),
            expected=full(expected),
            z=z_full,
            p_analytical=full(np.where(tested, 2 * stats.norm.sf(np.abs(z)), np.nan)),
            p_permutation=p,
            p_permutation_directed=from_tested(tails.p_directed),
            p=p,
            p_adjusted=p_adjusted,
            labels=labels,
            class_order=HOT_SPOT_CLASSES,
            meta=meta,
            draws=from_tested(tails.draws.astype(float)),
        )

    def _notes(
        self,
        n_tests: int,
        max_permutations: int,
        n_stage2: int,
        excluded: tuple[Hashable, ...],
        kept: WeightsSpec,
    ) -> tuple[str, ...]:
        notes = [
            "hot (cold) spot: z > 0 (z < 0) and BH-adjusted p <= 0.10/0.05/0.01 for 90/95/99% "
            "confidence",
            f"{n_stage2:,} of {n_tests:,} units went on from {self.base_permutations:,} to up to "
            f"{max_permutations:,} draws (smallest two-sided p {2 / (max_permutations + 1):.2g}"
            f" <= alpha/m = {self.alpha / max(n_tests, 1):.2g})",
        ]
        if excluded:
            shown = ", ".join(str(i) for i in excluded[:6]) + (", ..." if len(excluded) > 6 else "")
            notes.append(f"{len(excluded):,} unit(s) without data left out ({shown})")
        if kept.n_islands:
            notes.append(f"{kept.n_islands} unit(s) without neighbours not tested")
        return tuple(notes)

    def describe(self) -> str:
        """The policy in one paragraph (quoted by the README and the notebooks)."""
        return (
            "A hot spot is a unit whose Getis-Ord Gi* z-score is positive and whose "
            "Benjamini–Hochberg (FDR) adjusted two-sided p-value is at most "
            f"{self.alpha:g}. Gi* counts the unit itself with its neighbours (binary weights). "
            "Neighbours are units sharing a boundary point (queen contiguity); where boundary "
            "files stop at mean high water, units facing each other across less than "
            f"{WATER_GAP:g} m of the Thames are neighbours too. Units without data "
            "(the City of London in Met data) are removed before the analysis, not counted as "
            "zero. p-values come from conditional permutations (each unit's neighbours "
            "replaced by random draws from the other units): "
            f"{self.base_permutations:,} draws for every unit, then, for units that could be "
            "significant, up to 2m/alpha draws (m units tested) so that even the strongest "
            "unit can survive the correction; permutation p-values stay valid for counts as "
            "skewed as London's, where normal-theory p-values do not. Maps show ArcGIS's "
            "90/95/99% confidence classes from the FDR-adjusted p-values. "
            f"Seed {self.seed}."
        )


POLICY = HotSpotPolicy()


def hot_spots(
    values: np.ndarray | pd.Series,
    weights: WeightsSpec,
    *,
    seed: int = DEFAULT_SEED,
    alpha: float = 0.05,
) -> LocalResult:
    """The project's hot spots of ``values`` (NaN = no data) on ``weights`` (see the policy)."""
    return HotSpotPolicy(alpha=alpha, seed=seed).run(values, weights)


def gi_star(
    x: np.ndarray, k: np.ndarray, lag: np.ndarray, *, n: int | None = None,
    mean: float | None = None, sd: float | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Getis-Ord Gi* with binary weights and self-weight 1: (G*, E[G*], z) per unit.

    ``k`` neighbours (self excluded) whose values sum to ``lag``; ``x`` the units' own values.
    The reference set (``n`` values, ``mean``, population ``sd``) defaults to ``x``; a
    space-time window passes its own. z = (L - mean W) / (sd sqrt((n W - W^2) / (n - 1)))
    with L = x + lag and W = k + 1 (Ord & Getis 1995).
    """
    n = x.size if n is None else n
    mean = float(x.mean()) if mean is None else mean
    sd = float(np.sqrt((x**2).mean() - x.mean() ** 2)) if sd is None else sd
    w = k + 1.0
    local = x + lag
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (local - mean * w) / (sd * np.sqrt((n * w - w**2) / (n - 1)))
    return local / (mean * n), w / n, z


def hot_spot_weights(
    frame: gpd.GeoDataFrame,
    *,
    id_column: str | None = None,
    water: shapely.Geometry | None = None,
    max_gap: float = WATER_GAP,
) -> WeightsSpec:
    """The policy's neighbours: queen contiguity, binary (what Gi* uses).

    Boundaries that run to a river's centre line (the 2021 LSOAs: Waterloo's LSOA touches
    Westminster's and the City's) need nothing more. Layers clipped at mean high water (2011
    LSOAs, 2014 wards, boroughs "excluding MHW") leave the Thames as a gap that queen
    contiguity cannot cross; pass the tidal water as ``water`` and units facing each other
    across less than ``max_gap`` metres of it become neighbours too
    (:func:`~hotspots.stats.spatial.weights.queen_across_water`).
    """
    return queen_across_water(frame, water, max_gap=max_gap, transform="B", id_column=id_column)
