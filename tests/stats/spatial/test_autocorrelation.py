"""Moran's I, local Moran and Gi* against hand-worked values and independent numpy formulas.

Tests that need esda's numba permutation kernels are marked ``slow``: the first such call in a
process spends 30-60 s JIT-compiling them (later calls take milliseconds).
"""

from __future__ import annotations

import geopandas as gpd
import lattices as lat
import numpy as np
import pandas as pd
import pytest
from libpysal import examples
from scipy import stats
from statsmodels.stats.multitest import multipletests

from hotspots.config import data_dir
from hotspots.stats.spatial import (
    GI_CLASSES,
    adjust,
    contiguity,
    gi_classes,
    global_moran,
    local_gi_star,
    local_moran,
    pvalue_floor,
)
from hotspots.stats.spatial.autocorrelation import aligned_values

# The 3x3 lattice, ids c0..c8 row by row from the south-west:
#   c6 c7 c8      7 8 9
#   c3 c4 c5  ->  4 5 6
#   c0 c1 c2      1 2 3
VALUES = np.arange(1.0, 10.0)


@pytest.fixture(scope="module")
def rook3():
    return contiguity(lat.grid(3, 3), "rook", transform="B", id_column="id")


@pytest.fixture(scope="module")
def columbus():
    frame = gpd.read_file(examples.get_path("columbus.shp"))
    return frame, contiguity(frame, "queen", transform="R")


def test_global_moran_3x3_rook_binary_by_hand(rook3):
    # Deviations z = -4..4, sum z^2 = 60. The 12 rook edges give sum over edges of z_i z_j =
    # 36 (rows: 12+6+0+0+6+12) + 4 (columns: 4-2+0+0-2+4) = 40, so z'Wz = 80 (both directions),
    # S0 = 24 and I = n/S0 * z'Wz / z'z = 9/24 * 80/60 = 0.5.
    result = global_moran(VALUES, rook3, permutations=0)
    assert result.moran_i == pytest.approx(0.5)
    assert result.expected == pytest.approx(-1 / 8)
    assert result.p_permutation is None


def test_global_moran_3x3_rook_row_standardised(rook3):
    rows = rook3.with_transform("R")
    dense = lat.binary_matrix(rook3)
    dense /= dense.sum(axis=1, keepdims=True)
    result = global_moran(VALUES, rows, permutations=0)
    assert result.moran_i == pytest.approx(lat.moran_i(VALUES, dense))
    assert result.meta.transform == "R"


def test_local_moran_3x3_by_hand(rook3):
    # Corner c0: (n-1) z_0 (z_1 + z_3) / sum z^2 = 8 * (-4) * (-3 - 1) / 60 = 2.1333 (binary);
    # row-standardised the neighbour sum becomes a mean: 8 * (-4) * (-2) / 60 = 1.0667.
    binary = local_moran(VALUES, rook3, permutations=0, p_kind="analytical")
    rows = local_moran(VALUES, rook3.with_transform("R"), permutations=0, p_kind="analytical")
    assert binary.statistic[0] == pytest.approx(32 / 15)
    assert rows.statistic[0] == pytest.approx(16 / 15)
    dense = lat.binary_matrix(rook3)
    assert np.allclose(binary.statistic, lat.local_moran(VALUES, dense))
    assert np.allclose(rows.statistic, lat.local_moran(VALUES, dense / dense.sum(1)[:, None]))
    # c0 (value 1) among low neighbours: LL; c8 (value 9) among high ones: HH.
    assert binary.quadrant[0] == "LL" and binary.quadrant[8] == "HH"


def test_gi_star_3x3_by_hand(rook3):
    # Corner c0 with itself and c1, c3: sum = 1 + 2 + 4 = 7, W = 3, mean 5, S = sqrt(60/9);
    # z = (7 - 5*3) / (S * sqrt((9*3 - 3^2) / 8)) = -8 / (2.582 * 1.5) = -2.0656.
    # Centre c4: 2 + 4 + 5 + 6 + 8 = 25 = 5 * 5, so z = 0.
    result = local_gi_star(VALUES, rook3, permutations=0, p_kind="analytical")
    assert result.z[0] == pytest.approx(-8 / (np.sqrt(60 / 9) * 1.5))
    assert result.z[4] == pytest.approx(0.0, abs=1e-12)
    g, z = lat.gi_star(VALUES, lat.binary_matrix(rook3))
    assert np.allclose(result.statistic, g) and np.allclose(result.z, z)
    assert np.allclose(result.p_analytical, 2 * stats.norm.sf(np.abs(z)))


