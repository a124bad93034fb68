"""Hot-spot maps and the aggregations behind them, on top of :mod:`hotspots.spatial`.

- Cluster maps: :func:`lisa_map` (GeoDa's colours) and :func:`gi_map` (ArcGIS Hot Spot
  Analysis colours), both drawn by :func:`class_map` with unit counts in the legend;
  :func:`class_legend` draws one legend shared by several maps.
- Multiple testing after the fact: :func:`hot_units` and :func:`correction_table` re-adjust a
  local result's p-values under another correction (or the analytical p) without new
  permutations.
- Scale (MAUP): :func:`scale_summary` runs global Moran's I and Gi* on one set of units and
  gives one table row.
- Units: :func:`hex_lattice` rebuilds the third-party 100 m hexagon grid (empty cells included)
  and :func:`hex_totals` puts counts on it; :func:`square_cell_counts` counts points in a square
  grid; :func:`sum_by_place` adds small areas into the place holding each one;
  :func:`apportion_by_area` and :func:`residents_on_2021_lsoas` move Census 2011 residents
  onto the 2021 LSOAs.
- :func:`label_places` writes place names on a map.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from pyproj import Transformer

from hotspots.analyses.phone_theft import hexagons, label_by_place
from hotspots.io.boundaries import BNG
from hotspots.io.police_uk import to_bng
from hotspots.stats.spatial import (
    DEFAULT_SEED,
    GI_CLASSES,
    LISA_CLASSES,
    GlobalMoran,
    LocalResult,
    WeightsSpec,
    adjust,
    global_moran,
    local_gi_star,
)
from hotspots.stats.spatial.multiple_testing import CORRECTIONS, LABELS, Correction
from hotspots.viz.style import ACCENT

#: ArcGIS Pro "Hot Spot Analysis (Getis-Ord Gi*)" symbology, cold to hot.
GI_COLOURS = dict(zip(GI_CLASSES, (
    "#4575b5", "#849eba", "#c0ccbe", "#ffffbf", "#fab984", "#ed7551", "#d62f27", "#bdbdbd",
), strict=True))
#: GeoDa's LISA cluster map colours (HH red, LL blue, HL light red, LH light blue).
LISA_COLOURS = dict(zip(LISA_CLASSES, (
    "#e31a1c", "#1f5fbf", "#f4a3a3", "#a6bddb", "#eeeeee", "#bdbdbd",
), strict=True))

#: The third-party hexagon grid (Ellmal/3D-London-Crime-Statistics, see police_uk/SOURCES.md):
#: local equirectangular metres x = lon·M_LON, y = lat·M_LAT; centre of cell (q, r) at
#: x = 1.5·R·q, y = √3·R·(r + q/2) with R = 100 m.
HEX_RADIUS = 100.0
M_LON = 111_320 * math.cos(math.radians(51.5))
M_LAT = 110_540.0
HEX_SPACING = math.sqrt(3) * HEX_RADIUS  # centre to neighbouring centre, ≈ 173.2 m


# --- maps -------------------------------------------------------------------------------------


def class_map(
    ax: Axes,
    frame: gpd.GeoDataFrame,
    labels: Iterable[str],
    colours: Mapping[str, str],
    *,
    legend_title: str,
    legend_loc: str = "lower right",
    legend_anchor: tuple[float, float] | None = None,
    edgecolor: str = "none",
    linewidth: float = 0.0,
    legend: bool = True,
    rasterized: bool = False,
) -> None:
    """Colour each unit of ``frame`` (row order) by its class; legend in ``colours`` order.

    The legend (unless ``legend=False``) lists only classes present, each with its number of
    units, at ``legend_loc`` (of the axes, or of the point ``legend_anchor`` in axes
    coordinates, e.g. (1, 0) with "lower left" to put it outside). ``rasterized=True`` embeds
    the polygons as an image in vector output (small SVGs of many polygons; text stays
    vector). A label missing from ``colours`` raises ``ValueError``.
    """
    labels = list(labels)
    if len(labels) != len(frame):
        raise ValueError(f"{len(labels)} labels for {len(frame)} units")
    labels = pd.Series(labels, index=frame.index, dtype=object)
    unknown = sorted(set(labels) - set(colours))
    if unknown:
        raise ValueError(f"no colour for classes {unknown}")
    handles = []
    for label, colour in colours.items():
        rows = frame[(labels == label).to_numpy()]
        if rows.empty:
            continue
        rows.plot(ax=ax, color=colour, edgecolor=edgecolor, linewidth=linewidth,
                  rasterized=rasterized)
        handles.append(Patch(facecolor=colour, edgecolor="#999999", linewidth=0.4,
                             label=f"{label} ({len(rows):,})"))
    if legend:
        ax.legend(handles=handles, title=legend_title, loc=legend_loc, fontsize=7,
                  title_fontsize=8, bbox_to_anchor=legend_anchor)


def class_legend(
    ax: Axes, colours: Mapping[str, str], *, title: str, exclude: Iterable[str] = (), **kwargs
) -> None:
    """A legend of every class in ``colours`` (except ``exclude``), e.g. one legend shared by
    several maps; ``kwargs`` go to ``ax.legend``."""
    skip = set(exclude)
    handles = [Patch(facecolor=c, edgecolor="#999999", linewidth=0.4, label=label)
               for label, c in colours.items() if label not in skip]
    kwargs.setdefault("fontsize", 8)
    ax.legend(handles=handles, title=title, **kwargs)


def _labels_for(frame: gpd.GeoDataFrame, result: LocalResult, id_column: str) -> np.ndarray:
    """The result's class of each unit of ``frame`` (all or some of the result's units)."""
    by_id = pd.Series(result.labels, index=pd.Index(result.ids), dtype=object)
    unknown = ~frame[id_column].isin(by_id.index)
    if unknown.any():
        raise ValueError(f"{int(unknown.sum())} unit(s) of the frame are not in the result, "
                         f"e.g. {frame.loc[unknown, id_column].head(3).tolist()}")
    return by_id.loc[frame[id_column]].to_numpy()


def lisa_map(
    ax: Axes, frame: gpd.GeoDataFrame, result: LocalResult, *, id_column: str, **kwargs
) -> None:
    """LISA cluster map of the units in ``frame`` (HH, LL, HL, LH after the result's
    correction); ``frame`` may hold only some of the result's units, e.g. a zoomed area."""
    kwargs.setdefault("legend_title", "local Moran cluster (units shown)")
    class_map(ax, frame, _labels_for(frame, result, id_column), LISA_COLOURS, **kwargs)


