"""Spatial weights built with libpysal, described and checked instead of silently assumed.

Every builder returns a :class:`WeightsSpec`: the neighbour lists in the frame's row order, the
transform, and what a reader needs to judge them (islands and their ids, connected components,
mean neighbours). Islands are never dropped: they are reported, kept as units with no
neighbours (local statistics then mark them untested), or, on request, attached to their
nearest neighbour by centroid (a k=1 nearest-neighbour link added in both directions), which
is recorded in :attr:`WeightsSpec.attached`.

The transform is always an explicit argument: ``"R"`` (row-standardised: each unit's
neighbours share weight 1, so a lag is a neighbour mean) or ``"B"`` (binary: a lag is a
neighbour sum; the one Getis-Ord Gi* uses here).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from libpysal.weights import KNN, DistanceBand, Queen, Rook, W, w_union

Transform = Literal["R", "B"]
TRANSFORM_LABELS = {"R": "row-standardised", "B": "binary"}
KIND_LABELS = {
    "queen": "queen contiguity",
    "rook": "rook contiguity",
    "knn": "k-nearest neighbours",
    "distance_band": "distance band",
}
#: Key of the JSON metadata :meth:`WeightsSpec.to_frame` stores in ``frame.attrs``.
FRAME_ATTR = "hotspots_weights"


@dataclass(frozen=True)
class WeightsSpec:
    """Neighbour structure, transform and diagnostics of a spatial weights matrix.

    ``ids`` are the unit ids in the frame's row order; values passed to a statistic as an
    array must follow that order (a ``pandas.Series`` is aligned on its index instead).
    """

    kind: str
    transform: Transform
    ids: tuple[Hashable, ...] = field(repr=False)
    neighbors: dict[Hashable, list[Hashable]] = field(repr=False, compare=False)
    k: int | None = None
    threshold: float | None = None
    islands: tuple[Hashable, ...] = ()
    attached: tuple[tuple[Hashable, Hashable], ...] = ()
    n_components: int = 1
    component_sizes: tuple[int, ...] = ()
    mean_neighbors: float = 0.0
    min_neighbors: int = 0
    max_neighbors: int = 0
    dropped: tuple[tuple[str, int], ...] = ()
    extra_links: tuple[tuple[str, int], ...] = ()

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def n_islands(self) -> int:
        """Units the rule left without neighbours (before any attaching)."""
        return len(self.islands)

    @property
    def unlinked(self) -> tuple[Hashable, ...]:
        """Units without neighbours in these weights (islands not attached)."""
        return () if self.attached else self.islands

    def to_w(self) -> W:
        """A fresh libpysal ``W`` in row order with the transform applied.

        Fresh on every call because esda changes the transform of the ``W`` it is given.
        """
        w = W(self.neighbors, id_order=list(self.ids), silence_warnings=True)
        w.transform = self.transform
        return w

    def align(self, values: np.ndarray | pd.Series) -> np.ndarray:
        """Values as floats in ``ids`` order: a Series by its index, an array by position."""
        if isinstance(values, pd.Series):
            if not values.index.is_unique:
                raise ValueError("the values' index has duplicated unit ids")
            missing = [i for i in self.ids if i not in values.index]
            if missing:
                raise ValueError(
                    f"{len(missing)} unit(s) have no value, e.g. {missing[:5]}: index the Series "
                    "by unit id, or pass an array in row order"
                )
            return values.reindex(list(self.ids)).to_numpy(dtype=float)
        array = np.asarray(values, dtype=float).ravel()
        if array.size != self.n:
            raise ValueError(f"{array.size} values for {self.n} units")
        return array

    def to_frame(self) -> pd.DataFrame:
        """One row per (unit, neighbour) link in neighbour-list order; the ids and every other
        field in ``attrs`` (kept by Parquet), so :meth:`from_frame` rebuilds the same spec."""
        links = [(unit, other) for unit in self.ids for other in self.neighbors[unit]]
        frame = pd.DataFrame(links, columns=["unit", "neighbour"], dtype=object)
        stored = {f.name: getattr(self, f.name) for f in fields(self)
                  if f.name != "neighbors"}
        frame.attrs[FRAME_ATTR] = json.dumps(stored)
        return frame

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> WeightsSpec:
        """The spec :meth:`to_frame` wrote."""
        stored = json.loads(frame.attrs[FRAME_ATTR])
        neighbors: dict[Hashable, list[Hashable]] = {unit: [] for unit in stored["ids"]}
        for unit, other in zip(frame["unit"], frame["neighbour"], strict=True):
            neighbors[unit].append(other)
        nested = ("attached", "dropped", "extra_links")
        return cls(**{**stored, "neighbors": neighbors,
                      **{name: tuple(stored[name]) for name in ("ids", "islands",
                                                                "component_sizes")},
                      **{name: tuple(tuple(pair) for pair in stored[name]) for name in nested}})

    def with_transform(self, transform: Transform) -> WeightsSpec:
        """The same neighbours under another transform."""
        return replace(self, transform=_check_transform(transform))

    def describe(self) -> str:
        """One line for captions, e.g. 'queen contiguity, row-standardised; n=49, ...'."""
        kind = KIND_LABELS.get(self.kind, self.kind)
        if self.k is not None:
            kind += f" (k={self.k})"
        if self.threshold is not None:
            kind += f" (threshold {self.threshold:g})"
        for label, count in self.extra_links:
            kind += f" + {count:,} {label}"
        dropped = "".join(f", {count:,} unit(s) removed ({why})" for why, count in self.dropped)
        return (
            f"{kind}, {TRANSFORM_LABELS[self.transform]}; n={self.n:,}, "
            f"mean {self.mean_neighbors:.2f} neighbours (min {self.min_neighbors}, "
            f"max {self.max_neighbors}), {_islands_text(self)}, "
            f"{self.n_components} connected component(s){dropped}"
        )

    def without(self, drop: Iterable[Hashable], *, reason: str = "no data") -> WeightsSpec:
        """The same rule on the other units: ``drop`` removed and their links cut.

        Neighbours of a dropped unit lose that link; units left with no neighbour become
        islands (not tested by local statistics). ``reason`` is recorded in :meth:`describe`.
        """
        gone = set(drop)
        unknown = gone.difference(self.ids)
        if unknown:
            shown = sorted(map(str, unknown))[:3]
            raise ValueError(f"{len(unknown)} id(s) to drop are not units, e.g. {shown}")
        if not gone:
            return self
        ids = [i for i in self.ids if i not in gone]
        if len(ids) < 2:
            raise ValueError("spatial weights need at least two units")
        neighbors = {i: [j for j in self.neighbors[i] if j not in gone] for i in ids}
        islands = tuple(i for i in ids if not neighbors[i])
        attached = tuple(p for p in self.attached if not gone.intersection(p))
        spec = _diagnosed(self.kind, neighbors, ids, self.transform, islands, attached)
        dropped = (*self.dropped, (reason, len(gone)))
        return replace(spec, k=self.k, threshold=self.threshold, dropped=dropped,
                       extra_links=self.extra_links)

    def to_dict(self) -> dict:
        """The diagnostics as plain values (no neighbour lists), for tables and JSON."""
        return {
            "kind": self.kind,
            "transform": self.transform,
            "n": self.n,
            "k": self.k,
            "threshold": self.threshold,
            "n_islands": self.n_islands,
            "islands": list(self.islands),
            "attached": [list(pair) for pair in self.attached],
            "n_components": self.n_components,
            "component_sizes": list(self.component_sizes),
            "mean_neighbors": self.mean_neighbors,
            "min_neighbors": self.min_neighbors,
            "max_neighbors": self.max_neighbors,
            "dropped": [list(pair) for pair in self.dropped],
            "extra_links": [list(pair) for pair in self.extra_links],
        }


def contiguity(
    frame: gpd.GeoDataFrame,
    rule: Literal["queen", "rook"],
    *,
    transform: Transform,
    id_column: str | None = None,
    attach_islands: bool = False,
) -> WeightsSpec:
    """Queen (shared edge or vertex) or rook (shared edge) contiguity between polygons.

    Ids come from ``id_column`` or, when it is ``None``, from the frame's index; they must be
    unique. Works for any polygons, regular square or hexagonal grid cells included.
    """
    builders = {"queen": Queen, "rook": Rook}
    if rule not in builders:
        raise ValueError(f"rule must be 'queen' or 'rook', not {rule!r}")
    indexed = _indexed(frame, id_column)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # islands: reported in the spec instead
        w = builders[rule].from_dataframe(indexed, use_index=True, silence_warnings=True)
    return _spec(rule, w.neighbors, indexed, transform, attach_islands)


def knn(
    frame: gpd.GeoDataFrame,
    k: int,
    *,
    transform: Transform,
    id_column: str | None = None,
) -> WeightsSpec:
    """The ``k`` nearest units by centroid (points are their own centroid); not symmetric."""
    if k < 1:
        raise ValueError("k must be >= 1")
    indexed = _indexed(frame, id_column)
    if k >= len(indexed):
        raise ValueError(f"k={k} needs more than {len(indexed)} units")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # components: reported in the spec
        w = KNN(_centroids(indexed), k=k)
    return _spec("knn", _relabel(w.neighbors, indexed), indexed, transform, False, k=k)


def distance_band(
    frame: gpd.GeoDataFrame,
    threshold: float,
    *,
    transform: Transform,
    id_column: str | None = None,
    attach_islands: bool = False,
) -> WeightsSpec:
    """Units whose centroids lie within ``threshold`` (CRS units, metres in EPSG:27700)."""
    if threshold <= 0:
        raise ValueError("threshold must be positive")
    indexed = _indexed(frame, id_column)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        w = DistanceBand(_centroids(indexed), threshold=threshold, binary=True)
    neighbors = _relabel(w.neighbors, indexed)
    spec = _spec("distance_band", neighbors, indexed, transform, attach_islands)
    return replace(spec, threshold=float(threshold))


def queen_across_water(
    frame: gpd.GeoDataFrame,
    water: shapely.Geometry | None,
    *,
    max_gap: float,
    transform: Transform,
    id_column: str | None = None,
) -> WeightsSpec:
    """Queen contiguity, plus links between units facing each other across ``water``.

    Two units that do not touch are also neighbours when they are less than ``max_gap`` apart
    (CRS units, metres), the shortest line between them crosses no unit and its midpoint lies
    in ``water`` (a polygon the caller supplies, e.g. the tidal Thames: the full-extent 2021
    LSOAs minus the 2011 LSOAs clipped at mean high water). ``water=None``: queen contiguity
    alone. The added links are counted in :meth:`WeightsSpec.describe`.
    """
    queen = contiguity(frame, "queen", transform=transform, id_column=id_column)
    if water is None:
        return queen
    if max_gap <= 0:
        raise ValueError("max_gap must be positive")
    indexed = _indexed(frame, id_column)
    pairs = _water_links(indexed, water, max_gap)
    label = (f"links across water < {max_gap:g} m", len(pairs))
    if not pairs:
        return replace(queen, extra_links=(label,))
    neighbors = {i: list(ns) for i, ns in queen.neighbors.items()}
    for a, b in pairs:
        neighbors[a].append(b)
        neighbors[b].append(a)
    return replace(_spec("queen", neighbors, indexed, transform, False), extra_links=(label,))


def _water_links(
    indexed: gpd.GeoDataFrame, water: shapely.Geometry, gap: float
) -> list[tuple[Hashable, Hashable]]:
    """Non-touching pairs < ``gap`` apart, shortest line over no unit, its midpoint in water."""
    geoms = indexed.geometry.to_numpy()
    shapely.prepare(water)
    near = np.flatnonzero(shapely.dwithin(geoms, water, 1.0))
    tree = shapely.STRtree(geoms[near])
    left, right = tree.query(geoms[near], predicate="dwithin", distance=gap)
    keep = left < right
    a, b = near[left[keep]], near[right[keep]]
    apart = ~shapely.intersects(geoms[a], geoms[b])
    a, b = a[apart], b[apart]
    if a.size == 0:
        return []
    lines = shapely.shortest_line(geoms[a], geoms[b])
    land = shapely.union_all(geoms[np.unique(np.concatenate([a, b]))])
    dry = shapely.length(shapely.intersection(lines, land)) <= 1.0
    wet = shapely.contains(water, shapely.line_interpolate_point(lines, 0.5, normalized=True))
    ok = dry & wet
    ids = indexed.index.to_numpy()
    return [(ids[i], ids[j]) for i, j in zip(a[ok], b[ok], strict=True)]


def _islands_text(spec: WeightsSpec) -> str:
    if not spec.islands:
        return "no islands"
    if spec.attached:
        return f"{spec.n_islands} island(s) attached to their nearest neighbour"
    shown = ", ".join(str(i) for i in spec.islands[:5]) + (", ..." if spec.n_islands > 5 else "")
    return f"{spec.n_islands} island(s) without neighbours ({shown})"


def _check_transform(transform: str) -> Transform:
    if transform not in TRANSFORM_LABELS:
        raise ValueError(f"transform must be 'R' (row-standardised) or 'B' (binary): {transform!r}")
    return transform  # type: ignore[return-value]


def _indexed(frame: gpd.GeoDataFrame, id_column: str | None) -> gpd.GeoDataFrame:
    """The frame indexed by its unit ids, checked for emptiness, nulls and duplicates."""
    if len(frame) < 2:
        raise ValueError("spatial weights need at least two units")
    indexed = frame.set_index(id_column) if id_column is not None else frame
    if indexed.index.hasnans:
        raise ValueError("unit ids must not be missing")
    if not indexed.index.is_unique:
        dupes = indexed.index[indexed.index.duplicated()].unique()[:5].tolist()
        raise ValueError(f"unit ids must be unique; duplicated: {dupes}")
    if indexed.geometry.isna().any() or indexed.geometry.is_empty.any():
        raise ValueError("every unit needs a non-empty geometry")
    return indexed


def _centroids(frame: gpd.GeoDataFrame) -> np.ndarray:
    """(n, 2) centroid coordinates; a geographic CRS is refused (distances in degrees)."""
    if frame.crs is not None and frame.crs.is_geographic:
        raise ValueError(f"distances need a projected CRS (e.g. EPSG:27700), not {frame.crs}")
    centroids = frame.geometry.centroid
    return np.column_stack([centroids.x.to_numpy(), centroids.y.to_numpy()])


def _relabel(by_position: dict[int, list[int]], frame: gpd.GeoDataFrame) -> dict:
    """Neighbour lists keyed by row position (libpysal's point builders) -> keyed by unit id."""
    ids = list(frame.index)
    return {ids[i]: [ids[j] for j in by_position.get(i, [])] for i in range(len(ids))}


def _spec(
    kind: str,
    neighbors: dict,
    frame: gpd.GeoDataFrame,
    transform: str,
    attach_islands: bool,
    *,
    k: int | None = None,
) -> WeightsSpec:
    ids = list(frame.index)
    position = {unit: pos for pos, unit in enumerate(ids)}
    neighbors = {i: sorted(neighbors.get(i, []), key=position.__getitem__) for i in ids}
    islands = tuple(i for i in ids if not neighbors[i])
    attached: tuple[tuple[Hashable, Hashable], ...] = ()
    if attach_islands and islands:
        neighbors, attached = _attach(neighbors, frame, islands)
    return replace(
        _diagnosed(kind, neighbors, ids, _check_transform(transform), islands, attached), k=k
    )


def _diagnosed(
    kind: str,
    neighbors: dict,
    ids: list,
    transform: Transform,
    islands: tuple[Hashable, ...],
    attached: tuple[tuple[Hashable, Hashable], ...],
) -> WeightsSpec:
    """A spec with its diagnostics (components, neighbour counts) computed from ``neighbors``."""
    w = W(neighbors, id_order=ids, silence_warnings=True)
    cards = np.array([len(neighbors[i]) for i in ids])
    sizes = np.bincount(w.component_labels)
    return WeightsSpec(
        kind=kind,
        transform=transform,
        ids=tuple(ids),
        neighbors=neighbors,
        islands=islands,
        attached=attached,
        n_components=int(w.n_components),
        component_sizes=tuple(int(s) for s in sorted(sizes, reverse=True)),
        mean_neighbors=float(cards.mean()),
        min_neighbors=int(cards.min()),
        max_neighbors=int(cards.max()),
    )


def _attach(
    neighbors: dict, frame: gpd.GeoDataFrame, islands: Sequence[Hashable]
) -> tuple[dict, tuple[tuple[Hashable, Hashable], ...]]:
    """Union of the weights with a symmetric link from each island to its nearest centroid."""
    ids = list(frame.index)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        nearest = KNN(_centroids(frame), k=1).neighbors  # keyed by row position
    position = {unit: pos for pos, unit in enumerate(ids)}
    pairs = tuple((i, ids[nearest[position[i]][0]]) for i in islands)
    links: dict[Hashable, list[Hashable]] = {}
    for a, b in pairs:
        links.setdefault(a, []).append(b)
        links.setdefault(b, []).append(a)
    base = W(neighbors, id_order=ids, silence_warnings=True)
    union = w_union(base, W(links, silence_warnings=True), id_order=ids, silence_warnings=True)
    merged = {i: sorted(union.neighbors[i], key=position.__getitem__) for i in ids}
    return merged, pairs
