"""Tests for hotspots.io.boundaries: the boundary layers, the 2022 wards and the best-fit
lookup, on a tiny folder (``geodata``) and, for the mirror tests, on the real data."""

from __future__ import annotations

import gzip

import geopandas as gpd
import pandas as pd
import pytest
from conftest import requires_mirror
from geodata import (
    LOOKUP_ROWS,
    WARDS_2022,
    X0,
    Y0,
    lsoa21,
    make_data_folder,
    write_lookup,
    write_lsoas_2021,
    write_wards_2022,
)
from shapely.geometry import Point

from hotspots import config as paths
from hotspots.io import boundaries as geo
from hotspots.io import met
from hotspots.io.errors import DataFileError
from hotspots.io.ledger import LEDGER

MET_WARDS = ("met_datastore/ward/vintage_2026-03__hou1020/"
             "MPS Ward Level Crime (most recent 24 months).csv.gz")


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A data folder with tiny boundary files in the publishers' layouts, and an empty cache."""
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "cache"))
    return make_data_folder(tmp_path / "data")


def test_lsoas_2021_reads_every_borough_file_with_normalised_columns(data):
    lsoas = geo.lsoas_2021()
    assert list(lsoas.columns) == ["lsoa_code", "lsoa_name", "msoa_code", "msoa_name",
                                   "borough_code", "borough_name", "geometry"]
    assert lsoas["lsoa_code"].tolist() == ["E01000001", "E01004651", "E01004652"]
    assert lsoas.crs.to_epsg() == 27700
    assert LEDGER["geography/lsoas_2021"].files == 2
    assert geo.lsoa_to_borough().set_index("lsoa_code")["borough_name"].to_dict() == {
        "E01000001": "City of London", "E01004651": "Westminster", "E01004652": "Westminster"}


def test_lsoas_2021_come_back_from_the_geoparquet_cache(data, tmp_path, monkeypatch):
    first = geo.lsoas_2021()
    assert len(list((tmp_path / "cache").glob("lsoas_2021-*.parquet"))) == 1

    def no_reading(*args, **kwargs):
        raise AssertionError("the shapefiles were read again")

    monkeypatch.setattr(gpd, "read_file", no_reading)
    again = geo.lsoas_2021()
    assert isinstance(again, gpd.GeoDataFrame)
    assert again.crs.to_epsg() == 27700
    assert again.geom_equals(first).all()


def test_a_borough_file_holding_another_borough_is_an_error(data):
    write_lsoas_2021(data, {"Westminster": lsoa21(["E01004651"], "Camden", "E09000007")})
    with pytest.raises(DataFileError, match=r"LB_shp/Westminster\.shp: holds boroughs \['Camden'"):
        geo.lsoas_2021()


def test_a_repeated_lsoa_code_is_an_error(data):
    write_lsoas_2021(data, {
        "Westminster": lsoa21(["E01004651"], "Westminster", "E09000033"),
        "Camden": lsoa21(["E01004651"], "Camden", "E09000007"),
    })
    with pytest.raises(DataFileError, match="lsoa_code E01004651 appears more than once"):
        geo.lsoas_2021()


def test_invalid_geometry_is_repaired_and_counted(data):
    lsoas = geo.lsoas_2011()
    assert lsoas.is_valid.all()
    bowtie = lsoas.set_index("lsoa_code").loc["E01004651", "geometry"]
    assert bowtie.area == pytest.approx(5000)  # two triangles of 2,500 m² each
    assert LEDGER["geography/lsoas_2011"].notes == ["make_valid repaired 1 geometries (E01004651)"]
    assert lsoas["usual_residents"].tolist() == [1465, 1500, 1600]


def test_wards_2014_have_normalised_columns(data):
    wards = geo.wards_2014()
    assert list(wards.columns) == ["ward_code", "ward_name", "borough_code", "borough_name",
                                   "hectares", "geometry"]
    assert wards["ward_code"].tolist() == ["E05000002", "E05000630", "E05000644"]


def test_a_missing_boundary_zip_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))
    with pytest.raises(DataFileError, match="statistical-gis-boundaries-london.zip: file not"):
        geo.boroughs()