def test_columbus_global_moran_published_and_derived(columbus):
    frame, queen = columbus
    result = global_moran(frame["CRIME"], queen, permutations=99)
    n = len(frame)
    assert result.moran_i == pytest.approx(0.500189, abs=5e-7)  # Anselin's Columbus CRIME
    assert result.expected == pytest.approx(-1 / (n - 1))
    # Analytical moments derived independently (Cliff & Ord) from the dense weights.
    w = lat.binary_matrix(queen)
    w /= w.sum(axis=1, keepdims=True)
    s0, s1 = w.sum(), 0.5 * ((w + w.T) ** 2).sum()
    s2 = ((w.sum(axis=0) + w.sum(axis=1)) ** 2).sum()
    ei = -1 / (n - 1)
    var_norm = (n * n * s1 - n * s2 + 3 * s0**2) / ((n * n - 1) * s0**2) - ei**2
    z = frame["CRIME"].to_numpy() - frame["CRIME"].mean()
    b2 = n * (z**4).sum() / (z**2).sum() ** 2
    var_rand = (
        n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0**2)
        - b2 * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0**2)
    ) / ((n - 1) * (n - 2) * (n - 3) * s0**2) - ei**2
    assert result.z_normality == pytest.approx((result.moran_i - ei) / np.sqrt(var_norm))
    assert result.z_randomisation == pytest.approx((result.moran_i - ei) / np.sqrt(var_rand))
    assert result.z_normality == pytest.approx(5.6303, abs=1e-4)
    assert result.z_randomisation == pytest.approx(5.5894, abs=1e-4)
    assert result.p_normality == pytest.approx(2 * stats.norm.sf(result.z_normality))
    # With 99 permutations none beats I = 0.5, so the two-sided pseudo-p is at its floor.
    assert result.p_permutation == pytest.approx(pvalue_floor(99))


def test_columbus_local_statistics_match_numpy(columbus):
    frame, queen = columbus
    crime = frame["CRIME"].to_numpy()
    binary = lat.binary_matrix(queen)
    lisa = local_moran(crime, queen, permutations=0, p_kind="analytical")
    assert np.allclose(lisa.statistic, lat.local_moran(crime, binary / binary.sum(1)[:, None]))
    z = crime - crime.mean()
    lag = binary @ z
    expected = np.select(
        [(z > 0) & (lag > 0), (z <= 0) & (lag > 0), (z <= 0) & (lag <= 0)], ["HH", "LH", "LL"], "HL"
    )
    assert list(lisa.quadrant) == list(expected)  # esda q codes 1..4 = HH, LH, LL, HL
    gi = local_gi_star(crime, queen.with_transform("B"), permutations=0, p_kind="analytical")
    g, gz = lat.gi_star(crime, binary)
    assert np.allclose(gi.statistic, g) and np.allclose(gi.z, gz)


def test_local_moran_is_spdeps_times_n_minus_1_over_n(columbus):
    """esda's Moran_Local scales by m2 = sum z^2 / (n - 1), R spdep's localmoran by
    sum z^2 / n: esda's I_i = spdep's I_i * (n - 1) / n (48/49 on Columbus). Checked against an
    independent numpy version of spdep's formula (row-standardised queen weights)."""
    frame, queen = columbus
    crime = frame["CRIME"].to_numpy()
    binary = lat.binary_matrix(queen)
    spdep = lat.spdep_localmoran(crime, binary / binary.sum(1)[:, None])
    lisa = local_moran(crime, queen, permutations=0, p_kind="analytical")
    np.testing.assert_allclose(lisa.statistic, spdep * 48 / 49)
    assert not np.allclose(lisa.statistic, spdep)


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_why_gi_star_needs_binary_weights(columbus):
    import esda

    frame, queen = columbus
    crime = frame["CRIME"].to_numpy()
    _, z = lat.gi_star(crime, lat.binary_matrix(queen))  # invariant to scaling a unit's row
    binary = esda.G_Local(crime, queen.with_transform("B").to_w(), "B", 0, star=True)
    rows = esda.G_Local(crime, queen.to_w(), "R", 0, star=True)
    assert np.allclose(binary.Zs, z)
    assert not np.allclose(rows.Zs, z)  # esda's variance formula assumes binary weights


def test_gi_star_refuses_row_standardised_weights_and_negative_values(rook3):
    with pytest.raises(ValueError, match="binary"):
        local_gi_star(VALUES, rook3.with_transform("R"), permutations=0, p_kind="analytical")
    with pytest.raises(ValueError, match="non-negative"):
        local_gi_star(VALUES - 5, rook3, permutations=0, p_kind="analytical")
    with pytest.raises(ValueError, match="permutations >= 1"):
        local_gi_star(VALUES, rook3, permutations=0)


