"""Tests for hotspots.analyses.phone_theft: proxies, ward ranks and the named list, evidence
rows, maps' tables, hexagons, map points and the kernel density edge check."""

from __future__ import annotations

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import requires_mirror
from met_tables import three_wards
from scipy.stats import norm

from hotspots.analyses import phone_theft as pt
from hotspots.claims import record, verdicts
from hotspots.geo import assign
from hotspots.geo.crs import BNG
from hotspots.io import boundaries as geo
from hotspots.io import met
from hotspots.io import police_uk_extracts as extracts
from hotspots.months import MonthSpan

TFP, ROB, BOTH = pt.PROXIES  # the three proxy names, in order
P = pd.Period
NAMED = ["West End", "St James's", "Bloomsbury", "Holborn & Covent Garden",
         "Borough & Bankside", "Waterloo & South Bank"]
MET_WARD_FILES = "met_datastore/ward"


@pytest.fixture
def wards() -> pd.DataFrame:
    return three_wards(burglary=False)


def small_counts(values: dict[str, int], robbery: dict[str, int] | None = None) -> pd.DataFrame:
    """Proxy counts of wards named by ``values`` (codes E05000000…, in order)."""
    names = list(values)
    robbery = robbery or {}
    table = pd.DataFrame({
        "area_code": pd.array([f"E05{i:06d}" for i in range(len(names))], dtype="string"),
        "area_name": names, "borough": "B", TFP: list(values.values()),
        ROB: [robbery.get(n, 0) for n in names],
    })
    return table.assign(**{BOTH: table[TFP] + table[ROB]})


def article_order(extra: dict[str, int] | None = None) -> pd.DataFrame:
    """The six named wards in the article's order (counts 60…10) plus ``extra`` wards."""
    return small_counts({**dict(zip(NAMED, [60, 50, 40, 30, 20, 10], strict=True)),
                         **(extra or {})})


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


# --- ward tables ---------------------------------------------------------------------------


def test_rank_wards_competition_ranks_ties_by_name_and_per_day(wards):
    ranking = pt.rank_wards(small_counts({"Zed": 50, "Alpha": 50, "Mid": 20, "Low": 0}), TFP,
                            days=10)
    assert ranking["area_name"].tolist() == ["Alpha", "Zed", "Mid", "Low"]
    assert ranking["rank"].tolist() == [1, 1, 3, 4]
    assert ranking["per_day"].tolist() == [5.0, 5.0, 2.0, 0.0]
    assert ranking.at[2, "share_pct"] == pytest.approx(100 * 20 / 120)
    real = pt.rank_wards(pt.proxy_counts(wards, "2024-01", "2024-12"), TFP, 366)
    assert real["area_name"].tolist() == ["West End", "St. James’s", "Quiet"]  # no airport
    assert real.at[0, "per_day"] == pytest.approx(120 / 366)


def test_match_ward_uses_name_keys_and_refuses_ambiguity():
    ranking = pt.rank_wards(small_counts({"St. James’s": 3, "St James": 2, "West End": 9}),
                            TFP, 1)
    assert pt.match_ward(ranking, "ST JAMES'S")["area_name"] == "St. James’s"
    with pytest.raises(KeyError, match="no ward named"):
        pt.match_ward(ranking, "Soho")
    twice = pd.concat([ranking, ranking.assign(borough="Other")], ignore_index=True)
    with pytest.raises(ValueError, match="several wards"):
        pt.match_ward(twice, "West End")


def test_named_ranks_feed_the_ranking_rule():
    ranking = pt.rank_wards(article_order({"Camden Town": 5}), TFP, 1)
    ranks = pt.named_ranks(ranking, "other-high-risk-wards")
    assert ranks == {"St James’s": 2, "Bloomsbury": 3, "Holborn & Covent Garden": 4,
                     "Borough & Bankside": 5, "Waterloo & South Bank": 6}
    assert verdicts.ranking("other-high-risk-wards", ranks).verdict == verdicts.REPRODUCED
    # Camden Town overtakes Waterloo & South Bank: one place off.
    swapped = pt.rank_wards(article_order({"Camden Town": 15}), TFP, 1)
    ranks = pt.named_ranks(swapped, "other-high-risk-wards")
    assert ranks["Waterloo & South Bank"] == 7
    assert verdicts.ranking("other-high-risk-wards", ranks).verdict == verdicts.CLOSE
    assert pt.named_ranks(swapped, "west-end-tops-list") == {"West End": 1}


