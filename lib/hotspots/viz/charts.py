"""Charts shared by several notebooks: forest plots, verdict bars, figure galleries, and the
evaluation charts of notebook 05 (monthly effects, year pairs, evidence panels, dot bands)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

import matplotlib.dates as mdates
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


def _shade_months(ax: Axes, first: pd.Period, last: pd.Period) -> None:
    ax.axvspan(first.to_timestamp(), (last + 1).to_timestamp(), color="#f3d9d5", zorder=0,
               linewidth=0)


def _month_axis(ax: Axes) -> None:
    """Ticks every quarter, labelled like "Jul 25"."""
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %y"))
    ax.tick_params(axis="x", labelsize=8)


def effect_by_month(ax: Axes, table: pd.DataFrame, *, shade: tuple[pd.Period, pd.Period],
                    colour: str, band_label: str = "placebo sets, central 95%") -> None:
    """Monthly estimates (``estimate_pct``, a line with points) over a grey band of placebo
    values (``band_low_pct``..``band_high_pct``); the index holds the months (Periods) and the
    months ``shade`` (first, last) are shaded."""
    when = pd.PeriodIndex(table.index, freq="M").to_timestamp() + pd.Timedelta(days=14)
    _shade_months(ax, *shade)
    ax.fill_between(when, table["band_low_pct"], table["band_high_pct"], color="#dddddd",
                    label=band_label, linewidth=0)
    ax.plot(when, table["estimate_pct"], "-o", color=colour, markersize=3.5, linewidth=1.4,
            label="centres' wards vs comparison wards")
    ax.axhline(0, color="#555555", linewidth=0.8)
    _month_axis(ax)


def month_lines(ax: Axes, table: pd.DataFrame, lines: dict[str, tuple[str, str]], *,
                shade: tuple[pd.Period, pd.Period] | None = None) -> None:
    """One line per column of ``table`` named in ``lines`` (column → (label, colour)); the
    index holds months (Periods); optional shaded months ``shade``."""
    when = pd.PeriodIndex(table.index, freq="M").to_timestamp() + pd.Timedelta(days=14)
    if shade is not None:
        _shade_months(ax, *shade)
    for column, (label, colour) in lines.items():
        ax.plot(when, table[column], color=colour, linewidth=1.6, label=label)
    ax.axhline(0, color="#555555", linewidth=0.8)
    _month_axis(ax)


def year_pair_bars(ax: Axes, pairs: pd.DataFrame, *, colour: str, latest_colour: str) -> None:
    """One bar per year pair (``pair``, ``relative_pct``; ``latest`` pairs in
    ``latest_colour``) with the stable-rate expectation (``expected_relative_pct``) as a
    black tick."""
    x = np.arange(len(pairs))
    ax.set_axisbelow(True)
    colours = np.where(pairs["latest"], latest_colour, colour)
    ax.bar(x, pairs["relative_pct"], color=colours, width=0.7)
    ax.scatter(x, pairs["expected_relative_pct"], marker="_", s=220, color="#222222", zorder=3,
               label="expected from selection alone (stable-rate model)")
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.set_xticks(x, [p.replace(" → ", "→\n") for p in pairs["pair"]], fontsize=7.5)
    ax.grid(axis="x", visible=False)


def evidence_panel(ax: Axes, rows: pd.DataFrame, *, colours: dict[str, str],
                   width: int = 30) -> None:
    """Studies of one outcome type, first row at the top: a published range as a thick bar,
    an estimate as a point (a diamond for pooled reviews, hollow when approximate) and, for a
    row with neither, its ``finding`` as text at the left edge. ``rows``: label, outcome,
    kind, estimate, low, high, approximate, finding; colours by ``kind``; outcomes shortened
    to ``width`` characters."""
    y = np.arange(len(rows))[::-1]
    for yi, (_, row) in zip(y, rows.iterrows(), strict=True):
        colour = colours[row["kind"]]
        if pd.notna(row["low"]) and pd.notna(row["high"]):
            ax.plot([row["low"], row["high"]], [yi, yi], color=colour, linewidth=6,
                    solid_capstyle="butt", alpha=0.6)
        if pd.notna(row["estimate"]):
            marker = "D" if row["kind"].startswith("pooled") else "o"
            ax.plot(row["estimate"], yi, marker, markersize=7, color=colour,
                    markerfacecolor="white" if row["approximate"] else colour)
        elif pd.isna(row["low"]):
            ax.text(0.01, yi, row["finding"], va="center", fontsize=8, color=colour,
                    style="italic", transform=ax.get_yaxis_transform())
    ax.axvline(0, color="#555555", linewidth=0.8)
    labels = [f"{label}\n{textwrap.shorten(outcome, width, placeholder=' …')}"
              for label, outcome in zip(rows["label"], rows["outcome"], strict=True)]
    ax.set_yticks(y, labels, fontsize=7.5)
    ax.grid(axis="y", visible=False)
    ax.set_ylim(-0.7, len(rows) - 0.3)


def dot_band(ax: Axes, rows: pd.DataFrame, *, colour: str, lower: float, upper: float,
             band_label: str, dot_label: str) -> None:
    """One row per ``label`` (first at the top): a grey band ``low``..``high`` and a dot at
    ``value``; values and bands are clipped to ``lower``..``upper`` (a clipped dot is drawn
    hollow)."""
    y = np.arange(len(rows))[::-1]
    low, high = rows["low"].clip(lower, upper), rows["high"].clip(lower, upper)
    ax.barh(y, high - low, left=low, height=0.55, color="#dddddd", label=band_label)
    values = rows["value"].to_numpy(float)
    clipped = (values < lower) | (values > upper)
    shown = np.clip(values, lower, upper)
    ax.plot(shown[~clipped], y[~clipped], "o", color=colour, markersize=6, label=dot_label)
    ax.plot(shown[clipped], y[clipped], "o", color=colour, markerfacecolor="white",
            markersize=6)
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_yticks(y, rows["label"])
    ax.set_xlim(lower, upper)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.grid(axis="y", visible=False)
