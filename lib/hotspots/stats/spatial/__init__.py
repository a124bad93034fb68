# ruff: noqa: E402  (the warning filter below must run before esda is imported)
"""Spatial statistics on esda/libpysal, with every choice stated and recorded.

Build weights (:mod:`.weights`), compute global/local autocorrelation
(:mod:`.autocorrelation`), correct for multiple testing (:mod:`.multiple_testing`) and work
with rates (:mod:`.rates`); results (:mod:`.results`) carry their metadata and a caption.
"""

import warnings

# esda imports tqdm.auto, which warns (on stderr, failing nbval) that ipywidgets is missing in a
# notebook kernel; no progress bar is ever shown, so this one message is silenced here, before
# esda is first imported, rather than in every notebook.
warnings.filterwarnings("ignore", message="IProgress not found")

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
from hotspots.stats.spatial.rates import (
    crude_rate,
    eb_standardised_rate,
    empirical_bayes_rate,
    moran_rate,
)
from hotspots.stats.spatial.results import GlobalMoran, LocalResult, ResultMeta
from hotspots.stats.spatial.weights import WeightsSpec, contiguity, distance_band, knn

__all__ = [
    "DEFAULT_CORRECTION",
    "DEFAULT_PERMUTATIONS",
    "DEFAULT_SEED",
    "GI_CLASSES",
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
    "knn",
    "local_gi_star",
    "local_moran",
    "moran_rate",
    "pvalue_floor",
]
