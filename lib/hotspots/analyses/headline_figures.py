"""Headline figures: 12-month totals, the search for the article's numbers, rankings and rates.

Every function takes the tidy Met table (``area_code``, ``area_name``, ``major``, ``month``
as ``Period[M]``, ``count``, ``vintage`` …) or numbers derived from it, so it can be tested on
small tables with known answers. Totals are only ever taken within one vintage, because the Met
revises past months between releases. :func:`published_populations` reads the few population
figures typed in from publishers' pages (``data/reference/published_populations.csv``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hotspots.article import ARTICLE_CLAIMS
from hotspots.names import name_key

WESTMINSTER = "E09000033"
CAMDEN = "E09000007"


# The Met's fraud categories. "NFIB FRAUD" (Action Fraud referrals) appears only in the
# 24-month files; the Historical files carry "FRAUD AND FORGERY" alone. Both are tiny.
FRAUD_MAJORS = ("FRAUD AND FORGERY", "NFIB FRAUD")


@dataclass(frozen=True)
class Definition:
    """A named way of counting "total offences": ``predicate(table)`` marks the rows kept."""

    name: str
    description: str
    predicate: Callable[[pd.DataFrame], pd.Series]

    def apply(self, table: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``table`` this definition counts."""
        return table[self.predicate(table).to_numpy(dtype=bool)]

    def __and__(self, other: Definition) -> Definition:
        """Both definitions at once (rows kept by each)."""
        return Definition(
            f"{self.name} & {other.name}",
            f"{self.description}; {other.description}",
            lambda t: self.predicate(t) & other.predicate(t),
        )


ALL_ROWS = Definition(
    "all rows",
    "every row of the file, including the airports and 'Unknown' location rows",
    lambda t: pd.Series(True, index=t.index),
)
BOROUGHS_ONLY = Definition(
    "boroughs only",
    "the 32 Met boroughs; airports and 'Unknown' rows (no borough code) left out",
    lambda t: t["area_code"].notna(),
)
EXCLUDING_FRAUD = Definition(
    "excluding fraud",
    f"major categories {' and '.join(FRAUD_MAJORS)} left out",
    lambda t: ~t["major"].isin(FRAUD_MAJORS),
)
# The City of London is policed by the City of London Police and never appears in the Met's
# files, so "excluding the City of London" would change nothing and is not a definition here.
DEFINITIONS = (ALL_ROWS, BOROUGHS_ONLY, EXCLUDING_FRAUD, BOROUGHS_ONLY & EXCLUDING_FRAUD)


class IncompleteWindowError(ValueError):
    """A 12-month window asked of a table that does not cover every month of it."""


def window_months(end: pd.Period, months: int = 12) -> pd.PeriodIndex:
    """The ``months`` calendar months ending with ``end`` (inclusive)."""
    return pd.period_range(end=pd.Period(end, "M"), periods=months, freq="M")


def missing_months(table: pd.DataFrame, end: pd.Period, months: int = 12) -> list[pd.Period]:
    """Months of the window ending at ``end`` that ``table`` has no rows for."""
    return _missing(_ordinals(table), pd.Period(end, "M"), months)


def _ordinals(table: pd.DataFrame) -> set[int]:
    return set(pd.PeriodIndex(table["month"].unique(), freq="M").asi8.tolist())


def _missing(present: set[int], end: pd.Period, months: int) -> list[pd.Period]:
    window = range(end.ordinal - months + 1, end.ordinal + 1)
    return [pd.Period(ordinal=o, freq="M") for o in window if o not in present]


def window_total(
    table: pd.DataFrame,
    end: pd.Period,
    months: int = 12,
    definition: Definition = ALL_ROWS,
    *,
    per_area: bool = False,
) -> pd.DataFrame | int:
    """Offences in the ``months`` months ending at ``end``, London-wide or per area.

    Per area: a DataFrame indexed by ``area_name`` with ``area_code`` and ``count``, one row
    per area (non-borough rows keep their names and a missing code). Raises
    :class:`IncompleteWindowError` when the table lacks any month of the window and
    ``ValueError`` when it mixes vintages.
    """
    if "vintage" in table and table["vintage"].nunique() > 1:
        raise ValueError("table mixes vintages; total one vintage at a time")
    gaps = missing_months(table, end, months)
    if gaps:
        raise IncompleteWindowError(
            f"window ending {end} lacks {len(gaps)} month(s): {', '.join(map(str, gaps))}"
        )
    rows = definition.apply(table)
    rows = rows[rows["month"].isin(window_months(end, months))]
    if not per_area:
        return int(rows["count"].sum())
    grouped = rows.groupby(["area_name", "area_code"], dropna=False, sort=True)["count"].sum()
    return grouped.reset_index("area_code").astype({"count": "int64"})


