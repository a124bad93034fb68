"""Notebook 03, does crime cluster and where: one hot-spot policy on every layer and type.

Every hot spot here comes from the project's policy (:func:`hotspots.stats.spatial.hot_spots`
on :func:`hotspots.analyses.layers.layer_weights`); any other choice (analytical p,
Bonferroni, k-nearest neighbours, a fixed 9,999 draws, rates, log counts) appears only in
:func:`sensitivity_table`, labelled as such. Clustering claims rest on
:func:`robust_moran_table` (global Moran's I on counts, log counts and ranks, with and without
the top 1% of units), at each scale of :func:`scale_table`.

The units and their counts come from :mod:`hotspots.analyses.layers` (units without data are
NaN and left out of every test). :func:`explorer_frame` and :func:`write_explorer` write the
explorable map's input (contract: :data:`hotspots.viz.explorer.COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
import shapely
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from hotspots.analyses import cached
from hotspots.analyses import layers as lay
from hotspots.analyses.phone_theft import ward_anchors
from hotspots.article import NAMED_WARDS, statement
from hotspots.claims.registry import Record, catalogue_verdict
from hotspots.config import derived_dir
from hotspots.io import boundaries, populations
from hotspots.io.files import atomic_write
from hotspots.names import name_key
from hotspots.stats.spatial import (
    NO_DATA,
    POLICY,
    HotSpotPolicy,
    LocalResult,
    RobustMoran,
    WeightsSpec,
    empirical_bayes_rate,
    knn,
    local_gi_star,
)
from hotspots.stats.spatial import policy as policy_module
from hotspots.stats.spatial.robust import top_share_ids
from hotspots.viz import maps, style
from hotspots.viz.explorer import COLUMNS, SIMPLIFY_METRES

NOTEBOOK = "03_hot_spots_moran_getis_ord"
CLUSTER_STATEMENT = "crime-asb-cluster-predictably"
MICRO_STATEMENT = "hot-spots-defined-micro-areas"
STATEMENT_IDS = (MICRO_STATEMENT, CLUSTER_STATEMENT, "west-end-tops-list",
                 "other-high-risk-wards")
#: Central London (BNG metres: minx, miny, maxx, maxy): the zoom of the central maps.
CENTRAL = (526_500, 178_300, 534_000, 183_000)
#: The West End, the zoom of the 100 m hexagon map.
HEX_ZOOM = (527_800, 179_800, 531_800, 182_100)
#: Global Moran's I is one test per variant: 999 permutations give p >= 0.002, far below 0.05.
GLOBAL_PERMUTATIONS = 999
#: The "core" left out in the robustness rows: the top 1% of units by count.
CORE_SHARE = 0.01
CORE_LABEL = "top 1%"
HOT_CLASSES = ("Hot Spot - 99% Confidence", "Hot Spot - 95% Confidence",
               "Hot Spot - 90% Confidence")
COLD_CLASSES = ("Cold Spot - 99% Confidence", "Cold Spot - 95% Confidence",
                "Cold Spot - 90% Confidence")
MET_SOURCE = "Met recorded crime (MPS Recorded Crime: Geographic Breakdown, London Datastore)"
POLICE_SOURCE = "data.police.uk records (third-party 100 m hexagon extract)"
SOURCE_LINE = (f"{style.OGL_MET}, Mar 2024–Feb 2025; anti-social behaviour: {style.OGL_POLICE}, "
               f"May 2025–Apr 2026; {style.OGL_BOUNDARIES}")


# --- the statements and the policy --------------------------------------------------------------


def statements_table(ids: Sequence[str] = STATEMENT_IDS) -> pd.DataFrame:
    """The statements this notebook gives evidence on, and who decides each verdict."""
    decided = {
        CLUSTER_STATEMENT: "notebook 04 (pattern rule); supporting rows here",
        "west-end-tops-list": "notebook 02 (ranking rule); context here",
        "other-high-risk-wards": "notebook 02 (ranking rule); context here",
    }
    rows = []
    for statement_id in ids:
        item = statement(statement_id)
        who = (f"catalogue: {catalogue_verdict(item).verdict}" if item.catalogue_decides
               else decided[statement_id])
        rows.append({"statement": statement_id, "the article's words": item.quote,
                     "kind": item.kind, "verdict decided by": who})
    return pd.DataFrame(rows).set_index("statement")


def policy_text(hot_spot_policy: HotSpotPolicy = POLICY) -> str:
    """The policy paragraph and how it relates to ArcGIS, spdep and esda (from the policy
    module's own documentation, so there is one text)."""
    doc = policy_module.__doc__ or ""
    relation = doc[doc.index("Relation to other software"):].strip()
    return f"{hot_spot_policy.describe()}\n\n{relation}"


# --- hot spots ------------------------------------------------------------------------------------


def hot_spots_by_type(layer: lay.Layer, weights: WeightsSpec,
                      types: Sequence[str] | None = None,
                      hot_spot_policy: HotSpotPolicy = POLICY) -> dict[str, LocalResult]:
    """The policy's hot and cold spots of each crime type of ``layer`` (NaN: no data)."""
    return {crime: cached.policy_run(layer.values(crime), weights, hot_spot_policy)
            for crime in (types or layer.types)}


def hot_share(result: LocalResult) -> float:
    """Share of the counted crime (units with data) that lies in the result's hot spots (%)."""
    values = np.nan_to_num(result.values)
    return 100 * values[result.hot()].sum() / values.sum()


def hot_spot_table(results: Mapping[str, LocalResult], layer: lay.Layer) -> pd.DataFrame:
    """One row per crime type: hot and cold spots by confidence, units without data, the
    draws the policy allowed (R) and used, and the share of crime in the hot spots."""
    rows = {}
    for crime, result in results.items():
        counts = result.counts()
        draws = np.nan_to_num(result.draws)
        rows[crime] = {
            "months": str(layer.periods[crime]),
            "units": result.meta.n,
            "no data (left out)": result.n_excluded,
            "hot 99%": counts[HOT_CLASSES[0]],
            "hot 95%": counts[HOT_CLASSES[1]],
            "hot 90%": counts[HOT_CLASSES[2]],
            "cold (90%+)": int(sum(counts[c] for c in COLD_CLASSES)),
            "hot spots (95%+)": int(result.hot().sum()),
            "crime in hot spots (%)": round(hot_share(result), 1),
            "max draws R": result.meta.max_permutations,
            "units given > 9,999 draws": int((draws > result.meta.permutations).sum()),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(
        f"{layer.label}: crime type")


def hot_spot_units(result: LocalResult, layer: lay.Layer, crime: str) -> pd.DataFrame:
    """The hot spots of one result: code, name, borough, count and confidence, busiest first."""
    units = layer.units.set_index("unit_code")
    hot = pd.Series(result.labels, index=pd.Index(result.ids))[result.hot()]
    table = units.loc[hot.index, ["unit_name", "borough"]].assign(
        **{crime: layer.values(crime).loc[hot.index].astype("int64"), "class": hot})
    return table.sort_values([crime, "unit_name"], ascending=[False, True])


# --- robust clustering ------------------------------------------------------------------------


def robust_moran_by_type(layer: lay.Layer, weights: WeightsSpec,
                         types: Sequence[str] | None = None, *,
                         permutations: int = GLOBAL_PERMUTATIONS) -> dict[str, RobustMoran]:
    """Global Moran's I in six variants per crime type (counts, log(1 + count), ranks; all
    units and without the top 1% of units by count), on the layer's queen neighbours."""
    out = {}
    for crime in types or layer.types:
        values = layer.values(crime)
        out[crime] = cached.robust_moran_run(
            values, weights, core=top_share_ids(values, CORE_SHARE), core_label=CORE_LABEL,
            permutations=permutations)
    return out


def robust_moran_table(results: Mapping[str, RobustMoran], layer: lay.Layer) -> pd.DataFrame:
    """The tidy table of :func:`robust_moran_by_type`: one row per crime type x variant."""
    frames = []
    for crime, result in results.items():
        table = result.table.assign(
            layer=layer.label, crime_type=crime, source=layer.sources[crime],
            months=str(layer.periods[crime]),
            significant=(result.table["moran_i"] > result.table["expected"])
            & (result.table["p_permutation"] <= result.alpha))
        frames.append(table)
    columns = ["layer", "crime_type", "variable", "sample", "n", "moran_i", "expected", "z",
               "p_permutation", "significant", "permutations", "source", "months"]
    return pd.concat(frames, ignore_index=True)[columns]


def robust_summary(results: Mapping[str, RobustMoran]) -> pd.DataFrame:
    """One row per crime type: Moran's I in each variant and whether all six are significant
    and positive (the clustering criterion)."""
    rows = {}
    for crime, result in results.items():
        table = result.table.set_index(["sample", "variable"])["moran_i"]
        row = {f"{variable}, {sample}": value for (sample, variable), value in table.items()}
        row["lowest I"] = table.min()
        row["largest p"] = result.table["p_permutation"].max()
        row["clusters robustly"] = result.clusters_robustly
        rows[crime] = row
    return pd.DataFrame.from_dict(rows, orient="index")


def robust_figure(results: Mapping[str, RobustMoran], *, title: str) -> Figure:
    """Moran's I per crime type in the six variants: marker = variable, filled = all units,
    hollow = without the top 1%; grey = not significant."""
    fig, ax = plt.subplots(figsize=(10.5, 5.4))
    markers = {"counts": "o", "log(1 + count)": "s", "ranks": "D"}
    offsets = {"counts": 0.22, "log(1 + count)": 0.0, "ranks": -0.22}
    names = list(results)[::-1]
    for y, crime in enumerate(names):
        table = results[crime].table
        for row in table.itertuples():
            significant = row.moran_i > row.expected and row.p_permutation <= 0.05
            colour = style.HIGHLIGHT if significant else style.NEUTRAL
            filled = row.sample == "all units"
            ax.plot(row.moran_i, y + offsets[row.variable] + (0.06 if filled else -0.06),
                    markers[row.variable], color=colour,
                    markerfacecolor=colour if filled else "white", markersize=6)
    ax.set_yticks(range(len(names)), names)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel("global Moran's I, 2021 LSOAs (0 = no clustering; row-standardised queen "
                  "neighbours)")
    handles = [Line2D([], [], marker=m, linestyle="none", color=style.HIGHLIGHT, label=v)
               for v, m in markers.items()]
    handles += [Line2D([], [], marker="o", linestyle="none", color=style.HIGHLIGHT,
                       label="all units"),
                Line2D([], [], marker="o", linestyle="none", color=style.HIGHLIGHT,
                       markerfacecolor="white", label=f"without the {CORE_LABEL}"),
                Line2D([], [], marker="o", linestyle="none", color=style.NEUTRAL,
                       label="not significant (p > 0.05)")]
    ax.legend(handles=handles, loc="lower right", fontsize=8)
    ax.grid(axis="y", visible=False)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=13)
    return fig


# --- maps -------------------------------------------------------------------------------------


def class_subtitle(result: LocalResult) -> str:
    """Hot and cold spots of a result in one line, e.g. "hot spots (95%+): 15; cold: 320"."""
    counts = result.counts()
    cold = sum(counts[c] for c in COLD_CLASSES)
    return f"hot spots (95%+): {int(result.hot().sum())}; cold (90%+): {cold}"


def map_note(layer: lay.Layer, results: Mapping[str, LocalResult]) -> str:
    """The caption under a panel of policy maps: null, weights, draws, correction, no data."""
    first = next(iter(results.values()))
    draws = sorted({r.meta.max_permutations for r in results.values()})
    excluded = first.n_excluded
    return (f"Getis-Ord Gi*, the project's hot-spot policy: H0 = neighbours' counts a random "
            f"draw from the other units' (conditional permutation); queen neighbours, binary; "
            f"9,999 draws per unit, up to {draws[-1]:,} where needed; Benjamini–Hochberg FDR. "
            f"Counts above each map: London-wide. Hatched: no data ({excluded} City of London "
            f"{layer.label} in the Met's files), left out, not zero. ASB: police.uk, May 2025–"
            "Apr 2026.")


def borough_lines() -> gpd.GeoSeries:
    """Borough boundaries for drawing (10 m generalisation: display only)."""
    return boundaries.boroughs().boundary.simplify(10)


def london_outline() -> gpd.GeoSeries:
    """London's outline for locator maps (display only)."""
    return gpd.GeoSeries([boundaries.london_outline()], crs=lay.BNG).simplify(100)


def named_anchors() -> gpd.GeoDataFrame:
    """Labels for the article's six wards, inside their December 2022 boundaries."""
    wards = boundaries.wards_2022()
    return ward_anchors(wards[["ward_code", "ward_name", "geometry"]], counts=False)


def hot_spot_maps(layer: lay.Layer, results: Mapping[str, LocalResult], *, title: str,
                  central: bool) -> Figure:
    """One policy map per crime type of ``layer``: all London, or the central zoom with the
    article's named wards and a locator."""
    frame = layer.units.assign(geometry=layer.units.simplify(10))  # display only
    lines = borough_lines()
    fig = maps.gi_panels(
        frame, results, id_column="unit_code", subtitle=class_subtitle,
        legend_title="Gi* class (hot-spot policy)", note=map_note(layer, results),
        lines=lines.clip(CENTRAL) if central else lines,
        bounds=CENTRAL if central else None, outline=london_outline() if central else None,
        anchors=named_anchors() if central else None,
        background=None if central else london_outline(),
        panel_size=(4.0, 3.2) if central else (4.0, 3.8))
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=14)
    return fig


