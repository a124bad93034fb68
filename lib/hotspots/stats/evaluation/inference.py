"""Inference with few, unequal treated clusters: randomisation inference and the wild bootstrap.

A handful of treated places, one of them far larger than the rest, makes cluster-robust
standard errors too small (MacKinnon & Webb 2017, "Wild bootstrap inference for wildly
different cluster sizes", J. Applied Econometrics 32(2):233-254). Two remedies:

**Randomisation inference** (Fisher; placebo-in-space). The statistic is the log ratio of
ratios of totals, ``θ = log(T_post / T_pre) - log(C_post / C_pre)``: the treated units' change
against the other units' change, on the log scale (``exp θ`` is the difference-in-differences
rate ratio of a two-period Poisson model with unit and period effects). "Treatment" is then
given to placebo sets drawn the way the real set is composed: the units that could have been
treated (the treated and the eligible controls) are cut into strata of similar pre-period
level, and each placebo set takes as many units from each stratum as the real set has
(:func:`stratified_placebo_sets`). Under the null of no effect the real set is one such draw,
so its statistic should look like the placebo sets'. Drawing from the eligible units alone, or
matching each treated unit to its few nearest neighbours, makes the placebo sets too alike and
the test too liberal (simulated size well above alpha). The two-sided p-value is
equal-tailed, ``2 min((1 + #{θ* <= θ}) / (R + 1), (1 + #{θ* >= θ}) / (R + 1))``. For a
constant effect ``δ`` (the treated units' post-period counts ``exp δ`` times what they would
have been) the treated post-period counts are divided by ``exp δ`` and both statistics
recomputed; the interval is every ``δ`` the test keeps, and the estimate is the
Hodges-Lehmann ``δ`` that puts the treated statistic at the placebo median: the treated
units' change beyond what similarly composed sets show, which is not the raw ``θ`` when busy
units as a whole moved differently from the rest. The minimum detectable effect is found the same
way, by design: placebo sets play the treated set with a known fall added, and the smallest
fall the test catches in 80% of them is the MDE (:func:`detectable_fall`).

**Wild cluster restricted bootstrap** (Cameron, Gelbach & Miller 2008, Rev. Econ. Stat.
90(3):414-427) for the slope of a weighted regression ``y = a + b x`` with CR1 cluster-robust
t statistics, the null imposed, and Webb's six-point weights (Webb 2023, "Reworking wild
bootstrap-based inference for clustered errors", Canadian J. Economics 56(3):839-858), which
suit few clusters. The interval inverts the bootstrap test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

#: Webb's six-point distribution: ±sqrt(3/2), ±1, ±sqrt(1/2), each with probability 1/6.
WEBB = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])


def log_ratio_of_ratios(pre_treated: np.ndarray | float, post_treated: np.ndarray | float,
                        pre_control: np.ndarray | float, post_control: np.ndarray | float
                        ) -> np.ndarray | float:
    """``log(post_t / pre_t) - log(post_c / pre_c)`` (element-wise for arrays)."""
    return (np.log(post_treated) - np.log(pre_treated)
            - np.log(post_control) + np.log(pre_control))


def level_strata(levels: pd.Series, n_strata: int) -> pd.Series:
    """Each unit's stratum (0 = quietest) in ``n_strata`` groups of near-equal size by level.

    Units are ranked by level, ties broken by unit id, and cut into consecutive groups.
    """
    if not 1 <= n_strata <= len(levels):
        raise ValueError(f"need between 1 and {len(levels)} strata, not {n_strata}")
    ranked = pd.DataFrame({"level": levels.to_numpy(float), "id": levels.index.astype(str)},
                          index=levels.index).sort_values(["level", "id"], kind="stable")
    groups = np.arange(len(ranked)) * n_strata // len(ranked)
    return pd.Series(groups, index=ranked.index, name="stratum").reindex(levels.index)


def stratified_placebo_sets(strata: pd.Series, treated: Sequence, *, n_draws: int, seed: int
                            ) -> np.ndarray:
    """Placebo treated sets drawn like the real one: as many units from each stratum.

    ``strata``: the stratum of every unit that could have been treated (the treated included),
    e.g. from :func:`level_strata`. Row ``r``, column ``j`` is the position (in ``strata``) of
    a unit drawn, without replacement, from the stratum of the ``j``-th treated unit.
    """
    treated = list(treated)
    missing = [t for t in treated if t not in strata.index]
    if missing:
        raise ValueError(f"treated units without a stratum: {missing[:5]}")
    if n_draws < 1:
        raise ValueError("n_draws must be at least 1")
    codes = strata.to_numpy()
    wanted = strata.reindex(treated).to_numpy()
    rng = np.random.default_rng(seed)
    draws = np.empty((n_draws, len(treated)), dtype=np.int64)
    for stratum in np.unique(wanted):
        columns = np.flatnonzero(wanted == stratum)
        members = np.flatnonzero(codes == stratum)
        keys = rng.random((n_draws, members.size))
        draws[:, columns] = members[np.argsort(keys, axis=1)[:, : columns.size]]
    return draws


@dataclass(frozen=True)
class RandomisationResult:
    """A treated group's change against the rest, with randomisation inference.

    ``statistic``: the observed log ratio of ratios (treated against every other unit);
    ``estimate``: the Hodges-Lehmann effect, the shift ``δ`` that puts the treated group's
    statistic at the median of the placebo sets' once its post-period counts are divided by
    ``exp δ`` (its change beyond what sets of similar units show); ``ci_low``/``ci_high``: every
    ``δ`` the test does not reject; ``mde``: the smallest fall detected with ``power``. All on
    the log scale (see the ``*_pct`` properties); ``placebo`` holds the placebo sets' statistics
    under no effect.
    """

    statistic: float
    estimate: float
    p_value: float
    ci_low: float
    ci_high: float
    mde: float
    alpha: float
    power: float
    n_treated: int
    n_units: int
    placebo: np.ndarray = field(repr=False, compare=False)

    @property
    def raw_pct(self) -> float:
        """The observed statistic as a percent change against the other units."""
        return float(100 * np.expm1(self.statistic))

    @property
    def pct_change(self) -> float:
        """The effect estimate as a percent change (negative = a fall)."""
        return float(100 * np.expm1(self.estimate))

    @property
    def ci_pct(self) -> tuple[float, float]:
        """The interval as percent changes."""
        return float(100 * np.expm1(self.ci_low)), float(100 * np.expm1(self.ci_high))

    @property
    def mde_pct(self) -> float:
        """The smallest fall (percent, negative) detected with ``power`` at ``alpha``."""
        return float(100 * np.expm1(self.mde))

    @property
    def placebo_median_pct(self) -> float:
        """The placebo sets' median change relative to their controls, in percent."""
        return float(100 * np.expm1(np.median(self.placebo)))


