"""Notebook 05: the Met's 20 town-centre hot spots, the later press claims, and the research.

The Met's 20 Safer Summer Streets centres are tied to 2022 wards by
``data/reference/met_hotspot_centres.csv`` (each tie with a method and a confidence; ``core``
wards hold a centre's core, ``part`` wards may hold an edge). Every analysis here is on wards,
which are larger than the streets the Met patrolled, so shares of London's crime in the
centres' wards are upper bounds for the Met's own, unpublished, hot-spot areas.

The design of the summer 2025 evaluation, fixed before any estimate was looked at:

- **Dates**: the official campaign ran 30 June - 30 September 2025; in monthly counts that is
  July-September 2025 (:data:`CAMPAIGN`), compared with July-September 2024 (:data:`BASELINE`):
  the same months a year earlier, so each ward's own season cancels.
- **Groups** (:func:`ward_groups`): *treated* = the centres' core wards; *edge* = their part
  wards (treated in the sensitivity run); *ring* = the queen-contiguity neighbours of treated
  and edge wards (the displacement buffer, never a control); *other named centre* = the
  article's Tier 2 wards (possibly among the Met's unpublished 32); *comparison* = every other
  ward with Met counts. No ward of a centre or next to one is a control.
- **Estimate**: the log ratio of ratios of totals, treated against comparison (the
  difference-in-differences rate ratio of a two-period Poisson model), and the headline
  Hodges-Lehmann effect beyond what similarly busy placebo sets show.
- **Inference** (:mod:`hotspots.stats.evaluation.inference`): Fisher randomisation inference
  over placebo sets drawn from the treated and comparison wards, as many from each tenth of
  pre-campaign level (July 2024 - June 2025 totals) as the real set; its interval and minimum
  detectable effect come from the same draws. A wild cluster bootstrap (Webb weights, one
  cluster per centre, weighted log changes) and the conventional ward-clustered Poisson
  interval are shown beside it.
- **Pre-trend**: the same statistic for April-June 2025 against April-June 2024, the quarter
  before the campaign, and month by month from July 2024 (:func:`monthly_effects`, an event
  study: twelve leads, July 2024 - June 2025, and the lags from July 2025), with a joint test
  that the leads are zero (:func:`lead_test`) on the same placebo sets.
- **Synthetic control** (a robustness design, :func:`synth_check`): the treated wards' monthly
  series (and the West End's alone) against a weighted mix of the busiest tenth of comparison
  wards, each series indexed to its mean over the fitted months; fitted on July 2022 - June
  2025 (:data:`SYNTH_FIT`), with a fit ending in December 2024 (:data:`SYNTH_FIT_SHORT`) and
  an in-time placebo starting in January 2025 (:data:`FAKE_CAMPAIGN`) as sensitivities.
- **Regression to the mean** (:func:`regression_to_mean_check`): comparison wards picked the
  way the Met picked, as the busiest over 24 months (chronic places), and the gamma-Poisson
  expectation for the treated wards; the one-summer peak selection of the earlier version is
  shown for contrast.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from hotspots.claims import verdicts
from hotspots.claims.verdicts import Verdict
from hotspots.crimes import CRIME_TYPES, PATROL_OUTCOMES, CrimeType
from hotspots.geo.assign import points_in_polygons
from hotspots.io.reference import read_literature
from hotspots.months import MonthSpan
from hotspots.stats.concentration import top_units
from hotspots.stats.evaluation.did import DiDResult, did
from hotspots.stats.evaluation.displacement import Displacement, weighted_displacement
from hotspots.stats.evaluation.inference import (
    RandomisationResult,
    WildBootstrapResult,
    level_strata,
    log_ratio_of_ratios,
    randomisation_test,
    stratified_placebo_sets,
    wild_cluster_bootstrap,
)
from hotspots.stats.evaluation.synth import (
    PlaceboResult,
    SynthResult,
    in_space_placebo,
    synthetic_control,
)
from hotspots.stats.prediction import regression_to_mean
from hotspots.stats.spatial.weights import contiguity

#: The official dates, 30 June - 30 September 2025, as calendar months.
CAMPAIGN = MonthSpan("2025-07", "2025-09")
BASELINE = CAMPAIGN.shift(-12)
#: The quarter before the campaign (the pre-trend check) and its baseline.
PRE_QUARTER = MonthSpan("2025-04", "2025-06")
#: The year whose level decides the placebo strata: the 12 months before the campaign.
LEVEL_YEAR = MonthSpan.ending("2025-06")
#: "Year to May" (press-facts A2): the twelve months the Met would have had in June 2025.
SHARE_YEAR = MonthSpan.ending("2025-05")
#: The Met's selection of chronic places: 24 months before the campaign.
CHRONIC_YEARS = MonthSpan.ending("2025-06", 24)

#: The event study's leads: the twelve months before the campaign, each against a year earlier.
EVENT_LEADS = MonthSpan.ending("2025-06")
#: Synthetic control: fitted on three whole years before the campaign (after the pandemic
#: restrictions ended in February 2022), July 2022 - June 2025.
SYNTH_FIT = MonthSpan("2022-07", "2025-06")
#: The sensitivity fit ending before theft began to fall in the busiest wards (early 2025).
SYNTH_FIT_SHORT = MonthSpan("2022-07", "2024-12")
#: The in-time placebo: a fake campaign from January to June 2025, fitted on SYNTH_FIT_SHORT.
FAKE_CAMPAIGN = MonthSpan("2025-01", "2025-06")
#: Synthetic-control donors: the busiest tenth of the comparison wards (over LEVEL_YEAR).
DONOR_SHARE = 0.10

N_STRATA = 10
N_DRAWS = 4999
SEED = 20250630
N_BOOT = 9999

ALL_OFFENCES = "all offences"
OUTCOMES: dict[str, CrimeType] = {ALL_OFFENCES: CRIME_TYPES["all crime"], **PATROL_OUTCOMES}

#: The article's ten Tier 1 names, as the Met's centres they are (press-facts A3): all ten are
#: among the 20.
TIER_1 = ("Barking", "Brixton", "Camden Town", "Croydon", "Elephant and Castle",
          "Finsbury Park", "Stratford", "West End", "Shepherd's Bush Green", "Walthamstow")

GROUPS = ("treated", "edge", "ring", "other named centre", "comparison", "no Met counts")
WEST_END = "West End"


# --- who is treated ------------------------------------------------------------------------


def centre_wards(centres: pd.DataFrame, roles: Iterable[str] = ("core",)) -> pd.DataFrame:
    """The wards of the 20 centres with one of ``roles``: ward_code, centre, role, confidence,
    method (a ward listed for two centres raises ``ValueError``)."""
    rows = centres[centres["role"].isin(list(roles))]
    if rows["ward_code"].duplicated().any():
        raise ValueError("a ward is tied to more than one centre")
    columns = ["ward_code", "centre", "role", "confidence", "method"]
    return rows[columns].sort_values(["centre", "ward_code"]).reset_index(drop=True)


def queen_neighbours(wards: gpd.GeoDataFrame) -> dict[str, set[str]]:
    """Each ward's queen-contiguity neighbours (shared edge or corner) among ``wards``."""
    spec = contiguity(wards, "queen", transform="B", id_column="ward_code")
    return {str(k): {str(v) for v in values} for k, values in spec.neighbors.items()}


