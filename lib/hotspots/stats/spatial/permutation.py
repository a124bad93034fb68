"""Conditional-permutation inference for Gi* that can reject under a BH correction.

Under conditional randomisation the sum of a unit's ``k`` neighbours is compared with sums of
``k`` values drawn without replacement from the other units (the unit's own value held
fixed, as in esda and spdep's ``localG_perm``). With ``R`` draws the smallest two-sided
pseudo-p is ``2 / (R + 1)``; Benjamini–Hochberg over ``m`` tests can reject even the best unit
only when that is <= ``alpha / m``, so ``R >= 2m / alpha - 1`` (:func:`required_permutations`:
27,159 for 679 wards, 199,519 for 4,988 LSOAs, 1,039,999 for 26,000 grid cells).

Drawing that many for every unit is wasteful: almost all units are plainly not significant.
:func:`adaptive_tail_p` therefore works in two stages:

1. ``base`` draws (9,999) for every unit give ``p1 = 2 (e1 + 1) / (base + 1)`` (capped at 1),
   ``e1`` the draws at least as extreme as observed in the observed direction.
2. A unit goes on only if its tail probability could still be <= ``alpha / 2`` (two-sided p
   <= ``alpha``): the one-sided Clopper–Pearson lower limit of ``e1 / base`` at
   ``screen_confidence`` is <= ``alpha / 2``. Every other unit keeps ``p1 > alpha``, which no
   BH threshold (``k alpha / m <= alpha``) can reject. Units that go on get *fresh* draws
   with Besag & Clifford's (1991, Biometrika 78:301-304) sequential stopping: draw until
   ``stop_after`` extreme sums have been seen (``p2 = stop_after / L`` after ``L`` draws) or
   ``R`` draws are reached (``p2 = (e2 + 1) / (R + 1)``), doubled for two sides.

Validity: each stage's p is a valid p-value alone (the second by Besag & Clifford), and the
reported ``p = p1 if p1 > c else p2`` with fresh ``p2`` satisfies ``P(p <= t) <= t`` for
every ``t`` (for ``t < c`` the event needs ``p2 <= t``; for ``t >= c`` it implies
``p1 <= t``). Stopping after ``stop_after`` extremes bounds the Monte Carlo relative error at
about ``1 / sqrt(stop_after)`` (10% for 100) while units with tiny p still reach ``R``.

Directions: the observed sum is compared with its null mean ``k * mean(others)``; above (or
equal) tests the upper tail with ``>=``, below the lower tail with ``<=`` (ties count as
extreme on both sides, unlike esda's lower tail, which counts only strictly smaller sums).

Draws are seeded per unit (``numpy.random.SeedSequence([seed, stage])``, one 64-bit state per
position in the layer), so a unit's p does not depend on which other units are tested.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from hotspots.stats.spatial.kernels import CachedKernel

BASE_PERMUTATIONS = 9_999
STOP_AFTER = 100
SCREEN_CONFIDENCE = 0.999


def required_permutations(n_tests: int, alpha: float) -> int:
    """Smallest ``R`` whose two-sided floor ``2 / (R + 1)`` is <= ``alpha / n_tests``."""
    if n_tests < 1 or not 0 < alpha < 1:
        raise ValueError("n_tests must be >= 1 and alpha in (0, 1)")
    return max(1, math.ceil(2 * n_tests / alpha - 1e-9) - 1)


def _tail_counts(
    pool: np.ndarray,
    self_pos: np.ndarray,
    k: np.ndarray,
    observed: np.ndarray,
    upper: np.ndarray,
    seeds: np.ndarray,
    max_draws: int,
    stop_after: int,
    tolerance: float,
) -> tuple[np.ndarray, np.ndarray]:
    """For each tested unit, draws at least as extreme as observed and draws made.

    Unit ``u`` draws ``k[u]`` distinct positions of ``pool`` other than ``self_pos[u]`` (-1:
    none excluded) ``max_draws`` times, or until ``stop_after`` extreme draws (0: never stop).
    Random integers: a splitmix64 stream per unit, mapped to ``[0, choices)`` without bias by
    Lemire's (2019) multiply-and-reject method.
    """
    n_units = k.shape[0]
    size = pool.shape[0]
    extreme = np.zeros(n_units, dtype=np.int64)
    draws = np.zeros(n_units, dtype=np.int64)
    k_max = 1
    for u in range(n_units):
        k_max = max(k_max, k[u])
    chosen = np.empty(k_max, dtype=np.int64)
    mask32 = np.uint64(0xFFFFFFFF)
    for u in range(n_units):
        state = np.uint64(seeds[u])
        own = self_pos[u]
        choices = np.uint64(size - 1 if own >= 0 else size)
        reject_below = (np.uint64(1 << 32) - choices) % choices
        ku = k[u]
        target = observed[u]
        hits = 0
        done = 0
        while done < max_draws:
            total = 0.0
            c = 0
            while c < ku:
                while True:  # Lemire: r uniform on [0, choices)
                    state += np.uint64(0x9E3779B97F4A7C15)
                    x = state
                    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
                    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
                    x = (x ^ (x >> np.uint64(31))) >> np.uint64(32)
                    m = x * choices
                    if (m & mask32) >= reject_below:
                        break
                r = np.int64(m >> np.uint64(32))
                if own >= 0 and r >= own:
                    r += 1
                fresh = True
                for j in range(c):
                    if chosen[j] == r:
                        fresh = False
                        break
                if fresh:
                    chosen[c] = r
                    total += pool[r]
                    c += 1
            done += 1
            if upper[u]:
                if total >= target - tolerance:
                    hits += 1
            elif total <= target + tolerance:
                hits += 1
            if stop_after > 0 and hits >= stop_after:
                break
        extreme[u] = hits
        draws[u] = done
    return extreme, draws


tail_counts = CachedKernel(_tail_counts, nogil=True)


def unit_seeds(seed: int, stage: int, n: int) -> np.ndarray:
    """One 64-bit seed per position ``0..n-1`` for ``stage`` (independent across stages)."""
    return np.random.SeedSequence([seed, stage]).generate_state(n, dtype=np.uint64)


@dataclass(frozen=True)
class TailP:
    """Adaptive two-sided pseudo p-values of the tested units, and how they were reached."""

    p: np.ndarray  # two-sided, min(1, 2 * directed)
    p_directed: np.ndarray  # the tail the observed value falls in
    p_stage1: np.ndarray  # two-sided, from the base draws
    draws: np.ndarray  # draws behind ``p`` (base, or the stage-2 count)
    stage2: np.ndarray  # bool: went on to stage 2
    base: int
    max_permutations: int
    stop_after: int
    screen_confidence: float


def adaptive_tail_p(
    pool: np.ndarray,
    self_pos: np.ndarray,
    k: np.ndarray,
    observed: np.ndarray,
    positions: np.ndarray,
    *,
    alpha: float,
    max_permutations: int,
    seed: int,
    base: int = BASE_PERMUTATIONS,
    stop_after: int = STOP_AFTER,
    screen_confidence: float = SCREEN_CONFIDENCE,
) -> TailP:
    """Two-stage conditional-permutation p of neighbour sums (see the module docstring).

    ``pool`` holds the values neighbours are drawn from; per tested unit ``self_pos`` is its
    position in ``pool`` (-1 if absent), ``k`` its number of neighbours, ``observed`` their sum
    and ``positions`` its position in the layer (for its seed).
    """
    pool = np.ascontiguousarray(pool, dtype=np.float64)
    self_pos = np.ascontiguousarray(self_pos, dtype=np.int64)
    k = np.ascontiguousarray(k, dtype=np.int64)
    observed = np.ascontiguousarray(observed, dtype=np.float64)
    if not (self_pos.shape == k.shape == observed.shape == positions.shape):
        raise ValueError("self_pos, k, observed and positions need one entry per tested unit")
    if (k < 1).any() or (k > pool.size - (self_pos >= 0)).any():
        raise ValueError("each tested unit needs between 1 and (pool size - 1) neighbours")
    if max_permutations < base:
        raise ValueError("max_permutations must be >= base")
    totals = pool.sum() - np.where(self_pos >= 0, pool[np.maximum(self_pos, 0)], 0.0)
    others = pool.size - (self_pos >= 0)
    upper = observed >= k * totals / others - 1e-12 * np.abs(pool).sum()
    tolerance = 1e-9 * max(1.0, float(np.abs(pool).max(initial=0.0)) * float(k.max(initial=1)))
    n_layer = int(positions.max(initial=-1)) + 1
    seeds1 = unit_seeds(seed, 1, n_layer)[positions]
    e1, _ = tail_counts(pool, self_pos, k, observed, upper, seeds1, base, 0, tolerance)
    directed = (e1 + 1) / (base + 1)
    p1 = np.minimum(1.0, 2 * directed)
    lower = np.where(e1 > 0, stats.beta.ppf(1 - screen_confidence, e1, base - e1 + 1), 0.0)
    go_on = (2 * lower <= alpha) & (max_permutations > base)
    draws = np.full(k.shape, base, dtype=np.int64)
    if go_on.any():
        seeds2 = unit_seeds(seed, 2, n_layer)[positions[go_on]]
        e2, d2 = tail_counts(
            pool, self_pos[go_on], k[go_on], observed[go_on], upper[go_on], seeds2,
            max_permutations, stop_after, tolerance,
        )
        stopped = e2 >= stop_after if stop_after > 0 else np.zeros(e2.shape, dtype=bool)
        directed = directed.copy()
        directed[go_on] = np.where(stopped, stop_after / d2, (e2 + 1) / (d2 + 1))
        draws[go_on] = d2
    return TailP(
        p=np.minimum(1.0, 2 * directed),
        p_directed=directed,
        p_stage1=p1,
        draws=draws,
        stage2=go_on,
        base=base,
        max_permutations=max_permutations,
        stop_after=stop_after,
        screen_confidence=screen_confidence,
    )


def warm_permutation_kernels() -> None:
    """Compile (or load) :data:`tail_counts` for the signature the policy uses."""
    pool = np.arange(6, dtype=np.float64)
    one = np.ones(1, dtype=np.int64)
    seeds = np.ones(1, dtype=np.uint64)
    tail_counts(pool, 0 * one, one, pool[:1] + 1.0, np.ones(1, dtype=np.bool_), seeds, 3, 1, 1e-9)