def _monthly(table: pd.DataFrame, definition: Definition) -> pd.DataFrame:
    """Monthly ``london_total``, ``westminster``, ``camden`` under ``definition``.

    Indexed by the month's ordinal, so that windows are ranges of integers.
    """
    rows = definition.apply(table)
    named = rows[rows["area_code"].isin([WESTMINSTER, CAMDEN])]
    by_area = named.groupby(["month", "area_code"])["count"].sum().unstack()
    monthly = pd.DataFrame({
        "london_total": rows.groupby("month")["count"].sum(),
        "westminster": by_area.get(WESTMINSTER),
        "camden": by_area.get(CAMDEN),
    })
    monthly.index = pd.PeriodIndex(monthly.index, freq="M").asi8
    return monthly.fillna(0).astype("int64")


def _window_sum(monthly: pd.DataFrame, end: pd.Period, months: int) -> pd.Series:
    last = end.ordinal
    return monthly[(monthly.index > last - months) & (monthly.index <= last)].sum()


def _gap(ours: float | None, claimed: float) -> tuple[float | None, float | None]:
    if ours is None or pd.isna(ours):
        return None, None
    gap = ours - claimed
    return gap, 100 * gap / claimed if claimed else None


def candidate_grid(
    tables_by_vintage: Mapping[str, pd.DataFrame],
    ends: Sequence[pd.Period],
    definitions: Sequence[Definition] = DEFINITIONS,
    claims: Mapping[str, float] = ARTICLE_CLAIMS,
    months: int = 12,
) -> pd.DataFrame:
    """Every vintage × definition × window end, with the totals and their gaps to the claims.

    Columns: ``vintage``, ``definition``, ``end``, ``complete`` (the window is fully covered by
    the vintage), ``note``, ``london_total``, ``prev_total`` (the ``months`` before),
    ``change_pct``, ``westminster``, ``camden``, and for each claimed column ``<col>_gap``
    (ours − claimed, in the column's unit; percentage points for ``change_pct``) and
    ``<col>_gap_pct`` (gap as % of the claim). Incomplete windows are kept as flagged rows with
    empty values, never totalled from part of a year; a change needs the previous window too.
    """
    rows = []
    for vintage in sorted(tables_by_vintage):
        table = tables_by_vintage[vintage]
        present = _ordinals(table)
        for definition in definitions:
            monthly = _monthly(table, definition)
            for end in sorted(pd.Period(e, "M") for e in ends):
                row = {"vintage": vintage, "definition": definition.name, "end": end}
                rows.append(row | _candidate(monthly, present, end, months))
    grid = pd.DataFrame(rows)
    for column, claimed in claims.items():
        gaps = [_gap(v, claimed) for v in grid[column]]
        grid[f"{column}_gap"] = pd.array([g for g, _ in gaps], dtype="Float64")
        grid[f"{column}_gap_pct"] = pd.array([p for _, p in gaps], dtype="Float64")
    counts = ["london_total", "prev_total", "westminster", "camden"]
    return grid.astype({c: "Int64" for c in counts} | {"change_pct": "Float64"})


def _candidate(monthly: pd.DataFrame, present: set[int], end: pd.Period, months: int) -> dict:
    """Totals for one window of one vintage × definition (``None`` where not covered)."""
    gaps = _missing(present, end, months)
    if gaps:
        note = f"skipped: window lacks {len(gaps)} of {months} months"
        return {"complete": False, "note": note, "london_total": None, "prev_total": None,
                "change_pct": None, "westminster": None, "camden": None}
    sums = _window_sum(monthly, end, months)
    total = int(sums["london_total"])
    prev_end = end - months
    prev = None if _missing(present, prev_end, months) else int(
        _window_sum(monthly, prev_end, months)["london_total"]
    )
    return {
        "complete": True,
        "note": "" if prev is not None else "no change: previous window not covered",
        "london_total": total,
        "prev_total": prev,
        "change_pct": 100 * (total - prev) / prev if prev else None,
        "westminster": int(sums["westminster"]),
        "camden": int(sums["camden"]),
    }


