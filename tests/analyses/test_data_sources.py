"""Tests for hotspots.analyses.data_sources (notebook 00): the source and ledger tables, the
gaps, the ward join and lookup checks, the agreement of the Met's LSOA and ward products, the
borough vintages, denominators, workforce and centres (tiny constructed cases with known
answers; mirror tests of the figures the notebook reports)."""

from __future__ import annotations

import gzip
from importlib.metadata import version

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import requires_mirror
from geodata import make_data_folder

from hotspots import config as paths
from hotspots.analyses import data_sources as ds
from hotspots.article import statement
from hotspots.io import boundaries as geo
from hotspots.io import met, populations
from hotspots.io import workforce as home_office
from hotspots.months import MonthSpan


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A data folder with tiny boundary files in the publishers' layouts, and an empty cache."""
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "cache"))
    return make_data_folder(tmp_path / "data")


def months(*labels: str) -> pd.PeriodIndex:
    return pd.PeriodIndex(list(labels), freq="M")


# --- sources, ledger, gaps ---------------------------------------------------------------------

MET_LIKE = pd.DataFrame({
    "area_code": ["E09000033", "E09000007", pd.NA, "E09000033"],
    "area_name": ["Westminster", "Camden", "Unknown", "Westminster"],
    "borough": ["Westminster", "Camden", "Unknown", "Westminster"],
    "month": months("2024-01", "2024-01", "2024-02", "2024-03"),
    "vintage": ["2024-03", "2024-03", "2024-03", "2024-04"],
})


def test_source_table_describes_each_source_from_its_table():
    sources = (
        ds.Source("met", "Met counts", "the Met", "OGL", "CSV", lambda: MET_LIKE,
                  unit="area_code", unit_label="boroughs"),
        ds.Source("staff", "Staff", "Home Office", "OGL", "ODS", lambda: pd.DataFrame(
            {"date": pd.to_datetime(["2023-03-31", "2021-03-31"]), "force": ["a", "b"]}),
            "March", "date", "force", "forces"),
        ds.Source("lines", "Lines", "ONS", "OGL", "CSV", lambda: pd.DataFrame({"x": [1, 2]}),
                  "21 March 2021", None),
    )
    table = ds.source_table(ds.load_sources(sources), sources)
    assert table.loc["Met counts", "vintage"] == "2024-03, 2024-04"
    assert table.loc["Met counts", "period"] == "2024-01 … 2024-03 (3 months)"
    assert table.loc["Met counts", "units"] == ("2 boroughs; rows filed outside a borough: "
                                                "Unknown")
    assert table.loc["Staff", "period"] == "31 Mar 2021 … 31 Mar 2023 (2 dates)"
    assert (table.loc["Staff", "vintage"], table.loc["Staff", "units"]) == ("March", "2 forces")
    assert (table.loc["Lines", "period"], table.loc["Lines", "units"]) == ("21 March 2021", "")
    assert table["rows"].tolist() == [4, 2, 2]


def test_every_source_has_a_loader_and_its_own_key():
    keys = [s.key for s in ds.SOURCES]
    assert len(set(keys)) == len(keys) and all(callable(s.load) for s in ds.SOURCES)
    assert set(ds.COVERAGE_ROWS) <= set(keys)


def test_coverage_table_puts_each_met_vintage_on_its_own_row():
    tables = {key: pd.DataFrame({"month": months("2021-12", "2022-02")})
              for key in ds.COVERAGE_ROWS}
    tables["met_borough"] = MET_LIKE
    tables["met_ward"] = MET_LIKE.iloc[:1]
    coverage, groups = ds.coverage_table(tables, since="2022-01")
    assert coverage.index[:3].tolist() == ["Met borough, vintage 2024-03",
                                          "Met borough, vintage 2024-04",
                                          "Met ward, vintage 2024-03"]
    assert len(coverage) == len(groups) == 3 + len(ds.COVERAGE_ROWS)
    assert str(coverage.columns[0]) == "2022-02"  # December 2021 is before `since`
    assert coverage.loc["Met borough, vintage 2024-03", pd.Period("2024-02", "M")]
    assert groups[:3] == [ds.COVERAGE_GROUPS[0]] * 3
    assert groups[-1] == ds.COVERAGE_GROUPS[1]  # the hexagon counts are police.uk's


