"""The units of the hot-spot notebooks (03, 04) and their counts: one function per layer.

Every layer function returns a :class:`Layer`: the units (a GeoDataFrame in EPSG:27700 with
``unit_code``, ``unit_name``, ``borough``, ``geometry``) and one count column per crime type,
with **NaN where a unit has no data** (never 0): the City of London's 6 LSOAs, 25 wards and
borough in the Met's files, which the City of London Police, not the Met, records.

- Met recorded crime (:data:`MET_TYPES`, the Met's minor categories): :func:`lsoas` (the
  4,994 LSOAs of 2021, Met LSOA file), :func:`wards` (the 704 wards of December 2022, Met ward
  file with Heathrow Villages' code restored by :func:`with_ward_codes`), :func:`boroughs`.
- police.uk records (the third-party 100 m hexagon extract, May 2025 - April 2026, Met and City
  of London Police, police.uk's categories): anti-social behaviour on the Met layers above
  (each hexagon to the unit holding its centre), and every type on :func:`squares` (a square
  grid over London) and :func:`hexagons` (the hexagon lattice itself, empty cells included).
- Unit x month matrices for notebook 04: :func:`met_months` (LSOAs or wards) and
  :func:`hex_months` (police.uk, onto any layer's units), summed by :func:`period_sums`.
- :func:`layer_weights`: each layer's neighbours under the hot-spot policy; the 2022 wards and
  the boroughs stop at mean high water, so they get links across the Thames
  (:func:`tidal_water`).

:func:`proxy_counts` and :func:`with_ward_codes` (also used by notebook 02) sum a Met table
over a window and restore ward codes the loader leaves out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from hotspots.analyses import cached
from hotspots.crimes import CRIME_TYPES, HOT_SPOT_TYPES, met_minors
from hotspots.geo import assign, grids
from hotspots.geo.crs import BNG
from hotspots.geo.grids import HEX_GRID
from hotspots.io import boundaries, met
from hotspots.io import police_uk_extracts as extracts
from hotspots.months import MonthSpan
from hotspots.stats.spatial import WeightsSpec, distance_band, hot_spot_weights
from hotspots.stats.spatial.policy import WATER_GAP

AREA_KEYS = ["area_code", "area_name", "borough"]
ASB = "anti-social behaviour"
#: The Met's crime types (its recorded-crime files hold no anti-social behaviour).
MET_TYPES = HOT_SPOT_TYPES
#: Every type the hot-spot notebooks test: the Met's six and anti-social behaviour.
TYPES = (*MET_TYPES, ASB)
#: The Met LSOA file starts in March 2024: the twelve months closest to calendar 2024.
YEAR_1 = MonthSpan("2024-03", "2025-02")
YEAR_2 = MonthSpan("2025-03", "2026-02")
#: The months of the third-party police.uk hexagon extract.
HEX_SPAN = MonthSpan("2025-05", "2026-04")
#: The Met ward and borough vintage used for the LSOA file's months (the one notebook 02 uses).
MET_VINTAGE = "2025-12"
UNIT_COLUMNS = ["unit_code", "unit_name", "borough", "geometry"]
NO_MET_DATA = "City of London: no Met data (City of London Police)"


@dataclass(frozen=True)
class Layer:
    """A set of units and their counts per crime type (NaN: no data for that unit).

    ``counts`` is indexed by ``unit_code`` in ``units`` order; ``sources`` and ``periods`` say
    where each column comes from; ``notes`` record what was left out and why.
    """

    key: str
    label: str
    units: gpd.GeoDataFrame
    counts: pd.DataFrame
    sources: Mapping[str, str]
    periods: Mapping[str, MonthSpan]
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if list(self.units.columns) != UNIT_COLUMNS or self.units.crs is None or (
                not self.units.crs.equals(BNG)):
            raise ValueError(f"units need the columns {UNIT_COLUMNS}, in EPSG:27700")
        if not self.counts.index.equals(pd.Index(self.units["unit_code"], name="unit_code")):
            raise ValueError("counts must be indexed by the units' codes, in order")
        if set(self.counts.columns) != set(self.sources) or set(self.sources) != set(self.periods):
            raise ValueError("every count column needs a source and a period")
        if (self.counts < 0).any().any():
            raise ValueError("counts cannot be negative")

    @property
    def n(self) -> int:
        return len(self.units)

    @property
    def types(self) -> list[str]:
        return list(self.counts.columns)

    def values(self, crime: str) -> pd.Series:
        """The counts of ``crime`` by unit code (NaN: no data)."""
        return self.counts[crime]

    def summary(self) -> pd.DataFrame:
        """One row per crime type: units, units with and without data, total, source, months."""
        return pd.DataFrame({
            "units": self.n,
            "with data": self.counts.notna().sum(),
            "no data (left out)": self.counts.isna().sum(),
            "total": self.counts.sum().round().astype("int64"),
            "source": pd.Series(self.sources),
            "months": pd.Series({c: str(p) for c, p in self.periods.items()}),
        }).rename_axis(f"{self.label}: crime type")


# --- Met tables ---------------------------------------------------------------------------


def proxy_counts(
    table: pd.DataFrame,
    first: str | pd.Period,
    last: str | pd.Period,
    proxies: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """One row per area of a tidy Met table, one column per proxy: counts in ``first``…``last``.

    ``proxies`` maps a name to the Met minor categories it adds up (default: the phone-theft
    proxies, :func:`hotspots.crimes.met_minors`). Every area of the table is kept (areas
    without such rows count 0; rows with a missing code, e.g. the airport, are kept with
    ``area_code`` <NA>), sorted by code with <NA> last. Raises ``ValueError`` when the table
    mixes vintages, lacks a month of the window or lacks one of the proxies' categories.
    """
    proxies = met_minors() if proxies is None else proxies
    if table["vintage"].nunique() != 1:
        raise ValueError("table mixes vintages; count one vintage at a time")
    months = pd.period_range(first, last, freq="M")
    missing = months.difference(pd.PeriodIndex(table["month"].unique(), freq="M"))
    if len(missing):
        raise ValueError(f"window {first}…{last} lacks month(s) {', '.join(map(str, missing))}")
    in_window = table["month"].isin(months).to_numpy()
    wanted = sorted({minor for minors in proxies.values() for minor in minors})
    absent = sorted(set(wanted) - set(table["minor"].unique()))
    if absent:
        raise ValueError(f"categories not in the table: {absent}")
    rows = table.loc[in_window & table["minor"].isin(wanted).to_numpy(),
                     [*AREA_KEYS, "minor", "count"]]
    by_minor = (
        rows.groupby([*AREA_KEYS, "minor"], dropna=False)["count"].sum()
        .unstack("minor", fill_value=0)
        .reindex(columns=wanted, fill_value=0)
    )
    areas = table.loc[in_window, AREA_KEYS].drop_duplicates().set_index(AREA_KEYS)
    by_minor = by_minor.reindex(areas.index, fill_value=0)
    out = pd.DataFrame({name: by_minor[list(m)].sum(axis=1) for name, m in proxies.items()})
    out = out.astype("int64").reset_index()
    return out.sort_values(["area_code", "area_name"], na_position="last").reset_index(drop=True)


def with_ward_codes(counts: pd.DataFrame, wards: pd.DataFrame) -> pd.DataFrame:
    """:func:`proxy_counts` rows with the codes the ward file lists restored, one row a code.

    :func:`hotspots.io.met.load_counts` gives ``<NA>`` codes to rows filed under a name that is
    not a borough (Heathrow Villages, filed under "Aviation Security (SO18)");
    ``wards`` (:func:`hotspots.io.met.ward_list`) keeps them. Rows sharing a code are added up
    (their boroughs joined with ", "); rows whose (name, borough) the list lacks keep
    ``<NA>``. Sorted as :func:`proxy_counts`.
    """
    table = counts.assign(area_code=listed_codes(counts, wards))
    coded, uncoded = table[table["area_code"].notna()], table[table["area_code"].isna()]
    merged = coded.groupby(["area_code", "area_name"], as_index=False).agg(
        {"borough": lambda b: ", ".join(sorted(set(b))), **{p: "sum" for p in counts.columns
                                                           if p not in AREA_KEYS}})
    out = pd.concat([merged, uncoded], ignore_index=True)[list(counts.columns)]
    return out.sort_values(["area_code", "area_name"], na_position="last").reset_index(drop=True)


def listed_codes(rows: pd.DataFrame, wards: pd.DataFrame) -> pd.Series:
    """Each row's ``area_code``, the missing ones filled from the ward list ``wards``
    (:func:`hotspots.io.met.ward_list`) by (``area_name``, ``borough``); <NA> if not listed."""
    listed = wards.dropna(subset=["area_code"]).drop_duplicates(
        ["area_name", "borough"]).set_index(["area_name", "borough"])["area_code"]
    keys = pd.MultiIndex.from_frame(rows[["area_name", "borough"]])
    found = pd.Series(listed.reindex(keys).to_numpy(), index=rows.index, dtype="string")
    return rows["area_code"].astype("string").fillna(found)


def type_minors(table: pd.DataFrame, types: Sequence[str] = MET_TYPES
                ) -> dict[str, tuple[str, ...]]:
    """The Met minor categories each crime type adds up in ``table``: its own minors, every
    minor of its major category (burglary), or every minor (all crime)."""
    out = {}
    for label in types:
        crime = CRIME_TYPES[label]
        if crime.met_minors:
            out[label] = crime.met_minors
        else:
            rows = crime.select_met(table)
            out[label] = tuple(sorted(rows["minor"].unique()))
        if not out[label]:
            raise ValueError(f"no Met categories for {label!r} in the table")
    return out


def _met_counts(table: pd.DataFrame, span: MonthSpan, types: Sequence[str]) -> pd.DataFrame:
    """:func:`proxy_counts` of every crime type in ``span`` (rows: areas, codes as listed)."""
    return proxy_counts(table, span.first, span.last, type_minors(table, types))


def _on_units(counts: pd.DataFrame, units: gpd.GeoDataFrame, types: Sequence[str], what: str
              ) -> pd.DataFrame:
    """Area counts (``area_code`` rows) on every unit: NaN for units the table does not list.

    An area code that is not a unit raises ``ValueError``; rows without a code are left out
    (the caller reports them).
    """
    coded = counts.dropna(subset=["area_code"]).set_index("area_code")
    unknown = sorted(set(coded.index) - set(units["unit_code"]))
    if unknown:
        raise ValueError(f"{what} codes that are not units: {unknown[:5]}")
    frame = coded[list(types)].astype(float).reindex(pd.Index(units["unit_code"],
                                                              name="unit_code"))
    frame.columns.name = None
    return frame


# --- police.uk hexagon extract -----------------------------------------------------------------


def _hex_rows(span: MonthSpan) -> pd.DataFrame:
    """The hexagon extract's rows in ``span``."""
    hexes = extracts.load_hex_counts()
    missing = span.periods.difference(pd.PeriodIndex(hexes["month"].unique(), freq="M"))
    if len(missing):
        raise ValueError(f"the hexagon extract lacks month(s) {', '.join(map(str, missing))}")
    return hexes[span.mask(hexes["month"])].reset_index(drop=True)


