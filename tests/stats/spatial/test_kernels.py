"""The numba kernel cache: esda's results bit-identical with and without it, loaded from disk."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import esda
import esda.crand
import libpysal
import numpy as np
import pytest

from hotspots.stats.spatial import kernels

PERMUTATIONS = 999


def _lattice_case() -> tuple[libpysal.weights.W, np.ndarray]:
    w = libpysal.weights.lat2W(12, 12, rook=False)
    return w, np.random.default_rng(1).poisson(3.0, 144).astype(float)


def run_cases() -> dict[str, dict[str, Any]]:
    """Every ndarray / float attribute of esda's Gi* and local Moran results on a lattice."""
    w, y = _lattice_case()
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, make in {
            "gi_star": lambda: esda.G_Local(y, w, transform="B", star=True,
                                            permutations=PERMUTATIONS, seed=7, n_jobs=1),
            "moran": lambda: esda.Moran_Local(y, w, permutations=PERMUTATIONS, seed=7,
                                              n_jobs=1),
        }.items():
            result = make()
            out[name] = {k: v for k, v in vars(result).items()
                         if isinstance(v, np.ndarray | float | np.floating)}
    return out


def assert_identical(expected: dict, actual: dict) -> None:
    assert expected.keys() == actual.keys()
    for case, arrays in expected.items():
        assert arrays.keys() == actual[case].keys() and "p_sim" in arrays
        for key, value in arrays.items():
            assert np.array_equal(value, actual[case][key], equal_nan=True), (case, key)


@pytest.fixture(scope="module")
def plain() -> dict:
    """esda's own (uncached) kernels; the cache is enabled again afterwards."""
    kernels.disable()
    try:
        return run_cases()
    finally:
        kernels.enable()


def test_importing_the_package_enables_the_cache_in_the_configured_folder():
    from hotspots import config

    assert kernels.enabled_cache_dir().parent == config.numba_cache_dir()
    assert isinstance(esda.crand.compute_chunk, kernels._ComputeChunkRouter)
    assert f"esda-{esda.__version__}" in kernels.enabled_cache_dir().name


def test_cached_kernels_give_bit_identical_esda_results(plain, tmp_path):
    try:
        kernels.enable(tmp_path)
        assert_identical(plain, run_cases())
        assert_identical(plain, run_cases())  # second call: memoised permutation draw
        compiled = kernels.cache_stats()
        assert compiled["compute_chunk__g_local_star"]["misses"] == 1
    finally:
        kernels.enable()


def test_disable_restores_esda():
    try:
        kernels.disable()
        assert esda.crand.compute_chunk is kernels._ESDA_COMPUTE_CHUNK
        assert esda.crand.vec_permutations is kernels._ESDA_VEC_PERMUTATIONS
        assert kernels.enabled_cache_dir() is None
    finally:
        kernels.enable()


def test_unwritable_cache_warns_and_still_computes(plain, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    try:
        with pytest.warns(kernels.CacheWriteWarning):
            kernels.enable(blocker / "cache")
            actual = run_cases()
    finally:
        kernels.enable()
    assert_identical(plain, actual)


@pytest.mark.slow
def test_a_fresh_process_loads_every_kernel_from_disk(plain, tmp_path):
    """warm() fills the cache; a new process then compiles nothing and matches plain esda."""
    cache = tmp_path / "numba"
    env = {**os.environ, "HOTSPOTS_NUMBA_CACHE": str(cache)}
    subprocess.run([sys.executable, "-m", "hotspots.stats.spatial.kernels", "--warm"],
                   check=True, env=env, capture_output=True)
    out = tmp_path / "results.pkl"
    here = Path(__file__).resolve().parent
    code = (
        "import pickle, sys\n"
        f"sys.path.insert(0, {str(here)!r})\n"
        "import test_kernels as t\n"
        "from hotspots.stats.spatial import kernels, permutation\n"
        "results = t.run_cases()\n"
        "permutation.warm_permutation_kernels()\n"
        f"pickle.dump((results, kernels.cache_stats()), open({str(out)!r}, 'wb'))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    results, stats = pickle.loads(out.read_bytes())
    assert all(counts["misses"] == 0 for counts in stats.values()), stats
    assert stats["compute_chunk__g_local_star"]["hits"] >= 1
    assert stats["_tail_counts"]["hits"] == 1
    assert_identical(plain, results)
