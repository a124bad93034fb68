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
