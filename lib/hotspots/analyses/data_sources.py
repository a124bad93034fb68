"""Notebook 00 (data sources): what data there is, where it comes from, what it covers, what is
missing, whether the Met's LSOA and ward products agree, and how much its vintages revise."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version

import geopandas as gpd
import numpy as np
import pandas as pd

from hotspots.article import STATEMENTS
from hotspots.config import data_dir
from hotspots.io import boundaries, met, police_uk, police_uk_extracts, populations, reference
from hotspots.io import workforce as home_office
from hotspots.io.files import text_stream
from hotspots.months import MonthSpan
from hotspots.stats import revisions

# --- the sources --------------------------------------------------------------------------

OGL = "OGL v3.0"
OGL_OS = "OGL v3.0; contains OS data © Crown copyright and database right"
MET_PUBLISHER = "Metropolitan Police Service (London Datastore)"
POLICE_UK_PUBLISHER = "Home Office, data.police.uk"


@dataclass(frozen=True)
class Source:
    """One table the notebooks read: who publishes it and how it is held here.

    ``vintage`` is the publisher's reference date, or empty when the table's ``vintage``
    column gives it; ``time`` names the column of months or dates (None: no time);
    ``unit`` the column naming the areas or units counted, described by ``unit_label``.
    """

    key: str
    name: str
    publisher: str
    licence: str
    held_as: str
    load: Callable[[], pd.DataFrame]
    vintage: str = ""
    time: str | None = "month"
    unit: str | None = None
    unit_label: str = ""


SOURCES: tuple[Source, ...] = (
    Source("met_borough", "Met recorded crime by borough", MET_PUBLISHER, OGL,
           "publisher's CSVs (Historical + 24 months), one folder per vintage",
           lambda: met.load_all_vintages("borough"), unit="area_code", unit_label="boroughs"),
    Source("met_ward", "Met recorded crime by ward (2022 wards)", MET_PUBLISHER, OGL,
           "publisher's CSVs (24 months), one folder per vintage",
           lambda: met.load_all_vintages("ward"), unit="area_code", unit_label="wards"),
    Source("met_ward_historical", "Met recorded crime by ward, historical", MET_PUBLISHER, OGL,
           "third-party Parquet conversion of the publisher's CSV (fenneh/london-crime-data)",
           met.load_ward_historical, unit="area_code", unit_label="wards"),
    Source("met_lsoa", "Met recorded crime by LSOA (2021 LSOAs)", MET_PUBLISHER, OGL,
           "third-party Parquet conversion of the publisher's CSV (fenneh/london-crime-data)",
           met.load_lsoa_counts, unit="area_code", unit_label="LSOAs"),
    Source("city_street", "Street-level crime, City of London Police", POLICE_UK_PUBLISHER,
           OGL, "archive CSVs, one a month", lambda: police_uk.load_street(
               forces=("city-of-london",)), "newest archive release of each month",
           unit="lsoa_code", unit_label="LSOAs"),
    Source("met_burglary", "Street-level crime, Met, burglary only", POLICE_UK_PUBLISHER, OGL,
           "third-party copy of the archive CSVs filtered to burglary",
           police_uk.load_burglary_subset, "archive releases (one copy a month)",
           unit="lsoa_code", unit_label="LSOAs"),
    Source("stop_search", "Stop and search, Met", POLICE_UK_PUBLISHER, OGL,
           "archive CSVs, one a month", police_uk.load_stop_search,
           "archive releases (one copy a month)"),
    Source("charing_cross", "Street-level crime within 1 mile of Charing Cross (API)",
           POLICE_UK_PUBLISHER, OGL, "third-party download of the API (one month)",
           police_uk_extracts.load_charing_cross_api, "API reply, committed 2026-05-30"),
    Source("lsoa_panel", "Street-level crime counted by LSOA and month", POLICE_UK_PUBLISHER,
           OGL, "derived by a third party from the API (not original rows)",
           police_uk_extracts.load_lsoa_month_panel, "API replies, committed 2026-08-20",
           unit="lsoa_code", unit_label="LSOAs"),
    Source("hex_counts", "Street-level crime counted by 100 m hexagon and month",
           POLICE_UK_PUBLISHER, OGL, "derived by a third party from the archive CSVs "
           "(not original rows)", police_uk_extracts.load_hex_counts,
           "archive releases, committed 2026-06-26"),
    Source("boroughs", "London boroughs", "GLA / ONS (Statistical GIS Boundary Files)",
           OGL_OS, "publisher's shapefile", boundaries.boroughs, "2011 (unchanged since)",
           None, "borough_code", "boroughs"),
    Source("wards_2014", "Wards before May 2014 (not used: replaced by the 2022 wards)",
           "GLA / ONS (Statistical GIS Boundary Files)", OGL_OS, "publisher's shapefile",
           boundaries.wards_2014, "2002–2014 ward set", None, "ward_code", "wards"),
    Source("lsoas_2011", "2011 LSOAs with Census 2011 residents",
           "GLA / ONS (Statistical GIS Boundary Files)", OGL_OS, "publisher's shapefile",
           boundaries.lsoas_2011, "Census 2011", None, "lsoa_code", "LSOAs"),
    Source("lsoas_2021", "2021 LSOAs", "GLA / ONS (Statistical GIS Boundary Files 2021)",
           OGL_OS, "publisher's shapefiles, one a borough", boundaries.lsoas_2021,
           "December 2021", None, "lsoa_code", "LSOAs"),
    Source("wards_2022", "2022 wards (WD22, generalised to 200 m)",
           "ONS Open Geography Portal", OGL_OS,
           "the ONS feature service's GeoJSON, via an R data package", boundaries.wards_2022,
           "December 2022", None, "ward_code", "wards"),
    Source("lookup", "LSOA 2021 → ward 2022 best-fit lookup", "GLA (ONS best-fit method)",
           OGL, "CSV of the publisher's R file", boundaries.lsoa_ward_lookup, "2021 → 2022",
           None, "lsoa_code", "LSOAs"),
    Source("census_boroughs", "Census 2021 usual residents by borough (TS007A)", "ONS", OGL,
           "publisher's CSV (Nomis bulk download)", populations.census2021_boroughs,
           "21 March 2021", None, "borough_code", "boroughs"),
    Source("census_lsoa", "Census 2021 usual residents by LSOA (TS007A)", "ONS", OGL,
           "publisher's CSV (Nomis bulk download)", populations.census2021_lsoa,
           "21 March 2021", None, "lsoa_code", "LSOAs"),
    Source("odwp", "Census 2021 place of work by place of residence (ODWP01EW)", "ONS", OGL,
           "publisher's CSV (ONS data-visualisation team's repository)",
           populations.odwp_flows, "21 March 2021", None),
    Source("mid2020", "Mid-2020 population estimates by LSOA (old series)", "ONS", OGL,
           "third-party London extract in broad age bands", populations.mid2020_lsoa,
           "30 June 2020", None, "lsoa_code", "2011 LSOAs"),
    Source("workforce", "Police workforce open data table", "Home Office", OGL,
           "publisher's ODS (release of 26 July 2023)", home_office.workforce_table,
           "31 March 2007 … 2023", "date", "force", "forces"),
    Source("workforce_derived", "Officers and PCSOs, September 2024 – September 2025",
           "third party, from Home Office tables", OGL,
           "third-party CSV, FTE rounded, Kent missing", home_office.derived_frontline,
           "30 Sep 2024 … 30 Sep 2025", "date", "force", "forces"),
    Source("hotspot_centres", "The Met's 20 hot-spot centres tied to 2022 wards",
           "this project, from press reports (press-facts A1, A2, C1)", "—",
           "reference table typed in (data/reference)",
           lambda: reference.read_hotspot_centres(wards=boundaries.wards_2022()), "2025",
           None, "centre", "centres"),
)


def load_sources(sources: Sequence[Source] = SOURCES) -> dict[str, pd.DataFrame]:
    """Every source table, by key, read through its loader (which fills the load ledger)."""
    return {source.key: source.load() for source in sources}


def source_table(tables: Mapping[str, pd.DataFrame],
                 sources: Sequence[Source] = SOURCES) -> pd.DataFrame:
    """One row per source: name, publisher, licence, held as, vintage, period, units, rows.

    ``period`` is the first and last month (or date) in the table, or the publisher's
    reference date; ``units`` counts the distinct areas, and for Met tables names the rows
    filed outside any area (``area_code`` missing: "Unknown", the airports, Heathrow Villages).
    """
    rows = []
    for source in sources:
        table = tables[source.key]
        rows.append({"source": source.name, "publisher": source.publisher,
                     "licence": source.licence, "held as": source.held_as,
                     "vintage": _vintages(table) if not source.vintage else source.vintage,
                     "period": _period(table, source.time, source.vintage),
                     "units": _units(table, source), "rows": len(table)})
    return pd.DataFrame(rows).set_index("source")


def _vintages(table: pd.DataFrame) -> str:
    return ", ".join(sorted(table["vintage"].unique()))


def _period(table: pd.DataFrame, column: str | None, vintage: str) -> str:
    if column is None:
        return vintage
    first, last = table[column].min(), table[column].max()
    if isinstance(first, pd.Timestamp):
        return f"{first:%d %b %Y} … {last:%d %b %Y} ({table[column].nunique()} dates)"
    return f"{first} … {last} ({table[column].nunique()} months)"


def _units(table: pd.DataFrame, source: Source) -> str:
    if source.unit is None:
        return ""
    text = f"{table[source.unit].nunique():,} {source.unit_label}"
    if source.unit == "area_code" and table[source.unit].isna().any():
        outside = sorted(table.loc[table[source.unit].isna(), "borough"].unique())
        text += "; rows filed outside a borough: " + "; ".join(outside)
    return text


COVERAGE_GROUPS = ("Met counts", "data.police.uk")
COVERAGE_ROWS = {
    # source key -> (row label, group)
    "met_ward_historical": ("Met ward, historical", COVERAGE_GROUPS[0]),
    "met_lsoa": ("Met LSOA, vintage 2026-02", COVERAGE_GROUPS[0]),
    "city_street": ("City of London street records", COVERAGE_GROUPS[1]),
    "met_burglary": ("Met burglary street records", COVERAGE_GROUPS[1]),
    "stop_search": ("Met stop and search", COVERAGE_GROUPS[1]),
    "charing_cross": ("1 mile around Charing Cross", COVERAGE_GROUPS[1]),
    "lsoa_panel": ("LSOA × month counts (third party)", COVERAGE_GROUPS[1]),
    "hex_counts": ("100 m hexagon counts (third party)", COVERAGE_GROUPS[1]),
}


def coverage_table(tables: Mapping[str, pd.DataFrame],
                   since: str = "2022-01") -> tuple[pd.DataFrame, list[str]]:
    """Months held by each crime source from ``since`` (each Met vintage on its own row), and
    each row's group (:data:`COVERAGE_GROUPS`), for :func:`hotspots.viz.charts.coverage_chart`.
    """
    months: dict[str, pd.Series] = {}
    groups: list[str] = []
    for key, label in (("met_borough", "Met borough"), ("met_ward", "Met ward")):
        for vintage, rows in tables[key].groupby("vintage", sort=True):
            months[f"{label}, vintage {vintage}"] = rows["month"]
            groups.append(COVERAGE_GROUPS[0])
    for key, (label, group) in COVERAGE_ROWS.items():
        months[label] = tables[key]["month"]
        groups.append(group)
    coverage = revisions.month_coverage(months)
    return coverage.loc[:, coverage.columns >= pd.Period(since, "M")], groups


LEDGER_GROUPS = (
    # (prefix of the ledger's source name, group, what one row is)
    ("met_datastore/", "Met counts", "a cell: area × category × month"),
    ("police.uk", "data.police.uk", "a crime, a search or a count"),
    ("geography/", "boundaries and lookups", "a feature or lookup row"),
    ("population/", "populations", "an area or a flow"),
    ("workforce/", "workforce", "a force × sex × rank × worker type"),
)


def ledger_table(reports: pd.DataFrame) -> pd.DataFrame:
    """The load ledger (:func:`hotspots.io.ledger.load_reports`) grouped and ordered for reading.

    Adds the group, what one row is, and the share dropped; sorted by group, then source, so
    the order does not depend on the order sources were loaded (or on the cache).
    """
    groups = {prefix: (i, group, unit) for i, (prefix, group, unit) in enumerate(LEDGER_GROUPS)}
    found = [next((groups[p] for p in groups if s.startswith(p)), (len(groups), "other", ""))
             for s in reports.index]
    table = reports.copy()
    table.insert(0, "group", [g for _, g, _ in found])
    table.insert(1, "a row is", [u for _, _, u in found])
    table["% dropped"] = (100 * table["rows dropped"] / table["rows read"]).round(2)
    order = np.lexsort((table.index.to_numpy(dtype=str), [i for i, _, _ in found]))
    columns = ["group", "a row is", "files", "rows read", "rows kept", "rows dropped",
               "% dropped", "dropped, by reason"]
    return table.iloc[order][columns]


# --- what is missing ----------------------------------------------------------------------

NOT_IN_FOLDER = "open data, not in the data folder"
NO_OPEN_DATA = "no open data exist"


@dataclass(frozen=True)
class Gap:
    """Data a check would need that the data folder lacks; ``publisher`` empty when no open
    data exist. ``statements`` are the catalogue's ids of the statements it blocks."""

    data: str
    publisher: str
    needed_for: str
    statements: tuple[str, ...]

    @property
    def status(self) -> str:
        return NOT_IN_FOLDER if self.publisher else NO_OPEN_DATA


