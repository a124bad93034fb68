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

from collections.abc import Iterable, Mapping, Sequence

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.patches import Patch
from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

from hotspots.stats.spatial import (
    GI_CLASSES,
    LISA_CLASSES,
    LocalResult,
)
from hotspots.viz.style import ACCENT

#: ArcGIS Pro "Hot Spot Analysis (Getis-Ord Gi*)" symbology, cold to hot.
GI_COLOURS = dict(zip(GI_CLASSES, (
    "#4575b5", "#849eba", "#c0ccbe", "#ffffbf", "#fab984", "#ed7551", "#d62f27", "#bdbdbd",
), strict=True))
#: GeoDa's LISA cluster map colours (HH red, LL blue, HL light red, LH light blue).
LISA_COLOURS = dict(zip(LISA_CLASSES, (
    "#e31a1c", "#1f5fbf", "#f4a3a3", "#a6bddb", "#eeeeee", "#bdbdbd",
), strict=True))


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


# --- scale ------------------------------------------------------------------------------------


# --- units ------------------------------------------------------------------------------------


def label_places(ax: Axes, anchors: gpd.GeoDataFrame, *, fontsize: float = 8) -> None:
    """Write each anchor's ``label`` at its point in italics with a white halo (e.g. the
    article's named places from :func:`hotspots.phone_theft.place_anchors`)."""
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for label, point in zip(anchors["label"], anchors.geometry, strict=True):
        ax.annotate(label, (point.x, point.y), ha="center", va="center", fontsize=fontsize,
                    style="italic", color=ACCENT, path_effects=halo)


# --- units without data, diverging classes, scale bar -------------------------------------------

NO_DATA_HATCH = "////"


def class_map_with_gaps(
    ax: Axes,
    frame: gpd.GeoDataFrame,
    labels: Iterable[str],
    colours: Mapping[str, str],
    *,
    gaps: gpd.GeoDataFrame,
    gap_label: str,
    legend_title: str,
    legend_loc: str = "lower right",
    edgecolor: str = "white",
    linewidth: float = 0.2,
) -> None:
    """:func:`class_map` of ``frame`` plus the units without data (``gaps``) hatched, with one
    legend: the classes present (with their unit counts), then ``gap_label`` (its count)."""
    labels = list(labels)
    class_map(ax, frame, labels, colours, legend_title=legend_title, edgecolor=edgecolor,
              linewidth=linewidth, legend=False)
    gaps.plot(ax=ax, facecolor="white", edgecolor="#777777", hatch=NO_DATA_HATCH,
              linewidth=0.3)
    present = pd.Series(labels).value_counts()
    handles = [Patch(facecolor=colour, edgecolor="#999999", linewidth=0.4,
                     label=f"{label} ({present[label]:,})")
               for label, colour in colours.items() if label in present.index]
    handles.append(Patch(facecolor="white", edgecolor="#777777", hatch=NO_DATA_HATCH,
                         linewidth=0.4, label=f"{gap_label} ({len(gaps):,})"))
    ax.legend(handles=handles, title=legend_title, loc=legend_loc, fontsize=7,
              title_fontsize=8)


def diverging_colours(labels: Sequence[str], middle: str = "#e6e6e6",
                      cmap: str = "RdBu_r") -> dict[str, str]:
    """Colours for ordered classes, low to high: blue below the middle class, red above, the
    middle one (an odd count is required) light grey; stronger colours further out."""
    if len(labels) % 2 == 0:
        raise ValueError("diverging classes need an odd number of labels (one middle class)")
    half = len(labels) // 2
    colourmap = matplotlib.colormaps[cmap]
    steps = np.linspace(0.05, 0.3, half) if half else np.array([])
    colours = [to_hex(colourmap(s)) for s in steps] + [middle] + [
        to_hex(colourmap(1 - s)) for s in steps[::-1]]
    return dict(zip(labels, colours, strict=True))


def sequential_colours(labels: Sequence[str], cmap: str = "viridis_r",
                       span: tuple[float, float] = (0.15, 0.95)) -> dict[str, str]:
    """Colours for ordered classes, first to last along ``span`` of ``cmap`` (light to dark
    for the default)."""
    colourmap = matplotlib.colormaps[cmap]
    steps = np.linspace(*span, len(labels))
    return {label: to_hex(colourmap(step)) for label, step in zip(labels, steps, strict=True)}


def add_scale_bar(ax: Axes, length_m: float, *, loc: str = "lower left") -> None:
    """A scale bar of ``length_m`` metres on a map in British National Grid, labelled in km
    (or m under 1 km)."""
    label = f"{length_m / 1000:g} km" if length_m >= 1000 else f"{length_m:g} m"
    bar = AnchoredSizeBar(ax.transData, length_m, label, loc, pad=0.4, borderpad=0.6,
                          sep=3, frameon=False, size_vertical=length_m / 40,
                          fontproperties={"size": 8})
    ax.add_artist(bar)
