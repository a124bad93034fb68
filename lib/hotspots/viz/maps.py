"""Hot-spot and count maps, on top of :mod:`hotspots.stats.spatial`.

- Cluster maps: :func:`lisa_map` (GeoDa's colours) and :func:`gi_map` (ArcGIS Hot Spot
  Analysis colours for hot and cold spots, light grey for "Not Significant", hatched "No
  data"), both drawn by :func:`class_map` with unit counts in the legend; :func:`class_legend`
  draws one legend shared by several maps; :func:`gi_panels` draws one Gi* map per result
  (small multiples) with a shared legend, a scale bar on each and, for a zoom, a locator.
- :func:`label_places` writes place names on a map.
- Choropleths of counts: :func:`count_classes` puts counts into fixed classes with readable
  labels ("1–9", "10–49", "500 or more"), :func:`count_map` draws them with units without
  data hatched and returns the legend handles (so the caller puts the legend off the map).
- :func:`value_map`: a choropleth of a continuous value (e.g. a percent change) with a colour
  bar, units without a value hatched.
- Drawing: :func:`draw_polygons` and :func:`draw_lines` add shapes as one matplotlib
  collection (geopandas' ``plot`` redraws the whole figure after each call, which makes
  figures of many panels slow).
- Map furniture: :func:`scale_bar` (metres, British National Grid), :func:`numbered_points`
  (circled numbers keyed to a table), :func:`frame_box` (the outline of a zoomed area) and
  :func:`locator` (a small map of London showing where a zoom lies).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import geopandas as gpd
import mapclassify
import matplotlib
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import Normalize, to_hex
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch, Rectangle
from matplotlib.path import Path
from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

from hotspots.stats.spatial import (
    HOT_SPOT_CLASSES,
    LISA_CLASSES,
    NO_DATA,
    LocalResult,
)
from hotspots.viz.style import (
    ACCENT,
    NO_DATA_COLOUR,
    NO_DATA_EDGE,
    NO_DATA_HATCH,
    SEQUENTIAL_CMAP,
    map_axes,
)

#: Gi* classes, cold to hot: ArcGIS Pro's hot and cold colours, "Not Significant" light grey
#: (ArcGIS's pale yellow over most of London drowned the few hot spots), units without
#: neighbours mid grey and units without data hatched (:data:`GI_HATCHES`).
GI_COLOURS = dict(zip(HOT_SPOT_CLASSES, (
    "#4575b5", "#849eba", "#c0ccdf", "#e4e4e4", "#fab984", "#ed7551", "#d62f27", "#9e9e9e",
    NO_DATA_COLOUR,
), strict=True))
GI_HATCHES = {NO_DATA: NO_DATA_HATCH}
#: GeoDa's LISA cluster map colours (HH red, LL blue, HL light red, LH light blue).
LISA_COLOURS = dict(zip(LISA_CLASSES, (
    "#e31a1c", "#1f5fbf", "#f4a3a3", "#a6bddb", "#eeeeee", "#bdbdbd",
), strict=True))
#: Units without a value on a value map: light grey, hatched.


# --- drawing ----------------------------------------------------------------------------------


def _rings(geometry: shapely.Geometry) -> list[np.ndarray]:
    """Coordinates of every ring of a (multi)polygon."""
    rings = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.is_empty:
            continue
        rings.append(np.asarray(polygon.exterior.coords)[:, :2])
        rings.extend(np.asarray(r.coords)[:, :2] for r in polygon.interiors)
    return rings


def draw_polygons(ax: Axes, geometries: Iterable[shapely.Geometry], *, facecolor: str,
                  edgecolor: str = "none", linewidth: float = 0.0, hatch: str | None = None,
                  rasterized: bool = False, zorder: float = 1) -> PathCollection:
    """Add (multi)polygons to ``ax`` as one collection (holes kept) and rescale the view."""
    paths = [Path.make_compound_path(*[Path(r, closed=True) for r in rings])
             for rings in map(_rings, geometries) if rings]
    collection = PathCollection(paths, facecolor=facecolor, edgecolor=edgecolor,
                                linewidth=linewidth, hatch=hatch, rasterized=rasterized,
                                zorder=zorder)
    ax.add_collection(collection, autolim=True)
    ax.autoscale_view()
    return collection


def draw_lines(ax: Axes, geometries: Iterable[shapely.Geometry], *, color: str,
               linewidth: float, zorder: float = 2) -> LineCollection:
    """Add (multi)lines, or polygons' boundaries, to ``ax`` as one collection."""
    segments = []
    for geometry in geometries:
        if geometry.geom_type in ("Polygon", "MultiPolygon"):
            geometry = geometry.boundary
        for line in getattr(geometry, "geoms", [geometry]):
            if not line.is_empty:
                segments.append(np.asarray(line.coords)[:, :2])
    collection = LineCollection(segments, colors=color, linewidths=linewidth, zorder=zorder)
    ax.add_collection(collection, autolim=True)
    ax.autoscale_view()
    return collection


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
    no_data: gpd.GeoDataFrame | None = None,
    no_data_label: str = "no data",
    hatches: Mapping[str, str] | None = None,
) -> list[Patch]:
    """Colour each unit of ``frame`` (row order) by its class; legend in ``colours`` order.

    ``no_data``: units without data drawn hatched (:func:`draw_no_data`) and listed last in the
    legend with their count.

    The legend (unless ``legend=False``) lists only classes present, each with its number of
    units, at ``legend_loc`` (of the axes, or of the point ``legend_anchor`` in axes
    coordinates, e.g. (1, 0) with "lower left" to put it outside). ``rasterized=True`` embeds
    the polygons as an image in vector output (small SVGs of many polygons; text stays
    vector). Classes in ``hatches`` are drawn hatched with a grey edge (e.g. "No data"). A
    label missing from ``colours`` raises ``ValueError``. Returns the legend handles.
    """
    hatches = hatches or {}
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
        hatch = hatches.get(label)
        draw_polygons(ax, rows.geometry, facecolor=colour,
                      edgecolor="#888888" if hatch else edgecolor,
                      linewidth=0.3 if hatch else linewidth, hatch=hatch, rasterized=rasterized)
        handles.append(Patch(facecolor=colour, edgecolor="#888888" if hatch else "#999999",
                             hatch=hatch, linewidth=0.4, label=f"{label} ({len(rows):,})"))
    if no_data is not None and not no_data.empty:
        handles.append(draw_no_data(ax, no_data, f"{no_data_label} ({len(no_data):,})"))
    if legend:
        ax.legend(handles=handles, title=legend_title, loc=legend_loc, fontsize=7,
                  title_fontsize=8, bbox_to_anchor=legend_anchor)
    return handles