def police_uk_source(crime: str) -> str:
    """How a crime type is read from police.uk: its category, and how it differs."""
    note = CRIME_TYPES[crime].police_uk_note
    return "police.uk hexagon extract" + (f" ({note})" if note and crime != ASB else "")


def hex_totals(span: MonthSpan = HEX_SPAN, types: Sequence[str] = TYPES) -> pd.DataFrame:
    """Records per hexagon (rows: every cell with a record in ``span``) and crime type, with
    the cell's ``x``, ``y`` (BNG centre); police.uk categories (:class:`CrimeType`)."""
    rows = _hex_rows(span)
    cells = rows.groupby(["hex_q", "hex_r"])[["x", "y"]].first()
    for label in types:
        selected = CRIME_TYPES[label].select_police_uk(rows)
        cells[label] = selected.groupby(["hex_q", "hex_r"])["crime_count"].sum().reindex(
            cells.index, fill_value=0).astype(float)
    return cells.reset_index()


def _hex_on_units(cells: pd.DataFrame, units: gpd.GeoDataFrame, types: Sequence[str]
                  ) -> tuple[pd.DataFrame, pd.Series]:
    """Hexagon counts summed into the unit holding each hexagon's centre (0 for units without
    one), and the records per type whose centre lies in no unit."""
    unit = assign.points_in_polygons(cells["x"], cells["y"], units, "unit_code")
    inside = unit.notna().to_numpy()
    sums = cells.loc[inside, list(types)].groupby(unit[inside].to_numpy()).sum()
    frame = sums.reindex(pd.Index(units["unit_code"], name="unit_code"), fill_value=0.0)
    return frame.astype(float), cells.loc[~inside, list(types)].sum()