GAPS: tuple[Gap, ...] = (
    Gap("Mid-year population estimates by local authority, mid-2021 … mid-2024 "
        "(Census-2021-based)", "ONS",
        "a 2024 crime rate per resident", ("westminster-rate-per-1000",)),
    Gap("Daytime population by borough, with tourists and visitors (London Datastore)", "GLA",
        "a rate per person present in the day; a footfall explanation",
        ("westminster-footfall-explanation",)),
    Gap("Town Centre Boundaries and the Central Activities Zone (London Datastore)", "GLA",
        "counting crime inside named town centres rather than their wards",
        ("tier-1-town-centres", "tier-2-town-centres", "press-centres-share-theft-person",
         "press-centres-share-asb", "press-centres-crime-down-18pct")),
    Gap("Full Met street-level crime files, every month (metropolitan-street.csv)",
        "Home Office, data.police.uk",
        "point counts of every crime type in any area (only burglary, one month near Charing "
        "Cross and third-party counts are here)",
        ("tier-1-town-centres", "tier-2-town-centres", "press-centres-share-theft-person",
         "press-centres-share-asb", "press-centres-crime-down-18pct")),
    Gap("British Transport Police street-level crime", "British Transport Police, "
        "data.police.uk", "crime at stations and on the railway",
        ("night-time-patrols-transport-hubs",)),
    Gap("Police workforce open data table by function (neighbourhood policing)", "Home Office",
        "officers in neighbourhood teams", ("neighbourhood-teams-constrained",)),
    Gap("Police workforce tables after March 2023 (police staff in 2024 and 2025)",
        "Home Office", "the staff part of the Met's cut (officers and PCSOs are here)",
        ("staffing-cuts-1700",)),
    Gap("What was stolen (a phone flag on crime records)", "",
        "counting phone thefts", ("phone-thefts-2024", "west-end-thefts-13578")),
    Gap("The value of stolen goods", "", "losses in pounds", ("phone-theft-losses",)),
    Gap("The Met's hot-spot outlines, its list of 32 and how it chose them", "",
        "counting crime in the Met's own hot spots",
        ("hot-spots-defined-micro-areas", "top-32-town-centres", "data-led-hotspot-selection")),
    Gap("Police operations, deployments and arrests by operation", "",
        "checking what an operation did",
        ("vigilant-verona-deployments", "vigilant-verona-arrests", "operation-nightingale")),
    Gap("A knife flag on small-area crime counts", "", "knife crime in town centres",
        ("press-centres-share-knife-crime",)),
    Gap("Offender identifiers", "", "counting repeat offences",
        ("hotspot-policing-reduced-repeat-offences",)),
)