def draw_no_data(ax: Axes, frame: gpd.GeoDataFrame, label: str, *, linewidth: float = 0.3
                 ) -> Patch:
    """Draw units without data light grey and hatched; return their legend entry."""
    draw_polygons(ax, frame.geometry, facecolor=NO_DATA_COLOUR, edgecolor=NO_DATA_EDGE,
                  hatch=NO_DATA_HATCH, linewidth=linewidth)
    return Patch(facecolor=NO_DATA_COLOUR, edgecolor=NO_DATA_EDGE, hatch=NO_DATA_HATCH,
                 linewidth=0.4, label=label)


def class_legend(
    ax: Axes, colours: Mapping[str, str], *, title: str, exclude: Iterable[str] = (),
    hatches: Mapping[str, str] = GI_HATCHES, **kwargs
) -> None:
    """A legend of every class in ``colours`` (except ``exclude``; classes in ``hatches``
    hatched), e.g. one legend shared by several maps; ``kwargs`` go to ``ax.legend``."""
    skip = set(exclude)
    handles = [Patch(facecolor=c, edgecolor="#888888", linewidth=0.4, label=label,
                     hatch=hatches.get(label)) for label, c in colours.items() if label not in skip]
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
) -> list[Patch]:
    """Gi* hot/cold-spot map of the units in ``frame`` (99/95/90% confidence after the
    result's correction; units without data hatched); ``frame`` may hold only some of the
    result's units. Returns the legend handles."""
    kwargs.setdefault("legend_title", "Gi* class (units shown)")
    kwargs.setdefault("hatches", GI_HATCHES)
    return class_map(ax, frame, _labels_for(frame, result, id_column), GI_COLOURS, **kwargs)


# --- labels -----------------------------------------------------------------------------------


def label_places(ax: Axes, anchors: gpd.GeoDataFrame, *, fontsize: float = 8) -> None:
    """Write each anchor's ``label`` at its point in italics with a white halo (e.g. the
    article's named wards from :func:`hotspots.analyses.phone_theft.ward_anchors`)."""
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for label, point in zip(anchors["label"], anchors.geometry, strict=True):
        ax.annotate(label, (point.x, point.y), ha="center", va="center", fontsize=fontsize,
                    style="italic", color=ACCENT, path_effects=halo)


# --- choropleths of counts --------------------------------------------------------------------



