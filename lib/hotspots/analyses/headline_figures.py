"""Notebook 01: London's 2024 total, the +2%, the borough ranking, Westminster's rate per 1,000.

The verdict basis is the one the article states: calendar 2024, every row of the Met borough
file, in each published vintage that covers the year (:func:`stated_basis`); the spread across
vintages is the interval the rules judge. Everything else is sensitivity: the search over
window ends × definitions × vintages (:func:`candidate_grid`) with its decoy test and joint
fit, other definitions of the rise (:func:`change_sensitivity`), the airport row's move into
Hillingdon (:func:`row_groups`, :func:`airport_months`), ranks in every window
(:func:`ranks_across_windows`) and rates on other denominators
(:func:`westminster_denominators`, :func:`resident_vs_workday`).

Functions below the loaders take the tidy Met table (``area_code``, ``area_name``, ``major``,
``month`` as ``Period[M]``, ``count``, ``vintage`` …) or numbers derived from it, so they can
be tested on small tables with known answers. Totals are only ever taken within one vintage,
because the Met revises past months between releases. The ``figure_*`` functions compose
:mod:`hotspots.viz` drawings into the notebook's figures (the notebook saves them).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from hotspots.article import ARTICLE_CLAIMS, ARTICLE_RATE_PER_1000, statement
from hotspots.claims import verdicts
from hotspots.io import boundaries, met, populations
from hotspots.names import name_key
from hotspots.viz import charts, maps, style

WESTMINSTER = "E09000033"
CAMDEN = "E09000007"
HILLINGDON = "E09000017"
#: The file's two rows without a borough code (the City of London is not in the Met's file).
AIRPORTS = "London Heathrow and London City Airports"
UNKNOWN = "Unknown"
#: "In the year to December 2024": the calendar year the headline statements state.
STATED_YEAR = 2024
SOURCE_MET = ("Met borough file: MPS Recorded Crime: Geographic Breakdown (Metropolitan Police "
              "Service, London Datastore, OGL v3.0), data folder met_datastore/borough")
SOURCE_CENSUS = ("Census 2021 TS007A usual residents and ODWP01EW workplace flows (ONS, OGL "
                 "v3.0), data folder population/")


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
BOROUGHS_AND_AIRPORTS = Definition(
    "boroughs and airports",
    "the 32 boroughs and the airports row; 'Unknown' location rows left out",
    lambda t: t["area_code"].notna() | (t["area_name"] == AIRPORTS),
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




# --- the search, summarised -----------------------------------------------------------------

#: The counts the search looks for, with their labels; :data:`SEARCHED` adds the change.
COUNTS_SEARCHED = {"london_total": "London total", "westminster": "Westminster",
                   "camden": "Camden"}
SEARCHED = {**COUNTS_SEARCHED, "change_pct": "change, %"}


def search_size(grid: pd.DataFrame) -> pd.Series:
    """How many candidates the search holds: window ends, definitions, vintages, combinations,
    those fully covered (a total can be taken) and those with a previous year too."""
    return pd.Series({
        "window ends": grid["end"].nunique(),
        "definitions": grid["definition"].nunique(),
        "vintages": grid["vintage"].nunique(),
        "combinations": len(grid),
        "fully covered (a total can be taken)": int(grid["complete"].sum()),
        "with a previous year too (a change can be taken)": int(grid["change_pct"].notna().sum()),
    }, name="count")


def nearest_table(grid: pd.DataFrame, columns: Mapping[str, str] = SEARCHED, n: int = 3
                  ) -> pd.DataFrame:
    """The ``n`` candidates nearest each claim (:func:`nearest`), rows (claim, rank): vintage,
    definition, window end, value, gap and gap % (of the claim)."""
    parts = {}
    for column, label in columns.items():
        rows = nearest(grid, column, n)
        parts[label] = pd.DataFrame({
            "vintage": rows["vintage"].to_numpy(), "definition": rows["definition"].to_numpy(),
            "window end": rows["end"].astype(str).to_numpy(),
            "value": rows[column].astype("float64").to_numpy(),
            "gap": rows[f"{column}_gap"].astype("float64").to_numpy(),
            "gap %": rows[f"{column}_gap_pct"].astype("float64").to_numpy()},
            index=pd.RangeIndex(1, len(rows) + 1))
    return pd.concat(parts, names=["claim", "rank"])


def decoy_summary(grid: pd.DataFrame, shifts_pct: Sequence[float],
                  columns: Mapping[str, str] = COUNTS_SEARCHED,
                  claims: Mapping[str, float] = ARTICLE_CLAIMS, tolerance_pct: float = 0.05
                  ) -> pd.DataFrame:
    """Per claim: the search's best gap to the claim and, over made-up numbers near it
    (:func:`decoy_matches`), the median best gap and how many are matched within
    ``tolerance_pct``. All gaps in % of the target, absolute; ``claims`` must be those the
    grid was built with."""
    rows = {}
    for column, label in columns.items():
        decoys = decoy_matches(grid, column, claims[column], shifts_pct)["best_gap_pct"]
        rows[label] = {
            "best gap to the claim, %": abs(float(closest(grid, column)[f"{column}_gap_pct"])),
            "median best gap to a decoy, %": float(decoys.abs().median()),
            f"decoys matched within {tolerance_pct:g}%": int((decoys.abs() <= tolerance_pct
                                                              ).sum()),
            "decoys": len(decoys)}
    return pd.DataFrame.from_dict(rows, orient="index")


def joint_fit_summary(grid: pd.DataFrame, fits: Mapping[str, Sequence[str]], n: int = 3
                      ) -> pd.DataFrame:
    """The ``n`` best vintage × window pairs (each with its best definition) for each set of
    claims in ``fits`` (label → claim columns), by the worst of their gaps (:func:`joint_fit`).

    Rows (fitted to, position); columns vintage, definition, window end, each claim's gap %
    and the worst gap %.
    """
    parts = {}
    for label, columns in fits.items():
        best = joint_fit(grid, columns).drop_duplicates(["vintage", "end"]).head(n)
        gaps = {f"{SEARCHED[c]} gap %": best[f"{c}_gap_pct"].astype("float64").to_numpy()
                for c in columns}
        parts[label] = pd.DataFrame({
            "vintage": best["vintage"].to_numpy(), "definition": best["definition"].to_numpy(),
            "window end": best["end"].astype(str).to_numpy(), **gaps,
            "worst gap %": best["worst_gap_pct"].to_numpy()},
            index=pd.RangeIndex(1, len(best) + 1))
    table = pd.concat(parts, names=["fitted to", "position"])
    gap_columns = [f"{label} gap %" for label in SEARCHED.values()
                   if f"{label} gap %" in table.columns]
    return table[["vintage", "definition", "window end", *gap_columns, "worst gap %"]]


# --- the data and the stated basis ----------------------------------------------------------


def load_tables() -> dict[str, pd.DataFrame]:
    """Every vintage of the Met borough file, one tidy table per vintage label (sorted)."""
    stacked = met.load_all_vintages("borough")
    return {label: rows for label, rows in stacked.groupby("vintage", sort=True)}


def coverage(tables: Mapping[str, pd.DataFrame], years: Sequence[int] = (2023, STATED_YEAR)
             ) -> pd.DataFrame:
    """What each vintage covers: first and last month, months, boroughs (area codes), the rows
    without a borough code, and whether it covers each calendar year of ``years``."""
    rows = {}
    for label in sorted(tables):
        table = tables[label]
        months = pd.PeriodIndex(table["month"].unique(), freq="M")
        other = table.loc[table["area_code"].isna(), "area_name"].unique()
        row = {"first month": months.min(), "last month": months.max(), "months": len(months),
               "boroughs": int(table["area_code"].nunique()),
               "rows without a borough": "; ".join(sorted(other))}
        present = _ordinals(table)
        for year in years:
            row[f"covers {year}"] = not _missing(present, pd.Period(f"{year}-12", "M"), 12)
        rows[label] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("vintage")


def stated_basis(tables: Mapping[str, pd.DataFrame], year: int = STATED_YEAR) -> pd.DataFrame:
    """The article's stated basis in every vintage that covers the calendar year ``year``.

    Index ``vintage``; columns ``london_total`` (every row of the file: boroughs, airports,
    unknown location), ``previous_total`` (year − 1; <NA> where the vintage does not cover
    it), ``change_pct``, ``westminster``, ``camden`` and ``ratio`` (Westminster ÷ Camden).
    """
    grid = candidate_grid(tables, [pd.Period(f"{year}-12", "M")], definitions=[ALL_ROWS])
    rows = grid[grid["complete"]].set_index("vintage")
    if rows.empty:
        raise ValueError(f"no vintage covers every month of {year}")
    table = rows[["london_total", "prev_total", "change_pct", "westminster", "camden"]]
    table = table.rename(columns={"prev_total": "previous_total"})
    return table.assign(ratio=table["westminster"].astype("float64")
                        / table["camden"].astype("float64"))


def close_band(statement_id: str) -> tuple[float, float]:
    """The levels the number rule calls at least close for a statement: the range its wording
    allows (± half its last unit) widened by the rule's band (2%) of the claimed level."""
    stated = statement(statement_id).number
    low, high, _, _ = stated.bounds()
    slack = verdicts.BAND * abs(stated.value)
    return low - slack, high + slack