# --- the named wards (context only) -------------------------------------------------------


def named_wards_context(lsoa_results: Mapping[str, LocalResult],
                        ward_results: Mapping[str, LocalResult], crime: str) -> pd.DataFrame:
    """For each of the article's six wards (2022): its count of ``crime``, its policy class as
    a ward, and how many of its LSOAs (best fit) are policy hot spots. Context only: the
    article's ward list is a ranking, judged in notebook 02."""
    wards = boundaries.wards_2022().set_index("ward_code")
    lookup = boundaries.lsoa_ward_lookup().set_index("lsoa_code")["ward_code"]
    lsoa = lsoa_results[crime]
    hot_lsoas = lookup.reindex(list(lsoa.hot_ids())).value_counts()
    ward = ward_results[crime]
    classes = pd.Series(ward.labels, index=pd.Index(ward.ids))
    values = pd.Series(ward.values, index=pd.Index(ward.ids))
    rows = []
    for name in (n for group in NAMED_WARDS for n in group):
        code = wards.index[wards["ward_name"].map(name_key) == name_key(name)][0]
        rows.append({"ward": wards.at[code, "ward_name"], "borough": wards.at[code, "borough_name"],
                     crime: int(values[code]), "ward's class (policy)": classes[code],
                     "LSOAs in the ward": int((lookup == code).sum()),
                     "of which hot spots": int(hot_lsoas.get(code, 0))})
    return pd.DataFrame(rows).set_index("ward")