def test_ranking_note_names_the_ranks_and_the_next_ward():
    ranking = pt.rank_wards(article_order({"Camden Town": 15, "Quiet": 1}), TFP, 1)
    assert pt.ranking_note(ranking, "west-end-tops-list", "t") == (
        "Ranks on t: West End 1 (60); next, St James's 2 (50).")
    note = pt.ranking_note(ranking, "other-high-risk-wards")
    assert note.startswith("Ranks on theft from the person in 2024: St James's 2 (50), ")
    assert note.endswith("Waterloo & South Bank 7 (10); next, Quiet 8 (1).")


def test_check_named_wards_group_shares_positions():
    groups = (("A",), ("B", "C"), ("D",))
    ranking = pt.rank_wards(small_counts({"A": 40, "C": 30, "B": 20, "D": 10, "E": 5}), TFP, 1)
    table = pt.check_named_wards(ranking, groups)
    assert table["claimed_position"].tolist() == ["1", "2–3", "2–3", "4"]
    assert table["rank"].tolist() == [1, 3, 2, 4]
    assert table["in_place"].all() and table["in_named_top"].all()
    ranking = pt.rank_wards(small_counts({"A": 40, "C": 30, "B": 20, "D": 1, "E": 5}), TFP, 1)
    table = pt.check_named_wards(ranking, groups).set_index("named")
    assert not table.at["D", "in_place"] and not table.at["D", "in_named_top"]
    assert table.drop(index="D")["in_place"].all()


def test_top_wards_marks_the_articles_positions():
    ranking = pt.rank_wards(article_order({"Camden Town": 5}), TFP, 10)
    table = pt.top_wards(ranking, 7)
    assert table.index.tolist() == list(range(1, 8))
    assert table["article's position"].tolist() == ["1", "2", "3–4", "3–4", "5", "6", ""]
    assert table.at[1, "per day"] == 6.0 and table.at[7, "share of London %"] == 2.3


def test_ranking_sensitivity_lists_ranks_and_intruders():
    counts = {"V1": small_counts({**dict(zip(NAMED, [60, 50, 40, 30, 20, 10], strict=True)),
                                  "Fairfield": 1},
                                 robbery={"Fairfield": 100, "West End": 5})}
    table = pt.ranking_sensitivity(counts, 366)
    assert table.index.tolist() == [("V1", TFP), ("V1", ROB), ("V1", BOTH)]
    assert table.loc[("V1", TFP), "in stated places"]
    assert table.loc[("V1", TFP), "above a named ward"] == ""
    robbery = table.loc[("V1", ROB)]
    assert robbery["West End"] == 2 and not robbery["in stated places"]
    assert robbery["above a named ward"] == "Fairfield (1)"
    both = table.loc[("V1", BOTH)]
    assert both["above a named ward"] == "Fairfield (1)" and both["Waterloo & South Bank"] == 7


def test_place_ranks_takes_the_best_ward_containing_each_place():
    ranking = pt.rank_wards(small_counts({"Stratford Olympic Park": 30, "Stratford": 10,
                                          "Regent's Park": 20, "Borough & Bankside": 25,
                                          "Boroughbridge": 40}), TFP, 1)
    table = pt.place_ranks(ranking, ["Stratford", "Regent’s Park", "Borough"])
    assert table["ward"].tolist() == ["Stratford Olympic Park", "Regent's Park",
                                      "Borough & Bankside"]  # whole words only
    assert table["rank"].tolist() == [2, 4, 3]
    with pytest.raises(KeyError, match="Soho"):
        pt.place_ranks(ranking, ["Soho"])