def test_ledger_table_groups_and_orders_the_ledger():
    reports = pd.DataFrame({
        "source": ["workforce/w.ods", "police.uk street", "met_datastore/ward/v",
                   "met_datastore/borough/v", "elsewhere"],
        "files": [1, 2, 1, 1, 1], "rows read": [10, 200, 40, 30, 5],
        "rows kept": [10, 150, 40, 30, 5], "rows dropped": [0, 50, 0, 0, 0],
        "dropped, by reason": ["", "no location: 50", "", "", ""],
    }).set_index("source")
    table = ds.ledger_table(reports)
    assert table.index.tolist() == ["met_datastore/borough/v", "met_datastore/ward/v",
                                    "police.uk street", "workforce/w.ods", "elsewhere"]
    assert table.loc["police.uk street", "% dropped"] == 25.0
    assert table.loc["elsewhere", "group"] == "other"
    assert table.loc["met_datastore/ward/v", "a row is"].startswith("a cell")


def test_missing_data_keeps_the_two_kinds_of_gap_apart():
    table = ds.missing_data()
    status = table["status"].tolist()
    assert status == sorted(status, key=lambda s: s != ds.NOT_IN_FOLDER)
    absent = table[table["status"] == ds.NO_OPEN_DATA]
    assert (absent["publisher"] == "—").all() and len(absent) == 6
    named = {"ONS", "GLA", "British Transport Police, data.police.uk", "Home Office"}
    assert named <= set(table["publisher"])


def test_gaps_agree_with_the_statement_catalogue():
    """Each statement the catalogue calls 'open data, not in the folder' is blocked by such a
    gap, and each 'no open data' gap names statements the catalogue declares so."""
    open_gaps = {s for g in ds.GAPS if g.status == ds.NOT_IN_FOLDER for s in g.statements}
    assert set(ds.catalogue_gaps()["statement_id"]) <= open_gaps
    for gap in ds.GAPS:
        for statement_id in gap.statements:
            item = statement(statement_id)  # raises for an unknown id
            if gap.status == ds.NO_OPEN_DATA:
                assert item.unchecked is not None and not item.unchecked.dataset, statement_id


def test_package_versions_are_the_installed_ones():
    table = ds.package_versions(["numpy", "pandas"])
    assert table.index.tolist() == ["numpy", "pandas"]
    assert table.loc["pandas", "version"] == version("pandas")


# --- the ward join and the lookup --------------------------------------------------------------

JOIN = pd.DataFrame({
    "ward_code": ["W1", "W2", "W3", "C1"],
    "status": ["both", "both", "both", "ONS only"],
    "same_borough": pd.array([True, True, False, pd.NA], dtype="boolean"),
    "note": ["", "", "the Met files it under 'SO18'", "City of London ward"],
})


def test_ward_join_summary_counts_status_and_note():
    table = ds.ward_join_summary(JOIN)
    assert table.values.tolist() == [["ONS only", "City of London ward", 1],
                                     ["both", "the Met files it under 'SO18'", 1],
                                     ["both", "—", 2]]


def test_ward_status_marks_met_wards_the_so18_ward_and_gaps():
    wards = pd.DataFrame({"ward_code": ["C1", "W1", "W2", "W3"]})
    status = ds.ward_status(wards, JOIN)
    assert status.tolist() == [pd.NA, ds.MET_WARD, ds.MET_WARD, ds.SO18_WARD]


def square(x: float, y: float = 0.0, size: float = 100.0) -> shapely.Polygon:
    return shapely.box(x, y, x + size, y + size)


