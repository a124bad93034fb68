"""Tests for hotspots.analyses.concentration_stability (notebook 04)."""

from __future__ import annotations

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import requires_mirror
from lattices import BNG, grid
from scipy import stats

from hotspots.analyses import concentration_stability as ht
from hotspots.analyses import layers
from hotspots.analyses import moran_getis_ord as mgo
from hotspots.claims import load_registry, record
from hotspots.claims.verdicts import CONTRADICTED, REPRODUCED, UNSUPPORTED, Criterion
from hotspots.io import boundaries as geo
from hotspots.io import met
from hotspots.io import police_uk_extracts as extracts
from hotspots.months import MonthSpan
from hotspots.stats import emerging
from hotspots.stats.spatial import (
    GI_CLASSES,
    HotSpotPolicy,
    LocalResult,
    ResultMeta,
    RobustMoran,
)

TFP, ASB = "theft from the person", layers.ASB


def period_tables(n: int = 400, seed: int = 2) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    rates = rng.gamma(0.5, 30, n)
    index = pd.Index([f"c{i}" for i in range(n)], name="unit_code")
    return {crime: pd.DataFrame({"year 1": rng.poisson(rates), "year 2": rng.poisson(rates)},
                                index=index).astype(float) for crime in (TFP, ASB)}


def hot_result(ids: list[str], hot: set[str]) -> LocalResult:
    """A hand-made Gi* result whose hot spots are ``hot``."""
    n = len(ids)
    p = np.array([1e-6 if i in hot else 0.9 for i in ids])
    z = np.array([3.0 if i in hot else 0.1 for i in ids])
    labels = np.array(["Hot Spot - 99% Confidence" if i in hot else "Not Significant"
                       for i in ids], dtype=object)
    meta = ResultMeta(statistic="test", weights="w", transform="B", n=n, n_tested=n,
                      permutations=9_999, seed=1, p_kind="permutation", correction="fdr_bh",
                      alpha=0.05, null_hypothesis="H0")
    return LocalResult(ids=tuple(ids), values=np.ones(n), statistic=z, expected=np.zeros(n),
                       z=z, p_analytical=p, p_permutation=p, p_permutation_directed=p / 2,
                       p=p, p_adjusted=p, labels=labels, class_order=GI_CLASSES, meta=meta)


def test_year_pair_changes_rows_per_consecutive_pair():
    yearly = pd.DataFrame({"y1": [50, 10, 5, 1, 0] * 4, "y2": [25, 10, 5, 1, 0] * 4,
                           "y3": [25, 10, 5, 1, 0] * 4})
    table = ht.year_pair_changes(yearly, fraction=0.2)
    assert table[["period_a", "period_b"]].values.tolist() == [["y1", "y2"], ["y2", "y3"]]
    assert table["rho"].tolist() == pytest.approx([1.0, 1.0])
    assert table["kept"].tolist() == [1.0, 1.0]
    assert table.loc[0, "top_change_pct"] == pytest.approx(-50)
    assert table.loc[1, "top_change_pct"] == pytest.approx(0)
    overall = (41 / 66)
    assert table.loc[0, "relative_pct"] == pytest.approx(100 * (0.5 / overall - 1))


# --- persistence against chance ---------------------------------------------------------------