#: The statements this notebook decides, and those the catalogue decides that it supports.
DECIDED = ("london-total-2024", "london-change-2024", "westminster-total-2024",
           "camden-total-2024", "westminster-nearly-double-camden", "borough-order-2024")
SUPPORTED = ("westminster-rate-per-1000", "westminster-footfall-explanation")


def statement_table(statement_ids: Sequence[str]) -> pd.DataFrame:
    """The catalogued statements: the article's words, what they state, the basis they are
    judged on (or the catalogue's reason when it decides them), and the first report's
    wording."""
    rows = {}
    for statement_id in statement_ids:
        item = statement(statement_id)
        stated = ("; ".join(n.text for n in item.numbers) if item.numbers else
                  ", ".join(g[0] for g in item.ranking))
        basis = item.basis or f"decided in the catalogue: {item.unchecked.reason}"
        rows[statement_id] = {"the article's words": item.quote, "stated": stated,
                              "basis": basis, "first printed as": item.printed_wording}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("statement")


def verdict_table(decided: Mapping[str, verdicts.Verdict]) -> pd.DataFrame:
    """Verdicts for display, one row per statement: verdict, claimed, ours, our lowest and
    highest on the stated basis, the gap in % of the claim, and the reason (columns that no
    verdict fills, e.g. the numbers of a ranking, are left out)."""
    rows = {sid: {"verdict": v.verdict, "claimed": v.claimed, "ours": v.ours, "lowest": v.low,
                  "highest": v.high, "gap %": v.gap_pct, "reason": v.reason}
            for sid, v in decided.items()}
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("statement")
    return table.dropna(axis=1, how="all")