def missing_data(gaps: Sequence[Gap] = GAPS) -> pd.DataFrame:
    """The gaps as a table: data, status, publisher, needed for, statements blocked;
    open data not in the folder first."""
    table = pd.DataFrame([{"data": g.data, "status": g.status, "publisher": g.publisher or "—",
                           "needed for": g.needed_for, "statements": len(g.statements)}
                          for g in gaps])
    table = table.sort_values("status", key=lambda s: s != NOT_IN_FOLDER, kind="stable")
    return table.set_index("data")


def catalogue_gaps() -> pd.DataFrame:
    """The datasets the statement catalogue names as open but not in the folder, by statement.

    Columns: statement_id, dataset, publisher (from :mod:`hotspots.article`'s ``Unchecked``).
    """
    rows = [{"statement_id": s.statement_id, "dataset": s.unchecked.dataset,
             "publisher": s.unchecked.publisher}
            for s in STATEMENTS if s.unchecked is not None and s.unchecked.dataset]
    return pd.DataFrame(rows)


KEY_PACKAGES = ("numpy", "pandas", "geopandas", "libpysal", "esda")


def package_versions(packages: Iterable[str] = KEY_PACKAGES) -> pd.DataFrame:
    """The installed version of each package, in the order given."""
    return pd.DataFrame({"version": [version(p) for p in packages]},
                        index=pd.Index(list(packages), name="package"))


# --- the Met's wards and the 2022 boundaries ----------------------------------------------


def ward_join_summary(join: pd.DataFrame) -> pd.DataFrame:
    """:func:`hotspots.io.boundaries.ward_code_join` counted by status and note."""
    table = join.assign(note=join["note"].replace("", "—")).groupby(
        ["status", "note"], sort=True).size().rename("wards")
    return table.reset_index()


