"""How stable crime's geography is between periods: rank correlations, persistence, SPPT.

Inputs are unit counts: a Series/array per period, or a unit x period DataFrame (one row per
unit, one column per period, columns in time order).

Andresen's spatial point pattern test (SPPT; Andresen 2009, "Testing for similarity in
area-based spatial patterns: a nonparametric Monte Carlo approach", Applied Geography
29(3):333-345; Andresen & Malleson 2011, J Research in Crime and Delinquency 48(1):58-82):
draw ``sample_share`` (85%) of the *test* points without replacement ``n_samples`` (100)
times, take each unit's percentage of the sample, keep the central ``confidence`` (95%)
interval of those percentages, and call a unit similar when the *base* percentage falls
inside it. The S-index is the share of similar units; the robust S-index leaves out units with
no points in either set. Sampling points from unit counts without replacement is a
multivariate hypergeometric draw; the interval's ranks follow the ``sppt`` R package (Steenbeek
et al.): the ``floor(a/2 * n) + 1``-th and ``ceil((1 - a/2) * n)``-th smallest, ``a = 1 -
confidence`` (the 3rd and 98th of 100).

The proportion test (:func:`proportion_difference_test`) is the alternative to the SPPT
proposed by Wheeler, Steenbeek & Andresen (2018), "Testing for similarity in area-based spatial
patterns: Alternative methods to Andresen's spatial point pattern test", Transactions in GIS
22(3):760-774: a test of each unit's difference in proportions, corrected for multiple
comparisons, which (unlike the SPPT) treats both periods as random.

Chance baselines for persistence (:func:`persistence_baselines`) use the gamma-Poisson model of
:mod:`hotspots.stats.prediction` (unit rates gamma-distributed, counts Poisson given the rate;
its shrinkage weight ``w = (v - m) / v`` fixes the gamma's shape ``m^2 / (v - m)`` and rate
``m / (v - m)``): *no persistence* draws period B with each unit's rate taken from the gamma
independently of its period-A count (staying on top by luck alone); *stable rates* draws B from
each unit's posterior rate given its A count (how persistent places look if nothing changed but
Poisson noise), scaled by the overall change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats

from hotspots.stats.concentration import top_units
from hotspots.stats.prediction import shrinkage_weight
from hotspots.stats.spatial.multiple_testing import Correction, adjust

Method = Literal["spearman", "kendall"]


def rank_correlation(
    a: ArrayLike, b: ArrayLike, method: Method = "spearman"
) -> tuple[float, float]:
    """Rank correlation of two periods' unit counts and its p-value (scipy).

    Returns ``(nan, nan)`` when either period has the same count in every unit.
    """
    if method not in ("spearman", "kendall"):
        raise ValueError(f"method must be 'spearman' or 'kendall', got {method!r}")
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError("a and b must be 1-D with one count per unit each")
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return math.nan, math.nan
    test = stats.spearmanr if method == "spearman" else stats.kendalltau
    result = test(x, y)
    return float(result.statistic), float(result.pvalue)


def correlation_series(
    counts: pd.DataFrame, lag: int = 1, method: Method = "spearman"
) -> pd.DataFrame:
    """Rank correlation between each period and the one ``lag`` columns earlier.

    With monthly columns, ``lag=1`` gives month-on-month and ``lag=12`` same-month-last-year
    correlations; with yearly columns ``lag=1`` is year-on-year. Columns: ``period_a``,
    ``period_b``, ``rho`` and ``p_value``.
    """
    if lag < 1 or lag >= counts.shape[1]:
        raise ValueError(f"lag must be between 1 and {counts.shape[1] - 1}, got {lag}")
    if counts.isna().any().any():
        raise ValueError("counts has missing values")
    rows = []
    for before, after in zip(counts.columns[:-lag], counts.columns[lag:], strict=True):
        rho, p = rank_correlation(counts[before], counts[after], method)
        rows.append({"period_a": before, "period_b": after, "rho": rho, "p_value": p})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Persistence:
    """How many of period A's hot units are hot again in period B."""

    n_a: int
    n_b: int
    n_both: int

    @property
    def kept_share(self) -> float:
        """Share of A's hot units that are hot in B."""
        return self.n_both / self.n_a if self.n_a else math.nan

    @property
    def jaccard(self) -> float:
        """Units hot in both over units hot in either."""
        either = self.n_a + self.n_b - self.n_both
        return self.n_both / either if either else math.nan