def test_persistence_table_and_the_criteria():
    periods = period_tables()
    ids = list(periods[TFP].index)
    hot_a = {TFP: hot_result(ids, {"c1", "c2"}), ASB: hot_result(ids, {"c1", "c2", "c3"})}
    hot_b = {TFP: hot_result(ids, {"c1", "c2", "c9"}), ASB: hot_result(ids, {"c3"})}
    table = ht.persistence_table(periods, hot_a, hot_b, n_sims=100)
    assert table.loc[TFP, ["hot spots, year 1", "hot in both"]].tolist() == [2, 2]
    assert table.loc[TFP, "hot spots kept (%)"] == 100
    assert table.loc[ASB, "hot spots kept (%)"] == pytest.approx(100 / 3)
    assert table.loc[ASB, "months (year 1 → year 2)"] == "2025-05–2025-10 → 2025-11–2026-04"
    robust = {TFP: _robust(True), ASB: _robust(True)}
    found = ht.criteria(robust, hot_a, table)
    assert [c.met for c in found] == [True, True, False]  # ASB's hot spots do not stay hot
    assert found[2].detail == f"not for {ASB}"
    decided = ht.verdict(found, ht.criteria_note(robust, hot_a, table))
    assert decided.verdict == UNSUPPORTED and "(c) predictable" in decided.reason
    assert "2 to 3 policy hot-spot LSOAs per type" in decided.reason
    assert ht.verdict([Criterion("x", True)]).verdict == REPRODUCED
    assert ht.verdict([Criterion("x", False)]).verdict == CONTRADICTED
    fig = ht.persistence_figure(table)
    assert len(fig.axes) == 2
    plt.close(fig)
    assert ht.criteria_table(found)["met"].tolist() == [True, True, False]


def _robust(clusters: bool):
    table = pd.DataFrame({"moran_i": [0.3, 0.2], "expected": [-0.01, -0.01],
                          "p_permutation": [0.001, 0.001 if clusters else 0.4]})
    return RobustMoran(table=table, alpha=0.05, core_label="top 1%", core=("c0",))


def test_a_type_that_does_not_cluster_or_has_no_hot_spot_fails_its_criterion():
    periods = period_tables()
    ids = list(periods[TFP].index)
    hot = {TFP: hot_result(ids, {"c1"}), ASB: hot_result(ids, set())}
    table = ht.persistence_table(periods, hot, hot, n_sims=50)
    found = ht.criteria({TFP: _robust(False), ASB: _robust(True)}, hot, table)
    assert [c.met for c in found[:2]] == [False, False]
    assert found[0].detail == f"fails for {TFP}" and found[1].detail == f"none for {ASB}"


# --- emerging hot spots -------------------------------------------------------------------


def test_emerging_runs_table_and_definitions():
    frame = grid(10, 10, size=500.0)
    units = gpd.GeoDataFrame({"unit_code": frame["id"], "unit_name": frame["id"],
                              "borough": "B", "geometry": frame.geometry}, crs=BNG)
    months = pd.period_range("2024-04", "2024-09", freq="M")
    rng = np.random.default_rng(0)
    matrix = pd.DataFrame(rng.poisson(2, (100, 6)).astype(float), index=units["unit_code"],
                          columns=months)
    block = [f"c{r * 10 + c}" for r in range(4, 7) for c in range(4, 7)]
    matrix.loc[block] = 60.0  # a 3 x 3 block hot every month
    layer = layers.Layer("lsoa", "t", units, matrix[[months[0]]].set_axis([TFP], axis=1),
                         {TFP: "Met"}, {TFP: MonthSpan("2024-04", "2024-04")})
    weights = layers.layer_weights(layer)
    runs = ht.emerging_runs(matrix, weights, policy=HotSpotPolicy(base_permutations=999))
    assert list(runs) == list(ht.CONVENTIONS)
    headline = runs[next(iter(ht.CONVENTIONS))]
    assert headline.units.at["c55", "category"] == "Persistent Hot Spot"  # the block's centre
    table = ht.emerging_table({TFP: runs}, no_data=["c0", "c1"])
    assert table.index[-2:].tolist() == [emerging.NO_PATTERN, "No data"]
    assert table.loc["No data"].tolist() == [2, 2] and table.sum().tolist() == [100, 100]
    settings = ht.emerging_settings(headline)
    assert settings["neighbourhood time step"] == 0 and settings["global window"] == "slice"
    assert "two-sided" in settings["trend test"]
    one = ht.emerging_runs(matrix, weights, list(ht.CONVENTIONS)[:1],
                           policy=HotSpotPolicy(base_permutations=999))
    assert len(one) == 1
    definitions = ht.category_definitions()
    assert len(definitions) == 8 and "Persistent Hot Spot" in definitions.index
    fig = ht.emerging_map(layer, runs, TFP)
    assert len(fig.axes) == 2
    plt.close(fig)
    named = layer.units.assign(unit_name=[f"w{i}" for i in range(100)])
    renamed = layers.Layer("lsoa", "t", named, layer.counts, layer.sources, layer.periods)
    near = ht.heathrow_table(renamed, {TFP: runs}, names=("w55", "w0"))
    assert near.at["w55", f"{TFP}: headline"] == "Persistent Hot Spot"
    assert list(near.index) == ["w55", "w0"] and near.shape[1] == 2