def lookup_checks(lookup: pd.DataFrame, wards: pd.DataFrame, overlap: pd.DataFrame,
                  lsoa_counts: pd.DataFrame, outside: float | None = None) -> pd.Series:
    """Checks of the LSOA → ward best-fit lookup, as labelled figures.

    ``overlap`` from :func:`lsoa_ward_overlap`; ``lsoa_counts`` the Met's LSOA table. An LSOA
    straddles when at least ``outside`` (default :data:`STRADDLE_OUTSIDE`) of its area lies
    outside its best-fit ward (on the 200 m-generalised ward outlines).
    """
    outside = STRADDLE_OUTSIDE if outside is None else outside
    per_ward = lookup.groupby("ward_code").size()
    met_wards = wards.loc[~wards["city"], "ward_code"]
    city_wards = wards.loc[wards["city"], "ward_code"]
    share = overlap.drop_duplicates("lsoa_code").set_index("lsoa_code")["ward_share"]
    in_file = set(lsoa_counts["area_code"])
    absent = lookup[~lookup["lsoa_code"].isin(in_file)]
    return pd.Series(dtype=object, data={
        "LSOAs in the lookup (each once)": len(lookup),
        "wards given at least one LSOA": int(per_ward.size),
        "Met wards given no LSOA": int((~met_wards.isin(per_ward.index)).sum()),
        "City of London wards given no LSOA": int((~city_wards.isin(per_ward.index)).sum()),
        "LSOAs per Met ward: fewest": int(per_ward.reindex(met_wards).min()),
        "LSOAs per Met ward: median": float(per_ward.reindex(met_wards).median()),
        "LSOAs per Met ward: most": int(per_ward.reindex(met_wards).max()),
        "LSOAs whose ward is in another borough": int(
            (lookup["borough_code"] != lookup["ward_code"].map(
                wards.set_index("ward_code")["borough_code"])).sum()),
        f"LSOAs with {outside:.0%} or more of their area outside their ward": int(
            (share <= 1 - outside).sum()),
        "lookup LSOAs not in the Met's LSOA file": len(absent),
        "… of which in the City of London": int(absent["city"].sum()),
    })


MET_WARD = "ward with Met counts"
SO18_WARD = "filed under 'Aviation Security (SO18)'"
WARD_CLASSES = (MET_WARD, SO18_WARD)


def ward_status(wards: pd.DataFrame, join: pd.DataFrame) -> pd.Series:
    """Each 2022 ward's class for the ward map: :data:`MET_WARD`, :data:`SO18_WARD` (the Met
    files it under a name that is not its borough) or <NA> (no Met counts: the City's wards).
    ``join`` from :func:`hotspots.io.boundaries.ward_code_join`."""
    both = join[join["status"] == "both"].set_index("ward_code")
    other = both.index[both["same_borough"] == False]  # noqa: E712 (a nullable boolean)
    status = pd.Series(pd.NA, index=wards.index, dtype="string", name="status")
    status[wards["ward_code"].isin(both.index).to_numpy()] = MET_WARD
    status[wards["ward_code"].isin(other).to_numpy()] = SO18_WARD
    return status


# --- do the Met's LSOA and ward counts agree? ----------------------------------------------

STRADDLE_OUTSIDE = 0.25
MIN_SHARE = 0.01


@dataclass(frozen=True)
class WardAgreement:
    """The Met's LSOA counts summed to 2022 wards, against its ward counts.

    ``table``: one row per ward (see :func:`lsoa_ward_agreement`); ``summary``: labelled
    figures; ``largest``: the wards with the largest absolute differences; ``months``: the
    months compared.
    """

    table: pd.DataFrame
    summary: pd.Series
    largest: pd.DataFrame
    months: MonthSpan


def lsoa_ward_overlap(
    lsoas: gpd.GeoDataFrame, wards: gpd.GeoDataFrame, lookup: pd.DataFrame,
    min_share: float = MIN_SHARE,
) -> pd.DataFrame:
    """How much of each LSOA lies in its best-fit ward, and where the rest lies.

    Returns lsoa_code, ward_code (the best fit), ward_share (share of the LSOA's area inside
    that ward) and one row per other ward holding part of it: other_ward, other_share. Shares
    are of the part of the LSOA that lies in some ward: the 2022 BSC ward outlines stop at the
    river bank while LSOAs reach into the Thames, and that water is left out. The outlines are
    generalised to 200 m, so shares near 0 or 1 are approximate; pieces under ``min_share`` of
    an LSOA (edge slivers) are ignored. The lookup itself uses population-weighted centroids,
    not areas.
    """
    src = lsoas[["lsoa_code", "geometry"]]
    pieces = gpd.overlay(src, wards[["ward_code", "geometry"]].to_crs(src.crs),
                         how="intersection", keep_geom_type=True)
    area = pieces.geometry.area
    pieces["share"] = area / area.groupby(pieces["lsoa_code"]).transform("sum")
    pieces = pd.DataFrame(pieces.drop(columns=["geometry"]))
    pieces = pieces[pieces["share"] >= min_share]
    best = lookup[["lsoa_code", "ward_code"]]
    inside = best.merge(pieces, on=["lsoa_code", "ward_code"], how="left")
    inside = inside.groupby(["lsoa_code", "ward_code"], as_index=False)["share"].sum(min_count=0)
    inside["share"] = inside["share"].fillna(0.0)
    others = pieces.merge(best, on="lsoa_code", suffixes=("_other", ""))
    others = others[others["ward_code_other"] != others["ward_code"]]
    others = others.groupby(["lsoa_code", "ward_code_other"], as_index=False)["share"].sum()
    table = inside.rename(columns={"share": "ward_share"}).merge(
        others.rename(columns={"ward_code_other": "other_ward", "share": "other_share"}),
        on="lsoa_code", how="left")
    return table.sort_values(["lsoa_code", "other_ward"]).reset_index(drop=True)


