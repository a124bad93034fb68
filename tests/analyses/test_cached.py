"""The cached statistics return exactly what the statistics return, and recompute on change."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from lattices import grid

from hotspots.analyses import cached
from hotspots.stats import emerging
from hotspots.stats.spatial import POLICY, HotSpotPolicy, contiguity, robust_moran


@pytest.fixture
def results_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOTSPOTS_CACHE", str(tmp_path))
    return tmp_path / "results"


@pytest.fixture(scope="module")
def lattice():
    cells = grid(8, 8)
    weights = contiguity(cells, "queen", transform="B", id_column="id")
    rng = np.random.default_rng(3)
    values = pd.Series(rng.poisson(4, 64).astype(float), index=list(weights.ids))
    values.iloc[[27, 28, 35, 36]] += 40  # a cluster in the middle
    values.iloc[0] = np.nan  # no data
    return weights, values


def test_policy_run_equals_the_policy_cold_and_warm(results_folder, lattice):
    weights, values = lattice
    direct = POLICY.run(values, weights)
    cold = cached.policy_run(values, weights)
    assert cold == direct and cold.hot().sum() >= 4 and cold.n_excluded == 1
    assert len(list(results_folder.glob("hot-spots-*.parquet"))) == 1
    warm = cached.policy_run(values, weights)
    assert warm == direct and warm.meta == direct.meta
    assert len(list(results_folder.glob("hot-spots-*.parquet"))) == 1


def test_policy_run_recomputes_when_values_neighbours_or_settings_change(results_folder,
                                                                          lattice):
    weights, values = lattice
    cached.policy_run(values, weights)
    changed = values.copy()
    changed.iloc[5] += 1
    assert cached.policy_run(changed, weights) == POLICY.run(changed, weights)
    other_seed = HotSpotPolicy(seed=7)
    assert cached.policy_run(values, weights, other_seed) == other_seed.run(values, weights)
    fewer = weights.without([list(weights.ids)[63]], reason="test")
    assert cached.policy_run(values, fewer) == POLICY.run(values, fewer)
    assert len(list(results_folder.glob("hot-spots-*.parquet"))) == 4


def test_emerging_run_equals_the_statistic_cold_and_warm(results_folder, lattice):
    weights, values = lattice
    rng = np.random.default_rng(5)
    months = pd.period_range("2024-01", periods=6, freq="M")
    matrix = pd.DataFrame({m: values.fillna(0) + rng.poisson(2, 64) for m in months})
    for settings in ({"time_steps": 0, "window": "slice"}, {"time_steps": 1, "window": "cube"}):
        direct = emerging.emerging_categories(emerging.gi_star_by_period(
            matrix, weights, **settings))
        assert cached.emerging_run(matrix, weights, **settings) == direct
        assert cached.emerging_run(matrix, weights, **settings) == direct
    assert len(list(results_folder.glob("emerging-*.parquet"))) == 2


def test_robust_moran_run_equals_the_statistic_cold_and_warm(results_folder, lattice):
    weights, values = lattice
    core = tuple(values.nlargest(2).index)
    direct = robust_moran(values, weights, core=core, core_label="top 2", permutations=99)
    for _ in range(2):
        assert cached.robust_moran_run(values, weights, core=core, core_label="top 2",
                                       permutations=99) == direct
    assert cached.robust_moran_run(values, weights, core=core, core_label="top 2",
                                   permutations=199) != direct
    assert len(list(results_folder.glob("robust-moran-*.parquet"))) == 2


def test_weights_are_built_once_and_come_back_the_same(results_folder):
    cells = grid(6, 6)
    calls = []

    def build():
        calls.append(1)
        return contiguity(cells, "queen", transform="B", id_column="id")

    direct = contiguity(cells, "queen", transform="B", id_column="id")
    for _ in range(2):
        spec = cached.neighbour_lists("test", cells, {"rule": "queen"}, build)
        assert spec == direct and spec.neighbors == direct.neighbors
    assert len(calls) == 1
    moved = cells.assign(geometry=cells.geometry.translate(1.0, 0.0))
    cached.neighbour_lists("test", moved, {"rule": "queen"}, build)
    cached.neighbour_lists("test", cells, {"rule": "rook"}, build)
    assert len(calls) == 3