def test_proxy_summary_per_vintage_and_proxy():
    counts = {"V1": small_counts({"West End": 30, "Other": 70}, robbery={"West End": 10})}
    summary = pt.proxy_summary(counts, "E05000000", MonthSpan("2024-01", "2024-01"))
    row = summary.loc[("V1", TFP)]
    assert row["London"] == 100 and row["ward"] == 30
    assert row["ward per day"] == pytest.approx(30 / 31)
    assert summary.loc[("V1", BOTH), "ward share of London %"] == pytest.approx(40 / 110 * 100)
    with pytest.raises(KeyError, match="appears 0 times"):
        pt.proxy_summary(counts, "E05999999")


# --- evidence rows ------------------------------------------------------------------------


def test_stated_places_follow_the_catalogue():
    assert pt.stated_places("west-end-tops-list") == {"West End": (1, 1)}
    places = pt.stated_places("other-high-risk-wards")
    assert places["Bloomsbury"] == places["Holborn & Covent Garden"] == (3, 4)
    assert places["Waterloo & South Bank"] == (6, 6)


def test_evidence_rows_are_accepted_by_the_registry(tmp_path):
    counts = {v: small_counts({**dict(zip(NAMED, [60, 50, 40, 30, 20, 10], strict=True)),
                               "Fairfield": 1}, robbery={"Fairfield": 100})
              for v in ("2025-06", pt.MAIN_VINTAGE)}
    sensitivity = pt.ranking_sensitivity(counts, 366)
    rows = pt.ranking_sensitivity_rows(sensitivity, "other-high-risk-wards")
    assert len(rows) == 5  # six vintage × proxy rows less the primary
    robbery = next(r for r in rows if r["name"] == "robbery-of-personal-property-2025-12")
    # Fairfield leads robbery; the named wards, with none, tie for 2nd: only St James's holds
    # its stated place.
    assert robbery["our_value"] == 1
    assert "St James’s 2, Bloomsbury 2" in robbery["description"]
    ranking = pt.rank_wards(counts[pt.MAIN_VINTAGE], TFP, 366)
    summary = pt.proxy_summary(counts, "E05000000")
    later = pd.Series([45], index=[2025])
    borough = pd.Series({TFP: 250, ROB: 110, BOTH: 360})
    times = pt.place_ranks(ranking, ["Bloomsbury", "Borough"])
    support = pt.supporting_rows(summary, ranking, later, borough, times)
    evidence = record("02_phone_theft_hot_spots", tmp_path)
    for row in rows:
        evidence.sensitivity(**row)
    for row in support:
        evidence.supporting(**row)
    written = {r.evidence_id: r for r in evidence.rows}
    assert written["phone-thefts-2024:press-figure-1"].claimed_value == 81_256
    assert written["west-end-thefts-13578:west-end-theft-from-the-person"].our_value == 60
    assert written["west-end-per-day:west-end-theft-from-the-person-per-day-2025"
                   ].our_value == pytest.approx(45 / 365)
    assert written["other-high-risk-wards:times-wider-list"].our_value == 5
    assert all(r.verdict is None for r in evidence.rows)
    assert evidence.save().exists()


# --- monthly series ---------------------------------------------------------------------


def test_monthly_series_and_months_by_year(wards):
    both = pd.concat([wards, wards.assign(vintage="V2", count=wards["count"] + 1)])
    series = pt.monthly_series(both, "E05000001", ["THEFT FROM THE PERSON"])
    assert series.columns.tolist() == ["V1", "V2"]
    assert series.loc[P("2024-05", "M")].tolist() == [10, 11]
    with pytest.raises(KeyError):
        pt.monthly_series(both, "E05000003", ["THEFT FROM THE PERSON"])
    months = pd.period_range("2024-01", "2025-12", freq="M")
    values = pd.Series(np.arange(24), index=months)
    table = pt.months_by_year(values, [2024, 2025])
    assert table.index.tolist() == list(range(1, 13))
    assert table.at[12, 2024] == 11 and table.at[1, 2025] == 12
    with pytest.raises(KeyError, match="lacks months"):
        pt.months_by_year(values, [2024, 2026])
    lower = table.copy()
    lower[2025] -= 20
    fig = pt.west_end_by_year_figure(lower, ward="W")
    title = fig.axes[0].get_title()
    assert title == "W: theft from the person was lower in 12 of 12 months of 2025"
    assert any("December: 11 → 3 (-73%)" in t.get_text() for t in fig.axes[0].texts)
    plt.close(fig)