def gi_map(
    ax: Axes, frame: gpd.GeoDataFrame, result: LocalResult, *, id_column: str, **kwargs
) -> None:
    """Gi* hot/cold-spot map of the units in ``frame`` (99/95/90% confidence after the
    result's correction) in ArcGIS colours; ``frame`` may hold only some of the result's units."""
    kwargs.setdefault("legend_title", "Gi* class (units shown)")
    class_map(ax, frame, _labels_for(frame, result, id_column), GI_COLOURS, **kwargs)


# --- multiple testing after the fact ----------------------------------------------------------


def hot_units(
    result: LocalResult,
    correction: Correction,
    *,
    p_kind: str = "permutation",
    alpha: float | None = None,
) -> np.ndarray:
    """Units that are "hot" under ``correction``: adjusted p <= ``alpha`` (default the result's).

    Hot means z > 0 for Gi* and the HH quadrant for local Moran. The raw p-values are the
    result's own (``p_kind`` "permutation" or "analytical"), so no permutation is re-run.
    """
    raw = {"permutation": result.p_permutation, "analytical": result.p_analytical}.get(p_kind)
    if raw is None:
        raise ValueError(f"no {p_kind!r} p-values in this result")
    alpha = result.meta.alpha if alpha is None else alpha
    significant = np.nan_to_num(adjust(raw, correction), nan=1.0) <= alpha
    high = result.quadrant == "HH" if result.quadrant is not None else result.z > 0
    return significant & np.asarray(high, dtype=bool)


