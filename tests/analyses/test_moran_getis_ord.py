"""Tests for hotspots.analyses.moran_getis_ord (notebook 03) on small planted layers."""

from __future__ import annotations

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import requires_mirror
from lattices import BNG, grid

from hotspots.analyses import layers
from hotspots.analyses import moran_getis_ord as nb
from hotspots.claims import load_registry, record
from hotspots.io import boundaries as geo
from hotspots.io import met
from hotspots.months import MonthSpan
from hotspots.stats.spatial import NO_DATA, POLICY, global_moran
from hotspots.viz.explorer import COLUMNS, explorer_html

TFP, ASB, BURGLARY = "theft from the person", layers.ASB, "burglary"
SPAN = MonthSpan("2024-03", "2025-02")
BLOCK = [f"c{r * 12 + c}" for r in range(4, 7) for c in range(4, 7)]  # a 3 x 3 hot block


def planted_layer(seed: int = 1) -> layers.Layer:
    """12 x 12 squares of 500 m. Theft: Poisson(2) counts, a 3 x 3 block of 60s, one unit
    without data (c0); burglary: a west-east trend (Poisson mean 1 to 12); anti-social
    behaviour: Poisson(5), no pattern."""
    frame = grid(12, 12, size=500.0)
    units = gpd.GeoDataFrame({"unit_code": frame["id"], "unit_name": frame["id"].str.upper(),
                              "borough": "B", "geometry": frame.geometry}, crs=BNG)
    rng = np.random.default_rng(seed)
    index = pd.Index(units["unit_code"], name="unit_code")
    tfp = pd.Series(rng.poisson(2, len(units)).astype(float), index=index)
    tfp[BLOCK] = 60.0
    tfp["c0"] = np.nan
    asb = pd.Series(rng.poisson(5, len(units)).astype(float), index=index)
    burglary = pd.Series(rng.poisson(1 + np.arange(len(units)) % 12).astype(float), index=index)
    counts = pd.DataFrame({TFP: tfp, BURGLARY: burglary, ASB: asb})
    return layers.Layer("lsoa", "test squares", units, counts,
                        {TFP: "Met", BURGLARY: "Met", ASB: "police.uk"},
                        {TFP: SPAN, BURGLARY: SPAN, ASB: layers.HEX_SPAN})


@pytest.fixture(scope="module")
def planted() -> tuple[layers.Layer, object, dict]:
    layer = planted_layer()
    weights = layers.layer_weights(layer)
    return layer, weights, nb.hot_spots_by_type(layer, weights)


def test_policy_text_quotes_the_policy_and_its_relation_to_other_software():
    text = nb.policy_text()
    assert text.startswith(POLICY.describe())
    assert "ArcGIS Pro" in text and "spdep" in text and "esda" in text


def test_statements_table_names_who_decides_each_verdict():
    table = nb.statements_table()
    assert list(table.index) == list(nb.STATEMENT_IDS)
    assert table.at[nb.CLUSTER_STATEMENT, "verdict decided by"].startswith("notebook 04")
    assert table.at[nb.MICRO_STATEMENT, "verdict decided by"].startswith("catalogue")


def test_the_policy_finds_the_planted_block_and_leaves_out_the_unit_without_data(planted):
    layer, weights, hot = planted
    result = hot[TFP]
    assert result.hot_ids() <= set(BLOCK) and len(result.hot_ids()) >= 5
    assert result.n_excluded == 1 and result.labels[0] == NO_DATA
    table = nb.hot_spot_table(hot, layer)
    row = table.loc[TFP]
    assert row["no data (left out)"] == 1 and row["units"] == 144
    assert row["hot spots (95%+)"] == len(result.hot_ids())
    assert row["max draws R"] == POLICY.permutations_for(143)
    values = layer.values(TFP)
    share = 100 * values[list(result.hot_ids())].sum() / values.sum()
    assert row["crime in hot spots (%)"] == pytest.approx(round(share, 1))
    assert table.loc[ASB, "hot spots (95%+)"] == 0  # no block planted: no hot spot
    listed = nb.hot_spot_units(result, layer, TFP)
    assert set(listed.index) == result.hot_ids() and listed[TFP].eq(60).all()


def test_robust_moran_agrees_with_esda_on_counts_and_the_summary_reads_it(planted):
    layer, weights, _ = planted
    robust = nb.robust_moran_by_type(layer, weights, [TFP, BURGLARY], permutations=99)
    table = nb.robust_moran_table(robust, layer)
    assert len(table) == 12 and set(table["crime_type"]) == {TFP, BURGLARY}
    kept = layer.values(TFP).dropna()
    direct = global_moran(kept, weights.with_transform("R").without(["c0"]), permutations=99)
    counts = table[(table["variable"] == "counts") & (table["sample"] == "all units")]
    assert counts["moran_i"].iat[0] == pytest.approx(direct.moran_i)
    assert counts["n"].iat[0] == 143  # the unit without data is not a unit of the test
    summary = nb.robust_summary(robust)
    assert summary.at[BURGLARY, "clusters robustly"]  # a trend survives every variant
    assert not summary.at[TFP, "clusters robustly"]  # one block of ties: ranks do not cluster
    theft = table[table["crime_type"] == TFP]
    assert summary.at[TFP, "lowest I"] == pytest.approx(theft["moran_i"].min())
    fig = nb.robust_figure(robust, title="t")
    assert len(fig.axes[0].lines) >= 6
    plt.close(fig)