def _outside_note(outside: pd.Series, label: str) -> str:
    parts = ", ".join(f"{k}: {int(v):,}" for k, v in outside.items())
    return (f"{int(outside.sum()):,} police.uk records in hexagons centred outside the "
            f"{label} left out ({parts})")


# --- the layers ------------------------------------------------------------------------------


def _units(frame: gpd.GeoDataFrame, code: str, name: str, borough: str) -> gpd.GeoDataFrame:
    units = frame.rename(columns={code: "unit_code", name: "unit_name", borough: "borough"})
    return gpd.GeoDataFrame(units[UNIT_COLUMNS].reset_index(drop=True), crs=BNG)


def lsoas(span: MonthSpan = YEAR_1, *, asb_span: MonthSpan = HEX_SPAN) -> Layer:
    """The 4,994 LSOAs of 2021 with the Met's counts in ``span`` (NaN: the City's six) and
    police.uk anti-social behaviour in ``asb_span`` (each hexagon to the LSOA holding its
    centre)."""
    units = _units(boundaries.lsoas_2021(), "lsoa_code", "lsoa_name", "borough_name")
    counts = _on_units(_met_counts(met.load_lsoa_counts(), span, MET_TYPES), units,
                       MET_TYPES, "Met LSOA")
    asb, outside = _hex_on_units(hex_totals(asb_span, (ASB,)), units, (ASB,))
    counts[ASB] = asb[ASB]
    sources = {c: f"Met LSOA counts (vintage {met.LSOA_VINTAGE})" for c in MET_TYPES}
    return Layer("lsoa", "2021 LSOAs", units, counts,
                 {**sources, ASB: police_uk_source(ASB)},
                 {**dict.fromkeys(MET_TYPES, span), ASB: asb_span},
                 (_outside_note(outside, "2021 LSOAs"),))


