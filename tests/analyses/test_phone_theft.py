"""TODO docstring."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hotspots.analyses import phone_theft as pt
from hotspots.geo import assign

TFP, ROB, BOTH = pt.PROXIES  # the three proxy names, in order


P = pd.Period


def tidy(rows: list[tuple], vintage: str = "V1") -> pd.DataFrame:
    """A tidy Met table from (code, name, borough, minor, month, count) rows."""
    table = pd.DataFrame(rows, columns=["area_code", "area_name", "borough", "minor", "month",
                                        "count"])
    return table.assign(area_code=table["area_code"].astype("string"),
                        month=table["month"].astype("period[M]"),
                        count=table["count"].astype("int64"), vintage=vintage)


@pytest.fixture
def wards() -> pd.DataFrame:
    """Three wards and an airport row, Dec 2023 to Jan 2025 (14 months)."""
    rows = []
    for month in pd.period_range("2023-12", "2025-01", freq="M"):
        in_2024 = month.year == 2024
        rows += [
            ("E05000001", "West End", "Westminster", "THEFT FROM THE PERSON", month,
             10 if in_2024 else 1000),
            ("E05000001", "West End", "Westminster", "ROBBERY OF PERSONAL PROPERTY", month, 2),
            ("E05000002", "St. James’s", "Westminster", "THEFT FROM THE PERSON", month, 5),
            ("E05000003", "Quiet", "Sutton", "SHOPLIFTING", month, 7),
            ("E05000003", "Quiet", "Sutton", "ROBBERY OF PERSONAL PROPERTY", month, 1),
            (None, "Heathrow Villages", "Aviation Security (SO18)", "THEFT FROM THE PERSON",
             month, 1),
        ]
    return tidy(rows)


def small_counts(values: dict[str, int]) -> pd.DataFrame:
    names = list(values)
    return pd.DataFrame({
        "area_code": pd.array([f"E05{i:06d}" for i in range(len(names))], dtype="string"),
        "area_name": names, "borough": "B", TFP: list(values.values()),
    })


@pytest.fixture
def records() -> pd.DataFrame:
    """Ten records on three map points: 6 at (0, 0), 3 at (100, 0), 1 at (100, 30)."""
    points = [((0.0, 0.0), "On or near A Street", 6), ((100.0, 0.0), "On or near Nightclub", 3),
              ((100.0, 30.0), "On or near B Road", 1)]
    rows = []
    for (x, y), name, n in points:
        for i in range(n):
            rows.append({"longitude": -0.1 + x / 1e5, "latitude": 51.5 + y / 1e5, "x": x,
                         "y": y, "location": name, "month": P(f"2025-0{1 + i % 2}", "M")})
    return pd.DataFrame(rows)




def test_proxy_counts_sums_the_window_per_area(wards):
    counts = pt.proxy_counts(wards, "2024-01", "2024-12").set_index("area_name")
    assert list(counts.columns) == ["area_code", "borough", TFP, ROB, BOTH]
    assert counts[TFP].to_dict() == {"West End": 120, "St. James’s": 60, "Quiet": 0,
                                     "Heathrow Villages": 12}
    assert counts[ROB].to_dict() == {"West End": 24, "St. James’s": 0, "Quiet": 12,
                                     "Heathrow Villages": 0}
    assert (counts[BOTH] == counts[TFP] + counts[ROB]).all()
    assert pd.isna(counts.at["Heathrow Villages", "area_code"])  # kept, sorted last
    assert counts.index[-1] == "Heathrow Villages"
    # A one-month window that includes the 2023 level.
    december = pt.proxy_counts(wards, "2023-12", "2023-12").set_index("area_name")
    assert december.at["West End", TFP] == 1000


def test_proxy_counts_refuses_bad_tables(wards):
    with pytest.raises(ValueError, match="lacks month"):
        pt.proxy_counts(wards, "2024-01", "2025-03")
    with pytest.raises(ValueError, match="mixes vintages"):
        pt.proxy_counts(pd.concat([wards, wards.assign(vintage="V2")]), "2024-01", "2024-12")
    with pytest.raises(ValueError, match="categories not in the table"):
        pt.proxy_counts(wards, "2024-01", "2024-12", {"bikes": ("BICYCLE THEFT",)})


def test_rank_wards_competition_ranks_ties_by_name_and_per_day(wards):
    counts = small_counts({"Zed": 50, "Alpha": 50, "Mid": 20, "Low": 0})
    ranking = pt.rank_wards(counts, TFP, days=10)
    assert ranking["area_name"].tolist() == ["Alpha", "Zed", "Mid", "Low"]
    assert ranking["rank"].tolist() == [1, 1, 3, 4]
    assert ranking["per_day"].tolist() == [5.0, 5.0, 2.0, 0.0]
    assert ranking["share_pct"].sum() == pytest.approx(100)
    assert ranking.at[2, "share_pct"] == pytest.approx(100 * 20 / 120)
    # Rows without a ward code (the airport) are not ranked.
    real = pt.rank_wards(pt.proxy_counts(wards, "2024-01", "2024-12"), TFP, 366)
    assert real["area_name"].tolist() == ["West End", "St. James’s", "Quiet"]
    assert real.at[0, "per_day"] == pytest.approx(120 / 366)


def test_match_ward_uses_name_keys_and_refuses_ambiguity():
    ranking = pt.rank_wards(small_counts({"St. James’s": 3, "St James": 2, "West End": 9}),
                            TFP, 1)
    assert pt.match_ward(ranking, "ST JAMES'S")["area_name"] == "St. James’s"
    assert pt.match_ward(ranking, "St James")["area_name"] == "St James"
    with pytest.raises(KeyError, match="no ward named"):
        pt.match_ward(ranking, "Soho")
    twice = pd.concat([ranking, ranking.assign(borough="Other")], ignore_index=True)
    with pytest.raises(ValueError, match="several wards"):
        pt.match_ward(twice, "West End")


def test_check_named_wards_group_shares_positions():
    groups = (("A",), ("B", "C"), ("D",))
    # Order A, C, B, D: B and C swap inside their shared places 2-3, so all are in place.
    ranking = pt.rank_wards(small_counts({"A": 40, "C": 30, "B": 20, "D": 10, "E": 5}), TFP, 1)
    table = pt.check_named_wards(ranking, groups)
    assert table["claimed_position"].tolist() == ["1", "2–3", "2–3", "4"]
    assert table["rank"].tolist() == [1, 3, 2, 4]
    assert table["in_place"].all() and table["in_named_top"].all()
    # E overtakes D: D is out of place and out of the top 4; B, C, A unaffected.
    ranking = pt.rank_wards(small_counts({"A": 40, "C": 30, "B": 20, "D": 1, "E": 5}), TFP, 1)
    table = pt.check_named_wards(ranking, groups).set_index("named")
    assert not table.at["D", "in_place"] and not table.at["D", "in_named_top"]
    assert table.drop(index="D")["in_place"].all()
    # B falls below D: still in the named top 4 as a set, but not in its places.
    ranking = pt.rank_wards(small_counts({"A": 40, "C": 30, "D": 20, "B": 10}), TFP, 1)
    table = pt.check_named_wards(ranking, groups).set_index("named")
    assert table.at["B", "rank"] == 4 and not table.at["B", "in_place"]
    assert table["in_named_top"].all()


def test_top_shares_reads_the_lorenz_curve():
    shares = pt.top_shares(np.arange(10, 0, -1))  # 10, 9, ..., 1: total 55
    assert shares.index.tolist() == ["top 1%", "top 5%", "top 10%"]
    assert shares["units"].tolist() == pytest.approx([0.1, 0.5, 1.0])
    assert shares["share_pct"].tolist() == pytest.approx([100 / 55, 500 / 55, 1000 / 55])


def test_monthly_series_one_column_per_vintage(wards):
    both = pd.concat([wards, wards.assign(vintage="V2", count=wards["count"] + 1)])
    series = pt.monthly_series(both, "E05000001", ["THEFT FROM THE PERSON"])
    assert series.columns.tolist() == ["V1", "V2"]
    assert series.loc[P("2024-05", "M")].tolist() == [10, 11]
    assert series.loc[P("2023-12", "M"), "V1"] == 1000
    with pytest.raises(KeyError):
        pt.monthly_series(both, "E05000003", ["THEFT FROM THE PERSON"])


def test_hex_totals_sums_months_and_sorts():
    hexes = pd.DataFrame({
        "month": ["2025-05", "2025-06", "2025-05", "2025-05"],
        "crime_type": ["Theft from the person"] * 3 + ["Robbery"],
        "hex_q": [1, 1, 2, 2], "hex_r": [5, 5, 5, 5], "crime_count": [3, 4, 9, 100],
        "x": [0.0, 0.0, 150.0, 150.0], "y": [0.0, 0.0, 86.6, 86.6],
    })
    table = pt.hex_totals(hexes, "Theft from the person")
    assert table[["hex_q", "count"]].values.tolist() == [[2, 9], [1, 7]]
    assert table.crs.to_epsg() == 27700
    assert table.geometry.iloc[0].centroid.x == pytest.approx(150)
    with pytest.raises(KeyError):
        pt.hex_totals(hexes, "Burglary")


def test_snap_points_and_summary(records):
    points = pt.snap_points(records)
    assert points["records"].tolist() == [6, 3, 1]
    assert points["months"].tolist() == [2, 2, 1]
    assert points["location"].tolist() == ["On or near A Street", "On or near Nightclub",
                                           "On or near B Road"]
    summary = pt.snap_point_summary(records, top=1)
    assert summary["records"] == 10 and summary["map points"] == 3
    assert summary["share on the top 1 points (%)"] == pytest.approx(60)
    assert summary["points holding half the records"] == 1
    assert summary["median distance to the nearest other point (m)"] == pytest.approx(30)
    with pytest.raises(ValueError, match="two distinct"):
        pt.snap_point_summary(records.head(2))


def test_nearest_location_respects_the_distance_cap(records):
    points = pt.snap_points(records)
    names = pt.nearest_location([10.0, 95.0, 500.0], [0.0, 25.0, 0.0], points, 50)
    assert names.iloc[:2].tolist() == ["On or near A Street", "On or near B Road"]
    assert pd.isna(names.iloc[2])


@pytest.mark.mirror
@pytest.mark.parametrize("vintage, london_tfp, london_rob, west_end, n_wards", [
    ("2025-03", 96_923, 26_718, 18_022, 679),  # also a coded Heathrow Villages (Hillingdon) row
    ("2025-06", 96_907, 26_736, 18_019, 678),
    ("2025-12", 96_912, 26_744, 18_019, 678),
])
def test_mirror_2024_proxies_and_the_named_wards(mirror, vintage, london_tfp, london_rob,
                                                 west_end, n_wards):
    from hotspots.io import met

    counts = pt.proxy_counts(met.load_counts("ward", vintage), "2024-01", "2024-12")
    totals = counts[list(pt.PROXIES)].sum()
    assert (totals[TFP], totals[ROB], totals[BOTH]) == (london_tfp, london_rob,
                                                        london_tfp + london_rob)
    ranking = pt.rank_wards(counts, TFP, 366)
    assert len(ranking) == n_wards
    west = pt.match_ward(ranking, "West End")
    assert (west["area_code"], west["borough"], west["count"]) == ("E05013808", "Westminster",
                                                                   west_end)
    named = pt.check_named_wards(ranking)
    assert named["rank"].tolist() == [1, 2, 3, 4, 5, 6] and named["in_place"].all()
    assert pt.check_named_wards(pt.rank_wards(counts, BOTH, 366))["in_place"].all()
    assert not pt.check_named_wards(pt.rank_wards(counts, ROB, 366))["in_place"].all()


@pytest.mark.mirror
def test_mirror_ward_concentration_2024(mirror):
    from hotspots.io import met

    counts = pt.proxy_counts(met.load_counts("ward", "2025-12"), "2024-01", "2024-12")
    shares = pt.top_shares(pt.rank_wards(counts, TFP, 366)["count"])["share_pct"]
    assert shares.round(1).tolist() == [37.9, 56.8, 67.5]
    st_james = pt.match_ward(pt.rank_wards(counts, TFP, 366), "St James's")
    assert st_james["count"] == 9_687


@pytest.mark.mirror
def test_mirror_charing_cross_map_points(mirror):
    from hotspots.io import police_uk_extracts as police_uk_subsets

    api = police_uk_subsets.load_charing_cross_api()
    tfp = api[api["crime_type"] == "Theft from the person"]
    summary = pt.snap_point_summary(tfp)
    assert (summary["records"], summary["map points"]) == (2_140, 409)
    assert summary["share on the top 10 points (%)"] == pytest.approx(100 * 546 / 2140)
    assert pt.snap_points(tfp).iloc[0][["location", "records"]].tolist() == [
        "On or near Hills Place", 90]
    assert assign.distance_from(api["x"], api["y"], pt.CHARING_CROSS).max() < pt.ONE_MILE_M + 5


@pytest.mark.mirror
def test_mirror_hexagons_and_lsoas(mirror):
    from hotspots.io import met
    from hotspots.io import police_uk_extracts as police_uk_subsets

    hexes = pt.hex_totals(police_uk_subsets.load_hex_counts(), "Theft from the person")
    assert int(hexes["count"].sum()) == 78_526 and len(hexes) == 11_822
    assert hexes["count"].iat[0] == 1_074
    lsoa = pt.proxy_counts(met.load_lsoa_counts(), "2024-03", "2025-02")
    assert len(lsoa) == 4_988
    top = lsoa.sort_values(TFP, ascending=False).iloc[0]
    assert (top["area_code"], top["area_name"], top[TFP]) == ("E01035716", "Westminster 013G",
                                                              7_592)
