"""TODO docstring."""

from __future__ import annotations

import gzip
import io
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from conftest import requires_mirror
from shapely.geometry import Polygon, box

from hotspots import config as paths
from hotspots.io import boundaries as geo
from hotspots.io import populations
from hotspots.io.errors import DataFileError


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


def write_panel(root, population: list[float | None]) -> None:
    months = pd.to_datetime(["2024-05-01", "2024-06-01"])
    codes = ["E01000001", "E01004651", "E01004652", "E01099999"]  # the last is outside London
    panel = pd.DataFrame({
        "lsoa_code": [c for c in codes for _ in months],
        "month": list(months) * len(codes),
        "population_est": population,
    })
    target = root / populations.PANEL
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    panel.to_parquet(buffer, index=False)
    target.write_bytes(gzip.compress(buffer.getvalue()))


MYE2 = (
    "MYE2: Population estimates: Persons by single year of age and sex,,,,,\n"
    "Mid-2022,,,,,\n"
    "Code,Name,Geography,All ages,0,1\n"
    'E09000001,City of London,London Borough,"8,618",50,40\n'
    'E09000033,Westminster,London Borough,"204,236",2000,1900\n'
    'E12000007,London,Region,"8,866,180",1,1\n'
    ",,,,,\n"
)






def test_census2011_population_sums_usual_residents_by_borough(data):
    table = populations.borough_population("census2011")
    assert table.to_dict("records") == [
        {"borough_code": "E09000001", "borough_name": "City of London", "population": 1465,
         "year": 2011, "source": "census2011"},
        {"borough_code": "E09000033", "borough_name": "Westminster", "population": 3100,
         "year": 2011, "source": "census2011"},
    ]
    with pytest.raises(ValueError, match="census2011 is for 2011"):
        populations.borough_population("census2011", year=2021)
    with pytest.raises(ValueError, match="unknown population source"):
        populations.borough_population("landscan")


def test_panel_estimate_sums_the_london_lsoas_for_one_month(data):
    write_panel(data, [10, 11, 20, 21, 30, 31, 900, 900])
    may = populations.borough_population("panel_estimate", month="2024-05")
    assert may.set_index("borough_name")["population"].to_dict() == {
        "City of London": 10, "Westminster": 50}
    latest = populations.borough_population("panel_estimate")
    assert latest["population"].tolist() == [11, 52]
    assert set(latest["year"]) == {2024} and set(latest["source"]) == {"panel_estimate"}


def test_panel_estimate_refuses_to_undercount(data):
    write_panel(data, [10, 11, None, 21, 30, None, 900, 900])
    with pytest.raises(DataFileError, match="missing \\(NaN\\) for 1 of the 3 London LSOAs"):
        populations.borough_population("panel_estimate", month="2024-05")


def test_read_ons_mid_year_reads_the_mye2_layout(tmp_path):
    path = tmp_path / "mye2.csv"
    path.write_text(MYE2)
    table = populations.read_ons_mid_year(path)
    assert table["population"].tolist() == [8618, 204236, 8866180]
    assert set(table["year"]) == {2022}
    assert table["geography"].tolist() == ["London Borough", "London Borough", "Region"]
    assert populations.read_ons_mid_year(path, year=2021)["year"].iloc[0] == 2021


def test_read_ons_mid_year_reads_the_long_layout(tmp_path):
    path = tmp_path / "nomis.csv"
    path.write_text("DATE,GEOGRAPHY_NAME,GEOGRAPHY_CODE,OBS_VALUE\n"
                    "2021,City of London,E09000001,8583\n2022,City of London,E09000001,8618\n")
    table = populations.read_ons_mid_year(path)
    assert table[["code", "year", "population"]].values.tolist() == [
        ["E09000001", 2021, 8583], ["E09000001", 2022, 8618]]


def test_read_ons_mid_year_names_the_line_of_a_bad_value(tmp_path):
    path = tmp_path / "mye2_mid-2022.csv"
    path.write_text(MYE2.replace('"204,236"', "n/a"))
    with pytest.raises(DataFileError, match=r"row 5: population 'n/a' is not a whole number"):
        populations.read_ons_mid_year(path)
    path.write_text("code,name,year,population\nE09000001,City,2022,1\nE09000001,City,2022,2\n")
    with pytest.raises(DataFileError, match="row 3: E09000001 appears twice for mid-2022"):
        populations.read_ons_mid_year(path)


def test_ons_mye_population_comes_from_the_download_folder(data):
    with pytest.raises(FileNotFoundError, match="MYE2 - Persons.*geography/ons_mid_year"):
        populations.borough_population("ons_mye", year=2022)
    folder = data / populations.ONS_MYE_DIR
    folder.mkdir(parents=True)
    (folder / "MYE2_persons_mid-2022.csv").write_text(MYE2)
    table = populations.borough_population("ons_mye")
    assert table["population"].tolist() == [8618, 204236]
    assert set(table["year"]) == {2022} and set(table["source"]) == {"ons_mye"}
    with pytest.raises(FileNotFoundError, match="No mid-2019 figures"):
        populations.borough_population("ons_mye", year=2019)


@requires_mirror(geo.STAT_GIS_ZIP)
def test_mirror_census_2011_populations(mirror):
    table = populations.borough_population("census2011").set_index("borough_name")
    assert table["population"].sum() == 8_173_941  # Census 2011, London usual residents
    assert table.loc["Westminster", "population"] == 219_396
    assert table.loc["City of London", "population"] == 7_375


@requires_mirror(geo.LSOA21_ZIP, populations.PANEL)
def test_mirror_panel_population_is_empty_and_ons_mye_absent(mirror):
    with pytest.raises(DataFileError, match="NaN\\) for 4,994 of the 4,994 London LSOAs"):
        populations.borough_population("panel_estimate", month="2024-06")
    with pytest.raises(FileNotFoundError, match="MYE2"):
        populations.borough_population("ons_mye")