def test_scale_table_and_figure_keep_sources_apart(planted):
    layer, weights, hot = planted
    robust = nb.robust_moran_by_type(layer, weights, permutations=99)
    table = nb.scale_table({"a": robust}, {"a": hot}, {"a": layer})
    assert table["source"].tolist() == ["Met", "Met", "police.uk"]
    assert table.loc[0, "units tested"] == 143 and table.loc[2, "units tested"] == 144
    assert table.loc[0, "hot spots"] == len(hot[TFP].hot_ids())
    no_hot = nb.scale_table({"a": robust}, {}, {"a": layer})
    assert "hot spots" not in no_hot  # the policy was not run: nothing invented
    fig = nb.scale_figure(table)
    assert len(fig.axes) == 4  # one row of panels per source
    plt.close(fig)


def test_sensitivity_and_the_permutation_floor(planted):
    layer, weights, hot = planted
    residents = pd.Series(1_500.0, index=layer.units["unit_code"])
    table = nb.sensitivity_table(layer, weights, hot, [TFP], residents)
    assert table.at[TFP, "policy"] == len(hot[TFP].hot_ids())
    assert table.at[TFP, "analytical p, BH"] >= table.at[TFP, "policy"]
    assert table.at[TFP, "no correction"] >= table.at[TFP, "analytical p, BH"] - 9
    assert table.at[TFP, "EB rate per resident (policy)"] == table.at[TFP, "policy"]
    floor = nb.fixed_draws_table(layer, weights, TFP, (1, 2), hot[TFP])
    assert floor.attrs["needed at the floor"] == 1  # 0.0002 * 143 / 0.05 = 0.57
    assert floor.loc["policy (adaptive draws)", "hot spots after BH"] == len(hot[TFP].hot_ids())


def test_explorer_rows_follow_the_contract(planted, tmp_path):
    layer, _, hot = planted
    residents = pd.Series(2_000.0, index=layer.units["unit_code"])
    residents["c1"] = np.nan
    frame = nb.explorer_frame(layer, hot, residents, "LSOA")
    assert list(frame.columns) == [*COLUMNS, "layer", "geometry"] and frame.crs == BNG
    assert len(frame) == 144 * 3
    tfp = frame[frame["crime_type"] == TFP].set_index("unit_code")
    assert pd.isna(tfp.at["c0", "hot_spot_class"]) and np.isnan(tfp.at["c0", "count"])
    assert np.isnan(tfp.at["c1", "rate_per_1000"])
    assert tfp.at["c2", "rate_per_1000"] == pytest.approx(1000 * tfp.at["c2", "count"] / 2000)
    path = nb.write_explorer(frame, "lsoas", tmp_path)
    back = gpd.read_parquet(path)
    assert back.crs == BNG and len(back) == len(frame)
    assert "Explore" in explorer_html(back)
    with pytest.raises(ValueError, match="lacks"):
        nb.write_explorer(frame.drop(columns="count"), "bad", tmp_path)


def test_evidence_rows_are_supporting_and_accepted_by_the_registry(planted, tmp_path):
    layer, weights, hot = planted
    robust = nb.robust_moran_by_type(layer, weights, permutations=99)
    context = pd.DataFrame({"ward's class (policy)": ["Hot Spot - 99% Confidence",
                                                      "Not Significant"]})
    evidence = record(nb.NOTEBOOK, tmp_path)
    nb.record_evidence(evidence, robust, hot, layer, (hot[TFP], layer, TFP), context)
    rows = evidence.rows
    assert {r.role for r in rows} == {"supporting"} and all(r.verdict is None for r in rows)
    assert {r.statement_id for r in rows} == {nb.CLUSTER_STATEMENT, nb.MICRO_STATEMENT,
                                              "other-high-risk-wards"}
    ward_row = next(r for r in rows if r.statement_id == "other-high-risk-wards")
    assert ward_row.our_value == 1
    evidence.save()
    registry = load_registry(tmp_path, complete=False)
    assert len(registry.evidence) > len(rows)  # with the catalogue's own rows


def test_slug():
    assert nb.slug("robbery of personal property") == "robbery-of-personal-property"
    assert nb.slug("anti-social behaviour") == "anti-social-behaviour"


@pytest.mark.slow
@requires_mirror(met.LSOA_FILE, geo.LSOA21_ZIP, geo.WARDS22_FILE, geo.LOOKUP_FILE,
                 "met_datastore/ward", "police_uk/subsets")
def test_mirror_theft_hot_spots_and_the_named_wards(mirror):
    """The notebook's figures: 15 LSOA hot spots of theft from the person (the City's six
    LSOAs left out), all six West End LSOAs hot, Borough & Bankside and Waterloo & South Bank
    not hot spots as wards."""
    lsoa = layers.lsoas()
    hot = nb.hot_spots_by_type(lsoa, layers.layer_weights(lsoa), [TFP])
    assert int(hot[TFP].hot().sum()) == 15 and hot[TFP].n_excluded == 6
    wards = layers.wards()
    ward_hot = nb.hot_spots_by_type(wards, layers.layer_weights(wards), [TFP])
    context = nb.named_wards_context(hot, ward_hot, TFP)
    assert context.at["West End", "of which hot spots"] == 6
    assert context.loc[["Borough & Bankside", "Waterloo & South Bank"],
                       "ward's class (policy)"].eq("Not Significant").all()
    assert context.loc[["West End", "St James's"], "ward's class (policy)"].str.startswith(
        "Hot Spot").all()
