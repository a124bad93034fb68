"""Charts shared by several notebooks: forest plots, verdict bars, figure galleries, ranked
bars, month-by-month comparisons of years, the data-source charts (source coverage, vintage
revisions, two measures of the same units) and the evaluation charts (monthly effects, year
pairs, evidence panels, dot bands)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from hotspots.viz.style import ACCENT, HIGHLIGHT, NEUTRAL, NO_VERDICT_COLOUR, VERDICT_COLOURS


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
    (a column of statements with no verdict yet is drawn as an outlined white bar). The
    legend sits below the axes, in two columns.
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
    ax.set_axisbelow(True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=8)


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


# --- a claimed number against the data (rolling totals, ranked bars, dumbbells) -----------


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


# --- levels over time from two kinds of source, and changes against a planned figure ----------


def dated_lines(ax: Axes, table: pd.DataFrame, colours: Mapping[str, str], *,
                hollow: pd.Series | None = None) -> None:
    """One line per column named in ``colours`` over the dates of ``table``'s index (gaps
    where a value is missing). Dates flagged in ``hollow`` (e.g. a third party's rounded
    figures) get open markers and a dashed line from the last other point; each line is
    labelled in the legend, and the y axis has thousands separators."""
    missing = [c for c in colours if c not in table.columns]
    if missing:
        raise ValueError(f"no column {missing} to draw")
    flags = (pd.Series(False, index=table.index) if hollow is None
             else hollow.reindex(table.index).fillna(False).astype(bool))
    for column, colour in colours.items():
        series = table[column].dropna()
        if series.empty:
            continue
        open_ = flags.loc[series.index].to_numpy()
        solid = series[~open_]
        ax.plot(solid.index, solid.to_numpy(), color=colour, linewidth=2, marker="o",
                markersize=3.5, label=str(column))
        if open_.any():
            first = int(np.argmax(open_))
            dashed = series.iloc[max(first - 1, 0):]
            ax.plot(dashed.index, dashed.to_numpy(), color=colour, linewidth=1.6,
                    linestyle="--", label=None if len(solid) else str(column))
            ax.plot(series.index[open_], series.to_numpy()[open_], "o", color=colour,
                    markerfacecolor="white", markersize=5, linewidth=0)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.legend(loc="best", fontsize=8)


def stacked_change_bars(
    ax: Axes,
    changes: pd.DataFrame,
    colours: Mapping[str, str],
    *,
    reference: float | None = None,
    reference_label: str = "",
    missing_label: str = "not known",
    fmt: str = "{:+,.0f}",
) -> None:
    """One horizontal bar per row of ``changes`` (first at the top), its parts (the columns
    named in ``colours``) stacked from zero, falls to the left and rises to the right, the net
    change written at the end; parts without a value are named after the bar ("staff
    not known"), a row with none is labelled ``missing_label``. An optional dashed
    ``reference`` line (e.g. a planned cut) is named in the legend as ``reference_label``."""
    missing = [c for c in colours if c not in changes.columns]
    if missing:
        raise ValueError(f"no column {missing} to stack")
    y = np.arange(len(changes))[::-1]
    shown: set[str] = set()
    parts = changes[list(colours)].astype(float)
    for yi, (_, values) in zip(y, parts.iterrows(), strict=True):
        if values.isna().all():
            ax.text(0, yi, f" {missing_label} ", va="center", ha="right", fontsize=8,
                    color="#555555", style="italic")
            continue
        low = high = 0.0
        for column, colour in colours.items():
            value = values[column]
            if np.isnan(value):
                continue
            start = low if value < 0 else high
            ax.barh(yi, value, left=start, height=0.6, color=colour,
                    label=None if column in shown else str(column))
            shown.add(column)
            low, high = (low + value, high) if value < 0 else (low, high + value)
        unknown = [str(c) for c in values.index[values.isna()]]
        note = fmt.format(values.sum()) + (f" ({_and_words(unknown)} not known)"
                                           if unknown else "")
        end = low if abs(low) >= high else high
        ax.text(end, yi, f" {note} ", va="center", ha="right" if end < 0 else "left",
                fontsize=8)
    if reference is not None:
        ax.axvline(reference, color="#333333", linewidth=1.1, linestyle="--",
                   label=reference_label)
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_yticks(y, [str(i) for i in changes.index])
    ax.set_ylim(-0.6, len(changes) - 0.4)
    ax.grid(axis="y", visible=False)
    ax.set_axisbelow(True)
    ax.legend(loc="lower left", fontsize=8)


def _and_words(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