WARDS = gpd.GeoDataFrame({
    "ward_code": ["W1", "W2", "C1"], "ward_name": ["One", "Two", "City"],
    "borough_code": ["B", "B", "C"], "city": [False, False, True],
}, geometry=[square(0, size=200), square(200, size=200), square(400)], crs="EPSG:27700")
LSOAS = gpd.GeoDataFrame({"lsoa_code": ["L1", "L2", "L3", "L4"]},
                         geometry=[square(0), square(100, size=200), square(300), square(400)],
                         crs="EPSG:27700")
TINY_LOOKUP = pd.DataFrame({"lsoa_code": ["L1", "L2", "L3", "L4"],
                            "lsoa_name": ["l1", "l2", "l3", "l4"],
                            "ward_code": ["W1", "W2", "W2", "C1"],
                            "borough_code": ["B", "B", "B", "C"],
                            "city": [False, False, False, True]})


def test_overlap_and_lookup_checks_on_squares():
    """L2 is 200 m square across the W1/W2 edge: half of it in each ward."""
    overlap = ds.lsoa_ward_overlap(LSOAS, WARDS, TINY_LOOKUP)
    l2 = overlap[overlap["lsoa_code"] == "L2"].iloc[0]
    assert (l2["ward_code"], l2["ward_share"], l2["other_ward"]) == ("W2", 0.5, "W1")
    assert l2["other_share"] == pytest.approx(0.5)
    counts = pd.DataFrame({"area_code": ["L1", "L2", "L3"]})
    checks = ds.lookup_checks(TINY_LOOKUP, WARDS, overlap, counts)
    assert checks["wards given at least one LSOA"] == 3
    assert checks["City of London wards given no LSOA"] == 0
    assert (checks["LSOAs per Met ward: fewest"], checks["LSOAs per Met ward: most"]) == (1, 2)
    assert checks["LSOAs with 25% or more of their area outside their ward"] == 1
    assert checks["lookup LSOAs not in the Met's LSOA file"] == 1
    assert checks["… of which in the City of London"] == 1


def test_ward_mismatch_is_zero_for_a_ward_made_of_its_lsoas():
    """W1 (200 × 200) gets only L1 (100 × 100): 3/4 of it unmatched. W2 gets L2 and L3, which
    leave 1/4 of it uncovered and put half a ward's area (L2's west half) outside it."""
    share = ds.ward_mismatch(LSOAS, WARDS, TINY_LOOKUP)
    assert share.to_dict() == pytest.approx({"C1": 0.0, "W1": 0.75, "W2": 0.75})


def test_mismatch_and_difference_classes_have_closed_edges():
    classes = ds.mismatch_classes(pd.Series([0.0, 0.099, 0.1, 0.4, 3.0]))
    assert classes.astype(str).tolist() == ["under 10%", "under 10%", "10%–20%",
                                           "40% or more", "40% or more"]
    diff = ds.difference_classes(pd.Series([-25.0, -20.0, -5.0, 0.0, 5.0, 5.1, 20.0, 99.0]))
    assert diff.astype(str).tolist() == [
        "LSOA sum 20%+ lower", "LSOA sum 20%+ lower", "within 5%", "within 5%", "within 5%",
        "5–20% higher", "5–20% higher", "20%+ higher"]


# --- LSOA and ward products --------------------------------------------------------------------

LOOKUP = pd.DataFrame({
    "lsoa_code": ["L1", "L2", "L3", "L4"],
    "lsoa_name": ["l1", "l2", "l3", "l4"],
    "ward_code": ["W1", "W1", "W2", "W3"],
    "ward_name": ["One", "One", "Two", "Heathrow Villages"],
    "borough_name": ["A", "A", "A", "Hillingdon"],
})