def test_values_are_checked_and_series_aligned_by_id(rook3):
    shuffled = pd.Series(VALUES, index=list(rook3.ids))[::-1]
    assert np.array_equal(aligned_values(shuffled, rook3), VALUES)
    with pytest.raises(ValueError, match="constant"):
        aligned_values(np.ones(9), rook3)
    with pytest.raises(ValueError, match="missing or infinite"):
        aligned_values(np.r_[np.nan, VALUES[1:]], rook3)
    with pytest.raises(ValueError, match="8 values for 9 units"):
        aligned_values(VALUES[:8], rook3)
    with pytest.raises(ValueError, match="no value"):
        aligned_values(shuffled.drop("c3"), rook3)


def test_gi_classes_follow_the_arcgis_bins():
    z = np.array([3.0, -2.5, 1.8, 2.0, -0.5, 2.6])
    p = np.array([0.001, 0.03, 0.07, 0.2, 0.9, 0.01])
    assert list(gi_classes(z, p)) == [
        "Hot Spot - 99% Confidence",
        "Cold Spot - 95% Confidence",
        "Hot Spot - 90% Confidence",
        "Not Significant",
        "Not Significant",
        "Hot Spot - 99% Confidence",
    ]
    assert set(gi_classes(z, p)) <= set(GI_CLASSES)


def test_islands_are_not_tested_and_leave_the_family():
    cells = lat.grid(3, 3, extra={"far": (10, 10)})
    spec = contiguity(cells, "rook", transform="B", id_column="id")
    values = np.r_[VALUES, 50.0]
    result = local_gi_star(values, spec, permutations=0, p_kind="analytical", correction="fdr_bh")
    assert result.labels[-1] == "No neighbours"
    assert np.isnan(result.p[-1]) and np.isnan(result.p_adjusted[-1]) and np.isnan(result.z[-1])
    assert result.meta.n_tested == 9 and result.meta.n == 10
    family = multipletests(result.p[:9], method="fdr_bh")[1]  # BH over the 9 tested units only
    assert np.allclose(result.p_adjusted[:9], family)
    assert "1 unit(s) without neighbours not tested" in result.caption()


def test_results_carry_metadata_caption_and_tidy_frame(columbus):
    frame, queen = columbus
    result = local_moran(frame["CRIME"], queen, permutations=0, p_kind="analytical", alpha=0.1)
    table = result.to_frame()
    assert list(table.columns[:9]) == [
        "unit_id",
        "value",
        "statistic",
        "expected",
        "z",
        "p",
        "p_adjusted",
        "significant",
        "class",
    ]
    assert len(table) == 49 and table["class"].notna().all()
    assert table["significant"].sum() == (result.p_adjusted <= 0.1).sum()
    assert (table.loc[~table["significant"], "class"] == "Not significant").all()
    caption = result.caption()
    for text in [
        "Local Moran's I for 49 units",
        "queen contiguity, row-standardised",
        "analytical p",
        "Benjamini–Hochberg",
        "alpha = 0.1",
        "H0:",
    ]:
        assert text in caption
    meta = result.meta.to_dict()
    assert meta["correction"] == "fdr_bh" and meta["p_kind"] == "analytical"
    assert result.counts().sum() == 49


def test_global_permutations_are_seeded_and_leave_numpy_state_alone(columbus):
    frame, queen = columbus
    np.random.seed(7)
    before = np.random.random()
    np.random.seed(7)
    a = global_moran(frame["HOVAL"], queen, permutations=199, seed=3)
    after = np.random.random()
    b = global_moran(frame["HOVAL"], queen, permutations=199, seed=3)
    assert before == after
    assert a.z_permutation == b.z_permutation and a.p_permutation == b.p_permutation
    assert a.p_permutation == pytest.approx(min(1.0, 2 * a.p_permutation_directed))
    assert "199 permutations, seed 3" in a.caption()


def test_analytical_gi_star_calibration_under_a_permutation_null():
    # 20 random permutations of a skewed count vector over ~650 Voronoi cells (queen, binary).
    # Per replicate the share of units with p <= 0.05 has binomial SD sqrt(.05*.95/650) = 0.0085,
    # inflated about 1.5x by overlapping neighbourhoods (0.011-0.012 observed); the mean of 20
    # replicates then has SE ~0.003, and +-0.012 is ~4 SE. Seeds are fixed.
    spec = contiguity(lat.voronoi(650, seed=1), "queen", transform="B", id_column="id")
    rng = np.random.default_rng(2)
    counts = rng.negative_binomial(2, 0.1, size=spec.n).astype(float)
    raw, fdr = [], []
    for _ in range(20):
        result = local_gi_star(
            rng.permutation(counts), spec, permutations=0, p_kind="analytical", correction="none"
        )
        raw.append(np.mean(result.p <= 0.05))
        fdr.append(np.mean(adjust(result.p, "fdr_bh") <= 0.05))
    assert np.mean(raw) == pytest.approx(0.05, abs=0.012)
    assert np.mean(fdr) <= 0.01


