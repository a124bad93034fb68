"""Charts shared by several notebooks: forest plots, verdict bars, figure galleries, ranked
bars and month-by-month comparisons of years."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from hotspots.viz.style import HIGHLIGHT, NEUTRAL, NO_VERDICT_COLOUR, VERDICT_COLOURS


def forest_plot(ax: Axes, rows: pd.DataFrame, *, colours: dict[str, str]) -> None:
    """Horizontal forest plot, first row at the top, coloured by ``group``.

    ``rows``: ``label``, ``group``, ``estimate`` (may be NaN when only a range is known),
    ``low``, ``high``, ``interval`` ("95% CI", "range" or ""). Ranges are drawn as thick bars,
    confidence intervals as thin lines with a point.
    """
    y = np.arange(len(rows))[::-1]
    for yi, (_, row) in zip(y, rows.iterrows(), strict=True):
        colour = colours[row["group"]]
        if pd.notna(row["low"]) and pd.notna(row["high"]):
            width = 5 if row["interval"] == "range" else 1.5
            ax.plot([row["low"], row["high"]], [yi, yi], color=colour, linewidth=width,
                    solid_capstyle="butt", alpha=0.6 if width > 2 else 1.0)
        if pd.notna(row["estimate"]):
            ax.plot(row["estimate"], yi, "o", color=colour, markersize=6)
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_yticks(y, rows["label"])
    ax.grid(axis="y", visible=False)
    ax.set_ylim(-0.7, len(rows) - 0.3)


def tile_figures(paths: Sequence[Path], ncols: int = 3, width: float = 15.0) -> Figure:
    """The PNGs at ``paths`` tiled in a grid, each titled by its file name (no axes)."""
    if not paths:
        raise ValueError("no figures to tile")
    nrows = -(-len(paths) // ncols)
    images = [mpimg.imread(p) for p in paths]
    aspect = max(img.shape[0] / img.shape[1] for img in images)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, width / ncols * aspect * nrows + 0.6),
                             squeeze=False)
    for ax in axes.flat:
        ax.set_axis_off()
    for ax, path, image in zip(axes.flat, paths, images, strict=False):
        ax.imshow(image)
        ax.set_title(Path(path).stem, fontsize=9, loc="center", fontweight="normal")
    return fig


def verdict_bars(ax: Axes, counts: pd.DataFrame) -> None:
    """Horizontal stacked bars of statements per verdict, one bar per section (first at top).

    ``counts``: sections × verdicts, e.g. :func:`hotspots.claims.scorecard.verdicts_by_section`
    (a column of statements with no verdict yet is drawn as an outlined white bar).
    """
    left = np.zeros(len(counts))
    labels = [str(s) for s in counts.index]
    for verdict in counts.columns:
        values = counts[verdict].to_numpy(float)
        ax.barh(labels, values, left=left, label=verdict,
                color=VERDICT_COLOURS.get(verdict, NO_VERDICT_COLOUR),
                edgecolor="white" if verdict in VERDICT_COLOURS else "#555555", linewidth=0.8)
        left += values
    ax.invert_yaxis()
    ax.set_xlabel("statements (one verdict each)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=8)


def ranked_bars(ax: Axes, labels: Sequence[str], values: Sequence[float],
                highlight: Sequence[bool], *, xlabel: str) -> None:
    """Horizontal bars, first item at the top, highlighted items in the highlight colour and
    the rest neutral; each bar's value written at its end (thousands separated)."""
    if not len(labels) == len(values) == len(highlight):
        raise ValueError("labels, values and highlight must have the same length")
    y = np.arange(len(labels))[::-1]
    colours = [HIGHLIGHT if h else NEUTRAL for h in highlight]
    ax.set_axisbelow(True)
    ax.barh(y, values, color=colours)
    ax.set_yticks(y, list(labels))
    for yi, value in zip(y, values, strict=True):
        ax.annotate(f"{value:,.0f}", (value, yi), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=7.5, color="#333333")
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.set_ylim(-0.6, len(labels) - 0.4)


#: Month abbreviations for the x axis of :func:`months_by_year`.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def months_by_year(ax: Axes, table: pd.DataFrame, colours: dict[object, str]) -> None:
    """One line per year across the twelve months: ``table`` has months 1–12 as its index and
    one column per year (missing months are gaps); each line is labelled with its year."""
    if list(table.index) != list(range(1, 13)):
        raise ValueError("the table's index must be the months 1 to 12")
    for year in table.columns:
        values = table[year].astype("float64")
        ax.plot(table.index, values, color=colours[year], linewidth=2.2, marker="o",
                markersize=3.5, label=str(year))
    ax.set_xticks(range(1, 13), MONTHS)
    ax.set_xlim(0.6, 12.4)
    ax.legend(loc="upper left", fontsize=9)