def count_classes(lower_bounds: Sequence[int]) -> list[str]:
    """Readable labels of integer classes given by their lower bounds, in order.

    ``[0, 1, 10, 500]`` gives ``["0", "1–9", "10–499", "500 or more"]`` (thousands
    separated). Bounds must be increasing whole numbers.
    """
    bounds = [int(b) for b in lower_bounds]
    if not bounds or any(b != float(v) for b, v in zip(bounds, lower_bounds, strict=True)):
        raise ValueError("class bounds must be whole numbers")
    if any(b >= c for b, c in zip(bounds, bounds[1:], strict=False)):
        raise ValueError(f"class bounds {bounds} are not increasing")
    labels = [f"{b:,}" if c - b == 1 else f"{b:,}–{c - 1:,}"
              for b, c in zip(bounds, bounds[1:], strict=False)]
    return [*labels, f"{bounds[-1]:,} or more"]


def classify_counts(values: Iterable[float], lower_bounds: Sequence[int]) -> pd.Series:
    """The :func:`count_classes` label of each value (``<NA>`` for missing values).

    A value below the first bound raises ``ValueError``.
    """
    series = pd.Series(pd.array(list(values), dtype="Float64"))
    labels = np.array(count_classes(lower_bounds), dtype=object)
    present = series.notna().to_numpy()
    numbers = series[present].to_numpy(dtype=float)
    if (numbers < lower_bounds[0]).any():
        raise ValueError(f"a value lies below the first class bound {lower_bounds[0]}")
    index = np.searchsorted(np.asarray(lower_bounds, float), numbers, side="right") - 1
    out = pd.Series(pd.NA, index=series.index, dtype=object)
    out[present] = labels[index]
    return out


def class_colours(labels: Sequence[object], cmap: str = SEQUENTIAL_CMAP,
                  span: tuple[float, float] = (0.08, 0.95)) -> dict[object, str]:
    """One colour per ordered class label along ``span`` of ``cmap``, light to dark (the
    lightest is not white)."""
    colours = mpl.colormaps[cmap](np.linspace(*span, len(labels)))
    return {label: mpl.colors.to_hex(c) for label, c in zip(labels, colours, strict=True)}


def count_map(
    ax: Axes,
    frame: gpd.GeoDataFrame,
    column: str,
    lower_bounds: Sequence[int],
    *,
    cmap: str = SEQUENTIAL_CMAP,
    no_data_label: str | None = None,
    edgecolor: str = "white",
    linewidth: float = 0.2,
) -> list[Patch]:
    """Colour each unit of ``frame`` by the class of its ``column`` count; hatch units with no
    value; return the legend handles (every class, light to dark, then "no data" when a label
    is given), so the caller can place one legend off the map or share it between panels.

    Raises ``ValueError`` when units lack a value and no ``no_data_label`` says why.
    """
    classes = classify_counts(frame[column], lower_bounds)
    missing = classes.isna().to_numpy()
    if missing.any() and no_data_label is None:
        raise ValueError(f"{int(missing.sum())} unit(s) have no {column}: give no_data_label")
    colours = class_colours(count_classes(lower_bounds), cmap)
    present = frame[~missing]
    class_map(ax, present, classes[~missing].tolist(), colours, legend_title="",
              edgecolor=edgecolor, linewidth=linewidth, legend=False)
    handles = [Patch(facecolor=c, edgecolor="#999999", linewidth=0.4, label=label)
               for label, c in colours.items()]
    if no_data_label is not None:
        handles.append(draw_no_data(ax, frame[missing], no_data_label))
    return handles


# --- classed choropleths of a value (mapclassify) --------------------------------------


def class_labels(values: np.ndarray, classes: np.ndarray, k: int, *, fmt: str = "{:,.0f}",
                 units: tuple[str, str] = ("unit", "units")) -> list[str]:
    """One legend label per class ``0 … k-1``: the lowest and highest value in it, and how many
    units it holds ("65–86 (7 boroughs)"; "447 (1 borough)" when both ends print the same).

    A class no unit falls in is labelled "none".
    """
    values, classes = np.asarray(values, dtype=float), np.asarray(classes)
    if values.shape != classes.shape:
        raise ValueError(f"{values.size} values for {classes.size} class numbers")
    labels = []
    for number in range(k):
        members = values[classes == number]
        if members.size == 0:
            labels.append("none")
            continue
        low, high = fmt.format(members.min()), fmt.format(members.max())
        span = low if low == high else f"{low}–{high}"
        labels.append(f"{span} ({members.size} {units[0] if members.size == 1 else units[1]})")
    return labels


