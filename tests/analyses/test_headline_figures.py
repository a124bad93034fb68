"""TODO docstring."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hotspots import article
from hotspots.analyses import headline_figures as h
from hotspots.claims import verdicts
from hotspots.config import data_dir

P = pd.Period


# Monthly counts per (area name, code, major) in 2023; 2024 months have twice as many.
BASE = [
    ("Westminster", h.WESTMINSTER, "THEFT", 10),
    ("Westminster", h.WESTMINSTER, "NFIB FRAUD", 1),
    ("Camden", h.CAMDEN, "THEFT", 5),
    ("Newham", "E09000025", "FRAUD AND FORGERY", 4),
    ("Unknown", None, "THEFT", 3),
]


def tidy(vintage: str, first: str, last: str, extra_westminster: int = 0) -> pd.DataFrame:
    """A small tidy Met table: the BASE rows for each month from ``first`` to ``last``."""
    rows = []
    for month in pd.period_range(first, last, freq="M"):
        for name, code, major, base in BASE:
            count = base * (2 if month.year == 2024 else 1)
            if name == "Westminster" and major == "THEFT":
                count += extra_westminster
            rows.append((code, name, major, month, count))
    table = pd.DataFrame(rows, columns=["area_code", "area_name", "major", "month", "count"])
    return table.assign(
        area_code=table["area_code"].astype("string"),
        month=table["month"].astype("period[M]"),
        count=table["count"].astype("int64"),
        vintage=vintage,
    )


@pytest.fixture
def vintage_b() -> pd.DataFrame:
    return tidy("B", "2023-01", "2024-12")


BOROUGH_DIR = "met_datastore/borough"


def raw_tidy(folder) -> pd.DataFrame:
    """The raw wide borough files of one vintage as a tidy table (test-only parser)."""
    from hotspots.io.boundaries import borough_lookup
    from hotspots.names import name_key

    codes = borough_lookup().set_index("name_key")["borough_code"]
    parts = []
    for path in sorted(folder.glob("*.csv.gz")):
        wide = pd.read_csv(path)
        wide.columns = ["major", "minor", "area_name", *wide.columns[3:]]
        parts.append(wide.melt(["major", "minor", "area_name"], var_name="m", value_name="count"))
    table = pd.concat(parts, ignore_index=True)
    months = {m: P(f"{m[:4]}-{m[4:]}", "M") for m in table["m"].unique()}
    names = {n: codes.get(name_key(n)) for n in table["area_name"].unique()}
    return table.assign(
        month=table["m"].map(months).astype("period[M]"),
        area_code=table["area_name"].map(names).astype("string"),
        vintage=folder.name.removeprefix("vintage_").split("__")[0],
    ).drop(columns="m")


@pytest.fixture(scope="module")
def mirror_tables() -> dict[str, pd.DataFrame]:
    root = data_dir() / BOROUGH_DIR
    folders = sorted(root.glob("vintage_*")) if root.is_dir() else []
    if len(folders) < 5 or not (data_dir() / "geography").is_dir():
        pytest.skip("Met borough vintages not in the data folder")
    return {t["vintage"].iat[0]: t for t in map(raw_tidy, folders)}


MIRROR_ENDS = list(pd.period_range("2023-12", "2026-06", freq="M"))


@pytest.fixture(scope="module")
def mirror_grid(mirror_tables) -> pd.DataFrame:
    return h.candidate_grid(mirror_tables, MIRROR_ENDS)


def test_window_total_london_and_per_area(vintage_b):
    assert h.window_total(vintage_b, P("2024-12", "M")) == (10 + 1 + 5 + 4 + 3) * 2 * 12
    # Window Dec 2023 … Nov 2024: one month at the 2023 level, eleven at twice it.
    assert h.window_total(vintage_b, P("2024-11", "M"), definition=h.BOROUGHS_ONLY) == 20 * 23
    assert h.window_total(vintage_b, P("2023-03", "M"), months=3) == 23 * 3
    per_area = h.window_total(vintage_b, P("2024-12", "M"), per_area=True)
    assert per_area["count"].to_dict() == {
        "Camden": 120, "Newham": 96, "Unknown": 72, "Westminster": 264
    }
    assert pd.isna(per_area.at["Unknown", "area_code"])
    assert per_area.at["Westminster", "area_code"] == h.WESTMINSTER


def test_window_total_refuses_partial_windows_and_mixed_vintages(vintage_b):
    with pytest.raises(h.IncompleteWindowError, match="lacks 1 month"):
        h.window_total(vintage_b, P("2025-01", "M"))
    mixed = pd.concat([vintage_b, tidy("A", "2023-01", "2024-12")])
    with pytest.raises(ValueError, match="mixes vintages"):
        h.window_total(mixed, P("2024-12", "M"))


def test_definitions_filter_the_documented_rows(vintage_b):
    month = vintage_b[vintage_b["month"] == P("2023-01", "M")]
    assert len(h.ALL_ROWS.apply(month)) == 5
    assert set(h.BOROUGHS_ONLY.apply(month)["area_name"]) == {"Westminster", "Camden", "Newham"}
    assert set(h.EXCLUDING_FRAUD.apply(month)["major"]) == {"THEFT"}
    both = h.BOROUGHS_ONLY & h.EXCLUDING_FRAUD
    assert both.name == "boroughs only & excluding fraud"
    assert set(both.apply(month)["area_name"]) == {"Westminster", "Camden"}
    assert [d.name for d in h.DEFINITIONS][-1] == both.name


def test_grid_finds_the_planted_combination():
    tables = {"A": tidy("A", "2023-06", "2024-11", extra_westminster=1),
              "B": tidy("B", "2023-01", "2024-12")}
    # Boroughs without fraud in vintage B, year to Dec 2024: (10 + 5) × 2 × 12 = 360.
    claims = {"london_total": 360, "change_pct": 100.0, "westminster": 240, "camden": 120}
    ends = [P("2024-11", "M"), P("2024-12", "M")]
    grid = h.candidate_grid(tables, ends, claims=claims)
    assert len(grid) == 2 * 4 * 2
    best = h.closest(grid, "london_total")
    assert (best["vintage"], best["definition"], best["end"]) == (
        "B", "boroughs only & excluding fraud", P("2024-12", "M")
    )
    assert best["london_total_gap"] == 0 and best["change_pct"] == 100.0
    # Westminster's 240 is reached by two definitions: the first in grid order wins.
    assert h.closest(grid, "westminster")["definition"] == "excluding fraud"
    # Vintage A ends in Nov 2024: its Dec 2024 window is flagged and left empty …
    a_dec = grid[(grid["vintage"] == "A") & (grid["end"] == P("2024-12", "M"))]
    assert not a_dec["complete"].any() and a_dec["london_total"].isna().all()
    assert a_dec["note"].str.startswith("skipped").all()
    # … and its Nov 2024 window is total-able but has no previous year to compare with.
    a_nov = grid[(grid["vintage"] == "A") & (grid["end"] == P("2024-11", "M"))].iloc[0]
    assert a_nov["complete"] and pd.isna(a_nov["change_pct"])
    # Theft (+1 a month in A) and fraud, Dec 2023 at the 2023 level, Jan–Nov 2024 doubled.
    assert a_nov["westminster"] == (10 + 1) + 11 * (20 + 1) + 1 + 11 * 2
    assert a_nov["westminster_gap"] == a_nov["westminster"] - 240
    assert a_nov["westminster_gap_pct"] == pytest.approx(100 * (a_nov["westminster"] - 240) / 240)


def test_closest_needs_a_complete_candidate():
    grid = h.candidate_grid({"A": tidy("A", "2024-06", "2024-11")}, [P("2024-12", "M")])
    with pytest.raises(ValueError, match="no complete candidate"):
        h.closest(grid, "london_total")


def test_nearest_joint_fit_and_decoys():
    tables = {"A": tidy("A", "2023-06", "2024-11", extra_westminster=1),
              "B": tidy("B", "2023-01", "2024-12")}
    claims = {"london_total": 480, "change_pct": 100.0, "westminster": 264, "camden": 120}
    grid = h.candidate_grid(tables, [P("2024-11", "M"), P("2024-12", "M")], claims=claims)
    # Vintage B, year to Dec 2024: Westminster 264 (240 without fraud), Camden 120, and
    # London 552 (all rows), 480 (boroughs only), 432 (no fraud), 360 (boroughs, no fraud).
    top = h.nearest(grid, "westminster", n=3)
    assert len(top) == 3 and (top["westminster_gap"].abs().diff().dropna() >= 0).all()
    assert [(r.vintage, r.definition) for r in top.itertuples()] == [
        ("B", "all rows"), ("B", "boroughs only"), ("A", "all rows")]
    assert h.closest(grid, "westminster").name == top.index[0]
    joint = h.joint_fit(grid, ["westminster", "camden"])
    assert joint["complete"].all() and len(joint) == 12  # 4 definitions × 3 complete windows
    assert (joint["worst_gap_pct"].diff().dropna() >= 0).all()
    best = joint.iloc[0]
    assert (best["vintage"], best["definition"], best["end"], best["worst_gap_pct"]) == (
        "B", "all rows", P("2024-12", "M"), 0)
    # Asking for the London total as well singles out the definition that gives 480.
    both = h.joint_fit(grid, ["westminster", "camden", "london_total"])
    assert (both.iloc[0]["definition"], both.iloc[0]["worst_gap_pct"]) == ("boroughs only", 0)
    assert both.iloc[1]["worst_gap_pct"] > 0
    decoys = h.decoy_matches(grid, "camden", 120, [-10, 0, 5])
    assert decoys.loc[0, "best_gap_pct"] == 0 and decoys.loc[0, "best_value"] == 120
    assert decoys.loc[-10, "target"] == pytest.approx(108)
    # Camden in the complete windows: 120 (B, Dec), 115 (B and A, Nov).
    assert decoys.loc[-10, "best_value"] == 115 and decoys.loc[5, "best_value"] == 120
    with pytest.raises(ValueError, match="no complete candidate"):
        h.decoy_matches(grid[~grid["complete"]], "camden", 120, [0])


def test_revisions_table_per_window_and_measure():
    tables = {"A": tidy("A", "2023-01", "2024-12", extra_westminster=2),
              "B": tidy("B", "2023-01", "2024-12"), "C": tidy("C", "2024-01", "2024-12")}
    grid = h.candidate_grid(tables, [P("2023-12", "M"), P("2024-12", "M")])
    table = h.revisions_table(grid, [P("2023-12", "M"), P("2024-12", "M")])
    assert list(table.columns[:3]) == ["A", "B", "C"]
    row = table.loc[(P("2024-12", "M"), "westminster")]
    assert (row["A"], row["B"], row["C"]) == (264 + 24, 264, 264)
    assert (row["lowest"], row["highest"], row["spread"]) == (264, 288, 24)
    assert row["spread_pct"] == pytest.approx(100 * 24 / 264)
    # Vintage C does not cover 2023: no value, and the spread uses A and B only.
    assert pd.isna(table.loc[(P("2023-12", "M"), "camden"), "C"])
    assert table.loc[(P("2023-12", "M"), "london_total"), "spread"] == 24


def test_ranks_across_windows_and_order_verdict():
    tables = {"B": tidy("B", "2023-01", "2024-12")}
    ends = [P("2023-12", "M"), P("2024-12", "M"), P("2025-01", "M")]
    ranks = h.ranks_across_windows(tables, ends, ["City of Westminster", "Newham", "Camden"])
    # Boroughs only (Unknown left out); Westminster 11 a month, Camden 5, Newham 4.
    assert ranks.index.tolist() == [("B", P("2023-12", "M")), ("B", P("2024-12", "M"))]
    assert ranks.loc[("B", P("2024-12", "M"))].tolist() == [1, 3, 2]
    with pytest.raises(KeyError, match="Croydon"):
        h.ranks_across_windows(tables, ends, ["Croydon"])
    ranking = h.rank_areas(pd.Series({"W": 9, "C": 8, "T": 7, "N": 6, "X": 1}))
    assert h.check_order(ranking, ["W", "C", "T"])["in_place"].all()
    assert h.check_order(ranking, ["W", "C", "N"])["actual_rank"].tolist() == [1, 2, 4]
    assert not h.check_order(ranking, ["W", "C", "X"])["in_claimed_top"].iloc[2]


def test_rank_areas_ties_share_the_best_rank_and_sort_by_name():
    ranking = h.rank_areas(pd.Series({"B": 5, "A": 5, "C": 7, "D": 1}))
    assert list(ranking.index) == ["C", "A", "B", "D"]
    assert ranking["rank"].tolist() == [1, 2, 2, 4]


def test_check_order_positions_and_name_matching():
    ranking = h.rank_areas(pd.Series({"Westminster": 9, "Camden": 5, "Newham": 5, "Brent": 1}))
    check = h.check_order(ranking, ["City of Westminster", "Newham", "Camden"])
    assert check.index.tolist() == ["Westminster", "Newham", "Camden"]
    assert check["actual_rank"].tolist() == [1, 2, 2]
    assert check["in_place"].tolist() == [True, True, False]
    assert check["in_claimed_top"].all()
    with pytest.raises(KeyError, match="Croydon"):
        h.check_order(ranking, ["Croydon"])


def test_rates_and_implied_population():
    assert h.implied_population(91_380, 432) == pytest.approx(211_527.78, abs=0.01)
    assert h.rate_per_1000(91_380, h.implied_population(91_380, 432)) == pytest.approx(432)
    rates = h.rate_per_1000(pd.Series({"a": 10, "b": 30}), pd.Series({"b": 3000, "a": 2000}))
    assert rates.to_dict() == {"a": 5.0, "b": 10.0}
    table = h.rate_sensitivity(91_380, {"Census 2011": 219_396, "half": 100_000}, 432)
    assert table.loc["half", "rate_per_1000"] == pytest.approx(913.8)
    assert table.loc["Census 2011", "gap"] == pytest.approx(91_380 / 219.396 - 432)


@pytest.mark.mirror
def test_mirror_2024_totals_match_sources_md(mirror_tables):
    dec = P("2024-12", "M")
    table = mirror_tables["2025-02"]
    assert h.window_total(table, dec) == 933_096
    per_area = h.window_total(table, dec, definition=h.BOROUGHS_ONLY, per_area=True)
    assert len(per_area) == 32 and "City of London" not in per_area.index
    assert per_area.loc[["Westminster", "Camden"], "count"].tolist() == [91_127, 42_805]
    ranking = h.rank_areas(per_area["count"])
    assert ranking.index[:7].tolist() == [
        "Westminster", "Camden", "Newham", "Southwark", "Lambeth", "Tower Hamlets", "Croydon"
    ]
    assert h.window_total(mirror_tables["2025-11"], dec) == 939_858


@pytest.mark.mirror
def test_mirror_categories_and_non_borough_rows(mirror_tables):
    for vintage, table in mirror_tables.items():
        assert set(h.FRAUD_MAJORS) <= set(table["major"].unique()), vintage
        non_borough = set(table.loc[table["area_code"].isna(), "area_name"].unique())
        expected = {"Unknown"} | (set() if vintage == "2026-06" else
                                  {"London Heathrow and London City Airports"})
        assert non_borough == expected, vintage
        assert "City of London" not in set(table["area_name"].unique()), vintage


@pytest.mark.mirror
def test_mirror_no_candidate_reaches_the_article_total(mirror_grid):
    grid = mirror_grid
    complete = grid[grid["complete"]]
    assert complete["london_total"].max() == 942_369 < h.ARTICLE_CLAIMS["london_total"]
    best = h.closest(grid, "london_total")
    assert (best["vintage"], best["definition"], str(best["end"])) == (
        "2025-11", "all rows", "2024-08"
    )
    assert verdicts.number("london-total-2024", best["london_total"]).verdict == verdicts.CLOSE
    dec = complete[complete["end"] == P("2024-12", "M")]
    assert set(dec["vintage"]) == {"2025-02", "2025-11", "2025-12"}


@pytest.mark.mirror
def test_mirror_calendar_2024_per_vintage_and_revisions(mirror_grid):
    dec = mirror_grid[mirror_grid["complete"] & (mirror_grid["end"] == P("2024-12", "M"))]
    rows = dec.set_index(["definition", "vintage"])
    assert rows.loc["all rows", "london_total"].to_dict() == {
        "2025-02": 933_096, "2025-11": 939_858, "2025-12": 939_957}
    changes = rows["change_pct"].dropna().astype(float).round(2)
    assert changes.loc["all rows"].to_dict() == {"2025-02": 0.29, "2025-11": 0.97}
    assert changes.loc["boroughs only"].to_dict() == {"2025-02": 2.35, "2025-11": 3.31}
    assert rows.loc["all rows", "westminster"].to_dict() == {
        "2025-02": 91_127, "2025-11": 91_718, "2025-12": 91_723}
    assert rows.loc["all rows", "camden"].to_dict() == {
        "2025-02": 42_805, "2025-11": 43_108, "2025-12": 43_117}
    # On the article's basis, across vintages: the total and Camden close, Westminster between
    # two vintages (reproduced), the +2% close on the level it implies.
    expected = {"london-total-2024": ("london_total", verdicts.CLOSE),
                "westminster-total-2024": ("westminster", verdicts.REPRODUCED),
                "camden-total-2024": ("camden", verdicts.CLOSE)}
    for statement_id, (column, verdict) in expected.items():
        ours = rows.loc["all rows", column].to_dict()
        assert verdicts.number(statement_id, ours).verdict == verdict, column
    current = rows.loc["all rows", "london_total"][changes.loc["all rows"].index]
    previous = current / (1 + rows.loc["all rows", "change_pct"][current.index] / 100)
    trend = verdicts.trend("london-change-2024", previous.to_dict(), current.to_dict())
    assert trend.verdict == verdicts.CLOSE and trend.ours == pytest.approx(0.97, abs=0.01)
    table = h.revisions_table(mirror_grid, [P("2023-12", "M"), P("2024-12", "M")])
    assert table.loc[(P("2023-12", "M"), "london_total"), "2024-11"] == 930_205
    assert table.loc[(P("2024-12", "M"), "london_total"), "spread"] == 6_861


@pytest.mark.mirror
def test_mirror_search_size_best_candidates_and_joint_fit(mirror_grid):
    assert len(mirror_grid) == 620 and int(mirror_grid["complete"].sum()) == 308
    picks = {}
    for column in ("westminster", "camden", "change_pct"):
        row = h.nearest(mirror_grid, column, 3).iloc[0]
        picks[column] = (row["vintage"], row["definition"], str(row["end"]))
    assert picks == {
        "westminster": ("2025-02", "excluding fraud", "2024-11"),
        "camden": ("2025-11", "all rows", "2024-11"),
        "change_pct": ("2025-11", "excluding fraud", "2024-11"),
    }
    assert h.closest(mirror_grid, "westminster")["westminster"] == 91_421
    assert h.closest(mirror_grid, "camden")["camden"] == 42_556
    boroughs = h.joint_fit(mirror_grid, ["westminster", "camden"]).iloc[0]
    assert (boroughs["vintage"], str(boroughs["end"])) == ("2025-02", "2024-12")
    assert boroughs["worst_gap_pct"] == pytest.approx(0.5403, abs=1e-4)
    everything = h.joint_fit(mirror_grid, ["london_total", "westminster", "camden"]).iloc[0]
    assert (everything["vintage"], str(everything["end"])) == ("2025-11", "2024-08")
    assert everything["worst_gap_pct"] == pytest.approx(1.6115, abs=1e-4)
    shifts = [s for s in np.arange(-1.5, 1.51, 0.25).round(2) if s != 0]
    decoys = h.decoy_matches(mirror_grid, "westminster", 91_380, shifts)
    assert int((decoys["best_gap_pct"].abs() <= 0.05).sum()) == 8


@pytest.mark.mirror
def test_mirror_croydon_is_seventh_in_every_window(mirror_tables):
    ranks = h.ranks_across_windows(mirror_tables, MIRROR_ENDS,
                                   [*article.ARTICLE_ORDER, "Tower Hamlets"])
    assert len(ranks) == 77
    assert (ranks["Westminster"] == 1).all() and (ranks["Croydon"] == 7).all()
    assert (ranks["Tower Hamlets"] <= 6).all()
    per_area = h.window_total(mirror_tables["2025-12"], P("2024-12", "M"),
                              definition=h.BOROUGHS_ONLY, per_area=True)
    check = h.check_order(h.rank_areas(per_area["count"]), article.ARTICLE_ORDER)
    assert check["actual_rank"].tolist() == [1, 2, 3, 4, 5, 7]
    ranks = dict(zip(check.index, check["actual_rank"], strict=True))
    assert verdicts.ranking("borough-order-2024", ranks).verdict == verdicts.CLOSE
    ratio = per_area.at["Westminster", "count"] / per_area.at["Camden", "count"]
    assert ratio == pytest.approx(2.1273, abs=1e-4)
    assert verdicts.ratio("westminster-nearly-double-camden", ratio).verdict == (
        verdicts.CONTRADICTED)


@pytest.mark.mirror
def test_mirror_westminster_rate_with_census_2011(mirror_tables):
    from hotspots.io.populations import borough_population

    census = borough_population("census2011").set_index("borough_code")["population"]
    per_area = h.window_total(mirror_tables["2025-12"], P("2024-12", "M"), per_area=True)
    westminster = int(per_area.at["Westminster", "count"])
    assert westminster == 91_723 and census[h.WESTMINSTER] == 219_396
    assert h.rate_per_1000(westminster, census[h.WESTMINSTER]) == pytest.approx(418.07, abs=0.01)
    assert h.rate_per_1000(91_380, census[h.WESTMINSTER]) == pytest.approx(416.51, abs=0.01)
    assert round(h.implied_population(91_380, 432)) == 211_528
