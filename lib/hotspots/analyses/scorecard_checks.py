"""Notebook 06 (the fact-check scorecard): the two checks no other notebook owns.

- **The staffing cut** (``staffing-cuts-1700``: "cuts to staffing (1,700 officers and
  staff)"). The Met announced in April 2025 that it would shrink by over 1,700 officers, staff
  and PCSOs in 2025/26. :func:`workforce_wide` puts the Met's full-time equivalent (FTE)
  workforce by date and group, :func:`workforce_changes` measures falls between dates, and
  :func:`staffing_verdict` applies the number rule to the fall over 2025/26 when the data
  folder holds it, and otherwise says which release would settle it.
- **"Data-led" selection** (``data-led-hotspot-selection``, declared not checkable in the
  catalogue): whether stop-and-search and **victim-based** crime concentrate in the same
  places, as supporting evidence only: :func:`crime_counts`, :func:`search_counts`,
  :func:`search_accounting`, :func:`alignment`, :func:`alignment_table` and, for maps,
  :func:`rank_classes`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from hotspots.article import statement
from hotspots.claims import verdicts
from hotspots.claims.verdicts import Verdict, fmt
from hotspots.crimes import SEARCH_GENERATED, VICTIM_BASED
from hotspots.geo import assign
from hotspots.io import workforce
from hotspots.months import MonthSpan
from hotspots.stats.concentration import share_held_by_top, top_units

# --- the staffing cut -------------------------------------------------------------------

STAFFING = "staffing-cuts-1700"
OFFICERS, PCSOS, STAFF = "officers", "PCSOs", "police staff"
GROUPS = (OFFICERS, PCSOS, STAFF)
#: Home Office worker types → the groups of the Met's "officers, staff and PCSOs" (designated
#: officers are police staff with some police powers; special constables and volunteers are
#: unpaid and have no FTE).
WORKER_GROUPS = {"police officer": OFFICERS, "PCSO": PCSOS, "police staff": STAFF,
                 "designated officer": STAFF}
FRONTLINE = "officers and PCSOs"
EVERYONE = "officers, PCSOs and staff"

#: The year the cut was announced for: 31 March 2025 to 31 March 2026.
PLAN_START, PLAN_END = pd.Timestamp("2025-03-31"), pd.Timestamp("2026-03-31")
#: The comparisons shown, label → (from, to): the first half of 2025/26, the year to the
#: latest figure, the change since the officers' peak (March 2023), and the year of the cut,
#: which the verdict needs.
FIRST_HALF, YEAR_TO_SEPTEMBER, SINCE_PEAK, PLAN_YEAR = (
    "Mar 2025 → Sep 2025", "Sep 2024 → Sep 2025", "Mar 2023 → Sep 2025",
    "Mar 2025 → Mar 2026")
CHANGES = {
    FIRST_HALF: (PLAN_START, pd.Timestamp("2025-09-30")),
    YEAR_TO_SEPTEMBER: (pd.Timestamp("2024-09-30"), pd.Timestamp("2025-09-30")),
    SINCE_PEAK: (pd.Timestamp("2023-03-31"), pd.Timestamp("2025-09-30")),
    PLAN_YEAR: (PLAN_START, PLAN_END),
}
#: The open data that would settle the statement (not in the data folder; workforce/SOURCES.md).
STAFFING_DATASET = ("Home Office police workforce open data table, 31 March 2007 to 31 March "
                    "2026 (release of 22 July 2026): officers, PCSOs and police staff FTE by "
                    "force")
STAFFING_PUBLISHER = "Home Office"


def workforce_wide(tidy: pd.DataFrame) -> pd.DataFrame:
    """The Met's FTE by date: columns :data:`GROUPS` (NaN where the date has no figure for
    the group) and ``official`` (True for the Home Office open data table, False for the
    third-party table of rounded figures).

    ``tidy``: :func:`hotspots.io.workforce.met_workforce`. Where both files give a date, the
    open data table's figures are used.
    """
    rows = tidy[tidy["worker_type"].isin(list(WORKER_GROUPS))].assign(
        group=lambda t: t["worker_type"].map(WORKER_GROUPS),
        official=lambda t: t["source"] != workforce.DERIVED)
    best = rows.groupby("date")["official"].transform("max")
    rows = rows[rows["official"] == best]
    wide = rows.pivot_table(index="date", columns="group", values="fte", aggfunc="sum")
    wide = wide.reindex(columns=list(GROUPS))
    wide["official"] = rows.groupby("date")["official"].first()
    wide.columns.name = None
    return wide


def workforce_changes(wide: pd.DataFrame, changes: Mapping[str, tuple] = CHANGES
                      ) -> pd.DataFrame:
    """The change in FTE between the dates of each comparison (label → (from, to)).

    Columns: ``from``, ``to``, each group, :data:`FRONTLINE` and :data:`EVERYONE` (NaN where
    either date lacks a figure, so a comparison the data folder cannot make shows as blank).
    """
    rows = []
    for start, end in changes.values():
        start, end = pd.Timestamp(start), pd.Timestamp(end)
        row = {"from": start, "to": end}
        for group in GROUPS:
            before = wide[group].get(start, np.nan)
            after = wide[group].get(end, np.nan)
            row[group] = round(after - before, 1)
        row[FRONTLINE] = row[OFFICERS] + row[PCSOS]
        row[EVERYONE] = row[FRONTLINE] + row[STAFF]
        rows.append(row)
    return pd.DataFrame(rows, index=pd.Index(list(changes), name="change"))


def _date(value: pd.Timestamp) -> str:
    return f"{value.day} {value:%B %Y}"


def staffing_verdict(wide: pd.DataFrame) -> Verdict:
    """The verdict on "1,700 officers and staff": the number rule on the fall in officers,
    PCSOs and police staff from 31 March 2025 to 31 March 2026 when the data give both dates
    in full; otherwise "not checked here", naming :data:`STAFFING_DATASET` and stating the
    latest fall the data folder does show (officers and PCSOs since 31 March 2025)."""
    plan = workforce_changes(wide, {"plan": (PLAN_START, PLAN_END)}).loc["plan"]
    if pd.notna(plan[EVERYONE]):
        return verdicts.number(
            STAFFING, -plan[EVERYONE],
            note=f"Fall in {EVERYONE} (FTE), {_date(PLAN_START)} to {_date(PLAN_END)}.")
    claimed = statement(STAFFING).number.value
    reason = (f"The cut was planned for 2025/26; checking it needs the Met's {EVERYONE} at "
              f"{_date(PLAN_END)} (and staff at {_date(PLAN_START)}), published after the "
              "article but not in the data folder.")
    known = wide.loc[wide.index > PLAN_START, [OFFICERS, PCSOS]].dropna()
    if PLAN_START in wide.index and not known.empty:
        latest = known.index.max()
        change = workforce_changes(wide, {"so far": (PLAN_START, latest)}).loc["so far"]
        months = (latest.year - PLAN_START.year) * 12 + latest.month - PLAN_START.month
        reason += (f" By {_date(latest)} {FRONTLINE} had fallen by "
                   f"{fmt(-change[FRONTLINE])} FTE since {_date(PLAN_START)} ({OFFICERS} "
                   f"{fmt(change[OFFICERS])}, {PCSOS} {fmt(change[PCSOS])}): "
                   f"{fmt(100 * -change[FRONTLINE] / claimed)}% of {fmt(claimed)} in {months} "
                   "of the 12 months, with police staff not known.")
    return verdicts.not_checked_here(STAFFING, reason, dataset=STAFFING_DATASET,
                                     publisher=STAFFING_PUBLISHER)


def staffing_data_needs(wide: pd.DataFrame) -> pd.DataFrame:
    """What the verdict needs, figure by figure: each group at the start and end of 2025/26,
    and whether the data folder holds it (with which file)."""
    rows = []
    for when in (PLAN_START, PLAN_END):
        for group in GROUPS:
            known = when in wide.index and pd.notna(wide.at[when, group])
            where = ("not in the data folder" if not known else
                     "Home Office open data table" if wide.at[when, "official"] else
                     "third-party table of Home Office figures (rounded)")
            rows.append({"date": _date(when), "group": group, "in the data folder": where})
    return pd.DataFrame(rows)


# --- stop and search against victim-based crime ---------------------------------------------

VICTIM, NOT_SEARCH_GENERATED, EVERY_OFFENCE = (
    "victim-based crime", "every offence but drugs and weapon possession", "every offence")
DEFINITIONS = (VICTIM, NOT_SEARCH_GENERATED, EVERY_OFFENCE)

#: The pre-stated measure: the six months both sources cover at LSOA level.
LSOA_MONTHS = MonthSpan("2024-03", "2024-08")
#: The longer ward-level check: every month of the search files, less the incomplete one.
WARD_SPAN = MonthSpan("2022-02", "2024-08")
#: data.police.uk's December 2022 Met search file holds 5,706 searches against 9,000–18,000
#: in other months (police_uk/SOURCES.md: "may be incomplete at source").
INCOMPLETE_SEARCH_MONTHS = (pd.Period("2022-12", "M"),)
#: The "top units": the 5% with the most searches, and the 5% with the most crime.
FRACTION = 0.05
#: Rank classes of the maps: the top 5%, the next 5%, …, and the bottom half.
RANK_CUTS = (0.05, 0.10, 0.25, 0.50)
#: Columns of :func:`alignment_table` that the notebook reports.
RHO, OVERLAP = "Spearman's ρ", "overlap of top units (%)"


def ward_months() -> list[pd.Period]:
    """The months of the ward-level check: :data:`WARD_SPAN` without the incomplete month."""
    return [m for m in WARD_SPAN.periods if m not in INCOMPLETE_SEARCH_MONTHS]


def select_crime(rows: pd.DataFrame, definition: str) -> pd.DataFrame:
    """The Met rows (``major`` column) that count as crime under ``definition`` (one of
    :data:`DEFINITIONS`)."""
    if definition == VICTIM:
        return rows[rows["major"].isin(VICTIM_BASED)]
    if definition == NOT_SEARCH_GENERATED:
        return rows[~rows["major"].isin(SEARCH_GENERATED)]
    if definition == EVERY_OFFENCE:
        return rows
    raise ValueError(f"definition {definition!r} is not one of {DEFINITIONS}")


def crime_counts(rows: pd.DataFrame, months: Sequence[pd.Period], definition: str,
                 units: Sequence[str]) -> pd.Series:
    """Crimes per unit (``area_code``) in ``months`` under ``definition``: every unit of
    ``units`` listed (0 where the file has no row), rows of other codes left out."""
    chosen = select_crime(rows, definition)
    chosen = chosen[chosen["month"].isin(list(months)) & chosen["area_code"].isin(list(units))]
    counts = chosen.groupby("area_code")["count"].sum()
    return counts.reindex(list(units), fill_value=0).astype("int64").rename(definition)


def search_counts(stops: pd.DataFrame, areas: gpd.GeoDataFrame, key: str,
                  months: Sequence[pd.Period]) -> pd.Series:
    """Searches of ``months`` (the file's month) per area, by the area holding each search's
    map point; searches without a location or outside every area are left out."""
    chosen = stops[stops["month"].isin(list(months))]
    return assign.count_points(areas, key, chosen["x"], chosen["y"]).rename("searches")


def search_accounting(stops: pd.DataFrame, months: Sequence[pd.Period], placed: pd.Series
                      ) -> pd.Series:
    """Where the searches of ``months`` went: how many, how many without a location, how many
    outside the units, and how many ``placed`` in them (a :func:`search_counts` result)."""
    chosen = stops[stops["month"].isin(list(months))]
    located = int(chosen["x"].notna().sum())
    return pd.Series({
        "searches": len(chosen),
        "without a location": len(chosen) - located,
        "located outside the units": located - int(placed.sum()),
        "placed in a unit": int(placed.sum()),
    }, name="searches")


def alignment(crime: pd.Series, other: pd.Series, fraction: float = FRACTION) -> pd.Series:
    """How far ``other`` (e.g. stop-and-search) concentrates in the same units as ``crime``.

    Both Series are counts indexed by unit (aligned on the index, missing units count 0). Gives
    Spearman's rank correlation, the share of ``other``'s top ``fraction`` of units that are also
    in crime's top ``fraction`` (chance alone gives about ``fraction``), and the share of each
    count held by crime's top units. Ties at the cut are broken by unit order.
    """
    index = crime.index.union(other.index, sort=True)
    crime = crime.reindex(index, fill_value=0).astype(float)
    other = other.reindex(index, fill_value=0).astype(float)
    top_crime, top_other = top_units(crime, fraction), top_units(other, fraction)
    return pd.Series({
        "units": float(len(index)),
        "spearman": float(spearmanr(crime, other).statistic),
        "top units": float(top_crime.sum()),
        "overlap of top units": float((top_crime & top_other).sum() / top_other.sum()),
        "crime in crime's top units": share_held_by_top(crime, fraction),
        "other in crime's top units": float(other[top_crime.to_numpy()].sum() / other.sum()),
        "other in its own top units": share_held_by_top(other, fraction),
    })


def alignment_table(crime: Mapping[str, pd.Series], searches: pd.Series,
                    fraction: float = FRACTION) -> pd.DataFrame:
    """:func:`alignment` of ``searches`` with each crime measure (label → counts), one row
    each, in percent where a share: units, Spearman's ρ, the overlap of the top units (with
    what chance gives) and the searches held by crime's top units."""
    rows = {}
    for label, counts in crime.items():
        a = alignment(counts, searches, fraction)
        rows[label] = {
            "units": int(a["units"]), "top units": int(a["top units"]),
            RHO: a["spearman"],
            OVERLAP: 100 * a["overlap of top units"],
            "chance overlap (%)": 100 * a["top units"] / a["units"],
            "searches in crime's top units (%)": 100 * a["other in crime's top units"],
            "crime in crime's top units (%)": 100 * a["crime in crime's top units"],
        }
    return pd.DataFrame(rows).T.rename_axis("crime measure")