def wards(span: MonthSpan = YEAR_1, *, vintage: str = MET_VINTAGE,
          asb_span: MonthSpan = HEX_SPAN) -> Layer:
    """The 704 wards of December 2022 with the Met's ward counts in ``span`` (Heathrow
    Villages' code restored from the ward list; NaN: the City's 25 wards) and police.uk
    anti-social behaviour in ``asb_span`` (hexagons by centre)."""
    units = _units(boundaries.wards_2022(), "ward_code", "ward_name", "borough_name")
    table = with_ward_codes(_met_counts(met.load_counts("ward", vintage), span, MET_TYPES),
                            met.ward_list(vintage))
    uncoded = int(table.loc[table["area_code"].isna(), list(MET_TYPES)].sum().sum())
    counts = _on_units(table, units, MET_TYPES, "Met ward")
    asb, outside = _hex_on_units(hex_totals(asb_span, (ASB,)), units, (ASB,))
    counts[ASB] = asb[ASB]
    sources = {c: f"Met ward counts (vintage {vintage})" for c in MET_TYPES}
    notes = (f"{uncoded:,} Met ward offences (all types) without a ward code left out",
             _outside_note(outside, "2022 wards"))
    return Layer("ward", "2022 wards", units, counts, {**sources, ASB: police_uk_source(ASB)},
                 {**dict.fromkeys(MET_TYPES, span), ASB: asb_span}, notes)