def test_london_outline_is_the_union_of_the_boroughs(data):
    outline = geo.london_outline()
    assert outline.area == pytest.approx(30000)
    assert outline.contains(Point(X0 + 150, Y0 + 50))
    assert not outline.contains(Point(X0 + 350, Y0 + 50))


@requires_mirror(geo.STAT_GIS_ZIP, geo.LSOA21_ZIP)
def test_mirror_boundary_counts(mirror):
    boroughs = geo.boroughs()
    assert len(boroughs) == 33
    lsoas = geo.lsoas_2021()
    assert len(lsoas) == lsoas["lsoa_code"].nunique() == 4994
    assert set(lsoas["borough_code"]) == set(boroughs["borough_code"])
    assert lsoas.is_valid.all() and LEDGER["geography/lsoas_2021"].notes == []
    assert len(geo.lsoas_2011()) == 4835
    assert LEDGER["geography/lsoas_2011"].notes[0].startswith("make_valid repaired 8 ")
    assert len(geo.msoas_2011()) == 983
    assert len(geo.wards_2014()) == 649
    assert len(geo.wards_2014(city_merged=True)) == 625
    assert geo.london_outline(close_thames=False).area / 1e6 == pytest.approx(1573.40, abs=0.01)


# --- 2022 wards -----------------------------------------------------------------------------


def test_wards_2022_are_reprojected_london_only_and_repaired(data):
    wards = geo.wards_2022()
    assert list(wards.columns) == ["ward_code", "ward_name", "borough_code", "borough_name",
                                   "city", "easting", "northing", "geometry"]
    assert wards["ward_code"].tolist() == ["E05009288", "E05013806", "E05013808"]
    assert wards["city"].tolist() == [True, False, False]
    assert wards.crs.to_epsg() == 27700 and wards.is_valid.all()
    west_end = wards.set_index("ward_code").at["E05013808", "geometry"]
    assert west_end.area == pytest.approx(10_000, rel=1e-3)  # the 100 m square, back in metres
    assert west_end.centroid.x == pytest.approx(X0 + 250, abs=0.5)
    report = LEDGER["geography/wards_2022"]
    assert (report.rows_read, report.rows_kept) == (4, 3)
    assert report.dropped == {"ward outside London (LAD22CD not E09)": 1}
    assert report.notes == ["make_valid repaired 1 geometries (E05013806)"]


def test_a_bad_ward_code_or_truncated_file_names_the_file(data):
    rows = [*WARDS_2022[:2], ("E0501380", "West End", "E09000033", "Westminster",
                              WARDS_2022[2][4])]
    write_wards_2022(data, rows)
    with pytest.raises(DataFileError, match=r"geojson.gz: feature 3: WD22CD 'E0501380' is not"):
        geo.wards_2022()
    path = data / geo.WARDS22_FILE
    path.write_bytes(gzip.compress(b"{}")[:10])
    with pytest.raises(DataFileError, match="wards_dec2022_london.geojson.gz: truncated"):
        geo.wards_2022()


def test_ward_code_join_reports_matches_and_strays(data):
    met_wards = pd.DataFrame({
        "area_code": ["E05013808", "E05013806", "E05013806", "E05000001", pd.NA],
        "area_name": ["West End", "St. James's", "St. James's", "Nowhere", "Heathrow Villages"],
        "borough": ["Westminster", "Westminster", "Westminster", "Westminster",
                    "Aviation Security (SO18)"],
    })
    table = geo.ward_code_join(met_wards).set_index("ward_code", drop=False)
    assert table["status"].value_counts().to_dict() == {
        "both": 2, "ONS only": 1, "Met only": 1, "no code in the Met table": 1}
    assert table.at["E05013808", "same_name"] and table.at["E05013808", "same_borough"]
    assert not table.at["E05013806", "same_name"]  # "St. James's" is not "St James's"
    assert table.at["E05013806", "note"] == "names differ"
    assert table.at["E05009288", "note"].startswith("City of London ward")
    assert table.at["E05000001", "note"] == "code not among the December 2022 wards"
    uncoded = table[table["status"] == "no code in the Met table"].iloc[0]
    assert "Aviation Security (SO18)" in uncoded["note"]
    with pytest.raises(ValueError, match="lacks columns"):
        geo.ward_code_join(met_wards.drop(columns="borough"))