def ward_groups(wards: gpd.GeoDataFrame, centres: pd.DataFrame, other_named: Iterable[str],
                met_wards: Iterable[str], *, treated_roles: Iterable[str] = ("core",)
                ) -> pd.DataFrame:
    """Each 2022 ward's group in the evaluation (:data:`GROUPS`), first match wins.

    ``centres``: :func:`hotspots.io.reference.read_hotspot_centres`; ``other_named``: ward
    codes of other named centres kept out of the comparison (the article's Tier 2);
    ``met_wards``: the codes with Met counts (the City of London has none). Columns:
    ward_code, ward_name, borough, group, centre (treated and edge wards).
    """
    treated_roles = tuple(treated_roles)
    treated = centre_wards(centres, treated_roles).set_index("ward_code")
    edge = centre_wards(centres, [r for r in ("core", "part") if r not in treated_roles])
    edge = edge.set_index("ward_code")
    neighbours = queen_neighbours(wards)
    near = set().union(*(neighbours[c] for c in [*treated.index, *edge.index]))
    met = set(met_wards)
    table = wards[["ward_code", "ward_name", "borough_name"]].rename(
        columns={"borough_name": "borough"}).copy()
    code = table["ward_code"]
    table["group"] = np.select(
        [~code.isin(met), code.isin(treated.index), code.isin(edge.index), code.isin(near),
         code.isin(list(other_named))],
        ["no Met counts", "treated", "edge", "ring", "other named centre"], "comparison")
    table["centre"] = code.map(pd.concat([treated["centre"], edge["centre"]]))
    return table.sort_values("ward_code").reset_index(drop=True)


def group_counts(groups: pd.DataFrame) -> pd.Series:
    """Wards per group, in :data:`GROUPS` order."""
    return groups["group"].value_counts().reindex(list(GROUPS), fill_value=0).rename("wards")


# --- the press shares ----------------------------------------------------------------------


def london_share(matrix: pd.DataFrame, wards: Iterable[str], window: MonthSpan) -> float:
    """Percent of the ``matrix`` total (all wards with Met counts) in ``wards`` over
    ``window``."""
    totals = matrix[window.periods].sum(axis=1)
    return float(100 * totals.reindex(list(wards)).sum() / totals.sum())


def share_table(matrices: Mapping[str, pd.DataFrame], variants: Mapping[str, Sequence[str]],
                window: MonthSpan) -> pd.DataFrame:
    """London shares (%) of each outcome (rows) in each set of wards (columns)."""
    return pd.DataFrame({name: {outcome: london_share(m, wards, window)
                                for outcome, m in matrices.items()}
                         for name, wards in variants.items()})


def centre_shares(matrix: pd.DataFrame, wards: pd.DataFrame, window: MonthSpan) -> pd.Series:
    """Each centre's share (%) of London's total over ``window``, its ``wards`` (ward_code,
    centre) added up; largest first."""
    totals = matrix[window.periods].sum(axis=1)
    shares = 100 * wards.assign(n=wards["ward_code"].map(totals)).groupby("centre")["n"].sum()
    return (shares / totals.sum()).sort_values(ascending=False).rename("share_pct")


def asb_incident_shares(hexes: pd.DataFrame, wards: gpd.GeoDataFrame,
                        variants: Mapping[str, Sequence[str]]) -> pd.Series:
    """Percent of police.uk anti-social behaviour incidents in each set of wards.

    ``hexes``: :func:`hotspots.io.police_uk_extracts.load_hex_counts` (every month it holds);
    each 100 m hexagon goes to the ward holding its centre; hexagons in no ward or in the City
    of London (not Met data) are left out of the London total.
    """
    asb = CRIME_TYPES["anti-social behaviour"].select_police_uk(hexes)
    cells = asb.groupby(["hex_q", "hex_r"]).agg(x=("x", "first"), y=("y", "first"),
                                                 n=("crime_count", "sum")).reset_index()
    cells["ward"] = points_in_polygons(cells["x"], cells["y"], wards, "ward_code").to_numpy()
    city = set(wards.loc[wards["city"], "ward_code"])
    london = cells[cells["ward"].notna() & ~cells["ward"].isin(city)]
    return pd.Series({name: 100 * london.loc[london["ward"].isin(list(codes)), "n"].sum()
                      / london["n"].sum() for name, codes in variants.items()})


def implied_hot_spot_share(ward_change_pct: float, claimed_pct: float, rest_pct: float) -> float:
    """The share of the wards' crime the Met's areas must hold for a fall of ``claimed_pct``
    there to fit a change of ``ward_change_pct`` in the whole wards, if the rest of the wards
    changed by ``rest_pct``: ``s`` with ``s claimed + (1 - s) rest = ward change``."""
    if claimed_pct == rest_pct:
        raise ValueError("the claimed change equals the rest's: any share fits")
    return (ward_change_pct - rest_pct) / (claimed_pct - rest_pct)


# --- the summer 2025 evaluation ------------------------------------------------------------