def closest(grid: pd.DataFrame, claim_column: str) -> pd.Series:
    """The complete grid row whose ``claim_column`` is nearest the claim.

    Ties go to the first row in (vintage, definition order, end) order, i.e. grid order.
    """
    return nearest(grid, claim_column, 1).iloc[0]


def nearest(grid: pd.DataFrame, claim_column: str, n: int = 3) -> pd.DataFrame:
    """The ``n`` complete grid rows whose ``claim_column`` is nearest the claim, nearest first.

    Ties keep grid order. Raises ``ValueError`` when no complete row has a value.
    """
    gap = grid[f"{claim_column}_gap"].abs()
    usable = grid["complete"] & gap.notna()
    if not usable.any():
        raise ValueError(f"no complete candidate has a value for {claim_column!r}")
    order = gap[usable].astype(float).sort_values(kind="stable")
    return grid.loc[order.index[:n]]


def joint_fit(grid: pd.DataFrame, claim_columns: Sequence[str]) -> pd.DataFrame:
    """Complete grid rows ranked by how well one row fits several claims at once.

    Adds ``worst_gap_pct``, the largest ``|<col>_gap_pct|`` over ``claim_columns``: one
    vintage, one window and one definition must explain every number together. Best first;
    ties keep grid order.
    """
    gaps = grid[[f"{c}_gap_pct" for c in claim_columns]].astype("float64").abs()
    usable = grid["complete"] & gaps.notna().all(axis=1)
    table = grid[usable].assign(worst_gap_pct=gaps[usable].max(axis=1))
    return table.sort_values("worst_gap_pct", kind="stable")


def decoy_matches(
    grid: pd.DataFrame, claim_column: str, claimed: float, shifts_pct: Sequence[float]
) -> pd.DataFrame:
    """How near the grid's complete candidates get to made-up numbers near the claim.

    For each shift the target is ``claimed × (1 + shift / 100)``; columns ``target``,
    ``best_value`` (the nearest candidate, first in grid order on ties) and ``best_gap_pct``,
    indexed by ``shift_pct``. If made-up targets are matched as closely as the claim, a close
    match to the claim is no evidence that the article used that candidate.
    """
    values = grid.loc[grid["complete"], claim_column].dropna().astype("float64").to_numpy()
    if values.size == 0:
        raise ValueError(f"no complete candidate has a value for {claim_column!r}")
    rows = []
    for shift in shifts_pct:
        target = claimed * (1 + shift / 100)
        best = values[np.abs(values - target).argmin()]
        rows.append({"shift_pct": shift, "target": target, "best_value": best,
                     "best_gap_pct": 100 * (best - target) / target})
    return pd.DataFrame(rows).set_index("shift_pct")


def revisions_table(
    grid: pd.DataFrame,
    ends: Sequence[pd.Period],
    columns: Sequence[str] = ("london_total", "westminster", "camden"),
    definition: str = ALL_ROWS.name,
) -> pd.DataFrame:
    """What each vintage says about the same windows, and how far the vintages disagree.

    Rows (``end``, ``measure``); one column per vintage that covers the window (``<NA>``
    otherwise), then ``lowest``, ``highest``, ``spread`` and ``spread_pct`` (of the lowest).
    """
    rows = grid[grid["complete"] & (grid["definition"] == definition)]
    rows = rows[rows["end"].isin([pd.Period(e, "M") for e in ends])]
    long = rows.melt(["end", "vintage"], list(columns), var_name="measure")
    table = long.pivot_table(index=["end", "measure"], columns="vintage", values="value",
                             aggfunc="sum", sort=False)
    table = table.reindex(columns=sorted(grid["vintage"].unique())).astype("Int64")
    low, high = table.min(axis=1), table.max(axis=1)
    return table.assign(lowest=low, highest=high, spread=high - low,
                        spread_pct=(100 * (high - low) / low).astype("Float64"))