# --- ward and LSOA maps -----------------------------------------------------------------------


def square(i: int, size: float = 100.0) -> shapely.Polygon:
    """The ``i``-th square of a row of squares (west to east) in the central zoom."""
    x0, y0 = pt.CENTRAL[0], pt.CENTRAL[1]
    return shapely.box(x0 + i * size, y0, x0 + (i + 1) * size, y0 + size)


@pytest.fixture
def ward_shapes() -> gpd.GeoDataFrame:
    """Seven 2022 wards: the six named and one City ward."""
    names = [*NAMED, "Bishopsgate"]
    return gpd.GeoDataFrame({
        "ward_code": [f"E05{i:06d}" for i in range(6)] + ["E05009999"],
        "ward_name": names, "borough_name": ["B"] * 6 + ["City of London"],
        "city": [False] * 6 + [True]}, geometry=[square(i) for i in range(7)], crs=BNG)


def test_ward_map_frame_and_anchors(ward_shapes):
    counts = article_order()
    frame = pt.ward_map_frame(ward_shapes, counts, TFP, 366)
    assert frame["count"].tolist()[:6] == [60, 50, 40, 30, 20, 10]
    assert frame["count"].isna().tolist() == [False] * 6 + [True]
    assert frame["rank"].tolist()[:6] == [1, 2, 3, 4, 5, 6]
    anchors = pt.ward_anchors(frame)
    assert anchors["label"].iat[0] == "West End\n#1 · 60"
    assert anchors["label"].iat[3] == "Holborn &\nCovent Garden\n#4 · 30"
    assert all(shapely.within(p, s) for p, s in zip(anchors.geometry, frame.geometry.iloc[:6],
                                                     strict=True))
    assert pt.ward_anchors(frame, counts=False)["label"].iat[1] == "St James's"
    with pytest.raises(ValueError, match="without Met counts"):
        pt.ward_map_frame(ward_shapes, counts.iloc[:5], TFP, 366)
    stray = pd.concat([counts, small_counts({"Nowhere": 1}).assign(area_code="E05888888")])
    with pytest.raises(ValueError, match="not among the 2022 wards"):
        pt.ward_map_frame(ward_shapes, stray, TFP, 366)
    fig = pt.ward_map_figure(frame, anchors, title="t", legend_title="lt")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[0] == "0–49" and legend[-1] == pt.NO_MET_DATA
    plt.close(fig)


@pytest.fixture
def lsoa_shapes() -> tuple[gpd.GeoDataFrame, pd.DataFrame, pd.DataFrame]:
    """Eight LSOAs (two in each of the first three named wards, one City, one far east),
    the lookup and the Met's LSOA counts (none for the City's)."""
    x0, y0 = pt.CENTRAL[0], pt.CENTRAL[1]
    shapes = [shapely.box(x0 + 100 * i, y0, x0 + 100 * (i + 1), y0 + 100) for i in range(7)]
    shapes.append(shapely.box(560_000, 180_000, 560_100, 180_100))  # outside the zoom
    codes = [f"E01{i:06d}" for i in range(8)]
    lsoas = gpd.GeoDataFrame({"lsoa_code": codes, "lsoa_name": [f"L{i}" for i in range(8)],
                              "borough_name": ["B"] * 8}, geometry=shapes, crs=BNG)
    wards_of = ["West End", "West End", "St James's", "St James's", "Bloomsbury",
                "Bloomsbury", "Bishopsgate", "Stratford"]
    lookup = pd.DataFrame({"lsoa_code": codes, "ward_name": wards_of})
    counts = pd.DataFrame({"area_code": codes[:6] + codes[7:],
                           TFP: [50, 40, 30, 30, 5, 0, 45]})
    return lsoas, lookup, counts