def counts(rows: list[tuple]) -> pd.DataFrame:
    """A Met-like table from (code, name, borough, minor, month, count) rows."""
    table = pd.DataFrame(rows, columns=["area_code", "area_name", "borough", "minor", "month",
                                        "count"])
    table["month"] = pd.PeriodIndex(table["month"], freq="M")
    return table


LSOA_COUNTS = counts([
    ("L1", "l1", "A", "THEFT", "2024-01", 10), ("L2", "l2", "A", "THEFT", "2024-01", 5),
    ("L3", "l3", "A", "THEFT", "2024-01", 20), ("L3", "l3", "A", "ROBBERY", "2024-02", 4),
    ("L4", "l4", "Hillingdon", "THEFT", "2024-02", 7),
    ("L1", "l1", "A", "THEFT", "2023-12", 99),  # a month the ward file lacks
    ("L9", "l9", "A", "THEFT", "2024-01", 3),  # an LSOA not in the lookup
])
WARD_COUNTS = counts([
    ("W1", "One", "A", "THEFT", "2024-01", 12), ("W2", "Two", "A", "THEFT", "2024-01", 23),
    ("W2", "Two", "A", "ROBBERY", "2024-02", 4), ("W2", "Two", "A", "RAPE", "2024-02", 9),
    (pd.NA, "Heathrow Villages", "Aviation Security (SO18)", "THEFT", "2024-02", 7),
])
OVERLAP = pd.DataFrame({"lsoa_code": ["L1", "L2", "L3", "L4"],
                        "ward_code": ["W1", "W1", "W2", "W3"],
                        "ward_share": [1.0, 0.3, 1.0, 1.0],
                        "other_ward": [pd.NA, "W2", pd.NA, pd.NA],
                        "other_share": [np.nan, 0.7, np.nan, np.nan]})


def test_lsoa_ward_agreement_on_a_constructed_case():
    result = ds.lsoa_ward_agreement(LSOA_COUNTS, WARD_COUNTS, LOOKUP, overlap=OVERLAP)
    table = result.table.set_index("ward_code")
    assert table["lsoa_sum"].to_dict() == {"W1": 15, "W2": 24, "W3": 7}
    assert table["ward_file"].to_dict() == {"W1": 12, "W2": 27, "W3": 7}
    assert table["difference"].to_dict() == {"W1": 3, "W2": -3, "W3": 0}
    assert table.at["W1", "pct_difference"] == pytest.approx(25.0)
    assert (table.at["W1", "gained"], table.at["W2", "lost"]) == (1, 1)
    assert "best fit: gains 1" in table.at["W1", "reason"]
    assert table.at["W3", "reason"].startswith("airport: the ward file puts it under "
                                               "'Aviation Security (SO18)'")
    assert result.months == MonthSpan("2024-01", "2024-02")
    summary = result.summary
    assert summary["months"] == str(MonthSpan("2024-01", "2024-02"))
    assert summary["minor categories left out"] == "RAPE"
    assert summary["LSOA-file crimes in LSOAs not in the lookup"] == 3
    assert (summary["LSOA file, summed to wards"], summary["ward file"]) == (46, 46)
    assert (summary["wards within 1%"], summary["wards within 5%"]) == (1, 1)
    assert result.largest["ward_code"].tolist()[:2] == ["W1", "W2"]


def test_lsoa_ward_agreement_without_overlap_or_with_chosen_categories():
    result = ds.lsoa_ward_agreement(
        LSOA_COUNTS, WARD_COUNTS, LOOKUP, months=MonthSpan("2024-02", "2024-02"),
        categories=["ROBBERY"])
    table = result.table.set_index("ward_code")
    assert table["lsoa_sum"].to_dict() == {"W2": 4} and table["ward_file"].to_dict() == {"W2": 4}
    assert table["gained"].isna().all() and table.at["W2", "reason"] == ""
    assert result.summary["minor categories left out"] == "RAPE, THEFT"