def persistence(top_a: ArrayLike, top_b: ArrayLike) -> Persistence:
    """Overlap of two boolean masks over the same units (top-k% units or Gi* hot spots)."""
    a, b = np.asarray(top_a, dtype=bool), np.asarray(top_b, dtype=bool)
    if a.shape != b.shape:
        raise ValueError("top_a and top_b must cover the same units")
    return Persistence(n_a=int(a.sum()), n_b=int(b.sum()), n_both=int((a & b).sum()))


@dataclass(frozen=True)
class SpptResult:
    """Andresen's spatial point pattern test: per-unit outcome and the global S-indices.

    ``units`` columns: ``base_count``, ``test_count``, ``base_pct``, ``test_pct``,
    ``lower_pct``, ``upper_pct`` (the test set's resampled interval), ``change`` (+1 when the
    test share is above the base share, i.e. the base share lies below the interval; -1 when
    below; 0 similar) and ``similar`` (bool).
    """

    units: pd.DataFrame
    s_index: float
    robust_s_index: float


def spatial_point_pattern_test(
    base: ArrayLike,
    test: ArrayLike,
    *,
    sample_share: float = 0.85,
    n_samples: int = 100,
    confidence: float = 0.95,
    seed: int = 0,
) -> SpptResult:
    """Andresen's SPPT of ``test`` against ``base``, both point counts per unit (same units)."""
    base_counts = np.asarray(base, dtype=np.int64)
    test_counts = np.asarray(test, dtype=np.int64)
    if base_counts.shape != test_counts.shape or base_counts.ndim != 1:
        raise ValueError("base and test must be 1-D with one count per unit each")
    if (base_counts < 0).any() or (test_counts < 0).any():
        raise ValueError("counts must be non-negative")
    if base_counts.sum() == 0 or test_counts.sum() == 0:
        raise ValueError("base and test must each hold at least one point")
    size = round(sample_share * test_counts.sum())
    if size < 1:
        raise ValueError("the test sample would hold no points")
    rng = np.random.default_rng(seed)
    samples = rng.multivariate_hypergeometric(test_counts, size, size=n_samples)
    shares = np.sort(samples / size, axis=0)
    alpha = 1 - confidence
    lower = shares[math.floor(alpha / 2 * n_samples)]
    upper = shares[math.ceil((1 - alpha / 2) * n_samples) - 1]
    base_share = base_counts / base_counts.sum()
    change = np.where(base_share < lower, 1, np.where(base_share > upper, -1, 0))
    similar = change == 0
    occupied = (base_counts + test_counts) > 0
    index = base.index if isinstance(base, pd.Series) else None
    units = pd.DataFrame(
        {
            "base_count": base_counts,
            "test_count": test_counts,
            "base_pct": 100 * base_share,
            "test_pct": 100 * test_counts / test_counts.sum(),
            "lower_pct": 100 * lower,
            "upper_pct": 100 * upper,
            "change": change,
            "similar": similar,
        },
        index=index,
    )
    return SpptResult(
        units=units,
        s_index=float(similar.mean()),
        robust_s_index=float(similar[occupied].mean()),
    )


# --- persistence against chance (gamma-Poisson) ----------------------------------------------


@dataclass(frozen=True)
class Baselines:
    """The observed share of period A's top units still top in B, and two simulated ones."""

    observed: float
    chance_mean: float
    chance_threshold: float
    stable_mean: float
    stable_low: float
    stable_high: float
    n_top: int


def gamma_poisson_parameters(counts: np.ndarray) -> tuple[float, float]:
    """Shape and rate of the gamma distribution of unit rates implied by the shrinkage weight
    of :func:`hotspots.stats.prediction.shrinkage_weight` (method of moments)."""
    weight = shrinkage_weight(counts)
    mean = counts.mean()
    if weight <= 0:
        raise ValueError("counts are no more variable than Poisson: no gamma to fit")
    excess = weight * counts.var(ddof=1)  # v - m: the variance of the rates
    return mean**2 / excess, mean / excess


