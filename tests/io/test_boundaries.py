"""TODO docstring."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from conftest import requires_mirror
from shapely.geometry import Point, Polygon, box

from hotspots import config as paths
from hotspots.io import boundaries as geo
from hotspots.io.errors import DataFileError
from hotspots.io.ledger import LEDGER


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
