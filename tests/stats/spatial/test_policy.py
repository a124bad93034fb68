"""The hot-spot policy: Gi* as esda/ArcGIS compute it, no-data units left out, calibrated on
counts as skewed as London's, found where planted, and cached as a table."""

from __future__ import annotations

import warnings

import esda
import geopandas as gpd
import lattices as lat
import libpysal
import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import requires_mirror

from hotspots.io import boundaries as geo
from hotspots.io import met
from hotspots.stats.spatial import (
    HOT_SPOT_CLASSES,
    NO_DATA,
    NOT_TESTED,
    HotSpotPolicy,
    LocalResult,
    adjust,
    contiguity,
    hot_spot_weights,
    hot_spots,
)
from hotspots.stats.spatial.policy import gi_star


def skewed_counts(rng: np.random.Generator, n: int) -> np.ndarray:
    """Lognormal-Poisson counts with London's shape: median ~3, a few in the hundreds."""
    return rng.poisson(3 * np.exp(1.7 * rng.standard_normal(n))).astype(float)


@pytest.fixture(scope="module")
def grid20():
    return hot_spot_weights(lat.grid(20, 20), id_column="id")


def test_gi_star_equals_esda_and_the_numpy_formula_on_columbus():
    w = libpysal.weights.Queen.from_shapefile(libpysal.examples.get_path("columbus.shp"))
    crime = np.asarray(libpysal.io.open(libpysal.examples.get_path("columbus.dbf"))
                       .by_col("CRIME"), dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = esda.G_Local(crime, w, transform="B", star=True, permutations=0)
    ids = w.id_order
    k = np.array([len(w.neighbors[i]) for i in ids])
    lag = np.array([crime[[ids.index(j) for j in w.neighbors[i]]].sum() for i in ids])
    g, expected, z = gi_star(crime, k, lag)
    np.testing.assert_allclose(g, ref.Gs)
    np.testing.assert_allclose(expected, ref.EGs)
    np.testing.assert_allclose(z, ref.Zs)
    dense = np.zeros((49, 49))
    for i, unit in enumerate(ids):
        dense[i, [ids.index(j) for j in w.neighbors[unit]]] = 1
    np.testing.assert_allclose(z, lat.gi_star(crime, dense)[1])


def test_units_without_data_are_removed_from_the_weights_not_counted_as_zero():
    frame = lat.grid(6, 6)
    spec = hot_spot_weights(frame, id_column="id")
    values = pd.Series(np.random.default_rng(0).poisson(4, 36).astype(float),
                       index=frame["id"])
    # c0 (corner) keeps only c7 once c1 and c6 have no data... and c7 too: c0 becomes an island
    missing = ["c1", "c6", "c7", "c20"]
    values[missing] = np.nan
    result = hot_spots(values, spec)
    assert result.n_excluded == 4 and set(result.excluded_ids) == set(missing)
    labels = pd.Series(result.labels, index=result.ids)
    assert (labels[missing] == NO_DATA).all() and labels["c0"] == NOT_TESTED
    assert result.meta.n_tested == 31 and np.isnan(result.p[[0, 1, 6, 7, 20]]).all()
    assert "4 unit(s) removed (no data)" in result.meta.weights
    # the same as running on the layer without those units: nothing of them leaks in
    kept = frame[~frame["id"].isin(missing)]
    direct = hot_spots(values.dropna(), hot_spot_weights(kept, id_column="id"))
    keep = ~np.isin(np.array(result.ids), missing)
    np.testing.assert_array_equal(result.z[keep], direct.z)
    np.testing.assert_array_equal(result.p[keep], direct.p)
    zero_filled = hot_spots(values.fillna(0), spec)
    assert not np.allclose(zero_filled.z[keep], result.z[keep], equal_nan=True)


def test_planted_block_is_found_on_skewed_counts():
    """A 5x5 block at the level of London's busiest LSOAs (Poisson mean 400) amid lognormal-
    Poisson counts (median 3, maximum ~600): most of the block is flagged, nothing beyond the
    ring of units touching it (Gi* of a ring unit counts the block as neighbours)."""
    frame = lat.grid(30, 30)
    spec = hot_spot_weights(frame, id_column="id")
    rng = np.random.default_rng(5)
    lam = 3 * np.exp(1.7 * rng.standard_normal(900))
    x, y = np.arange(900) % 30, np.arange(900) // 30
    block = (abs(x - 14) <= 2) & (abs(y - 14) <= 2)
    ring = (abs(x - 14) <= 3) & (abs(y - 14) <= 3)
    lam[block] = 400
    result = hot_spots(rng.poisson(lam).astype(float), spec)
    hot = result.hot()
    assert hot[block].mean() >= 0.8
    assert hot[~ring].sum() == 0
    assert result.meta.max_permutations == 35_999


def test_null_calibration_permutation_holds_and_analytical_fails(grid20):
    """60 random permutations of one skewed count vector on a 20 x 20 lattice (the complete
    null: no unit is a hot spot). FDR under the complete null is the family-wise error rate:
    the share of layers with any significant unit must be <= alpha = 0.05 (binomial: at most
    7 of 60 allows for Monte Carlo error, P(X >= 8 | p = 0.05) = 0.02). Analytical p-values
    with the same BH correction flag units in nearly every layer: a single extreme count
    makes its neighbours' normal-theory z-scores huge."""
    rng = np.random.default_rng(3)
    counts = skewed_counts(rng, 400)
    assert np.median(counts) == pytest.approx(3, abs=1) and counts.max() > 300
    policy = HotSpotPolicy(base_permutations=999)
    permutation = analytical = 0
    for _ in range(60):
        result = policy.run(rng.permutation(counts), grid20)
        permutation += bool((result.p_adjusted <= 0.05).any())
        analytical += bool((adjust(result.p_analytical, "fdr_bh") <= 0.05).any())
    assert permutation <= 7
    assert analytical >= 45


@pytest.mark.slow
def test_null_calibration_with_the_full_policy_on_a_larger_layer():
    """200 permuted layers of 900 units with the policy's own settings (9,999 base draws)."""
    spec = hot_spot_weights(lat.grid(30, 30), id_column="id")
    rng = np.random.default_rng(13)
    counts = skewed_counts(rng, 900)
    any_false = sum(bool((hot_spots(rng.permutation(counts), spec, seed=i).p_adjusted
                          <= 0.05).any()) for i in range(200))
    assert any_false <= 16  # alpha * 200 = 10; P(X >= 17 | p = 0.05) < 0.03


def test_result_round_trips_through_a_table_and_parquet(grid20, tmp_path):
    values = skewed_counts(np.random.default_rng(1), 400)
    values[:3] = np.nan
    result = hot_spots(values, grid20)
    assert result.class_order == HOT_SPOT_CLASSES
    frame = result.to_frame()
    assert LocalResult.from_frame(frame) == result
    path = tmp_path / "gi.parquet"
    frame.to_parquet(path)
    assert LocalResult.from_frame(pd.read_parquet(path)) == result
    other = hot_spots(values, grid20, seed=99)
    assert other != result


def test_policy_is_described_and_the_function_is_the_policy(grid20):
    policy = HotSpotPolicy()
    text = policy.describe()
    for phrase in ("Getis-Ord Gi*", "Benjamini–Hochberg", "queen contiguity", "without data",
                   "9,999", "2m/alpha", "90/95/99%"):
        assert phrase in text
    values = skewed_counts(np.random.default_rng(2), 400)
    assert hot_spots(values, grid20) == policy.run(values, grid20)
    assert policy.permutations_for(4_988) == 199_519


def test_water_links_join_banks_facing_across_a_river():
    """Two rows of squares with a 100 m river between them: queen contiguity leaves two
    components; with the river as water, facing squares (and diagonals) become neighbours.
    A gap wider than max_gap, or no water given, adds nothing."""
    size = 200.0
    south = [shapely.box(i * size, 0, (i + 1) * size, size) for i in range(4)]
    north = [shapely.box(i * size, size + 100, (i + 1) * size, 2 * size + 100) for i in range(4)]
    frame = gpd.GeoDataFrame({"id": [f"s{i}" for i in range(4)] + [f"n{i}" for i in range(4)]},
                             geometry=south + north, crs=lat.BNG)
    river = shapely.box(-50, size, 4 * size + 50, size + 100)
    plain = contiguity(frame, "queen", transform="B", id_column="id")
    assert plain.n_components == 2
    linked = hot_spot_weights(frame, id_column="id", water=river, max_gap=150)
    assert linked.n_components == 1
    assert set(linked.neighbors["s1"]) == {"s0", "s2", "n0", "n1", "n2"}
    assert "+ 10 links across water < 150 m" in linked.describe()
    wider = hot_spot_weights(frame, id_column="id", water=river)  # 300 m: s1-n3 is 224 m
    assert "n3" in wider.neighbors["s1"]
    narrow = hot_spot_weights(frame, id_column="id", water=river, max_gap=50)
    assert narrow.n_components == 2


@pytest.mark.slow
@requires_mirror(geo.LSOA21_ZIP, met.LSOA_FILE)
def test_policy_on_the_real_theft_from_the_person_lsoa_counts(mirror):
    """March 2024 - February 2025 theft from the person (median 3, maximum 7,592): the City's
    six LSOAs are "No data"; the policy finds about 03's 15 hot spots; on 5 random
    permutations of the same counts it flags nothing, while analytical p + BH flags units in
    every one (28 false hot/cold units in a typical layer)."""
    from hotspots.analyses import phone_theft as pt

    lsoas = geo.lsoas_2021()
    table = met.load_lsoa_counts()
    counts = pt.proxy_counts(table, "2024-03", "2025-02",
                             {"tfp": ("THEFT FROM THE PERSON",)}).set_index("area_code")["tfp"]
    values = counts.reindex(lsoas["lsoa_code"])  # the City: NaN, not 0
    weights = hot_spot_weights(lsoas, id_column="lsoa_code")
    result = hot_spots(values, weights)
    assert result.n_excluded == 6 and result.meta.max_permutations == 199_519
    assert 10 <= result.hot().sum() <= 20
    rng = np.random.default_rng(1)
    present = values.notna().to_numpy()
    policy = HotSpotPolicy(base_permutations=999)
    false_layers = analytical_layers = 0
    for _ in range(5):
        shuffled = values.to_numpy().copy()
        shuffled[present] = rng.permutation(shuffled[present])
        null = policy.run(shuffled, weights)
        false_layers += bool((null.p_adjusted <= 0.05).any())
        analytical_layers += bool((adjust(null.p_analytical, "fdr_bh") <= 0.05).any())
    assert false_layers == 0 and analytical_layers == 5