# --- scale ----------------------------------------------------------------------------------------


def scale_table(robust: Mapping[str, Mapping[str, RobustMoran]],
                hot: Mapping[str, Mapping[str, LocalResult]],
                layers: Mapping[str, lay.Layer]) -> pd.DataFrame:
    """One row per layer x crime type: source, months, extent, units tested, Moran's I
    (counts; lowest of the six variants), whether all six are significant, and the policy's
    hot spots with their share of units and of crime (blank where the policy was not run)."""
    rows = []
    for key, layer in layers.items():
        for crime, result in robust[key].items():
            table = result.table.set_index(["sample", "variable"])
            row = {
                "source": "Met" if layer.sources[crime].startswith("Met") else "police.uk",
                "layer": layer.label, "crime type": crime,
                "months": str(layer.periods[crime]),
                "units tested": int(layer.values(crime).notna().sum()),
                "median unit area (ha)": round(float(layer.units.area.median()) / 1e4, 1),
                "Moran's I (counts)": table.at[("all units", "counts"), "moran_i"],
                "lowest I (6 variants)": result.table["moran_i"].min(),
                "clusters robustly": result.clusters_robustly,
            }
            spots = hot.get(key, {}).get(crime)
            if spots is not None:
                row["hot spots"] = int(spots.hot().sum())
                row["hot spots (% of units)"] = 100 * row["hot spots"] / spots.meta.n_tested
                row["crime in hot spots (%)"] = hot_share(spots)
            rows.append(row)
    return pd.DataFrame(rows)


