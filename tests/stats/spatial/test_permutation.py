"""The adaptive conditional permutation of Gi*: exact against enumeration, like esda, valid."""

from __future__ import annotations

import itertools
import warnings

import esda
import libpysal
import numpy as np
import pytest
from scipy import stats

from hotspots.stats.spatial.multiple_testing import adjust
from hotspots.stats.spatial.permutation import adaptive_tail_p, required_permutations, tail_counts

# esda's documented G_Local example (getisord.py docstring): six points, distance band 15.
POINTS = [(10, 10), (20, 10), (40, 10), (15, 20), (30, 20), (30, 30)]
Y = np.array([2, 3, 3.2, 5, 8, 7])


def _doc_weights() -> libpysal.weights.W:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return libpysal.weights.DistanceBand(POINTS, threshold=15)


def _neighbour_arrays(w: libpysal.weights.W) -> tuple[np.ndarray, np.ndarray]:
    k = np.array([len(w.neighbors[i]) for i in range(w.n)])
    lag = np.array([Y[w.neighbors[i]].sum() for i in range(w.n)])
    return k, lag


def _exact_directed(i: int, k: int, observed: float) -> float:
    """Exact tail probability by enumerating every k-subset of the other units."""
    others = np.delete(Y, i)
    sums = np.array([others[list(c)].sum() for c in itertools.combinations(range(5), k)])
    upper = observed >= k * others.mean()
    return float(np.mean(sums >= observed - 1e-9) if upper else np.mean(sums <= observed + 1e-9))


def test_required_permutations_let_bh_reject_the_best_unit():
    assert required_permutations(679, 0.05) == 27_159
    assert required_permutations(4_988, 0.05) == 199_519
    assert required_permutations(26_000, 0.05) == 1_039_999
    for m in (679, 4_988, 26_000):
        r = required_permutations(m, 0.05)
        assert 2 / (r + 1) <= 0.05 / m < 2 / r


def test_draw_frequencies_match_exact_enumeration():
    """The kernel's draws for unit 0 of esda's example follow the exact null: every one of the
    C(5, 2) = 10 neighbour pairs equally likely, so the tail frequency is the exact one."""
    w = _doc_weights()
    k, lag = _neighbour_arrays(w)
    draws = 200_000
    for i in range(6):
        exact = _exact_directed(i, k[i], lag[i])
        upper = np.array([lag[i] >= k[i] * np.delete(Y, i).mean()])
        hits, made = tail_counts(Y, np.array([i]), k[i:i + 1], lag[i:i + 1], upper,
                                 np.array([i + 1], dtype=np.uint64), draws, 0, 1e-9)
        assert made[0] == draws
        se = np.sqrt(exact * (1 - exact) / draws) + 1e-12
        assert abs(hits[0] / draws - exact) <= 4 * se, i


