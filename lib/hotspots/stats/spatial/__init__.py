# ruff: noqa: E402  (the warning filter below must run before esda is imported)
"""Spatial statistics on esda/libpysal, with every choice stated and recorded.

**Hot spots** are defined once, by :mod:`.policy` (:func:`hot_spots` on
:func:`hot_spot_weights`); everything else here is a building block or a sensitivity
analysis. Build weights (:mod:`.weights`), compute global/local autocorrelation
(:mod:`.autocorrelation`), check that clustering survives transformations and the removal
of a core (:mod:`.robust`), correct for multiple testing (:mod:`.multiple_testing`) and work
with rates (:mod:`.rates`); results (:mod:`.results`) carry their metadata and a caption.

Importing this package serves the permutation kernels from the on-disk numba cache
(:mod:`.kernels`, ``$HOTSPOTS_NUMBA_CACHE``), so only the first process on a machine compiles.
"""

import warnings

# esda imports tqdm.auto, which warns (on stderr, failing nbval) that ipywidgets is missing in a
# notebook kernel; no progress bar is ever shown, so this one message is silenced here, before
# esda is first imported, rather than in every notebook.
warnings.filterwarnings("ignore", message="IProgress not found")

from hotspots.stats.spatial import kernels

kernels.enable()

from hotspots.stats.spatial.autocorrelation import (
    DEFAULT_PERMUTATIONS,
    DEFAULT_SEED,
    GI_CLASSES,
    LISA_CLASSES,
    gi_classes,
    global_moran,
    local_gi_star,
    local_moran,
)
from hotspots.stats.spatial.multiple_testing import (
    DEFAULT_CORRECTION,
    adjust,
    floor_note,
    pvalue_floor,
)
from hotspots.stats.spatial.policy import (
    HOT_SPOT_CLASSES,
    POLICY,
    HotSpotPolicy,
    hot_spot_weights,
    hot_spots,
)
from hotspots.stats.spatial.rates import (
    crude_rate,
    eb_standardised_rate,
    empirical_bayes_rate,
    moran_rate,
)
from hotspots.stats.spatial.results import (
    NO_DATA,
    NOT_TESTED,
    GlobalMoran,
    LocalResult,
    ResultMeta,
)
from hotspots.stats.spatial.robust import RobustMoran, robust_moran
from hotspots.stats.spatial.weights import (
    WeightsSpec,
    contiguity,
    distance_band,
    knn,
    queen_across_water,
)

__all__ = [
    "DEFAULT_CORRECTION",
    "DEFAULT_PERMUTATIONS",
    "DEFAULT_SEED",
    "GI_CLASSES",
    "HOT_SPOT_CLASSES",
    "NO_DATA",
    "NOT_TESTED",
    "POLICY",
    "HotSpotPolicy",
    "RobustMoran",
    "LISA_CLASSES",
    "GlobalMoran",
    "LocalResult",
    "ResultMeta",
    "WeightsSpec",
    "adjust",
    "contiguity",
    "crude_rate",
    "distance_band",
    "eb_standardised_rate",
    "empirical_bayes_rate",
    "floor_note",
    "gi_classes",
    "global_moran",
    "hot_spot_weights",
    "hot_spots",
    "knn",
    "local_gi_star",
    "local_moran",
    "moran_rate",
    "pvalue_floor",
    "queen_across_water",
    "robust_moran",
]
