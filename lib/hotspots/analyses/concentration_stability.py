"""Notebook 04, do crime and anti-social behaviour cluster *predictably*? The verdict.

The one verdict on "where crime and anti-social behaviour cluster predictably"
(``crime-asb-cluster-predictably``) is decided here by the ``pattern`` rule on three criteria
stated before the results (:func:`criteria`): (a) clustering that survives skew and the
removal of the busiest units (:func:`hotspots.stats.spatial.robust_moran`, the same settings as
notebook 03), (b) hot spots under the project's policy for every type, (c) persistence of the
busiest units and of the hot spots from one year to the next above a chance baseline
(:func:`hotspots.stats.stability.persistence_baselines`). Hot spots are always the policy's
(:func:`hotspots.analyses.moran_getis_ord.hot_spots_by_type`), the same sets as notebook 03.

Units and counts come from :mod:`hotspots.analyses.layers` (which also gives notebook 04's
unit x month matrices); the statistics from :mod:`hotspots.stats`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from hotspots.analyses import cached
from hotspots.analyses import layers as lay
from hotspots.analyses.layers import period_sums, unit_month_matrix
from hotspots.analyses.moran_getis_ord import CLUSTER_STATEMENT, borough_lines, london_outline
from hotspots.article import statement
from hotspots.claims import verdicts
from hotspots.claims.registry import Record, catalogue_verdict
from hotspots.claims.verdicts import Criterion, Verdict
from hotspots.crimes import CRIME_TYPES
from hotspots.geo import assign, grids
from hotspots.geo.assign import counts_by_unit
from hotspots.io import boundaries
from hotspots.months import MonthSpan
from hotspots.stats import concentration as conc
from hotspots.stats import emerging
from hotspots.stats import prediction as pred
from hotspots.stats.concentration import top_units
from hotspots.stats.prediction import regression_to_mean
from hotspots.stats.spatial import (
    POLICY,
    HotSpotPolicy,
    LocalResult,
    RobustMoran,
    WeightsSpec,
)
from hotspots.stats.stability import (
    correlation_series,
    persistence,
    persistence_baselines,
    proportion_difference_test,
    rank_correlation,
    spatial_point_pattern_test,
)
from hotspots.viz import maps, style

NOTEBOOK = "04_concentration_stability_prediction"
#: "Hot" by count: the top 5% of units, throughout.
TOP = 0.05
SEED = 20240301
YEARS = {"year 1": lay.YEAR_1, "year 2": lay.YEAR_2}
#: police.uk's anti-social behaviour covers one year: its two halves stand in for two years.
ASB_HALVES = {"year 1": lay.MonthSpan("2025-05", "2025-10"),
              "year 2": lay.MonthSpan("2025-11", "2026-04")}
#: The ward file of vintage 2026-03: 24 months for the emerging hot spots.
WARD_VINTAGE = "2026-03"
WARD_SPAN = MonthSpan("2024-04", "2026-03")
#: Criterion (c): at least this share of year 1's policy hot spots hot again in year 2.
HOT_KEPT_THRESHOLD = 0.5
#: Criterion (c): the kept share of the top 5% must exceed this quantile of the chance baseline.
CHANCE_QUANTILE = 0.99
#: Heathrow Villages (which holds the airport and, in the Met's ward files, its crime) and the
#: wards round it.
HEATHROW_WARDS = ("Heathrow Villages", "Pinkwell", "West Drayton", "Bedfont", "Cranford",
                  "Feltham North")
#: Central London for the persistence maps (BNG metres).
CENTRAL = (526_500, 178_300, 534_000, 183_000)


# --- the statements ------------------------------------------------------------------------------


def statements_table() -> pd.DataFrame:
    """The statements this notebook gives evidence on, and who decides each verdict."""
    rows = []
    for statement_id, who in ((CLUSTER_STATEMENT, "this notebook: pattern rule"),
                              ("hot-spots-defined-micro-areas", None),
                              ("data-led-hotspot-selection", None)):
        item = statement(statement_id)
        decided = who or f"catalogue: {catalogue_verdict(item).verdict}"
        rows.append({"statement": statement_id, "the article's words": item.quote,
                     "kind": item.kind, "verdict decided by": decided})
    return pd.DataFrame(rows).set_index("statement")


# --- counts by period ----------------------------------------------------------------------------


def two_periods(layer: lay.Layer) -> dict[str, pd.DataFrame]:
    """Per crime type, units x ("year 1", "year 2"): the Met's two LSOA years, and for
    anti-social behaviour the two halves of police.uk's year (NaN rows: no data)."""
    months = MonthSpan(lay.YEAR_1.first, lay.YEAR_2.last)
    out = {c: period_sums(m, YEARS) for c, m in lay.met_months(layer, months).items()}
    whole = MonthSpan(ASB_HALVES["year 1"].first, ASB_HALVES["year 2"].last)
    out[lay.ASB] = period_sums(lay.hex_months(layer, whole)[lay.ASB], ASB_HALVES)
    return out