def choropleth(
    ax: Axes,
    frame: gpd.GeoDataFrame,
    column: str,
    *,
    legend_title: str,
    k: int = 5,
    scheme: str = "FisherJenks",
    cmap: str = SEQUENTIAL_CMAP,
    fmt: str = "{:,.0f}",
    units: tuple[str, str] = ("unit", "units"),
    missing_label: str = "no data",
    legend_loc: str = "lower left",
    legend_anchor: tuple[float, float] | None = None,
) -> pd.Series:
    """Colour ``frame`` by ``column`` in ``k`` classes of a mapclassify ``scheme``.

    Units whose value is missing are hatched grey and listed as ``missing_label``. The legend
    (highest class first) labels each class with :func:`class_labels`. Returns each unit's
    class number (``<NA>`` where missing), indexed as ``frame``.
    """
    values = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    known = values.notna().to_numpy()
    if known.sum() < k:
        raise ValueError(f"{int(known.sum())} units with a value cannot fill {k} classes")
    classifier = mapclassify.classify(values[known].to_numpy(), scheme, k=k)
    k = len(classifier.bins)
    classes = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    classes[known] = classifier.yb
    colours = list(class_colours(range(k), cmap, span=(0.18, 0.92)).values())
    labels = class_labels(values[known].to_numpy(), classifier.yb, k, fmt=fmt, units=units)
    handles = []
    for number in range(k):
        rows = frame[(classes == number).fillna(False).to_numpy()]
        if not rows.empty:
            rows.plot(ax=ax, color=colours[number], edgecolor="white", linewidth=0.6)
        handles.append(Patch(facecolor=colours[number], edgecolor="#999999", linewidth=0.4,
                             label=labels[number]))
    handles.reverse()
    if not known.all():
        handles.append(draw_no_data(ax, frame[~known], missing_label, linewidth=0.6))
    ax.legend(handles=handles, title=legend_title, loc=legend_loc, bbox_to_anchor=legend_anchor,
              fontsize=8, title_fontsize=8, alignment="left")
    return classes


# --- map furniture ----------------------------------------------------------------------------

#: Lengths a scale bar may take, in metres.
SCALE_LENGTHS_M = (50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000)


def scale_bar(ax: Axes, length_m: float | None = None, *, loc: str = "lower right",
              fontsize: float = 7.5) -> float:
    """Draw a scale bar on a map in metres (British National Grid) and return its length.

    With ``length_m=None`` the bar takes the length of :data:`SCALE_LENGTHS_M` nearest a
    fifth of the axes' width (call after setting the limits). Labelled "500 m" or "2 km", on a
    translucent white box so it reads over any colour.
    """
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    if length_m is None:
        target = abs(x1 - x0) / 5
        length_m = min(SCALE_LENGTHS_M, key=lambda n: (abs(np.log(n / target)), n))
    if length_m <= 0:
        raise ValueError("a scale bar needs a positive length")
    label = f"{length_m / 1000:g} km" if length_m >= 1000 else f"{length_m:g} m"
    bar = AnchoredSizeBar(ax.transData, length_m, label, loc, pad=0.3, borderpad=0.5, sep=2,
                          frameon=True, size_vertical=abs(y1 - y0) / 250, color="#222222",
                          fontproperties=FontProperties(size=fontsize))
    bar.patch.set(facecolor="white", alpha=0.8, edgecolor="none")
    ax.add_artist(bar)
    return float(length_m)


def numbered_points(ax: Axes, x: Iterable[float], y: Iterable[float], labels: Iterable[object],
                    *, fontsize: float = 7.5, offset: tuple[float, float] = (0, 0)) -> None:
    """Write each label in a small white circle at (x, y), shifted by ``offset`` points
    (e.g. the numbers of a table's rows on a map)."""
    for xi, yi, label in zip(x, y, labels, strict=True):
        ax.annotate(str(label), (xi, yi), xytext=offset, textcoords="offset points",
                    ha="center", va="center", fontsize=fontsize, fontweight="bold",
                    bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "#333333",
                          "lw": 0.6})


def frame_box(ax: Axes, bounds: tuple[float, float, float, float], *, colour: str = ACCENT,
              linewidth: float = 1.2) -> None:
    """Outline the box ``bounds`` = (minx, miny, maxx, maxy), e.g. where an inset zooms in."""
    minx, miny, maxx, maxy = bounds
    if not (minx < maxx and miny < maxy):
        raise ValueError(f"bounds {bounds} are not (minx, miny, maxx, maxy)")
    ax.add_patch(Rectangle((minx, miny), maxx - minx, maxy - miny, fill=False,
                           edgecolor=colour, linewidth=linewidth))