def _statistics(before: np.ndarray, after: np.ndarray, position: np.ndarray, draws: np.ndarray
                ) -> tuple[float, np.ndarray]:
    """The treated set's statistic and the placebo sets' (finite ones only)."""
    t_pre, t_post = before[position].sum(), after[position].sum()
    p_pre, p_post = before[draws].sum(axis=1), after[draws].sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = float(log_ratio_of_ratios(t_pre, t_post, before.sum() - t_pre,
                                             after.sum() - t_post))
        placebo = log_ratio_of_ratios(p_pre, p_post, before.sum() - p_pre, after.sum() - p_post)
    return observed, placebo[np.isfinite(placebo)]


def _two_sided(observed: float, placebo: np.ndarray) -> float:
    n = placebo.size
    lower = (1 + np.sum(placebo <= observed)) / (n + 1)
    upper = (1 + np.sum(placebo >= observed)) / (n + 1)
    return float(min(1.0, 2 * min(lower, upper)))


def _bisect(inside: float, outside: float, keeps: Callable[[float], bool], tol: float
            ) -> float:
    """The boundary between ``inside`` (``keeps`` true) and ``outside`` (false)."""
    for _ in range(100):
        if abs(outside - inside) <= tol:
            break
        middle = (inside + outside) / 2
        inside, outside = (middle, outside) if keeps(middle) else (inside, middle)
    return (inside + outside) / 2


def _outside(start: float, direction: float, step: float, holds: Callable[[float], bool]
             ) -> float:
    """A point beyond ``start`` in ``direction`` where ``holds`` is false, doubling the step;
    infinite when none is found within 60 doublings (an unbounded interval)."""
    point = start + direction * step
    for _ in range(60):
        if not holds(point):
            return point
        step *= 2
        point = start + direction * step
    return direction * np.inf