def season_change(matrix: pd.DataFrame, groups: pd.DataFrame, before: MonthSpan,
                  after: MonthSpan) -> pd.DataFrame:
    """Totals in ``before`` and ``after`` by group, and the change (%)."""
    by_group = groups.set_index("ward_code")["group"]
    table = pd.DataFrame({"before": matrix[before.periods].sum(axis=1),
                          "after": matrix[after.periods].sum(axis=1)})
    table = table.groupby(by_group.reindex(table.index)).sum()
    table = table.reindex([g for g in GROUPS if g in table.index])
    table["change_pct"] = 100 * (table["after"] / table["before"] - 1)
    return table


@dataclass(frozen=True)
class Design:
    """The units of one randomisation test: who could have been treated, who was, and the
    placebo sets (positions into ``units``), drawn once and reused for every period."""

    units: list[str]
    treated: list[str]
    draws: np.ndarray


def placebo_design(matrix: pd.DataFrame, groups: pd.DataFrame, *, treated: Sequence[str] | None
                   = None, n_strata: int = N_STRATA, n_draws: int = N_DRAWS, seed: int = SEED,
                   level_year: MonthSpan = LEVEL_YEAR) -> Design:
    """Placebo sets for the treated wards (or the ``treated`` subset) among treated and
    comparison wards, stratified by tenths of ``level_year`` totals."""
    group = groups.set_index("ward_code")["group"]
    treated = list(group.index[group == "treated"]) if treated is None else list(treated)
    units = sorted(set(group.index[group == "comparison"]) | set(treated))
    levels = matrix.loc[units, level_year.periods].sum(axis=1)
    strata = level_strata(levels, n_strata)
    draws = stratified_placebo_sets(strata, treated, n_draws=n_draws, seed=seed)
    return Design(units=units, treated=treated, draws=draws)


def campaign_test(matrix: pd.DataFrame, design: Design, before: MonthSpan = BASELINE,
                  after: MonthSpan = CAMPAIGN, *, n_pseudo: int = 200) -> RandomisationResult:
    """The treated wards' change from ``before`` to ``after`` against the comparison wards'
    (``n_pseudo`` pseudo-treated sets for the minimum detectable effect; 0 skips it)."""
    pre = matrix[before.periods].sum(axis=1)
    post = matrix[after.periods].sum(axis=1)
    return randomisation_test(pre, post, design.treated, design.units, design.draws,
                              n_pseudo=n_pseudo)


