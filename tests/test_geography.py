"""Tests of the geography layer: boundaries, lookups, populations, ward names, grids, town centres.

Unit tests build tiny boundary zips, panels and CSVs in tmp_path with known answers; tests marked
``mirror`` check the real files in the data folder and skip when they are absent.
"""

from __future__ import annotations

import gzip
import io
import math
import os
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon, box

from hotspots import config as paths
from hotspots.io import boundaries as geo
from hotspots.io.errors import DataFileError
from hotspots.io.ledger import LEDGER

HEX_AREA = 3 * math.sqrt(3) / 2


def zip_layers(target: Path, folder: str, layers: dict[str, gpd.GeoDataFrame]) -> None:
    """Write each layer as a shapefile and zip its components under ``folder``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work, zipfile.ZipFile(target, "w") as archive:
        for name, frame in layers.items():
            frame.to_file(Path(work) / f"{name}.shp")
        for part in sorted(Path(work).iterdir()):
            archive.write(part, folder + part.name)


def layer(rows: list[dict], shapes: list) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=shapes, crs=geo.BNG)


BOROUGHS = layer(
    [
        {"NAME": "City of London", "GSS_CODE": "E09000001", "HECTARES": 1.0, "ONS_INNER": "T"},
        {"NAME": "Westminster", "GSS_CODE": "E09000033", "HECTARES": 2.0, "ONS_INNER": "T"},
    ],
    [box(0, 0, 100, 100), box(100, 0, 300, 100)],
)
WARDS = layer(
    [
        {"NAME": "Bishopsgate", "GSS_CODE": "E05000002", "LB_GSS_CD": "E09000001",
         "BOROUGH": "City of London", "HECTARES": 1.0},
        {"NAME": "St. James's", "GSS_CODE": "E05000644", "LB_GSS_CD": "E09000033",
         "BOROUGH": "Westminster", "HECTARES": 1.0},
        {"NAME": "Abbey Road", "GSS_CODE": "E05000630", "LB_GSS_CD": "E09000033",
         "BOROUGH": "Westminster", "HECTARES": 1.0},
    ],
    [box(0, 0, 100, 100), box(100, 0, 200, 100), box(200, 0, 300, 100)],
)
BOWTIE = Polygon([(100, 0), (200, 100), (200, 0), (100, 100)])  # self-intersecting
LSOAS_2011 = layer(
    [
        {"LSOA11CD": code, "LSOA11NM": name, "MSOA11CD": "E02000001", "MSOA11NM": "m",
         "LAD11CD": lad, "LAD11NM": lad_name, "USUALRES": res, "HHOLDRES": res,
         "COMESTRES": 0, "HHOLDS": 1}
        for code, name, lad, lad_name, res in [
            ("E01000001", "City of London 001A", "E09000001", "City of London", 1465),
            ("E01004651", "Westminster 003A", "E09000033", "Westminster", 1500),
            ("E01004652", "Westminster 017A", "E09000033", "Westminster", 1600),
        ]
    ],
    [box(0, 0, 100, 100), BOWTIE, box(200, 0, 300, 100)],
)


def lsoa21(codes: list[str], borough: str, lad: str) -> gpd.GeoDataFrame:
    rows = [{"lsoa21cd": c, "lsoa21nm": f"{borough} {c[-3:]}", "msoa21cd": "E02000001",
             "msoa21nm": "m", "lad22cd": lad, "lad22nm": borough} for c in codes]
    return layer(rows, [box(i * 10, 0, i * 10 + 10, 10) for i in range(len(codes))])


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A data folder with tiny boundary zips in the publisher's layout, and an empty cache."""
    root = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_ENV, str(root))
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "cache"))
    zip_layers(
        root / geo.STAT_GIS_ZIP,
        "statistical-gis-boundaries-london/ESRI/",
        {"London_Borough_Excluding_MHW": BOROUGHS, "London_Ward": WARDS,
         "LSOA_2011_London_gen_MHW": LSOAS_2011},
    )
    write_lsoas_2021(root, {
        "Westminster": lsoa21(["E01004651", "E01004652"], "Westminster", "E09000033"),
        "City of London": lsoa21(["E01000001"], "City of London", "E09000001"),
    })
    return root


