"""Charts that set a claimed number against the data: rolling totals with a reference band,
ranked bars, dumbbells (one unit, two measures) and stacked monthly bars.

Every function draws on an axis it is given and returns nothing; the caller titles and saves
the figure (:func:`hotspots.viz.style.save_figure`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from hotspots.viz.style import ACCENT, HIGHLIGHT, NEUTRAL


def _months(index: pd.Index) -> pd.DatetimeIndex:
    """A monthly PeriodIndex as timestamps (the first of each month) for plotting."""
    return pd.PeriodIndex(index, freq="M").to_timestamp()


def rolling_total_chart(
    ax: Axes,
    totals: pd.DataFrame,
    *,
    reference: float,
    band: tuple[float, float],
    mark: pd.Period,
    reference_label: str,
    band_label: str,
    mark_label: str = "",
    scale: float = 1_000,
) -> None:
    """One line per column of ``totals`` (index: window end months), a dashed ``reference``
    level inside a shaded ``band``, and a dot where each line passes the month ``mark`` (a
    dotted vertical line, labelled ``mark_label`` at its top).

    Values are divided by ``scale`` (thousands by default). Columns are coloured from light
    (first) to dark (last), e.g. vintages oldest to newest.
    """
    if band[0] > reference or band[1] < reference:
        raise ValueError("the band must contain the reference level")
    palette = sns.color_palette("crest", n_colors=len(totals.columns))
    ax.axhspan(band[0] / scale, band[1] / scale, color=HIGHLIGHT, alpha=0.08, linewidth=0,
               label=band_label)
    ax.axhline(reference / scale, color=HIGHLIGHT, linewidth=1.3, linestyle="--",
               label=reference_label)
    when = pd.Period(mark, "M")
    ax.axvline(when.to_timestamp(), color="#555555", linewidth=0.8, linestyle=":")
    if mark_label:
        ax.annotate(mark_label, (when.to_timestamp(), 0.98), xycoords=("data", "axes fraction"),
                    xytext=(-4, 0), textcoords="offset points", ha="right", va="top",
                    fontsize=8, color="#555555")
    for colour, column in zip(palette, totals.columns, strict=True):
        series = totals[column].dropna()
        if series.empty:
            continue
        ax.plot(_months(series.index), series.to_numpy() / scale, color=colour, linewidth=1.8,
                label=str(column))
        if when in series.index:
            ax.plot(when.to_timestamp(), series[when] / scale, "o", color=colour, markersize=6,
                    markeredgecolor="white", zorder=3)


def ranked_bars(
    ax: Axes,
    values: pd.Series,
    *,
    highlight: Iterable[str] = (),
    fmt: str = "{:,.0f}",
    annotate: int | None = None,
    reference: float | None = None,
    reference_label: str = "",
) -> None:
    """Horizontal bars of ``values`` in the order given (first at the top), the ``highlight``
    labels in red and the rest grey, the first ``annotate`` bars (all when ``None``) labelled
    with their value, and an optional dashed vertical ``reference`` line, its
    ``reference_label`` written above the axes."""
    labels = [str(i) for i in values.index]
    marked = {str(h) for h in highlight}
    y = np.arange(len(values))[::-1]
    colours = [HIGHLIGHT if label in marked else NEUTRAL for label in labels]
    ax.barh(y, values.to_numpy(dtype=float), color=colours, height=0.72)
    ax.set_yticks(y, labels)
    ax.grid(axis="y", visible=False)
    ax.set_axisbelow(True)
    shown = len(values) if annotate is None else annotate
    pad = 0.01 * float(np.nanmax(values.to_numpy(dtype=float)))
    for yi, value in list(zip(y, values.to_numpy(dtype=float), strict=True))[:shown]:
        ax.text(value + pad, yi, fmt.format(value), va="center", fontsize=8)
    ax.set_ylim(-0.6, len(values) - 0.4)
    if reference is not None:
        ax.axvline(reference, color="#333333", linewidth=1.1, linestyle="--")
        ax.annotate(reference_label, (reference, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(0, 3), textcoords="offset points", ha="center", va="bottom",
                    fontsize=8, color="#333333")


def dumbbell(
    ax: Axes,
    table: pd.DataFrame,
    left: str,
    right: str,
    *,
    labels: tuple[str, str],
    highlight: Iterable[str] = (),
) -> None:
    """For each row of ``table`` (first at the top) a line from its ``left`` to its ``right``
    value, with a dot for each; rows named in ``highlight`` in red with bold labels."""
    marked = {str(h) for h in highlight}
    y = np.arange(len(table))[::-1]
    for yi, (name, row) in zip(y, table.iterrows(), strict=True):
        strong = str(name) in marked
        ax.plot([row[left], row[right]], [yi, yi], color=HIGHLIGHT if strong else NEUTRAL,
                linewidth=2.2 if strong else 1.4, zorder=1)
    ax.scatter(table[left], y, s=34, color="white", edgecolor=ACCENT, linewidth=1.4, zorder=2,
               label=labels[0])
    ax.scatter(table[right], y, s=34, color=ACCENT, zorder=3, label=labels[1])
    ax.set_yticks(y, [str(i) for i in table.index])
    for tick in ax.get_yticklabels():
        if tick.get_text() in marked:
            tick.set_fontweight("bold")
            tick.set_color(HIGHLIGHT)
    ax.grid(axis="y", visible=False)
    ax.set_ylim(-0.6, len(table) - 0.4)


def stacked_monthly_bars(ax: Axes, table: pd.DataFrame, colours: Mapping[str, str]) -> None:
    """Monthly bars (index: months) stacked in the order of ``colours``' keys, one layer per
    column named there, with a legend of the layers."""
    missing = [c for c in colours if c not in table.columns]
    if missing:
        raise ValueError(f"no column {missing} to stack")
    x = _months(table.index)
    bottom = np.zeros(len(table))
    for column, colour in colours.items():
        heights = table[column].to_numpy(dtype=float)
        ax.bar(x, heights, bottom=bottom, width=25, color=colour, align="edge")
        bottom += heights
    ax.legend(handles=[Patch(facecolor=c, label=name) for name, c in colours.items()],
              loc="upper left", fontsize=8)
    ax.grid(axis="x", visible=False)