def test_agreement_by_vintage_compares_each_ward_vintage():
    later = WARD_COUNTS.assign(count=WARD_COUNTS["count"] * 2)
    wards = pd.concat([WARD_COUNTS.assign(vintage="v1"), later.assign(vintage="v2")])
    table = ds.agreement_by_vintage(LSOA_COUNTS, wards, LOOKUP)
    assert table.index.tolist() == ["v1", "v2"]
    assert table.loc["v1", "total difference (%)"] == 0.0
    assert table.loc["v2", "total difference (%)"] == -50.0
    assert table.loc["v1", "wards within 1%"] == 1


def test_agreement_by_mismatch_and_the_figure_frame():
    result = ds.lsoa_ward_agreement(LSOA_COUNTS, WARD_COUNTS, LOOKUP, overlap=OVERLAP)
    mismatch = pd.Series({"W1": 0.5, "W2": 0.05, "W3": 0.05})
    table = ds.agreement_by_mismatch(result.table, mismatch)
    assert table["wards"].tolist() == [2, 0, 0, 1]
    assert table.loc["under 10%", "median absolute difference (%)"] == pytest.approx(
        round(100 * 3 / 27 / 2, 1))
    assert table.loc["under 10%", "within 5% (%)"] == 50.0
    assert table.loc["40% or more", "within 1% (%)"] == 0.0
    wards = gpd.GeoDataFrame({"ward_code": ["W1", "W2", "W3", "C1"]},
                             geometry=[square(i * 100) for i in range(4)], crs="EPSG:27700")
    frame = ds.agreement_frame(wards, result, mismatch, named=1)
    assert frame["ward_code"].tolist() == ["W1", "W2", "W3"]
    assert frame["label"].tolist() == ["One", "", ""]
    assert frame["difference class"].astype(str).tolist() == ["20%+ higher", "5–20% lower",
                                                              "within 5%"]


def test_straddling_lsoas_ranks_by_crime_in_the_months():
    table = ds.straddling_lsoas(OVERLAP, LSOA_COUNTS, LOOKUP, LOOKUP.drop_duplicates("ward_code"),
                                MonthSpan("2024-01", "2024-02"))
    assert table[["lsoa_code", "crimes", "best_fit_ward", "other_ward"]].values.tolist() == [
        ["L2", 5, "One", "Two"]]
    assert (table.at[0, "share_inside"], table.at[0, "other_share"]) == (0.3, 0.7)


def test_lsoa_ward_overlap_on_the_tiny_folder(data):
    lookup = geo.lsoa_ward_lookup()
    overlap = ds.lsoa_ward_overlap(geo.lsoas_2021(), geo.wards_2022(), lookup)
    shares = overlap.drop_duplicates("lsoa_code").set_index("lsoa_code")["ward_share"]
    assert shares["E01000001"] == pytest.approx(1.0, abs=1e-3)
    assert shares["E01004652"] == pytest.approx(1.0, abs=1e-3)
    assert overlap["other_ward"].isna().all()  # the tiny LSOAs each sit in one ward


# --- vintages of the borough file -------------------------------------------------------------


