"""Coverage and revisions across the Met's published vintages of the same counts."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def monthly_totals(counts: pd.DataFrame) -> pd.DataFrame:
    """London total per month (rows) and vintage (columns) from a tidy Met count table."""
    return counts.pivot_table(
        index="month", columns="vintage", values="count", aggfunc="sum"
    ).sort_index()


def revisions(monthly: pd.DataFrame) -> pd.DataFrame:
    """For each month published by two or more vintages: lowest, highest, spread and spread %."""
    seen = monthly.notna().sum(axis=1)
    shared = monthly[seen >= 2]
    low, high = shared.min(axis=1), shared.max(axis=1)
    return pd.DataFrame(
        {
            "vintages": seen[seen >= 2].astype("int64"),
            "lowest": low.astype("int64"),
            "highest": high.astype("int64"),
            "spread": (high - low).astype("int64"),
            "spread %": (100 * (high - low) / low).round(2),
        }
    )


def calendar_year_totals(monthly: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Calendar-year totals per vintage, only where the vintage covers all 12 months."""
    rows = {}
    for year in years:
        in_year = monthly[[m.year == year for m in monthly.index]]
        complete = in_year.notna().sum() == 12
        rows[year] = in_year.sum().where(complete)
    return pd.DataFrame(rows).T.rename_axis("year")


def month_coverage(months_by_source: Mapping[str, pd.Series]) -> pd.DataFrame:
    """A source × month table of booleans: does the source have data for that month?"""
    # The distinct months first: a set of millions of boxed Periods takes seconds per source.
    distinct = {name: set(pd.Series(months).unique()) for name, months in months_by_source.items()}
    index = pd.PeriodIndex(sorted(set().union(*distinct.values())), freq="M")
    return pd.DataFrame(
        {name: index.isin(pd.PeriodIndex(sorted(months), freq="M"))
         for name, months in distinct.items()},
        index=index,
    ).T


def settled(monthly: pd.DataFrame, settle: int) -> pd.DataFrame:
    """Which cells of a month × vintage table were complete when the vintage was published.

    A month counts as complete in a vintage when it is at least ``settle`` months before the
    vintage's last month; the vintage's last ``settle`` months are "not yet complete" (offences
    are still being recorded for them). Cells the vintage does not cover are False.
    """
    if settle < 0:
        raise ValueError(f"settle must be >= 0, not {settle}")
    position = pd.PeriodIndex(monthly.index, freq="M").asi8  # months since 1970-01
    columns = {}
    for vintage in monthly.columns:
        covered = monthly[vintage].notna().to_numpy()
        last = position[covered].max() if covered.any() else 0
        columns[vintage] = covered & (last - position >= settle)
    return pd.DataFrame(columns, index=monthly.index)


def release_revisions(monthly: pd.DataFrame, settle: int) -> pd.DataFrame:
    """How each release changed the months it shares with the release before it.

    ``monthly``: month × vintage totals (:func:`monthly_totals`), vintages as columns in
    publication order (sorted labels). One row per consecutive pair of vintages and shared
    month: earlier, later, month, earlier_count, later_count, revision (later − earlier),
    revision_pct (of earlier) and complete (the month was complete in the earlier vintage, see
    :func:`settled`).
    """
    ordered = monthly[sorted(monthly.columns)]
    done = settled(ordered, settle)
    rows = []
    for earlier, later in zip(ordered.columns[:-1], ordered.columns[1:], strict=True):
        both = ordered[[earlier, later]].dropna()
        rows.append(pd.DataFrame({
            "earlier": earlier, "later": later, "month": both.index,
            "earlier_count": both[earlier].astype("int64").to_numpy(),
            "later_count": both[later].astype("int64").to_numpy(),
            "complete": done.loc[both.index, earlier].to_numpy(),
        }))
    table = pd.concat(rows, ignore_index=True)
    table["revision"] = table["later_count"] - table["earlier_count"]
    table["revision_pct"] = 100 * table["revision"] / table["earlier_count"]
    columns = ["earlier", "later", "month", "earlier_count", "later_count", "revision",
               "revision_pct", "complete"]
    return table[columns]


def revision_summary(revised: pd.DataFrame) -> pd.DataFrame:
    """:func:`release_revisions` summed per pair of vintages and per month status.

    One row per (earlier, later, complete): months, first, last, earlier and later totals,
    revision_pct of the summed months, and the smallest, median and largest monthly
    revision_pct.
    """
    grouped = revised.groupby(["earlier", "later", "complete"], sort=True)
    table = grouped.agg(months=("month", "size"), first=("month", "min"), last=("month", "max"),
                        earlier_total=("earlier_count", "sum"),
                        later_total=("later_count", "sum"),
                        smallest_pct=("revision_pct", "min"),
                        median_pct=("revision_pct", "median"),
                        largest_pct=("revision_pct", "max"))
    table.insert(5, "revision_pct",
                 100 * (table["later_total"] - table["earlier_total"]) / table["earlier_total"])
    return table.reset_index()
