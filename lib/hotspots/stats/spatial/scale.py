"""The same statistics at several scales (the modifiable areal unit problem, MAUP)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hotspots.stats.spatial.autocorrelation import DEFAULT_SEED, global_moran, local_gi_star
from hotspots.stats.spatial.multiple_testing import CORRECTIONS, Correction
from hotspots.stats.spatial.results import GlobalMoran, LocalResult
from hotspots.stats.spatial.weights import WeightsSpec


@dataclass(frozen=True)
class ScaleSummary:
    """Global Moran's I (row-standardised) and Gi* (binary) of counts on one set of units."""

    moran: GlobalMoran
    gi: LocalResult
    weights: WeightsSpec

    def row(self) -> dict:
        """One MAUP-table row: units, neighbours, I, z, p, and how much is in hot spots."""
        values = self.gi.values
        hot = self.gi.significant & (np.nan_to_num(self.gi.z) > 0)
        total = values.sum()
        return {
            "units": self.weights.n,
            "mean neighbours": self.weights.mean_neighbors,
            "mean count": values.mean(),
            "zero units %": 100 * (values == 0).mean(),
            "Moran's I": self.moran.moran_i,
            "z (randomisation)": self.moran.z_randomisation,
            "permutation p": self.moran.p_permutation,
            "hot-spot units": int(hot.sum()),
            "hot-spot units %": 100 * hot.mean(),
            "crime in hot spots %": 100 * values[hot].sum() / total if total else np.nan,
        }


def scale_summary(
    values: np.ndarray | pd.Series,
    weights: WeightsSpec,
    *,
    permutations: int,
    seed: int = DEFAULT_SEED,
    p_kind: str = "permutation",
    correction: Correction = "fdr_bh",
    alpha: float = 0.05,
) -> ScaleSummary:
    """Global Moran's I with ``weights`` row-standardised and Gi* with them binary.

    Hot-spot units are Gi* units with adjusted p <= ``alpha`` and z > 0 (95% confidence or more
    at the default alpha).
    """
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {CORRECTIONS}")
    moran = global_moran(values, weights.with_transform("R"), permutations=permutations,
                         seed=seed)
    gi = local_gi_star(values, weights.with_transform("B"), permutations=permutations, seed=seed,
                       p_kind=p_kind, correction=correction, alpha=alpha)
    return ScaleSummary(moran=moran, gi=gi, weights=weights)