def randomisation_test(pre: pd.Series, post: pd.Series, treated: Sequence, units: Sequence,
                       draws: np.ndarray, *, alpha: float = 0.05, power: float = 0.8,
                       n_pseudo: int = 200) -> RandomisationResult:
    """Fisher randomisation inference for the treated units' change against the others'.

    ``pre``/``post``: counts by unit id (the two periods compared); ``treated``: the treated
    ids; ``units``: every id that could have been treated (the treated and the eligible
    controls); ``draws``: placebo sets as positions into ``units``, one row per draw (from
    :func:`stratified_placebo_sets`). The observed statistic sets the treated against the rest
    of ``units``; each placebo set against the rest of ``units`` (the real treated units
    included: under the null their counts are what they would have been anyway). For an
    effect ``δ`` the treated units' post-period counts are divided by ``exp δ`` before both are
    recomputed: the interval is every ``δ`` not rejected at ``alpha`` and the estimate the
    ``δ`` that puts the treated statistic at the placebo median (Hodges-Lehmann). The minimum
    detectable effect comes from :func:`detectable_fall` with ``n_pseudo`` pseudo-treated sets
    (NaN when ``n_pseudo`` is 0).
    """
    treated, units = list(treated), list(units)
    if not set(treated) <= set(units) or len(set(treated)) != len(treated):
        raise ValueError("the treated units must be distinct members of units")
    draws = np.asarray(draws)
    if draws.ndim != 2 or draws.shape[1] != len(treated):
        raise ValueError(f"draws need one column per treated unit ({len(treated)})")
    before = pre.reindex(units).to_numpy(float)
    after = post.reindex(units).to_numpy(float)
    if np.isnan(before).any() or np.isnan(after).any():
        raise ValueError("pre and post need a count for every unit")
    position = pd.Index(units).get_indexer(treated)

    def shifted(delta: float) -> tuple[float, np.ndarray]:
        counts = after.copy()
        with np.errstate(all="ignore"):  # far-out deltas overflow: those are rejected anyway
            counts[position] *= np.exp(-delta)
            return _statistics(before, counts, position, draws)

    observed, placebo = shifted(0.0)
    m = max(int(np.ceil(alpha * (placebo.size + 1) / 2 - 1)), 1)
    if 2 * m > placebo.size:
        raise ValueError(f"{placebo.size} placebo sets with crimes in both periods are too few "
                         f"for a test at alpha = {alpha}")
    ordered = np.sort(placebo)
    spread = max(ordered[-m] - ordered[m - 1], 1e-6)
    tol = 1e-6 * spread

    def centred(delta: float) -> bool:
        value, values = shifted(delta)
        return value >= np.median(values)

    guess = observed - float(np.median(placebo))
    high = _outside(guess, 1.0, spread, centred)
    low = _outside(guess, -1.0, spread, lambda delta: not centred(delta))
    estimate = _bisect(low, high, centred, tol)

    def kept(delta: float) -> bool:
        return _two_sided(*shifted(delta)) >= alpha

    edges = []
    for direction in (-1.0, 1.0):
        outer = _outside(estimate, direction, spread, kept)
        edges.append(_bisect(estimate, outer, kept, tol) if np.isfinite(outer) else outer)
    mde = (detectable_fall(before, after, draws, alpha=alpha, power=power, n_pseudo=n_pseudo)
           if n_pseudo else np.nan)
    return RandomisationResult(
        statistic=observed, estimate=float(estimate), p_value=_two_sided(observed, placebo),
        ci_low=float(edges[0]), ci_high=float(edges[1]), mde=float(mde), alpha=alpha,
        power=power, n_treated=len(treated), n_units=len(units), placebo=placebo)


def detectable_fall(before: np.ndarray, after: np.ndarray, draws: np.ndarray, *,
                    alpha: float = 0.05, power: float = 0.8, n_pseudo: int = 200,
                    n_reference: int = 999) -> float:
    """The smallest fall (log scale, < 0) the randomisation test detects with ``power``.

    Design-based: each of the first ``n_pseudo`` placebo sets in turn plays the treated set,
    its post-period counts multiplied by ``exp δ``, and is tested against the next
    ``n_reference`` placebo sets (recomputed on the same shifted counts, so sets that share
    its units share the shift). The power at ``δ`` is the share of pseudo-treated sets the
    test rejects; the result is the ``δ`` where that share reaches ``power`` (bisection;
    ``-inf`` when even a fall of 99.99% is not detected often enough). Counts are by position
    in ``units``, as in :func:`randomisation_test`.
    """
    n_pseudo = min(n_pseudo, draws.shape[0] - 1)
    reference = draws[n_pseudo:n_pseudo + n_reference]
    if n_pseudo < 1 or reference.shape[0] < 2:
        raise ValueError("too few placebo sets to simulate power")

    def detected(delta: float) -> bool:
        hits = 0
        for pseudo in draws[:n_pseudo]:
            counts = after.copy()
            counts[pseudo] *= np.exp(delta)
            observed, placebo = _statistics(before, counts, pseudo, reference)
            hits += _two_sided(observed, placebo) < alpha and observed < np.median(placebo)
        return hits / n_pseudo >= power

    floor = np.log(1e-4)
    if not detected(floor):
        return -np.inf
    return float(_bisect(floor, 0.0, detected, 1e-4))


