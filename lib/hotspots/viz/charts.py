"""Charts shared by several notebooks: forest plots, verdict bars, figure galleries."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from hotspots.viz.style import NO_VERDICT_COLOUR, VERDICT_COLOURS


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