@pytest.mark.slow
def test_local_permutation_pvalues_are_seeded_two_sided_and_consistent(columbus):
    frame, queen = columbus
    crime = frame["CRIME"]
    lisa = local_moran(crime, queen, permutations=999, seed=11)
    again = local_moran(crime, queen, permutations=999, seed=11)
    assert np.array_equal(lisa.p_permutation, again.p_permutation)
    assert np.allclose(lisa.p_permutation, np.minimum(1, 2 * lisa.p_permutation_directed))
    assert lisa.p_permutation.min() >= pvalue_floor(999)
    gi = local_gi_star(crime, queen.with_transform("B"), permutations=999, seed=11)
    # Same seed -> same permuted neighbour sets; Gi* and I_i are both monotone in the
    # neighbour sum, so their directed pseudo-p agree up to ties (one draw).
    gi_counts = np.round(gi.p_permutation_directed * 1000)
    lisa_counts = np.round(lisa.p_permutation_directed * 1000)
    assert np.allclose(lisa.p_permutation_directed * 1000, lisa_counts)  # exactly (k+1)/(P+1)
    assert np.abs(gi_counts - lisa_counts).max() <= 1
    assert gi.p is gi.p_permutation and gi.meta.seed == 11
    assert "999 permutations, seed 11" in gi.caption()


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_island_would_get_the_smallest_pseudo_p_from_esda_but_is_not_tested():
    import esda

    cells = lat.grid(3, 3, extra={"far": (10, 10)})
    spec = contiguity(cells, "rook", transform="R", id_column="id")
    values = np.r_[VALUES, 5.0]
    raw = esda.Moran_Local(values, spec.to_w(), permutations=99, seed=1, keep_simulations=False)
    assert raw.p_sim[-1] == pytest.approx(1 / 100)  # every permuted lag is 0 = observed
    result = local_moran(values, spec, permutations=99, seed=1)
    assert np.isnan(result.p[-1]) and result.labels[-1] == "No neighbours"


def _permutation_null_shares(spec, replicates: int, seed: int) -> tuple[float, float, float]:
    rng = np.random.default_rng(seed)
    counts = rng.negative_binomial(2, 0.1, size=spec.n).astype(float)
    raw, hot, fdr = [], [], []
    for r in range(replicates):
        result = local_gi_star(
            rng.permutation(counts), spec, permutations=199, seed=r, correction="none"
        )
        raw.append(np.mean(result.p <= 0.05))
        hot.append(np.mean((result.p <= 0.05) & (result.z > 0)))
        fdr.append(np.mean(adjust(result.p, "fdr_bh") <= 0.05))
    return float(np.mean(raw)), float(np.mean(hot)), float(np.mean(fdr))


@pytest.mark.slow
def test_gi_star_pseudo_p_calibration_under_a_permutation_null():
    # With 199 permutations the two-sided pseudo-p <= 0.05 has probability exactly
    # 2 * 5/200 = 0.05 per unit under the null; tolerance as in the analytical test above.
    # BH over ~650 units needs >= ceil(0.01 * 650 / 0.05) = 130 units at the floor 0.01, so
    # after FDR essentially nothing is flagged.
    spec = contiguity(lat.voronoi(650, seed=1), "queen", transform="B", id_column="id")
    raw, hot, fdr = _permutation_null_shares(spec, replicates=20, seed=2)
    assert raw == pytest.approx(0.05, abs=0.012)
    assert hot == pytest.approx(0.025, abs=0.008)
    assert fdr <= 0.005


@pytest.mark.slow
@pytest.mark.mirror
def test_gi_star_calibration_on_london_wards():
    from hotspots.io.boundaries import STAT_GIS_ZIP, wards_2014

    if not (data_dir() / STAT_GIS_ZIP).exists():
        pytest.skip("statistical GIS boundaries not in the data folder")
    spec = contiguity(wards_2014(), "queen", transform="B", id_column="ward_code")
    raw, hot, fdr = _permutation_null_shares(spec, replicates=10, seed=3)
    assert raw == pytest.approx(0.05, abs=0.015)  # 10 replicates: SE ~0.004
    assert fdr <= 0.005