def write_lsoas_2021(root, files: dict[str, gpd.GeoDataFrame]) -> None:
    target = root / geo.LSOA21_ZIP
    target.unlink(missing_ok=True)
    zip_layers(target, geo.LSOA21_FOLDER, files)


# --- boundaries -------------------------------------------------------------------------------


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
    assert outline.contains(Point(150, 50)) and not outline.contains(Point(350, 50))


# --- populations ------------------------------------------------------------------------------


def test_census2011_population_sums_usual_residents_by_borough(data):
    table = geo.borough_population("census2011")
    assert table.to_dict("records") == [
        {"borough_code": "E09000001", "borough_name": "City of London", "population": 1465,
         "year": 2011, "source": "census2011"},
        {"borough_code": "E09000033", "borough_name": "Westminster", "population": 3100,
         "year": 2011, "source": "census2011"},
    ]
    with pytest.raises(ValueError, match="census2011 is for 2011"):
        geo.borough_population("census2011", year=2021)
    with pytest.raises(ValueError, match="unknown population source"):
        geo.borough_population("landscan")


def write_panel(root, population: list[float | None]) -> None:
    months = pd.to_datetime(["2024-05-01", "2024-06-01"])
    codes = ["E01000001", "E01004651", "E01004652", "E01099999"]  # the last is outside London
    panel = pd.DataFrame({
        "lsoa_code": [c for c in codes for _ in months],
        "month": list(months) * len(codes),
        "population_est": population,
    })
    target = root / geo.PANEL
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    panel.to_parquet(buffer, index=False)
    target.write_bytes(gzip.compress(buffer.getvalue()))


def test_panel_estimate_sums_the_london_lsoas_for_one_month(data):
    write_panel(data, [10, 11, 20, 21, 30, 31, 900, 900])
    may = geo.borough_population("panel_estimate", month="2024-05")
    assert may.set_index("borough_name")["population"].to_dict() == {
        "City of London": 10, "Westminster": 50}
    latest = geo.borough_population("panel_estimate")
    assert latest["population"].tolist() == [11, 52]
    assert set(latest["year"]) == {2024} and set(latest["source"]) == {"panel_estimate"}


def test_panel_estimate_refuses_to_undercount(data):
    write_panel(data, [10, 11, None, 21, 30, None, 900, 900])
    with pytest.raises(DataFileError, match="missing \\(NaN\\) for 1 of the 3 London LSOAs"):
        geo.borough_population("panel_estimate", month="2024-05")


MYE2 = (
    "MYE2: Population estimates: Persons by single year of age and sex,,,,,\n"
    "Mid-2022,,,,,\n"
    "Code,Name,Geography,All ages,0,1\n"
    'E09000001,City of London,London Borough,"8,618",50,40\n'
    'E09000033,Westminster,London Borough,"204,236",2000,1900\n'
    'E12000007,London,Region,"8,866,180",1,1\n'
    ",,,,,\n"
)


def test_read_ons_mid_year_reads_the_mye2_layout(tmp_path):
    path = tmp_path / "mye2.csv"
    path.write_text(MYE2)
    table = geo.read_ons_mid_year(path)
    assert table["population"].tolist() == [8618, 204236, 8866180]
    assert set(table["year"]) == {2022}
    assert table["geography"].tolist() == ["London Borough", "London Borough", "Region"]
    assert geo.read_ons_mid_year(path, year=2021)["year"].iloc[0] == 2021


def test_read_ons_mid_year_reads_the_long_layout(tmp_path):
    path = tmp_path / "nomis.csv"
    path.write_text("DATE,GEOGRAPHY_NAME,GEOGRAPHY_CODE,OBS_VALUE\n"
                    "2021,City of London,E09000001,8583\n2022,City of London,E09000001,8618\n")
    table = geo.read_ons_mid_year(path)
    assert table[["code", "year", "population"]].values.tolist() == [
        ["E09000001", 2021, 8583], ["E09000001", 2022, 8618]]