def scale_figure(table: pd.DataFrame) -> Figure:
    """Moran's I and the share of crime in hot spots by layer and crime type, one row of
    panels per source (Met, police.uk): the two never share a panel (different records,
    months and categories). "–": the policy was not run on that layer and type."""
    sources = list(dict.fromkeys(table["source"]))
    fig, axes = plt.subplots(len(sources), 2, figsize=(14, 4.4 * len(sources)),
                             squeeze=False, width_ratios=[1, 1])
    for row, source in enumerate(sources):
        part = table[table["source"] == source]
        order = list(dict.fromkeys(part["layer"]))
        types = list(dict.fromkeys(part["crime type"]))
        months = ", ".join(sorted(set(part["months"])))
        counts = part.drop_duplicates("layer").set_index("layer")["units tested"]
        for col, (value, label, fmt, vmax) in enumerate((
                ("Moran's I (counts)", "Moran's I, counts (✗ not robust)", ".2f", 1.0),
                ("crime in hot spots (%)", "% of crime in hot spots", ".0f", 60.0))):
            ax = axes[row, col]
            grid = part.pivot(index="crime type", columns="layer", values=value).reindex(
                index=types, columns=order).astype(float)
            marks = part.pivot(index="crime type", columns="layer",
                               values="clusters robustly").reindex(index=types, columns=order)
            text = grid.map(lambda v, f=fmt: "" if pd.isna(v) else format(v, f))
            if col == 0:
                text = text.where(marks.fillna(True).astype(bool), text + " ✗")
            sns.heatmap(grid, ax=ax, annot=text, fmt="", cmap="OrRd", cbar=False,
                        linewidths=0.5, linecolor="white", vmin=0, vmax=vmax,
                        annot_kws={"fontsize": 8.5})
            for i, j in zip(*np.nonzero(grid.isna().to_numpy()), strict=True):
                ax.text(j + 0.5, i + 0.5, "–", ha="center", va="center", color="#999999")
            ax.set_title(f"{source}, {months}: {label}", fontsize=10, loc="left")
            ax.set_xlabel("")
            ax.set_ylabel("")
            ax.set_xticklabels([f"{layer}\n{counts[layer]:,}" for layer in order], fontsize=8,
                               rotation=0)
            if col == 1:
                ax.set_yticklabels([])
    fig.suptitle("Crime clusters at every scale but the borough; how much of it the hot spots "
                 "hold depends on the unit", x=0.01, ha="left", fontweight="bold", fontsize=13)
    return fig