def correction_table(
    results: Mapping[str, LocalResult],
    corrections: Iterable[Correction] = ("none", "fdr_bh", "bonferroni"),
    p_kinds: Iterable[str] = ("permutation", "analytical"),
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Hot units per result (rows) under each p-value kind and correction (columns)."""
    columns = [(kind, LABELS[c]) for kind in p_kinds for c in corrections]
    rows = {
        name: [int(hot_units(r, c, p_kind=kind, alpha=alpha).sum())
               for kind in p_kinds for c in corrections]
        for name, r in results.items()
    }
    table = pd.DataFrame.from_dict(rows, orient="index", columns=pd.MultiIndex.from_tuples(
        columns, names=["p-value", "correction"]))
    return table


# --- scale ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleSummary:
    """Global Moran's I (row-standardised) and Gi* (binary) of counts on one set of units."""

    moran: GlobalMoran
    gi: LocalResult
    weights: WeightsSpec

    def row(self) -> dict:
        """One MAUP-table row: units, neighbours, I, z, p, and how much is in hot spots."""
        values = self.gi.values
        hot = self.gi.significant & (np.nan_to_num(self.gi.z) > 0)
        total = values.sum()
        return {
            "units": self.weights.n,
            "mean neighbours": self.weights.mean_neighbors,
            "mean count": values.mean(),
            "zero units %": 100 * (values == 0).mean(),
            "Moran's I": self.moran.moran_i,
            "z (randomisation)": self.moran.z_randomisation,
            "permutation p": self.moran.p_permutation,
            "hot-spot units": int(hot.sum()),
            "hot-spot units %": 100 * hot.mean(),
            "crime in hot spots %": 100 * values[hot].sum() / total if total else np.nan,
        }


def scale_summary(
    values: np.ndarray | pd.Series,
    weights: WeightsSpec,
    *,
    permutations: int,
    seed: int = DEFAULT_SEED,
    p_kind: str = "permutation",
    correction: Correction = "fdr_bh",
    alpha: float = 0.05,
) -> ScaleSummary:
    """Global Moran's I with ``weights`` row-standardised and Gi* with them binary.

    Hot-spot units are Gi* units with adjusted p <= ``alpha`` and z > 0 (95% confidence or more
    at the default alpha).
    """
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {CORRECTIONS}")
    moran = global_moran(values, weights.with_transform("R"), permutations=permutations,
                         seed=seed)
    gi = local_gi_star(values, weights.with_transform("B"), permutations=permutations, seed=seed,
                       p_kind=p_kind, correction=correction, alpha=alpha)
    return ScaleSummary(moran=moran, gi=gi, weights=weights)


# --- units ------------------------------------------------------------------------------------


def hex_centres(q: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                       np.ndarray]:
    """(longitude, latitude, x, y) of hexagon cells (q, r) of the third-party grid."""
    q, r = np.asarray(q, dtype=float), np.asarray(r, dtype=float)
    lon = 1.5 * HEX_RADIUS * q / M_LON
    lat = HEX_SPACING * (r + q / 2) / M_LAT
    x, y = to_bng(lon, lat)
    return lon, lat, x, y


def hex_lattice(bounds: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    """Every cell of the 100 m hexagon grid whose centre lies in ``bounds`` (BNG minx, miny,
    maxx, maxy), with or without crime: hex_q, hex_r, x, y and a regular 100 m hexagon drawn
    round the centre. Sorted by q, then r."""
    minx, miny, maxx, maxy = bounds
    if not (minx < maxx and miny < maxy):
        raise ValueError(f"bounds {bounds} are not (minx, miny, maxx, maxy)")
    to_wgs = Transformer.from_crs(BNG, "EPSG:4326", always_xy=True)
    lon, lat = to_wgs.transform([minx, minx, maxx, maxx], [miny, maxy, miny, maxy])
    q_lo = math.floor(min(lon) * M_LON / (1.5 * HEX_RADIUS)) - 2
    q_hi = math.ceil(max(lon) * M_LON / (1.5 * HEX_RADIUS)) + 2
    y_lo, y_hi = min(lat) * M_LAT / HEX_SPACING, max(lat) * M_LAT / HEX_SPACING
    q_all, r_all = [], []
    for q in range(q_lo, q_hi + 1):
        rs = np.arange(math.floor(y_lo - q / 2) - 2, math.ceil(y_hi - q / 2) + 3)
        q_all.append(np.full(rs.size, q))
        r_all.append(rs)
    q, r = np.concatenate(q_all), np.concatenate(r_all)
    _, _, x, y = hex_centres(q, r)
    inside = (x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy)
    q, r, x, y = q[inside], r[inside], x[inside], y[inside]
    frame = pd.DataFrame({"hex_q": q, "hex_r": r, "x": x, "y": y})
    return gpd.GeoDataFrame(frame, geometry=hexagons(x, y, HEX_RADIUS), crs=BNG)


def hex_totals(lattice: pd.DataFrame, hexes: pd.DataFrame, crime_type: str) -> pd.Series:
    """Counts of ``crime_type`` summed over all months of ``hexes``, one per ``lattice`` row.

    Cells without such crime count 0; indexed like ``lattice``. ``hexes`` are
    :func:`hotspots.police_uk_subsets.load_hex_counts` rows.
    """
    rows = hexes[hexes["crime_type"] == crime_type]
    if rows.empty:
        raise KeyError(f"no hexagon rows for crime type {crime_type!r}")
    sums = rows.groupby(["hex_q", "hex_r"])["crime_count"].sum()
    keys = pd.MultiIndex.from_arrays([lattice["hex_q"], lattice["hex_r"]])
    return pd.Series(sums.reindex(keys, fill_value=0).to_numpy(), index=lattice.index,
                     name=crime_type)


def square_cell_counts(
    x: np.ndarray, y: np.ndarray, cells: gpd.GeoDataFrame, size: float
) -> tuple[pd.Series, int]:
    """Points per cell of a :func:`hotspots.geography.square_grid` of side ``size``, and the
    number of points in no cell.

    A point belongs to the cell whose lower-left corner is (⌊x/size⌋·size, ⌊y/size⌋·size), so a
    point on an edge goes to the cell east or north of it. Returns counts indexed by ``cell_id``
    in ``cells`` order (zeros included).
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if np.isnan(x).any() or np.isnan(y).any():
        raise ValueError("points need coordinates (no NaN)")
    bounds = cells.geometry.bounds
    corner = pd.MultiIndex.from_arrays([np.round(bounds["minx"] / size).astype("int64"),
                                        np.round(bounds["miny"] / size).astype("int64")])
    keys = pd.MultiIndex.from_arrays([np.floor(x / size).astype("int64"),
                                      np.floor(y / size).astype("int64")])
    per_key = pd.Series(1, index=keys).groupby(level=[0, 1]).sum()
    counts = per_key.reindex(corner, fill_value=0).to_numpy()
    outside = len(x) - int(counts.sum())
    return pd.Series(counts, index=pd.Index(cells["cell_id"], name="cell_id")), outside


def sum_by_place(
    areas: gpd.GeoDataFrame, values: pd.Series, places: gpd.GeoDataFrame, place_id: str
) -> tuple[pd.Series, pd.Series]:
    """Totals of ``values`` (aligned with ``areas``' index) per place, each area going whole to
    the place holding its representative point.

    Returns (totals indexed by ``places[place_id]`` in ``places`` order, zeros for places that
    got no area; the place of each area, <NA> where none holds it).
    """
    if not values.index.equals(areas.index):
        raise ValueError("values must be indexed like areas")
    place = label_by_place(areas, places, place_id)
    totals = values.groupby(place.to_numpy()).sum()
    return totals.reindex(places[place_id], fill_value=0), place


def apportion_by_area(
    source: gpd.GeoDataFrame, column: str, target: gpd.GeoDataFrame, target_id: str
) -> pd.Series:
    """Share each source polygon's ``column`` among target polygons by overlapping area.

    A target gets ``value × area(source ∩ target) / area(source)`` from each source it
    overlaps (areal weighting: it assumes people are spread evenly within a source polygon).
    Returns totals indexed by ``target[target_id]`` in ``target`` order (0 where none overlap).
    """
    src = source[[column, "geometry"]].to_crs(BNG).assign(_area=lambda f: f.geometry.area)
    if (src["_area"] <= 0).any():
        raise ValueError("every source polygon needs a positive area")
    tgt = target[[target_id, "geometry"]].to_crs(BNG)
    pieces = gpd.overlay(src, tgt, how="intersection", keep_geom_type=True)
    shares = pieces[column] * pieces.geometry.area / pieces["_area"]
    totals = shares.groupby(pieces[target_id].to_numpy()).sum()
    return totals.reindex(tgt[target_id], fill_value=0.0).rename(column)


def residents_on_2021_lsoas(
    lsoas_2011: gpd.GeoDataFrame, lsoas_2021: gpd.GeoDataFrame, column: str = "usual_residents"
) -> pd.DataFrame:
    """Census 2011 residents put on the 2021 LSOAs: exact where the code is unchanged, by area
    otherwise.

    LSOAs that kept their 2011 code have the same boundary (ONS keeps a code only for an
    unchanged LSOA), so they take their Census count; the others' counts are
    :func:`apportion_by_area` from the 2011 LSOAs that did not survive. Returns lsoa_code,
    residents, method ("same code" / "areal") in ``lsoas_2021`` order.
    """
    shared = lsoas_2021["lsoa_code"].isin(set(lsoas_2011["lsoa_code"]))
    exact = lsoas_2011.set_index("lsoa_code")[column]
    gone = lsoas_2011[~lsoas_2011["lsoa_code"].isin(set(lsoas_2021["lsoa_code"]))]
    areal = apportion_by_area(gone, column, lsoas_2021[~shared], "lsoa_code")
    residents = np.where(shared, lsoas_2021["lsoa_code"].map(exact),
                         lsoas_2021["lsoa_code"].map(areal))
    return pd.DataFrame({
        "lsoa_code": lsoas_2021["lsoa_code"].to_numpy(),
        "residents": residents.astype(float),
        "method": np.where(shared, "same code", "areal"),
    })


def label_places(ax: Axes, anchors: gpd.GeoDataFrame, *, fontsize: float = 8) -> None:
    """Write each anchor's ``label`` at its point in italics with a white halo (e.g. the
    article's named places from :func:`hotspots.phone_theft.place_anchors`)."""
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for label, point in zip(anchors["label"], anchors.geometry, strict=True):
        ax.annotate(label, (point.x, point.y), ha="center", va="center", fontsize=fontsize,
                    style="italic", color=ACCENT, path_effects=halo)
