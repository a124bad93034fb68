"""Mobile-phone theft: open-data proxies, ward rankings, and street-level concentration.

Open data carry no "phone" flag, so phone theft is approximated by the Met's minor categories
(:data:`PROXIES`). Ward tables come from :func:`hotspots.met.load_counts`; the street-level
helpers take data.police.uk records (snapped to anonymous map points) or the third-party 100 m
hexagon counts, all with ``x``/``y`` in British National Grid metres.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.spatial import KDTree

from hotspots.article import NAMED_WARDS
from hotspots.crimes import PHONE_THEFT_PROXIES, met_minors
from hotspots.geo.grids import hexagons
from hotspots.io.boundaries import BNG
from hotspots.names import name_key
from hotspots.stats.concentration import share_held_by_top

AREA_KEYS = ["area_code", "area_name", "borough"]

PROXIES = met_minors(PHONE_THEFT_PROXIES)


#: Each named 2022 ward → the pre-2014 ward used to place it on a map (an approximate place:
#: the 2022 polygons are not published in the mirror; Borough & Bankside and Waterloo & South
#: Bank have no same-name forerunner, so their main forerunners are used).
PRE_2014_PLACES = {
    "West End": "West End",
    "St James's": "St. James's",
    "Bloomsbury": "Bloomsbury",
    "Holborn & Covent Garden": "Holborn and Covent Garden",
    "Borough & Bankside": "Cathedrals",
    "Waterloo & South Bank": "Bishop's",
}

#: The data.police.uk API query point of the Charing Cross extract (lon, lat) and its radius.
CHARING_CROSS = (-0.1278, 51.5074)
ONE_MILE_M = 1609.344


# --- ward tables ---------------------------------------------------------------------------


def proxy_counts(
    table: pd.DataFrame,
    first: str | pd.Period,
    last: str | pd.Period,
    proxies: Mapping[str, Sequence[str]] = PROXIES,
) -> pd.DataFrame:
    """One row per area of a tidy Met table, one column per proxy: counts in ``first``…``last``.

    Every area of the table is kept (areas without such rows count 0; rows with a missing code,
    e.g. the airport, are kept with ``area_code`` <NA>), sorted by code with <NA> last. Raises
    ``ValueError`` when the table mixes vintages, lacks a month of the window or lacks one of the
    proxies' categories.
    """
    if table["vintage"].nunique() != 1:
        raise ValueError("table mixes vintages; count one vintage at a time")
    months = pd.period_range(first, last, freq="M")
    missing = months.difference(pd.PeriodIndex(table["month"].unique(), freq="M"))
    if len(missing):
        raise ValueError(f"window {first}…{last} lacks month(s) {', '.join(map(str, missing))}")
    in_window = table["month"].isin(months).to_numpy()
    wanted = sorted({minor for minors in proxies.values() for minor in minors})
    absent = sorted(set(wanted) - set(table["minor"].unique()))
    if absent:
        raise ValueError(f"categories not in the table: {absent}")
    rows = table.loc[in_window & table["minor"].isin(wanted).to_numpy(),
                     [*AREA_KEYS, "minor", "count"]]
    by_minor = (
        rows.groupby([*AREA_KEYS, "minor"], dropna=False)["count"].sum()
        .unstack("minor", fill_value=0)
        .reindex(columns=wanted, fill_value=0)
    )
    areas = table.loc[in_window, AREA_KEYS].drop_duplicates().set_index(AREA_KEYS)
    by_minor = by_minor.reindex(areas.index, fill_value=0)
    out = pd.DataFrame({name: by_minor[list(m)].sum(axis=1) for name, m in proxies.items()})
    out = out.astype("int64").reset_index()
    return out.sort_values(["area_code", "area_name"], na_position="last").reset_index(drop=True)


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


def top_shares(counts: Sequence[float], fractions: Sequence[float] = (0.01, 0.05, 0.10)
               ) -> pd.DataFrame:
    """Share of the total held by the top ``fractions`` of units (read off the Lorenz curve).

    Columns ``units`` (fraction × number of units, not rounded) and ``share_pct``; indexed by
    labels like "top 1%".
    """
    values = np.asarray(counts, dtype=float)
    rows = {f"top {100 * f:g}%": {"units": f * values.size,
                                  "share_pct": 100 * share_held_by_top(values, f)}
            for f in fractions}
    return pd.DataFrame.from_dict(rows, orient="index")


def monthly_series(table: pd.DataFrame, area_code: str, minors: Sequence[str]) -> pd.DataFrame:
    """Monthly counts of ``minors`` in one area: months as rows, one column per vintage."""
    rows = table[(table["area_code"] == area_code) & table["minor"].isin(list(minors))]
    if rows.empty:
        raise KeyError(f"no rows for area {area_code} and categories {list(minors)}")
    series = rows.groupby(["month", "vintage"])["count"].sum().unstack("vintage")
    return series.sort_index().astype("Int64")


def place_anchors(
    old_wards: gpd.GeoDataFrame, places: Mapping[str, str] = PRE_2014_PLACES
) -> gpd.GeoDataFrame:
    """One map label per place, placed inside the pre-2014 ward it is mapped to.

    Columns: ``label`` (the 2022 name, broken after "&" when long, plus a line "(≈ <old>)" when
    the names differ), ``old_ward`` and a point inside that ward of ``old_wards`` (matched on
    ``ward_name`` by :func:`name_key`; each must match exactly one ward).
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


# --- street level --------------------------------------------------------------------------


def hex_totals(hexes: pd.DataFrame, crime_type: str, radius: float = 100.0) -> gpd.GeoDataFrame:
    """Counts of one crime type per hexagon over all months, most first (ties by q, r).

    Columns ``hex_q``, ``hex_r``, ``count``, ``x``, ``y`` (centre, BNG) and a hexagon of
    ``radius`` metres drawn around the centre in BNG (the uploader's cells are regular on a
    local equirectangular grid, so these drawn cells approximate them to a few metres).
    """
    rows = hexes[hexes["crime_type"] == crime_type]
    if rows.empty:
        raise KeyError(f"no hexagon rows for crime type {crime_type!r}")
    table = rows.groupby(["hex_q", "hex_r"]).agg(count=("crime_count", "sum"), x=("x", "first"),
                                                 y=("y", "first")).reset_index()
    table = table.sort_values(["count", "hex_q", "hex_r"], ascending=[False, True, True])
    geometry = hexagons(table["x"].to_numpy(), table["y"].to_numpy(), radius)
    return gpd.GeoDataFrame(table.reset_index(drop=True), geometry=geometry, crs=BNG)


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