def hot_spots_by_period(periods: Mapping[str, pd.DataFrame], weights: WeightsSpec,
                        period: str) -> dict[str, LocalResult]:
    """The policy's hot spots of each crime type in one period of :func:`two_periods`."""
    return {crime: cached.policy_run(table[period], weights) for crime, table in periods.items()}


def period_label(crime: str) -> dict[str, str]:
    """The months behind "year 1" and "year 2" for a crime type."""
    spans = ASB_HALVES if crime == lay.ASB else YEARS
    return {name: str(span) for name, span in spans.items()}


# --- concentration -------------------------------------------------------------------------------


def concentration_table(samples: Mapping[tuple[str, str], pd.Series]) -> pd.DataFrame:
    """Gini, generalised Gini and the shares of units holding 25% and 50% of the crime, per
    (crime type, unit) sample (units without data left out)."""
    rows = {key: conc.concentration_summary(values.dropna()) for key, values in samples.items()}
    table = pd.DataFrame(rows).T
    table.index.names = ["crime type", "unit"]
    shares = ["units for 25% of crime", "units for 50% of crime", "crime in top 5%"]
    table[shares] = 100 * table[shares]
    table = table[["units", "crimes", "gini", "generalized gini", *shares]]
    return table.rename(columns={c: f"{c} (%)" for c in shares}).astype(
        {"units": "int64", "crimes": "int64"})


def lorenz_figure(samples: Mapping[tuple[str, str], pd.Series], types: Sequence[str],
                  colours: Mapping[str, tuple[str, str]]) -> Figure:
    """Lorenz curves (log x axis) per crime type and unit, with Weisburd's street-segment band
    (25% / 50% of crime in 0.4–1.6% / 2.1–6.0% of segments) for reference."""
    ncols = 4
    nrows = math.ceil(len(types) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(15, 3.6 * nrows), sharex=True, sharey=True,
                             squeeze=False)
    for ax, crime in zip(axes.flat, types, strict=False):
        ax.plot([2.1, 6.0], [50, 50], color="#333333", linewidth=5, alpha=0.3,
                solid_capstyle="butt")
        ax.plot([0.4, 1.6], [25, 25], color="#333333", linewidth=5, alpha=0.3,
                solid_capstyle="butt")
        for (kind, unit), values in samples.items():
            if kind != crime:
                continue
            curve = conc.lorenz_curve(values.dropna()).iloc[1:]
            colour, line = colours[unit]
            ax.plot(100 * curve["unit_share"], 100 * curve["crime_share"], color=colour,
                    linestyle=line, linewidth=1.6, label=unit)
        ax.set_xscale("log")
        ax.set_xlim(0.01, 100)
        ax.set_ylim(0, 100)
        ax.set_title(crime, fontsize=11)
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:g}"))
    legend_ax = axes.flat[len(types)] if len(types) < axes.size else axes.flat[-1]
    for ax in axes.flat[len(types):]:
        ax.set_axis_off()
    handles = [Line2D([], [], color=c, linestyle=s, label=u) for u, (c, s) in colours.items()]
    handles.append(Line2D([], [], color="#333333", alpha=0.3, linewidth=5,
                          label="street segments holding 25% / 50%\nof crime, 8 cities "
                                "(Weisburd 2015)"))
    legend_ax.legend(handles=handles, loc="center", fontsize=9)
    for ax in axes[-1]:
        ax.set_xlabel("% of units, busiest first (log scale)")
    for ax in axes[:, 0]:
        ax.set_ylabel("% of the crime they hold")
    fig.suptitle("The busiest places hold most crime, more so the smaller the unit (12 months)",
                 x=0.01, ha="left", fontweight="bold", fontsize=13)
    return fig


# --- stability -----------------------------------------------------------------------------------