def boroughs(span: MonthSpan = YEAR_1, *, vintage: str = MET_VINTAGE,
             asb_span: MonthSpan = HEX_SPAN) -> Layer:
    """The 33 boroughs with the Met's borough counts in ``span`` (NaN: the City; rows that are
    not a borough, e.g. "Unknown" or the airports, left out and counted) and police.uk
    anti-social behaviour in ``asb_span``."""
    shapes = boundaries.boroughs()
    units = _units(shapes.assign(borough=shapes["borough_name"]), "borough_code",
                   "borough_name", "borough")
    table = _met_counts(met.load_counts("borough", vintage), span, MET_TYPES)
    not_borough = table.loc[table["area_code"].isna(), "all crime"].sum()
    counts = _on_units(table, units, MET_TYPES, "Met borough")
    asb, outside = _hex_on_units(hex_totals(asb_span, (ASB,)), units, (ASB,))
    counts[ASB] = asb[ASB]
    sources = {c: f"Met borough counts (vintage {vintage})" for c in MET_TYPES}
    notes = (f"{int(not_borough):,} offences in rows that are not a borough (unknown place, "
             "airports) left out", _outside_note(outside, "boroughs"))
    return Layer("borough", "boroughs", units, counts, {**sources, ASB: police_uk_source(ASB)},
                 {**dict.fromkeys(MET_TYPES, span), ASB: asb_span}, notes)


def squares(size: float = 500.0, span: MonthSpan = HEX_SPAN, types: Sequence[str] = TYPES
            ) -> Layer:
    """A square grid of ``size`` metres over London (cells meeting the outline) with police.uk
    counts in ``span``: each hexagon to the square holding its centre."""
    grid = grids.square_grid(boundaries.london_outline(), size)
    units = gpd.GeoDataFrame({"unit_code": grid["cell_id"].astype(str).to_numpy(),
                              "unit_name": [f"{size:g} m square {c}" for c in grid["cell_id"]],
                              "borough": pd.NA, "geometry": grid.geometry.to_numpy()}, crs=BNG)
    cells = hex_totals(span, types)
    cell = assign.points_in_grid(cells["x"], cells["y"], grid, size)
    inside = cell.notna().to_numpy()
    sums = cells.loc[inside, list(types)].groupby(cell[inside].astype(str).to_numpy()).sum()
    counts = sums.reindex(pd.Index(units["unit_code"], name="unit_code"), fill_value=0.0)
    outside = cells.loc[~inside, list(types)].sum()
    return Layer(f"square{size:g}", f"{size:g} m squares", units, counts.astype(float),
                 {c: police_uk_source(c) for c in types}, dict.fromkeys(types, span),
                 (_outside_note(outside, f"{size:g} m squares"),))


