"""Charts shared by several notebooks: forest plots, verdict bars, figure galleries, ranked
bars, month-by-month comparisons of years, and the data-source charts (source coverage, vintage
revisions, two measures of the same units)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

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


def identity_scatter(
    ax: Axes, x: pd.Series, y: pd.Series, groups: pd.Series, colours: dict[str, str], *,
    band_pct: float = 5.0, labels: pd.Series | None = None, legend_title: str = "",
) -> None:
    """Log–log scatter of two measures of the same units, coloured by ``groups``, with the
    line of equality and dashed lines ``band_pct`` % either side.

    ``x``, ``y``, ``groups`` (and ``labels``, text for the points to name, empty or NaN for
    the rest) share one index. Groups are drawn in reverse ``colours`` order, so the first
    group lies on top; the legend lists them in ``colours`` order. Points with a value of 0
    cannot sit on log axes and are left out. Named points get their label on the side away
    from the equality line.
    """
    shown = (x > 0) & (y > 0)
    x, y, groups = x[shown], y[shown], groups[shown]
    low, high = float(min(x.min(), y.min())) / 1.5, float(max(x.max(), y.max())) * 1.5
    line = np.array([low, high])
    ax.plot(line, line, color="#333333", linewidth=0.9, label="equal", zorder=1)
    for factor in (1 + band_pct / 100, 1 - band_pct / 100):
        ax.plot(line, line * factor, color="#333333", linewidth=0.7, linestyle="--", zorder=1,
                label=f"±{band_pct:g}%" if factor > 1 else None)
    for order, (group, colour) in enumerate(colours.items()):
        chosen = (groups == group).to_numpy()
        if chosen.any():
            ax.scatter(x[chosen], y[chosen], s=16, color=colour, alpha=0.9, linewidths=0.3,
                       edgecolors="white", label=f"{group} ({int(chosen.sum())})",
                       zorder=2 + len(colours) - order)
    if labels is not None:
        named = labels[shown].dropna()
        for rank, (unit, text) in enumerate(named[named != ""].items()):
            above = y[unit] > x[unit]
            offset = (-6, 6 if rank % 2 == 0 else -10) if above else (6, -4)
            ax.annotate(text, (x[unit], y[unit]), xytext=offset, textcoords="offset points",
                        ha="right" if above else "left", fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_aspect("equal")
    thousands = FuncFormatter(lambda value, _: f"{value:,.0f}")
    ax.xaxis.set_major_formatter(thousands)
    ax.yaxis.set_major_formatter(thousands)
    ax.legend(title=legend_title, fontsize=7.5, title_fontsize=8, loc="upper left")


def revision_chart(ax: Axes, revised: pd.DataFrame, colours: Sequence[str]) -> None:
    """Each release's change to the months it shares with the release before it.

    ``revised``: :func:`hotspots.stats.revisions.release_revisions` (earlier, later, month,
    revision_pct, complete). One line per pair of releases; filled markers for months that
    were complete in the earlier release, hollow ones for its last months (not yet complete).
    """
    pairs = revised[["earlier", "later"]].drop_duplicates().itertuples(index=False)
    for (earlier, later), colour in zip(pairs, colours, strict=False):
        rows = revised[(revised["earlier"] == earlier) & (revised["later"] == later)]
        when = rows["month"].dt.to_timestamp()
        ax.plot(when, rows["revision_pct"], color=colour, linewidth=1.2,
                label=f"{later} release vs {earlier}")
        done = rows["complete"].to_numpy()
        ax.scatter(when[done], rows["revision_pct"][done], s=14, color=colour, zorder=3)
        ax.scatter(when[~done], rows["revision_pct"][~done], s=22, facecolor="white",
                   edgecolor=colour, linewidth=1.2, zorder=3)
    ax.scatter([], [], s=14, color="#555555", label="month complete in the earlier release")
    ax.scatter([], [], s=22, facecolor="white", edgecolor="#555555", linewidth=1.2,
               label="month not yet complete in the earlier release")
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.set_ylabel("change from the earlier release (%)")
    ax.legend(fontsize=8, loc="upper left")


def coverage_chart(ax: Axes, coverage: pd.DataFrame, groups: Sequence[str],
                   colours: dict[str, str]) -> None:
    """Which months each source holds: one row per source (first at the top), a bar over each
    run of covered months, coloured by the source's group (one legend entry per group).

    ``coverage``: sources × months of booleans (:func:`hotspots.stats.revisions.month_coverage`);
    ``groups``: the group of each row, a key of ``colours``.
    """
    months = pd.PeriodIndex(coverage.columns, freq="M")
    starts = months.to_timestamp(how="start")
    ends = (months + 1).to_timestamp(how="start")
    seen = set()
    for row, (covered, group) in enumerate(zip(coverage.to_numpy(bool), groups, strict=True)):
        y = len(coverage) - 1 - row
        edges = np.flatnonzero(np.diff(np.r_[0, covered.astype(int), 0]))
        for first, stop in zip(edges[::2], edges[1::2], strict=True):
            ax.barh(y, ends[stop - 1] - starts[first], left=starts[first], height=0.6,
                    color=colours[group], label=None if group in seen else group)
            seen.add(group)
    ax.set_yticks(range(len(coverage))[::-1], coverage.index)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(starts[0], ends[-1])
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.legend(fontsize=8, loc="lower left")
