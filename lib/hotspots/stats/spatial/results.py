"""Result objects: every number travels with the choices that produced it.

:class:`ResultMeta` records weights, transform, permutations, seed, p-value kind, correction,
alpha and the null hypothesis; results print a ``caption()`` for a figure or table and give a
tidy ``to_frame()``.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from hotspots.stats.spatial.multiple_testing import LABELS, Correction, adjust, pvalue_floor

NOT_TESTED = "No neighbours"
NO_DATA = "No data"
META_ATTR = "hotspots_result_meta"


@dataclass(frozen=True)
class ResultMeta:
    """How a statistic was computed: enough to reproduce it and to caption it honestly."""

    statistic: str
    weights: str
    transform: str
    n: int
    n_tested: int
    permutations: int
    seed: int | None
    p_kind: str
    correction: str
    alpha: float
    null_hypothesis: str
    alternative: str = "two-sided"
    notes: tuple[str, ...] = ()
    max_permutations: int | None = None
    n_excluded: int = 0

    def p_description(self) -> str:
        """What the p-values are, e.g. 'two-sided conditional-permutation pseudo-p (...)'."""
        if self.p_kind == "adaptive permutation":
            return (
                f"{self.alternative} conditional-permutation pseudo-p ({self.permutations:,} "
                f"draws per unit, up to {self.max_permutations:,} for units that could be "
                f"significant; seed {self.seed})"
            )
        if self.p_kind == "permutation":
            floor = pvalue_floor(self.permutations)
            return (
                f"{self.alternative} permutation pseudo-p ({self.permutations:,} permutations, "
                f"seed {self.seed}, smallest attainable {floor:.2g})"
            )
        return f"{self.alternative} analytical p (normal approximation of z)"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping) -> ResultMeta:
        """Inverse of :meth:`to_dict` (also after a JSON round trip)."""
        return cls(**{**data, "notes": tuple(data.get("notes", ()))})


@dataclass(frozen=True, eq=False)
class GlobalMoran:
    """Global Moran's I with analytical (normality, randomisation) and permutation inference.

    ``p_permutation`` is two-sided: twice esda's directed pseudo-p (capped at 1), which is kept
    as ``p_permutation_directed``.
    """

    moran_i: float
    expected: float
    variance_normality: float
    z_normality: float
    p_normality: float
    variance_randomisation: float
    z_randomisation: float
    p_randomisation: float
    p_permutation: float | None
    p_permutation_directed: float | None
    z_permutation: float | None
    meta: ResultMeta

    @classmethod
    def from_esda(cls, stat, meta: ResultMeta) -> GlobalMoran:
        """From a fitted ``esda.Moran`` (or ``Moran_Rate``) run with ``two_tailed=True``."""
        permuted = meta.permutations > 0
        return cls(
            moran_i=float(stat.I),
            expected=float(stat.EI),
            variance_normality=float(stat.VI_norm),
            z_normality=float(stat.z_norm),
            p_normality=float(stat.p_norm),
            variance_randomisation=float(stat.VI_rand),
            z_randomisation=float(stat.z_rand),
            p_randomisation=float(stat.p_rand),
            p_permutation=min(1.0, 2 * float(stat.p_sim)) if permuted else None,
            p_permutation_directed=float(stat.p_sim) if permuted else None,
            z_permutation=float(stat.z_sim) if permuted else None,
            meta=meta,
        )

    def caption(self) -> str:
        m = self.meta
        parts = [
            f"{m.statistic} = {self.moran_i:.3f} (E[I] = {self.expected:.3f}); "
            f"z = {self.z_normality:.2f} under normality ({_p(self.p_normality)}), "
            f"z = {self.z_randomisation:.2f} under randomisation ({_p(self.p_randomisation)})"
        ]
        if self.p_permutation is not None:
            parts.append(
                f"Two-sided permutation pseudo-{_p(self.p_permutation)} "
                f"({m.permutations:,} permutations, seed {m.seed})"
            )
        parts.append(f"Weights: {m.weights}")
        parts.append(f"H0: {m.null_hypothesis}")
        parts.extend(note[:1].upper() + note[1:] for note in m.notes)
        return ". ".join(parts) + "."

    def to_frame(self) -> pd.DataFrame:
        """One row: the statistic, its inference and the metadata."""
        row = {k: v for k, v in asdict(self).items() if k != "meta"}
        row.update({k: v for k, v in self.meta.to_dict().items() if k != "notes"})
        row["notes"] = "; ".join(self.meta.notes)
        return pd.DataFrame([row])


@dataclass(frozen=True, eq=False)
class LocalResult:
    """A local statistic per unit, its p-values before and after correction, and classes.

    Arrays follow ``ids``. Units without neighbours are not tested: their p-values are NaN,
    they are outside the multiple-testing family and their class is ``"No neighbours"``.
    Units without data (policy results) have NaN values and the class ``"No data"``.
    ``draws`` is the number of permutations behind each unit's p (adaptive inference).
    Round trip: ``LocalResult.from_frame(result.to_frame()) == result``.
    """

    ids: tuple[Hashable, ...]
    values: np.ndarray
    statistic: np.ndarray
    expected: np.ndarray
    z: np.ndarray
    p_analytical: np.ndarray
    p_permutation: np.ndarray | None
    p_permutation_directed: np.ndarray | None
    p: np.ndarray
    p_adjusted: np.ndarray
    labels: np.ndarray
    class_order: tuple[str, ...]
    meta: ResultMeta
    quadrant: np.ndarray | None = None
    draws: np.ndarray | None = None

    @property
    def n_excluded(self) -> int:
        """Units left out for want of data."""
        return int((self.labels == NO_DATA).sum())

    @property
    def excluded_ids(self) -> tuple[Hashable, ...]:
        """Ids of the units left out for want of data."""
        return tuple(np.asarray(self.ids, dtype=object)[self.labels == NO_DATA])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LocalResult):
            return NotImplemented
        if (self.ids, self.class_order, self.meta) != (other.ids, other.class_order, other.meta):
            return False
        for name in _ARRAYS:
            a, b = getattr(self, name), getattr(other, name)
            if (a is None) != (b is None):
                return False
            if a is not None and not _same(a, b):
                return False
        return True

    __hash__ = None  # type: ignore[assignment]

    @property
    def significant(self) -> np.ndarray:
        """Units whose adjusted p-value is at or below ``alpha``."""
        with np.errstate(invalid="ignore"):
            return np.nan_to_num(self.p_adjusted, nan=1.0) <= self.meta.alpha

    def hot(
        self, correction: Correction | None = None, *, p_kind: str = "permutation",
        alpha: float | None = None,
    ) -> np.ndarray:
        """Units that are "hot" under ``correction`` (default the result's own): adjusted
        p <= ``alpha`` (default the result's) and z > 0 for Gi*, the HH quadrant for local Moran.

        The raw p-values are the result's own (``p_kind`` "permutation" or "analytical"), so no
        permutation is re-run.
        """
        raw = {"permutation": self.p_permutation, "analytical": self.p_analytical}.get(p_kind)
        if raw is None:
            raise ValueError(f"no {p_kind!r} p-values in this result")
        correction = self.meta.correction if correction is None else correction
        alpha = self.meta.alpha if alpha is None else alpha
        significant = np.nan_to_num(adjust(raw, correction), nan=1.0) <= alpha
        high = self.quadrant == "HH" if self.quadrant is not None else self.z > 0
        return significant & np.asarray(high, dtype=bool)

    def hot_ids(self, correction: Correction | None = None, **kwargs) -> set:
        """The ids of the units :meth:`hot` flags."""
        return set(np.asarray(self.ids, dtype=object)[self.hot(correction, **kwargs)])

    def to_frame(self) -> pd.DataFrame:
        """Tidy per-unit table: unit_id, value, statistic, z, p, p_adjusted, class, ..."""
        frame = pd.DataFrame(
            {
                "unit_id": list(self.ids),
                "value": self.values,
                "statistic": self.statistic,
                "expected": self.expected,
                "z": self.z,
                "p": self.p,
                "p_adjusted": self.p_adjusted,
                "significant": self.significant,
                "class": pd.Categorical(self.labels, categories=list(self.class_order)),
                "p_analytical": self.p_analytical,
            }
        )
        if self.p_permutation is not None:
            frame["p_permutation"] = self.p_permutation
            frame["p_permutation_directed"] = self.p_permutation_directed
        if self.quadrant is not None:
            frame["quadrant"] = self.quadrant
        if self.draws is not None:
            frame["draws"] = self.draws
        frame.attrs[META_ATTR] = json.dumps(
            {"meta": self.meta.to_dict(), "class_order": list(self.class_order)}, default=str
        )
        return frame

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> LocalResult:
        """The result :meth:`to_frame` wrote (metadata from ``frame.attrs``, kept by Parquet)."""
        if META_ATTR not in frame.attrs:
            raise ValueError("the frame has no result metadata: was it made by to_frame()?")
        stored = json.loads(frame.attrs[META_ATTR])

        def column(name: str, dtype: type = float) -> np.ndarray | None:
            if name not in frame:
                return None
            return frame[name].to_numpy(dtype=dtype)

        return cls(
            ids=tuple(frame["unit_id"].tolist()),
            values=column("value"),
            statistic=column("statistic"),
            expected=column("expected"),
            z=column("z"),
            p_analytical=column("p_analytical"),
            p_permutation=column("p_permutation"),
            p_permutation_directed=column("p_permutation_directed"),
            p=column("p"),
            p_adjusted=column("p_adjusted"),
            labels=frame["class"].astype(object).to_numpy(),
            class_order=tuple(stored["class_order"]),
            meta=ResultMeta.from_dict(stored["meta"]),
            quadrant=column("quadrant", object),
            draws=column("draws"),
        )

    def counts(self) -> pd.Series:
        """Units per class, in display order (zero counts included)."""
        labels = pd.Categorical(self.labels, categories=list(self.class_order))
        return pd.Series(labels).value_counts(sort=False).rename("units")

    def caption(self) -> str:
        m = self.meta
        counts = ", ".join(f"{label}: {n:,}" for label, n in self.counts().items() if n)
        parts = [
            f"{m.statistic} for {m.n:,} units ({m.n_tested:,} tested)",
            f"Weights: {m.weights}",
            f"p-values: {m.p_description()}, {LABELS[m.correction]}, alpha = {m.alpha:g}",
            f"H0: {m.null_hypothesis}",
            f"Classes: {counts}",
        ]
        parts.extend(note[:1].upper() + note[1:] for note in m.notes)
        return ". ".join(parts) + "."


_ARRAYS = (
    "values", "statistic", "expected", "z", "p_analytical", "p_permutation",
    "p_permutation_directed", "p", "p_adjusted", "labels", "quadrant", "draws",
)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal arrays, NaN equal to NaN (numeric or object)."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        return False
    if a.dtype.kind in "fc" and b.dtype.kind in "fc":
        return bool(np.array_equal(a, b, equal_nan=True))
    return all(x == y or (x != x and y != y) for x, y in zip(a.tolist(), b.tolist(), strict=True))


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def correction_table(
    results: Mapping[str, LocalResult],
    corrections: Iterable[Correction] = ("none", "fdr_bh", "bonferroni"),
    p_kinds: Iterable[str] = ("permutation", "analytical"),
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Hot units per result (rows) under each p-value kind and correction (columns)."""
    columns = [(kind, LABELS[c]) for kind in p_kinds for c in corrections]
    rows = {
        name: [int(r.hot(c, p_kind=kind, alpha=alpha).sum())
               for kind in p_kinds for c in corrections]
        for name, r in results.items()
    }
    table = pd.DataFrame.from_dict(rows, orient="index", columns=pd.MultiIndex.from_tuples(
        columns, names=["p-value", "correction"]))
    return table
