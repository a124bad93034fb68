"""Does clustering survive skew and the removal of a core? Global Moran's I in six variants.

Global Moran's I of raw counts as skewed as London's (median 3, maximum in the thousands) can
be driven by a handful of adjacent extreme units: the products of their large deviations
dominate the sum. :func:`robust_moran` therefore computes I on the counts, on
``log(1 + count)`` and on ranks (average ranks for ties), each on all units and without a
given *core* (e.g. the top 1% of units by count, :func:`top_share_ids`, or the central
wards). Dropping the core removes those units from the weights (their neighbours lose the
links). "Clusters robustly" means a significant positive I (I > E[I], two-sided permutation
p <= ``alpha``) in every variant.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Hashable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from hotspots.stats.concentration import top_units
from hotspots.stats.spatial.autocorrelation import DEFAULT_SEED, global_moran
from hotspots.stats.spatial.weights import WeightsSpec

TRANSFORMS = {
    "counts": lambda x: x,
    "log(1 + count)": np.log1p,
    "ranks": lambda x: stats.rankdata(x, method="average"),
}
ROBUST_PERMUTATIONS = 9_999
ATTR = "hotspots_robust_moran"


@dataclass(frozen=True)
class RobustMoran:
    """One row per variable x sample: I, E[I], z, two-sided permutation p and the weights."""

    table: pd.DataFrame
    alpha: float
    core_label: str
    core: tuple[Hashable, ...]

    @property
    def clusters_robustly(self) -> bool:
        """Significant positive I in every variant (the rule a verdict may use)."""
        t = self.table
        return bool(((t["moran_i"] > t["expected"]) & (t["p_permutation"] <= self.alpha)).all())

    def caption(self) -> str:
        verdict = "clusters robustly" if self.clusters_robustly else "does not cluster robustly"
        failing = self.table[
            ~((self.table["moran_i"] > self.table["expected"])
              & (self.table["p_permutation"] <= self.alpha))
        ]
        detail = "; ".join(f"{r.variable}, {r.sample}: I = {r.moran_i:.3f}, p = "
                           f"{r.p_permutation:.3g}" for r in failing.itertuples())
        return (f"Global Moran's I {verdict} (significant positive I at alpha = {self.alpha:g} "
                f"on counts, log(1 + count) and ranks, with and without the {self.core_label} "
                f"of {len(self.core):,} units)" + (f"; fails for {detail}" if detail else "") + ".")

    def to_frame(self) -> pd.DataFrame:
        """The table, with alpha and the core in ``attrs`` (kept by Parquet)."""
        frame = self.table.copy()
        frame.attrs[ATTR] = json.dumps(
            {"alpha": self.alpha, "core_label": self.core_label, "core": list(self.core)},
            default=str,
        )
        return frame

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> RobustMoran:
        stored = json.loads(frame.attrs[ATTR])
        table = frame.copy()
        table.attrs = {}
        return cls(table=table, alpha=stored["alpha"], core_label=stored["core_label"],
                   core=tuple(stored["core"]))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RobustMoran):
            return NotImplemented
        return (self.alpha, self.core_label, self.core) == (
            other.alpha, other.core_label, other.core
        ) and self.table.equals(other.table)

    __hash__ = None  # type: ignore[assignment]


def top_share_ids(values: pd.Series, share: float = 0.01) -> tuple[Hashable, ...]:
    """Ids of the top ``share`` of units by value (``ceil(share * n)`` units, NaN left out)."""
    present = values.dropna()
    return tuple(present.index[top_units(present, share).to_numpy()])


def robust_moran(
    values: pd.Series,
    weights: WeightsSpec,
    *,
    core: Collection[Hashable],
    core_label: str = "core",
    permutations: int = ROBUST_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    alpha: float = 0.05,
) -> RobustMoran:
    """Global Moran's I (row-standardised ``weights``) in six variants; see the module doc.

    ``values`` is a Series indexed by unit id; NaN means no data (the unit is removed from
    the weights in every variant). ``core`` lists the ids dropped in the "without" rows.
    """
    if not isinstance(values, pd.Series):
        raise TypeError("values must be a Series indexed by unit id")
    aligned = pd.Series(weights.align(values), index=pd.Index(weights.ids))
    if (aligned < 0).any():
        raise ValueError("counts must be non-negative")
    no_data = tuple(aligned.index[aligned.isna()])
    base = weights.with_transform("R").without(no_data) if no_data else weights.with_transform("R")
    core = tuple(core)
    samples = {"all units": base, f"without {core_label}": base.without(core, reason=core_label)}
    rows = []
    for sample, w in samples.items():
        counts = aligned.reindex(list(w.ids)).to_numpy()
        built = w.to_w()  # one W for the three variables (esda keeps its row-standardisation)
        for variable, transform in TRANSFORMS.items():
            result = global_moran(transform(counts), w, permutations=permutations, seed=seed,
                                  w=built)
            rows.append({
                "variable": variable,
                "sample": sample,
                "n": w.n,
                "moran_i": result.moran_i,
                "expected": result.expected,
                "z": result.z_randomisation,
                "p_permutation": result.p_permutation,
                "permutations": permutations,
                "seed": seed,
                "weights": w.describe(),
            })
    return RobustMoran(table=pd.DataFrame(rows), alpha=alpha, core_label=core_label, core=core)
