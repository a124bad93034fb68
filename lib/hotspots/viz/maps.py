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
- :func:`label_places` writes place names on a map; :func:`scale_bar` adds a scale bar.
- :func:`value_map`: a choropleth of a continuous value (e.g. a percent change) with a colour
  bar, units without a value hatched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.patches import Patch, Rectangle

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
#: Units without a value on a value map: light grey, hatched.
MISSING_COLOUR = "#f2f2f2"


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


def scale_bar(ax: Axes, length_m: float, *, anchor: tuple[float, float] = (0.04, 0.04),
              label: str | None = None) -> None:
    """A black scale bar of ``length_m`` metres on a British National Grid map, its left end
    at ``anchor`` (axes fraction), labelled in km unless ``label`` is given."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    left = x0 + anchor[0] * (x1 - x0)
    bottom = y0 + anchor[1] * (y1 - y0)
    height = 0.008 * (y1 - y0)
    ax.add_patch(Rectangle((left, bottom), length_m, height, facecolor="black",
                           edgecolor="black", linewidth=0.5, zorder=5))
    text = label if label is not None else f"{length_m / 1000:g} km"
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    ax.annotate(text, (left + length_m / 2, bottom + 1.8 * height), ha="center", va="bottom",
                fontsize=7.5, path_effects=halo, zorder=5)


def value_map(
    ax: Axes,
    frame: gpd.GeoDataFrame,
    values: Iterable[float],
    *,
    cmap: str,
    vmin: float,
    vmax: float,
    label: str,
    missing_label: str,
    edgecolor: str = "white",
    linewidth: float = 0.2,
    legend: bool = True,
) -> None:
    """Colour each unit of ``frame`` (row order) by its value on ``cmap`` (clipped to
    ``vmin``..``vmax``), with a horizontal colour bar titled ``label``; units with no value
    are light grey and hatched, named ``missing_label`` in a legend (unless ``legend`` is
    false)."""
    values = np.asarray(list(values), dtype=float)
    if values.size != len(frame):
        raise ValueError(f"{values.size} values for {len(frame)} units")
    missing = np.isnan(values)
    norm = Normalize(vmin=vmin, vmax=vmax)
    colours = plt.get_cmap(cmap)(norm(np.clip(values, vmin, vmax)))
    shown = frame[~missing]
    if not shown.empty:
        shown.plot(ax=ax, color=colours[~missing], edgecolor=edgecolor, linewidth=linewidth)
    if missing.any():
        frame[missing].plot(ax=ax, facecolor=MISSING_COLOUR, edgecolor="#bbbbbb", hatch="////",
                            linewidth=linewidth)
    if missing.any() and legend:
        ax.legend(handles=[Patch(facecolor=MISSING_COLOUR, edgecolor="#bbbbbb", hatch="////",
                                 label=f"{missing_label} ({int(missing.sum()):,})")],
                  loc="lower right", fontsize=7)
    bar = ax.figure.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, orientation="horizontal",
                             fraction=0.04, pad=0.02, shrink=0.6)
    bar.set_label(label, fontsize=8)
    bar.ax.tick_params(labelsize=7)