def lsoa_ward_agreement(
    lsoa_counts: pd.DataFrame,
    ward_counts: pd.DataFrame,
    lookup: pd.DataFrame,
    months: MonthSpan | None = None,
    categories: Iterable[str] | None = None,
    overlap: pd.DataFrame | None = None,
    outside: float = STRADDLE_OUTSIDE,
) -> WardAgreement:
    """Sum the Met's LSOA counts to 2022 wards through the best-fit ``lookup`` and compare them
    with the Met's ward counts, for the same months and minor categories.

    ``lsoa_counts`` and ``ward_counts`` are Met tables (``met.load_lsoa_counts()``,
    ``met.load_counts("ward", …)``: area_code, area_name, borough, minor, month, count);
    ``lookup`` has lsoa_code, ward_code, ward_name, borough_name. ``months`` defaults to the
    months both tables cover, ``categories`` to the minor categories both have. Ward rows
    without a code (the Met files Heathrow Villages under "Aviation Security (SO18)") are
    matched to the lookup's ward of the same name when exactly one has it. With ``overlap``
    (:func:`lsoa_ward_overlap`), an LSOA "straddles" when at least ``outside`` of its area lies
    outside its best-fit ward; a ward's ``gained`` are its straddling LSOAs and its ``lost``
    the straddling LSOAs of other wards with at least ``outside`` of their area inside it.

    ``table`` columns: ward_code, ward_name, borough, lsoas, lsoa_sum, ward_file, difference
    (lsoa_sum − ward_file), pct_difference (of ward_file), gained, lost (<NA> without
    ``overlap``), reason (where the difference can be explained).
    """
    months = months or _common_months(lsoa_counts, ward_counts)
    chosen = sorted(set(categories) if categories is not None else
                    set(lsoa_counts["minor"]) & set(ward_counts["minor"]))
    left_out = sorted((set(lsoa_counts["minor"]) | set(ward_counts["minor"])) - set(chosen))
    lsoa = lsoa_counts[months.mask(lsoa_counts["month"]) & lsoa_counts["minor"].isin(chosen)]
    ward = ward_counts[months.mask(ward_counts["month"]) & ward_counts["minor"].isin(chosen)]
    best = lookup.set_index("lsoa_code")["ward_code"]
    lsoa_ward = lsoa["area_code"].map(best)
    unmatched = int(lsoa.loc[lsoa_ward.isna(), "count"].sum())
    lsoa_sum = lsoa.groupby(lsoa_ward)["count"].sum()
    ward_codes, by_name = _ward_codes(ward, lookup)
    ward_file = ward.groupby(ward_codes)["count"].sum()
    wards = lookup.drop_duplicates("ward_code").set_index("ward_code")
    codes = sorted(set(lsoa_sum.index) | set(ward_file.index))
    table = pd.DataFrame({"ward_code": codes})
    table["ward_name"] = table["ward_code"].map(wards["ward_name"])
    table["borough"] = table["ward_code"].map(wards["borough_name"])
    table["lsoas"] = table["ward_code"].map(lookup.groupby("ward_code").size()).fillna(0)
    table["lsoa_sum"] = table["ward_code"].map(lsoa_sum).fillna(0)
    table["ward_file"] = table["ward_code"].map(ward_file).fillna(0)
    table = table.astype({"lsoas": "int64", "lsoa_sum": "int64", "ward_file": "int64"})
    table["difference"] = table["lsoa_sum"] - table["ward_file"]
    table["pct_difference"] = 100 * table["difference"] / table["ward_file"].replace(0, np.nan)
    gained, lost = _straddling(overlap, lookup, outside)
    for name, values in (("gained", gained), ("lost", lost)):
        column = table["ward_code"].map(values)
        table[name] = (column.fillna(0) if overlap is not None else column).astype("Int64")
    table["reason"] = [_reason(row, by_name) for row in table.itertuples(index=False)]
    table = table.sort_values("ward_code").reset_index(drop=True)
    summary = _agreement_summary(table, months, chosen, left_out, unmatched, ward)
    largest = table.reindex(table["difference"].abs().sort_values(ascending=False,
                                                                  kind="stable").index)
    return WardAgreement(table, summary, largest.head(10).reset_index(drop=True), months)


VINTAGE_FIGURES = ("months", "minor categories compared", "total difference (%)",
                   "wards within 1%", "wards within 5%", "median absolute difference (%)")


def agreement_by_vintage(lsoa_counts: pd.DataFrame, ward_counts: pd.DataFrame,
                         lookup: pd.DataFrame) -> pd.DataFrame:
    """:func:`lsoa_ward_agreement` against each ward vintage in ``ward_counts`` (its
    ``vintage`` column), over the months each shares with the LSOA file: one row per vintage
    with :data:`VINTAGE_FIGURES`."""
    rows = {vintage: lsoa_ward_agreement(lsoa_counts, rows_of, lookup).summary[
                list(VINTAGE_FIGURES)]
            for vintage, rows_of in ward_counts.groupby("vintage", sort=True)}
    return pd.DataFrame(rows).T.rename_axis("ward vintage")


def _common_months(*tables: pd.DataFrame) -> MonthSpan:
    first = max(t["month"].min() for t in tables)
    last = min(t["month"].max() for t in tables)
    if first > last:
        raise ValueError("the two tables share no month")
    return MonthSpan(first, last)


def _ward_codes(ward: pd.DataFrame, lookup: pd.DataFrame) -> tuple[pd.Series, dict[str, str]]:
    """Each ward row's code; rows without one get the code of the one ward of that name."""
    names = lookup.drop_duplicates("ward_code")
    names = names[~names["ward_name"].duplicated(keep=False)].set_index("ward_name")
    missing = ward["area_code"].isna()
    found = ward.loc[missing, "area_name"].map(names["ward_code"])
    codes = ward["area_code"].astype("string").copy()
    codes[missing] = found.astype("string")
    by_name = {code: borough for code, borough in
               zip(found.dropna(), ward.loc[found.dropna().index, "borough"], strict=True)}
    return codes, by_name