# --- 100 m hexagons --------------------------------------------------------------------------


def hexagon_figure(layer: lay.Layer, result: LocalResult, crime: str) -> Figure:
    """London-wide policy classes of ``crime`` on the 100 m hexagons (hot and cold cells
    only drawn; the rest light grey), and a zoom on the West End with a locator."""
    fig, (ax_london, ax_zoom) = plt.subplots(1, 2, figsize=(14, 6.4), width_ratios=[1, 1.1])
    outline = london_outline()
    labels = pd.Series(result.labels, index=pd.Index(result.ids))
    significant = layer.units[labels.loc[layer.units["unit_code"]].ne("Not Significant")
                              .to_numpy()]
    maps.draw_polygons(ax_london, outline, facecolor=maps.GI_COLOURS["Not Significant"])
    maps.gi_map(ax_london, significant, result, id_column="unit_code", legend=False,
                rasterized=True)
    maps.draw_lines(ax_london, borough_lines(), color="#777777", linewidth=0.25)
    maps.frame_box(ax_london, HEX_ZOOM)
    style.map_axes(ax_london, f"London: {int(result.hot().sum())} hot hexagons")
    maps.scale_bar(ax_london, loc="lower right")
    zoom = layer.units.cx[HEX_ZOOM[0]:HEX_ZOOM[2], HEX_ZOOM[1]:HEX_ZOOM[3]]
    handles = maps.gi_map(ax_zoom, zoom, result, id_column="unit_code", legend=False,
                          rasterized=True)
    maps.draw_lines(ax_zoom, borough_lines().clip(HEX_ZOOM), color="#555555", linewidth=0.6)
    anchors = named_anchors()
    maps.label_places(ax_zoom, anchors.cx[HEX_ZOOM[0]:HEX_ZOOM[2], HEX_ZOOM[1]:HEX_ZOOM[3]],
                      fontsize=8)
    ax_zoom.set_xlim(HEX_ZOOM[0], HEX_ZOOM[2])
    ax_zoom.set_ylim(HEX_ZOOM[1], HEX_ZOOM[3])
    style.map_axes(ax_zoom, "The West End (hexagons in view)")
    maps.scale_bar(ax_zoom, loc="lower right")
    maps.locator(ax_zoom, outline, HEX_ZOOM, rect=(0.0, 0.72, 0.26, 0.28))
    ax_zoom.legend(handles=handles, title="Gi* class, hexagons in view", loc="lower left",
                   fontsize=7, title_fontsize=8)
    fig.suptitle(f"{crime.capitalize()} on London's {layer.n:,} 100 m hexagons "
                 f"({layer.periods[crime]}): a few streets of the West End", x=0.01, ha="left",
                 fontweight="bold", fontsize=13)
    return fig