def rank_labels(cuts: Sequence[float] = RANK_CUTS) -> list[str]:
    """The class labels of :func:`rank_classes`, highest first: "top 5%", "5–10%", …,
    "bottom 50%"."""
    percents = [f"{100 * c:g}" for c in cuts]
    labels = [f"top {percents[0]}%"]
    labels += [f"{a}–{b}%" for a, b in zip(percents, percents[1:], strict=False)]
    return [*labels, f"bottom {100 - 100 * cuts[-1]:g}%"]


def rank_classes(counts: pd.Series, cuts: Sequence[float] = RANK_CUTS) -> pd.Series:
    """Each unit's class by its count's rank among all units: "top 5%" when fewer than 5% of
    units have a higher count, and so on (:func:`rank_labels`). Tied units share the class of
    their best rank, so the many units with no search all fall in one class."""
    if list(cuts) != sorted(cuts) or cuts[0] <= 0 or cuts[-1] >= 1:
        raise ValueError(f"cuts {cuts} must increase within (0, 1)")
    above = counts.rank(ascending=False, method="min") - 1  # units with a higher count
    share = above / len(counts)
    index = np.searchsorted(np.asarray(cuts), share.to_numpy(), side="right")
    return pd.Series(np.asarray(rank_labels(cuts), dtype=object)[index], index=counts.index,
                     name="rank class")


def top_overlap_by_place(crime: pd.Series, searches: pd.Series, place: pd.Series,
                         fraction: float = FRACTION) -> pd.DataFrame:
    """Where the units in the top ``fraction`` for both ``crime`` and ``searches`` are: per
    ``place`` (e.g. each LSOA's borough, indexed like the counts), how many units are in
    both tops, in crime's top only and in the searches' top only; places with any, most in
    both first (then by name)."""
    index = crime.index.union(searches.index, sort=True)
    crime = crime.reindex(index, fill_value=0)
    searches = searches.reindex(index, fill_value=0)
    top_crime = top_units(crime, fraction).to_numpy()
    top_search = top_units(searches, fraction).to_numpy()
    table = pd.DataFrame({
        "in both tops": top_crime & top_search,
        "crime's top only": top_crime & ~top_search,
        "searches' top only": ~top_crime & top_search,
    }, index=index).groupby(place.reindex(index).to_numpy()).sum()
    table = table[table.sum(axis=1) > 0].rename_axis(place.name or "place")
    return table.sort_values("in both tops", ascending=False, kind="stable")
