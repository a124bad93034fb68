"""Notebook 02, mobile-phone theft: the named wards' ranks, ward and LSOA maps, street level.

Open data carry no "phone" flag, so phone theft is approximated by the Met's minor categories
(:data:`PROXIES`): theft from the person (the stated stand-in of the article's ward list),
robbery of personal property, and both together. Ward tables come from
:func:`hotspots.io.met.load_counts` and are mapped on the December 2022 wards
(:func:`hotspots.io.boundaries.wards_2022`); the street-level helpers take data.police.uk
records (moved to anonymous map points) or the third-party 100 m hexagon counts, all with
``x``/``y`` in British National Grid metres. Counts and densities only: the project's one
statistical hot-spot definition (Gi*) lives in notebook 03.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter
from scipy.spatial import KDTree

from hotspots.analyses.layers import AREA_KEYS, proxy_counts, with_ward_codes
from hotspots.article import NAMED_WARDS, statement
from hotspots.claims.registry import catalogue_verdict
from hotspots.crimes import PHONE_THEFT_PROXIES, met_minors
from hotspots.geo import assign
from hotspots.geo.crs import to_bng
from hotspots.geo.grids import HEX_GRID, ThirdPartyHexGrid
from hotspots.io import met
from hotspots.months import MonthSpan
from hotspots.names import name_key
from hotspots.stats import density
from hotspots.viz import charts, maps, style

#: Proxy name → the Met minor categories it adds up; in order: theft from the person,
#: robbery of personal property, both together.
PROXIES = met_minors(PHONE_THEFT_PROXIES)
TFP, ROBBERY, BOTH = PROXIES

#: The ward vintages in the data folder that hold all twelve months of 2024; the newest (most
#: revised) is the one the verdicts use.
WARD_VINTAGES = ("2025-03", "2025-06", "2025-12")
MAIN_VINTAGE = WARD_VINTAGES[-1]
YEAR = MonthSpan.year(2024)
#: The Met's LSOA file starts in March 2024: the twelve months closest to calendar 2024.
LSOA_WINDOW = MonthSpan("2024-03", "2025-02")

#: The two ranking statements this notebook decides.
RANKING_STATEMENTS = ("west-end-tops-list", "other-high-risk-wards")
#: Every statement of the article's phone-theft paragraph, in its order.
STATEMENT_IDS = ("phone-thefts-2024", "phone-theft-losses", "west-end-tops-list",
                 "west-end-thefts-13578", "west-end-per-day", "other-high-risk-wards")

#: London phone-theft counts printed in the press for 2024 (press-facts D1), cited as context.
PRESS_PHONE_THEFTS = {
    "The Times (Scotland Yard data)": 81_256,
    "MailOnline copy": 70_137,
}

#: The other places The Times called phone-theft hot spots (press-facts D1), in its order.
TIMES_PLACES = ("Bloomsbury", "Holborn", "Covent Garden", "Shoreditch", "Borough",
                "London Bridge", "Waterloo", "South Bank", "Camden Town", "Regent's Park",
                "Stratford")

#: Central London (BNG metres: minx, miny, maxx, maxy): the zoom of the ward, LSOA and
#: hexagon maps, holding the six named wards.
CENTRAL = (527_000, 178_300, 534_300, 182_900)

#: The data.police.uk API query point of the Charing Cross extract (lon, lat) and its radius.
CHARING_CROSS = (-0.1278, 51.5074)
ONE_MILE_M = 1609.344

#: Fixed count classes (lower bounds), set before the maps were drawn.
WARD_CLASSES = (0, 50, 100, 250, 500, 1_000, 5_000)
LSOA_CLASSES = (0, 1, 10, 25, 100, 500, 2_000)
HEX_CLASSES = (0, 1, 10, 25, 50, 100, 250, 500)

NO_MET_DATA = "City of London: no Met data (City of London Police)"


def span_text(span: MonthSpan) -> str:
    """A span in words: "March 2024 – February 2025"."""
    return f"{span.first.strftime('%B %Y')} – {span.last.strftime('%B %Y')}"


# --- the statements ----------------------------------------------------------------------------


def statements_table(ids: Sequence[str] = STATEMENT_IDS) -> pd.DataFrame:
    """The statements as the catalogue quotes them, their kind and who decides the verdict:
    this notebook (ranking statements) or the catalogue (its pre-registered verdict)."""
    rows = []
    for statement_id in ids:
        item = statement(statement_id)
        decided = (f"catalogue: {catalogue_verdict(item).verdict}" if item.catalogue_decides
                   else "this notebook: ranking rule")
        rows.append({"statement": statement_id, "the article's words": item.quote,
                     "kind": item.kind, "verdict decided by": decided})
    return pd.DataFrame(rows).set_index("statement")


# --- ward tables ---------------------------------------------------------------------------


def ward_counts(vintages: Sequence[str] = WARD_VINTAGES, span: MonthSpan = YEAR
                ) -> dict[str, pd.DataFrame]:
    """:func:`proxy_counts` of the Met's ward file over ``span`` with every listed ward code
    restored (:func:`with_ward_codes`), one table per vintage."""
    return {v: with_ward_codes(proxy_counts(met.load_counts("ward", v), span.first, span.last),
                               met.ward_list(v))
            for v in vintages}


def rank_wards(counts: pd.DataFrame, proxy: str, days: int) -> pd.DataFrame:
    """Areas with a code ranked on one proxy, most first (ties: name, then code).

    Columns: ``rank`` (competition ranking: 1, 2, 2, 4), ``area_code``, ``area_name``,
    ``borough``, ``count``, ``per_day`` (count / ``days``) and ``share_pct`` (of all ranked
    areas' total).
    """
    wards = counts[counts["area_code"].notna()]
    table = wards[AREA_KEYS].assign(count=wards[proxy].astype("int64"))
    table = table.sort_values(["count", "area_name", "area_code"], ascending=[False, True, True])
    table.insert(0, "rank", table["count"].rank(method="min", ascending=False).astype("int64"))
    table["per_day"] = table["count"] / days
    table["share_pct"] = 100 * table["count"] / table["count"].sum()
    return table.reset_index(drop=True)


def match_ward(ranking: pd.DataFrame, name: str) -> pd.Series:
    """The one row of ``ranking`` whose ``area_name`` matches ``name`` by :func:`name_key`."""
    hits = ranking[ranking["area_name"].map(name_key) == name_key(name)]
    if hits.empty:
        raise KeyError(f"no ward named {name!r}")
    if len(hits) > 1:
        where = ", ".join(f"{n} ({b})" for n, b in zip(hits["area_name"], hits["borough"],
                                                        strict=True))
        raise ValueError(f"{name!r} matches several wards: {where}")
    return hits.iloc[0]


def named_ranks(ranking: pd.DataFrame, statement_id: str) -> dict[str, int]:
    """The rank of each unit a ranking statement names, keyed by the statement's own names
    (the input of :func:`hotspots.claims.verdicts.ranking`)."""
    return {name: int(match_ward(ranking, name)["rank"])
            for group in statement(statement_id).ranking for name in group}


def ranking_note(ranking: pd.DataFrame, statement_id: str, what: str = f"{TFP} in 2024"
                 ) -> str:
    """One sentence for a ranking verdict's reason: the named wards' ranks and counts, and the
    best-ranked ward the statement leaves out below them."""
    ranks = named_ranks(ranking, statement_id)
    named = [match_ward(ranking, name) for name in ranks]
    shown = ", ".join(f"{w['area_name']} {w['rank']} ({w['count']:,})" for w in named)
    worst = max(ranks.values())
    others = ranking[(ranking["rank"] > worst)
                     & ~ranking["area_code"].isin([w["area_code"] for w in named])]
    following = others.iloc[0]
    return (f"Ranks on {what}: {shown}; next, {following['area_name']} {following['rank']} "
            f"({following['count']:,}).")


def check_named_wards(
    ranking: pd.DataFrame, groups: Sequence[Sequence[str]] = NAMED_WARDS
) -> pd.DataFrame:
    """The article's ward list against a ranking, one row per named ward.

    Group ``i`` of ``groups`` claims the positions after the previous groups' (a group of two
    claims two positions in either order). ``in_place``: the ward's rank lies in its claimed
    positions; ``in_named_top``: it ranks within the top ``k``, ``k`` = the wards named.
    """
    rows, position = [], 1
    for group in groups:
        last = position + len(group) - 1
        claimed = str(position) if last == position else f"{position}–{last}"
        for name in group:
            ward = match_ward(ranking, name)
            rank = int(ward["rank"])
            rows.append({"named": name, "ward": ward["area_name"], "borough": ward["borough"],
                         "claimed_position": claimed, "rank": rank, "count": int(ward["count"]),
                         "in_place": position <= rank <= last})
        position = last + 1
    table = pd.DataFrame(rows)
    table["in_named_top"] = table["rank"] < position
    return table


def top_wards(ranking: pd.DataFrame, n: int = 10,
              groups: Sequence[Sequence[str]] = NAMED_WARDS) -> pd.DataFrame:
    """The first ``n`` rows of a ranking for display, indexed by rank, with the position the
    article gives each named ward ("" for wards it does not name)."""
    claimed = check_named_wards(ranking, groups).set_index("ward")["claimed_position"]
    table = ranking.head(n).set_index("rank")
    return pd.DataFrame({
        "ward": table["area_name"], "borough": table["borough"], "count": table["count"],
        "per day": table["per_day"].round(1), "share of London %": table["share_pct"].round(1),
        "article's position": table["area_name"].map(claimed).fillna(""),
    })


def ranking_sensitivity(counts: Mapping[str, pd.DataFrame], days: int,
                        proxies: Sequence[str] = tuple(PROXIES)) -> pd.DataFrame:
    """The named wards' ranks under every vintage × proxy, one row each.

    Columns: one per named ward (its rank), ``in stated places`` (every named ward holds its
    stated position) and ``above a named ward`` (unnamed wards ranked above the last named
    ward's claimed place, e.g. "Vauxhall (5)").
    """
    rows = {}
    last_place = sum(len(g) for g in NAMED_WARDS)
    for vintage, table in counts.items():
        for proxy in proxies:
            ranking = rank_wards(table, proxy, days)
            named = check_named_wards(ranking)
            intruders = ranking[(ranking["rank"] <= last_place)
                                & ~ranking["area_code"].isin(
                                    [match_ward(ranking, w)["area_code"] for w in named["ward"]])]
            rows[(vintage, proxy)] = {
                **dict(zip(named["ward"], named["rank"], strict=True)),
                "in stated places": bool(named["in_place"].all()),
                "above a named ward": ", ".join(
                    f"{w} ({r})" for w, r in zip(intruders["area_name"], intruders["rank"],
                                                 strict=True)),
            }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(["vintage", "proxy"])


def place_ranks(ranking: pd.DataFrame, places: Sequence[str] = TIMES_PLACES) -> pd.DataFrame:
    """Each place name against the wards whose name contains it (as whole words, by
    :func:`name_key`), keeping the best-ranked: place, ward, borough, rank, count.

    A place matching no ward raises ``KeyError``.
    """
    keys = ranking["area_name"].map(lambda n: f" {name_key(n)} ")
    rows = []
    for place in places:
        hits = ranking[keys.str.contains(f" {name_key(place)} ", regex=False)]
        if hits.empty:
            raise KeyError(f"no ward name contains {place!r}")
        best = hits.sort_values(["rank", "area_name"]).iloc[0]
        rows.append({"place": place, "ward": best["area_name"], "borough": best["borough"],
                     "rank": int(best["rank"]), "count": int(best["count"])})
    return pd.DataFrame(rows).set_index("place")


def proxy_summary(counts: Mapping[str, pd.DataFrame], area_code: str, span: MonthSpan = YEAR
                  ) -> pd.DataFrame:
    """London's and one ward's totals per vintage × proxy over ``span``.

    London = every row of the ward file (rows without a ward code, e.g. Heathrow's, included).
    Columns: ``London``, ``ward``, ``ward per day``, ``ward share of London %``.
    """
    rows = {}
    for vintage, table in counts.items():
        ward = table[table["area_code"] == area_code]
        if len(ward) != 1:
            raise KeyError(f"ward {area_code} appears {len(ward)} times in vintage {vintage}")
        for proxy in PROXIES:
            london, here = int(table[proxy].sum()), int(ward[proxy].iat[0])
            rows[(vintage, proxy)] = {"London": london, "ward": here,
                                      "ward per day": span.per_day(here),
                                      "ward share of London %": 100 * here / london}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(["vintage", "proxy"])


# --- evidence rows ------------------------------------------------------------------------------

MET_WARDS = "Met ward counts (MPS Recorded Crime: Geographic Breakdown, London Datastore)"
MET_BOROUGHS = "Met borough counts (MPS Recorded Crime: Geographic Breakdown, London Datastore)"
PRESS = "press-facts D1 (The Times via the Evening Standard; MailOnline copy)"


def stated_places(statement_id: str) -> dict[str, tuple[int, int]]:
    """Each unit a ranking statement names → the (first, last) positions it claims."""
    item = statement(statement_id)
    places, position = {}, item.first_position
    for group in item.ranking:
        last = item.top if item.top else position + len(group) - 1
        places.update({name: (position, last) for name in group})
        position = last + 1
    return places


def ranking_sensitivity_rows(sensitivity: pd.DataFrame, statement_id: str,
                             primary: tuple[str, str] = (MAIN_VINTAGE, TFP)) -> list[dict]:
    """Keyword arguments of ``Record.sensitivity`` for a ranking statement: one row per
    vintage × proxy of :func:`ranking_sensitivity` other than the ``primary`` basis, its value
    the number of named wards holding their stated places."""
    places = stated_places(statement_id)
    columns = {name_key(c): c for c in sensitivity.columns}
    rows = []
    for (vintage, proxy), row in sensitivity.iterrows():
        if (vintage, proxy) == primary:
            continue
        ranks = {name: int(row[columns[name_key(name)]]) for name in places}
        held = sum(low <= ranks[n] <= high for n, (low, high) in places.items())
        shown = ", ".join(f"{n} {r}" for n, r in ranks.items())
        rows.append({
            "statement_id": statement_id,
            "name": f"{name_key(proxy).replace(' ', '-')}-{vintage}",
            "description": f"Ranks of the 2022 wards on {proxy}, 2024, vintage {vintage}: "
                           f"{shown}; {held} of {len(places)} in their stated places.",
            "source": MET_WARDS, "our_value": held,
            "unit": f"named wards in their stated places (of {len(places)})",
            "vintage": vintage})
    return rows


def supporting_rows(summary: pd.DataFrame, ranking: pd.DataFrame, later_year: pd.Series,
                    borough_london: pd.Series, times: pd.DataFrame) -> list[dict]:
    """Keyword arguments of ``Record.supporting`` for the paragraph's statements.

    ``summary``: :func:`proxy_summary` for the West End (vintage × proxy); ``ranking``: the
    primary ranking; ``later_year``: the West End's theft from the person in the year after
    (one value, named by its year); ``borough_london``: London's 2024 proxies in the borough
    file; ``times``: :func:`place_ranks` of The Times' list.
    """
    main = summary.xs(MAIN_VINTAGE)
    rows = []
    for proxy in PROXIES:
        across = summary.xs(proxy, level="proxy")
        slug = name_key(proxy).replace(" ", "-")
        rows.append({
            "statement_id": "phone-thefts-2024", "name": f"london-{slug}",
            "description": f"London's {proxy} in 2024, Met ward file (every row), a proxy: "
                           "open data do not flag phones.",
            "source": MET_WARDS, "our_value": main.at[proxy, "London"],
            "low": across["London"].min(), "high": across["London"].max(),
            "unit": "offences", "vintage": MAIN_VINTAGE})
        rows.append({
            "statement_id": "west-end-thefts-13578", "name": f"west-end-{slug}",
            "description": f"The West End ward's {proxy} in 2024, a proxy: open data do not "
                           "flag phones.",
            "source": MET_WARDS, "our_value": main.at[proxy, "ward"],
            "low": across["ward"].min(), "high": across["ward"].max(),
            "unit": "offences", "vintage": MAIN_VINTAGE, "figure": "figures/02_ward_map.png"})
    rows.append({
        "statement_id": "phone-thefts-2024", "name": "london-theft-from-the-person-borough-file",
        "description": "London's theft from the person in 2024 in the borough file, which "
                       "also counts offences with no known ward (its Unknown row).",
        "source": MET_BOROUGHS, "our_value": borough_london[TFP], "unit": "offences",
        "vintage": MAIN_VINTAGE})
    for i, (who, value) in enumerate(PRESS_PHONE_THEFTS.items(), start=1):
        rows.append({
            "statement_id": "phone-thefts-2024", "name": f"press-figure-{i}",
            "description": f"{who}: {value:,} mobile phone thefts reported in London in 2024 "
                           "(cited from the press, not checked: Met figures given to "
                           "newspapers).",
            "source": PRESS, "claimed_value": value, "unit": "mobile phone thefts"})
    year = str(later_year.index[0])
    days = MonthSpan.year(int(year)).days
    rows.append({
        "statement_id": "west-end-thefts-13578", "name": f"west-end-theft-from-the-person-{year}",
        "description": f"The West End ward's theft from the person in {year}, the year after "
                       "the one claimed (context: theft fell sharply in 2025).",
        "source": MET_WARDS, "our_value": later_year.iat[0], "unit": "offences",
        "vintage": MAIN_VINTAGE, "figure": "figures/02_west_end_monthly.png"})
    rows.append({
        "statement_id": "west-end-per-day", "name": "west-end-theft-from-the-person-per-day",
        "description": "The West End ward's theft from the person per day in 2024 (366 days): "
                       "an offence count, not phones.",
        "source": MET_WARDS, "our_value": main.at[TFP, "ward per day"],
        "low": summary.xs(TFP, level="proxy")["ward per day"].min(),
        "high": summary.xs(TFP, level="proxy")["ward per day"].max(),
        "unit": "offences per day", "vintage": MAIN_VINTAGE})
    rows.append({
        "statement_id": "west-end-per-day",
        "name": f"west-end-theft-from-the-person-per-day-{year}",
        "description": f"The West End ward's theft from the person per day in {year}.",
        "source": MET_WARDS, "our_value": later_year.iat[0] / days,
        "unit": "offences per day", "vintage": MAIN_VINTAGE})
    first, second = ranking.iloc[0], ranking.iloc[1]
    rows.append({
        "statement_id": "west-end-tops-list", "name": "west-end-share-of-london",
        "description": f"{first['area_name']}'s share of London's ward-coded theft from the "
                       f"person in 2024 ({first['count']:,}; second, {second['area_name']}: "
                       f"{second['count']:,}).",
        "source": MET_WARDS, "our_value": first["share_pct"], "unit": "% of London",
        "vintage": MAIN_VINTAGE, "figure": "figures/02_ward_ranking.png"})
    listed = "; ".join(f"{p} → {w} ({r})" for p, w, r in zip(times.index, times["ward"],
                                                           times["rank"], strict=True))
    rows.append({
        "statement_id": "other-high-risk-wards", "name": "times-wider-list",
        "description": f"The Times' list of other hot spots, each read as the best-ranked "
                       f"2022 ward whose name contains it (rank on theft from the person, "
                       f"2024): {listed}.",
        "source": f"{PRESS}; {MET_WARDS}", "our_value": int(times["rank"].max()),
        "unit": "worst rank among the places listed", "vintage": MAIN_VINTAGE})
    return rows


# --- the monthly series -----------------------------------------------------------------------


def monthly_series(table: pd.DataFrame, area_code: str, minors: Sequence[str]) -> pd.DataFrame:
    """Monthly counts of ``minors`` in one area: months as rows, one column per vintage."""
    rows = table[(table["area_code"] == area_code) & table["minor"].isin(list(minors))]
    if rows.empty:
        raise KeyError(f"no rows for area {area_code} and categories {list(minors)}")
    series = rows.groupby(["month", "vintage"])["count"].sum().unstack("vintage")
    return series.sort_index().astype("Int64")


def months_by_year(series: pd.Series, years: Sequence[int]) -> pd.DataFrame:
    """A monthly series (PeriodIndex) as months 1–12 × ``years``; every month must be there."""
    table = pd.DataFrame({year: [series.get(pd.Period(f"{year}-{m:02d}", "M"), pd.NA)
                                 for m in range(1, 13)] for year in years},
                         index=pd.RangeIndex(1, 13, name="month"))
    if table.isna().any().any():
        raise KeyError(f"the series lacks months of {list(years)}")
    return table.astype("int64")


def west_end_by_year_figure(table: pd.DataFrame, *, ward: str) -> Figure:
    """The ward's thefts from the person month by month, one line per year of ``table``
    (:func:`months_by_year`), with the last two years' December and annual totals marked."""
    before, after = table.columns[-2], table.columns[-1]
    fig, ax = plt.subplots(figsize=(9, 5.2))
    colours = dict(zip(table.columns, [style.NEUTRAL] * (len(table.columns) - 2)
                       + [style.HIGHLIGHT, style.ACCENT], strict=True))
    charts.months_by_year(ax, table, colours)
    top = table.to_numpy().max()
    change = 100 * (table.at[12, after] / table.at[12, before] - 1)
    ax.annotate(f"December: {table.at[12, before]:,} → {table.at[12, after]:,} ({change:+.0f}%)",
                (12, table.at[12, after]), xytext=(12.3, 0.15 * top), textcoords="data",
                ha="right", fontsize=9, arrowprops={"arrowstyle": "-", "lw": 0.6})
    totals = table.sum()
    year_change = 100 * (totals[after] / totals[before] - 1)
    ax.text(0.99, 0.97, f"year totals: {before} {totals[before]:,} · {after} "
            f"{totals[after]:,} ({year_change:+.0f}%)", transform=ax.transAxes, ha="right",
            va="top", fontsize=9)
    ax.set_ylim(0, top * 1.12)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_ylabel("thefts from the person per month")
    lower = int((table[after] < table[before]).sum())
    ax.set_title(f"{ward}: theft from the person was lower in {lower} of 12 months of {after}")
    return fig


# --- ward maps and charts ----------------------------------------------------------------------


def ward_map_frame(wards: gpd.GeoDataFrame, counts: pd.DataFrame, proxy: str, days: int
                   ) -> gpd.GeoDataFrame:
    """The 2022 wards with their ``count`` and ``rank`` on ``proxy`` (both <NA> for the City's
    wards, which the Met's file does not cover).

    Every Met ward code must be a 2022 ward, and every 2022 ward outside the City a Met ward
    (``ValueError`` otherwise).
    """
    ranking = rank_wards(counts, proxy, days).set_index("area_code")
    codes = set(wards["ward_code"])
    unknown = sorted(set(ranking.index) - codes)
    if unknown:
        raise ValueError(f"Met ward codes not among the 2022 wards: {unknown[:5]}")
    uncovered = sorted(set(wards.loc[~wards["city"], "ward_code"]) - set(ranking.index))
    if uncovered:
        raise ValueError(f"2022 wards outside the City without Met counts: {uncovered[:5]}")
    frame = wards[["ward_code", "ward_name", "borough_name", "city", "geometry"]].copy()
    frame["count"] = frame["ward_code"].map(ranking["count"]).astype("Int64")
    frame["rank"] = frame["ward_code"].map(ranking["rank"]).astype("Int64")
    return frame


def ward_anchors(frame: gpd.GeoDataFrame, groups: Sequence[Sequence[str]] = NAMED_WARDS, *,
                 counts: bool = True) -> gpd.GeoDataFrame:
    """One map label per named ward of ``frame`` (:func:`ward_map_frame`): its name (broken
    after "&" when long) and, with ``counts``, its rank and count, at a point inside it."""
    rows = []
    for name in (n for group in groups for n in group):
        hits = frame[frame["ward_name"].map(name_key) == name_key(name)]
        if len(hits) != 1:
            raise ValueError(f"{name!r} matches {len(hits)} wards, not one")
        ward = hits.iloc[0]
        title = ward["ward_name"].replace(" & ", " &\n") if len(ward["ward_name"]) > 12 else (
            ward["ward_name"])
        rank = f"\n#{ward['rank']} · {ward['count']:,}" if counts else ""
        rows.append({"label": f"{title}{rank}",
                     "ward_code": ward["ward_code"],
                     "geometry": ward.geometry.representative_point()})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=frame.crs)


def ward_map_figure(frame: gpd.GeoDataFrame, anchors: gpd.GeoDataFrame, *, title: str,
                    legend_title: str) -> Figure:
    """London's 2022 wards coloured by count classes (:data:`WARD_CLASSES`), City hatched,
    with a central inset (:data:`CENTRAL`) naming the wards in ``anchors``; scale bars on
    both panels, one legend beside them."""
    fig, (ax_london, ax_zoom) = plt.subplots(1, 2, figsize=(14, 6.6), width_ratios=[1, 1.05])
    handles = maps.count_map(ax_london, frame, "count", WARD_CLASSES,
                             no_data_label=NO_MET_DATA, linewidth=0.15)
    maps.frame_box(ax_london, CENTRAL)
    style.map_axes(ax_london, "London, 2022 wards")
    maps.scale_bar(ax_london, loc="lower left")
    maps.count_map(ax_zoom, frame.cx[CENTRAL[0]:CENTRAL[2], CENTRAL[1]:CENTRAL[3]], "count",
                   WARD_CLASSES, no_data_label=NO_MET_DATA, edgecolor="#555555",
                   linewidth=0.4)
    named = frame[frame["ward_code"].isin(anchors["ward_code"])]
    named.boundary.plot(ax=ax_zoom, color=style.ACCENT, linewidth=1.6)
    maps.label_places(ax_zoom, anchors, fontsize=8)
    ax_zoom.set_xlim(CENTRAL[0], CENTRAL[2])
    ax_zoom.set_ylim(CENTRAL[1], CENTRAL[3])
    style.map_axes(ax_zoom, "Central London: the six wards the article names (blue outline)")
    maps.scale_bar(ax_zoom, loc="lower right")
    fig.legend(handles=handles, title=legend_title, loc="lower center", ncol=4, fontsize=8,
               title_fontsize=9, bbox_to_anchor=(0.5, 0.03))
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=13)
    fig.subplots_adjust(bottom=0.2)
    return fig