def borough_rows(vintage: str, start: str, totals: list[int], unknown: int = 0) -> pd.DataFrame:
    """Two boroughs splitting each month's total, plus an 'Unknown' row per month."""
    span = pd.period_range(start, periods=len(totals), freq="M")
    rows = []
    for month, total in zip(span, totals, strict=True):
        rows += [("E09000033", "Westminster", month, total - total // 2),
                 ("E09000007", "Camden", month, total // 2), (pd.NA, "Unknown", month, unknown)]
    table = pd.DataFrame(rows, columns=["area_code", "area_name", "month", "count"])
    source = f"met_datastore/borough/vintage_{vintage}__x/MPS Borough Level Crime.csv.gz"
    return table.assign(vintage=vintage, minor="THEFT", source=source)


def test_borough_revisions_leave_out_unknown_and_mark_immature_months():
    table = pd.concat([borough_rows("2024-04", "2023-11", [100, 100, 100, 100, 100, 90],
                                    unknown=50),
                       borough_rows("2024-06", "2024-01", [101, 100, 100, 110, 90, 80])])
    result = ds.borough_revisions(table, settle=2, since="2024-01")
    assert result.monthly.index.min() == pd.Period("2024-01", "M")
    rows = result.revised.set_index("month")
    assert rows["revision"].tolist() == [1, 0, 0, 20]  # Unknown rows (50) left out
    assert rows["complete"].tolist() == [True, True, False, False]
    summary = result.summary.loc[("2024-04", "2024-06")]
    assert summary.index.tolist() == ["complete", "not yet complete (earlier vintage's last "
                                                  "2 months)"]
    assert summary.iloc[0]["revision_pct"] == 0.5 and summary.iloc[1]["largest_pct"] == 22.22


def test_year_totals_need_the_whole_year():
    table = pd.concat([borough_rows("2024-12", "2024-01", [10] * 12, unknown=1),
                       borough_rows("2025-03", "2024-04", [11] * 12, unknown=1)])
    totals = ds.year_totals(table, 2024)
    assert totals.index.tolist() == ["2024-12"]
    assert totals.loc["2024-12"].tolist() == [132, 120]


def test_vintage_table_reads_each_vintage_header(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))
    old = borough_rows("2024-04", "2024-03", [100, 90], unknown=5)
    new = borough_rows("2026-06", "2024-03", [100, 95])
    new["area_name"] = new["area_name"].replace("Unknown", "London Heathrow and London City "
                                                            "Airports")
    for table, header in ((old, "MajorText,MinorText,BoroughName,202403,202404"),
                          (new, "Group,SubGroup,BOCU,202403,202404")):
        path = tmp_path / table["source"].iloc[0]
        path.parent.mkdir(parents=True)
        path.write_bytes(gzip.compress(f"{header}\n".encode()))
    table = ds.vintage_table(pd.concat([old, new]))
    assert table["key columns"].tolist() == ["MajorText / MinorText / BoroughName",
                                             "Group / SubGroup / BOCU"]
    assert table.loc["2024-04", ["boroughs", "unknown", "airports"]].tolist() == [190, 10, 0]
    assert table.loc["2026-06", ["unknown", "airports"]].tolist() == [0, 0]
    assert table.loc["2024-04", "outside (%)"] == 5.0


# --- denominators, workforce, centres ---------------------------------------------------------


def test_denominator_table_has_a_row_per_denominator(monkeypatch):
    names = pd.DataFrame({"borough_code": ["E09000001", "E09000033"],
                          "borough_name": ["City of London", "Westminster"]})

    def population(source, year=None):
        if source == "ons_mye":
            raise FileNotFoundError("not here")
        base = {"census2011": 1, "mid2020": 2, "census2021": 3, "workplace2021": 4,
                "workday2021": 5}[source]
        return names.assign(population=[base, 10 * base])

    monkeypatch.setattr(populations, "borough_population", population)
    monkeypatch.setattr(populations, "census2021_boroughs", lambda: names)
    table = ds.denominator_table(["E09000033"])
    assert len(table) == len(populations.DENOMINATORS) + 1 + len(populations.NOT_MIRRORED)
    census = table.loc["Census 2021 usual residents"]
    assert (census["London"], census["Westminster"], census["in the data folder"]) == (33, 30,
                                                                                     True)
    mye = table.loc["ONS mid-year estimates (Census-2021-based)"]
    assert pd.isna(mye["London"]) and not mye["in the data folder"]


def test_workforce_summary_pivots_fte_by_date_and_names_the_file():
    rows = pd.DataFrame({
        "date": pd.to_datetime(["2019-03-31", "2023-03-31", "2023-03-31", "2025-09-30",
                                "2023-03-31"]),
        "worker_type": ["police officer", "police officer", "police staff", "police officer",
                        "special constable"],
        "fte": [1.0, 100.4, 50.6, 90.0, 0.0],
        "source": ["ods", "ods", "ods", home_office.DERIVED, "ods"],
    })
    table = ds.workforce_summary(rows)
    assert table.index.tolist() == ["31 Mar 2023", "30 Sep 2025"]
    assert table.loc["31 Mar 2023", "police officer"] == 100
    assert table.loc["31 Mar 2023", "police staff"] == 51
    assert pd.isna(table.loc["30 Sep 2025", "police staff"])
    assert table.loc["30 Sep 2025", "source"].startswith("third-party")


def test_centre_table_gives_each_centre_its_core_and_lowest_confidence():
    centres = pd.DataFrame({
        "centre": ["B", "B", "B", "A"], "named_in": ["A2", "A2", "A2", "A1;C1"],
        "ward_name": ["b1", "b2", "b3", "a1"], "role": ["core", "core", "part", "core"],
        "method": ["ward name", "landmark point", "local knowledge", "ward name"],
        "confidence": ["high", "medium", "low", "high"],
    })
    table = ds.centre_table(centres)
    assert table.index.tolist() == ["B", "A"]
    assert table.loc["B"].tolist() == ["A2", "b1, b2", 1, "ward name, landmark point",
                                       "medium"]
    assert table.loc["A", "named in"] == "A1, C1"


# --- the mirror ---------------------------------------------------------------------------------

MET_WARDS = ("met_datastore/ward/vintage_2026-03__hou1020/"
             "MPS Ward Level Crime (most recent 24 months).csv.gz")


@pytest.mark.slow
@requires_mirror(met.LSOA_FILE, MET_WARDS, geo.LOOKUP_FILE, geo.WARDS22_FILE, geo.LSOA21_ZIP)
def test_mirror_met_lsoa_and_ward_products_agree_in_total_not_by_ward(mirror):
    lookup, wards, lsoas = geo.lsoa_ward_lookup(), geo.wards_2022(), geo.lsoas_2021()
    overlap = ds.lsoa_ward_overlap(lsoas, wards, lookup)
    lsoa_counts = met.load_lsoa_counts()
    result = ds.lsoa_ward_agreement(lsoa_counts, met.load_counts("ward", "2026-03"), lookup,
                                    overlap=overlap)
    summary = result.summary
    assert summary["months"] == str(MonthSpan("2024-04", "2026-02"))
    assert summary["minor categories compared"] == 29
    assert summary["minor categories left out"] == ("FRAUD AND FORGERY, NFIB, OTHER SEXUAL "
                                                    "OFFENCES, RAPE")
    assert (summary["LSOA file, summed to wards"], summary["ward file"]) == (1_659_027,
                                                                            1_659_132)
    assert summary["total difference (%)"] == -0.006
    assert summary["wards compared"] == 679
    assert (summary["wards within 1%"], summary["wards within 5%"]) == (86, 279)
    assert summary["median absolute difference (%)"] == 6.37
    table = result.table.set_index("ward_name")
    assert table.at["Heathrow Villages", "reason"].startswith("airport")
    assert table.at["Heathrow Villages", "difference"] == 3
    assert result.largest["ward_name"].tolist()[:4] == ["Marylebone", "Stratford",
                                                        "Stratford Olympic Park", "West End"]
    assert round(table.at["Marylebone", "pct_difference"], 1) == 111.5
    assert round(table.at["Stratford", "pct_difference"], 1) == 102.3
    # wards touched by a straddling LSOA agree within 5% half as often as the others
    flagged = table["gained"] + table["lost"] > 0
    within = table["pct_difference"].abs() <= 5
    assert (flagged.sum(), round(within[flagged].mean(), 3)) == (612, 0.376)
    assert ((~flagged).sum(), round(within[~flagged].mean(), 3)) == (67, 0.731)
    top = ds.straddling_lsoas(overlap, lsoa_counts, lookup, wards, result.months)
    assert top[["lsoa_name", "crimes", "best_fit_ward", "other_ward"]].head(2).values.tolist() \
        == [["Newham 039D", 7_009, "Stratford", "Stratford Olympic Park"],
            ["Westminster 011B", 6_640, "Marylebone", "West End"]]
    by_mismatch = ds.agreement_by_mismatch(result.table, ds.ward_mismatch(lsoas, wards, lookup))
    assert by_mismatch["wards"].sum() == 679
    assert by_mismatch["within 5% (%)"].is_monotonic_decreasing
    by_vintage = ds.agreement_by_vintage(lsoa_counts, met.load_all_vintages("ward"), lookup)
    assert by_vintage["minor categories compared"].tolist() == [25, 25, 29, 29, 29]
    assert by_vintage["wards within 5%"].tolist() == [87, 90, 279, 283, 279]


@requires_mirror(geo.WARDS22_FILE, MET_WARDS, geo.LOOKUP_FILE, geo.LSOA21_ZIP, met.LSOA_FILE)
def test_mirror_ward_join_and_lookup_checks(mirror):
    wards, lookup = geo.wards_2022(), geo.lsoa_ward_lookup()
    join = geo.ward_code_join(met.ward_list())
    summary = ds.ward_join_summary(join).set_index(["status", "note"])["wards"]
    assert summary[("both", "—")] == 678 and summary.xs("ONS only").sum() == 25
    assert ds.ward_status(wards, join).value_counts().to_dict() == {ds.MET_WARD: 678,
                                                                   ds.SO18_WARD: 1}
    overlap = ds.lsoa_ward_overlap(geo.lsoas_2021(), wards, lookup)
    checks = ds.lookup_checks(lookup, wards, overlap, met.load_lsoa_counts())
    assert checks["wards given at least one LSOA"] == 684
    assert checks["City of London wards given no LSOA"] == 20
    assert checks["LSOAs per Met ward: fewest"] == 2 and checks["LSOAs per Met ward: most"] == 14
    assert checks["… of which in the City of London"] == 6


@requires_mirror("met_datastore/borough")
def test_mirror_borough_vintages_and_revisions(mirror):
    borough = met.load_all_vintages("borough")
    vintages = ds.vintage_table(borough)
    assert vintages.index.tolist() == ["2024-11", "2025-02", "2025-11", "2025-12", "2026-06"]
    assert vintages.loc["2026-06", "key columns"] == "Group / SubGroup / BOCU"
    assert vintages.loc["2025-12", "key columns"] == "MajorText / MinorText / BoroughName"
    assert vintages.loc["2026-06", ["unknown", "airports"]].tolist() == [12, 0]
    revised = ds.borough_revisions(borough)
    summary = revised.summary
    assert summary["largest_pct"].max() == 2.34
    assert summary.loc[("2025-11", "2025-12", "complete"), "largest_pct"] == 0.04
    totals = ds.year_totals(borough, 2024)
    assert totals["every row"].tolist() == [933_096, 939_858, 939_957]  # SOURCES.md's figures


@requires_mirror(populations.CENSUS_LTLA, populations.ODWP, populations.MID2020,
                 geo.STAT_GIS_ZIP)
def test_mirror_denominators_match_the_sources_table(mirror):
    table = ds.denominator_table()
    assert table.loc["Census 2021 usual residents", ["London", "Westminster", "Camden",
                                                      "City of London"]].tolist() == [
        8_799_710, 204_235, 210_135, 8_580]
    assert table.loc["Census 2021 workday population (derived)", "Westminster"] == 367_509
    assert table.loc["ONS mid-2020 estimate (old series)", "London"] == 9_002_488
    derivation = ds.workday_derivation()
    assert derivation.loc["London", "workday"] == 8_951_333
    assert (derivation["workplace"] + derivation["not_in_employment"] + derivation["under_16"]
            == derivation["workday"]).all()