# --- sensitivity ----------------------------------------------------------------------------------


def _overlap(a: set, b: set) -> str:
    return f"{len(a & b)} of {len(a | b)}"


def sensitivity_table(layer: lay.Layer, weights: WeightsSpec,
                      results: Mapping[str, LocalResult], types: Sequence[str],
                      residents: pd.Series) -> pd.DataFrame:
    """Hot spots (95%+) of each of ``types`` under the policy and under other choices (labelled
    sensitivity analyses, never the definition), with the overlap with the policy's set.

    Free from the policy's own p-values: no correction, analytical p + BH, permutation p +
    Bonferroni. New runs: the policy on the 6 nearest neighbours, on log(1 + count) and on
    Empirical Bayes rates per resident (``residents`` by unit code). A fixed 9,999
    permutations is :func:`fixed_draws_table`.
    """
    nearest = knn(layer.units, 6, transform="B", id_column="unit_code")
    rows = []
    for crime in types:
        policy_result = results[crime]
        values = layer.values(crime)
        kept = values.dropna()
        reference = policy_result.hot_ids()
        variants = {
            "no correction": policy_result.hot_ids("none"),
            "analytical p, BH": policy_result.hot_ids(p_kind="analytical"),
            "permutation p, Bonferroni": policy_result.hot_ids("bonferroni"),
            "6 nearest neighbours (policy)": cached.policy_run(values, nearest).hot_ids(),
            "log(1 + count) (policy)": cached.policy_run(np.log1p(values), weights).hot_ids(),
        }
        people = residents.reindex(kept.index)
        if people.notna().all() and (people > 0).all():
            rate = pd.Series(empirical_bayes_rate(kept, people), index=kept.index)
            variants["EB rate per resident (policy)"] = cached.policy_run(
                rate.reindex(values.index), weights).hot_ids()
        row = {"policy": len(reference)}
        for name, found in variants.items():
            row[name] = len(found)
            row[f"{name}: in both / either"] = _overlap(reference, found)
        rows.append(pd.Series(row, name=crime))
    return pd.DataFrame(rows)