@dataclass(frozen=True)
class WildBootstrapResult:
    """The slope of ``y = a + b x`` with its CR1 standard error and wild-bootstrap inference."""

    estimate: float
    se: float
    t: float
    p_value: float
    ci_low: float
    ci_high: float
    conf: float
    n_obs: int
    n_clusters: int
    n_boot: int


def wild_cluster_bootstrap(y: Sequence[float], x: Sequence[float], clusters: Sequence, *,
                           weights: Sequence[float] | None = None, n_boot: int = 9999,
                           seed: int = 0, conf: float = 0.95) -> WildBootstrapResult:
    """Wild cluster restricted (WCR) bootstrap for ``b`` in the weighted regression ``y = a + b x``.

    The CR1 variance uses ``G / (G - 1) * (N - 1) / (N - 2)``. For a null ``b = b0`` the
    restricted residuals ``u`` are multiplied by one Webb weight per cluster and draw, the model
    is refitted and ``t*`` recomputed; ``p = mean(|t*| >= |t|)``. The interval is every ``b0``
    with ``p >= 1 - conf`` (found by bisection on the same bootstrap weights).
    """
    y, x = np.asarray(y, dtype=float), np.asarray(x, dtype=float)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    if not (y.shape == x.shape == w.shape) or y.ndim != 1 or len(clusters) != y.size:
        raise ValueError("y, x, weights and clusters need one value per observation")
    if (w <= 0).any() or not np.isfinite(np.concatenate([y, x, w])).all():
        raise ValueError("weights must be positive and every value finite")
    codes, _ = pd.factorize(pd.Series(list(clusters)))
    n_clusters = int(codes.max()) + 1
    if n_clusters < 2:
        raise ValueError("need at least two clusters")
    total = w.sum()
    xc = x - (w * x).sum() / total
    sxx = float((w * xc**2).sum())
    if sxx == 0:
        raise ValueError("x does not vary")
    u0 = y - (w * y).sum() / total

    def per_cluster(values: np.ndarray) -> np.ndarray:
        return np.bincount(codes, weights=values, minlength=n_clusters)

    x_g, xx_g = per_cluster(w * xc), per_cluster(w * xc**2)
    u_g, r_g = per_cluster(w * u0), per_cluster(w * xc * u0)
    scale = n_clusters / (n_clusters - 1) * (y.size - 1) / (y.size - 2)
    estimate = float(r_g.sum() / sxx)
    se = float(np.sqrt(scale * np.sum((r_g - estimate * xx_g) ** 2)) / sxx)
    rng = np.random.default_rng(seed)
    v = WEBB[rng.integers(0, WEBB.size, size=(n_boot, n_clusters))]
    v2 = v**2
    sums = {"x2": float(x_g @ x_g), "xxx": float(x_g @ xx_g), "xx2": float(xx_g @ xx_g)}

    def p_value(b0: float) -> float:
        u_sum, r_sum = u_g - b0 * x_g, r_g - b0 * xx_g
        mean = v @ u_sum / total
        slope = v @ r_sum / sxx
        # sum over clusters of (v r - mean x - slope xx)^2, expanded into products of the
        # draws with cluster vectors (no draws x clusters temporaries)
        squares = (v2 @ r_sum**2 - 2 * mean * (v @ (r_sum * x_g))
                   - 2 * slope * (v @ (r_sum * xx_g)) + mean**2 * sums["x2"]
                   + 2 * mean * slope * sums["xxx"] + slope**2 * sums["xx2"])
        t_star = slope / (np.sqrt(scale * np.maximum(squares, 0.0)) / sxx)
        return float(np.mean(np.abs(t_star) >= abs((estimate - b0) / se)))

    level = 1 - conf

    def kept(b0: float) -> bool:
        return p_value(b0) >= level

    def edge(direction: float) -> float:
        """The last ``b0`` (going ``direction`` from the estimate) not rejected; infinite when
        the bootstrap never rejects (possible with very few treated clusters)."""
        outer = _outside(estimate, direction, 2 * se, kept)
        return float(_bisect(estimate, outer, kept, 1e-7 * se) if np.isfinite(outer) else outer)

    return WildBootstrapResult(
        estimate=estimate, se=se, t=estimate / se, p_value=p_value(0.0), ci_low=edge(-1.0),
        ci_high=edge(1.0), conf=conf, n_obs=int(y.size), n_clusters=n_clusters, n_boot=n_boot)