def ratio_phrases(ratios: pd.Series) -> pd.DataFrame:
    """Which verbal ratio of :data:`hotspots.claims.verdicts.RATIO_PHRASES` our ratios (one per
    vintage) fit: each phrase's range and how many of ours lie inside it."""
    rows = {}
    for phrase, (low, high, low_open, high_open) in verdicts.RATIO_PHRASES.items():
        inside = ((ratios > low) | ((ratios == low) & (not low_open))) & (
            (ratios < high) | ((ratios == high) & (not high_open)))
        rows[phrase] = {"from": low, "to": high, "ours inside": int(inside.sum()),
                        "of": len(ratios)}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("phrase")


def rolling_totals(tables: Mapping[str, pd.DataFrame], definition: Definition = ALL_ROWS,
                   months: int = 12) -> pd.DataFrame:
    """The ``months``-month total ending in each month, one column per vintage.

    Index: window end (``Period[M]``) from the first month any vintage covers to the last;
    <NA> where the vintage lacks a month of the window (never a total of part of a year).
    """
    first = min(pd.PeriodIndex(t["month"].unique(), freq="M").min() for t in tables.values())
    last = max(pd.PeriodIndex(t["month"].unique(), freq="M").max() for t in tables.values())
    index = pd.period_range(first, last, freq="M")
    columns = {}
    for label in sorted(tables):
        table = tables[label]
        present = pd.PeriodIndex(sorted(table["month"].unique()), freq="M")
        monthly = definition.apply(table).groupby("month")["count"].sum()
        monthly = monthly.reindex(present, fill_value=0).reindex(index).astype("float64")
        columns[label] = monthly.rolling(months, min_periods=months).sum()
    return pd.DataFrame(columns, index=index).rename_axis("end").astype("Int64")