def test_lsoa_frame_top_lsoas_and_outlines(lsoa_shapes):
    lsoas, lookup, counts = lsoa_shapes
    frame = pt.lsoa_frame(lsoas, lookup, counts)
    assert frame["count"].isna().tolist() == [False] * 6 + [True, False]
    top = pt.top_lsoas(frame, 4)
    assert top["lsoa_code"].tolist() == ["E01000000", "E01000007", "E01000001", "E01000002"]
    assert top["in zoom"].tolist() == [True, False, True, True]
    assert pt.outside_note(top) == "#2 L7 (Stratford) lies outside the zoom"
    assert pt.outside_note(top[top["in zoom"]]) == ""
    outlines = pt.named_ward_outlines(frame, (("West End",), ("St James’s",), ("Bloomsbury",)))
    assert outlines["ward_name"].tolist() == ["Bloomsbury", "St James's", "West End"]
    assert outlines.area.tolist() == pytest.approx([20_000] * 3)
    with pytest.raises(ValueError, match="of the named wards hold an LSOA"):
        pt.named_ward_outlines(frame)
    with pytest.raises(ValueError, match="not among the 2021 LSOAs"):
        pt.lsoa_frame(lsoas.iloc[:7], lookup, counts)
    fig = pt.lsoa_map_figure(frame, top, outlines, window=pt.LSOA_WINDOW)
    assert fig.axes[1].get_title() == "Central London: top-10 LSOAs numbered (3 of 4 here)"
    assert fig._suptitle.get_text().startswith(
        "Theft from the person by LSOA, March 2024 – February 2025")
    plt.close(fig)


# --- street level -------------------------------------------------------------------------


def hex_rows(cells: list[tuple[int, int, int]], month: str = "2025-05",
             crime_type: str = "Theft from the person") -> pd.DataFrame:
    return pd.DataFrame({"month": P(month, "M"), "crime_type": crime_type,
                         "hex_q": [c[0] for c in cells], "hex_r": [c[1] for c in cells],
                         "crime_count": [c[2] for c in cells]})


def test_hex_cells_top_cells_and_concentration():
    centre_q = round(pt.CHARING_CROSS[0] * pt.HEX_GRID.metres_per_degree_lon / 150)
    centre_r = round(pt.CHARING_CROSS[1] * pt.HEX_GRID.metres_per_degree_lat
                     / pt.HEX_GRID.spacing - centre_q / 2)
    # Two cells by Charing Cross and one 6 km east of it (q + 40, r − 20 keeps y).
    hexes = pd.concat([hex_rows([(centre_q, centre_r, 5), (centre_q + 1, centre_r, 9),
                                 (centre_q + 40, centre_r - 20, 7)]),
                       hex_rows([(centre_q, centre_r, 2)], month="2025-06"),
                       hex_rows([(centre_q, centre_r, 100)], crime_type="Robbery")])
    _, _, x, y = pt.HEX_GRID.centres([centre_q], [centre_r])
    bounds = (x[0] - 1_000, y[0] - 1_000, x[0] + 8_000, y[0] + 1_000)
    cells = pt.hex_cells(hexes, "Theft from the person", bounds)
    assert cells["count"].sum() == 23 and (cells["count"] > 0).sum() == 3
    points = pd.DataFrame({"x": [x[0] + 20], "y": [y[0]], "location": ["On or near Here"]})
    top = pt.top_cells(cells, 3, points, 100)
    assert top.index.tolist() == [1, 2, 3]
    assert top["count"].tolist() == [9, 7, 7]  # the tie goes west to east (by q)
    assert top["nearest map point"].tolist() == [
        "(none within 100 m)", "Here", "(outside the 1-mile extract)"]
    london = pt.hex_concentration(hexes, "Theft from the person", tops=(1, 2))
    assert london["count"] == 23 and london["cells with at least one"] == 3
    assert london["top 1 cells: share %"] == pytest.approx(100 * 9 / 23)
    assert london["top 2 cells: hectares"] == pytest.approx(2 * 1.5 * np.sqrt(3) * 100**2 / 1e4)
    with pytest.raises(KeyError):
        pt.hex_concentration(hexes, "Burglary")


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


