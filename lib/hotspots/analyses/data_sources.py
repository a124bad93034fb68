"""Notebook 00 (data sources): how the Met's wards join to boundaries, and whether the Met's
LSOA and ward products agree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from hotspots.io.boundaries import borough_lookup, wards_2014
from hotspots.months import MonthSpan
from hotspots.names import name_key


def ward_name_report(met_wards: pd.DataFrame, wards: pd.DataFrame | None = None) -> pd.DataFrame:
    """How each Met ward joins to ward boundaries (default :func:`wards_2014`).

    ``met_wards`` has columns ward_code, ward_name, borough (the Met's WardCode, WardName,
    LookUp_BoroughName); duplicates are dropped. ``match`` is ``"code"`` when the code is in
    ``wards``; ``"name"`` when a ward of the same :func:`~hotspots.names.name_key` exists in
    the same borough (a shared name, not proof of a shared boundary: most wards were redrawn
    in 2022); ``"none"`` otherwise, including borough names that are not a London borough
    (``borough_code`` is then ``<NA>``). ``wards`` needs ward_code, ward_name, borough_code;
    boundary names repeated within a borough never match.
    Returns ward_code, ward_name, borough, borough_code, match, ward_2014_code, ward_2014_name.
    """
    missing = sorted({"ward_code", "ward_name", "borough"} - set(met_wards.columns))
    if missing:
        raise ValueError(f"met_wards lacks columns {missing}")
    wards = wards_2014() if wards is None else wards
    boroughs_by_key = borough_lookup().set_index("name_key")["borough_code"]
    table = met_wards[["ward_code", "ward_name", "borough"]].drop_duplicates()
    table = table.reset_index(drop=True)
    table["borough_code"] = table["borough"].map(name_key).map(boroughs_by_key)

    bounds = pd.DataFrame(wards[["ward_code", "ward_name", "borough_code"]])
    by_code = bounds.set_index("ward_code")["ward_name"]
    bounds["key"] = bounds["borough_code"] + "|" + bounds["ward_name"].map(name_key)
    bounds = bounds.drop_duplicates("key", keep=False).set_index("key")
    key = table["borough_code"] + "|" + table["ward_name"].map(name_key)

    on_code = table["ward_code"].isin(by_code.index)
    on_name = ~on_code & key.isin(bounds.index)
    table["match"] = np.select([on_code, on_name], ["code", "name"], "none")
    table["ward_2014_code"] = table["ward_code"].where(on_code, key.map(bounds["ward_code"]))
    table["ward_2014_name"] = table["ward_code"].map(by_code).where(
        on_code, key.map(bounds["ward_name"])
    )
    return table.sort_values(["borough", "ward_name"]).reset_index(drop=True)


# --- do the Met's LSOA and ward counts agree? ----------------------------------------------

STRADDLE_SHARE = 0.5
MIN_SHARE = 0.01


@dataclass(frozen=True)
class WardAgreement:
    """The Met's LSOA counts summed to 2022 wards, against its ward counts.

    ``table``: one row per ward (see :func:`lsoa_ward_agreement`); ``summary``: labelled
    figures; ``largest``: the wards with the largest absolute differences.
    """

    table: pd.DataFrame
    summary: pd.Series
    largest: pd.DataFrame


def lsoa_ward_overlap(
    lsoas: gpd.GeoDataFrame, wards: gpd.GeoDataFrame, lookup: pd.DataFrame,
    min_share: float = MIN_SHARE,
) -> pd.DataFrame:
    """How much of each LSOA lies in its best-fit ward, and where the rest lies.

    Returns lsoa_code, ward_code (the best fit), ward_share (share of the LSOA's area inside
    that ward) and one row per other ward holding part of it: other_ward, other_share. From
    the LSOA polygons and the 2022 BSC ward polygons (200 m generalisation, so shares near 0 or
    1 are approximate; pieces under ``min_share`` of an LSOA, edge slivers, are ignored); the
    lookup itself uses population-weighted centroids, not areas.
    """
    src = lsoas[["lsoa_code", "geometry"]].assign(_area=lambda f: f.geometry.area)
    pieces = gpd.overlay(src, wards[["ward_code", "geometry"]].to_crs(src.crs),
                         how="intersection", keep_geom_type=True)
    pieces["share"] = pieces.geometry.area / pieces["_area"]
    pieces = pd.DataFrame(pieces.drop(columns=["geometry", "_area"]))
    pieces = pieces[pieces["share"] >= min_share]
    best = lookup[["lsoa_code", "ward_code"]]
    inside = best.merge(pieces, on=["lsoa_code", "ward_code"], how="left")
    inside = inside.groupby(["lsoa_code", "ward_code"], as_index=False)["share"].sum(min_count=0)
    inside["share"] = inside["share"].fillna(0.0)
    others = pieces.merge(best, on="lsoa_code", suffixes=("_other", ""))
    others = others[others["ward_code_other"] != others["ward_code"]]
    others = others.groupby(["lsoa_code", "ward_code_other"], as_index=False)["share"].sum()
    table = inside.rename(columns={"share": "ward_share"}).merge(
        others.rename(columns={"ward_code_other": "other_ward", "share": "other_share"}),
        on="lsoa_code", how="left")
    return table.sort_values(["lsoa_code", "other_ward"]).reset_index(drop=True)


def lsoa_ward_agreement(
    lsoa_counts: pd.DataFrame,
    ward_counts: pd.DataFrame,
    lookup: pd.DataFrame,
    months: MonthSpan | None = None,
    categories: Iterable[str] | None = None,
    overlap: pd.DataFrame | None = None,
    straddle_share: float = STRADDLE_SHARE,
) -> WardAgreement:
    """Sum the Met's LSOA counts to 2022 wards through the best-fit ``lookup`` and compare them
    with the Met's ward counts, for the same months and minor categories.

    ``lsoa_counts`` and ``ward_counts`` are Met tables (``met.load_lsoa_counts()``,
    ``met.load_counts("ward", …)``: area_code, area_name, borough, minor, month, count);
    ``lookup`` has lsoa_code, ward_code, ward_name, borough_name. ``months`` defaults to the
    months both tables cover, ``categories`` to the minor categories both have. Ward rows
    without a code (the Met files Heathrow Villages under "Aviation Security (SO18)") are
    matched to the lookup's ward of the same name when exactly one has it. With ``overlap``
    (:func:`lsoa_ward_overlap`), an LSOA "straddles" when its best-fit ward holds less than
    ``straddle_share`` of its area; a ward's ``gained`` are its straddling LSOAs and its
    ``lost`` the straddling LSOAs of other wards with at least that share inside it.

    ``table`` columns: ward_code, ward_name, borough, lsoas, lsoa_sum, ward_file, difference
    (lsoa_sum − ward_file), pct_difference (of ward_file), gained, lost (<NA> without
    ``overlap``), reason (where the difference can be explained).
    """
    months = months or _common_months(lsoa_counts, ward_counts)
    chosen = sorted(set(categories) if categories is not None else
                    set(lsoa_counts["minor"]) & set(ward_counts["minor"]))
    left_out = sorted((set(lsoa_counts["minor"]) | set(ward_counts["minor"])) - set(chosen))
    lsoa = lsoa_counts[months.mask(lsoa_counts["month"]) & lsoa_counts["minor"].isin(chosen)]
    ward = ward_counts[months.mask(ward_counts["month"]) & ward_counts["minor"].isin(chosen)]
    best = lookup.set_index("lsoa_code")["ward_code"]
    lsoa_ward = lsoa["area_code"].map(best)
    unmatched = int(lsoa.loc[lsoa_ward.isna(), "count"].sum())
    lsoa_sum = lsoa.groupby(lsoa_ward)["count"].sum()
    ward_codes, by_name = _ward_codes(ward, lookup)
    ward_file = ward.groupby(ward_codes)["count"].sum()
    wards = lookup.drop_duplicates("ward_code").set_index("ward_code")
    codes = sorted(set(lsoa_sum.index) | set(ward_file.index))
    table = pd.DataFrame({"ward_code": codes})
    table["ward_name"] = table["ward_code"].map(wards["ward_name"])
    table["borough"] = table["ward_code"].map(wards["borough_name"])
    table["lsoas"] = table["ward_code"].map(lookup.groupby("ward_code").size()).fillna(0)
    table["lsoa_sum"] = table["ward_code"].map(lsoa_sum).fillna(0)
    table["ward_file"] = table["ward_code"].map(ward_file).fillna(0)
    table = table.astype({"lsoas": "int64", "lsoa_sum": "int64", "ward_file": "int64"})
    table["difference"] = table["lsoa_sum"] - table["ward_file"]
    table["pct_difference"] = 100 * table["difference"] / table["ward_file"].replace(0, np.nan)
    gained, lost = _straddling(overlap, lookup, straddle_share)
    for name, values in (("gained", gained), ("lost", lost)):
        column = table["ward_code"].map(values)
        table[name] = (column.fillna(0) if overlap is not None else column).astype("Int64")
    table["reason"] = [_reason(row, by_name) for row in table.itertuples(index=False)]
    table = table.sort_values("ward_code").reset_index(drop=True)
    summary = _agreement_summary(table, months, chosen, left_out, unmatched, ward)
    largest = table.reindex(table["difference"].abs().sort_values(ascending=False).index)
    return WardAgreement(table, summary, largest.head(10).reset_index(drop=True))


def _common_months(*tables: pd.DataFrame) -> MonthSpan:
    first = max(t["month"].min() for t in tables)
    last = min(t["month"].max() for t in tables)
    if first > last:
        raise ValueError("the two tables share no month")
    return MonthSpan(first, last)


def _ward_codes(ward: pd.DataFrame, lookup: pd.DataFrame) -> tuple[pd.Series, dict[str, str]]:
    """Each ward row's code; rows without one get the code of the one ward of that name."""
    names = lookup.drop_duplicates("ward_code")
    names = names[~names["ward_name"].duplicated(keep=False)].set_index("ward_name")
    missing = ward["area_code"].isna()
    found = ward.loc[missing, "area_name"].map(names["ward_code"])
    codes = ward["area_code"].astype("string").copy()
    codes[missing] = found.astype("string")
    by_name = {code: borough for code, borough in
               zip(found.dropna(), ward.loc[found.dropna().index, "borough"], strict=True)}
    return codes, by_name