def band_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Rows of :func:`by_centre` for :func:`hotspots.viz.charts.dot_band`, alphabetical."""
    ordered = table.sort_index()
    return pd.DataFrame({"label": ordered.index, "value": ordered["raw_pct"].to_numpy(),
                         "low": ordered["band_low_pct"].to_numpy(),
                         "high": ordered["band_high_pct"].to_numpy()})


def result_row(result: RandomisationResult) -> dict[str, float]:
    """A randomisation result as percent figures for a table: ``raw_pct`` (against the
    comparison wards), ``estimate_pct`` with ``ci_low_pct``/``ci_high_pct`` (beyond what
    similarly busy placebo sets show), ``p_value``, ``mde_pct`` and ``placebo_median_pct``."""
    low, high = result.ci_pct
    return {"raw_pct": result.raw_pct, "estimate_pct": result.pct_change, "ci_low_pct": low,
            "ci_high_pct": high, "p_value": result.p_value, "mde_pct": result.mde_pct,
            "placebo_median_pct": result.placebo_median_pct}


def step_test(matrix: pd.DataFrame, design: Design) -> pd.Series:
    """The campaign quarter's estimate minus the quarter before's (both against the same
    months a year earlier), with its randomisation p-value (same placebo sets)."""
    campaign = campaign_test(matrix, design, n_pseudo=0)
    before = campaign_test(matrix, design, PRE_QUARTER.shift(-12), PRE_QUARTER, n_pseudo=0)
    observed = campaign.statistic - before.statistic
    placebo = _placebo_pairs(matrix, design, (BASELINE, CAMPAIGN),
                             (PRE_QUARTER.shift(-12), PRE_QUARTER))
    n = placebo.size
    p = min(1.0, 2 * min((1 + np.sum(placebo <= observed)) / (n + 1),
                         (1 + np.sum(placebo >= observed)) / (n + 1)))
    return pd.Series({"step_pct": 100 * np.expm1(observed), "p_value": p})


def _placebo_pairs(matrix: pd.DataFrame, design: Design, first: tuple[MonthSpan, MonthSpan],
                   second: tuple[MonthSpan, MonthSpan]) -> np.ndarray:
    """Per placebo set: its statistic for ``first`` (before, after) minus for ``second``."""
    values = []
    for before, after in (first, second):
        pre = matrix.loc[design.units, before.periods].sum(axis=1).to_numpy(float)
        post = matrix.loc[design.units, after.periods].sum(axis=1).to_numpy(float)
        p_pre, p_post = pre[design.draws].sum(axis=1), post[design.draws].sum(axis=1)
        values.append(log_ratio_of_ratios(p_pre, p_post, pre.sum() - p_pre, post.sum() - p_post))
    difference = values[0] - values[1]
    return difference[np.isfinite(difference)]


def monthly_effects(matrix: pd.DataFrame, design: Design, months: MonthSpan) -> pd.DataFrame:
    """Month by month: the treated wards' change on the same month a year earlier against
    the comparison wards', with the placebo sets' central 95% (``band_low``/``band_high``)."""
    rows = {}
    for month in months:
        result = campaign_test(matrix, design, MonthSpan(month - 12, month - 12),
                               MonthSpan(month, month), n_pseudo=0)
        low, high = np.quantile(result.placebo, [0.025, 0.975])
        rows[month] = {"estimate_pct": result.raw_pct, "p_value": result.p_value,
                       "band_low_pct": 100 * np.expm1(low), "band_high_pct": 100 * np.expm1(high)}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("month")


def lead_test(matrix: pd.DataFrame, design: Design, leads: MonthSpan = EVENT_LEADS
              ) -> pd.Series:
    """Joint test that the event study's leads are zero, on the design's placebo sets.

    Each month of ``leads`` against the same month a year earlier gives the treated wards'
    statistic (log ratio of ratios against the other units) and every placebo set's; the test
    statistic is the mean absolute value over the leads. ``p_value`` = (1 + placebo sets with
    a mean absolute lead effect at least the treated wards') / (sets + 1). Also the treated
    wards' mean lead effect (%), their mean absolute lead effect (%), the placebo sets' median
    of it (%) and the number of placebo sets.
    """
    position = np.flatnonzero(pd.Index(design.units).isin(design.treated))
    observed, placebo = [], []
    for month in leads:
        pre = matrix.loc[design.units, month - 12].to_numpy(float)
        post = matrix.loc[design.units, month].to_numpy(float)
        t_pre, t_post = pre[position].sum(), post[position].sum()
        p_pre, p_post = pre[design.draws].sum(axis=1), post[design.draws].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            observed.append(log_ratio_of_ratios(t_pre, t_post, pre.sum() - t_pre,
                                                post.sum() - t_post))
            placebo.append(log_ratio_of_ratios(p_pre, p_post, pre.sum() - p_pre,
                                               post.sum() - p_post))
    observed, placebo = np.asarray(observed, float), np.vstack(placebo)
    if not np.isfinite(observed).all():
        raise ValueError("the treated wards have a lead month with no crimes")
    placebo = placebo[:, np.isfinite(placebo).all(axis=0)]
    statistic = np.abs(observed).mean()
    placebo_statistic = np.abs(placebo).mean(axis=0)
    p = (1 + np.sum(placebo_statistic >= statistic)) / (placebo_statistic.size + 1)
    return pd.Series({"leads": len(observed), "placebo_sets": placebo_statistic.size,
                      "mean_lead_pct": 100 * np.expm1(observed.mean()),
                      "mean_abs_lead_pct": 100 * np.expm1(statistic),
                      "placebo_median_abs_pct": 100 * np.expm1(np.median(placebo_statistic)),
                      "p_value": float(p)})


def event_study_table(campaign: Mapping[str, RandomisationResult],
                      leads: Mapping[str, pd.Series]) -> pd.DataFrame:
    """One row per offence: the campaign estimate beside the event study's leads
    (:func:`lead_test`), for display (percentages to one decimal, p-values as :func:`p_text`)."""
    rows = {}
    for o, result in campaign.items():
        lead = leads[o]
        rows[o] = {
            "campaign vs comparison wards (%)": round(result.raw_pct, 1),
            "campaign vs similarly busy wards (%)": round(result.pct_change, 1),
            "campaign p": p_text(result.p_value),
            "12 leads: mean effect (%)": round(float(lead["mean_lead_pct"]), 1),
            "leads: mean size (%)": round(float(lead["mean_abs_lead_pct"]), 1),
            "placebo sets: median size (%)": round(float(lead["placebo_median_abs_pct"]), 1),
            "leads all zero: p": p_text(float(lead["p_value"])),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("offence")


def by_centre(matrix: pd.DataFrame, groups: pd.DataFrame, *, n_draws: int = 999,
              seed: int = SEED) -> pd.DataFrame:
    """Each centre's change (campaign vs baseline): raw, against the comparison wards
    (``raw_pct``), with the central 95% of placebo sets drawn from the same strata as its
    wards (``band_low_pct``, ``band_high_pct``) and the randomisation p-value."""
    treated = groups[groups["group"] == "treated"]
    rows = {}
    for centre, wards in treated.groupby("centre"):
        codes = list(wards["ward_code"])
        design = placebo_design(matrix, groups, treated=codes, n_draws=n_draws, seed=seed)
        result = campaign_test(matrix, design, n_pseudo=0)
        low, high = np.quantile(result.placebo, [0.025, 0.975])
        rows[centre] = {"wards": len(codes),
                        "baseline": int(matrix.loc[codes, BASELINE.periods].to_numpy().sum()),
                        "campaign": int(matrix.loc[codes, CAMPAIGN.periods].to_numpy().sum()),
                        "raw_pct": result.raw_pct, "band_low_pct": 100 * np.expm1(low),
                        "band_high_pct": 100 * np.expm1(high), "p_value": result.p_value}
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("centre")
    table["change_pct"] = 100 * (table["campaign"] / table["baseline"] - 1)
    return table.sort_values("baseline", ascending=False)


def without_centre(groups: pd.DataFrame, centre: str) -> pd.DataFrame:
    """The groups with ``centre``'s treated wards set aside (as edge: neither treated nor
    comparison)."""
    dropped = groups["group"].eq("treated") & groups["centre"].eq(centre)
    if not dropped.any():
        raise ValueError(f"{centre!r} has no treated ward")
    return groups.assign(group=groups["group"].mask(dropped, "edge"))


def leave_one_out(matrix: pd.DataFrame, groups: pd.DataFrame, *, n_draws: int = 999,
                  seed: int = SEED) -> pd.DataFrame:
    """The pooled estimate with each centre's wards set aside in turn, and that centre's
    share (%) of the treated wards' baseline count."""
    treated = groups.loc[groups["group"] == "treated"]
    baseline = matrix.loc[treated["ward_code"], BASELINE.periods].sum(axis=1)
    share = 100 * baseline.groupby(treated.set_index("ward_code")["centre"]).sum() \
        / baseline.sum()
    rows = {}
    for centre in sorted(treated["centre"].unique()):
        design = placebo_design(matrix, without_centre(groups, centre), n_draws=n_draws,
                                seed=seed)
        rows[centre] = {"share_of_treated_pct": share[centre],
                        **result_row(campaign_test(matrix, design, n_pseudo=0))}
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("centre set aside")
    return table.sort_values("share_of_treated_pct", ascending=False)


def wild_bootstrap_check(matrix: pd.DataFrame, groups: pd.DataFrame, *, n_boot: int = N_BOOT,
                         seed: int = SEED) -> WildBootstrapResult:
    """Wild cluster bootstrap of the weighted mean log change (campaign vs baseline), treated
    against comparison wards: weights = the ward's mean quarterly count, one cluster per centre
    (each comparison ward its own), log((after + 0.5) / (before + 0.5))."""
    kept = groups[groups["group"].isin(["treated", "comparison"])]
    before = matrix.loc[kept["ward_code"], BASELINE.periods].sum(axis=1).to_numpy(float)
    after = matrix.loc[kept["ward_code"], CAMPAIGN.periods].sum(axis=1).to_numpy(float)
    size = (before + after) / 2
    keep = size > 0
    treated = kept["group"].eq("treated").to_numpy()
    clusters = np.where(treated, "centre: " + kept["centre"].fillna(""), kept["ward_code"])
    return wild_cluster_bootstrap(np.log((after + 0.5) / (before + 0.5))[keep],
                                  treated[keep].astype(float), clusters[keep],
                                  weights=size[keep], n_boot=n_boot, seed=seed)


