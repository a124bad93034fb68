"""Tests for hotspots.io.town_centres: GLA town-centre boundaries, and their absence."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point

from hotspots import config as paths
from hotspots.io import town_centres
from hotspots.io.errors import DataFileError


def test_read_town_centres_renames_and_reprojects_a_geopackage(tmp_path):
    path = tmp_path / "town_centres.gpkg"
    gpd.GeoDataFrame(
        {"TC_NAME": ["West End"], "TYPE": ["International"]},
        geometry=[Point(-0.1337, 51.5136)], crs="EPSG:4326",
    ).to_file(path)
    renames = {"TC_NAME": "name", "TYPE": "classification"}
    centres = town_centres.read_town_centres(path, columns=renames)
    assert centres[["name", "classification"]].values.tolist() == [["West End", "International"]]
    assert centres.crs.to_epsg() == 27700
    x, y = centres.geometry.iloc[0].coords[0]
    assert 529000 < x < 530500 and 180500 < y < 181500
    with pytest.raises(DataFileError, match=r"missing columns \['name', 'classification'\]"):
        town_centres.read_town_centres(path)


def test_read_town_centres_reads_points_from_a_csv(tmp_path):
    path = tmp_path / "centres.csv"
    path.write_text("Name,Classification,Easting,Northing\nCroydon,Metropolitan,532500,165500\n")
    centres = town_centres.read_town_centres(path)
    assert centres.geometry.iloc[0].coords[0] == (532500, 165500)
    path.write_text("Name,Classification,Easting,Northing\nCroydon,Metropolitan,x,165500\n")
    with pytest.raises(DataFileError, match="row 2: easting/northing are not numbers"):
        town_centres.read_town_centres(path)


def test_absent_town_centres_say_what_to_download(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))
    with pytest.raises(FileNotFoundError, match="Town Centre Boundaries.*London Datastore"):
        town_centres.read_town_centres()