def _straddling(
    overlap: pd.DataFrame | None, lookup: pd.DataFrame, share: float
) -> tuple[pd.Series, pd.Series]:
    if overlap is None:
        return pd.Series(dtype="Int64"), pd.Series(dtype="Int64")
    per_lsoa = overlap.drop_duplicates("lsoa_code").set_index("lsoa_code")
    straddles = per_lsoa.index[per_lsoa["ward_share"] < share]
    gained = lookup[lookup["lsoa_code"].isin(straddles)].groupby("ward_code").size()
    away = overlap[overlap["lsoa_code"].isin(straddles) & (overlap["other_share"] >= share)]
    lost = away.groupby("other_ward")["lsoa_code"].nunique()
    return gained, lost


def _reason(row: tuple, by_name: dict[str, str]) -> str:
    reasons = []
    if row.ward_code in by_name:
        reasons.append(f"airport: the ward file puts it under {by_name[row.ward_code]!r} with "
                       "no ward code (matched by name)")
    if row.ward_file == 0 and row.lsoa_sum > 0:
        reasons.append("not in the ward file")
    if row.lsoas == 0 or row.lsoa_sum == 0 and row.ward_file > 0:
        reasons.append("no LSOA of the LSOA file falls to it by best fit")
    if abs(row.difference) > 0 and not pd.isna(row.gained) and row.gained + row.lost > 0:
        reasons.append(f"best fit: gains {row.gained} and loses {row.lost} LSOAs that straddle "
                       "its boundary")
    return "; ".join(reasons)