def conventional_did(matrix: pd.DataFrame, groups: pd.DataFrame) -> DiDResult:
    """The two-period Poisson DiD with ward-clustered errors (the fragile conventional
    interval, for contrast): baseline and campaign totals, treated against comparison."""
    kept = groups[groups["group"].isin(["treated", "comparison"])]
    codes = kept["ward_code"].tolist()
    counts = np.concatenate([matrix.loc[codes, BASELINE.periods].sum(axis=1).to_numpy(),
                             matrix.loc[codes, CAMPAIGN.periods].sum(axis=1).to_numpy()])
    panel = pd.DataFrame({
        "unit": codes * 2,
        "month": pd.PeriodIndex([BASELINE.first] * len(codes) + [CAMPAIGN.first] * len(codes),
                                freq="M"),
        "count": counts, "treated": kept["group"].eq("treated").tolist() * 2})
    return did(panel, CAMPAIGN.first, CAMPAIGN.first, leads=0)


# --- synthetic control (robustness) ---------------------------------------------------------


@dataclass(frozen=True)
class SynthCheck:
    """One synthetic-control run: the treated series' fit, its in-space placebos (every donor
    as if treated) and the donors."""

    fit: SynthResult
    placebo: PlaceboResult
    donors: list[str]


def synth_donors(matrix: pd.DataFrame, groups: pd.DataFrame, *, share: float = DONOR_SHARE,
                 level_year: MonthSpan = LEVEL_YEAR) -> list[str]:
    """The busiest ``share`` of the comparison wards over ``level_year`` (ties by ward code):
    busy places like the centres, whose monthly series are not dominated by chance. With all
    490 the indexed series of wards with a few crimes a month let the synthetic unit fit the
    treated series' noise exactly."""
    comparison = sorted(groups.loc[groups["group"] == "comparison", "ward_code"])
    totals = matrix.loc[comparison, level_year.periods].sum(axis=1)
    return sorted(totals.index[top_units(totals, share).to_numpy()])


def synth_panel(matrix: pd.DataFrame, treated: Sequence[str], donors: Sequence[str],
                months: MonthSpan, label: str) -> pd.DataFrame:
    """A tidy panel (unit, month, count, treated) over ``months``: the ``treated`` wards added
    up as one unit named ``label``, and each donor ward."""
    wide = matrix.loc[list(donors), months.periods].astype(float)
    wide.loc[label] = matrix.loc[list(treated), months.periods].sum(axis=0).astype(float)
    long = wide.rename_axis(index="unit", columns="month").stack().rename("count").reset_index()
    long["treated"] = long["unit"].eq(label)
    long["month"] = pd.PeriodIndex(long["month"], freq="M")
    return long


def synth_check(matrix: pd.DataFrame, groups: pd.DataFrame, *,
                treated: Sequence[str] | None = None, label: str = "the centres' core wards",
                fit: MonthSpan = SYNTH_FIT, post: MonthSpan = CAMPAIGN,
                share: float = DONOR_SHARE) -> SynthCheck:
    """Synthetic control for the treated wards (or ``treated``) added up: fitted on ``fit``,
    compared over ``post``, every series indexed to its mean over the fitted months (no donor
    is as busy as the centres), donors from :func:`synth_donors`, with in-space placebos."""
    treated = list(groups.loc[groups["group"] == "treated", "ward_code"]) if treated is None \
        else list(treated)
    donors = synth_donors(matrix, groups, share=share)
    if set(donors) & set(treated):
        raise ValueError("a treated ward is among the donors")
    panel = synth_panel(matrix, treated, donors, MonthSpan(fit.first, post.last), label)
    options = {"unit": label, "index": True, "pre_end": fit.last}
    return SynthCheck(fit=synthetic_control(panel, post.first, post.last, **options),
                      placebo=in_space_placebo(panel, post.first, post.last, **options),
                      donors=donors)


#: The synthetic-control runs of the notebook: (fitted months, compared months, donor share).
SYNTH_DESIGNS = {
    "main: fit Jul 2022 – Jun 2025, donors the busiest tenth": (SYNTH_FIT, CAMPAIGN, DONOR_SHARE),
    "donors the busiest fifth": (SYNTH_FIT, CAMPAIGN, 0.2),
    "fit ending Dec 2024": (SYNTH_FIT_SHORT, CAMPAIGN, DONOR_SHARE),
    "in-time placebo: fake campaign Jan–Jun 2025, fit to Dec 2024": (
        SYNTH_FIT_SHORT, FAKE_CAMPAIGN, DONOR_SHARE),
}
MAIN_SYNTH = next(iter(SYNTH_DESIGNS))


def synth_checks(matrix: pd.DataFrame, groups: pd.DataFrame
                 ) -> dict[tuple[str, str], SynthCheck]:
    """:func:`synth_check` for the centres' core wards and for the West End's, in each of
    :data:`SYNTH_DESIGNS`; keys (treated, design)."""
    west_end = groups.loc[groups["group"].eq("treated") & groups["centre"].eq(WEST_END),
                          "ward_code"].tolist()
    treated = {"the centres' core wards": None, "the West End's wards": west_end}
    return {(name, design): synth_check(matrix, groups, treated=codes, label=name, fit=fit,
                                        post=post, share=share)
            for name, codes in treated.items()
            for design, (fit, post, share) in SYNTH_DESIGNS.items()}


def synth_row(check: SynthCheck) -> dict[str, float]:
    """One run as table figures: the gap (treated against synthetic, %, over the compared
    months), the RMSPEs (root mean squared gap, index points: the fitted months' mean = 100),
    their ratio, the in-space placebo p-value and the number of donors."""
    fit = check.fit
    return {"gap_pct": fit.effect_pct, "pre_rmspe": fit.pre_rmspe, "post_rmspe": fit.post_rmspe,
            "rmspe_ratio": fit.rmspe_ratio, "p_value": check.placebo.p_value,
            "donors": len(check.donors)}