def rank_areas(counts: pd.Series) -> pd.DataFrame:
    """Areas ranked by count, highest first: columns ``count`` and ``rank``, indexed by area.

    Ties share the best rank of their group (1, 2, 2, 4: "competition" ranking) and are listed
    alphabetically by area name.
    """
    table = pd.DataFrame({"count": counts})
    table.index.name = "area"
    table["rank"] = table["count"].rank(method="min", ascending=False).astype("int64")
    return table.reset_index().sort_values(["rank", "area"]).set_index("area")


def check_order(ranking: pd.DataFrame, claimed_order: Sequence[str]) -> pd.DataFrame:
    """Claimed position vs actual rank for each area the claim names, in the claimed order.

    Names are matched with :func:`hotspots.names.name_key`. ``in_place`` is true when the
    actual rank equals the claimed position; ``in_claimed_top`` when the area ranks within
    the top ``len(claimed_order)``, i.e. the claim is right as a set if not as an order.
    """
    keys = {name_key(area): area for area in ranking.index}
    rows = []
    for position, name in enumerate(claimed_order, start=1):
        if name_key(name) not in keys:
            raise KeyError(f"{name!r} is not among the ranked areas")
        area = keys[name_key(name)]
        rank = int(ranking.at[area, "rank"])
        rows.append({"area": area, "claimed_position": position, "actual_rank": rank,
                     "count": int(ranking.at[area, "count"]), "in_place": rank == position,
                     "in_claimed_top": rank <= len(claimed_order)})
    return pd.DataFrame(rows).set_index("area")


def ranks_across_windows(
    tables_by_vintage: Mapping[str, pd.DataFrame],
    ends: Sequence[pd.Period],
    areas: Sequence[str],
    definition: Definition = BOROUGHS_ONLY,
    months: int = 12,
) -> pd.DataFrame:
    """The rank (as :func:`rank_areas`) of each of ``areas`` in every fully covered window.

    Rows (``vintage``, ``end``) for each vintage × window end the vintage covers; one column
    per area (names matched with :func:`hotspots.names.name_key`, shown as in ``areas``).
    """
    rows = {}
    for vintage in sorted(tables_by_vintage):
        table = definition.apply(tables_by_vintage[vintage])
        present = _ordinals(table)
        monthly = table.groupby(["month", "area_name"])["count"].sum().unstack(fill_value=0)
        monthly.index = pd.PeriodIndex(monthly.index, freq="M").asi8
        keys = {name_key(name): name for name in monthly.columns}
        missing = [a for a in areas if name_key(a) not in keys]
        if missing:
            raise KeyError(f"vintage {vintage} has no area named {missing}")
        for end in sorted(pd.Period(e, "M") for e in ends):
            if _missing(present, end, months):
                continue
            ranking = rank_areas(_window_sum(monthly, end, months))
            rows[(vintage, end)] = {a: int(ranking.at[keys[name_key(a)], "rank"]) for a in areas}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=list(areas))
    return table.rename_axis(["vintage", "end"])


def rate_per_1000(counts: float | pd.Series, population: float | pd.Series) -> float | pd.Series:
    """Offences per 1,000 residents (Series align on their index)."""
    return counts / population * 1000


def rate_sensitivity(
    count: float, populations: Mapping[str, float], claimed_rate: float | None = None
) -> pd.DataFrame:
    """How the rate per 1,000 moves with the population denominator.

    ``populations`` maps a label (source and year, e.g. "Census 2011") to a population. Columns:
    ``population``, ``rate_per_1000`` and, with ``claimed_rate``, ``gap`` (rate − claim).
    """
    table = pd.DataFrame({"population": pd.Series(populations, dtype="float64")})
    table.index.name = "population source"
    table["rate_per_1000"] = rate_per_1000(count, table["population"])
    if claimed_rate is not None:
        table["gap"] = table["rate_per_1000"] - claimed_rate
    return table


def implied_population(count: float, rate: float) -> float:
    """The population that makes ``count`` offences a rate of ``rate`` per 1,000."""
    return count * 1000 / rate


