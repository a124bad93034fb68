"""Robust clustering: global Moran's I on counts, log counts and ranks, with and without a core."""

from __future__ import annotations

import lattices as lat
import numpy as np
import pandas as pd
import pytest

from hotspots.stats.spatial import RobustMoran, contiguity, robust_moran
from hotspots.stats.spatial.robust import top_share_ids


@pytest.fixture(scope="module")
def lattice():
    frame = lat.grid(30, 30)
    return frame, contiguity(frame, "queen", transform="R", id_column="id")


def test_one_extreme_pair_makes_raw_count_i_significant_but_not_log_or_rank_i(lattice):
    """Two adjacent units of 3,000 amid negative-binomial counts (mean 3, no clustering): the
    product of their deviations alone gives raw-count I = 0.12 (permutation p = 0.01; the
    normal-theory z is 10); on log(1 + count) and on ranks I is indistinguishable from E[I],
    and without the pair so is raw-count I."""
    frame, spec = lattice
    rng = np.random.default_rng(1)
    counts = rng.negative_binomial(1, 0.25, 900).astype(float)
    pair = ["c310", "c311"]
    values = pd.Series(counts, index=frame["id"])
    values[pair] = 3_000
    result = robust_moran(values, spec, core=pair, core_label="extreme pair", permutations=999)
    table = result.table.set_index(["variable", "sample"])
    assert table.loc[("counts", "all units"), "p_permutation"] <= 0.05
    assert table.loc[("counts", "all units"), "moran_i"] > 0.1
    for variable in ("log(1 + count)", "ranks"):
        assert table.loc[(variable, "all units"), "p_permutation"] > 0.05
    assert table.loc[("counts", "without extreme pair"), "p_permutation"] > 0.05
    assert table.loc[("counts", "without extreme pair"), "n"] == 898
    assert not result.clusters_robustly
    assert "fails for log(1 + count), all units" in result.caption()
    assert set(table["weights"].str.contains("row-standardised")) == {True}


def test_a_smooth_gradient_clusters_robustly_and_round_trips(lattice, tmp_path):
    frame, spec = lattice
    rng = np.random.default_rng(2)
    x = np.arange(900) % 30
    values = pd.Series(rng.poisson(np.exp(x / 8)).astype(float), index=frame["id"])
    values["c0"] = np.nan  # no data: removed from the weights in every variant
    core = top_share_ids(values, 0.01)
    assert len(core) == 9 and "c0" not in core
    result = robust_moran(values, spec, core=core, core_label="top 1%", permutations=999)
    assert result.clusters_robustly
    assert result.table["n"].tolist() == [899] * 3 + [890] * 3
    frame_out = result.to_frame()
    assert RobustMoran.from_frame(frame_out) == result
    frame_out.to_parquet(tmp_path / "robust.parquet")
    assert RobustMoran.from_frame(pd.read_parquet(tmp_path / "robust.parquet")) == result