def test_read_ons_mid_year_names_the_line_of_a_bad_value(tmp_path):
    path = tmp_path / "mye2_mid-2022.csv"
    path.write_text(MYE2.replace('"204,236"', "n/a"))
    with pytest.raises(DataFileError, match=r"row 5: population 'n/a' is not a whole number"):
        geo.read_ons_mid_year(path)
    path.write_text("code,name,year,population\nE09000001,City,2022,1\nE09000001,City,2022,2\n")
    with pytest.raises(DataFileError, match="row 3: E09000001 appears twice for mid-2022"):
        geo.read_ons_mid_year(path)


def test_ons_mye_population_comes_from_the_download_folder(data):
    with pytest.raises(FileNotFoundError, match="MYE2 - Persons.*geography/ons_mid_year"):
        geo.borough_population("ons_mye", year=2022)
    folder = data / geo.ONS_MYE_DIR
    folder.mkdir(parents=True)
    (folder / "MYE2_persons_mid-2022.csv").write_text(MYE2)
    table = geo.borough_population("ons_mye")
    assert table["population"].tolist() == [8618, 204236]
    assert set(table["year"]) == {2022} and set(table["source"]) == {"ons_mye"}
    with pytest.raises(FileNotFoundError, match="No mid-2019 figures"):
        geo.borough_population("ons_mye", year=2019)


# --- ward names -------------------------------------------------------------------------------


def test_ward_name_report_says_how_each_met_ward_joins(data):
    met = pd.DataFrame({
        "ward_code": ["E05000002", "E05013805", "E05013806", "E05013570", "E05013805"],
        "ward_name": ["Bishopsgate", "St James's", "Pimlico North", "Heathrow Villages",
                      "St James's"],
        "borough": ["City of London", "Westminster", "Westminster", "Aviation Security (SO18)",
                    "Westminster"],
    })
    report = geo.ward_name_report(met).set_index("ward_code")
    assert len(report) == 4
    assert report["match"].to_dict() == {
        "E05013570": "none", "E05000002": "code", "E05013806": "none", "E05013805": "name"}
    assert report.loc["E05013805", "ward_2014_code"] == "E05000644"
    assert report.loc["E05013805", "ward_2014_name"] == "St. James's"
    assert report.loc["E05000002", "ward_2014_code"] == "E05000002"
    assert pd.isna(report.loc["E05013570", "borough_code"])
    with pytest.raises(ValueError, match="lacks columns \\['borough'\\]"):
        geo.ward_name_report(met.drop(columns="borough"))


# --- grids ------------------------------------------------------------------------------------


def test_square_grid_counts_and_areas_on_a_rectangle():
    grid = geo.square_grid(box(0, 0, 1000, 500), 100)
    assert len(grid) == 50
    assert grid.area.eq(10_000).all()
    assert grid["cell_id"].tolist() == list(range(50))
    assert grid.geometry.iloc[0].bounds == (0, 0, 100, 100)
    shifted = geo.square_grid(box(50, 50, 1050, 550), 100)
    assert len(shifted) == 11 * 6  # cells stay on multiples of 100 m
    assert shifted.crs.to_epsg() == 27700


def test_hex_grid_tiles_a_rectangle_without_gaps_or_overlaps():
    area = box(0, 0, 1000, 600)
    grid = geo.hex_grid(area, 100)
    assert grid.area.round(6).eq(round(HEX_AREA * 100**2, 6)).all()
    union = grid.union_all()
    assert area.difference(union).area == pytest.approx(0, abs=1e-6)
    assert grid.area.sum() == pytest.approx(union.area)
    assert (grid.intersection(area).area > 0).all()
    assert len(geo.hex_grid(box(-5, -5, 5, 5), 100)) == 1


def test_grids_accept_a_geodataframe_and_check_their_inputs():
    frame = gpd.GeoDataFrame(geometry=[box(0, 0, 200, 200)], crs=geo.BNG)
    assert len(geo.square_grid(frame, 100)) == 4
    with pytest.raises(ValueError, match="no CRS"):
        geo.hex_grid(gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)]), 100)
    with pytest.raises(ValueError, match="cell_size must be positive"):
        geo.square_grid(box(0, 0, 1, 1), 0)


# --- town centres -----------------------------------------------------------------------------


