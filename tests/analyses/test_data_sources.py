"""Tests for hotspots.analyses.data_sources: how the Met's wards join boundaries, and the
agreement of the Met's LSOA and ward products (tiny constructed cases; measured mirror figures)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import requires_mirror
from geodata import make_data_folder

from hotspots import config as paths
from hotspots.analyses import data_sources
from hotspots.io import boundaries as geo
from hotspots.io import met
from hotspots.months import MonthSpan


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A data folder with tiny boundary files in the publishers' layouts, and an empty cache."""
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "cache"))
    return make_data_folder(tmp_path / "data")


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


# --- LSOA and ward products -----------------------------------------------------------------

LOOKUP = pd.DataFrame({
    "lsoa_code": ["L1", "L2", "L3", "L4"],
    "ward_code": ["W1", "W1", "W2", "W3"],
    "ward_name": ["One", "One", "Two", "Heathrow Villages"],
    "borough_name": ["A", "A", "A", "Hillingdon"],
})


def counts(rows: list[tuple]) -> pd.DataFrame:
    """A Met-like table from (code, name, borough, minor, month, count) rows."""
    table = pd.DataFrame(rows, columns=["area_code", "area_name", "borough", "minor", "month",
                                        "count"])
    table["month"] = pd.PeriodIndex(table["month"], freq="M")
    return table


LSOA_COUNTS = counts([
    ("L1", "l1", "A", "THEFT", "2024-01", 10), ("L2", "l2", "A", "THEFT", "2024-01", 5),
    ("L3", "l3", "A", "THEFT", "2024-01", 20), ("L3", "l3", "A", "ROBBERY", "2024-02", 4),
    ("L4", "l4", "Hillingdon", "THEFT", "2024-02", 7),
    ("L1", "l1", "A", "THEFT", "2023-12", 99),  # a month the ward file lacks
    ("L9", "l9", "A", "THEFT", "2024-01", 3),  # an LSOA not in the lookup
])
WARD_COUNTS = counts([
    ("W1", "One", "A", "THEFT", "2024-01", 12), ("W2", "Two", "A", "THEFT", "2024-01", 23),
    ("W2", "Two", "A", "ROBBERY", "2024-02", 4), ("W2", "Two", "A", "RAPE", "2024-02", 9),
    (pd.NA, "Heathrow Villages", "Aviation Security (SO18)", "THEFT", "2024-02", 7),
])


def test_lsoa_ward_agreement_on_a_constructed_case():
    overlap = pd.DataFrame({"lsoa_code": ["L1", "L2", "L3", "L4"],
                            "ward_code": ["W1", "W1", "W2", "W3"],
                            "ward_share": [1.0, 0.3, 1.0, 1.0],
                            "other_ward": [pd.NA, "W2", pd.NA, pd.NA],
                            "other_share": [float("nan"), 0.7, float("nan"), float("nan")]})
    result = data_sources.lsoa_ward_agreement(LSOA_COUNTS, WARD_COUNTS, LOOKUP, overlap=overlap)
    table = result.table.set_index("ward_code")
    assert table["lsoa_sum"].to_dict() == {"W1": 15, "W2": 24, "W3": 7}
    assert table["ward_file"].to_dict() == {"W1": 12, "W2": 27, "W3": 7}
    assert table["difference"].to_dict() == {"W1": 3, "W2": -3, "W3": 0}
    assert table.at["W1", "pct_difference"] == pytest.approx(25.0)
    assert (table.at["W1", "gained"], table.at["W2", "lost"]) == (1, 1)
    assert "best fit: gains 1" in table.at["W1", "reason"]
    assert table.at["W3", "reason"].startswith("airport: the ward file puts it under "
                                               "'Aviation Security (SO18)'")
    summary = result.summary
    assert summary["months"] == str(MonthSpan("2024-01", "2024-02"))
    assert summary["minor categories left out"] == "RAPE"
    assert summary["LSOA-file crimes in LSOAs not in the lookup"] == 3
    assert (summary["LSOA file, summed to wards"], summary["ward file"]) == (46, 46)
    assert (summary["wards within 1%"], summary["wards within 5%"]) == (1, 1)
    assert result.largest["ward_code"].tolist()[:2] == ["W1", "W2"]


def test_lsoa_ward_agreement_without_overlap_or_with_chosen_categories():
    result = data_sources.lsoa_ward_agreement(
        LSOA_COUNTS, WARD_COUNTS, LOOKUP, months=MonthSpan("2024-02", "2024-02"),
        categories=["ROBBERY"])
    table = result.table.set_index("ward_code")
    assert table["lsoa_sum"].to_dict() == {"W2": 4} and table["ward_file"].to_dict() == {"W2": 4}
    assert table["gained"].isna().all() and table.at["W2", "reason"] == ""
    assert result.summary["minor categories left out"] == "RAPE, THEFT"


def test_lsoa_ward_overlap_measures_area_shares(data):
    lookup = geo.lsoa_ward_lookup()
    overlap = data_sources.lsoa_ward_overlap(geo.lsoas_2021(), geo.wards_2022(), lookup)
    shares = overlap.drop_duplicates("lsoa_code").set_index("lsoa_code")["ward_share"]
    assert shares["E01000001"] == pytest.approx(1.0, abs=1e-3)
    assert shares["E01004652"] == pytest.approx(1.0, abs=1e-3)
    assert overlap["other_ward"].isna().all()  # the tiny LSOAs each sit in one ward


@pytest.mark.slow
@requires_mirror(met.LSOA_FILE, MET_WARDS, geo.LOOKUP_FILE, geo.WARDS22_FILE, geo.LSOA21_ZIP)
def test_mirror_met_lsoa_and_ward_products_agree_in_total_not_by_ward(mirror):
    lookup = geo.lsoa_ward_lookup()
    overlap = data_sources.lsoa_ward_overlap(geo.lsoas_2021(), geo.wards_2022(), lookup)
    result = data_sources.lsoa_ward_agreement(
        met.load_lsoa_counts(), met.load_counts("ward", "2026-03"), lookup, overlap=overlap)
    summary = result.summary
    assert summary["months"] == str(MonthSpan("2024-04", "2026-02"))
    assert summary["minor categories compared"] == 29
    assert summary["minor categories left out"] == ("FRAUD AND FORGERY, NFIB, OTHER SEXUAL "
                                                    "OFFENCES, RAPE")
    assert (summary["LSOA file, summed to wards"], summary["ward file"]) == (1_659_027,
                                                                            1_659_132)
    assert summary["total difference (%)"] == -0.006
    assert summary["wards compared"] == 679
    assert (summary["wards within 1%"], summary["wards within 5%"]) == (86, 279)
    assert summary["median absolute difference (%)"] == 6.37
    table = result.table.set_index("ward_name")
    assert table.at["Heathrow Villages", "reason"].startswith("airport")
    assert table.at["Heathrow Villages", "difference"] == 3
    assert result.largest["ward_name"].tolist()[:3] == ["Marylebone", "Stratford",
                                                        "Stratford Olympic Park"]
    flagged = table["gained"] + table["lost"] > 0
    within = table["pct_difference"].abs() <= 5
    # wards with a straddling LSOA agree within 5% half as often as the others
    assert (flagged.sum(), round(within[flagged].mean(), 3)) == (379, 0.288)
    assert ((~flagged).sum(), round(within[~flagged].mean(), 3)) == (300, 0.567)
