"""The 2025 fall in theft from the person in London's busiest wards: one story for notebooks 04
and 05.

Notebook 04 found that the busiest wards lost theft from the person against the rest of London
in 2025/26 by more than the stable-rate model expects; notebook 05 found the same fall in the
Met's 20 town-centre hot spots and first read it as a pre-trend. This module is the one
analysis both use, in three steps:

1. **Beyond regression to the mean?** :func:`busiest_wards_against_history`: the busiest 5%
   of wards in one year against London the next, for the twelve historical year pairs of the
   ward files (March-February years, 2011/12 → 2012/13 … 2022/23 → 2023/24) and the latest
   pair (April-March, 2024/25 → 2025/26), each with the gamma-Poisson expectation of the
   change that selection alone produces (:func:`hotspots.stats.prediction.regression_to_mean`).
2. **When did it begin?** :func:`busiest_wards_by_month`: the busiest wards' year-on-year
   change month by month, against the rest of London; :func:`fall_onset`: the first month
   from which the change stays below zero up to a given month.
3. **Where?** :func:`ward_change`: each ward's change between two periods, for a map.

What it can and cannot mean: a fall that starts before the summer 2025 operation (30 June -
30 September 2025) rules out that operation as its cause; it does not rule out earlier
hot-spot work, which the Met has not dated or placed; it is consistent with, not proof of, the
claim that focused patrols reduce theft (other explanations - fewer visitors, phone design,
recording - would look the same in these counts).

The ward series is spliced from several releases (:func:`splice_releases`): each month comes
from the newest release that covers it, so the months of the latest vintage are never mixed
with older counts for the same month. The 678 wards of the 2022 set with a Met code are the
units; the historical file's Heathrow Villages (E05013570, which there carries the airport's
crime; the current files file it under "Aviation Security (SO18)") is left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from hotspots.analyses.concentration_stability import (
    period_sums,
    unit_month_matrix,
    year_pair_changes,
)
from hotspots.crimes import CrimeType
from hotspots.io import met
from hotspots.months import MonthSpan
from hotspots.stats.concentration import top_units

#: The share of wards called "the busiest" (the top 5%: 34 of 678 wards).
BUSIEST = 0.05

#: March-February years of the historical ward file, 2011/12 … 2023/24 (as in notebook 04).
HISTORICAL_YEARS: dict[str, tuple[str, str]] = {
    f"{y}/{str(y + 1)[2:]}": (f"{y}-03", f"{y + 1}-02") for y in range(2011, 2024)}
#: The latest pair: April-March years of vintage 2026-03.
LATEST_YEARS: dict[str, tuple[str, str]] = {
    "2024/25": ("2024-04", "2025-03"), "2025/26": ("2025-04", "2026-03")}


def splice_releases(tables: Sequence[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of several Met tables, each month taken from the first table that has it.

    ``tables`` are tidy tables of :func:`hotspots.io.met.load_counts` (or the historical
    file), newest first. Returns the kept rows and a provenance table: one row per table with
    its ``vintage``, the ``first`` and ``last`` month taken from it and the number of
    ``months``.
    """
    taken: set[pd.Period] = set()
    parts, provenance = [], []
    for table in tables:
        months = set(table["month"].unique()) - taken
        if not months:
            continue
        parts.append(table[table["month"].isin(months)])
        taken |= months
        vintage = str(table["vintage"].iloc[0])
        provenance.append({"vintage": vintage, "first": str(min(months)),
                           "last": str(max(months)), "months": len(months)})
    if not parts:
        raise ValueError("no rows to splice")
    return met.concat(parts), pd.DataFrame(provenance)


def ward_matrix(rows: pd.DataFrame, crime: CrimeType, wards: Sequence[str]) -> pd.DataFrame:
    """Counts of ``crime`` as wards x months (every month of ``rows``, zeros filled).

    Rows of codes outside ``wards`` (Heathrow Villages in the historical file) and rows
    without a code (airports, unknown) are left out.
    """
    selected = crime.select_met(rows)
    selected = selected[selected["area_code"].isin(list(wards))]
    months = pd.period_range(rows["month"].min(), rows["month"].max(), freq="M")
    return unit_month_matrix(selected, list(wards), months)