def _straddling(
    overlap: pd.DataFrame | None, lookup: pd.DataFrame, outside: float
) -> tuple[pd.Series, pd.Series]:
    if overlap is None:
        return pd.Series(dtype="Int64"), pd.Series(dtype="Int64")
    per_lsoa = overlap.drop_duplicates("lsoa_code").set_index("lsoa_code")
    straddles = per_lsoa.index[per_lsoa["ward_share"] <= 1 - outside]
    gained = lookup[lookup["lsoa_code"].isin(straddles)].groupby("ward_code").size()
    away = overlap[overlap["lsoa_code"].isin(straddles) & (overlap["other_share"] >= outside)]
    lost = away.groupby("other_ward")["lsoa_code"].nunique()
    return gained, lost


def _reason(row: tuple, by_name: dict[str, str]) -> str:
    reasons = []
    if row.ward_code in by_name:
        reasons.append(f"airport: the ward file puts it under {by_name[row.ward_code]!r} with "
                       "no ward code (matched by name)")
    if row.ward_file == 0 and row.lsoa_sum > 0:
        reasons.append("not in the ward file")
    if row.lsoas == 0 or row.lsoa_sum == 0 and row.ward_file > 0:
        reasons.append("no LSOA of the LSOA file falls to it by best fit")
    if abs(row.difference) > 0 and not pd.isna(row.gained) and row.gained + row.lost > 0:
        reasons.append(f"best fit: gains {row.gained} and loses {row.lost} LSOAs that straddle "
                       "its boundary")
    return "; ".join(reasons)


def _agreement_summary(
    table: pd.DataFrame, months: MonthSpan, chosen: list[str], left_out: list[str],
    unmatched: int, ward: pd.DataFrame,
) -> pd.Series:
    compared = table[table["ward_file"] > 0]
    pct = compared["pct_difference"].abs()
    lsoa_total, ward_total = int(table["lsoa_sum"].sum()), int(table["ward_file"].sum())
    return pd.Series({
        "months": str(months),
        "minor categories compared": len(chosen),
        "minor categories left out": ", ".join(left_out) or "none",
        "LSOA file, summed to wards": lsoa_total,
        "ward file": ward_total,
        "ward-file rows with no ward": int(ward["count"].sum()) - ward_total,
        "LSOA-file crimes in LSOAs not in the lookup": unmatched,
        "total difference": lsoa_total - ward_total,
        "total difference (%)": round(100 * (lsoa_total - ward_total) / ward_total, 3),
        "sum of absolute ward differences": int(table["difference"].abs().sum()),
        "wards compared": len(compared),
        "wards within 1%": int((pct <= 1).sum()),
        "wards within 5%": int((pct <= 5).sum()),
        "share of wards within 1% (%)": round(100 * float((pct <= 1).mean()), 1),
        "share of wards within 5% (%)": round(100 * float((pct <= 5).mean()), 1),
        "median absolute difference (%)": round(float(pct.median()), 2),
    })


def ward_mismatch(lsoas: gpd.GeoDataFrame, wards: gpd.GeoDataFrame,
                  lookup: pd.DataFrame) -> pd.Series:
    """How far each ward differs from the union of its best-fit LSOAs, as a share of its area.

    The area of the symmetric difference (ward outside its LSOAs, plus its LSOAs outside the
    ward) divided by the ward's area; 0 when the ward is exactly its LSOAs. The LSOAs are first
    clipped to the wards' land (the ward outlines stop at the river bank, LSOAs reach into the
    Thames). Indexed by ward_code, for the wards the lookup gives at least one LSOA. The ward
    outlines are generalised to 200 m, so even a ward that is exactly its LSOAs shows a few
    per cent.
    """
    outlines = wards.set_index("ward_code").geometry.to_crs(lsoas.crs)
    parts = lsoas[["lsoa_code", "geometry"]].merge(lookup[["lsoa_code", "ward_code"]],
                                                   on="lsoa_code", validate="1:1")
    joined = parts.dissolve("ward_code").geometry.intersection(outlines.union_all())
    outline = outlines.reindex(joined.index)
    share = joined.symmetric_difference(outline, align=True).area / outline.area
    return share.rename("mismatch").sort_index()


MISMATCH_EDGES = (0.0, 0.1, 0.2, 0.4)


def mismatch_classes(mismatch: pd.Series,
                     edges: Sequence[float] = MISMATCH_EDGES) -> pd.Series:
    """Label each ward's mismatch by the class it falls in: "under 10%", "10–20%", …,
    "40% or more" (an ordered Categorical)."""
    bounds = [*edges, np.inf]
    labels = [f"under {bounds[1]:.0%}"] + [
        f"{lo:.0%}–{hi:.0%}" for lo, hi in zip(bounds[1:-2], bounds[2:-1], strict=True)
    ] + [f"{bounds[-2]:.0%} or more"]
    return pd.cut(mismatch, bounds, right=False, labels=labels).rename("mismatch class")


def agreement_by_mismatch(table: pd.DataFrame, mismatch: pd.Series,
                          edges: Sequence[float] = MISMATCH_EDGES) -> pd.DataFrame:
    """How well the two products agree, by how far the ward differs from its LSOAs.

    ``table`` from :func:`lsoa_ward_agreement`, ``mismatch`` from :func:`ward_mismatch`. One
    row per mismatch class: wards, median absolute difference (%), share within 1% and 5%.
    """
    rows = table[table["ward_file"] > 0].set_index("ward_code")
    rows = rows.assign(absolute=rows["pct_difference"].abs(),
                       cls=mismatch_classes(mismatch.reindex(rows.index), edges))
    grouped = rows.groupby("cls", observed=False)["absolute"]
    return pd.DataFrame({
        "wards": grouped.size(),
        "median absolute difference (%)": grouped.median().round(1),
        "within 1% (%)": (100 * grouped.apply(lambda s: (s <= 1).mean())).round(1),
        "within 5% (%)": (100 * grouped.apply(lambda s: (s <= 5).mean())).round(1),
    }).rename_axis("ward area not matched by its LSOAs")