def test_read_town_centres_renames_and_reprojects_a_geopackage(tmp_path):
    path = tmp_path / "town_centres.gpkg"
    gpd.GeoDataFrame(
        {"TC_NAME": ["West End"], "TYPE": ["International"]},
        geometry=[Point(-0.1337, 51.5136)], crs="EPSG:4326",
    ).to_file(path)
    centres = geo.read_town_centres(path, columns={"TC_NAME": "name", "TYPE": "classification"})
    assert centres[["name", "classification"]].values.tolist() == [["West End", "International"]]
    assert centres.crs.to_epsg() == 27700
    x, y = centres.geometry.iloc[0].coords[0]
    assert 529000 < x < 530500 and 180500 < y < 181500
    with pytest.raises(DataFileError, match=r"missing columns \['name', 'classification'\]"):
        geo.read_town_centres(path)


def test_read_town_centres_reads_points_from_a_csv(tmp_path):
    path = tmp_path / "centres.csv"
    path.write_text("Name,Classification,Easting,Northing\nCroydon,Metropolitan,532500,165500\n")
    centres = geo.read_town_centres(path)
    assert centres.geometry.iloc[0].coords[0] == (532500, 165500)
    path.write_text("Name,Classification,Easting,Northing\nCroydon,Metropolitan,x,165500\n")
    with pytest.raises(DataFileError, match="row 2: easting/northing are not numbers"):
        geo.read_town_centres(path)


def test_absent_town_centres_say_what_to_download(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))
    with pytest.raises(FileNotFoundError, match="Town Centre Boundaries.*London Datastore"):
        geo.read_town_centres()


# --- the real data folder -----------------------------------------------------------------------


MET_WARDS = ("met_datastore/ward/vintage_2026-03__hou1020/"
             "MPS Ward Level Crime (most recent 24 months).csv.gz")


def need(*relative: str) -> None:
    missing = [r for r in relative if not (paths.data_dir() / r).exists()]
    if missing:
        pytest.skip(f"not in the data folder: {missing}")


@pytest.fixture
def mirror_cache(tmp_path_factory, monkeypatch):
    """Use $HOTSPOTS_CACHE if set, else a cache shared by this module's mirror tests."""
    if paths.CACHE_ENV not in os.environ:
        monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path_factory.getbasetemp() / "geo-cache"))


@pytest.mark.mirror
def test_mirror_boundary_counts(mirror_cache):
    need(geo.STAT_GIS_ZIP, geo.LSOA21_ZIP)
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
    assert geo.london_outline().area / 1e6 == pytest.approx(1573.40, abs=0.01)


@pytest.mark.mirror
def test_mirror_census_2011_populations(mirror_cache):
    need(geo.STAT_GIS_ZIP)
    table = geo.borough_population("census2011").set_index("borough_name")
    assert table["population"].sum() == 8_173_941  # Census 2011, London usual residents
    assert table.loc["Westminster", "population"] == 219_396
    assert table.loc["City of London", "population"] == 7_375


@pytest.mark.mirror
def test_mirror_panel_population_is_empty_and_ons_mye_absent(mirror_cache):
    need(geo.LSOA21_ZIP, geo.PANEL)
    with pytest.raises(DataFileError, match="NaN\\) for 4,994 of the 4,994 London LSOAs"):
        geo.borough_population("panel_estimate", month="2024-06")
    with pytest.raises(FileNotFoundError, match="MYE2"):
        geo.borough_population("ons_mye")


@pytest.mark.mirror
def test_mirror_met_2022_wards_against_pre_2014_wards(mirror_cache):
    need(geo.STAT_GIS_ZIP, MET_WARDS)
    met = pd.read_csv(paths.data_dir() / MET_WARDS,
                      usecols=["WardCode", "WardName", "LookUp_BoroughName"])
    met = met.rename(columns={"WardCode": "ward_code", "WardName": "ward_name",
                              "LookUp_BoroughName": "borough"})
    report = geo.ward_name_report(met)
    assert len(report) == 679
    assert report["match"].value_counts().to_dict() == {"name": 412, "none": 267}
    assert report.loc[report["borough_code"].isna(), "ward_name"].tolist() == ["Heathrow Villages"]
