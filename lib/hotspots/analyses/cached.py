"""The collection's heavy statistics, computed once and read back from the results cache.

``stats`` may not import ``io``, so the caching sits here, where analyses call a statistic.
Each function keys :func:`hotspots.io.cache.cached_result` on the values, every neighbour
list, the weights' description and every policy setting (library versions are added by the
cache), and returns exactly the object the statistic returns: the result is written as Parquet
through its own ``to_frame`` and read back with ``from_frame``, cold call or warm. Bump
:data:`VERSION` when the statistics change in a way their inputs cannot show.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from dataclasses import asdict

import geopandas as gpd
import numpy as np
import pandas as pd

from hotspots.io.cache import cached_result
from hotspots.stats import emerging
from hotspots.stats.spatial import (
    DEFAULT_SEED,
    POLICY,
    HotSpotPolicy,
    LocalResult,
    RobustMoran,
    WeightsSpec,
    robust_moran,
)

VERSION = 1


def weights_key(weights: WeightsSpec) -> dict[str, object]:
    """Everything about ``weights`` a result can depend on, in a form the cache can hash."""
    return {
        "ids": [str(unit) for unit in weights.ids],
        "neighbors": [[str(other) for other in weights.neighbors[unit]] for unit in weights.ids],
        "description": weights.describe(),
    }


def neighbour_lists(name: str, units: gpd.GeoDataFrame, params: dict[str, object],
            build: Callable[[], WeightsSpec]) -> WeightsSpec:
    """The neighbours ``build()`` computes from ``units`` (ids and geometries) and ``params``
    (every other input, e.g. the water a link may cross), cached: libpysal's queen contiguity
    takes seconds on full-resolution LSOA boundaries."""
    frame = cached_result(f"weights-{name}", inputs={"units": units},
                          params={**params, "version": VERSION},
                          build=lambda: build().to_frame())
    return WeightsSpec.from_frame(frame)


def policy_run(values: np.ndarray | pd.Series, weights: WeightsSpec,
               policy: HotSpotPolicy = POLICY) -> LocalResult:
    """``policy.run(values, weights)`` (the project's hot spots), cached."""
    frame = cached_result(
        "hot-spots",
        inputs={"values": weights.align(values), "weights": weights_key(weights)},
        params={**asdict(policy), "version": VERSION},
        build=lambda: policy.run(values, weights).to_frame(),
    )
    return LocalResult.from_frame(frame)


def emerging_run(matrix: pd.DataFrame, weights: WeightsSpec, *, time_steps: int = 0,
                 window: emerging.Window = "slice",
                 policy: HotSpotPolicy = POLICY) -> emerging.EmergingResult:
    """Emerging hot-spot categories of a units x months ``matrix`` (the policy in each month,
    or a space-time neighbourhood: see :func:`hotspots.stats.emerging.gi_star_by_period`),
    cached."""
    frame = cached_result(
        "emerging",
        inputs={"matrix": matrix, "weights": weights_key(weights)},
        params={**asdict(policy), "time_steps": time_steps, "window": window,
                "version": VERSION},
        build=lambda: emerging.emerging_categories(emerging.gi_star_by_period(
            matrix, weights, policy=policy, time_steps=time_steps, window=window)).to_frame(),
    )
    return emerging.EmergingResult.from_frame(frame)


def robust_moran_run(values: pd.Series, weights: WeightsSpec, *, core: Collection[Hashable],
                     core_label: str, permutations: int, seed: int = DEFAULT_SEED,
                     alpha: float = 0.05) -> RobustMoran:
    """Global Moran's I in six variants (:func:`hotspots.stats.spatial.robust_moran`),
    cached."""
    core = tuple(core)
    frame = cached_result(
        "robust-moran",
        inputs={"values": weights.align(values), "weights": weights_key(weights),
                "core": [str(unit) for unit in core]},
        params={"core_label": core_label, "permutations": permutations, "seed": seed,
                "alpha": alpha, "version": VERSION},
        build=lambda: robust_moran(values, weights, core=core, core_label=core_label,
                                   permutations=permutations, seed=seed, alpha=alpha).to_frame(),
    )
    return RobustMoran.from_frame(frame)