def ward_ranking_figure(ranking: pd.DataFrame, n: int = 20,
                        groups: Sequence[Sequence[str]] = NAMED_WARDS) -> Figure:
    """The top ``n`` wards of a ranking as bars, the article's named wards highlighted."""
    named = set(check_named_wards(ranking, groups)["ward"])
    top = ranking.head(n)
    fig, ax = plt.subplots(figsize=(9, 6.8))
    labels = [f"{r}. {w} ({b})" for r, w, b in zip(top["rank"], top["area_name"],
                                                    top["borough"], strict=True)]
    marked = [label for label, name in zip(labels, top["area_name"], strict=True) if name in named]
    charts.ranked_bars(ax, pd.Series(top["count"].to_numpy(), index=labels), highlight=marked)
    ax.set_xlabel("thefts from the person, 2024")
    ax.set_xlim(0, top["count"].max() * 1.1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    fig.suptitle("The article's six wards (red) are London's top six for theft from the person"
                 ", 2024", x=0.01, ha="left", fontweight="bold", fontsize=12)
    return fig


# --- LSOA map --------------------------------------------------------------------------------


def lsoa_frame(lsoas: gpd.GeoDataFrame, lookup: pd.DataFrame, counts: pd.DataFrame,
               proxy: str = TFP) -> gpd.GeoDataFrame:
    """The 2021 LSOAs with their ``count`` of ``proxy`` (<NA> where the Met's LSOA file has no
    row: the City's LSOAs) and the 2022 ``ward_name`` their best fit puts them in."""
    unknown = sorted(set(counts["area_code"].dropna()) - set(lsoas["lsoa_code"]))
    if unknown:
        raise ValueError(f"LSOA codes not among the 2021 LSOAs: {unknown[:5]}")
    frame = lsoas[["lsoa_code", "lsoa_name", "borough_name", "geometry"]].copy()
    frame["ward_name"] = frame["lsoa_code"].map(lookup.set_index("lsoa_code")["ward_name"])
    frame["count"] = frame["lsoa_code"].map(counts.set_index("area_code")[proxy]).astype("Int64")
    return frame


def top_lsoas(frame: gpd.GeoDataFrame, n: int = 10,
              bounds: tuple[float, float, float, float] = CENTRAL) -> gpd.GeoDataFrame:
    """The ``n`` LSOAs with most counts (ties by code), indexed 1…n, with ``in zoom`` (the
    LSOA's representative point lies inside ``bounds``) and that point's ``x``, ``y``."""
    top = frame.dropna(subset=["count"]).sort_values(["count", "lsoa_code"],
                                                     ascending=[False, True]).head(n)
    point = top.representative_point()
    top = top.assign(x=point.x, y=point.y)
    minx, miny, maxx, maxy = bounds
    top["in zoom"] = top["x"].between(minx, maxx) & top["y"].between(miny, maxy)
    top.index = pd.RangeIndex(1, len(top) + 1, name="map label")
    return top


def outside_note(top: pd.DataFrame, place: str = "lsoa_name") -> str:
    """"#9 Newham 012F is outside the zoom" style text for the rows of ``top`` not in zoom
    ("" when all are)."""
    out = top[~top["in zoom"]]
    if out.empty:
        return ""
    names = ", ".join(f"#{i} {row[place]} ({row['ward_name']})" for i, row in out.iterrows())
    verb = "lies" if len(out) == 1 else "lie"
    return f"{names} {verb} outside the zoom"


def named_ward_outlines(frame: gpd.GeoDataFrame, groups: Sequence[Sequence[str]] = NAMED_WARDS
                        ) -> gpd.GeoDataFrame:
    """The named wards drawn as the union of the LSOAs the best fit puts in each (so the
    outlines follow the LSOA map's edges), one row per ward (``ward_name``)."""
    keys = {name_key(n) for group in groups for n in group}
    chosen = frame[frame["ward_name"].map(name_key).isin(keys)]
    if chosen["ward_name"].nunique() != len(keys):
        raise ValueError(f"only {sorted(chosen['ward_name'].unique())} of the named wards hold "
                         "an LSOA")
    return chosen[["ward_name", "geometry"]].dissolve("ward_name").reset_index()


def lsoa_map_figure(frame: gpd.GeoDataFrame, top: gpd.GeoDataFrame,
                    named_wards: gpd.GeoDataFrame, *, window: MonthSpan) -> Figure:
    """London by 2021 LSOA (fixed classes :data:`LSOA_CLASSES`, City hatched) beside a central
    zoom with the named wards outlined (:func:`named_ward_outlines`) and the top LSOAs
    numbered (those outside the zoom on the London panel); legend below both."""
    fig, (ax_london, ax_zoom) = plt.subplots(1, 2, figsize=(14, 6.8), width_ratios=[1, 1.05])
    handles = maps.count_map(ax_london, frame, "count", LSOA_CLASSES, no_data_label=NO_MET_DATA,
                             edgecolor="none", linewidth=0)
    maps.frame_box(ax_london, CENTRAL)
    outside = top[~top["in zoom"]]
    maps.numbered_points(ax_london, outside["x"], outside["y"], outside.index, fontsize=7)
    style.map_axes(ax_london, "London, 2021 LSOAs")
    maps.scale_bar(ax_london, loc="lower left")
    maps.count_map(ax_zoom, frame.cx[CENTRAL[0]:CENTRAL[2], CENTRAL[1]:CENTRAL[3]], "count",
                   LSOA_CLASSES, no_data_label=NO_MET_DATA, edgecolor="white", linewidth=0.2)
    named_wards.boundary.plot(ax=ax_zoom, color=style.ACCENT, linewidth=1.4)
    inside = top[top["in zoom"]]
    maps.numbered_points(ax_zoom, inside["x"], inside["y"], inside.index)
    ax_zoom.set_xlim(CENTRAL[0], CENTRAL[2])
    ax_zoom.set_ylim(CENTRAL[1], CENTRAL[3])
    style.map_axes(ax_zoom, f"Central London: top-10 LSOAs numbered ({len(inside)} of "
                            f"{len(top)} here)")
    maps.scale_bar(ax_zoom, loc="lower right")
    note = outside_note(top)
    ax_zoom.text(0.01, 0.01, "blue outlines: the article's six wards (their best-fit LSOAs)"
                 + (f"\n{note} (numbered on the London map)" if note else ""),
                 transform=ax_zoom.transAxes, fontsize=7.5, color="#333333",
                 bbox={"fc": "white", "ec": "none", "alpha": 0.8})
    fig.legend(handles=handles, title=f"thefts from the person per LSOA, {span_text(window)}",
               loc="lower center", ncol=4, fontsize=8, title_fontsize=9,
               bbox_to_anchor=(0.5, 0.03))
    fig.suptitle(f"Theft from the person by LSOA, {span_text(window)}: a few West End LSOAs "
                 "stand out", x=0.01, ha="left", fontweight="bold", fontsize=13)
    fig.subplots_adjust(bottom=0.2)
    return fig


# --- street level: hexagons ------------------------------------------------------------------


def hex_cells(hexes: pd.DataFrame, crime_type: str,
              bounds: tuple[float, float, float, float],
              grid: ThirdPartyHexGrid = HEX_GRID) -> gpd.GeoDataFrame:
    """Every hexagon of the lattice whose centre lies in ``bounds``, with its ``count`` of
    ``crime_type`` over all months of ``hexes`` (0 where none) and its ``from Charing Cross
    (m)``."""
    cells = grid.cells_in_box(bounds)
    cells["count"] = assign.hex_totals(cells, hexes, crime_type).astype("int64")
    cells["from Charing Cross (m)"] = assign.distance_from(cells["x"], cells["y"],
                                                           CHARING_CROSS)
    return cells


def top_cells(cells: gpd.GeoDataFrame, n: int, points: pd.DataFrame, max_distance: float
              ) -> gpd.GeoDataFrame:
    """The ``n`` busiest cells (ties by q, r), indexed 1…n, with the name of the nearest map
    point of ``points`` (the Charing Cross extract) within ``max_distance`` metres: "(outside
    the 1-mile extract)" for cells beyond it, "(none within …)" for others without one."""
    top = cells.sort_values(["count", "hex_q", "hex_r"], ascending=[False, True, True]).head(n)
    top.index = pd.RangeIndex(1, len(top) + 1, name="map label")
    near = nearest_location(top["x"], top["y"], points, max_distance).str.removeprefix(
        "On or near ")
    outside = top["from Charing Cross (m)"].to_numpy() > ONE_MILE_M
    near = near.mask(outside, "(outside the 1-mile extract)")
    top["nearest map point"] = near.fillna(f"(none within {max_distance:.0f} m)").to_numpy()
    return top


def hex_concentration(hexes: pd.DataFrame, crime_type: str, tops: Sequence[int] = (10, 100),
                      grid: ThirdPartyHexGrid = HEX_GRID) -> pd.Series:
    """London-wide: total count, cells with at least one, and the share (%) held by the
    busiest ``tops`` cells (their area in hectares too)."""
    rows = hexes[hexes["crime_type"] == crime_type]
    if rows.empty:
        raise KeyError(f"no hexagon rows for crime type {crime_type!r}")
    totals = np.sort(rows.groupby(["hex_q", "hex_r"])["crime_count"].sum().to_numpy())[::-1]
    hectares = 1.5 * np.sqrt(3) * grid.radius ** 2 / density.HECTARE_M2
    out = {"count": float(totals.sum()), "cells with at least one": float(len(totals))}
    for n in tops:
        out[f"top {n} cells: hectares"] = n * hectares
        out[f"top {n} cells: share %"] = 100 * totals[:n].sum() / totals.sum()
    return pd.Series(out)


def hex_map_figure(cells: gpd.GeoDataFrame, top: gpd.GeoDataFrame, wards: gpd.GeoDataFrame,
                   anchors: gpd.GeoDataFrame, *, title: str, legend_title: str) -> Figure:
    """Hexagon counts in fixed classes (:data:`HEX_CLASSES`) over the central box, the named
    ``wards`` outlined and labelled at ``anchors`` for orientation, the top cells numbered,
    the one-mile circle round Charing Cross dashed, a scale bar."""
    fig, ax = plt.subplots(figsize=(13, 6.9))
    handles = maps.count_map(ax, cells, "count", HEX_CLASSES, linewidth=0.2)
    wards.boundary.plot(ax=ax, color=style.ACCENT, linewidth=0.9)
    maps.label_places(ax, anchors, fontsize=7.5)
    maps.numbered_points(ax, top["x"], top["y"], top.index, fontsize=7)
    cx, cy = to_bng([CHARING_CROSS[0]], [CHARING_CROSS[1]])
    ax.add_patch(plt.Circle((cx[0], cy[0]), ONE_MILE_M, fill=False, linestyle="--",
                            edgecolor=style.ACCENT, linewidth=1.0))
    ax.set_xlim(CENTRAL[0], CENTRAL[2])
    ax.set_ylim(CENTRAL[1], CENTRAL[3])
    style.map_axes(ax, title)
    maps.scale_bar(ax, loc="lower right")
    handles += [Line2D([], [], color=style.ACCENT, linestyle="--",
                       label="1 mile round Charing Cross"),
                Line2D([], [], color=style.ACCENT, label="the article's six wards")]
    ax.legend(handles=handles, title=legend_title, loc="upper left", bbox_to_anchor=(1.0, 1.0),
              fontsize=8, title_fontsize=9)
    return fig


# --- street level: map points -----------------------------------------------------------------


def snap_points(records: pd.DataFrame) -> pd.DataFrame:
    """Records per distinct map point (longitude, latitude), most first (ties: west to east).

    Columns ``longitude``, ``latitude``, ``records``, ``months`` (distinct months used),
    ``location`` (the point's most frequent name, ties alphabetical), ``x``, ``y``.
    """
    keys = ["longitude", "latitude"]
    names = (records.groupby([*keys, "location"], dropna=False).size().rename("n").reset_index()
             .sort_values([*keys, "n", "location"], ascending=[True, True, False, True])
             .drop_duplicates(keys).set_index(keys)["location"])
    table = records.groupby(keys).agg(records=("month", "size"), months=("month", "nunique"),
                                      x=("x", "first"), y=("y", "first"))
    table["location"] = names.reindex(table.index)
    table = table.reset_index()[[*keys, "records", "months", "location", "x", "y"]]
    return table.sort_values(["records", *keys], ascending=[False, True, True]).reset_index(
        drop=True)


def snap_point_summary(records: pd.DataFrame, top: int = 10) -> pd.Series:
    """How records sit on the anonymised map points: counts, concentration and spacing."""
    points = snap_points(records)
    if len(points) < 2:
        raise ValueError("need records on at least two distinct map points")
    nearest, _ = KDTree(points[["x", "y"]].to_numpy()).query(points[["x", "y"]].to_numpy(), k=2)
    return pd.Series({
        "records": float(points["records"].sum()),
        "map points": float(len(points)),
        "records per point (mean)": points["records"].mean(),
        "records on the busiest point": float(points["records"].iat[0]),
        f"share on the top {top} points (%)":
            100 * points["records"].head(top).sum() / points["records"].sum(),
        "points holding half the records": float(
            np.searchsorted(points["records"].cumsum(), points["records"].sum() / 2) + 1),
        "median distance to the nearest other point (m)": float(np.median(nearest[:, 1])),
    })


def nearest_location(
    x: np.ndarray, y: np.ndarray, points: pd.DataFrame, max_distance: float
) -> pd.Series:
    """The ``location`` of the point of ``points`` nearest each (x, y), in metres.

    ``points`` needs ``x``, ``y`` and ``location`` (e.g. :func:`snap_points`); <NA> where the
    nearest point is farther than ``max_distance``.
    """
    tree = KDTree(points[["x", "y"]].to_numpy())
    distance, index = tree.query(np.column_stack([np.asarray(x, float), np.asarray(y, float)]))
    names = points["location"].astype("string").to_numpy()[index]
    return pd.Series(names, dtype="string").where(distance <= max_distance)


# --- street level: kernel density --------------------------------------------------------------


def charing_cross_bng() -> tuple[float, float]:
    """The Charing Cross query point in British National Grid metres."""
    x, y = to_bng([CHARING_CROSS[0]], [CHARING_CROSS[1]])
    return float(x[0]), float(y[0])


def disc_surface(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None, bandwidth: float,
                 cell: float, radius: float = ONE_MILE_M) -> density.Surface:
    """A kernel density surface of points on a ``cell`` grid over the disc of ``radius`` round
    Charing Cross (cells outside it NaN); the points may extend beyond the disc."""
    cx, cy = charing_cross_bng()
    bounds = (cx - radius, cy - radius, cx + radius, cy + radius)
    return density.kde_surface(x, y, weights, bandwidth, cell, bounds).within(cx, cy, radius)


def kde_peaks(surfaces: Mapping[float, density.Surface], points: pd.DataFrame,
              threshold: float = 5.0) -> pd.DataFrame:
    """Each surface's peak (records per hectare), the map point nearest it, the peak's
    distance from Charing Cross and the hectares above ``threshold`` per hectare, one row per
    bandwidth."""
    cx, cy = charing_cross_bng()
    rows = {}
    for bandwidth, surface in surfaces.items():
        px, py, value = surface.peak()
        name = nearest_location([px], [py], points, ONE_MILE_M).iat[0]
        rows[f"{bandwidth:.0f} m"] = {
            "peak (records per ha)": round(value, 1),
            "nearest map point": str(name).removeprefix("On or near "),
            "peak from Charing Cross (m)": round(float(np.hypot(px - cx, py - cy))),
            f"hectares above {threshold:g} per ha": round(
                float((surface.density > threshold).sum()) * surface.cell ** 2
                / density.HECTARE_M2, 1)}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("bandwidth")


def edge_bias(cells: pd.DataFrame, bandwidth: float, cell: float, *,
              radius: float = ONE_MILE_M, margin: float | None = None) -> pd.DataFrame:
    """How much a kernel density fitted only on points inside the disc understates the density
    near its edge, measured on hexagon counts (``x``, ``y``, ``count``) that reach beyond it.

    Two fits on the same grid: on the cells whose centre lies inside the disc, and on those
    within ``radius + margin`` (default 4 bandwidths); one row per ring of distance from the
    centre (``0 … radius − 2h``, ``… radius − h``, ``… radius``): the mean density of each fit
    and the ratio inside-only / larger extract.
    """
    margin = 4 * bandwidth if margin is None else margin
    cx, cy = charing_cross_bng()
    cells = cells[cells["count"] > 0]
    distance = np.hypot(cells["x"].to_numpy() - cx, cells["y"].to_numpy() - cy)
    fits = {}
    for name, reach in (("inside only", radius), ("larger extract", radius + margin)):
        keep = distance <= reach
        fits[name] = disc_surface(cells["x"].to_numpy()[keep], cells["y"].to_numpy()[keep],
                                  cells["count"].to_numpy(float)[keep], bandwidth, cell, radius)
    xx, yy = np.meshgrid(fits["inside only"].x, fits["inside only"].y)
    ring_distance = np.hypot(xx - cx, yy - cy)
    edges = [0.0, radius - 2 * bandwidth, radius - bandwidth, radius]
    rows = {}
    for low, high in zip(edges, edges[1:], strict=False):
        ring = (ring_distance >= low) & (ring_distance <= high)
        means = {k: float(np.nanmean(s.density[ring])) for k, s in fits.items()}
        rows[f"{low:,.0f}–{high:,.0f} m"] = {
            **{f"{k} (per ha)": v for k, v in means.items()},
            "ratio": means["inside only"] / means["larger extract"]}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("distance from centre")


def kde_figure(surface: density.Surface, points: pd.DataFrame, *, title: str, label: str,
               n_named: int = 5) -> Figure:
    """The density surface over the one-mile disc, the map points as circles (area ∝
    records), the ``n_named`` busiest points named, the edge zone (within two bandwidths of
    the circle, where a fit on points inside only reads low) marked, a scale bar."""
    cx, cy = charing_cross_bng()
    fig, ax = plt.subplots(figsize=(12, 8.6))
    image = ax.imshow(surface.density, origin="lower", extent=surface.extent(),
                      cmap=style.SEQUENTIAL_CMAP, interpolation="none")
    ax.scatter(points["x"], points["y"], s=points["records"] * 1.5, facecolor="none",
               edgecolor="#333333", linewidth=0.4)
    for radius, dash in ((ONE_MILE_M, "-"), (ONE_MILE_M - 2 * surface.bandwidth, ":")):
        ax.add_patch(plt.Circle((cx, cy), radius, fill=False, linestyle=dash,
                                edgecolor=style.ACCENT, linewidth=0.9))
    ax.plot(cx, cy, marker="+", color=style.ACCENT, markersize=10)
    busiest = points.head(n_named)
    maps.numbered_points(ax, busiest["x"], busiest["y"], range(1, len(busiest) + 1),
                         fontsize=7, offset=(9, 9))
    key = "\n".join(f"{i}  {loc.removeprefix('On or near ')} ({n})" for i, (loc, n) in
                    enumerate(zip(busiest["location"], busiest["records"], strict=True),
                              start=1))
    ax.text(1.02, 1.0, f"busiest map points\n(records)\n{key}", transform=ax.transAxes,
            fontsize=8, va="top")
    ax.set_xlim(cx - ONE_MILE_M, cx + ONE_MILE_M)
    ax.set_ylim(cy - ONE_MILE_M, cy + ONE_MILE_M)
    fig.colorbar(image, ax=ax, shrink=0.55, anchor=(0.0, 0.1), label=label)
    style.map_axes(ax, title)
    maps.scale_bar(ax, loc="lower right")
    ax.text(1.02, 0.78, "circles: police.uk map points,\narea ∝ records\n+: the query point "
            "(Charing Cross)\nsolid circle: the extract's 1 mile\ndotted ring: beyond it the "
            "surface\nreads low (edge effect)", transform=ax.transAxes, fontsize=8,
            color="#333333", va="top")
    return fig


# --- pre-2014 places (notebook 03 still labels its maps with these) -------------------------

#: Each named 2022 ward → the pre-2014 ward that approximates it on the 2002–2014 boundaries
#: (Borough & Bankside and Waterloo & South Bank have no same-name forerunner).
PRE_2014_PLACES = {
    "West End": "West End",
    "St James's": "St. James's",
    "Bloomsbury": "Bloomsbury",
    "Holborn & Covent Garden": "Holborn and Covent Garden",
    "Borough & Bankside": "Cathedrals",
    "Waterloo & South Bank": "Bishop's",
}


def place_anchors(
    old_wards: gpd.GeoDataFrame, places: Mapping[str, str] = PRE_2014_PLACES
) -> gpd.GeoDataFrame:
    """One map label per place, placed inside the pre-2014 ward it is mapped to.

    Columns: ``label`` (the 2022 name, broken after "&" when long, plus a line "(≈ <old>)" when
    the names differ), ``old_ward`` and a point inside that ward of ``old_wards`` (matched on
    ``ward_name`` by :func:`name_key`; each must match exactly one ward). Notebook 02 uses the
    2022 wards (:func:`ward_anchors`).
    """
    rows = []
    for new, old in places.items():
        hits = old_wards[old_wards["ward_name"].map(name_key) == name_key(old)]
        if len(hits) != 1:
            raise ValueError(f"{old!r} matches {len(hits)} wards, not one")
        label = new.replace(" & ", " &\n") if len(new) > 15 else new
        label = label if name_key(new) == name_key(old) else f"{label}\n(≈ {old})"
        rows.append({"label": label, "old_ward": hits["ward_name"].iat[0],
                     "geometry": hits.geometry.iat[0].representative_point()})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=old_wards.crs)