def fixed_draws_table(layer: lay.Layer, weights: WeightsSpec, crime: str,
                      seeds: Sequence[int], result: LocalResult) -> pd.DataFrame:
    """The old definition (esda Gi*, a fixed 9,999 permutations, BH) under several seeds,
    beside the policy: how many units reach the floor p = 2/10,000 and how many hot spots BH
    then keeps. With ``m`` units tested BH keeps the ``k`` smallest p only if the k-th is
    <= 0.05 k / m, so at the floor it needs at least ``0.0002 m / 0.05`` units there."""
    values = layer.values(crime).dropna()
    no_data = layer.values(crime).index[layer.values(crime).isna()]
    base = weights.without(no_data) if len(no_data) else weights
    floor = 2 / 10_000
    rows = {}
    for seed in seeds:
        fixed = local_gi_star(values, base, permutations=9_999, seed=seed)
        at_floor = np.nan_to_num(fixed.p_permutation, nan=1.0) <= floor * (1 + 1e-9)
        rows[f"fixed 9,999, seed {seed}"] = {
            "units at the floor (p = 0.0002)": int(at_floor.sum()),
            "hot units at the floor": int((at_floor & (fixed.z > 0)).sum()),
            "hot spots after BH": int(fixed.hot().sum())}
    rows["policy (adaptive draws)"] = {
        "units at the floor (p = 0.0002)": pd.NA, "hot units at the floor": pd.NA,
        "hot spots after BH": int(result.hot().sum())}
    table = pd.DataFrame.from_dict(rows, orient="index").astype("Int64")
    table.attrs["needed at the floor"] = int(np.ceil(floor * len(values) / 0.05))
    return table


# --- the explorable map's input -------------------------------------------------------------


def explorer_frame(layer: lay.Layer, results: Mapping[str, LocalResult],
                   residents: pd.Series, name: str) -> gpd.GeoDataFrame:
    """The explorable map's rows for one layer (``name``: "ward" or "LSOA"): one row per unit
    and crime type with its count, rate per 1,000 residents (Census 2021; NaN where unknown)
    and policy class (NaN where the unit has no data), in EPSG:27700. Boundaries are
    simplified as the map draws them (:data:`hotspots.viz.explorer.SIMPLIFY_METRES`, keeping
    shared edges shared), so the files stay small."""
    frames = []
    geometry = shapely.coverage_simplify(layer.units.geometry.to_numpy(), SIMPLIFY_METRES)
    people = residents.reindex(layer.units["unit_code"]).to_numpy(dtype=float)
    for crime, result in results.items():
        count = layer.values(crime).to_numpy()
        classes = pd.Series(result.labels, index=pd.Index(result.ids)).reindex(
            layer.units["unit_code"]).to_numpy(dtype=object)
        classes[classes == NO_DATA] = None
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = np.where(people > 0, 1000 * count / people, np.nan)
        frames.append(pd.DataFrame({
            "unit_code": layer.units["unit_code"].to_numpy(),
            "unit_name": layer.units["unit_name"].to_numpy(),
            "borough": layer.units["borough"].to_numpy(), "crime_type": crime,
            "count": count, "rate_per_1000": np.round(rate, 2), "hot_spot_class": classes,
            "layer": name, "geometry": geometry}))
    table = pd.concat(frames, ignore_index=True)
    return gpd.GeoDataFrame(table[[*COLUMNS, "layer", "geometry"]], crs=lay.BNG)


def write_explorer(frame: gpd.GeoDataFrame, name: str, folder: Path | None = None) -> Path:
    """Write ``<folder>/<name>.parquet`` (default ``data/derived/explorer``); returns the path."""
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"the explorer table lacks {missing}")
    out = Path(folder or derived_dir() / "explorer")
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.parquet"
    with atomic_write(path) as handle:  # untouched when the table is unchanged
        frame.to_parquet(handle, index=False)
    return path