# --- the rise: definitions, windows and the non-borough rows --------------------------------


def change_sensitivity(
    tables: Mapping[str, pd.DataFrame],
    ends: Sequence[pd.Period],
    definitions: Sequence[Definition] = (ALL_ROWS, BOROUGHS_AND_AIRPORTS, BOROUGHS_ONLY),
) -> pd.DataFrame:
    """London's % change on the previous 12 months, by window end × definition (rows, in the
    order given) and vintage (columns: those that cover both windows of some row)."""
    grid = candidate_grid(tables, ends, definitions=definitions)
    usable = grid[grid["change_pct"].notna()].astype({"change_pct": "float64"})
    table = usable.pivot_table(index=["end", "definition"], columns="vintage",
                               values="change_pct", aggfunc="first")
    order = pd.MultiIndex.from_product([[pd.Period(e, "M") for e in ends],
                                        [d.name for d in definitions]],
                                       names=["window end", "definition"])
    return table.reindex(order).dropna(how="all")


def row_groups(tables: Mapping[str, pd.DataFrame], years: Sequence[int] = (2023, STATED_YEAR)
               ) -> pd.DataFrame:
    """Offences per calendar year in the file's kinds of row, in each vintage covering every
    year of ``years``: the 32 boroughs, the airports row, unknown location and all rows.

    Rows (``vintage``, ``rows``); one column per year, then ``change`` and ``change_pct``
    (last year on the first).
    """
    first, last = years[0], years[-1]
    out = {}
    for label in sorted(tables):
        table = tables[label]
        present = _ordinals(table)
        if any(_missing(present, pd.Period(f"{y}-12", "M"), 12) for y in years):
            continue
        in_years = table[table["month"].dt.year.isin(years)]
        group = np.where(in_years["area_code"].notna(), "32 boroughs",
                         np.where(in_years["area_name"] == AIRPORTS, "airports row",
                                  np.where(in_years["area_name"] == UNKNOWN,
                                           "unknown location", "other")))
        sums = in_years.groupby([group, in_years["month"].dt.year])["count"].sum().unstack()
        sums = sums.reindex(["32 boroughs", "airports row", "unknown location"], fill_value=0)
        sums.loc["all rows"] = in_years.groupby(in_years["month"].dt.year)["count"].sum()
        for name, row in sums.fillna(0).astype("int64").iterrows():
            out[(label, name)] = row.to_dict()
    if not out:
        raise ValueError(f"no vintage covers every month of {list(years)}")
    table = pd.DataFrame.from_dict(out, orient="index").rename_axis(["vintage", "rows"])
    table["change"] = table[last] - table[first]
    table["change_pct"] = 100 * table["change"] / table[first].where(table[first] > 0)
    return table


