"""Classed choropleth maps with readable legends, and a scale bar for maps in metres.

:func:`choropleth` colours polygons by a mapclassify scheme and labels each class with the
range of the values it actually holds ("65–86 (7 boroughs)", or "447 (1 borough)" for a class
of one), so a legend never shows a bin edge that no unit has. Units without a value are
hatched grey. :func:`scale_bar` draws a bar of a round length on an axis in British National
Grid (EPSG:27700, metres).
"""

from __future__ import annotations

import geopandas as gpd
import mapclassify
import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from hotspots.viz.style import SEQUENTIAL_CMAP

MISSING_COLOUR = "#e0e0e0"
MISSING_HATCH = "///"


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


def class_colours(k: int, cmap: str = SEQUENTIAL_CMAP) -> list[str]:
    """``k`` colours from ``cmap``, light to dark, avoiding its palest end (hex strings)."""
    colormap = mpl.colormaps[cmap]
    return [mpl.colors.to_hex(colormap(x)) for x in np.linspace(0.18, 0.92, k)]


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
    colours = class_colours(k, cmap)
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
        frame[~known].plot(ax=ax, color=MISSING_COLOUR, edgecolor="white", linewidth=0.6,
                           hatch=MISSING_HATCH)
        handles.append(Patch(facecolor=MISSING_COLOUR, edgecolor="#999999", linewidth=0.4,
                             hatch=MISSING_HATCH, label=missing_label))
    ax.legend(handles=handles, title=legend_title, loc=legend_loc, bbox_to_anchor=legend_anchor,
              fontsize=8, title_fontsize=8, alignment="left")
    return classes


def scale_bar(ax: Axes, length_m: float = 10_000, *, position: tuple[float, float] = (0.04, 0.04),
              label: str | None = None) -> None:
    """A black-and-white bar ``length_m`` metres long at ``position`` (axes fraction, its left
    end), labelled in km; for maps drawn in a projected CRS in metres (EPSG:27700)."""
    if length_m <= 0:
        raise ValueError("a scale bar needs a positive length")
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    left = x0 + position[0] * (x1 - x0)
    bottom = y0 + position[1] * (y1 - y0)
    height = 0.012 * (y1 - y0)
    half = length_m / 2
    for i, colour in enumerate(("black", "white")):
        ax.add_patch(Rectangle((left + i * half, bottom), half, height, facecolor=colour,
                               edgecolor="black", linewidth=0.6))
    ticks = ((left, "0"), (left + half, f"{half / 1000:g}"),
             (left + length_m, label or f"{length_m / 1000:g} km"))
    for x, text in ticks:
        ax.text(x, bottom + 1.8 * height, text, ha="center", va="bottom", fontsize=8)
