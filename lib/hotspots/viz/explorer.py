"""The explorable map: one self-contained HTML page where a reader picks a crime type.

:func:`explorer_html` turns a tidy table (one row per unit and crime type, geometry in British
National Grid metres) into a page that needs nothing from the internet: plotly.js is inlined,
the units are drawn as plain filled shapes on cartesian axes (no map tiles, no geo assets),
and a small inline script redraws the map when the reader changes the crime type, the measure
(count, rate per 1,000 residents, hot-spot class) or the layer (wards, LSOAs). Hovering shows a
unit's name, borough and numbers; the legend names the classes of the current selection.

Nothing is computed from the statistics here: counts, rates and hot-spot classes arrive in the
table. Counts and rates are only put into display classes (quintiles of the units shown, so
each colour holds about a fifth of them).

Input contract (:data:`COLUMNS`): a GeoDataFrame in EPSG:27700 with ``unit_code``,
``unit_name``, ``borough``, ``crime_type``, ``count``, ``rate_per_1000`` and
``hot_spot_class``, plus an optional ``layer`` ("ward", "LSOA"; default "ward"). Missing rates
or classes show as "No data".
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib import colormaps
from matplotlib.colors import to_hex
from plotly.offline import get_plotlyjs

from hotspots.stats.spatial import GI_CLASSES
from hotspots.viz.maps import GI_COLOURS
from hotspots.viz.style import NO_DATA_COLOUR, OGL_BOUNDARIES, SEQUENTIAL_CMAP

COLUMNS = ("unit_code", "unit_name", "borough", "crime_type", "count", "rate_per_1000",
           "hot_spot_class")
CRS = "EPSG:27700"
MEASURES = {
    "count": "offences",
    "rate_per_1000": "offences per 1,000 residents",
    "hot_spot_class": "hot-spot class",
}
LAYER_LABELS = {"ward": "Wards (2022)", "LSOA": "LSOAs (2021)"}
SIMPLIFY_METRES = 20.0
CLASSES = 5
NO_DATA = "No data"

DIV_ID = "explorer-map"

# The page's own script: builds one filled trace per class (and one invisible marker trace at
# each unit's inner point for the hover text) from DATA, and redraws on every selection.
SCRIPT = """
const DATA = __DATA__;
const DIV_ID = "__DIV__";
const pick = id => document.getElementById(id);
const number = (v, d) => v === null ? "no data"
  : v.toLocaleString("en-GB", {minimumFractionDigits: d, maximumFractionDigits: d});
