"""Tests for hotspots.analyses.layers: Met tables on units, hexagons on units, neighbours."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import requires_mirror
from lattices import BNG, grid
from met_tables import coded_rows, three_wards, tidy

from hotspots.analyses import layers
from hotspots.geo.grids import HEX_GRID
from hotspots.io import boundaries as geo
from hotspots.io import met
from hotspots.io import police_uk_extracts as extracts
from hotspots.months import MonthSpan

TFP, ROB, BOTH = "theft from the person", "robbery of personal property", "both"
PROXIES = {TFP: ("THEFT FROM THE PERSON",), ROB: ("ROBBERY OF PERSONAL PROPERTY",),
           BOTH: ("THEFT FROM THE PERSON", "ROBBERY OF PERSONAL PROPERTY")}
SPAN = MonthSpan("2024-01", "2024-12")


@pytest.fixture
def wards() -> pd.DataFrame:
    return three_wards()


LISTED = pd.DataFrame({
    "area_code": ["E05000001", "E05000002", "E05000003", "E05000009", "E05000009"],
    "area_name": ["West End", "St. James’s", "Quiet", "Heathrow Villages", "Heathrow Villages"],
    "borough": ["Westminster", "Westminster", "Sutton", "Aviation Security (SO18)",
                "Hillingdon"]})


# --- Met tables ---------------------------------------------------------------------------


def test_proxy_counts_sums_the_window_per_area(wards):
    counts = layers.proxy_counts(wards, "2024-01", "2024-12", PROXIES).set_index("area_name")
    assert list(counts.columns) == ["area_code", "borough", TFP, ROB, BOTH]
    assert counts[TFP].to_dict() == {"West End": 120, "St. James’s": 60, "Quiet": 0,
                                     "Heathrow Villages": 12}
    assert counts[ROB].to_dict() == {"West End": 24, "St. James’s": 0, "Quiet": 12,
                                     "Heathrow Villages": 0}
    assert (counts[BOTH] == counts[TFP] + counts[ROB]).all()
    assert pd.isna(counts.at["Heathrow Villages", "area_code"])  # kept, sorted last
    assert counts.index[-1] == "Heathrow Villages"
    december = layers.proxy_counts(wards, "2023-12", "2023-12", PROXIES).set_index("area_name")
    assert december.at["West End", TFP] == 1000
    default = layers.proxy_counts(wards, "2024-01", "2024-12")  # the phone-theft proxies
    assert list(default.columns[3:]) == ["theft from the person", "robbery of personal property",
                                         "theft from the person + robbery"]


def test_proxy_counts_refuses_bad_tables(wards):
    with pytest.raises(ValueError, match="lacks month"):
        layers.proxy_counts(wards, "2024-01", "2025-03", PROXIES)
    with pytest.raises(ValueError, match="mixes vintages"):
        layers.proxy_counts(pd.concat([wards, wards.assign(vintage="V2")]), "2024-01",
                            "2024-12", PROXIES)
    with pytest.raises(ValueError, match="categories not in the table"):
        layers.proxy_counts(wards, "2024-01", "2024-12", {"bikes": ("BICYCLE THEFT",)})


def test_with_ward_codes_restores_listed_codes_and_adds_up_shared_codes(wards):
    # The same ward also filed under Hillingdon with its own (coded) row, as in one vintage.
    extra = tidy([("E05000009", "Heathrow Villages", "Hillingdon", "THEFT FROM THE PERSON",
                   m, 2) for m in pd.period_range("2023-12", "2025-01", freq="M")])
    counts = layers.proxy_counts(pd.concat([wards, extra]), "2024-01", "2024-12", PROXIES)
    restored = layers.with_ward_codes(counts, LISTED)
    assert restored["area_code"].notna().all() and len(restored) == 4
    heathrow = restored.set_index("area_code").loc["E05000009"]
    assert heathrow[TFP] == 12 + 24  # the SO18 row and the Hillingdon row added up
    assert heathrow["borough"] == "Aviation Security (SO18), Hillingdon"
    assert restored[TFP].sum() == counts[TFP].sum()  # nothing lost
    unlisted = layers.with_ward_codes(counts, LISTED.head(3))
    assert len(unlisted) == 5 and pd.isna(unlisted["area_code"].iat[-1])  # kept, last


def test_listed_codes_fills_only_missing_codes_by_name_and_borough(wards):
    rows = wards.drop_duplicates(["area_name", "borough"])
    codes = layers.listed_codes(rows, LISTED)
    assert codes.tolist() == ["E05000001", "E05000002", "E05000003", "E05000009"]
    assert layers.listed_codes(rows, LISTED.head(3)).isna().sum() == 1


def test_type_minors_reads_minors_majors_or_everything(wards):
    minors = layers.type_minors(wards, ("theft from the person", "burglary", "all crime"))
    assert minors["theft from the person"] == ("THEFT FROM THE PERSON",)
    assert minors["burglary"] == ("RESIDENTIAL BURGLARY",)
    assert set(minors["all crime"]) == set(wards["minor"])
    with pytest.raises(ValueError, match="no Met categories"):
        layers.type_minors(wards[wards["major"] != "BURGLARY"], ("burglary",))


# --- layers -------------------------------------------------------------------------------


def units(n: int = 3) -> gpd.GeoDataFrame:
    frame = grid(n, 1, size=100.0)
    return gpd.GeoDataFrame({"unit_code": frame["id"], "unit_name": frame["id"].str.upper(),
                             "borough": "B", "geometry": frame.geometry}, crs=BNG)


def test_met_counts_on_units_are_missing_where_the_table_has_no_row(wards):
    frame = units().assign(unit_code=["E05000001", "E05000002", "E05000099"])
    counts = layers.proxy_counts(wards, "2024-01", "2024-12", PROXIES)
    counts = counts[counts["area_code"] != "E05000003"]
    on_units = layers._on_units(counts, frame, [TFP], "Met ward")
    assert on_units[TFP].tolist()[:2] == [120.0, 60.0]
    assert np.isnan(on_units.at["E05000099", TFP])  # no row: no data, not zero
    with pytest.raises(ValueError, match="codes that are not units"):
        layers._on_units(counts, frame.iloc[:1], [TFP], "Met ward")


def test_hexagons_go_to_the_unit_holding_their_centre():
    cells = pd.DataFrame({"x": [50.0, 150.0, 160.0, 990.0], "y": [50.0] * 4,
                          TFP: [1.0, 2.0, 3.0, 4.0]})
    counts, outside = layers._hex_on_units(cells, units(), [TFP])
    assert counts[TFP].tolist() == [1.0, 5.0, 0.0]  # c2 gets no centre: 0, not missing
    assert outside[TFP] == 4.0


def test_a_layer_checks_its_parts_and_summarises_units_without_data():
    frame = units()
    counts = pd.DataFrame({TFP: [1.0, np.nan, 3.0]}, index=pd.Index(frame["unit_code"],
                                                                     name="unit_code"))
    layer = layers.Layer("test", "test units", frame, counts, {TFP: "Met"}, {TFP: SPAN})
    summary = layer.summary()
    assert summary.loc[TFP, ["units", "with data", "no data (left out)", "total"]].tolist() == [
        3, 2, 1, 4]
    assert summary.loc[TFP, "months"] == "2024-01–2024-12"
    with pytest.raises(ValueError, match="indexed by the units' codes"):
        layers.Layer("t", "t", frame, counts.iloc[::-1], {TFP: "Met"}, {TFP: SPAN})
    with pytest.raises(ValueError, match="a source and a period"):
        layers.Layer("t", "t", frame, counts, {}, {TFP: SPAN})
    with pytest.raises(ValueError, match="columns"):
        layers.Layer("t", "t", frame.drop(columns="borough"), counts, {TFP: "Met"}, {TFP: SPAN})
    with pytest.raises(ValueError, match="negative"):
        layers.Layer("t", "t", frame, -counts, {TFP: "Met"}, {TFP: SPAN})


def test_layer_weights_follow_each_layers_rule(monkeypatch):
    """Hexagons: the six surrounding cells; wards: queen plus links across the water."""
    lattice = HEX_GRID.cells_in_box((529_000, 180_000, 530_000, 181_000))
    codes = (lattice["hex_q"].astype(str) + "," + lattice["hex_r"].astype(str)).to_numpy()
    hexes = gpd.GeoDataFrame({"unit_code": codes, "unit_name": codes, "borough": pd.NA,
                              "geometry": lattice.geometry.to_numpy()}, crs=BNG)
    counts = pd.DataFrame({TFP: 1.0}, index=pd.Index(codes, name="unit_code"))
    hex_layer = layers.Layer("hexagon", "hexagons", hexes, counts, {TFP: "p"}, {TFP: SPAN})
    weights = layers.layer_weights(hex_layer)
    assert weights.kind == "distance_band" and weights.transform == "B"
    assert weights.max_neighbors == 6
    # two rows of squares 100 m apart across a "river"
    south, north = grid(3, 1, size=100.0), grid(3, 1, size=100.0)
    north = north.assign(id=["n0", "n1", "n2"], geometry=north.translate(0, 200))
    both = pd.concat([south, north], ignore_index=True)
    frame = gpd.GeoDataFrame({"unit_code": both["id"], "unit_name": both["id"],
                              "borough": "B", "geometry": both.geometry}, crs=BNG)
    river = shapely.box(-50, 100, 350, 200)
    monkeypatch.setattr(layers, "tidal_water", lambda: river)
    values = pd.DataFrame({TFP: 1.0}, index=pd.Index(frame["unit_code"], name="unit_code"))
    ward = layers.Layer("ward", "wards", frame, values, {TFP: "Met"}, {TFP: SPAN})
    linked = layers.layer_weights(ward)
    assert linked.n_components == 1 and "n1" in linked.neighbors["c1"]
    lsoa = layers.Layer("lsoa", "LSOAs", frame, values, {TFP: "Met"}, {TFP: SPAN})
    assert layers.layer_weights(lsoa).n_components == 2  # LSOAs run to mid-river: no links


# --- unit x month matrices -------------------------------------------------------------------

MONTHS = pd.period_range("2024-01", "2024-03", freq="M")


def test_unit_month_matrix_sums_fills_zeros_and_leaves_out_missing_codes():
    matrix = layers.unit_month_matrix(coded_rows(), ["A", "B", "C"], MONTHS)
    assert matrix.shape == (3, 3) and matrix.dtypes.eq("int64").all()
    assert matrix.loc["A"].tolist() == [5, 0, 0]  # April is outside the months asked for
    assert matrix.loc["B"].tolist() == [0, 4, 0]
    assert matrix.loc["C"].tolist() == [0, 0, 0]
    assert int(matrix.to_numpy().sum()) == 9  # the row without a code is left out
    with pytest.raises(ValueError, match="not among the units"):
        layers.unit_month_matrix(coded_rows(), ["A"], MONTHS)


def test_period_sums_over_named_month_ranges():
    matrix = pd.DataFrame([[1, 2, 3], [0, 0, 5]], index=["A", "B"], columns=MONTHS)
    sums = layers.period_sums(matrix, {"first two": ("2024-01", "2024-02"), "all": ("2024-01",
                                                                              "2024-03")})
    assert sums.loc["A"].tolist() == [3, 6] and sums.loc["B"].tolist() == [0, 5]
    spans = layers.period_sums(matrix, {"all": MonthSpan("2024-01", "2024-03")})
    assert spans["all"].tolist() == [6, 5]
    missing = matrix.astype(float)
    missing.loc["B"] = float("nan")
    assert pd.isna(layers.period_sums(missing, {"all": ("2024-01", "2024-03")}).at["B", "all"])
    with pytest.raises(ValueError, match="needs months"):
        layers.period_sums(matrix, {"late": ("2024-03", "2024-04")})


# --- the real data ----------------------------------------------------------------------------


@requires_mirror(met.LSOA_FILE, geo.LSOA21_ZIP, extracts.HEX_FILE)
def test_mirror_lsoa_layer(mirror):
    lsoa = layers.lsoas()
    assert lsoa.n == 4_994 and lsoa.types == list(layers.TYPES)
    city = lsoa.units["borough"].eq("City of London").to_numpy()
    for crime in layers.MET_TYPES:
        assert lsoa.values(crime).isna().to_numpy().tolist() == city.tolist()
    assert lsoa.values(layers.ASB).notna().all()  # police.uk covers the City
    assert lsoa.values(TFP).sum() == 97_455 and lsoa.values(TFP).max() == 7_592
    assert str(lsoa.periods[TFP]) == "2024-03–2025-02"
    assert str(lsoa.periods[layers.ASB]) == "2025-05–2026-04"


@requires_mirror("met_datastore/ward", "met_datastore/borough", geo.WARDS22_FILE,
                 extracts.HEX_FILE, geo.STAT_GIS_ZIP, geo.LSOA21_ZIP)
def test_mirror_ward_and_borough_layers_and_their_weights(mirror):
    wards = layers.wards()
    assert wards.n == 704 and wards.values(TFP).isna().sum() == 25
    heathrow = wards.units.set_index("unit_name").at["Heathrow Villages", "unit_code"]
    assert heathrow == "E05013570" and wards.values("all crime")[heathrow] > 5_000
    boroughs = layers.boroughs()
    assert boroughs.n == 33 and boroughs.values(TFP).isna().sum() == 1
    weights = layers.layer_weights(wards)
    assert "links across water" in weights.describe() and weights.n_components == 1
    assert layers.tidal_water().area / 1e6 == pytest.approx(21.4, abs=0.5)
    police = layers.police_uk_counts(boroughs)
    assert police.values(TFP).notna().all() and police.key == "borough-police-uk"


@requires_mirror(extracts.HEX_FILE, geo.STAT_GIS_ZIP)
def test_mirror_grid_and_hexagon_layers_cover_london(mirror):
    hexagons = layers.hexagons()
    assert hexagons.n == 60_582  # not 157,000: that is London's area in hectares
    assert hexagons.units.area.median() / 1e4 == pytest.approx(2.6, abs=0.01)
    squares = layers.squares(500)
    assert squares.n == 6_666
    assert squares.values(TFP).sum() + 66 == pytest.approx(
        layers.hex_totals(layers.HEX_SPAN, (TFP,))[TFP].sum())


@requires_mirror(met.LSOA_FILE, geo.LSOA21_ZIP, extracts.HEX_FILE, "met_datastore/ward",
                 geo.WARDS22_FILE)
def test_mirror_month_matrices_add_up_to_the_layers(mirror):
    lsoa = layers.lsoas()
    monthly = layers.met_months(lsoa, layers.YEAR_1, (TFP,))[TFP]
    assert monthly.shape == (4_994, 12) and monthly.isna().all(axis=1).sum() == 6
    assert monthly.sum(axis=1, min_count=1).equals(lsoa.values(TFP))
    asb = layers.hex_months(lsoa)[layers.ASB]
    assert asb.sum(axis=1).equals(lsoa.values(layers.ASB))
    wards = layers.wards(MonthSpan("2024-04", "2025-03"), vintage="2026-03")
    ward_monthly = layers.met_months(wards, MonthSpan("2024-04", "2026-03"), ("all crime",),
                                     vintage="2026-03")["all crime"]
    heathrow = wards.units.set_index("unit_name").at["Heathrow Villages", "unit_code"]
    assert ward_monthly.loc[heathrow].notna().all() and ward_monthly.loc[heathrow].min() > 400
    with pytest.raises(ValueError, match="LSOAs and wards"):
        layers.met_months(layers.boroughs(), layers.YEAR_1)