def hexagons(span: MonthSpan = HEX_SPAN, types: Sequence[str] = TYPES) -> Layer:
    """Every 100 m hexagon of the extract's lattice with its centre in London (about 60,600
    cells of 2.6 ha, empty ones included) and its police.uk counts in ``span``."""
    lattice = HEX_GRID.cells_over(boundaries.london_outline())
    codes = (lattice["hex_q"].astype(str) + "," + lattice["hex_r"].astype(str)).to_numpy()
    units = gpd.GeoDataFrame({"unit_code": codes, "unit_name": [f"hexagon {c}" for c in codes],
                              "borough": pd.NA,
                              "geometry": HEX_GRID.polygons(lattice["x"], lattice["y"])},
                             crs=BNG)
    cells = hex_totals(span, types)
    keys = pd.MultiIndex.from_frame(lattice[["hex_q", "hex_r"]])
    indexed = cells.set_index(["hex_q", "hex_r"])
    counts = indexed[list(types)].reindex(keys, fill_value=0.0)
    counts.index = pd.Index(codes, name="unit_code")
    outside = indexed.loc[~indexed.index.isin(keys), list(types)].sum()
    return Layer("hexagon", "100 m hexagons", units, counts.astype(float),
                 {c: police_uk_source(c) for c in types}, dict.fromkeys(types, span),
                 (_outside_note(outside, "London hexagons"),))


def police_uk_counts(layer: Layer, span: MonthSpan = HEX_SPAN, types: Sequence[str] = TYPES
                     ) -> Layer:
    """The same units with every crime type counted from the police.uk hexagon extract in
    ``span`` (each hexagon to the unit holding its centre; police.uk covers the City, so no
    unit lacks data): one source and period at every scale."""
    counts, outside = _hex_on_units(hex_totals(span, types), layer.units, types)
    return Layer(f"{layer.key}-police-uk", layer.label, layer.units, counts,
                 {c: police_uk_source(c) for c in types}, dict.fromkeys(types, span),
                 (_outside_note(outside, layer.label),))


# --- neighbours ------------------------------------------------------------------------------


@cache
def tidal_water() -> shapely.Geometry:
    """The tidal Thames (and London's other tidal water) as one polygon: the area the 2021
    LSOAs cover (they run to the river's centre line) and the boroughs, clipped at mean high
    water, do not (about 21 km²)."""
    full = shapely.coverage_union_all(boundaries.lsoas_2021().geometry.to_numpy())
    return shapely.difference(full, boundaries.london_outline(close_thames=False))


#: Layers whose boundaries stop at mean high water, so the Thames is a gap between units.
CLIPPED_AT_MHW = ("ward", "borough")


def layer_weights(layer: Layer) -> WeightsSpec:
    """The hot-spot policy's neighbours of a layer (binary, as Gi* uses them).

    Queen contiguity (:func:`~hotspots.stats.spatial.hot_spot_weights`); for layers clipped at
    mean high water (:data:`CLIPPED_AT_MHW`) also links across less than 300 m of the tidal
    Thames; for the hexagon lattice the six surrounding cells (centres within 1.05 cell
    spacings: the drawn hexagons only approximate the lattice's, so they need not touch).
    """
    key = layer.key.removesuffix("-police-uk")
    units = layer.units[["unit_code", "geometry"]]
    if key == "hexagon":
        centres = gpd.GeoDataFrame({"unit_code": layer.units["unit_code"]},
                                   geometry=layer.units.geometry.centroid, crs=BNG)
        band = 1.05 * HEX_GRID.spacing
        return cached.neighbour_lists("hexagon", units, {"band": band}, lambda: distance_band(
            centres, band, transform="B", id_column="unit_code"))
    water = tidal_water() if key in CLIPPED_AT_MHW else None
    params = {"water": None if water is None else water.wkb, "max_gap": WATER_GAP}
    return cached.neighbour_lists("policy", units, params, lambda: hot_spot_weights(
        units, id_column="unit_code", water=water, max_gap=WATER_GAP))


# --- unit x month matrices (notebook 04) --------------------------------------------------------