def persistence_baselines(a: pd.Series, b: pd.Series, *, fraction: float = 0.05,
                          n_sims: int = 1_000, seed: int = 20240301,
                          quantile: float = 0.99) -> Baselines:
    """Observed persistence of A's top ``fraction`` of units into B's top, against year B
    simulated from the gamma-Poisson model (see the module doc): with rates independent of A
    (*no persistence*: mean and ``quantile`` of the kept share) and with each unit's posterior
    rate given A (*stable rates*: mean and 95% range). Units with NaN in either are left out;
    ties in the simulated B are broken at random."""
    both = pd.concat([a, b], axis=1).dropna()
    x, y = both.iloc[:, 0].to_numpy(float), both.iloc[:, 1].to_numpy(float)
    top_a = top_units(x, fraction).to_numpy()
    observed = persistence(top_a, top_units(y, fraction).to_numpy()).kept_share
    shape, rate = gamma_poisson_parameters(x)
    scale = y.sum() / x.sum()
    rng = np.random.default_rng(seed)
    k = int(top_a.sum())

    def kept(simulated: np.ndarray) -> np.ndarray:
        # counts are whole numbers: jitter in [0, 0.5) breaks ties at random, keeps the order
        noisy = simulated + 0.5 * rng.random(simulated.shape)
        top = np.argpartition(-noisy, k - 1, axis=1)[:, :k]
        return top_a[top].sum(axis=1) / k

    chance_rates = rng.gamma(shape, 1 / rate, size=(n_sims, x.size)) * scale
    chance = kept(rng.poisson(chance_rates).astype(float))
    stable_rates = rng.gamma(shape + x, 1 / (rate + 1), size=(n_sims, x.size)) * scale
    stable = kept(rng.poisson(stable_rates).astype(float))
    return Baselines(observed=observed, chance_mean=float(chance.mean()),
                     chance_threshold=float(np.quantile(chance, quantile)),
                     stable_mean=float(stable.mean()),
                     stable_low=float(np.quantile(stable, 0.025)),
                     stable_high=float(np.quantile(stable, 0.975)), n_top=k)


# --- two periods, unit by unit ------------------------------------------------------------------


@dataclass(frozen=True)
class DifferenceTest:
    """Per-unit differences in proportions between two periods, and the share of similar units.

    ``units`` columns: ``base_count``, ``test_count``, ``base_pct``, ``test_pct``, ``p``,
    ``p_adjusted`` (NaN for units with no points in either period: not tested), ``change``
    (+1 when the test share is significantly above the base share, -1 below, 0 similar).
    ``s_index`` is the share of all units that are similar; ``robust_s_index`` leaves out the
    units with no points in either period (as in the SPPT).
    """

    units: pd.DataFrame
    s_index: float
    robust_s_index: float


def proportion_difference_test(
    base: pd.Series, test: pd.Series, *, alpha: float = 0.05, correction: Correction = "fdr_bh"
) -> DifferenceTest:
    """Is each unit's share of the points different between ``base`` and ``test``?

    Given a unit's ``n = a + b`` points (``a`` in base, ``b`` in test), under the null of the
    same spatial distribution ``a ~ Binomial(n, N_a / (N_a + N_b))``: the exact conditional
    test of two Poisson counts. Two-sided p is twice the smaller tail (capped at 1), then
    corrected over the tested units with ``correction`` (default Benjamini-Hochberg).
    """
    a = np.asarray(base, dtype=np.int64)
    b = np.asarray(test, dtype=np.int64)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError("base and test must be 1-D with one count per unit each")
    if (a < 0).any() or (b < 0).any() or a.sum() == 0 or b.sum() == 0:
        raise ValueError("counts must be non-negative, with points in both periods")
    n = a + b
    share = a.sum() / (a.sum() + b.sum())
    tested = n > 0
    tails = np.minimum(stats.binom.cdf(a, n, share), stats.binom.sf(a - 1, n, share))
    p = np.where(tested, np.minimum(1.0, 2 * tails), np.nan)
    p_adjusted = adjust(p, correction)
    base_pct, test_pct = 100 * a / a.sum(), 100 * b / b.sum()
    significant = np.nan_to_num(p_adjusted, nan=1.0) <= alpha
    change = np.where(significant, np.sign(test_pct - base_pct), 0).astype(int)
    units = pd.DataFrame(
        {"base_count": a, "test_count": b, "base_pct": base_pct, "test_pct": test_pct, "p": p,
         "p_adjusted": p_adjusted, "change": change},
        index=base.index if isinstance(base, pd.Series) else None,
    )
    similar = change == 0
    return DifferenceTest(units=units, s_index=float(similar.mean()),
                          robust_s_index=float(similar[tested].mean()))