# --- stability, prediction, concentration --------------------------------------------------------


def test_stability_long_view_and_history():
    periods = period_tables(200)
    months = pd.period_range("2024-01", "2025-02", freq="M")
    rng = np.random.default_rng(4)
    rates = rng.gamma(0.5, 10, 200)
    monthly = {TFP: pd.DataFrame(rng.poisson(np.tile(rates, (14, 1)).T).astype(float),
                                 index=periods[TFP].index, columns=months)}
    table = ht.stability_table(monthly, periods, {TFP: periods[TFP]})
    assert table.loc[TFP, "LSOA year on year"] == pytest.approx(
        stats.spearmanr(periods[TFP]["year 1"], periods[TFP]["year 2"]).statistic)
    assert 0 < table.loc[TFP, "LSOA month on month, median"] < 1
    assert "LSOA same month a year later, median" in table
    fig = ht.month_on_month_figure(monthly)
    plt.close(fig)
    history = pd.DataFrame({
        "area_code": ["A", "B", "A", "B"] * 2, "major": "THEFT",
        "minor": "THEFT FROM THE PERSON",
        "month": pd.PeriodIndex(["2011-03", "2011-03", "2023-05", "2023-05"] * 2, freq="M"),
        "count": [9, 1, 8, 2, 1, 1, 1, 1]})
    yearly = ht.history_yearly(history, (TFP,))[TFP]
    assert yearly.shape == (2, 13) and yearly.at["A", "2011/12"] == 10
    assert yearly.at["B", "2023/24"] == 3
    view = ht.long_view({TFP: pd.DataFrame({"y1": [5, 4, 3, 2, 1] * 4, "y2": [5, 4, 3, 2, 1] * 4,
                                            "y3": [1, 2, 3, 4, 5] * 4})})
    assert view.loc[TFP, "ρ, consecutive years (median)"] == pytest.approx(0)
    assert view.loc[TFP, "top 5% of y1 still top in y3 (%)"] == 0


def test_prediction_table_scores_last_years_pick_on_year_two():
    periods = period_tables(200)
    ids = list(periods[TFP].index)
    months = pd.period_range("2024-03", "2025-02", freq="M")
    monthly = {TFP: pd.DataFrame(np.repeat(periods[TFP][["year 1"]].to_numpy() / 12, 12, axis=1),
                                 index=periods[TFP].index, columns=months)}
    hot = {TFP: hot_result(ids, {"c0", "c1"})}
    table = ht.prediction_table(monthly, {TFP: periods[TFP]}, hot, n_sims=50)
    top = periods[TFP]["year 1"].rank(method="first", ascending=False) <= 10
    hit = periods[TFP].loc[top, "year 2"].sum() / periods[TFP]["year 2"].sum()
    assert table.loc[TFP, "hit rate, last 12 months (%)"] == pytest.approx(100 * hit)
    assert table.loc[TFP, "policy hot spots: units"] == 2