def straddling_lsoas(overlap: pd.DataFrame, lsoa_counts: pd.DataFrame, lookup: pd.DataFrame,
                     wards: pd.DataFrame, months: MonthSpan, outside: float = STRADDLE_OUTSIDE,
                     top: int = 8) -> pd.DataFrame:
    """The straddling LSOAs holding the most crime: where best fit moves the most offences.

    An LSOA straddles when at least ``outside`` of its area lies outside its best-fit ward.
    Columns: lsoa_code, lsoa_name, crimes (LSOA file, ``months``), best_fit_ward, share_inside,
    other_ward (the other ward holding most of it), other_share; the ``top`` by crimes.
    """
    names = wards.set_index("ward_code")["ward_name"]
    per_lsoa = overlap.sort_values(["lsoa_code", "other_share", "other_ward"],
                                   ascending=[True, False, True])
    per_lsoa = per_lsoa.drop_duplicates("lsoa_code")
    per_lsoa = per_lsoa[per_lsoa["ward_share"] <= 1 - outside]
    in_span = lsoa_counts[months.mask(lsoa_counts["month"])]
    crimes = in_span.groupby("area_code")["count"].sum()
    table = pd.DataFrame({
        "lsoa_code": per_lsoa["lsoa_code"],
        "lsoa_name": per_lsoa["lsoa_code"].map(lookup.set_index("lsoa_code")["lsoa_name"]),
        "crimes": per_lsoa["lsoa_code"].map(crimes).fillna(0).astype("int64"),
        "best_fit_ward": per_lsoa["ward_code"].map(names),
        "share_inside": per_lsoa["ward_share"].round(2),
        "other_ward": per_lsoa["other_ward"].map(names),
        "other_share": per_lsoa["other_share"].round(2),
    })
    table = table.sort_values(["crimes", "lsoa_code"], ascending=[False, True])
    return table.head(top).reset_index(drop=True)


def agreement_frame(wards: gpd.GeoDataFrame, agreement: WardAgreement, mismatch: pd.Series,
                    named: int = 4) -> gpd.GeoDataFrame:
    """The Met wards with both products' counts, for the figures: ward_code, ward_name,
    lsoa_sum, ward_file, pct_difference, difference class (:func:`difference_classes`),
    mismatch class (:func:`mismatch_classes`), label (the name of the ``named`` wards with the
    largest absolute differences, else empty), geometry."""
    table = agreement.table[agreement.table["ward_file"] > 0]
    frame = wards[["ward_code", "geometry"]].merge(table, on="ward_code", validate="1:1")
    frame["difference class"] = difference_classes(frame["pct_difference"])
    frame["mismatch class"] = mismatch_classes(
        frame["ward_code"].map(mismatch)).to_numpy()
    top = set(agreement.largest["ward_code"].head(named))
    frame["label"] = frame["ward_name"].where(frame["ward_code"].isin(top), "")
    return frame.sort_values("ward_code").reset_index(drop=True)


DIFFERENCE_EDGES = (5.0, 20.0)


def difference_classes(pct: pd.Series, edges: Sequence[float] = DIFFERENCE_EDGES) -> pd.Series:
    """Label a percentage difference (LSOA sum vs ward file) by symmetric classes, lowest first:
    "LSOA sum 20%+ lower", "5–20% lower", "within 5%", "5–20% higher", "20%+ higher"."""
    inner, outer = edges
    bounds = [-np.inf, -outer, -inner, inner, outer, np.inf]
    labels = [f"LSOA sum {outer:g}%+ lower", f"{inner:g}–{outer:g}% lower",
              f"within {inner:g}%", f"{inner:g}–{outer:g}% higher", f"{outer:g}%+ higher"]
    classes = pd.cut(pct, bounds, labels=labels)
    within = pct.abs() <= inner  # the middle class is closed at both ends
    return classes.where(~within, labels[2]).rename("difference class")


# --- vintages of the borough file ---------------------------------------------------------

SETTLE = 3
REVISIONS_FROM = "2023-01"


def vintage_table(borough: pd.DataFrame) -> pd.DataFrame:
    """One row per vintage of the Met borough file: its columns (schema), months, categories,
    and what it files outside the boroughs ("Unknown", the airports).

    Columns: key columns (the header's non-month columns), first, last, months, minor
    categories, boroughs (offences filed in a borough), unknown, airports, outside (%) (share
    of all offences filed outside a borough).
    """
    rows = []
    for vintage, rows_of in borough.groupby("vintage", sort=True):
        outside = rows_of[rows_of["area_code"].isna()]
        airports = outside["area_name"].str.contains("Airport", case=False)
        total = int(rows_of["count"].sum())
        rows.append({
            "vintage": vintage,
            "key columns": " / ".join(_key_columns(sorted(rows_of["source"].unique()))),
            "first": rows_of["month"].min(), "last": rows_of["month"].max(),
            "months": rows_of["month"].nunique(), "minor categories": rows_of["minor"].nunique(),
            "boroughs": total - int(outside["count"].sum()),
            "unknown": int(outside.loc[~airports, "count"].sum()),
            "airports": int(outside.loc[airports, "count"].sum()),
            "outside (%)": round(100 * float(outside["count"].sum()) / total, 2),
        })
    return pd.DataFrame(rows).set_index("vintage")


def _key_columns(sources: Sequence[str]) -> list[str]:
    """The non-month header columns of the files (the same in each file of a vintage)."""
    found = []
    for source in sources:
        header = next(csv.reader(text_stream(data_dir() / source)))
        for name in (n.strip() for n in header):
            if not re.fullmatch(r"\d{6}", name) and name not in found:
                found.append(name)
    return found


@dataclass(frozen=True)
class VintageRevisions:
    """Borough-only monthly totals by vintage and how each release revised them.

    ``monthly``: month × vintage totals of the boroughs; ``revised``: one row per pair of
    consecutive vintages and shared month (:func:`hotspots.stats.revisions.release_revisions`);
    ``summary``: per pair, complete months and not-yet-complete months apart.
    """

    monthly: pd.DataFrame
    revised: pd.DataFrame
    summary: pd.DataFrame