def stability_table(monthly: Mapping[str, pd.DataFrame], yearly: Mapping[str, pd.DataFrame],
                    ward_yearly: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Spearman's ρ between the same units in two periods: year on year (LSOAs, wards),
    month on month (median, lowest, highest of the consecutive pairs) and the same month a
    year later (LSOAs; units with data only)."""
    rows = {}
    for crime, matrix in monthly.items():
        kept = matrix.dropna()
        month_on_month = correlation_series(kept, lag=1)["rho"]
        row = {
            "LSOA year on year": rank_correlation(*(yearly[crime].dropna()[y]
                                                    for y in ("year 1", "year 2")))[0],
            "LSOA month on month, median": month_on_month.median(),
            "… lowest": month_on_month.min(),
            "… highest": month_on_month.max(),
        }
        if kept.shape[1] > 12:
            row["LSOA same month a year later, median"] = correlation_series(kept, lag=12)[
                "rho"].median()
        if crime in ward_yearly:
            wards = ward_yearly[crime].dropna()
            row["ward year on year"] = rank_correlation(wards.iloc[:, 0], wards.iloc[:, 1])[0]
        rows[crime] = row
    return pd.DataFrame.from_dict(rows, orient="index")


def month_on_month_figure(monthly: Mapping[str, pd.DataFrame]) -> Figure:
    """ρ between each month's ranking of LSOAs and the previous month's, one line per type."""
    fig, ax = plt.subplots(figsize=(10, 4.6))
    colours = dict(zip(monthly, plt.get_cmap("tab10").colors, strict=False))
    for crime, matrix in monthly.items():
        series = correlation_series(matrix.dropna(), lag=1)
        ax.plot(series["period_b"].dt.to_timestamp(), series["rho"], marker="o",
                markersize=2.5, color=colours[crime], label=crime,
                linewidth=1.8 if crime in ("all crime", "theft from the person") else 1.0)
    ax.set_ylim(0, 1)
    ax.set_ylabel("Spearman's ρ with the month before")
    ax.legend(fontsize=8, ncol=2, loc="lower left")
    fig.suptitle("Month on month the busiest places stay busiest; rarer crimes reshuffle more",
                 x=0.01, ha="left", fontweight="bold", fontsize=13)
    return fig


#: March-February years of the Met's historical ward file.
HISTORY_YEARS = {f"{y}/{str(y + 1)[2:]}": (f"{y}-03", f"{y + 1}-02") for y in range(2011, 2024)}


def history_yearly(history: pd.DataFrame, types: Sequence[str] = lay.MET_TYPES
                   ) -> dict[str, pd.DataFrame]:
    """Wards x March-February years (:data:`HISTORY_YEARS`) of the Met's historical ward file
    (every code it lists, Heathrow Villages with the airport's crime included)."""
    codes = sorted(history["area_code"].dropna().unique())
    months = pd.period_range("2011-03", "2024-02", freq="M")
    return {crime: period_sums(unit_month_matrix(CRIME_TYPES[crime].select_met(history), codes,
                                                 months), HISTORY_YEARS) for crime in types}


def long_view(history_yearly: Mapping[str, pd.DataFrame], fraction: float = TOP
              ) -> pd.DataFrame:
    """Ward stability over the historical years: ρ and the share of one year's top wards still
    top the next (median and lowest over consecutive pairs), and first year against last."""
    rows = {}
    for crime, yearly in history_yearly.items():
        pairs = year_pair_changes(yearly, fraction)
        first, last = yearly.columns[0], yearly.columns[-1]
        rows[crime] = {
            "ρ, consecutive years (median)": pairs["rho"].median(),
            "ρ, lowest pair": pairs["rho"].min(),
            "top 5% kept next year, median (%)": 100 * pairs["kept"].median(),
            f"ρ, {first} vs {last}": rank_correlation(yearly[first], yearly[last])[0],
            f"top 5% of {first} still top in {last} (%)": 100 * persistence(
                top_units(yearly[first], fraction), top_units(yearly[last], fraction)
            ).kept_share,
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def year_pair_changes(yearly: pd.DataFrame, fraction: float = 0.05) -> pd.DataFrame:
    """Stability and regression to the mean between each pair of consecutive periods.

    ``yearly`` is units x periods (in order). One row per pair: ``rho`` (Spearman), ``kept``
    (share of A's top ``fraction`` units in B's top), and for A's top units the change of
    their mean count (``top_change_pct``), London's (``all_change_pct``), the top units'
    change relative to all units (``relative_pct``) and the gamma-Poisson expectation of it
    (``expected_relative_pct``; see :func:`hotspots.stats.prediction.regression_to_mean`).
    """
    rows = []
    for before, after in zip(yearly.columns[:-1], yearly.columns[1:], strict=True):
        a, b = yearly[before], yearly[after]
        picked = top_units(a, fraction)
        rtm = regression_to_mean(a, b, picked)
        overall = rtm.all_mean_b / rtm.all_mean_a
        rows.append({
            "period_a": before,
            "period_b": after,
            "rho": rank_correlation(a, b)[0],
            "kept": persistence(picked, top_units(b, fraction)).kept_share,
            "top_change_pct": 100 * (rtm.picked_mean_b / rtm.picked_mean_a - 1),
            "all_change_pct": 100 * (overall - 1),
            "relative_pct": 100 * (rtm.picked_mean_b / rtm.picked_mean_a / overall - 1),
            "expected_relative_pct": 100 * (rtm.expected_picked_mean_b / rtm.picked_mean_a
                                            / overall - 1),
        })
    return pd.DataFrame(rows)


# --- persistence against chance ------------------------------------------------------------------


def persistence_table(periods: Mapping[str, pd.DataFrame],
                      hot_a: Mapping[str, LocalResult], hot_b: Mapping[str, LocalResult],
                      **kwargs) -> pd.DataFrame:
    """Per crime type: the top 5% kept from year 1 to year 2 against its chance and
    stable-rate baselines, and the policy's hot spots of year 1 hot again in year 2."""
    rows = {}
    for crime, table in periods.items():
        base = persistence_baselines(table["year 1"], table["year 2"], fraction=TOP, seed=SEED,
                                     quantile=CHANCE_QUANTILE, **kwargs)
        kept = persistence(hot_a[crime].hot(), hot_b[crime].hot())
        rows[crime] = {
            "months (year 1 → year 2)": " → ".join(period_label(crime).values()),
            "top 5%: units": base.n_top,
            "top 5% kept (%)": 100 * base.observed,
            "chance: mean (%)": 100 * base.chance_mean,
            f"chance: {100 * CHANCE_QUANTILE:g}th percentile (%)": 100 * base.chance_threshold,
            "stable rates: mean (%)": 100 * base.stable_mean,
            "stable rates: 95% range": f"{100 * base.stable_low:.0f}–{100 * base.stable_high:.0f}",
            "hot spots, year 1": kept.n_a,
            "hot spots, year 2": kept.n_b,
            "hot in both": kept.n_both,
            "hot spots kept (%)": 100 * kept.kept_share if kept.n_a else math.nan,
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def persistence_figure(table: pd.DataFrame) -> Figure:
    """The kept share of the top 5% per type: observed, the chance threshold and the
    stable-rate range; and the share of the policy's hot spots kept."""
    fig, (ax_top, ax_hot) = plt.subplots(1, 2, figsize=(13, 4.8), sharey=True,
                                         width_ratios=[1.6, 1])
    names = list(table.index)[::-1]
    y = np.arange(len(names))
    chance = table.filter(like="th percentile").iloc[:, 0].loc[names]
    ranges = table.loc[names, "stable rates: 95% range"].str.split("–", expand=True).astype(float)
    ax_top.hlines(y, ranges[0], ranges[1], color=style.NEUTRAL, linewidth=6, alpha=0.6,
                  label="stable rates: 95% range")
    ax_top.plot(chance, y, "|", color="#333333", markersize=14, markeredgewidth=2,
                label=f"chance: {100 * CHANCE_QUANTILE:g}th percentile")
    ax_top.plot(table.loc[names, "top 5% kept (%)"], y, "o", color=style.HIGHLIGHT,
                label="observed")
    ax_top.set_xlim(0, 100)
    ax_top.set_yticks(y, names)
    ax_top.set_xlabel("% of year 1's top 5% of LSOAs still in year 2's top 5%")
    ax_top.legend(loc="upper left", bbox_to_anchor=(0.12, 1.0), fontsize=8)
    ax_hot.barh(y, table.loc[names, "hot spots kept (%)"], color=style.HOT, height=0.55)
    ax_hot.axvline(100 * HOT_KEPT_THRESHOLD, color="#333333", linestyle="--", linewidth=1)
    for yi, crime in zip(y, names, strict=True):
        ax_hot.text(2, yi, f"{table.at[crime, 'hot in both']} of "
                           f"{table.at[crime, 'hot spots, year 1']}", va="center", fontsize=8,
                    color="white")
    ax_hot.set_xlim(0, 100)
    ax_hot.set_xlabel("% of year 1's policy hot spots hot again in year 2")
    for ax in (ax_top, ax_hot):
        ax.grid(axis="y", visible=False)
    fig.suptitle("Hot places stay hot far more than chance allows; the policy's hot spots "
                 "almost all stay hot", x=0.01, ha="left", fontweight="bold", fontsize=13)
    return fig


def persistence_map(layer: lay.Layer, hot_a: Mapping[str, LocalResult],
                    hot_b: Mapping[str, LocalResult], types: Sequence[str]) -> Figure:
    """Central London: the policy's hot spots in both years, year 1 only or year 2 only, one
    panel per type (no-data units hatched), with scale bars and a locator."""
    status_colours = {"hot in both years": style.HOT, "year 1 only": "#fdae61",
                      "year 2 only": "#7b3294", "not a hot spot": maps.GI_COLOURS[
                          "Not Significant"]}
    shown = layer.units.cx[CENTRAL[0]:CENTRAL[2], CENTRAL[1]:CENTRAL[3]]
    fig, axes = plt.subplots(1, len(types), figsize=(6.5 * len(types), 5.6), squeeze=False)
    lines = borough_lines().clip(CENTRAL)
    for ax, crime in zip(axes.flat, types, strict=True):
        a = pd.Series(hot_a[crime].hot(), index=pd.Index(hot_a[crime].ids))
        b = pd.Series(hot_b[crime].hot(), index=pd.Index(hot_b[crime].ids))
        a, b = a.loc[shown["unit_code"]].to_numpy(), b.loc[shown["unit_code"]].to_numpy()
        status = np.select([a & b, a, b], list(status_colours)[:3], default="not a hot spot")
        no_data = layer.values(crime).loc[shown["unit_code"]].isna().to_numpy()
        status = np.where(no_data, maps.NO_DATA, status)
        colours = {**status_colours, maps.NO_DATA: maps.GI_COLOURS[maps.NO_DATA]}
        handles = maps.class_map(ax, shown, status, colours, legend_title="", legend=False,
                                 edgecolor="white", linewidth=0.2, hatches=maps.GI_HATCHES)
        maps.draw_lines(ax, lines, color="#555555", linewidth=0.6)
        ax.set_xlim(CENTRAL[0], CENTRAL[2])
        ax.set_ylim(CENTRAL[1], CENTRAL[3])
        style.map_axes(ax, crime)
        maps.scale_bar(ax, loc="lower right")
        ax.legend(handles=handles, loc="upper right", fontsize=7, title="LSOAs in view",
                  title_fontsize=8)
    maps.locator(axes.flat[0], london_outline(), CENTRAL, rect=(0.0, 0.0, 0.28, 0.32))
    fig.suptitle("The same core is hot in year 1 (Mar 2024–Feb 2025) and year 2 (Mar 2025–"
                 "Feb 2026)", x=0.01, ha="left", fontweight="bold", fontsize=13)
    return fig


# --- prediction ----------------------------------------------------------------------------------


def prediction_table(monthly: Mapping[str, pd.DataFrame], yearly: Mapping[str, pd.DataFrame],
                     hot_a: Mapping[str, LocalResult], *, n_sims: int = 1_000,
                     seed: int = SEED) -> pd.DataFrame:
    """Pick the top 5% of units from year 1 (its last month, last 3, all 12) and score the
    pick on year 2's crime: hit rate, PAI, PEI (1 = hindsight), a random pick's 95% range;
    and the policy's year-1 hot spots scored the same way (units with data only)."""
    rows = {}
    for crime, matrix in monthly.items():
        kept = matrix.dropna()
        year_1 = kept.loc[:, [c for c in kept.columns if c in YEARS["year 1"]]]
        frame = year_1.assign(**{"year 2": yearly[crime].loc[kept.index, "year 2"]})
        scored = pred.evaluate_rules(frame, "year 2", TOP, {"last month": 1, "last 3 months": 3,
                                                            "last 12 months": 12},
                                     n_sims=n_sims, seed=seed)
        hot = pd.Series(hot_a[crime].hot(), index=pd.Index(hot_a[crime].ids)).loc[kept.index]
        hot_pick = pred.score_pick(hot.to_numpy(), frame["year 2"].to_numpy())
        rows[crime] = {
            "hit rate, last 12 months (%)": 100 * scored.loc["last 12 months", "hit_rate"],
            "PAI": scored.loc["last 12 months", "pai"],
            "PEI, last 12 months": scored.loc["last 12 months", "pei"],
            "PEI, last 3 months": scored.loc["last 3 months", "pei"],
            "PEI, last month": scored.loc["last month", "pei"],
            "random pick: hit rate 95% range (%)":
                f"{100 * scored.loc['random', 'hit_low']:.1f}–"
                f"{100 * scored.loc['random', 'hit_high']:.1f}",
            "policy hot spots: units": hot_pick.n_picked,
            "policy hot spots: hit rate (%)": 100 * hot_pick.hit_rate,
        }
    return pd.DataFrame.from_dict(rows, orient="index")


# --- the verdict ---------------------------------------------------------------------------------


def criteria(robust: Mapping[str, RobustMoran], hot: Mapping[str, LocalResult],
             persistence_rows: pd.DataFrame) -> list[Criterion]:
    """The three pre-registered criteria of the pattern verdict, each with what failed."""
    not_robust = [c for c, r in robust.items() if not r.clusters_robustly]
    no_hot = [c for c, r in hot.items() if not r.hot().any()]
    threshold = persistence_rows.filter(like="th percentile").iloc[:, 0]
    weak = persistence_rows.index[
        (persistence_rows["top 5% kept (%)"] <= threshold)
        | ~(persistence_rows["hot spots kept (%)"] >= 100 * HOT_KEPT_THRESHOLD)].tolist()
    return [
        Criterion("(a) clusters robustly: global Moran's I positive and significant on counts, "
                  "log counts and ranks, with and without the top 1% of LSOAs, for every type",
                  not not_robust, f"fails for {', '.join(not_robust)}" if not_robust else ""),
        Criterion("(b) hot spots exist under the project's policy for every type",
                  not no_hot, f"none for {', '.join(no_hot)}" if no_hot else ""),
        Criterion(f"(c) predictable: for every type the top 5% of LSOAs persist into the next "
                  f"year above the {100 * CHANCE_QUANTILE:g}th percentile of chance, and at "
                  f"least {100 * HOT_KEPT_THRESHOLD:g}% of the policy's hot spots stay hot",
                  not weak, f"not for {', '.join(weak)}" if weak else ""),
    ]


def criteria_note(robust: Mapping[str, RobustMoran], hot: Mapping[str, LocalResult],
                  persistence_rows: pd.DataFrame) -> str:
    """The numbers behind the criteria in one sentence, for the verdict's reason."""
    lowest = min(r.table["moran_i"].min() for r in robust.values())
    counts = [int(r.hot().sum()) for r in hot.values()]
    kept = persistence_rows["top 5% kept (%)"]
    chance = persistence_rows.filter(like="th percentile").iloc[:, 0].max()
    return (f"Moran's I at least {lowest:.2f} in every variant; {min(counts)} to "
            f"{max(counts)} policy hot-spot LSOAs per type; {kept.min():.0f}–{kept.max():.0f}% "
            f"of the top 5% of LSOAs stay on top against at most {chance:.0f}% by chance "
            "(anti-social behaviour: two half-years of police.uk records).")


def verdict(criteria_met: Sequence[Criterion], note: str = "") -> Verdict:
    """The one verdict on ``crime-asb-cluster-predictably`` (the ``pattern`` rule)."""
    return verdicts.pattern(CLUSTER_STATEMENT, criteria_met, note=note)


def criteria_table(criteria_met: Sequence[Criterion]) -> pd.DataFrame:
    """The criteria, met or not, and what failed."""
    return pd.DataFrame([{"criterion": c.name, "met": c.met, "not met for": c.detail}
                         for c in criteria_met]).set_index("criterion")


# --- emerging hot spots --------------------------------------------------------------------------


CONVENTIONS = {
    "headline: the policy in each month": {"time_steps": 0, "window": "slice"},
    "ArcGIS Pro defaults: 1 time step, whole cube": {"time_steps": 1, "window": "cube"},
}


def emerging_runs(matrix: pd.DataFrame, weights: WeightsSpec,
                  conventions: Sequence[str] = tuple(CONVENTIONS),
                  policy: HotSpotPolicy | None = None) -> dict[str, emerging.EmergingResult]:
    """Emerging hot-spot categories of a units x months matrix under each of ``conventions``
    (:data:`CONVENTIONS`: the headline, the policy on each month alone, and ArcGIS Pro's
    defaults)."""
    return {name: cached.emerging_run(matrix, weights, **CONVENTIONS[name], policy=policy or POLICY)
            for name in conventions}


def emerging_table(runs: Mapping[str, Mapping[str, emerging.EmergingResult]],
                   no_data: Sequence[str] = ()) -> pd.DataFrame:
    """Units per category, one column per (crime type, convention); categories no run uses
    left out, then "No Pattern Detected" and the units without data (``no_data``, which the
    runs leave out of every month and so would otherwise count as no pattern)."""
    columns = {}
    for crime, by_convention in runs.items():
        for convention, result in by_convention.items():
            categories = result.units["category"].drop(index=list(no_data))
            columns[(crime, convention)] = categories.value_counts(sort=False)
    table = pd.DataFrame(columns).fillna(0).astype("int64")
    table = table.loc[table.sum(axis=1) > 0]
    order = [c for c in emerging.CATEGORIES if c in table.index and c != emerging.NO_PATTERN]
    table = table.loc[[*order, emerging.NO_PATTERN]]
    table.loc[maps.NO_DATA] = len(no_data)
    return table.rename_axis("category")


def emerging_settings(result: emerging.EmergingResult) -> pd.Series:
    """What produced a run: periods, neighbourhood, window, policy, Mann-Kendall settings."""
    s = result.settings
    mk = s["mann_kendall"]
    return pd.Series({
        "time steps": f"{len(s['periods'])} months, {s['periods'][0]} to {s['periods'][-1]}",
        "neighbours": s["weights"],
        "neighbourhood time step": s["time_steps"],
        "global window": s["window"],
        "hot or cold bin": f"{s['policy']}; BH within each month, alpha {s['alpha']:g}",
        "trend test": f"{mk['test']}, {mk['alternative']}, alpha {mk['alpha']:g}; {mk['ties']}",
    })


def category_definitions() -> pd.DataFrame:
    """The hot-spot categories as :mod:`hotspots.stats.emerging` defines them after Esri's
    "How Emerging Hot Spot Analysis works" (cold spots mirror them)."""
    doc = emerging.__doc__ or ""
    rows = []
    for line in doc.split("that are significant hot spots")[1].splitlines():
        text = line.strip()
        if text.startswith("- "):
            name, rule = text[2:].split(":", 1)
            rows.append({"category": f"{name} Hot Spot", "definition (share = share of "
                         "months that are hot spots)": rule.strip()})
    return pd.DataFrame(rows).set_index("category")


EMERGING_COLOURS = {
    "Persistent Hot Spot": "#b2182b", "Intensifying Hot Spot": "#ef3b2c",
    "Diminishing Hot Spot": "#fc9272", "Sporadic Hot Spot": "#fdae61",
    "New Hot Spot": "#762a83", "Consecutive Hot Spot": "#c2a5cf",
    "Oscillating Hot Spot": "#fee08b", "Historical Hot Spot": "#969696",
    "Persistent Cold Spot": "#2166ac", "Intensifying Cold Spot": "#4393c3",
    "Diminishing Cold Spot": "#92c5de", "Sporadic Cold Spot": "#d1e5f0",
    "New Cold Spot": "#5aae61", "Consecutive Cold Spot": "#a6dba0",
    "Oscillating Cold Spot": "#80cdc1", "Historical Cold Spot": "#bababa",
    emerging.NO_PATTERN: maps.GI_COLOURS["Not Significant"],
    maps.NO_DATA: maps.GI_COLOURS[maps.NO_DATA],
}


def emerging_map(layer: lay.Layer, runs: Mapping[str, emerging.EmergingResult], crime: str
                 ) -> Figure:
    """The categories of each convention on the layer's units (no-data units hatched)."""
    fig, axes = plt.subplots(1, len(runs), figsize=(7.2 * len(runs), 7.0), squeeze=False)
    no_data = layer.values(crime).isna().to_numpy()
    frame = layer.units.assign(geometry=layer.units.simplify(20))  # display only
    for ax, (name, result) in zip(axes.flat, runs.items(), strict=True):
        labels = result.units["category"].astype(str).reindex(layer.units["unit_code"])
        labels = np.where(no_data, maps.NO_DATA, labels.to_numpy())
        maps.class_map(ax, frame, labels, EMERGING_COLOURS, legend_title="wards",
                       legend_loc="lower left", edgecolor="white", linewidth=0.15,
                       hatches=maps.GI_HATCHES)
        maps.draw_lines(ax, borough_lines(), color="#555555", linewidth=0.3)
        style.map_axes(ax, name)
        maps.scale_bar(ax, loc="lower right")
    fig.suptitle(f"Emerging hot spots of {crime}, 2022 wards × 24 months (Apr 2024 – Mar "
                 "2026): the convention decides how many", x=0.01, ha="left",
                 fontweight="bold", fontsize=13)
    return fig


def heathrow_table(layer: lay.Layer, runs: Mapping[str, Mapping[str, emerging.EmergingResult]],
                   names: Sequence[str] = HEATHROW_WARDS) -> pd.DataFrame:
    """The categories of the wards round Heathrow in every run (finding 26: airport crime)."""
    codes = layer.units.set_index("unit_name").loc[list(names), "unit_code"]
    return pd.DataFrame({f"{crime}: {convention.split(':')[0]}": result.units.loc[
        codes.to_numpy(), "category"].astype(str).to_numpy()
        for crime, by_convention in runs.items() for convention, result in by_convention.items()},
        index=pd.Index(list(names), name="ward"))


# --- micro-places: the City's map points ---------------------------------------------------------


def split_asb(records: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """police.uk records split into crime (every type but ASB) and anti-social behaviour."""
    return {"crime": CRIME_TYPES["all crime"].select_police_uk(records),
            lay.ASB: CRIME_TYPES[lay.ASB].select_police_uk(records)}


def points_dropped_after(points: pd.DataFrame, year: int) -> int:
    """Map points used in ``year`` and in no later year of ``points`` (:func:`map_point_years`)."""
    later = [c for c in points.columns if c > year]
    return int(((points[year] > 0) & ~(points[later] > 0).any(axis=1)).sum())


def map_point_years(records: pd.DataFrame) -> pd.DataFrame:
    """Records per map point (x, y) and calendar year."""
    return records.assign(year=records["month"].dt.year).groupby(["x", "y", "year"]).size(
    ).unstack(fill_value=0)


def map_point_summary(points: pd.DataFrame, years: tuple[int, int]) -> pd.Series:
    """Concentration and persistence of records at the map points used in ``years``."""
    first, second = years
    used = points.loc[(points[[first, second]] > 0).any(axis=1), [first, second]]
    summary = conc.concentration_summary(used[second])
    return pd.Series({
        "map points used": len(used),
        f"records {first}": int(used[first].sum()),
        f"records {second}": int(used[second].sum()),
        f"points holding 50% of {second}'s records (%)": 100 * summary[
            "units for 50% of crime"],
        f"Spearman ρ, {first} vs {second}": rank_correlation(used[first], used[second])[0],
        f"top 5% of points in {first} still top 5% in {second} (%)": 100 * persistence(
            top_units(used[first], TOP), top_units(used[second], TOP)).kept_share,
    })


# --- SPPT and its alternative --------------------------------------------------------------------


def burglary_points(records: pd.DataFrame, lsoa: lay.Layer, size: float = 250.0
                    ) -> tuple[pd.DataFrame, pd.Series]:
    """The Met's burglary records with their ``year``, the 2021 LSOA (``"LSOA"``) and the
    ``size`` m square (``"250 m square"``) holding each map point; and every square's id."""
    grid = grids.square_grid(boundaries.london_outline(), size)
    label = f"{size:g} m square"
    points = records.assign(year=records["month"].dt.year)
    points["LSOA"] = assign.points_in_polygons(points["x"], points["y"], lsoa.units,
                                               "unit_code").to_numpy()
    points[label] = assign.points_in_grid(points["x"], points["y"], grid, size).to_numpy()
    return points, grid["cell_id"]


def sppt_table(points: pd.DataFrame, units: Mapping[str, pd.Series], *, seed: int = SEED
               ) -> pd.DataFrame:
    """Andresen's SPPT and the difference-in-proportions test, 2023 against 2024 and between
    two random halves of 2024 (a null: any "difference" there is noise), for each unit set.

    ``points`` are records with ``year`` and one column per unit set naming each record's
    unit; ``units`` maps those columns to the full list of units.
    """
    rng = np.random.default_rng(seed)
    later = points[points["year"] == 2024]
    half = rng.random(len(later)) < 0.5
    pairs = {"2023 vs 2024": (points[points["year"] == 2023], later),
             "2024: random half vs half": (later[half], later[~half])}
    rows = {}
    for column, unit_list in units.items():
        for label, (base, test) in pairs.items():
            a = counts_by_unit(base[column], unit_list.tolist())
            b = counts_by_unit(test[column], unit_list.tolist())
            sppt = spatial_point_pattern_test(a, b, seed=seed)
            diff = proportion_difference_test(a, b)
            rows[(column, label)] = {
                "base records": int(a.sum()), "test records": int(b.sum()),
                "SPPT S-index": sppt.s_index, "SPPT robust S": sppt.robust_s_index,
                "SPPT: units 'different'": int((~sppt.units["similar"]).sum()),
                "proportion test: units different": int((diff.units["change"] != 0).sum()),
                "proportion test: robust S": diff.robust_s_index}
    return pd.DataFrame.from_dict(rows, orient="index")


# --- evidence ------------------------------------------------------------------------------------


def record_evidence(record: Record, decided: Verdict, *, robust: Mapping[str, RobustMoran],
                    persistence_rows: pd.DataFrame, concentration: pd.DataFrame,
                    points: pd.Series) -> Record:
    """The primary row of ``crime-asb-cluster-predictably`` and supporting rows: per-type
    persistence, concentration at 100 m (micro-places, with the snap-point caveat) and at the
    City's map points."""
    record.primary(CLUSTER_STATEMENT, decided, source="Met LSOA counts (London Datastore, "
                   "third-party Parquet, vintage 2026-02); police.uk 100 m hexagon counts "
                   "(anti-social behaviour)", figure="figures/04_persistence.png",
                   vintage="2024-03–2026-02; ASB 2025-05–2026-04")
    for crime, row in persistence_rows.iterrows():
        record.supporting(
            CLUSTER_STATEMENT, f"top-5-kept-{_slug(crime)}",
            f"Share of the top 5% of LSOAs for {crime} in {row['months (year 1 → year 2)']} "
            f"that stay in the top 5%; chance (rates independent of year 1) "
            f"{row['chance: mean (%)']:.0f}% on average, stable rates "
            f"{row['stable rates: 95% range']}%.",
            source="Met LSOA counts; police.uk hexagon counts for anti-social behaviour",
            our_value=row["top 5% kept (%)"], unit="% of the top 5% kept",
            vintage=row["months (year 1 → year 2)"], figure="figures/04_persistence.png")
    all_hex = concentration.loc[("all crime", "100 m hexagons"), "units for 50% of crime (%)"]
    asb_hex = concentration.loc[(lay.ASB, "100 m hexagons"), "units for 50% of crime (%)"]
    record.supporting(
        "hot-spots-defined-micro-areas", "concentration-100m",
        f"Half of London's police.uk crime (and of its anti-social behaviour: {asb_hex:.1f}%) "
        "lies in the shown share of 100 m hexagons: consistent with the law of crime "
        "concentration (indicative), but anonymous map points, not precise places, decide "
        "which hexagon holds a record.", source="police.uk 100 m hexagon counts (third-party)",
        our_value=all_hex, unit="% of 100 m hexagons holding 50% of all crime",
        vintage="2025-05–2026-04", figure="figures/04_lorenz_curves.png")
    record.supporting(
        "hot-spots-defined-micro-areas", "city-map-points",
        "Share of the City of London's map points in use holding half of its 2025 records; "
        "the point list itself changed after 2022, so open data fix no stable micro-places.",
        source="police.uk street records, City of London Police",
        our_value=float(points.filter(like="points holding 50%").iat[0]),
        unit="% of map points", vintage="2024–2025")
    return record


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())