def busiest_wards_against_history(matrix: pd.DataFrame, *, fraction: float = BUSIEST
                                  ) -> pd.DataFrame:
    """The busiest wards' change against London's, year pair by year pair.

    ``matrix``: wards x months covering March 2011 - March 2026. One row per pair, the twelve
    historical pairs then the latest: the columns of
    :func:`hotspots.analyses.concentration_stability.year_pair_changes` (``relative_pct``: the
    busiest wards' change relative to all wards'; ``expected_relative_pct``: what the
    gamma-Poisson stable-rate model expects from selection alone) and ``latest``.
    """
    historical = year_pair_changes(period_sums(matrix, HISTORICAL_YEARS), fraction)
    latest = year_pair_changes(period_sums(matrix, LATEST_YEARS), fraction)
    table = pd.concat([historical.assign(latest=False), latest.assign(latest=True)],
                      ignore_index=True)
    table.insert(0, "pair", table["period_a"] + " → " + table["period_b"])
    table["beyond_expected_pct"] = table["relative_pct"] - table["expected_relative_pct"]
    return table


def fall_summary(pairs: pd.DataFrame) -> pd.Series:
    """The latest pair against the historical ones (from :func:`busiest_wards_against_history`)."""
    history, latest = pairs[~pairs["latest"]], pairs[pairs["latest"]].iloc[0]
    return pd.Series({
        "latest: relative change (%)": latest["relative_pct"],
        "latest: stable-rate model expects (%)": latest["expected_relative_pct"],
        "historical pairs: median relative change (%)": history["relative_pct"].median(),
        "historical pairs with a larger fall": int(
            (history["relative_pct"] < latest["relative_pct"]).sum()),
        "historical pairs": len(history),
    })


def busiest_wards_by_month(matrix: pd.DataFrame, base: MonthSpan, months: MonthSpan, *,
                           fraction: float = BUSIEST) -> pd.DataFrame:
    """Year-on-year change of the busiest wards (picked on ``base``) and of the other wards.

    One row per month of ``months`` (each compared with the same month a year earlier):
    ``busiest_pct``, ``rest_pct`` and ``relative_pct`` (the busiest wards' change relative to
    the rest's), plus the totals. Picking the wards on a ``base`` year before ``months``
    keeps the selection out of the months compared.
    """
    if months.first - 12 < matrix.columns.min() or months.last > matrix.columns.max():
        raise ValueError(f"the matrix does not cover {months} and the year before")
    if months.first <= base.last:
        raise ValueError(f"the months compared ({months}) must come after the base {base}")
    picked = top_units(matrix[base.periods].sum(axis=1), fraction)
    busy = matrix.loc[picked.to_numpy()].sum()
    rest = matrix.sum() - busy
    now, before = months.periods, months.periods - 12
    table = pd.DataFrame({
        "busiest": busy[now].to_numpy(), "busiest_year_before": busy[before].to_numpy(),
        "rest": rest[now].to_numpy(), "rest_year_before": rest[before].to_numpy(),
    }, index=pd.PeriodIndex(now, name="month"))
    table["busiest_pct"] = 100 * (table["busiest"] / table["busiest_year_before"] - 1)
    table["rest_pct"] = 100 * (table["rest"] / table["rest_year_before"] - 1)
    table["relative_pct"] = 100 * ((table["busiest"] / table["busiest_year_before"])
                                   / (table["rest"] / table["rest_year_before"]) - 1)
    return table


def fall_onset(change: pd.Series, until: pd.Period) -> pd.Period | None:
    """The first month from which ``change`` stays below zero up to ``until`` (``None`` when
    ``until`` itself is not below zero)."""
    values = change.loc[:until]
    if values.empty or values.iloc[-1] >= 0:
        return None
    above = np.flatnonzero(values.to_numpy() >= 0)
    return values.index[above[-1] + 1 if above.size else 0]


def ward_change(matrix: pd.DataFrame, before: MonthSpan, after: MonthSpan, *,
                min_count: int) -> pd.DataFrame:
    """Each ward's count in ``before`` and ``after`` and the change (``pct`` is NaN for wards
    with fewer than ``min_count`` in ``before``: too few to say)."""
    table = pd.DataFrame({"before": matrix[before.periods].sum(axis=1),
                          "after": matrix[after.periods].sum(axis=1)})
    table["change"] = table["after"] - table["before"]
    table["pct"] = (100 * (table["after"] / table["before"] - 1)).where(
        table["before"] >= min_count)
    return table


def busiest_fall_share(changes: pd.DataFrame, wards: Mapping[str, Sequence[str]]) -> pd.Series:
    """Each named group's share (%) of London's net change (``changes`` from
    :func:`ward_change`)."""
    total = changes["change"].sum()
    return pd.Series({name: 100 * changes.loc[list(codes), "change"].sum() / total
                      for name, codes in wards.items()})