def borough_revisions(borough: pd.DataFrame, settle: int = SETTLE,
                      since: str = REVISIONS_FROM) -> VintageRevisions:
    """Revisions like for like: the boroughs only (no "Unknown" or airport rows), months from
    ``since``, each vintage's last ``settle`` months marked "not yet complete"."""
    in_boroughs = borough[borough["area_code"].notna()]
    monthly = revisions.monthly_totals(in_boroughs)
    monthly = monthly[monthly.index >= pd.Period(since, "M")]
    revised = revisions.release_revisions(monthly, settle)
    summary = revisions.revision_summary(revised).sort_values(
        ["earlier", "later", "complete"], ascending=[True, True, False])
    summary["months held"] = np.where(summary["complete"], "complete",
                                      "not yet complete (earlier vintage's last "
                                      f"{settle} months)")
    summary = summary.drop(columns="complete")
    numbers = ["revision_pct", "smallest_pct", "median_pct", "largest_pct"]
    summary[numbers] = summary[numbers].round(2)
    return VintageRevisions(monthly, revised, summary.set_index(["earlier", "later",
                                                                 "months held"]))


def year_totals(borough: pd.DataFrame, year: int) -> pd.DataFrame:
    """A calendar year's London total in each vintage that holds all 12 months: every row
    (boroughs, "Unknown", airports) and the boroughs only."""
    every = revisions.calendar_year_totals(revisions.monthly_totals(borough), [year])
    only = revisions.calendar_year_totals(
        revisions.monthly_totals(borough[borough["area_code"].notna()]), [year])
    table = pd.DataFrame({"every row": every.loc[year], "boroughs only": only.loc[year]})
    return table.dropna().astype("int64").rename_axis("vintage")


# --- denominators, workforce, the Met's hot-spot centres --------------------------------------

SHOWN_BOROUGHS = ("E09000033", "E09000007", "E09000001")  # Westminster, Camden, the City


def denominator_table(codes: Sequence[str] = SHOWN_BOROUGHS) -> pd.DataFrame:
    """Every borough denominator in the data folder, for London and the boroughs ``codes``,
    plus the ones that are open data but not in the folder (figures <NA>).

    Rows: :data:`hotspots.io.populations.DENOMINATORS`, the post-census ONS mid-year estimate,
    :data:`~hotspots.io.populations.NOT_MIRRORED`. Columns: reference date, London, one per
    borough (by name), in the data folder.
    """
    rows = []
    for label, source, date, _, _ in populations.DENOMINATORS:
        table = populations.borough_population(source).set_index("borough_code")
        rows.append(_denominator_row(label, date, table, codes, True))
    try:
        latest = populations.borough_population("ons_mye").set_index("borough_code")
        rows.append(_denominator_row(f"ONS mid-{int(latest['year'].iloc[0])} estimate", "",
                                     latest, codes, True))
    except FileNotFoundError:
        rows.append(_denominator_row("ONS mid-year estimates (Census-2021-based)",
                                     "mid-2021 … mid-2024", None, codes, False))
    for label, date, *_ in populations.NOT_MIRRORED:
        rows.append(_denominator_row(label, date, None, codes, False))
    return pd.DataFrame(rows).set_index("denominator")


def _denominator_row(label: str, date: str, table: pd.DataFrame | None, codes: Sequence[str],
                     available: bool) -> dict:
    names = populations.census2021_boroughs().set_index("borough_code")["borough_name"]
    row = {"denominator": label, "reference date": date,
           "London": pd.NA if table is None else int(table["population"].sum())}
    for code in codes:
        row[names[code]] = pd.NA if table is None else int(table.at[code, "population"])
    row["in the data folder"] = available
    return row


def workday_derivation(codes: Sequence[str] = SHOWN_BOROUGHS) -> pd.DataFrame:
    """The derived Census 2021 workday population, term by term, for London and ``codes``:
    workplace + residents aged 16+ not in employment + residents under 16."""
    table = populations.workday_population().set_index("borough_name")
    columns = ["residents", "workplace", "not_in_employment", "under_16", "workday"]
    london = table[columns].sum().rename("London")
    chosen = table.loc[table["borough_code"].isin(codes), columns]
    order = [populations.census2021_boroughs().set_index("borough_code").at[c, "borough_name"]
             for c in codes]
    return pd.concat([london.to_frame().T, chosen.loc[order]]).astype("int64")


WORKER_TYPES = ("police officer", "police staff", "PCSO")


def workforce_summary(table: pd.DataFrame, since: str = "2020-01-01") -> pd.DataFrame:
    """The Met's FTE by date (from ``since``) for officers, police staff and PCSOs, with the
    file each date comes from. ``table`` from :func:`hotspots.io.workforce.met_workforce`."""
    rows = table[(table["date"] >= pd.Timestamp(since))
                 & table["worker_type"].isin(WORKER_TYPES)]
    wide = rows.pivot_table(index="date", columns="worker_type", values="fte", aggfunc="sum")
    wide = wide.reindex(columns=list(WORKER_TYPES)).round(0).astype("Int64")
    wide["source"] = rows.groupby("date")["source"].first().map(
        lambda s: "third-party CSV (Home Office Sep 2025 tables)" if s == home_office.DERIVED
        else "Home Office open data table (July 2023)")
    wide.index = wide.index.strftime("%d %b %Y")
    return wide.rename_axis("as at").rename_axis(None, axis=1)


def centre_table(centres: pd.DataFrame) -> pd.DataFrame:
    """The Met's 20 hot-spot centres, one row each: named in, core ward(s), edge wards,
    how the core was tied, and the lowest confidence of a core tie.

    ``centres`` from :func:`hotspots.io.reference.read_hotspot_centres`; in its order.
    """
    order = list(dict.fromkeys(centres["centre"]))
    rank = {c: i for i, c in enumerate(reference.CENTRE_CONFIDENCES)}
    rows = []
    for centre in order:
        own = centres[centres["centre"] == centre]
        core, part = own[own["role"] == "core"], own[own["role"] == "part"]
        rows.append({
            "centre": centre, "named in": own["named_in"].iloc[0].replace(";", ", "),
            "core ward(s)": ", ".join(core["ward_name"]),
            "edge wards": len(part),
            "tied by": ", ".join(dict.fromkeys(core["method"])),
            "confidence": max(core["confidence"], key=rank.__getitem__),
        })
    return pd.DataFrame(rows).set_index("centre")