def test_disc_surface_and_peaks():
    cx, cy = pt.charing_cross_bng()
    points = pd.DataFrame({"x": [cx + 300, cx - 400], "y": [cy, cy], "records": [90, 10],
                           "location": ["On or near Big", "On or near Small"]})
    surfaces = {h: pt.disc_surface(points["x"], points["y"], points["records"], h, 20.0,
                                   radius=600) for h in (50.0, 100.0)}
    corner = surfaces[50.0].density[0, 0]
    assert np.isnan(corner)  # outside the disc
    total = np.nansum(surfaces[50.0].density) * 20.0**2 / 1e4
    assert total == pytest.approx(100, rel=0.01)  # per-hectare density integrates to records
    peaks = pt.kde_peaks(surfaces, points)
    assert peaks["nearest map point"].tolist() == ["Big", "Big"]
    assert peaks["peak from Charing Cross (m)"].tolist() == pytest.approx([300, 300], abs=15)
    # Gaussian peak height: 90 records / (2π h²) per m², in records per hectare.
    assert peaks.at["100 m", "peak (records per ha)"] == pytest.approx(
        90 / (2 * np.pi * 100**2) * 1e4, rel=0.02)
    fig = pt.kde_figure(surfaces[100.0], points, title="t", label="l", n_named=2)
    assert any("1  Big (90)" in t.get_text() for t in fig.axes[0].texts)
    plt.close(fig)


def test_edge_bias_matches_the_gaussian_mass_inside_a_half_plane():
    # A uniform lattice: a fit on points inside the disc only keeps, at distance d inside the
    # edge, the kernel mass Φ(d/h) of a half-plane; averaged over [0, h] that is
    # Φ(1) + φ(1) − φ(0) and over [h, 2h] 2Φ(2) + φ(2) − Φ(1) − φ(1).
    cx, cy = pt.charing_cross_bng()
    radius, bandwidth, spacing = 200.0, 20.0, 10.0
    offsets = np.arange(-radius - 6 * bandwidth, radius + 6 * bandwidth + 1, spacing)
    xx, yy = np.meshgrid(cx + offsets, cy + offsets)
    cells = pd.DataFrame({"x": xx.ravel(), "y": yy.ravel(), "count": 1})
    table = pt.edge_bias(cells, bandwidth, spacing, radius=radius)
    outer = norm.cdf(1) + norm.pdf(1) - norm.pdf(0)
    middle = 2 * norm.cdf(2) + norm.pdf(2) - norm.cdf(1) - norm.pdf(1)
    assert table["ratio"].tolist() == pytest.approx([1.0, middle, outer], abs=0.03)
    assert table["larger extract (per ha)"].tolist() == pytest.approx(
        [1e4 / spacing**2] * 3, rel=0.02)


# --- the real data ----------------------------------------------------------------------


@requires_mirror(MET_WARD_FILES)
@pytest.mark.parametrize("vintage, london_tfp, london_rob, west_end", [
    ("2025-03", 96_923, 26_718, 18_022),
    ("2025-06", 96_907, 26_736, 18_019),
    ("2025-12", 96_912, 26_744, 18_019),
])
def test_mirror_2024_proxies_and_the_named_wards(mirror, vintage, london_tfp, london_rob,
                                                 west_end):
    counts = pt.ward_counts([vintage])[vintage]
    totals = counts[list(pt.PROXIES)].sum()
    assert (totals[TFP], totals[ROB], totals[BOTH]) == (london_tfp, london_rob,
                                                        london_tfp + london_rob)
    assert counts["area_code"].notna().all() and len(counts) == 679  # Heathrow's code back
    ranking = pt.rank_wards(counts, TFP, 366)
    west = pt.match_ward(ranking, "West End")
    assert (west["area_code"], west["count"]) == ("E05013808", west_end)
    assert pt.check_named_wards(ranking)["rank"].tolist() == [1, 2, 3, 4, 5, 6]
    for sid in pt.RANKING_STATEMENTS:
        ranks = pt.named_ranks(ranking, sid)
        assert verdicts.ranking(sid, ranks).verdict == verdicts.REPRODUCED
    robbery = pt.check_named_wards(pt.rank_wards(counts, ROB, 366))
    assert robbery["rank"].tolist() == [1, 2, 3, 9, 8, 5]
    heathrow = pt.match_ward(ranking, "Heathrow Villages")
    assert heathrow["area_code"] == "E05013570" and heathrow["count"] == 99