def ward_residents() -> pd.Series:
    """Census 2021 usual residents by 2022 ward code (NaN for the City wards without an LSOA)."""
    table = populations.ward_residents()
    return table.set_index("ward_code")["residents"].astype(float)


def lsoa_residents() -> pd.Series:
    """Census 2021 usual residents by 2021 LSOA code."""
    return populations.census2021_lsoa().set_index("lsoa_code")["residents"].astype(float)


# --- evidence -----------------------------------------------------------------------------------


def slug(text: str) -> str:
    """An evidence-id part from a crime type: "theft-from-the-person"."""
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def record_evidence(record: Record, robust: Mapping[str, RobustMoran],
                    hot: Mapping[str, LocalResult], lsoa: lay.Layer,
                    hexagon: tuple[LocalResult, lay.Layer, str],
                    ward_context: pd.DataFrame) -> Record:
    """Supporting rows (no verdict: notebook 04 decides the clustering statement; 02 the
    rankings): robust Moran and the policy's hot spots per crime type at LSOA level, the
    100 m hexagon hot spots, and the named wards' classes as context."""
    for crime, result in robust.items():
        table = result.table
        counts = table[(table["sample"] == "all units") & (table["variable"] == "counts")]
        failing = "" if result.clusters_robustly else " It fails at least one variant."
        record.supporting(
            CLUSTER_STATEMENT, f"robust-moran-lsoa-{slug(crime)}",
            f"Global Moran's I of {crime} by 2021 LSOA on counts, log(1 + count) and ranks, "
            f"with and without the top 1% of LSOAs ({lsoa.periods[crime]}): "
            + ("positive and significant in all six variants." if result.clusters_robustly
               else "not significant and positive in every variant.") + failing,
            source=lsoa.sources[crime], our_value=float(counts["moran_i"].iat[0]),
            low=float(table["moran_i"].min()), high=float(table["moran_i"].max()),
            unit="global Moran's I (counts; range over 6 variants)",
            vintage=str(lsoa.periods[crime]), figure="figures/03_robust_moran.png")
    for crime, result in hot.items():
        record.supporting(
            CLUSTER_STATEMENT, f"hot-spots-lsoa-{slug(crime)}",
            f"Hot spots of {crime} by 2021 LSOA under the project's policy (Gi*, adaptive "
            f"conditional permutations, BH FDR 5%), {lsoa.periods[crime]}; "
            f"{result.n_excluded} LSOAs without data left out.",
            source=lsoa.sources[crime], our_value=int(result.hot().sum()),
            unit="hot-spot LSOAs", vintage=str(lsoa.periods[crime]),
            figure="figures/03_hot_spots_london.png")
    hex_result, hex_layer, crime = hexagon
    record.supporting(
        MICRO_STATEMENT, "hexagon-hot-spots",
        f"Policy hot spots of {crime} among London's {hex_layer.n:,} 100 m hexagons "
        f"({hex_layer.periods[crime]}); they hold {hot_share(hex_result):.0f}% of it, but "
        "police.uk moves every record to an anonymous map point, so open data cannot draw "
        "the streets, parks or squares themselves.",
        source=hex_layer.sources[crime], our_value=int(hex_result.hot().sum()),
        unit="hot-spot hexagons (2.6 ha)", vintage=str(hex_layer.periods[crime]),
        figure="figures/03_hexagons.png")
    hot_wards = int(ward_context["ward's class (policy)"].isin(HOT_CLASSES[:2]).sum())
    record.supporting(
        "other-high-risk-wards", "ward-hot-spots-context",
        f"Context, not the ranking the statement makes: {hot_wards} of the article's six wards "
        "are themselves hot spots (95%+) of theft from the person among the 2022 wards under "
        "the project's policy (queen neighbours plus links across the Thames).",
        source=MET_SOURCE, our_value=hot_wards, unit="named wards that are policy hot spots",
        vintage="2024-03–2025-02", figure="figures/03_hot_spots_central.png")
    return record