def synth_table(checks: Mapping[tuple[str, str], SynthCheck]) -> pd.DataFrame:
    """:func:`synth_row` for each run, indexed by (treated, design)."""
    table = pd.DataFrame.from_dict({k: synth_row(c) for k, c in checks.items()}, orient="index")
    return table.rename_axis(["treated", "design"])


def donor_weights(check: SynthCheck, groups: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` largest donor weights (%) with each ward's name, borough and group."""
    top = check.fit.weights.head(n).rename("weight_pct") * 100
    names = groups.set_index("ward_code")[["ward_name", "borough", "group"]]
    return names.reindex(top.index).assign(weight_pct=top).rename_axis("ward_code")


def synth_evidence(outcome: str, checks: Mapping[tuple[str, str], SynthCheck]
                   ) -> list[dict[str, object]]:
    """Evidence rows (name, description, our_value, unit) for one offence's synthetic-control
    runs (:func:`synth_checks`): the centres' and the West End's main fits, the fit ending in
    December 2024 and its in-time placebo."""
    slug = outcome.replace(" ", "-")
    centres, west_end = "the centres' core wards", "the West End's wards"
    short, in_time = list(SYNTH_DESIGNS)[2:]

    def described(check: SynthCheck, what: str) -> str:
        return (f"Synthetic control, {outcome}, {check.fit.label}: {what} "
                f"{check.fit.effect_pct:+.1f}% against a mix of the busiest tenth of comparison "
                f"wards (pre-period RMSPE {check.fit.pre_rmspe:.1f} index points), in-space "
                f"placebo p = {check.placebo.p_value:.2f}")

    campaign_unit = "% gap against the synthetic wards, July-September 2025"
    return [
        {"name": f"synth-{slug}", "our_value": checks[(centres, MAIN_SYNTH)].fit.effect_pct,
         "description": described(checks[(centres, MAIN_SYNTH)], "fitted Jul 2022 - Jun 2025,"
                                  " gap"), "unit": campaign_unit},
        {"name": f"synth-west-end-{slug}",
         "our_value": checks[(west_end, MAIN_SYNTH)].fit.effect_pct,
         "description": described(checks[(west_end, MAIN_SYNTH)], "fitted Jul 2022 - Jun 2025,"
                                  " gap"), "unit": campaign_unit},
        {"name": f"synth-fit-to-dec-2024-{slug}", "our_value": checks[(centres, short)]
         .fit.effect_pct, "description": described(checks[(centres, short)],
                                                    "fitted Jul 2022 - Dec 2024, gap"),
         "unit": campaign_unit},
        {"name": f"synth-in-time-placebo-{slug}", "our_value": checks[(centres, in_time)]
         .fit.effect_pct, "description": described(
             checks[(centres, in_time)], "in-time placebo (fake campaign Jan-Jun 2025, fitted "
             "to Dec 2024), gap"), "unit": "% gap against the synthetic wards, January-June "
                                           "2025 (before the campaign)"},
    ]


def lead_evidence(outcome: str, lead: pd.Series) -> dict[str, object]:
    """An evidence row (name, description, our_value, unit) for one offence's pre-trend test
    (:func:`lead_test`)."""
    failed = lead["p_value"] < 0.05
    reading = ("the pre-trend test fails: the centres were already moving apart from the "
               "comparison wards, so the campaign-quarter estimate is not the campaign's effect"
               if failed else "no pre-trend beyond what similarly busy placebo sets show")
    p = p_text(float(lead["p_value"]))
    return {"name": "event-study-leads-" + outcome.replace(" ", "-"),
            "description": f"Event study, {outcome}: the {lead['leads']:.0f} leads (July 2024 - "
                           f"June 2025) against {lead['placebo_sets']:,.0f} placebo sets, joint "
                           f"p {p if p.startswith('<') else '= ' + p}: {reading}",
            "our_value": float(lead["mean_lead_pct"]),
            "unit": "% mean monthly change against comparison wards, 12 months before the "
                    "campaign"}


def synth_paths(check: SynthCheck) -> pd.DataFrame:
    """Months x (actual, synthetic, gap, and each placebo's gap as ``placebo: <ward>``),
    indexed so the fitted months' mean is 100."""
    path = check.fit.path.set_index("month")[["actual", "synthetic", "gap"]]
    placebos = check.placebo.gaps.drop(columns=check.fit.label)
    return path.join(placebos.add_prefix("placebo: "))


# --- regression to the mean and displacement -----------------------------------------------


def regression_to_mean_check(matrix: pd.DataFrame, groups: pd.DataFrame) -> pd.Series:
    """How much selection alone moves a group's campaign-quarter change against the rest.

    Changes (%) from July-September 2024 to 2025 relative to the comparison wards not in the
    group: the treated wards; the same number of comparison wards busiest over the 24 months
    to June 2025 (chronic places, the way the Met picked); the same number busiest in
    July-September 2024 alone (one summer's peak, the earlier version's placebo); and the
    gamma-Poisson expectation for the treated wards given their July-September 2024 counts.
    """
    group = groups.set_index("ward_code")["group"]
    treated = list(group.index[group == "treated"])
    comparison = list(group.index[group == "comparison"])
    pre = matrix[BASELINE.periods].sum(axis=1)
    post = matrix[CAMPAIGN.periods].sum(axis=1)

    def relative(picked: Sequence[str], others: Sequence[str]) -> float:
        return float(100 * np.expm1(log_ratio_of_ratios(
            pre[picked].sum(), post[picked].sum(), pre[others].sum(), post[others].sum())))

    def busiest(levels: pd.Series) -> list[str]:
        ranked = levels.reindex(comparison).rename("n").rename_axis("ward_code").reset_index()
        ranked = ranked.sort_values(["n", "ward_code"], ascending=[False, True])
        return ranked["ward_code"].head(len(treated)).tolist()

    chronic = busiest(matrix[CHRONIC_YEARS.periods].sum(axis=1))
    peak = busiest(pre)
    units = treated + comparison
    picked = pd.Index(units).isin(treated)
    model = regression_to_mean(pre[units].to_numpy(), post[units].to_numpy(), picked)
    expected = (model.expected_picked_mean_b / model.picked_mean_a) / (
        model.all_mean_b / model.all_mean_a)
    return pd.Series({
        "centres' wards": relative(treated, comparison),
        "placebo: busiest over 24 months": relative(
            chronic, [c for c in comparison if c not in set(chronic)]),
        "placebo: busiest in July-September 2024 alone": relative(
            peak, [c for c in comparison if c not in set(peak)]),
        "stable-rate model: expected for the centres' wards": float(100 * (expected - 1)),
    })


def displacement(matrix: pd.DataFrame, groups: pd.DataFrame) -> Displacement:
    """Weighted displacement quotient: A = treated, B = ring, C = comparison wards;
    July-September 2024 against 2025."""
    group = groups.set_index("ward_code")["group"]
    pre = matrix[BASELINE.periods].sum(axis=1).groupby(group.reindex(matrix.index)).sum()
    post = matrix[CAMPAIGN.periods].sum(axis=1).groupby(group.reindex(matrix.index)).sum()
    return weighted_displacement(pre["treated"], post["treated"], pre["ring"], post["ring"],
                                 pre["comparison"], post["comparison"])


def displacement_row(result: Displacement, direct: RandomisationResult) -> dict[str, object]:
    """One table row: the counts, SM, BDM, WDQ and net effect, read only when the treated
    wards fell significantly (randomisation p < 0.05) and SM < 0; otherwise blank."""
    read = direct.p_value < direct.alpha and result.success_measure < 0
    return {**{k: int(v) for k, v in result.counts.items()},
            "SM": result.success_measure, "BDM": result.buffer_displacement,
            "WDQ": result.wdq if read else np.nan,
            "net effect (crimes)": result.total_net_effect if read else np.nan,
            "reading": result.interpretation if read
            else "no detectable direct effect: WDQ not read"}


# --- descriptive trends ---------------------------------------------------------------------


def yearly_index(matrix: pd.DataFrame, wards: Sequence[str], years: Sequence[MonthSpan]
                 ) -> pd.DataFrame:
    """Totals of ``wards`` and of the rest of London in each of ``years``, and each as an
    index (first year = 100)."""
    inside = matrix.index.isin(list(wards))
    table = pd.DataFrame({
        "centres": [matrix.loc[inside, y.periods].to_numpy().sum() for y in years],
        "rest of London": [matrix.loc[~inside, y.periods].to_numpy().sum() for y in years],
    }, index=pd.Index([f"{y.first.strftime('%b %Y')}–{y.last.strftime('%b %Y')}" for y in years],
                      name="year"))
    for column in ("centres", "rest of London"):
        table[f"{column} index"] = 100 * table[column] / table[column].iloc[0]
    return table


def year_on_year(table: pd.DataFrame) -> pd.Series:
    """The last year's change (%) for the centres and the rest of London, and the centres'
    change relative to the rest (from :func:`yearly_index`)."""
    last, before = table.iloc[-1], table.iloc[-2]
    centres = last["centres"] / before["centres"]
    rest = last["rest of London"] / before["rest of London"]
    return pd.Series({"centres_pct": 100 * (centres - 1), "rest_pct": 100 * (rest - 1),
                      "relative_pct": 100 * (centres / rest - 1)})


# --- maps and the literature ----------------------------------------------------------------


def centre_anchors(wards: gpd.GeoDataFrame, table: pd.DataFrame) -> gpd.GeoDataFrame:
    """One labelled point per centre: the representative point of its wards' union.

    ``table``: ward_code and centre (e.g. :func:`centre_wards`).
    """
    joined = wards.merge(table[["ward_code", "centre"]], on="ward_code")
    merged = joined.dissolve(by="centre").reset_index()
    return gpd.GeoDataFrame({"label": merged["centre"]},
                            geometry=merged.geometry.representative_point(), crs=wards.crs)


def pooled_reviews() -> pd.DataFrame:
    """The systematic reviews' pooled findings, by crime type, as the research rule reads
    them: study, year, crime type, effect measure and estimate, approximate, finding,
    displacement finding."""
    table = read_literature()
    pooled = table[table["evidence"].isin(["meta-analysis", "review summary"])]
    columns = ["study", "year", "crime_type", "outcome", "effect_measure", "estimate",
               "approximate", "finding", "displacement_finding"]
    return pooled[columns].reset_index(drop=True)


#: The crime the outcome of each literature row measures, for the evidence panels.
OUTCOME_GROUPS = {"all": "all crime", "calls for service": "all crime",
                  "violent": "violence", "disorder": "disorder", "drug": "drugs",
                  "property": "property and theft"}


def evidence_rows() -> pd.DataFrame:
    """Every literature row with a number or a finding, grouped by the crime it measures:
    ``panel``, ``label`` (study and year, "UK" or "London" for British studies), ``outcome``,
    ``kind`` (pooled review or single study), ``estimate`` (% change; NaN when none),
    ``low``/``high`` (published range), ``approximate`` and ``finding`` (what a row without a
    % says, with its effect size d when it gives one)."""
    table = read_literature()
    pct = table["effect_measure"].eq("pct_change")
    smd = table["effect_measure"].eq("smd") & table["estimate"].notna()
    finding = table["finding"].fillna("")
    size = ("effect size d = " + table["estimate"].map("{:.2f}".format)).where(smd, "no % given")
    approximate = np.where(table["approximate"], ", approximate", "")
    first_author = table["study"].str.split(",").str[0]
    rows = pd.DataFrame({
        "panel": table["crime_type"].map(OUTCOME_GROUPS),
        "label": first_author.where(~table["study"].str.contains(","),
                                    first_author + " et al.") + " " + table["year"].astype(str)
        + np.where(table["location"].str.contains("London"), " · London",
                   np.where(table["location"].str.contains("UK"), " · UK", "")),
        "outcome": table["outcome"],
        "kind": np.where(table["evidence"].isin(["meta-analysis", "review summary"]),
                         "pooled (review)", "single study"),
        "estimate": table["estimate"].where(pct),
        "low": table["range_low"].where(pct), "high": table["range_high"].where(pct),
        "approximate": table["approximate"],
        "finding": (finding + " (" + size + approximate + ")").where(finding.ne(""), ""),
    })
    has_something = rows["estimate"].notna() | rows["low"].notna() | rows["finding"].ne("")
    rows = rows[has_something & rows["panel"].notna()]
    order = {p: i for i, p in enumerate(dict.fromkeys(OUTCOME_GROUPS.values()))}
    return rows.sort_values(["panel", "kind", "label"], key=lambda s: s.map(order)
                            if s.name == "panel" else s).reset_index(drop=True)


# --- verdicts on the later press claims ------------------------------------------------------

#: The open data that would bring the check to street scale (not in the data folder).
STREET_SCALE_DATA = ("GLA Town Centre Boundaries (London Datastore) and Metropolitan Police "
                     "street-level crime (data.police.uk)")
STREET_SCALE_PUBLISHER = "Greater London Authority; Home Office"
ASB_DATA = ("Metropolitan Police street-level anti-social behaviour, June 2024 - May 2025 "
            "(data.police.uk), with GLA Town Centre Boundaries (London Datastore)")
ASB_PUBLISHER = "Home Office; Greater London Authority"


def theft_share_verdict(core: float, with_edges: float, west_end: float, n_wards: int
                        ) -> Verdict:
    """"24 per cent of theft person offences": the wards' shares bound the Met's areas from
    above, so the figure is not reproduced but not contradicted either (not checked here)."""
    reason = (f"The Met's hot-spot outlines are not published; the centres' {n_wards} core "
              f"wards held {core:.1f}% of London's theft from the person in the year to May 2025 "
              f"({with_edges:.1f}% with their edge wards; the West End and St James's wards "
              f"alone {west_end:.1f}%), an upper bound the Met's 24% for its smaller areas "
              "sits below, so the open data fit the figure but cannot reproduce it.")
    return verdicts.not_checked_here("press-centres-share-theft-person", reason,
                                     dataset=STREET_SCALE_DATA, publisher=STREET_SCALE_PUBLISHER)


def asb_share_verdict(core: float, with_edges: float, n_wards: int) -> Verdict:
    """"6 per cent of all ASB calls": calls are not open data; police.uk incidents (another
    measure, another year) bound the centres' share from above."""
    reason = ("The Met counts calls about anti-social behaviour, which are not published as "
              "open data; the nearest open measure, police.uk incidents, puts "
              f"{core:.1f}% of London's in the centres' {n_wards} core wards "
              f"({with_edges:.1f}% with edge wards) in May 2025 - April 2026, an upper bound "
              "above the Met's 6% for its smaller areas, on a different measure and year.")
    return verdicts.not_checked_here("press-centres-share-asb", reason, dataset=ASB_DATA,
                                     publisher=ASB_PUBLISHER)


def fall_verdict(core_pct: float, with_edges_pct: float, comparison_pct: float,
                 implied_share: float, n_wards: int) -> Verdict:
    """"Reduced by 18 per cent": the wards' change cannot test a fall in smaller areas inside
    them; the reason says what the claim would imply for the rest of the wards."""
    reason = ("The Met's hot-spot outlines and baseline are not published; in the centres' "
              f"{n_wards} core wards all offences changed by {core_pct:+.1f}% from "
              f"July-September 2024 to 2025 ({with_edges_pct:+.1f}% with edge wards) while "
              f"the comparison wards changed by {comparison_pct:+.1f}%, which fits an 18% "
              f"fall in the Met's areas only if they held about {100 * implied_share:.0f}% "
              "of their wards' crime and the rest of those wards changed like the comparison "
              "wards.")
    return verdicts.not_checked_here("press-centres-crime-down-18pct", reason,
                                     dataset=STREET_SCALE_DATA, publisher=STREET_SCALE_PUBLISHER)


def busiest_tenth(matrices: Mapping[str, pd.DataFrame], wards: pd.DataFrame,
                  window: MonthSpan) -> pd.DataFrame:
    """For each centre (``wards``: ward_code, centre), whether one of its wards is in London's
    busiest tenth of wards for each outcome over ``window`` (rows: centres)."""
    table = {}
    for outcome, matrix in matrices.items():
        totals = matrix[window.periods].sum(axis=1)
        top = set(totals.index[top_units(totals, 0.10).to_numpy()])
        table[outcome] = wards.assign(top=wards["ward_code"].isin(top)).groupby(
            "centre")["top"].any()
    return pd.DataFrame(table)


def p_text(p: float) -> str:
    """A p-value for a table: three decimals, or "< 0.001" (never "0.000")."""
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def percent_table(table: pd.DataFrame, p_columns: Iterable[str] = ("p_value",)) -> pd.DataFrame:
    """``table`` with percentages to one decimal and p-value columns as :func:`p_text`."""
    p_columns = [c for c in p_columns if c in table.columns]
    shown = table.drop(columns=p_columns).round(1)
    for column in p_columns:
        shown[column] = table[column].map(p_text)
    return shown[list(table.columns)]


def effects_table(campaign: Mapping[str, RandomisationResult],
                  before: Mapping[str, RandomisationResult], steps: Mapping[str, pd.Series],
                  bootstrap: Mapping[str, WildBootstrapResult],
                  conventional: Mapping[str, DiDResult]) -> pd.DataFrame:
    """One row per offence: the campaign estimates and their inference, for display
    (percentages to one decimal, p-values as :func:`p_text`)."""
    rows = {}
    for o, result in campaign.items():
        low, high = result.ci_pct
        rows[o] = {
            "vs comparison wards (%)": round(result.raw_pct, 1),
            "vs similarly busy wards (%)": round(result.pct_change, 1),
            "95% interval": f"{low:+.1f} to {high:+.1f}",
            "randomisation p": p_text(result.p_value),
            "smallest detectable fall (%)": round(result.mde_pct, 1),
            "wild bootstrap p": p_text(bootstrap[o].p_value),
            "conventional p (too narrow)": p_text(conventional[o].p_value),
            "quarter before, Apr–Jun 2025 (%)": round(before[o].raw_pct, 1),
            "quarter before: p": p_text(before[o].p_value),
            "step at July (%)": round(float(steps[o]["step_pct"]), 1),
            "step: p": p_text(float(steps[o]["p_value"])),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("offence")
