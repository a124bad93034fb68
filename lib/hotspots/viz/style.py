"""The house style for figures, and the one function that saves them.

Every figure carries a title, labelled axes with units and a source line, and is written to
``figures/NN_short_name.png`` (and ``.svg`` on request) with no timestamps in the file, so a
re-run produces the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from hotspots.claims import verdicts
from hotspots.config import figures_dir

# Colour roles: highlighted (the article's subject), neutral context, hot and cold.
HIGHLIGHT = "#c0392b"
NEUTRAL = "#9aa5b1"
ACCENT = "#1f5f8b"
HOT = "#d7301f"
COLD = "#2c7fb8"
SEQUENTIAL_CMAP = "OrRd"
#: Units without data (e.g. the City of London in the Met's files): light grey, hatched.
NO_DATA_COLOUR = "#f2f2f2"
NO_DATA_EDGE = "#888888"
NO_DATA_HATCH = "////"

OGL_POLICE = "Source: data.police.uk (OGL v3.0)"
OGL_MET = "Source: Metropolitan Police Service via London Datastore (OGL v3.0)"
OGL_BOUNDARIES = "Contains National Statistics and OS data © Crown copyright and database right"

STYLE = {
    "figure.figsize": (9.0, 5.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 10,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e5e5e5",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "svg.hashsalt": "london-hotspots",
    "svg.fonttype": "none",
}


def use_house_style() -> None:
    """Apply the house style to matplotlib (idempotent)."""
    mpl.rcParams.update(STYLE)


def save_figure(fig: Figure, name: str, source: str, *, svg: bool = False) -> None:
    """Add the source line, save ``figures/<name>.png`` (and ``.svg``), and close the figure.

    Returns ``None`` so that a notebook cell ending with this call prints nothing.
    """
    fig.text(0.01, 0.005, source, fontsize=7.5, color="#555555", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    out = figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    formats = {"png": {"Software": None}}
    if svg:
        formats["svg"] = {"Date": None, "Creator": None}
    for suffix, metadata in formats.items():
        buffer = io.BytesIO()
        with mpl.rc_context({"svg.hashsalt": "london-hot-spots"}):  # SVG ids: the same each run
            fig.savefig(buffer, format=suffix, metadata=metadata)
        _write_if_changed(out / f"{name}.{suffix}", buffer.getvalue())
    plt.show()
    plt.close(fig)


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` unless ``path`` holds it already (a rerun leaves unchanged figures, and
    their modification times, alone)."""
    if not (path.is_file() and path.read_bytes() == data):
        path.write_bytes(data)


def map_axes(ax: plt.Axes, title: str) -> None:
    """Style an axis holding a map in British National Grid (no ticks, equal aspect)."""
    ax.set_title(title)
    ax.set_axis_off()
    ax.set_aspect("equal")


#: One colour per verdict: greens for agreement, red and orange for the two ways of failing,
#: teal for the article's own arithmetic, and two clearly different neutrals for the two
#: kinds of "no check": violet-grey (open data exist elsewhere) and grey (no open data).
VERDICT_COLOURS = {
    verdicts.REPRODUCED: "#1a7f37",
    verdicts.CLOSE: "#8cc265",
    verdicts.CONTRADICTED: "#c0392b",
    verdicts.UNSUPPORTED: "#e67e22",
    verdicts.ARITHMETIC_CONSISTENT: "#2a9d8f",
    verdicts.NOT_CHECKED_HERE: "#8e7cc3",
    verdicts.NOT_CHECKABLE: "#9aa5b1",
}
NO_VERDICT_COLOUR = "#ffffff"