def airport_months(table: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """Monthly offences in the airports row and in Hillingdon (the borough holding Heathrow)
    from ``first`` to ``last`` in one vintage; columns ``Hillingdon``, ``airports row``."""
    months = pd.period_range(first, last, freq="M")
    gaps = sorted(set(months.asi8) - _ordinals(table))
    if gaps:
        raise IncompleteWindowError(f"the table lacks {len(gaps)} month(s) of {first}–{last}")
    rows = table[table["month"].isin(months)]
    hillingdon = rows[rows["area_code"] == HILLINGDON].groupby("month")["count"].sum()
    airports = rows[rows["area_name"] == AIRPORTS].groupby("month")["count"].sum()
    out = pd.DataFrame({"Hillingdon": hillingdon, "airports row": airports})
    return out.reindex(months, fill_value=0).fillna(0).astype("int64").rename_axis("month")


# --- boroughs: counts, ranks and the first report's figures ---------------------------------


def borough_counts(tables: Mapping[str, pd.DataFrame], year: int = STATED_YEAR) -> pd.DataFrame:
    """Offences per borough in calendar ``year``, one column per vintage covering the year.

    Index ``area_name`` (the 32 Met boroughs), column ``area_code`` first; sorted by the
    newest vintage's count (highest first), ties by name.
    """
    end = pd.Period(f"{year}-12", "M")
    columns, codes = {}, None
    for label in sorted(tables):
        if missing_months(tables[label], end):
            continue
        per_area = window_total(tables[label], end, definition=BOROUGHS_ONLY, per_area=True)
        columns[label] = per_area["count"]
        codes = per_area["area_code"]
    if not columns:
        raise ValueError(f"no vintage covers every month of {year}")
    table = pd.DataFrame(columns)
    newest = table.columns[-1]
    table = table.sort_index().sort_values(newest, ascending=False, kind="stable")
    table.insert(0, "area_code", codes.reindex(table.index))
    return table


def consensus_ranks(counts: pd.DataFrame) -> dict[str, int]:
    """Each borough's rank (as :func:`rank_areas`), which every vintage column of ``counts``
    (from :func:`borough_counts`) must agree on; ``ValueError`` naming the boroughs otherwise."""
    ranks = pd.DataFrame({v: rank_areas(counts[v])["rank"] for v in counts.columns
                          if v != "area_code"})
    disagree = ranks.index[ranks.nunique(axis=1) > 1].tolist()
    if disagree:
        raise ValueError(f"the vintages rank {disagree} differently")
    first = ranks.iloc[:, 0]
    return {str(k): int(v) for k, v in first.sort_values(kind="stable").items()}


def rank_spread(ranks: pd.DataFrame, claimed_order: Sequence[str]) -> pd.DataFrame:
    """Per borough of :func:`ranks_across_windows`: the place the article gives it (<NA> when
    it names none), the best and worst rank over the windows, and in how many of them it holds
    the claimed place."""
    claimed = {name_key(n): i for i, n in enumerate(claimed_order, start=1)}
    rows = {}
    for area in ranks.columns:
        place = claimed.get(name_key(area))
        rows[area] = {"claimed place": place, "best rank": int(ranks[area].min()),
                      "worst rank": int(ranks[area].max()),
                      "windows at the claimed place": (int((ranks[area] == place).sum())
                                                       if place else None),
                      "windows": len(ranks)}
    return pd.DataFrame.from_dict(rows, orient="index").astype(
        {"claimed place": "Int64", "windows at the claimed place": "Int64"})


_PRINTED = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z]+)*) \(([\d,]+)\)")


def printed_figures() -> pd.Series:
    """The borough figures of the first report (Evening Standard, press-facts D2) as the
    catalogue quotes them: Westminster's, then the five in the ranking's printed wording."""
    wording = statement("borough-order-2024").printed_wording
    found = {name: int(number.replace(",", "")) for name, number in _PRINTED.findall(wording)}
    if not found:
        raise ValueError("the ranking's printed wording names no borough with a figure")
    return pd.Series({"Westminster": int(ARTICLE_CLAIMS["westminster"]), **found},
                     name="printed", dtype="int64")