# --- diverging classes, continuous values, locator, small multiples -----------------------


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
        handle = draw_no_data(ax, frame[missing], f"{missing_label} ({int(missing.sum()):,})",
                              linewidth=linewidth)
        if legend:
            ax.legend(handles=[handle], loc="lower right", fontsize=7)
    bar = ax.figure.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, orientation="horizontal",
                             fraction=0.04, pad=0.02, shrink=0.6)
    bar.set_label(label, fontsize=8)
    bar.ax.tick_params(labelsize=7)


def locator(ax: Axes, outline: gpd.GeoSeries, bounds: tuple[float, float, float, float], *,
            rect: tuple[float, float, float, float] = (0.0, 0.0, 0.3, 0.3)) -> Axes:
    """A small map of ``outline`` (e.g. London) in an inset of ``ax`` at ``rect`` (axes
    fraction: x, y, width, height) with the box ``bounds`` outlined: where a zoom lies."""
    inset = ax.inset_axes(rect)
    draw_polygons(inset, outline, facecolor="#eeeeee", edgecolor="#888888", linewidth=0.4)
    frame_box(inset, bounds, linewidth=1.0)
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.set_aspect("equal")
    for spine in inset.spines.values():
        spine.set_edgecolor("#bbbbbb")
    return inset


def gi_panels(
    frame: gpd.GeoDataFrame,
    results: Mapping[str, LocalResult],
    *,
    id_column: str,
    subtitle: Callable[[LocalResult], str],
    legend_title: str,
    note: str,
    lines: gpd.GeoSeries | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    outline: gpd.GeoSeries | None = None,
    anchors: gpd.GeoDataFrame | None = None,
    background: gpd.GeoSeries | None = None,
    ncols: int = 4,
    panel_size: tuple[float, float] = (4.0, 3.6),
) -> Figure:
    """One Gi* map per result (title: its key; ``subtitle(result)`` under it), a scale bar on
    each, one shared legend (every class drawn somewhere, with "No data" hatched) and ``note``
    in the last cell.

    ``bounds`` zooms every panel to (minx, miny, maxx, maxy) (units outlined in white) and,
    with ``outline``, adds a locator map beside the legend; ``lines`` (e.g. borough
    boundaries) and ``anchors`` (place labels, :func:`label_places`) are drawn on every
    panel. With ``background`` (the area the units cover, e.g. London's outline) that area is
    drawn once in the "Not Significant" colour and only the other units on top: the same
    map, far fewer polygons.
    """
    n = len(results) + 1
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size[0] * ncols,
                                                      panel_size[1] * nrows))
    shown = frame if bounds is None else frame.cx[bounds[0]:bounds[2], bounds[1]:bounds[3]]
    drawn: set[str] = set()
    for ax, (name, result) in zip(axes.flat, results.items(), strict=False):
        units = shown
        if background is not None:
            draw_polygons(ax, background, facecolor=GI_COLOURS["Not Significant"])
            drawn.add("Not Significant")
            units = shown[_labels_for(shown, result, id_column) != "Not Significant"]
        handles = gi_map(ax, units, result, id_column=id_column, legend=False, rasterized=True,
                         edgecolor="white" if bounds is not None else "none",
                         linewidth=0.2 if bounds is not None else 0.0)
        drawn |= {h.get_label().rsplit(" (", 1)[0] for h in handles}
        if lines is not None:
            draw_lines(ax, lines, color="#555555", linewidth=0.5 if bounds else 0.25)
        if anchors is not None:
            label_places(ax, anchors, fontsize=6.5)
        if bounds is not None:
            ax.set_xlim(bounds[0], bounds[2])
            ax.set_ylim(bounds[1], bounds[3])
        map_axes(ax, name)
        scale_bar(ax, loc="lower right", fontsize=6.5)
        ax.text(0.0, -0.01, subtitle(result), transform=ax.transAxes, fontsize=8,
                color="#333333", va="top")
    for ax in axes.flat[len(results):]:
        ax.set_axis_off()
    last = axes.flat[-1]
    colours = {k: c for k, c in GI_COLOURS.items() if k in drawn}
    class_legend(last, colours, title=legend_title, loc="upper left", fontsize=7.5,
                 title_fontsize=8)
    last.text(0.0, 0.42, note, va="top", fontsize=7.5, wrap=True, transform=last.transAxes)
    if bounds is not None and outline is not None:
        locator(last, outline, bounds, rect=(0.62, 0.55, 0.38, 0.45))
    return fig
