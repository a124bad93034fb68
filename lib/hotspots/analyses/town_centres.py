"""Town-centre patrols: named centres tied to 2022 wards, and the panels the evaluations use.

The GLA town-centre boundaries and the 2022 ward polygons are not in the data mirror, so a
named town centre cannot be overlaid on wards. Instead a curated table
(``data/reference/town_centre_wards.csv``) ties each centre to the Met's 2022 wards, saying
how each tie was made (``match``: exact name, name contains, local knowledge, none) and how
sure it is (``confidence``: high, medium, low, none):

- ``high``/``medium``: the ward holds the centre's core - a **treated** ward;
- ``low``: the ward may hold part of a centre (its edge, or one of several candidates for an
  unmatched centre) - **excluded** from every comparison;
- ``none``: a name coincidence (e.g. Northolt West End) or an unmatched centre - no effect.

Without ward adjacency, the **buffer** for displacement is the rest of each treated ward's
borough, a coarser ring than the adjacent wards the method was designed for.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from hotspots.crimes import PATROL_OUTCOMES
from hotspots.months import MonthSpan
from hotspots.names import name_key
from hotspots.stats.evaluation.did import DiDResult

TREATED_CONFIDENCE = ("high", "medium")
ROLES = ("treated", "buffer", "control", "excluded")

ALL_OFFENCES = "all offences"
OUTCOMES = PATROL_OUTCOMES


# --- the mapping table ---------------------------------------------------------------------


def ward_table(counts: pd.DataFrame) -> pd.DataFrame:
    """One row per ward code in a Met ward table: ``area_code``, ``area_name``, ``borough``."""
    wards = counts.dropna(subset=["area_code"])[["area_code", "area_name", "borough"]]
    wards = wards.drop_duplicates().sort_values("area_code", kind="stable")
    if wards["area_code"].duplicated().any():
        raise ValueError("a ward code carries more than one name or borough")
    return wards.reset_index(drop=True)


def name_candidates(wards: pd.DataFrame, centres: Iterable[str]) -> pd.DataFrame:
    """Wards whose normalised name contains a centre's normalised name (whole words).

    This is the naive automatic match the curated table corrects: it finds name coincidences
    (Northolt West End) and misses centres whose ward has another name (Croydon: Fairfield).
    """
    keys = wards["area_name"].map(name_key)
    rows = []
    for centre in centres:
        pattern = rf"\b{name_key(centre)}\b"
        hits = wards[keys.str.contains(pattern, regex=True)]
        rows.append({"centre": centre, "wards found": len(hits),
                     "ward (borough)": "; ".join(f"{n} ({b})" for n, b in
                                                 zip(hits["area_name"], hits["borough"],
                                                     strict=True))})
    return pd.DataFrame(rows)


def ward_roles(
    mapping: pd.DataFrame,
    wards: pd.DataFrame,
    *,
    sources: Iterable[str] = ("article",),
    confidences: Iterable[str] = TREATED_CONFIDENCE,
) -> pd.DataFrame:
    """Each ward's role: treated, buffer (rest of a treated ward's borough), control, excluded.

    Treated: mapped wards of centres from ``sources`` at ``confidences``. Excluded: every other
    mapped ward with a confidence other than "none" (edges, candidates, and the centres of the
    sources left out), so no policed place ends up among the controls. Adds ``centre`` and
    ``tier`` (of the mapped wards).
    """
    sources, confidences = tuple(sources), tuple(confidences)
    mapped = mapping.dropna(subset=["ward_code"]).set_index("ward_code")
    is_treated = mapped["source"].isin(sources) & mapped["confidence"].isin(confidences)
    treated = set(mapped.index[is_treated])
    excluded = set(mapped.index[(mapped["confidence"] != "none") & ~is_treated])
    roles = wards[["area_code", "area_name", "borough"]].copy()
    boroughs = set(roles.loc[roles["area_code"].isin(treated), "borough"])
    roles["role"] = np.select(
        [roles["area_code"].isin(treated), roles["area_code"].isin(excluded),
         roles["borough"].isin(boroughs)],
        ["treated", "excluded", "buffer"],
        "control",
    )
    roles["centre"] = roles["area_code"].map(mapped["centre"]).where(roles["role"] == "treated")
    roles["tier"] = roles["area_code"].map(mapped["tier"]).where(roles["role"] == "treated")
    return roles.reset_index(drop=True)


# --- panels --------------------------------------------------------------------------------


def outcome_rows(counts: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """The rows of a Met table counted in ``outcome`` (a key of OUTCOMES or ALL_OFFENCES)."""
    if outcome == ALL_OFFENCES:
        return counts
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}; use one of {[*OUTCOMES, ALL_OFFENCES]}")
    rows = OUTCOMES[outcome].select_met(counts)
    if rows.empty:
        raise ValueError(f"no rows of {outcome!r} ({OUTCOMES[outcome].met_minors})")
    return rows


def outcome_panel(counts: pd.DataFrame, outcome: str, roles: pd.DataFrame) -> pd.DataFrame:
    """A balanced ward x month panel of ``outcome`` (zeros filled), excluded wards left out.

    Columns: ``unit`` (ward code), ``month``, ``count``, ``treated``, ``role``, ``borough``,
    ``tier``; every month of ``counts`` for every ward of ``roles`` not excluded.
    """
    rows = outcome_rows(counts, outcome).dropna(subset=["area_code"])
    sums = rows.groupby(["area_code", "month"])["count"].sum()
    kept = roles[roles["role"] != "excluded"].set_index("area_code")
    months = pd.period_range(counts["month"].min(), counts["month"].max(), freq="M")
    grid = pd.MultiIndex.from_product([kept.index, months], names=["area_code", "month"])
    panel = sums.reindex(grid, fill_value=0).rename("count").reset_index()
    panel = panel.rename(columns={"area_code": "unit"})
    for column in ("role", "borough", "tier"):
        panel[column] = panel["unit"].map(kept[column])
    panel["treated"] = panel["role"] == "treated"
    panel["count"] = panel["count"].astype("int64")
    columns = ["unit", "month", "count", "treated", "role", "borough", "tier"]
    return panel[columns].sort_values(["unit", "month"]).reset_index(drop=True)


def _totals(panel: pd.DataFrame, window: MonthSpan) -> pd.Series:
    inside = window.mask(panel["month"])
    return panel[inside].groupby("unit")["count"].sum()


def _top_units(totals: pd.Series, k: int) -> list:
    ranked = totals.rename("total").reset_index().sort_values(["total", "unit"],
                                                             ascending=[False, True])
    return ranked["unit"].head(k).tolist()


def comparison_pool(panel: pd.DataFrame, window: MonthSpan, size: int) -> pd.DataFrame:
    """The treated units plus the ``size`` untreated units with most crime in ``window``.

    Ties are broken by unit label, so the pool is reproducible.
    """
    untreated = panel[~panel["treated"]]
    keep = set(panel.loc[panel["treated"], "unit"]) | set(
        _top_units(_totals(untreated, window), size))
    return panel[panel["unit"].isin(keep)].reset_index(drop=True)


def peak_placebo(panel: pd.DataFrame, window: MonthSpan, k: int) -> pd.DataFrame:
    """A placebo selection: real treated units dropped, the ``k`` untreated units with most
    crime in ``window`` marked treated - places chosen *because* they were high, with no
    operation, to show regression to the mean."""
    untreated = panel[~panel["treated"]].copy()
    chosen = set(_top_units(_totals(untreated, window), k))
    untreated["treated"] = untreated["unit"].isin(chosen)
    return untreated.reset_index(drop=True)


def season_change(panel: pd.DataFrame, season: MonthSpan, by: str = "role") -> pd.DataFrame:
    """Totals in ``season`` and in the same months a year earlier, by ``by``, with the ratio.

    Columns: ``year before``, ``this year``, ``ratio`` and ``pct_change``.
    """
    earlier = season.shift(-12)
    now = panel[season.mask(panel["month"])].groupby(by)["count"].sum()
    before = panel[earlier.mask(panel["month"])].groupby(by)["count"].sum()
    if len(earlier.periods.difference(pd.PeriodIndex(panel["month"].unique(), freq="M"))):
        raise ValueError(f"panel lacks the months a year before {season}")
    table = pd.DataFrame({"year before": before, "this year": now})
    table["ratio"] = table["this year"] / table["year before"]
    table["pct_change"] = 100 * (table["ratio"] - 1)
    return table


def ward_totals(counts: pd.DataFrame, outcomes: Iterable[str], window: MonthSpan) -> pd.DataFrame:
    """Each ward's total of each outcome in ``window`` (zeros for wards with none)."""
    wards = ward_table(counts)["area_code"]
    inside = counts[window.mask(counts["month"])]
    columns = {
        outcome: outcome_rows(inside, outcome).groupby("area_code")["count"].sum()
        .reindex(wards, fill_value=0).astype("int64")
        for outcome in outcomes
    }
    return pd.DataFrame(columns)


# --- reading the estimates -----------------------------------------------------------------


# --- forest plot ---------------------------------------------------------------------------


def did_forest_rows(results: dict[str, DiDResult], group: str) -> pd.DataFrame:
    """DiD results as forest-plot rows: percent change and its confidence interval."""
    return pd.DataFrame(
        [{"label": label, "group": group, "estimate": r.pct_change,
          "low": 100 * (r.ci_low - 1), "high": 100 * (r.ci_high - 1), "interval": "95% CI"}
         for label, r in results.items()]
    )


