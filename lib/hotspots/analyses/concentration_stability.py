"""Hot spots through time: unit x month matrices, points in units, rank groups.

Helpers for notebook 04 (concentration, stability and predictability). The statistics
themselves live in :mod:`.concentration`, :mod:`.stability`, :mod:`.prediction`,
:mod:`.emerging` (Gi* per period, emerging hot spot categories) and :mod:`.spatial`; this
module shapes the data for them.

Crime types are compared across two sources: the Met's counts (minor or major categories) and
data.police.uk records (its published categories). :data:`CRIME_TYPES` pairs them; the pairs
are not identical (police.uk's "Robbery" includes robbery of business property and its
"Violence and sexual offences" every violent and sexual offence), which
:attr:`CrimeType.police_uk_note` says.

:func:`proportion_difference_test` is the alternative to Andresen's SPPT proposed by Wheeler,
Steenbeek & Andresen (2018), "Testing for similarity in area-based spatial patterns:
Alternative methods to Andresen's spatial point pattern test", Transactions in GIS
22(3):760-774: a test of each unit's difference in proportions, corrected for multiple
comparisons, which (unlike the SPPT) treats both periods as random.

The 100 m hexagons of the third-party police.uk aggregate (see
:func:`hotspots.police_uk_subsets.load_hex_counts`) sit on a local equirectangular grid:
``x = lon * 111320 * cos(51.5°)``, ``y = lat * 110540``, centre of cell ``(q, r)`` at
``x = 150 q``, ``y = 100 √3 (r + q / 2)``. :func:`hex_cells_over` lists every such cell
whose centre lies in an area, so cells with no crime count as units too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from hotspots.stats.concentration import top_units
from hotspots.stats.prediction import regression_to_mean, shrinkage_weight
from hotspots.stats.spatial import adjust
from hotspots.stats.spatial.multiple_testing import Correction
from hotspots.stats.stability import persistence, rank_correlation


def unit_month_matrix(
    table: pd.DataFrame, units: Sequence[str], months: pd.PeriodIndex
) -> pd.DataFrame:
    """Counts as a units x months frame (``area_code`` x ``month``), zeros where no row.

    Rows whose ``area_code`` is missing (e.g. the Met's airport rows) are left out; a code not
    in ``units`` raises ``ValueError`` (a unit set that does not match the data).
    """
    unit_index = pd.Index(units, name="area_code")
    has_code = table["area_code"].notna().to_numpy()
    unit_pos = unit_index.get_indexer(table["area_code"])
    unknown = has_code & (unit_pos < 0)
    if unknown.any():
        shown = sorted(set(table.loc[unknown, "area_code"]))[:3]
        raise ValueError(f"{int(unknown.sum())} row(s) have area codes not among the units, "
                         f"e.g. {shown}")
    month_pos = pd.PeriodIndex(months).get_indexer(table["month"])
    keep = has_code & (month_pos >= 0)
    cells = unit_pos[keep] * len(months) + month_pos[keep]
    totals = np.bincount(cells, weights=table["count"].to_numpy()[keep],
                         minlength=len(unit_index) * len(months))
    return pd.DataFrame(totals.reshape(len(unit_index), len(months)).round().astype("int64"),
                        index=unit_index, columns=months)


def period_sums(matrix: pd.DataFrame, periods: Mapping[str, tuple[str, str]]) -> pd.DataFrame:
    """Sum a units x months frame over named, inclusive month ranges: units x periods."""
    sums = {}
    for name, (first, last) in periods.items():
        span = pd.period_range(first, last, freq="M")
        missing = span.difference(matrix.columns)
        if len(missing):
            raise ValueError(f"period {name!r} needs months not in the matrix: {list(missing)}")
        sums[name] = matrix[span].sum(axis=1)
    return pd.DataFrame(sums, index=matrix.index)


def change_by_rank_group(
    counts_a: pd.Series, counts_b: pd.Series, top_fractions: Sequence[float]
) -> pd.DataFrame:
    """Mean counts in A and B for units grouped by their rank in A (regression to the mean).

    Groups are bands of A's ranking between successive ``top_fractions`` (e.g. ``[0.01, 0.05,
    0.1, 0.5, 1]``: top 1%, 1-5%, ...); ties in A are broken by unit order. ``expected_b`` is
    the gamma-Poisson expectation of B given A (shrinkage toward A's mean with
    :func:`hotspots.prediction.shrinkage_weight`, times the overall B/A ratio).
    """
    a = counts_a.to_numpy(dtype=float)
    b = counts_b.reindex(counts_a.index).to_numpy(dtype=float)
    edges = [0.0, *top_fractions]
    if any(hi <= lo for lo, hi in zip(edges, edges[1:], strict=False)) or edges[-1] != 1:
        raise ValueError("top_fractions must increase and end at 1")
    order = np.lexsort((np.arange(a.size), -a))
    rank_share = np.empty(a.size)
    rank_share[order] = (np.arange(a.size) + 1) / a.size
    weight = shrinkage_weight(a)
    scale = b.mean() / a.mean()
    rows = []
    for lo, hi in zip(edges, edges[1:], strict=False):
        group = (rank_share > lo + 1e-12) & (rank_share <= hi + 1e-12)
        mean_a, mean_b = a[group].mean(), b[group].mean()
        expected = (a.mean() + weight * (mean_a - a.mean())) * scale
        change = 100 * (mean_b / mean_a - 1) if mean_a else math.nan
        rows.append({"group": f"{100 * lo:g}–{100 * hi:g}%", "units": int(group.sum()),
                     "mean_a": mean_a, "mean_b": mean_b, "change_pct": change,
                     "expected_b": expected})
    return pd.DataFrame(rows).set_index("group")


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


def year_pair_changes(yearly: pd.DataFrame, fraction: float = 0.05) -> pd.DataFrame:
    """Stability and regression to the mean between each pair of consecutive periods.

    ``yearly`` is units x periods (in order). One row per pair: ``rho`` (Spearman), ``kept``
    (share of A's top ``fraction`` units in B's top), and for A's top units the change of
    their mean count (``top_change_pct``), London's (``all_change_pct``), the top units'
    change relative to all units (``relative_pct``) and the gamma-Poisson expectation of it
    (``expected_relative_pct``; see :func:`hotspots.prediction.regression_to_mean`).
    """
    rows = []
    for before, after in zip(yearly.columns[:-1], yearly.columns[1:], strict=True):
        a, b = yearly[before], yearly[after]
        picked = top_units(a, fraction)
        rtm = regression_to_mean(a, b, picked)
        overall = rtm.all_mean_b / rtm.all_mean_a
        rows.append({
            "period_a": before,
            "period_b": after,
            "rho": rank_correlation(a, b)[0],
            "kept": persistence(picked, top_units(b, fraction)).kept_share,
            "top_change_pct": 100 * (rtm.picked_mean_b / rtm.picked_mean_a - 1),
            "all_change_pct": 100 * (overall - 1),
            "relative_pct": 100 * (rtm.picked_mean_b / rtm.picked_mean_a / overall - 1),
            "expected_relative_pct": 100 * (rtm.expected_picked_mean_b / rtm.picked_mean_a
                                            / overall - 1),
        })
    return pd.DataFrame(rows)