def printed_vs_ours(counts: pd.DataFrame, printed: pd.Series) -> pd.DataFrame:
    """The first report's figures against ours (:func:`borough_counts`): our lowest and
    highest over the vintages, and how far the printed figure lies outside that range (% of
    it; 0 inside)."""
    ours = counts.drop(columns="area_code").loc[printed.index]
    low, high = ours.min(axis=1), ours.max(axis=1)
    outside = np.maximum(low - printed, 0) - np.maximum(printed - high, 0)
    return pd.DataFrame({"printed": printed, "ours, lowest": low, "ours, highest": high,
                         "printed outside ours, %": 100 * -outside / printed})


# --- rates and denominators -----------------------------------------------------------------


def rate_per_1000(counts: float | pd.Series, population: float | pd.Series) -> float | pd.Series:
    """Offences per 1,000 people (Series align on their index)."""
    return counts / population * 1000


def implied_population(count: float, rate: float) -> float:
    """The population that makes ``count`` offences a rate of ``rate`` per 1,000."""
    return count * 1000 / rate


def borough_rates(counts: pd.Series, source: str = "census2021") -> pd.DataFrame:
    """Offences per 1,000 people of the 33 boroughs (population ``source`` of
    :func:`hotspots.io.populations.borough_population`); ``counts`` indexed by borough code.

    Columns borough_code, borough_name, count (<NA> for boroughs not in ``counts``: the City),
    population, rate_per_1000; sorted by rate, highest first, missing last.
    """
    table = populations.borough_population(source)[["borough_code", "borough_name",
                                                    "population"]].copy()
    table["count"] = table["borough_code"].map(counts).astype("Int64")
    table["rate_per_1000"] = rate_per_1000(table["count"].astype("float64"),
                                           table["population"])
    return table.sort_values(["rate_per_1000", "borough_name"], ascending=[False, True],
                             na_position="last", kind="stable").reset_index(drop=True)


#: Westminster's denominators shown, in :func:`hotspots.io.populations.denominators` labels.
DENOMINATORS_SHOWN = ("Census 2021 usual residents", "Census 2021 workplace population",
                      "Census 2021 workday population (derived)")
IMPLIED_LABEL = "the population the article's 432 implies"


def westminster_denominators(ours: int, *, claimed_count: float = ARTICLE_CLAIMS["westminster"],
                             claimed_rate: float = ARTICLE_RATE_PER_1000) -> pd.DataFrame:
    """Westminster's 2024 offences per 1,000 people on each denominator, smallest first.

    Rows: Census 2021 residents, the population the article's rate implies (``claimed_count``
    ÷ ``claimed_rate`` × 1,000), and the Census 2021 workplace and workday populations. Columns
    population, measures, rate (the article's count), rate (``ours``).
    """
    table = populations.denominators(WESTMINSTER)
    table = table[table["denominator"].isin(DENOMINATORS_SHOWN)]
    table = table.set_index("denominator")[["population", "measures"]]
    table.loc[IMPLIED_LABEL] = {
        "population": round(implied_population(claimed_count, claimed_rate)),
        "measures": f"{claimed_count:,.0f} ÷ {claimed_rate:g} × 1,000 (no such figure in the "
                    "data folder)"}
    table["population"] = table["population"].astype("int64")
    table["rate, the article's count"] = rate_per_1000(claimed_count, table["population"])
    table["rate, our count"] = rate_per_1000(ours, table["population"])
    return table.sort_values("population", kind="stable")