def unit_month_matrix(
    table: pd.DataFrame, units: Sequence[str], months: pd.PeriodIndex
) -> pd.DataFrame:
    """Counts as a units x months frame (``area_code`` x ``month``), zeros where no row.

    Rows whose ``area_code`` is missing (e.g. the Met's airport rows) are left out; a code not
    in ``units`` raises ``ValueError`` (a unit set that does not match the data).
    """
    unit_index = pd.Index(units, name="area_code")
    has_code = table["area_code"].notna().to_numpy()
    unit_pos = unit_index.get_indexer(table["area_code"])
    unknown = has_code & (unit_pos < 0)
    if unknown.any():
        shown = sorted(set(table.loc[unknown, "area_code"]))[:3]
        raise ValueError(f"{int(unknown.sum())} row(s) have area codes not among the units, "
                         f"e.g. {shown}")
    month_pos = pd.PeriodIndex(months).get_indexer(table["month"])
    keep = has_code & (month_pos >= 0)
    cells = unit_pos[keep] * len(months) + month_pos[keep]
    totals = np.bincount(cells, weights=table["count"].to_numpy()[keep],
                         minlength=len(unit_index) * len(months))
    return pd.DataFrame(totals.reshape(len(unit_index), len(months)).round().astype("int64"),
                        index=unit_index, columns=months)


def period_sums(matrix: pd.DataFrame, periods: Mapping[str, MonthSpan | tuple[str, str]]
                ) -> pd.DataFrame:
    """Sum a units x months frame over named spans (a :class:`MonthSpan` or inclusive
    ``(first, last)`` months): units x periods; rows without data (all NaN) stay NaN."""
    sums = {}
    for name, months in periods.items():
        span = months if isinstance(months, MonthSpan) else MonthSpan(*months)
        missing = span.periods.difference(matrix.columns)
        if len(missing):
            raise ValueError(f"period {name!r} needs months not in the matrix: {list(missing)}")
        sums[name] = matrix[span.periods].sum(axis=1, min_count=1)
    return pd.DataFrame(sums, index=matrix.index)


def met_months(layer: Layer, span: MonthSpan, types: Sequence[str] = MET_TYPES, *,
               vintage: str = MET_VINTAGE) -> dict[str, pd.DataFrame]:
    """Met counts per unit x month of ``span`` for an LSOA or ward :class:`Layer` (rows in the
    layer's order; NaN rows: the units the layer has no Met data for)."""
    if layer.key == "lsoa":
        table = met.load_lsoa_counts()
    elif layer.key == "ward":
        table = met.load_counts("ward", vintage)
        table = table.assign(area_code=listed_codes(table, met.ward_list(vintage)))
    else:
        raise ValueError(f"Met monthly counts exist for LSOAs and wards, not {layer.key!r}")
    no_data = layer.counts[MET_TYPES[0]].isna().to_numpy()
    out = {}
    for label in types:
        matrix = unit_month_matrix(CRIME_TYPES[label].select_met(table),
                                   layer.units["unit_code"].tolist(), span.periods)
        matrix = matrix.astype(float)
        matrix.loc[no_data] = np.nan
        matrix.index.name = "unit_code"
        out[label] = matrix
    return out


def hex_months(layer: Layer, span: MonthSpan = HEX_SPAN, types: Sequence[str] = (ASB,)
               ) -> dict[str, pd.DataFrame]:
    """police.uk counts per unit x month of ``span`` (each hexagon to the unit holding its
    centre; police.uk covers the City, so no unit lacks data)."""
    rows = _hex_rows(span)
    centres = rows.groupby(["hex_q", "hex_r"])[["x", "y"]].first()
    unit = assign.points_in_polygons(centres["x"], centres["y"], layer.units, "unit_code")
    unit.index = centres.index
    out = {}
    for label in types:
        selected = CRIME_TYPES[label].select_police_uk(rows)
        codes = unit.reindex(pd.MultiIndex.from_frame(selected[["hex_q", "hex_r"]]))
        table = pd.DataFrame({"area_code": codes.to_numpy(), "month": selected["month"].to_numpy(),
                              "count": selected["crime_count"].to_numpy()})
        matrix = unit_month_matrix(table, layer.units["unit_code"].tolist(), span.periods)
        matrix.index.name = "unit_code"
        out[label] = matrix.astype(float)
    return out