def test_concentration_table_leaves_out_units_without_data_and_lorenz_figure():
    values = pd.Series([10.0, 0, 0, 0, np.nan])
    table = ht.concentration_table({(TFP, "LSOAs"): values})
    assert table.loc[(TFP, "LSOAs"), "units"] == 4
    assert table.loc[(TFP, "LSOAs"), "units for 50% of crime (%)"] == pytest.approx(25)
    fig = ht.lorenz_figure({(TFP, "LSOAs"): values}, [TFP], {"LSOAs": ("red", "-")})
    plt.close(fig)


# --- map points ---------------------------------------------------------------------------


def test_map_points_by_year_and_their_summary():
    records = pd.DataFrame({
        "x": [0, 0, 0, 1, 2, 2, 3], "y": 0,
        "month": pd.PeriodIndex(["2022-01", "2024-01", "2025-01", "2022-05", "2024-03",
                                 "2025-03", "2025-04"], freq="M"),
        "crime_type": ["Burglary", "Anti-social behaviour", "Burglary", "Burglary",
                       "Burglary", "Burglary", "Burglary"]})
    split = ht.split_asb(records)
    assert len(split["crime"]) == 6 and len(split[ASB]) == 1
    points = ht.map_point_years(split["crime"])
    assert list(points.columns) == [2022, 2024, 2025]
    assert ht.points_dropped_after(points, 2022) == 1  # (1, 0) used in 2022 only
    summary = ht.map_point_summary(points, (2024, 2025))
    assert summary["map points used"] == 3 and summary["records 2025"] == 3


def test_sppt_table_flags_nothing_between_halves_of_one_pattern():
    rng = np.random.default_rng(5)
    units = pd.Series([f"u{i}" for i in range(50)])
    weights = rng.gamma(1, 1, 50)
    records = pd.DataFrame({"year": np.repeat([2023, 2024], 3_000),
                            "unit": rng.choice(units, 6_000, p=weights / weights.sum())})
    table = ht.sppt_table(records, {"unit": units}, seed=1)
    halves = table.loc[("unit", "2024: random half vs half")]
    assert halves["proportion test: units different"] == 0
    assert halves["base records"] + halves["test records"] == 3_000


# --- evidence -------------------------------------------------------------------------------


def test_statements_and_evidence_accepted_by_the_registry(tmp_path):
    assert ht.statements_table().index[0] == mgo.CLUSTER_STATEMENT
    periods = period_tables()
    ids = list(periods[TFP].index)
    hot = {TFP: hot_result(ids, {"c1"}), ASB: hot_result(ids, {"c1"})}
    table = ht.persistence_table(periods, hot, hot, n_sims=20)
    robust = {TFP: _robust(True), ASB: _robust(True)}
    decided = ht.verdict(ht.criteria(robust, hot, table))
    concentration = pd.DataFrame({"units for 50% of crime (%)": [5.5, 4.7]},
                                 index=pd.MultiIndex.from_tuples(
                                     [("all crime", "100 m hexagons"), (ASB, "100 m hexagons")]))
    points = pd.Series({"points holding 50% of 2025's records (%)": 6.3})
    evidence = record(ht.NOTEBOOK, tmp_path)
    ht.record_evidence(evidence, decided, robust=robust, persistence_rows=table,
                       concentration=concentration, points=points)
    primary = [r for r in evidence.rows if r.role == "primary"]
    assert len(primary) == 1 and primary[0].verdict.rule == "pattern"
    evidence.save()
    assert load_registry(tmp_path, complete=False).primary(mgo.CLUSTER_STATEMENT) is not None


@pytest.mark.slow
@requires_mirror(met.LSOA_FILE, geo.LSOA21_ZIP, extracts.HEX_FILE)
def test_mirror_two_periods(mirror):
    periods = ht.two_periods(layers.lsoas())
    assert periods[TFP].isna().all(axis=1).sum() == 6
    assert periods[TFP]["year 1"].sum() == 97_455
    assert periods[ASB].notna().all().all()
    assert periods[ASB].sum().sum() == pytest.approx(236_062)
