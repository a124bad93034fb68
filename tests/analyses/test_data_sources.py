"""TODO docstring."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from conftest import requires_mirror
from shapely.geometry import Polygon, box

from hotspots import config as paths
from hotspots.analyses import data_sources
from hotspots.io import boundaries as geo


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


MET_WARDS = ("met_datastore/ward/vintage_2026-03__hou1020/"
             "MPS Ward Level Crime (most recent 24 months).csv.gz")






def test_ward_name_report_says_how_each_met_ward_joins(data):
    met = pd.DataFrame({
        "ward_code": ["E05000002", "E05013805", "E05013806", "E05013570", "E05013805"],
        "ward_name": ["Bishopsgate", "St James's", "Pimlico North", "Heathrow Villages",
                      "St James's"],
        "borough": ["City of London", "Westminster", "Westminster", "Aviation Security (SO18)",
                    "Westminster"],
    })
    report = data_sources.ward_name_report(met).set_index("ward_code")
    assert len(report) == 4
    assert report["match"].to_dict() == {
        "E05013570": "none", "E05000002": "code", "E05013806": "none", "E05013805": "name"}
    assert report.loc["E05013805", "ward_2014_code"] == "E05000644"
    assert report.loc["E05013805", "ward_2014_name"] == "St. James's"
    assert report.loc["E05000002", "ward_2014_code"] == "E05000002"
    assert pd.isna(report.loc["E05013570", "borough_code"])
    with pytest.raises(ValueError, match="lacks columns \\['borough'\\]"):
        data_sources.ward_name_report(met.drop(columns="borough"))


@requires_mirror(geo.STAT_GIS_ZIP, MET_WARDS)
def test_mirror_met_2022_wards_against_pre_2014_wards(mirror):
    met = pd.read_csv(paths.data_dir() / MET_WARDS,
                      usecols=["WardCode", "WardName", "LookUp_BoroughName"])
    met = met.rename(columns={"WardCode": "ward_code", "WardName": "ward_name",
                              "LookUp_BoroughName": "borough"})
    report = data_sources.ward_name_report(met)
    assert len(report) == 679
    assert report["match"].value_counts().to_dict() == {"name": 412, "none": 267}
    assert report.loc[report["borough_code"].isna(), "ward_name"].tolist() == ["Heathrow Villages"]