def test_lsoa_ward_lookup_keeps_london_and_accounts_for_the_rest(data):
    lookup = geo.lsoa_ward_lookup()
    assert lookup.columns.tolist() == ["lsoa_code", "lsoa_name", "ward_code", "ward_name",
                                       "borough_code", "borough_name", "city"]
    assert lookup.set_index("lsoa_code")["ward_code"].to_dict() == {
        "E01000001": "E05009288", "E01004651": "E05013806", "E01004652": "E05013808"}
    report = LEDGER["geography/lsoa_ward_lookup"]
    assert (report.rows_read, report.rows_kept) == (5, 3)
    assert report.dropped == {"LSOA outside London": 2}


def test_lookup_lsoa_in_a_london_ward_but_not_in_the_boundaries_is_named(data):
    write_lookup(data, [*LOOKUP_ROWS, ("E01099999", "E05013808", "West End")])
    assert len(geo.lsoa_ward_lookup()) == 3
    report = LEDGER["geography/lsoa_ward_lookup"]
    assert report.dropped["LSOA maps to a London ward but is not in the 2021 LSOA boundaries"] == 1
    assert "E01099999" in report.notes[0]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([r for r in LOOKUP_ROWS if r[0] != "E01004652"],
         r"1 London LSOAs are not in the lookup, e.g. \['E01004652'\]"),
        ([*LOOKUP_ROWS, ("E01004652", "E05013808", "West End")],
         r"row 7: London LSOA listed twice: 'E01004652'"),
        ([*LOOKUP_ROWS[:4], ("E01004652", "E05013808", "Soho")],
         r"row 6: ward name differs from the ward boundaries: 'Soho'"),
        ([*LOOKUP_ROWS[:4], ("E01004652", "E05009288", "Aldersgate")],
         r"row 6: the LSOA's borough is not its ward's borough"),
        ([*LOOKUP_ROWS[:4], ("E01004652", "E05099999", "Elsewhere")],
         r"row 6: ward code is not a London ward of December 2022"),
    ],
)
def test_lookup_errors_name_the_row(data, rows, message):
    write_lookup(data, rows)
    with pytest.raises(DataFileError, match=message):
        geo.lsoa_ward_lookup()


# --- mirror ---------------------------------------------------------------------------------


@requires_mirror(geo.WARDS22_FILE, MET_WARDS)
def test_mirror_2022_wards_join_the_met_codes_exactly(mirror):
    wards = geo.wards_2022()
    assert len(wards) == 704 and wards["city"].sum() == 25
    assert wards["borough_code"].nunique() == 33 and wards.is_valid.all()
    assert LEDGER["geography/wards_2022"].notes == []  # 704/704 valid, nothing repaired
    table = geo.ward_code_join(met.ward_list("2026-03"))
    assert table["status"].value_counts().to_dict() == {"both": 679, "ONS only": 25}
    joined = table[table["status"] == "both"]
    assert joined["same_name"].all()
    assert joined.loc[~joined["same_borough"], "ons_name"].tolist() == ["Heathrow Villages"]
    assert set(table.loc[table["status"] == "ONS only", "ons_borough"]) == {"City of London"}
    # the counts loader gives Heathrow Villages (filed under SO18) no code
    counts = geo.ward_code_join(met.load_counts("ward", "2026-03"))
    assert counts["status"].value_counts()["no code in the Met table"] == 1


@requires_mirror(geo.LOOKUP_FILE, geo.WARDS22_FILE, geo.LSOA21_ZIP)
def test_mirror_lookup_covers_every_london_lsoa_once(mirror):
    lookup = geo.lsoa_ward_lookup()
    assert len(lookup) == lookup["lsoa_code"].nunique() == 4994
    assert (~lookup["city"]).sum() == 4988 and lookup["city"].sum() == 6
    wards = geo.wards_2022()
    met_wards = set(wards.loc[~wards["city"], "ward_code"])
    assert met_wards <= set(lookup["ward_code"])  # every Met ward gets an LSOA
    assert lookup.loc[lookup["city"], "ward_code"].nunique() == 5
    report = LEDGER["geography/lsoa_ward_lookup"]
    assert report.dropped == {"LSOA outside London": 30_678} and report.notes == []
