"""Tests for hotspots.viz.explorer on a synthetic 3 × 3 grid of wards."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from book_collection import CRIMES, HOT, QUIET, explorer_grid

from hotspots.viz import explorer
from hotspots.viz.maps import GI_COLOURS


def page_data(page: str) -> dict:
    """The JSON the page's script draws from."""
    match = re.search(r"const DATA = (\{.*?\});\nconst DIV_ID", page, re.DOTALL)
    assert match, "the page holds no DATA"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def page() -> str:
    return explorer.explorer_html(explorer_grid())


def test_the_page_loads_nothing_from_elsewhere(page):
    assert "Plotly.react" in page and "plotly.js" in page.lower()
    assert not re.search(r"<script[^>]*\ssrc=", page)
    assert not re.search(r"<link[^>]*\shref=", page)
    assert len(page) < 5_500_000  # plotly.js (~4.8 MB) and a few kB of data


def test_units_are_drawn_once_in_whole_metres_with_their_names(page):
    layer = page_data(page)["layers"]["ward"]
    assert layer["names"] == [f"Ward {i}" for i in range(1, 10)]
    assert layer["boroughs"][:3] == ["Camden"] * 3
    xs, ys = layer["x"][0], layer["y"][0]  # W1: the south-west square
    assert all(isinstance(v, int) for v in xs + ys)
    assert (min(xs), max(xs), min(ys), max(ys)) == (530_000, 531_000, 180_000, 181_000)
    assert (xs[0], ys[0]) == (xs[-1], ys[-1])  # a closed ring
    # the hover point lies inside its own square
    assert 530_000 < layer["px"][0] < 531_000 and 180_000 < layer["py"][0] < 181_000


def test_counts_fall_into_quintiles_of_the_data(page):
    view = page_data(page)["layers"]["ward"]["crimes"][CRIMES[0]]["views"]["count"]
    # counts 1..9: inverted-CDF quintile breaks are 2, 4, 6, 8 (by hand: F(2)=2/9 ≥ 0.2, ...)
    assert view["classes"] == [0, 0, 1, 1, 2, 2, 3, 3, 4]
    assert view["labels"] == ["1–2", "3–4", "5–6", "7–8", "9"]
    assert len(set(view["colours"])) == 5
    assert view["title"] == f"<b>{CRIMES[0]}</b><br>offences"


def test_missing_rates_are_shown_as_no_data(page):
    data = page_data(page)["layers"]["ward"]["crimes"][CRIMES[1]]
    view = data["views"]["rate_per_1000"]
    assert view["labels"][-1] == explorer.NO_DATA
    assert view["colours"][-1] == explorer.NO_DATA_COLOUR
    assert view["classes"][4] == len(view["labels"]) - 1  # W5
    assert data["rate"][4] is None and data["rate"][0] == 4.5  # burglary 9 / 2


def test_hot_spot_classes_keep_the_gi_order_and_colours(page):
    view = page_data(page)["layers"]["ward"]["crimes"][CRIMES[0]]["views"]["hot_spot_class"]
    assert view["labels"] == [QUIET, HOT]  # cold to hot, as GI_CLASSES
    assert view["colours"] == [GI_COLOURS[QUIET], GI_COLOURS[HOT]]
    assert view["classes"] == [0, 0, 0, 0, 1, 0, 0, 0, 0]


def test_other_classes_are_listed_alphabetically():
    table = explorer_grid()
    table["hot_spot_class"] = np.where(table["count"] > 5, "High-High", "Not significant")
    view = page_data(explorer.explorer_html(table))["layers"]["ward"]["crimes"][CRIMES[0]]
    assert view["views"]["hot_spot_class"]["labels"] == ["High-High", "Not significant"]


def test_a_second_layer_adds_the_units_choice():
    wards = explorer_grid()
    lsoas = wards.assign(layer="LSOA", unit_code=wards["unit_code"].str.replace("W", "L"))
    page = explorer.explorer_html(pd.concat([lsoas, wards], ignore_index=True))
    assert list(page_data(page)["layers"]) == ["ward", "LSOA"]  # wards shown first
    assert '<label>Units<select id="layer">' in page
    single = explorer.explorer_html(wards)
    assert '<label hidden>Units<select id="layer">' in single


def test_names_are_escaped():
    table = explorer_grid()
    table["unit_name"] = "<b>St James's</b>"
    layer = page_data(explorer.explorer_html(table))["layers"]["ward"]
    assert layer["names"][0] == "&lt;b&gt;St James&#x27;s&lt;/b&gt;"


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.drop(columns="rate_per_1000"), "lacks the columns rate_per_1000"),
    (lambda t: t.to_crs("EPSG:4326"), "must be in EPSG:27700"),
    (lambda t: gpd.GeoDataFrame(pd.concat([t, t.iloc[:1]]), crs=t.crs),
     "W1 has more than one row for Theft from the person"),
    (lambda t: t.iloc[:0], "no rows"),
])
def test_bad_tables_are_refused(change, message):
    with pytest.raises(ValueError, match=message):
        explorer.explorer_html(change(explorer_grid()))
