"""TODO docstring."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hotspots.analyses import town_centres as patrol
from hotspots.config import data_dir
from hotspots.io import met, reference
from hotspots.months import MonthSpan
from hotspots.stats.evaluation.did import DiDResult

HEADER = ",".join(reference.MAPPING_COLUMNS)


WARDS = pd.DataFrame(
    {
        "area_code": ["W1", "W2", "W3", "W4", "W5", "W6"],
        "area_name": ["West End", "St James's", "Northolt West End", "Ealing Broadway",
                      "Fairfield", "Selhurst"],
        "borough": ["Westminster", "Westminster", "Ealing", "Ealing", "Croydon", "Croydon"],
    }
)


ROWS = [
    "West End,1,article,W1,West End,Westminster,exact name,high,core",
    "West End,1,article,W3,Northolt West End,Ealing,name contains,none,coincidence",
    "Croydon,1,article,W5,Fairfield,Croydon,local knowledge,medium,core",
    "Croydon,1,article,W6,Selhurst,Croydon,local knowledge,low,edge",
    "Ealing,1,press,W4,Ealing Broadway,Ealing,name contains,high,core",
    "Mitcham,2,article,,,Merton,none,none,unmatched",
]


def write_mapping(tmp_path, rows=ROWS, header=HEADER):
    path = tmp_path / "map.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def counts_table(months=("2024-07", "2024-08", "2025-07", "2025-08")) -> pd.DataFrame:
    """A tiny Met-style ward table: shoplifting and robbery, W3 has no shoplifting at all."""
    rows = []
    for code, name, borough in WARDS.itertuples(index=False):
        for i, month in enumerate(months):
            if code != "W3":
                rows.append((code, name, borough, "THEFT", "SHOPLIFTING", month, 10 + i))
            rows.append((code, name, borough, "ROBBERY", "ROBBERY OF PERSONAL PROPERTY", month, 1))
    rows.append((pd.NA, "Heathrow", "Aviation Security (SO18)", "THEFT", "SHOPLIFTING",
                 months[0], 5))
    table = pd.DataFrame(rows, columns=["area_code", "area_name", "borough", "major", "minor",
                                        "month", "count"])
    table["month"] = pd.PeriodIndex(table["month"], freq="M")
    return table


def roles_for(tmp_path, **kwargs):
    mapping = reference.read_town_centre_wards(write_mapping(tmp_path), WARDS)
    return patrol.ward_roles(mapping, WARDS, **kwargs)


def simple_panel() -> pd.DataFrame:
    """Four units over 2024-07..2025-08: T treated; A, B, C untreated with known totals."""
    months = pd.period_range("2024-07", "2025-08", freq="M")
    level = {"T": 10, "A": 8, "B": 8, "C": 2}
    rows = [(u, m, level[u] * (2 if (u == "C" and m.year == 2024) else 1), u == "T")
            for u in level for m in months]
    return pd.DataFrame(rows, columns=["unit", "month", "count", "treated"]).assign(
        role=lambda d: np.where(d["treated"], "treated", "control"))


def result(ci_low: float, ci_high: float, pretrend_p: float = 0.5) -> DiDResult:
    irr = float(np.sqrt(ci_low * ci_high))
    return DiDResult(model="poisson", seasonality="common", irr=irr, ci_low=ci_low,
                     ci_high=ci_high, p_value=0.01, coef=float(np.log(irr)), se=0.1, conf=0.95,
                     n_units=10, n_treated_units=2, n_months=12, n_obs=120, n_dropped_units=0,
                     pretrend_f=1.0, pretrend_df=4, pretrend_p=pretrend_p, dispersion=None)


@pytest.fixture(scope="module")
def ward_counts(tmp_path_factory):
    if not (data_dir() / "met_datastore" / "ward").is_dir():
        pytest.skip("Met Datastore mirror not available (set HOTSPOTS_DATA)")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOTSPOTS_DATA", str(data_dir()))
        patch.setenv("HOTSPOTS_CACHE", str(tmp_path_factory.mktemp("patrol_cache")))
        yield met.load_counts("ward", "2026-03")


HEADER = ",".join(reference.MAPPING_COLUMNS)


def test_ward_table_one_row_per_code():
    wards = patrol.ward_table(counts_table())
    assert wards["area_code"].tolist() == ["W1", "W2", "W3", "W4", "W5", "W6"]
    broken = counts_table()
    broken.loc[0, "area_name"] = "Other name"
    with pytest.raises(ValueError, match="more than one name"):
        patrol.ward_table(broken)


def test_name_candidates_finds_coincidences_and_whole_words():
    found = patrol.name_candidates(WARDS, ["West End", "Croydon", "Ealing", "James"]).set_index(
        "centre")
    assert found.loc["West End", "wards found"] == 2
    assert "Northolt West End (Ealing)" in found.loc["West End", "ward (borough)"]
    assert found.loc["Croydon", "wards found"] == 0  # Fairfield is Croydon's centre: a miss
    assert found.loc["Ealing", "wards found"] == 1
    assert found.loc["James", "wards found"] == 0  # "jamess" is not the word "james"


def test_ward_roles_main_design(tmp_path):
    roles = roles_for(tmp_path).set_index("area_code")
    assert roles["role"].to_dict() == {"W1": "treated", "W2": "buffer", "W3": "control",
                                       "W4": "excluded", "W5": "treated", "W6": "excluded"}
    assert roles.loc["W5", "centre"] == "Croydon" and roles.loc["W1", "tier"] == 1
    assert roles["centre"].isna().sum() == 4


def test_ward_roles_with_press_and_high_only(tmp_path):
    both = roles_for(tmp_path, sources=("article", "press")).set_index("area_code")["role"]
    assert both["W4"] == "treated" and both["W3"] == "buffer"  # Ealing now a treated borough
    high = roles_for(tmp_path, confidences=("high",)).set_index("area_code")["role"]
    assert high["W5"] == "excluded" and high["W6"] == "excluded" and high["W1"] == "treated"


def test_outcome_panel_is_balanced_and_drops_excluded(tmp_path):
    panel = patrol.outcome_panel(counts_table(), "shoplifting", roles_for(tmp_path))
    assert sorted(panel["unit"].unique()) == ["W1", "W2", "W3", "W5"]
    assert len(panel) == 4 * 14  # 2024-07 .. 2025-08, every month, zeros filled
    w3 = panel[panel["unit"] == "W3"]
    assert (w3["count"] == 0).all() and (w3["role"] == "control").all()
    w1 = panel[panel["unit"] == "W1"].set_index("month")["count"]
    assert w1[pd.Period("2024-08", freq="M")] == 11 and w1[pd.Period("2025-01", freq="M")] == 0
    assert panel.loc[panel["treated"], "unit"].unique().tolist() == ["W1", "W5"]


def test_outcome_rows_all_offences_and_unknown():
    table = counts_table()
    assert len(patrol.outcome_rows(table, patrol.ALL_OFFENCES)) == len(table)
    with pytest.raises(ValueError, match="unknown outcome"):
        patrol.outcome_rows(table, "burglary")
    with pytest.raises(ValueError, match="no rows"):
        patrol.outcome_rows(table, "violence with injury")


def test_comparison_pool_breaks_ties_by_label():
    panel = simple_panel()
    window = MonthSpan("2024-07", "2025-06")
    pool = patrol.comparison_pool(panel, window, 1)
    assert sorted(pool["unit"].unique()) == ["A", "T"]  # A and B tie; A first
    assert len(patrol.comparison_pool(panel, window, 10)["unit"].unique()) == 4


def test_peak_placebo_selects_the_high_untreated():
    panel = simple_panel()
    window = MonthSpan("2024-07", "2024-08")
    placebo = patrol.peak_placebo(panel, window, 2)
    assert "T" not in set(placebo["unit"])
    assert sorted(placebo.loc[placebo["treated"], "unit"].unique()) == ["A", "B"]


def test_season_change_ratio():
    panel = simple_panel()
    season = MonthSpan("2025-07", "2025-08")
    table = patrol.season_change(panel, season, by="unit")
    assert table.loc["C", "year before"] == 8 and table.loc["C", "this year"] == 4
    assert table.loc["C", "pct_change"] == pytest.approx(-50.0)
    assert table.loc["T", "ratio"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="lacks the months"):
        patrol.season_change(panel, MonthSpan("2025-06", season.last))


def test_ward_totals_fill_zeros():
    window = MonthSpan("2025-07", "2025-08")
    totals = patrol.ward_totals(counts_table(), ["shoplifting", "personal robbery"], window)
    assert totals.loc["W1", "shoplifting"] == 12 + 13
    assert totals.loc["W3", "shoplifting"] == 0 and totals.loc["W3", "personal robbery"] == 2
    assert list(totals.index) == ["W1", "W2", "W3", "W4", "W5", "W6"]


def test_did_forest_rows_are_percent_changes():
    rows = patrol.did_forest_rows({"shoplifting": result(0.8, 0.9)}, "London")
    assert rows.loc[0, "low"] == pytest.approx(-20.0)
    assert rows.loc[0, "high"] == pytest.approx(-10.0)
    assert rows.loc[0, "estimate"] == pytest.approx(100 * (np.sqrt(0.72) - 1))


@pytest.mark.mirror
def test_mirror_mapping_matches_met_ward_names(ward_counts):
    wards = patrol.ward_table(ward_counts)
    mapping = reference.read_town_centre_wards(wards=wards)
    article = mapping[mapping["source"] == "article"]
    assert article["centre"].nunique() == 17
    roles = patrol.ward_roles(mapping, wards)
    treated = roles.loc[roles["role"] == "treated"].set_index("area_name")["centre"]
    assert len(treated) == 16
    assert treated["West End"] == "West End" and treated["Fairfield"] == "Croydon"
    assert roles["role"].value_counts().to_dict() == {
        "control": 361, "buffer": 267, "excluded": 34, "treated": 16}