def resident_vs_workday(counts: pd.Series) -> pd.DataFrame:
    """Each borough's offences per 1,000 residents (Census 2021) and per 1,000 workday
    population (Census 2021, derived), and a row for the 32 boroughs together.

    ``counts`` indexed by borough code (the City, absent, is left out). Index borough name;
    columns count, residents, workday, per_resident, per_workday, workday_to_residents;
    sorted by the rate per resident, highest first.
    """
    people = populations.workday_population().set_index("borough_code")
    people = people.loc[people.index.isin(counts.index)]
    table = pd.DataFrame({"borough": people["borough_name"],
                          "count": counts.reindex(people.index).astype("int64"),
                          "residents": people["residents"], "workday": people["workday"]})
    table = table.set_index("borough")
    table.loc["London (32 boroughs)"] = table.sum()
    table["per_resident"] = rate_per_1000(table["count"], table["residents"])
    table["per_workday"] = rate_per_1000(table["count"], table["workday"])
    table["workday_to_residents"] = table["workday"] / table["residents"]
    return table.sort_values("per_resident", ascending=False, kind="stable")


# --- figures ---------------------------------------------------------------------------------


def figure_rolling_totals(totals: pd.DataFrame, first: str = "2022-01") -> Figure:
    """The newspaper chart: London's rolling 12-month total in each vintage from window end
    ``first``, the article's 957,481 with the band the number rule calls close, and calendar
    2024 marked."""
    shown = totals.loc[pd.Period(first, "M"):].dropna(how="all")
    fig, ax = plt.subplots(figsize=(11.5, 5.4))
    low, high = close_band("london-total-2024")
    claimed = ARTICLE_CLAIMS["london_total"]
    charts.rolling_total_chart(
        ax, shown.astype("float64"), reference=claimed, band=(low, high),
        mark=pd.Period(f"{STATED_YEAR}-12", "M"),
        reference_label=f"the article: {claimed:,.0f}",
        band_label=f"'close' by the rule:\nwithin 2% ({low:,.0f}–{high:,.0f})",
        mark_label=f"year to December {STATED_YEAR}")
    ax.set_ylabel("offences in the 12 months to the month shown (thousands)")
    ax.set_xlabel("end of the 12-month window")
    ax.set_title(f"No release of the Met's file reaches {claimed:,.0f} for {STATED_YEAR};\n"
                 "two of the three that cover the year land just inside the 2% band")
    ax.legend(title="line: vintage (release)", loc="upper left", bbox_to_anchor=(1.01, 1.0),
              fontsize=8, title_fontsize=8)
    return fig


def figure_airports(months: pd.DataFrame) -> Figure:
    """Hillingdon and the airports row stacked month by month (:func:`airport_months`)."""
    fig, ax = plt.subplots(figsize=(9, 4.2))
    charts.stacked_monthly_bars(ax, months, {"Hillingdon": style.NEUTRAL,
                                                  "airports row": style.HIGHLIGHT})
    ax.set_ylabel("offences per month")
    ax.set_xlabel("month")
    ax.set_title("Heathrow's crime was counted apart from Hillingdon\n"
                 "from April 2023 to February 2024")
    return fig


def figure_ranking(counts: pd.Series, highlight: Sequence[str]) -> Figure:
    """The 32 boroughs' 2024 offences, highest first, the ``highlight`` boroughs in red."""
    fig, ax = plt.subplots(figsize=(9, 8.2))
    charts.ranked_bars(ax, counts / 1000, highlight=highlight, fmt="{:,.1f}k", annotate=8)
    ax.set_xlabel("offences recorded in 2024 (thousands)")
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title("Recorded crime in 2024: Tower Hamlets, not Croydon, is sixth")
    ax.legend(handles=[plt.Rectangle((0, 0), 1, 1, color=style.HIGHLIGHT),
                       plt.Rectangle((0, 0), 1, 1, color=style.NEUTRAL)],
              labels=["named by the article", "other boroughs"], loc="lower right")
    return fig