@requires_mirror(MET_WARD_FILES, geo.WARDS22_FILE)
def test_mirror_ward_map_and_the_times_list(mirror):
    counts = pt.ward_counts([pt.MAIN_VINTAGE])[pt.MAIN_VINTAGE]
    frame = pt.ward_map_frame(geo.wards_2022(), counts, TFP, 366)
    assert len(frame) == 704 and frame["count"].isna().sum() == 25
    assert frame["city"][frame["count"].isna()].all()
    ranking = pt.rank_wards(counts, TFP, 366)
    times = pt.place_ranks(ranking)
    assert times["rank"].tolist() == [3, 4, 4, 8, 5, 10, 6, 6, 7, 13, 9]
    west_end = pt.match_ward(ranking, "West End")["area_code"]
    series = pt.monthly_series(met.load_counts("ward", pt.MAIN_VINTAGE), west_end,
                               pt.PROXIES[TFP])[pt.MAIN_VINTAGE]
    table = pt.months_by_year(series, [2024, 2025])
    assert table.sum().tolist() == [18_019, 13_370]
    assert (table.at[12, 2024], table.at[12, 2025]) == (2_402, 1_332)


@requires_mirror(met.LSOA_FILE, geo.LSOA21_ZIP, geo.LOOKUP_FILE, geo.WARDS22_FILE)
def test_mirror_top_lsoas(mirror):
    counts = pt.proxy_counts(met.load_lsoa_counts(), "2024-03", "2025-02")
    frame = pt.lsoa_frame(geo.lsoas_2021(), geo.lsoa_ward_lookup(), counts)
    top = pt.top_lsoas(frame)
    assert top[["lsoa_code", "count"]].iloc[0].tolist() == ["E01035716", 7_592]
    assert top["ward_name"].value_counts().to_dict() == {
        "West End": 4, "St James's": 3, "Marylebone": 1, "Holborn & Covent Garden": 1,
        "Stratford": 1}
    assert top.index[~top["in zoom"]].tolist() == [9]


@requires_mirror(extracts.HEX_FILE, extracts.API_FILE)
def test_mirror_charing_cross_points_hexagons_and_edge(mirror):
    api = extracts.load_charing_cross_api()
    tfp = api[api["crime_type"] == "Theft from the person"]
    summary = pt.snap_point_summary(tfp)
    assert (summary["records"], summary["map points"]) == (2_140, 409)
    assert summary["share on the top 10 points (%)"] == pytest.approx(100 * 546 / 2140)
    assert pt.snap_points(tfp).iloc[0][["location", "records"]].tolist() == [
        "On or near Hills Place", 90]
    assert assign.distance_from(api["x"], api["y"], pt.CHARING_CROSS).max() < pt.ONE_MILE_M + 5
    hexes = extracts.load_hex_counts()
    london = pt.hex_concentration(hexes, "Theft from the person")
    assert (london["count"], london["cells with at least one"]) == (78_526, 11_822)
    assert london["top 10 cells: share %"] == pytest.approx(7.8, abs=0.05)
    december = pt.hex_cells(hexes[hexes["month"] == P("2025-12", "M")],
                            "Theft from the person", pt.CENTRAL)
    inside = december["from Charing Cross (m)"] <= pt.ONE_MILE_M
    assert december.loc[inside, "count"].sum() == 2_131
    edge = pt.edge_bias(december, 100.0, 20.0)
    assert edge["ratio"].round(2).tolist() == [1.0, 0.95, 0.71]