def _agreement_summary(
    table: pd.DataFrame, months: MonthSpan, chosen: list[str], left_out: list[str],
    unmatched: int, ward: pd.DataFrame,
) -> pd.Series:
    compared = table[table["ward_file"] > 0]
    pct = compared["pct_difference"].abs()
    lsoa_total, ward_total = int(table["lsoa_sum"].sum()), int(table["ward_file"].sum())
    return pd.Series({
        "months": str(months),
        "minor categories compared": len(chosen),
        "minor categories left out": ", ".join(left_out) or "none",
        "LSOA file, summed to wards": lsoa_total,
        "ward file": ward_total,
        "ward-file rows with no ward": int(ward["count"].sum()) - ward_total,
        "LSOA-file crimes in LSOAs not in the lookup": unmatched,
        "total difference": lsoa_total - ward_total,
        "total difference (%)": round(100 * (lsoa_total - ward_total) / ward_total, 3),
        "sum of absolute ward differences": int(table["difference"].abs().sum()),
        "wards compared": len(compared),
        "wards within 1%": int((pct <= 1).sum()),
        "wards within 5%": int((pct <= 5).sum()),
        "share of wards within 1% (%)": round(100 * float((pct <= 1).mean()), 1),
        "share of wards within 5% (%)": round(100 * float((pct <= 5).mean()), 1),
        "median absolute difference (%)": round(float(pct.median()), 2),
    })