def test_documented_esda_example_against_enumeration_and_the_tie_rule():
    """Unit 0 (y = 2, neighbours 3 and 5: sum 8) of esda's documented example. Of the ten
    pairs of other values one sums to less than 8 and one to exactly 8. esda's lower tail
    counts only strictly smaller sums: exact 1/10, its documented ``lg_star.p_sim[0]`` 0.101
    (99 permutations). Ours counts ties as extreme (a valid p for discrete data): exact 2/10."""
    w = _doc_weights()
    k, lag = _neighbour_arrays(w)
    others = np.delete(Y, 0)
    sums = np.array([others[list(c)].sum() for c in itertools.combinations(range(5), 2)])
    assert lag[0] == 8 and np.mean(sums < 8) == 0.1 and _exact_directed(0, k[0], lag[0]) == 0.2
    np.random.seed(10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lg_star = esda.G_Local(Y, w, transform="B", star=True, n_jobs=1)
    np.testing.assert_allclose(lg_star.Zs, [-1.39727626, -0.28917762, 0.65064964, -0.28917762,
                                            1.23452088, 2.02424331])  # documented
    p_esda = float(lg_star.p_sim[0])
    assert abs(p_esda - 0.1) <= 4 * np.sqrt(0.1 * 0.9 / lg_star.permutations)
    tails = adaptive_tail_p(Y, np.arange(6), k, lag, np.arange(6), alpha=0.05,
                            max_permutations=9_999, seed=3)
    assert tails.p_directed[0] == pytest.approx(0.2, abs=0.015)


def test_p_values_agree_with_esda_on_columbus_within_monte_carlo_error():
    w = libpysal.weights.Queen.from_shapefile(libpysal.examples.get_path("columbus.shp"))
    table = libpysal.io.open(libpysal.examples.get_path("columbus.dbf"))
    crime = np.asarray(table.by_col("CRIME"), dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = esda.G_Local(crime, w, transform="B", star=True, permutations=99_999, seed=1,
                           n_jobs=1, keep_simulations=False)
    ids = w.id_order
    k = np.array([len(w.neighbors[i]) for i in ids])
    lag = np.array([crime[[ids.index(j) for j in w.neighbors[i]]].sum() for i in ids])
    ours = adaptive_tail_p(crime, np.arange(49), k, lag, np.arange(49), alpha=0.05,
                           max_permutations=99_999, seed=2, base=99_999)
    p_ref = np.asarray(ref.p_sim, dtype=float)
    se = np.sqrt(p_ref * (1 - p_ref) / 99_999 * 2) + 2e-5
    upper = ref.Zs > 0  # esda's lower tail counts only strictly smaller sums: compare hot side
    assert np.all(np.abs(ours.p_directed - p_ref)[upper] <= 5 * se[upper])
    assert np.corrcoef(ours.p_directed, p_ref)[0, 1] > 0.99


def test_units_not_sent_to_stage_two_cannot_be_rejected_by_bh():
    """Stage 1 keeps p only for units whose p1 > alpha, and BH's thresholds k alpha / m never
    exceed alpha, so no such unit is rejected, whatever the other p-values are."""
    rng = np.random.default_rng(5)
    y = rng.negative_binomial(1, 0.2, 400).astype(float)
    k = np.full(400, 6)
    lag = np.array([y[rng.choice(400, 6, replace=False)].sum() for _ in range(400)])
    lag[:20] = np.sort(y)[-6:].sum()  # some extreme units
    tails = adaptive_tail_p(y, -np.ones(400, dtype=int), k, lag, np.arange(400), alpha=0.05,
                            max_permutations=20_000, seed=1, base=999)
    assert tails.stage2[:20].all()
    assert (tails.p[~tails.stage2] > 0.05).all()
    assert (tails.p[~tails.stage2] == tails.p_stage1[~tails.stage2]).all()
    for _ in range(200):  # BH never rejects a p above alpha, for any companions
        p = np.concatenate([rng.uniform(0, 1, 50) ** rng.uniform(1, 20), [0.05 + 1e-9]])
        assert adjust(p, "fdr_bh")[-1] > 0.05
    assert (adjust(tails.p, "fdr_bh")[~tails.stage2] > 0.05).all()


def test_seeds_are_per_unit_so_a_subset_gives_the_same_p():
    rng = np.random.default_rng(8)
    y = rng.poisson(3, 300).astype(float)
    k = np.full(300, 5)
    lag = np.array([y[rng.choice(300, 5, replace=False)].sum() for _ in range(300)])
    full = adaptive_tail_p(y, np.arange(300), k, lag, np.arange(300), alpha=0.05,
                           max_permutations=5_000, seed=4, base=999)
    part = np.arange(100, 200)
    sub = adaptive_tail_p(y, part, k[part], lag[part], part, alpha=0.05,
                          max_permutations=5_000, seed=4, base=999)
    assert np.array_equal(full.p[part], sub.p)


def test_two_stage_p_is_valid_under_the_null():
    """Under conditional randomisation (observed sums drawn from the null itself) the reported
    two-sided p satisfies P(p <= t) <= t; 3,000 units, checked at t = 0.01, 0.05, 0.2."""
    rng = np.random.default_rng(9)
    n = 3_000
    y = rng.negative_binomial(1, 0.25, n).astype(float)
    k = rng.integers(3, 9, n)
    lag = np.array([np.delete(y, i)[rng.choice(n - 1, k[i], replace=False)].sum()
                    for i in range(n)])
    tails = adaptive_tail_p(y, np.arange(n), k, lag, np.arange(n), alpha=0.05,
                            max_permutations=20_000, seed=6, base=999)
    for t in (0.01, 0.05, 0.2):
        share = np.mean(tails.p <= t)
        assert share <= t + 3 * np.sqrt(t * (1 - t) / n), t
    assert stats.kstest(tails.p_stage1, "uniform").statistic < 0.1