function hover(layer, data) {
  const hot = data.views.hot_spot_class;
  return layer.names.map((name, i) =>
    `<b>${name}</b> (${layer.boroughs[i]})<br>${data.label}: ${number(data.count[i], 0)} offences` +
    (data.rate[i] === null ? "" : ` · ${number(data.rate[i], 1)} per 1,000 residents`) +
    `<br>Hot-spot class: ${hot.labels[hot.classes[i]]}`);
}
function draw() {
  const layer = DATA.layers[pick("layer").value];
  const crime = pick("crime").value, data = layer.crimes[crime];
  const view = data.views[pick("measure").value];
  const traces = view.labels.map((label, k) => {
    const x = [], y = [];
    view.classes.forEach((c, i) => {
      if (c === k) { x.push(...layer.x[i], null); y.push(...layer.y[i], null); }
    });
    return {type: "scatter", mode: "lines", fill: "toself", name: label, x: x, y: y,
            fillcolor: view.colours[k], line: {color: "#ffffff", width: 0.4},
            hoverinfo: "skip"};
  });
  traces.push({type: "scatter", mode: "markers", x: layer.px, y: layer.py, showlegend: false,
               text: hover(layer, data), hovertemplate: "%{text}<extra></extra>",
               marker: {size: 6, color: "rgba(0,0,0,0)"}});
  const layout = {
    margin: {l: 0, r: 0, t: 8, b: 0}, hovermode: "closest", dragmode: "pan",
    xaxis: {visible: false}, yaxis: {visible: false, scaleanchor: "x", scaleratio: 1},
    legend: {title: {text: view.title}, traceorder: "reversed", x: 0.01, y: 0.01,
             xanchor: "left", yanchor: "bottom", bgcolor: "rgba(255,255,255,0.85)"},
    plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff",
  };
  Plotly.react(DIV_ID, traces, layout, {responsive: true, scrollZoom: true,
                                          displaylogo: false});
}
["layer", "crime", "measure"].forEach(id => pick(id).addEventListener("change", draw));
draw();
"""

STYLE = """
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; color: #1f2328;
  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.controls { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; padding: 0.5rem 0.8rem;
  background: #f6f8fa; border-bottom: 1px solid #d0d7de; }
.controls label { font-weight: 600; }
.controls select { margin-left: 0.4rem; font: inherit; }
#__DIV__ { flex: 1; min-height: 320px; }
.source { font-size: 12px; color: #57606a; padding: 0.2rem 0.8rem; }
"""


def _check(table: gpd.GeoDataFrame) -> None:
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"the explorer table lacks the columns {', '.join(missing)}")
    if table.crs is None or not table.crs.equals(CRS):
        raise ValueError(f"the explorer table must be in {CRS}, not {table.crs}")
    if table.empty:
        raise ValueError("the explorer table has no rows")
    duplicated = table.duplicated(["layer", "unit_code", "crime_type"])
    if duplicated.any():
        row = table[duplicated].iloc[0]
        raise ValueError(f"{row['layer']} {row['unit_code']} has more than one row for "
                         f"{row['crime_type']}")


def _rings(geometry: shapely.Geometry) -> tuple[list, list]:
    """x and y of every ring (exteriors counter-clockwise, holes clockwise), rounded to whole
    metres, rings separated by ``None``."""
    xs: list = []
    ys: list = []
    geometry = shapely.orient_polygons(geometry)
    for polygon in getattr(geometry, "geoms", [geometry]):
        for ring in (polygon.exterior, *polygon.interiors):
            coords = np.rint(np.asarray(ring.coords)).astype(int)
            if xs:
                xs.append(None)
                ys.append(None)
            xs.extend(coords[:, 0].tolist())
            ys.extend(coords[:, 1].tolist())
    return xs, ys


def _number(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def _range(low: float, high: float, decimals: int) -> str:
    low_text, high_text = _number(low, decimals), _number(high, decimals)
    return low_text if low_text == high_text else f"{low_text}–{high_text}"


def _numeric_view(values: pd.Series, decimals: int) -> dict:
    """Quintile classes of ``values`` (missing: "No data"), labelled "low–high".

    The breaks are values of the data (``inverted_cdf`` quantiles) and each class holds the
    values above the previous break up to its own. Whole numbers (``decimals=0``) are labelled
    from the next whole number up ("3–4" after "1–2"); a class of one value shows it alone.
    """
    known = values.dropna().to_numpy(dtype=float)
    breaks = (np.unique(np.quantile(known, np.linspace(0, 1, CLASSES + 1),
                                    method="inverted_cdf")) if known.size else np.array([]))
    if len(breaks) == 1:
        breaks = np.repeat(breaks, 2)
    classes = np.where(values.isna(), -1,
                       np.searchsorted(breaks[1:-1], values.fillna(0).to_numpy(), side="left"))
    step = 1 if decimals == 0 else 0
    labels = [_range(low + (step if k else 0), high, decimals)
              for k, (low, high) in enumerate(zip(breaks[:-1], breaks[1:], strict=True))]
    cmap = colormaps[SEQUENTIAL_CMAP]
    colours = [to_hex(cmap(0.15 + 0.8 * k / max(len(labels) - 1, 1))) for k in range(len(labels))]
    return _with_no_data(classes, labels, colours)


def _class_view(values: pd.Series) -> dict:
    """One class per hot-spot label, in Gi* order and colours when they are Gi* classes."""
    present = list(dict.fromkeys(values.dropna()))
    if set(present) <= set(GI_CLASSES):
        labels = [c for c in GI_CLASSES if c in present]
        colours = [GI_COLOURS[c] for c in labels]
    else:
        labels = sorted(present)
        palette = colormaps["tab10"]
        colours = [to_hex(palette(k % 10)) for k in range(len(labels))]
    index = {label: k for k, label in enumerate(labels)}
    classes = np.array([index.get(v, -1) if pd.notna(v) else -1 for v in values])
    return _with_no_data(classes, labels, colours)


def _with_no_data(classes: np.ndarray, labels: list[str], colours: list[str]) -> dict:
    if (classes < 0).any():
        classes = np.where(classes < 0, len(labels), classes)
        labels, colours = [*labels, NO_DATA], [*colours, NO_DATA_COLOUR]
    return {"classes": classes.astype(int).tolist(), "labels": labels, "colours": colours}


def _values(values: pd.Series, decimals: int) -> list:
    return [None if pd.isna(v) else round(float(v), decimals) for v in values]


def _layer_data(table: gpd.GeoDataFrame, crimes: Sequence[str]) -> dict:
    units = (table.drop_duplicates("unit_code").sort_values("unit_code")
             .reset_index(drop=True))
    geometry = shapely.coverage_simplify(units.geometry.to_numpy(), SIMPLIFY_METRES)
    rings = [_rings(g) for g in geometry]
    points = shapely.get_coordinates(
        shapely.point_on_surface(geometry)).round().astype(int)
    crime_data = {}
    for crime in crimes:
        rows = (table[table["crime_type"] == crime].set_index("unit_code")
                .reindex(units["unit_code"]).reset_index())
        views = {"count": _numeric_view(rows["count"], 0),
                 "rate_per_1000": _numeric_view(rows["rate_per_1000"], 1),
                 "hot_spot_class": _class_view(rows["hot_spot_class"])}
        for measure, view in views.items():
            view["title"] = f"<b>{html.escape(crime)}</b><br>{MEASURES[measure]}"
        crime_data[crime] = {"label": html.escape(crime), "views": views,
                             "count": _values(rows["count"], 0),
                             "rate": _values(rows["rate_per_1000"], 1)}
    return {"names": [html.escape(str(n)) for n in units["unit_name"]],
            "boroughs": [html.escape(str(b)) for b in units["borough"]],
            "x": [r[0] for r in rings], "y": [r[1] for r in rings],
            "px": points[:, 0].tolist(), "py": points[:, 1].tolist(), "crimes": crime_data}


def _select(name: str, label: str, options: Sequence[tuple[str, str]]) -> str:
    items = "".join(f'<option value="{html.escape(v, quote=True)}">{html.escape(t)}</option>'
                    for v, t in options)
    hidden = ' hidden' if len(options) < 2 else ""
    return f'<label{hidden}>{html.escape(label)}<select id="{name}">{items}</select></label>'


def explorer_html(table: gpd.GeoDataFrame, *, title: str = "Explore the map",
                  source: str = OGL_BOUNDARIES) -> str:
    """The explorable map of ``table`` (see the module's input contract) as one HTML page."""
    table = table.copy()
    if "layer" not in table.columns:
        table["layer"] = "ward"
    _check(table)
    crimes = list(dict.fromkeys(table["crime_type"]))
    known = list(LAYER_LABELS)  # wards first, whatever the order of the rows
    layers = sorted(dict.fromkeys(table["layer"]),
                    key=lambda v: (known.index(v) if v in known else len(known), str(v)))
    data = {"layers": {layer: _layer_data(table[table["layer"] == layer], crimes)
                       for layer in layers}}
    controls = "".join((
        _select("crime", "Crime type", [(c, c) for c in crimes]),
        _select("measure", "Show", list(MEASURES.items())),
        _select("layer", "Units", [(v, LAYER_LABELS.get(v, v)) for v in layers]),
    ))
    payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
    script = SCRIPT.replace("__DATA__", payload).replace("__DIV__", DIV_ID)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE.replace('__DIV__', DIV_ID)}</style>\n"
        f"<script>{get_plotlyjs()}</script>\n</head>\n<body>\n"
        f'<div class="controls">{controls}</div>\n<div id="{DIV_ID}"></div>\n'
        f'<div class="source">{html.escape(source)}</div>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