def borough_frame(values: pd.DataFrame) -> gpd.GeoDataFrame:
    """The 33 borough polygons (EPSG:27700) with ``values`` (a ``borough_code`` column)
    joined; boroughs without a row keep missing values."""
    frame = boundaries.boroughs()[["borough_code", "borough_name", "geometry"]]
    return frame.merge(values.drop(columns=["borough_name"], errors="ignore"),
                       on="borough_code", how="left", validate="1:1")


def _borough_labels(frame: gpd.GeoDataFrame, labels: Mapping[str, str]) -> gpd.GeoDataFrame:
    """Anchors for :func:`hotspots.viz.maps.label_places`: ``labels`` by borough code, wrapped
    at 12 characters, at each borough's centroid (or a point inside it when the centroid is
    not)."""
    chosen = frame[frame["borough_code"].isin(labels)]
    centroids = chosen.centroid
    points = centroids.where(centroids.within(chosen.geometry), chosen.representative_point())
    text = chosen["borough_code"].map(labels).map(lambda t: textwrap.fill(t, 12))
    return gpd.GeoDataFrame({"label": text.to_numpy()},
                            geometry=points.to_numpy(), crs=frame.crs)


def figure_map(frame: gpd.GeoDataFrame, column: str, *, title: str, legend_title: str,
               labels: Mapping[str, str], fmt: str = "{:,.0f}") -> Figure:
    """A borough choropleth of ``column`` (Fisher–Jenks, 5 classes), the City hatched as no
    data, ``labels`` (by borough code) written on their boroughs, and a 10 km scale bar."""
    fig, ax = plt.subplots(figsize=(10.5, 7.6))
    maps.choropleth(ax, frame, column, legend_title=legend_title, fmt=fmt,
                          units=("borough", "boroughs"),
                          missing_label="City of London: no data\n(City of London Police)",
                          legend_loc="lower left", legend_anchor=(0.86, 0.0))
    maps.label_places(ax, _borough_labels(frame, labels))
    style.map_axes(ax, title)
    maps.scale_bar(ax, 10_000, loc="lower left")
    return fig


def figure_denominators(table: pd.DataFrame, boroughs_table: pd.DataFrame, top: int = 12
                        ) -> Figure:
    """Left: the article's count for Westminster per 1,000 people on each denominator
    (:func:`westminster_denominators`), with its 432. Right: per resident vs per workday
    person for the ``top`` boroughs by resident rate and London (:func:`resident_vs_workday`).
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(12.5, 5.6),
                                      gridspec_kw={"width_ratios": [1, 1.1]})
    rates = table["rate, the article's count"].copy()
    rates.index = [f"{name}\n{pop:,.0f} people" for name, pop in
                   zip(table.index, table["population"], strict=True)]
    charts.ranked_bars(left, rates, reference=ARTICLE_RATE_PER_1000,
                            reference_label=f"the article: {ARTICLE_RATE_PER_1000:g}")
    left.set_xlabel(f"Westminster's {ARTICLE_CLAIMS['westminster']:,.0f} offences (the article) "
                    "per 1,000 people")
    left.set_title("Westminster: the more of the people who are there\n"
                   "you count, the lower the rate", fontsize=11, pad=16)
    left.tick_params(axis="y", labelsize=8)
    shown = pd.concat([boroughs_table.drop(index="London (32 boroughs)").head(top),
                       boroughs_table.loc[["London (32 boroughs)"]]])
    charts.dumbbell(right, shown, "per_resident", "per_workday",
                         labels=("per 1,000 residents", "per 1,000 workday population"),
                         highlight=["Westminster"])
    right.set_xlabel("2024 offences per 1,000 people (Census 2021 populations)")
    right.set_title(f"The {top} highest rates per resident: only\n"
                    "Westminster's halves on the workday population", fontsize=11, pad=16)
    right.legend(loc="lower right", fontsize=8)
    right.tick_params(axis="y", labelsize=8)
    return fig
