"""Tests for hotspots.analyses.headline_figures (notebook 01).

Unit tests build small tidy Met tables with known totals; mirror tests check the figures the
notebook reports against the data folder, the borough files read by a separate, test-only
parser (:func:`raw_tidy`) and the denominators against ``population/SOURCES.md``.
"""

from __future__ import annotations

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import requires_mirror
from matplotlib.colors import to_hex
from shapely.geometry import box

from hotspots import article
from hotspots.analyses import headline_figures as h
from hotspots.claims import verdicts
from hotspots.config import data_dir
from hotspots.io import populations
from hotspots.viz import style

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
GEOGRAPHY = "geography"


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
def mirror_tables(mirror) -> dict[str, pd.DataFrame]:
    folders = sorted((data_dir() / BOROUGH_DIR).glob("vintage_*"))
    assert len(folders) == 5
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


# --- the stated basis, the rise and the non-borough rows ------------------------------------

#: Airport crime sits in its own row from April 2023 to February 2024 and in Hillingdon
#: otherwise, as in the Met's file.
AIRPORT_MONTHS = pd.period_range("2023-04", "2024-02", freq="M")


def borough_table(vintage: str, first: str, last: str, camden_2024: int = 30) -> pd.DataFrame:
    """Monthly rows for Hillingdon (100 a month, 70 while the airports row holds 30),
    Westminster (50, then 60 in 2024), Camden (25, then ``camden_2024``) and Unknown (20,
    then 10). 2023: boroughs 1,830, airports 270, unknown 240 (2,340); 2024: 2,220, 60, 120
    (2,400) with the default Camden."""
    rows = []
    for month in pd.period_range(first, last, freq="M"):
        late = month.year == 2024
        airport = month in AIRPORT_MONTHS
        cells = [(h.HILLINGDON, "Hillingdon", 70 if airport else 100),
                 (h.WESTMINSTER, "Westminster", 60 if late else 50),
                 (h.CAMDEN, "Camden", camden_2024 if late else 25),
                 (None, h.UNKNOWN, 10 if late else 20)]
        if airport:
            cells.append((None, h.AIRPORTS, 30))
        rows += [(*cell, month) for cell in cells]
    table = pd.DataFrame(rows, columns=["area_code", "area_name", "count", "month"])
    return table.assign(area_code=table["area_code"].astype("string"), major="THEFT",
                        month=table["month"].astype("period[M]"), vintage=vintage)


@pytest.fixture
def boroughs_abc() -> dict[str, pd.DataFrame]:
    return {"A": borough_table("A", "2023-01", "2024-11"),
            "B": borough_table("B", "2023-01", "2024-12"),
            "C": borough_table("C", "2024-01", "2024-12")}


def test_borough_table_totals_are_as_documented(boroughs_abc):
    table = boroughs_abc["B"]
    by_year = table.groupby(table["month"].dt.year)["count"].sum()
    assert by_year.to_dict() == {2023: 2_340, 2024: 2_400}


def test_coverage_per_vintage(boroughs_abc):
    table = h.coverage(boroughs_abc)
    assert table["covers 2023"].tolist() == [True, True, False]
    assert table["covers 2024"].tolist() == [False, True, True]
    assert table.loc["B", "months"] == 24 and table.loc["C", "boroughs"] == 3
    assert table.loc["B", "rows without a borough"] == f"{h.AIRPORTS}; Unknown"
    later = h.coverage({"D": borough_table("D", "2024-03", "2024-12")})  # no airport month
    assert later.loc["D", "rows without a borough"] == "Unknown"


def test_stated_basis_takes_every_row_in_each_vintage_covering_the_year(boroughs_abc):
    basis = h.stated_basis(boroughs_abc)
    assert basis.index.tolist() == ["B", "C"]  # A ends in November 2024
    assert basis["london_total"].tolist() == [2_400, 2_400]
    assert basis.at["B", "previous_total"] == 2_340 and pd.isna(basis.at["C", "previous_total"])
    assert basis.at["B", "change_pct"] == pytest.approx(100 * (2_400 / 2_340 - 1))
    assert basis[["westminster", "camden"]].to_numpy().tolist() == [[720, 360], [720, 360]]
    assert basis["ratio"].tolist() == [2.0, 2.0]
    with pytest.raises(ValueError, match="no vintage covers every month of 2025"):
        h.stated_basis(boroughs_abc, 2025)


def test_close_band_follows_the_number_rule():
    low, high = h.close_band("london-total-2024")
    assert (low, high) == pytest.approx((957_480.5 - 0.02 * 957_481, 957_481.5 + 0.02 * 957_481))
    # the rule's own verdicts change exactly at the band's edges
    assert verdicts.number("london-total-2024", low + 1).verdict == verdicts.CLOSE
    assert verdicts.number("london-total-2024", low - 1).verdict == verdicts.CONTRADICTED
    assert verdicts.number("london-total-2024", high + 1).verdict == verdicts.CONTRADICTED


def test_rolling_totals_only_where_the_window_is_covered(boroughs_abc):
    rolling = h.rolling_totals(boroughs_abc)
    assert list(rolling.columns) == ["A", "B", "C"]
    assert rolling.index[0] == P("2023-01", "M") and rolling.index[-1] == P("2024-12", "M")
    assert rolling.loc[P("2023-12", "M"), "B"] == 2_340
    assert rolling.loc[P("2024-12", "M")].tolist() == [pd.NA, 2_400, 2_400]
    # Dec 2023 (195) + Jan–Feb 2024 (200 each) + Mar–Nov 2024 (200 each)
    assert rolling.loc[P("2024-11", "M"), "A"] == 2_395
    assert pd.isna(rolling.loc[P("2023-11", "M"), "B"]) and pd.isna(rolling.loc[P("2024-11", "M"),
                                                                               "C"])
    boroughs = h.rolling_totals(boroughs_abc, h.BOROUGHS_ONLY)
    assert boroughs.loc[P("2024-12", "M"), "B"] == 2_220


def test_change_sensitivity_by_definition(boroughs_abc):
    table = h.change_sensitivity(boroughs_abc, [P("2024-12", "M"), P("2024-11", "M")])
    # Only B covers 2023 and 2024; no vintage covers the year before November 2024's window.
    assert list(table.columns) == ["B"]
    assert table.index.tolist() == [(P("2024-12", "M"), d) for d in
                                    ("all rows", "boroughs and airports", "boroughs only")]
    assert table["B"].tolist() == pytest.approx([100 * (2_400 / 2_340 - 1),
                                                 100 * (2_280 / 2_100 - 1),
                                                 100 * (2_220 / 1_830 - 1)])


def test_row_groups_per_year(boroughs_abc):
    table = h.row_groups(boroughs_abc)
    assert table.index.get_level_values("vintage").unique().tolist() == ["B"]
    b = table.loc["B"]
    assert b[2023].to_dict() == {"32 boroughs": 1_830, "airports row": 270,
                                 "unknown location": 240, "all rows": 2_340}
    assert b[2024].to_dict() == {"32 boroughs": 2_220, "airports row": 60,
                                 "unknown location": 120, "all rows": 2_400}
    assert b.loc["unknown location", "change_pct"] == -50.0
    with pytest.raises(ValueError, match="no vintage covers"):
        h.row_groups({"C": boroughs_abc["C"]})


def test_airport_months_fill_empty_months_with_zero(boroughs_abc):
    months = h.airport_months(boroughs_abc["B"], "2023-02", "2023-05")
    assert months["Hillingdon"].tolist() == [100, 100, 70, 70]
    assert months["airports row"].tolist() == [0, 0, 30, 30]
    assert months.index.tolist() == list(pd.period_range("2023-02", "2023-05", freq="M"))
    with pytest.raises(h.IncompleteWindowError, match="lacks 1 month"):
        h.airport_months(boroughs_abc["A"], "2024-11", "2024-12")


# --- boroughs ---------------------------------------------------------------------------------


def test_borough_counts_and_consensus_ranks(boroughs_abc):
    counts = h.borough_counts(boroughs_abc)
    assert list(counts.columns) == ["area_code", "B", "C"]
    assert counts.index.tolist() == ["Hillingdon", "Westminster", "Camden"]
    assert counts["C"].tolist() == [1_140, 720, 360]
    assert counts.at["Camden", "area_code"] == h.CAMDEN
    assert h.consensus_ranks(counts) == {"Hillingdon": 1, "Westminster": 2, "Camden": 3}
    # A vintage in which Camden overtakes Westminster breaks the consensus.
    split = {**boroughs_abc, "D": borough_table("D", "2024-01", "2024-12", camden_2024=70)}
    with pytest.raises(ValueError, match="rank .*Camden.*Westminster|rank .*Westminster"):
        h.consensus_ranks(h.borough_counts(split))


def test_rank_spread_counts_windows_at_the_claimed_place():
    ranks = pd.DataFrame({"W": [1, 1, 1], "C": [2, 3, 2], "T": [4, 3, 3]})
    spread = h.rank_spread(ranks, ["W", "C"])
    assert spread.loc["W"].tolist() == [1, 1, 1, 3, 3]
    assert spread.loc["C", "windows at the claimed place"] == 2
    assert (spread.loc["C", "best rank"], spread.loc["C", "worst rank"]) == (2, 3)
    assert pd.isna(spread.loc["T", "claimed place"])
    assert pd.isna(spread.loc["T", "windows at the claimed place"])


def test_printed_figures_come_from_the_catalogue():
    printed = h.printed_figures()
    assert printed.to_dict() == {"Westminster": 91_380, "Camden": 42_569, "Newham": 39_990,
                                 "Southwark": 39_500, "Lambeth": 38_116, "Croydon": 35_374}


def test_printed_vs_ours_gap_outside_our_range():
    counts = pd.DataFrame({"area_code": ["x", "y", "z"], "v1": [100, 200, 300],
                           "v2": [110, 190, 310]}, index=["X", "Y", "Z"])
    table = h.printed_vs_ours(counts, pd.Series({"X": 105, "Y": 180, "Z": 341}))
    assert table["ours, lowest"].tolist() == [100, 190, 300]
    assert table["printed outside ours, %"].tolist() == pytest.approx(
        [0.0, -100 * 10 / 180, 100 * 31 / 341])


# --- tables for display -----------------------------------------------------------------------


def test_statement_table_quotes_the_catalogue():
    table = h.statement_table([*h.DECIDED, *h.SUPPORTED])
    assert table.index.tolist() == [*h.DECIDED, *h.SUPPORTED]
    assert table.at["london-total-2024", "stated"] == "957,481"
    assert table.at["borough-order-2024", "stated"].endswith("Lambeth, Croydon")
    assert table.at["westminster-rate-per-1000", "basis"].startswith("decided in the catalogue")
    assert "more than double" in table.at["westminster-nearly-double-camden", "first printed as"]


def test_verdict_table_and_ratio_phrases():
    ratio = verdicts.ratio("westminster-nearly-double-camden", {"v1": 2.13, "v2": 1.95})
    order = verdicts.ranking("borough-order-2024", {n: i for i, n in
                                                    enumerate(article.ARTICLE_ORDER, start=1)})
    table = h.verdict_table({"ratio": ratio})
    assert table.loc["ratio", ["verdict", "ours", "lowest", "highest"]].tolist() == [
        verdicts.REPRODUCED, 1.95, 1.95, 2.13]
    ranking = h.verdict_table({"order": order})
    assert list(ranking.columns) == ["verdict", "reason"]  # a ranking has no numbers
    phrases = h.ratio_phrases(pd.Series([2.0, 2.13, 1.9]))
    assert phrases["ours inside"].to_dict() == {"nearly double": 1, "about double": 2,
                                                "more than double": 1}
    assert (phrases["of"] == 3).all()


def test_search_summaries_on_a_planted_grid():
    tables = {"A": tidy("A", "2023-06", "2024-11", extra_westminster=1),
              "B": tidy("B", "2023-01", "2024-12")}
    claims = {"london_total": 480, "change_pct": 100.0, "westminster": 264, "camden": 120}
    grid = h.candidate_grid(tables, [P("2024-11", "M"), P("2024-12", "M")], claims=claims)
    size = h.search_size(grid)
    assert size.tolist() == [2, 4, 2, 16, 12, 4]
    near = h.nearest_table(grid, n=2)
    assert near.loc[("Westminster", 1), ["vintage", "definition", "window end", "gap"]].tolist(
    ) == ["B", "all rows", "2024-12", 0.0]
    assert near.index.get_level_values("claim").unique().tolist() == [
        "London total", "Westminster", "Camden", "change, %"]
    decoys = h.decoy_summary(grid, [-10, 5], claims=claims)
    assert decoys.loc["Camden", "best gap to the claim, %"] == 0
    assert decoys.loc["Camden", "decoys"] == 2
    joint = h.joint_fit_summary(grid, {"boroughs": ["westminster", "camden"],
                                       "all": ["london_total", "westminster", "camden"]}, n=1)
    assert list(joint.columns) == ["vintage", "definition", "window end", "London total gap %",
                                   "Westminster gap %", "Camden gap %", "worst gap %"]
    assert joint.loc[("all", 1), ["definition", "worst gap %"]].tolist() == ["boroughs only", 0]
    assert pd.isna(joint.loc[("boroughs", 1), "London total gap %"])


# --- figures ----------------------------------------------------------------------------------


def test_figure_rolling_totals_draws_the_rule_band_and_the_claim():
    index = pd.period_range("2024-01", "2025-01", freq="M")
    totals = pd.DataFrame({"v1": np.arange(930_000, 943_000, 1_000)[:len(index)]}, index=index)
    fig = h.figure_rolling_totals(totals.astype("Int64"), first="2024-01")
    ax = fig.axes[0]
    band = ax.patches[0]
    assert (band.get_y() * 1000, (band.get_y() + band.get_height()) * 1000) == pytest.approx(
        h.close_band("london-total-2024"))
    assert "957,481" in ax.get_title()
    assert any(line.get_marker() == "o" for line in ax.lines)  # the December 2024 dot
    plt.close(fig)


def test_figure_map_classes_labels_and_missing_city():
    frame = gpd.GeoDataFrame(
        {"borough_code": [f"E0900000{i}" for i in range(1, 8)],
         "rate": [None, 60.0, 65.0, 100.0, 110.0, 200.0, 449.0]},
        geometry=[box(i * 1000, 0, (i + 1) * 1000, 1000) for i in range(7)], crs=27700)
    fig = h.figure_map(frame, "rate", title="t", legend_title="per 1,000",
                       labels={"E09000007": "Westminster"})
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "449 (1 borough)" and legend[-1].startswith("City of London: no data")
    assert "Westminster" in [t.get_text() for t in ax.texts]
    bars = [a.txt_label.get_text() for a in ax.artists if hasattr(a, "txt_label")]
    assert bars == ["10 km"]  # the scale bar
    plt.close(fig)


def test_figure_denominators_bars_and_dumbbells():
    denominators = pd.DataFrame({"population": [204_235, 367_509],
                                 "rate, the article's count": [447.4, 248.6]},
                                index=["residents", "workday"])
    people = pd.DataFrame({"per_resident": [449.0, 205.0, 105.0],
                           "per_workday": [250.0, 150.0, 104.0]},
                          index=["Westminster", "Camden", "London (32 boroughs)"])
    fig = h.figure_denominators(denominators, people, top=1)
    left, right = fig.axes
    assert [p.get_width() for p in left.patches] == [447.4, 248.6]
    assert [t.get_text() for t in right.get_yticklabels()] == ["Westminster",
                                                              "London (32 boroughs)"]
    assert to_hex(right.lines[0].get_color()) == style.HIGHLIGHT
    plt.close(fig)


@requires_mirror(BOROUGH_DIR, GEOGRAPHY)
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


@requires_mirror(BOROUGH_DIR, GEOGRAPHY)
def test_mirror_categories_and_non_borough_rows(mirror_tables):
    for vintage, table in mirror_tables.items():
        assert set(h.FRAUD_MAJORS) <= set(table["major"].unique()), vintage
        non_borough = set(table.loc[table["area_code"].isna(), "area_name"].unique())
        expected = {"Unknown"} | (set() if vintage == "2026-06" else
                                  {"London Heathrow and London City Airports"})
        assert non_borough == expected, vintage
        assert "City of London" not in set(table["area_name"].unique()), vintage


@requires_mirror(BOROUGH_DIR, GEOGRAPHY)
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


@requires_mirror(BOROUGH_DIR, GEOGRAPHY)
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
    nov_2023 = mirror_grid[(mirror_grid["vintage"] == "2024-11") & mirror_grid["complete"]
                           & (mirror_grid["end"] == P("2023-12", "M"))
                           & (mirror_grid["definition"] == "all rows")]
    assert nov_2023["london_total"].tolist() == [930_205]


@requires_mirror(BOROUGH_DIR, GEOGRAPHY)
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


@requires_mirror(BOROUGH_DIR, GEOGRAPHY)
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


@requires_mirror(BOROUGH_DIR, GEOGRAPHY)
def test_mirror_loader_agrees_with_the_raw_files(mirror_tables):
    tables = h.load_tables()
    assert list(tables) == list(mirror_tables)
    pd.testing.assert_frame_equal(h.stated_basis(tables), h.stated_basis(mirror_tables))
    rolling = h.rolling_totals(tables)
    pd.testing.assert_frame_equal(rolling, h.rolling_totals(mirror_tables))
    assert int(rolling.max().max()) == 942_369
    assert rolling.loc[P("2024-12", "M")].dropna().to_dict() == {
        "2025-02": 933_096, "2025-11": 939_858, "2025-12": 939_957}


@requires_mirror(BOROUGH_DIR, GEOGRAPHY)
def test_mirror_the_rise_its_sensitivity_and_the_airports_row(mirror_tables):
    dec, nov = P("2024-12", "M"), P("2024-11", "M")
    changes = h.change_sensitivity(mirror_tables, [dec, nov]).round(2)
    assert changes.loc[(dec, "all rows")].dropna().to_dict() == {"2025-02": 0.29,
                                                                 "2025-11": 0.97}
    assert changes.loc[(dec, "boroughs only")].dropna().tolist() == [2.35, 3.31]
    assert changes.loc[(dec, "boroughs and airports")].dropna().tolist() == [2.04, 2.99]
    assert changes.loc[(nov, "all rows"), "2025-11"] == 2.05
    groups = h.row_groups(mirror_tables)
    assert groups.loc[("2025-02", "airports row"), [2023, 2024]].tolist() == [3_677, 951]
    assert groups.loc[("2025-02", "unknown location"), "change"] == -15_606
    assert groups.loc[("2025-11", "unknown location"), "change"] == -17_853
    months = h.airport_months(mirror_tables["2025-11"], "2022-01", "2024-12")
    with_airports = months.index[months["airports row"] > 0]
    assert (str(with_airports.min()), str(with_airports.max())) == ("2023-04", "2024-02")
    assert months.loc["2024-01":"2024-12", "Hillingdon"].sum() == 29_351
    assert months.loc["2024-03", "Hillingdon"] - months.loc["2024-02", "Hillingdon"] == 405
    basis = h.stated_basis(mirror_tables).dropna(subset=["previous_total"])
    trend = verdicts.trend("london-change-2024", basis["previous_total"], basis["london_total"])
    assert trend.verdict == verdicts.CLOSE
    assert trend.details["implied_level"] == pytest.approx(930_787 * 1.02, abs=0.01)


@requires_mirror(BOROUGH_DIR, GEOGRAPHY)
def test_mirror_borough_counts_ranks_and_printed_figures(mirror_tables):
    counts = h.borough_counts(mirror_tables)
    assert list(counts.columns) == ["area_code", "2025-02", "2025-11", "2025-12"]
    ranks = h.consensus_ranks(counts)
    assert list(ranks)[:7] == ["Westminster", "Camden", "Newham", "Southwark", "Lambeth",
                               "Tower Hamlets", "Croydon"]
    verdict = verdicts.ranking("borough-order-2024", ranks)
    assert verdict.verdict == verdicts.CLOSE and verdict.details["Croydon"] == 7
    printed = h.printed_vs_ours(counts, h.printed_figures())
    inside = printed.index[printed["printed outside ours, %"] == 0].tolist()
    assert inside == ["Westminster"]
    assert round(printed.at["Croydon", "printed outside ours, %"], 2) == 0.28
    assert round(printed.at["Newham", "printed outside ours, %"], 2) == -0.94


#: population/SOURCES.md: Census 2021 residents, workplace and workday populations, and the
#: table "The article's 432 per 1,000" (91,380 per 1,000 of each).
WESTMINSTER_SOURCES = {"Census 2021 usual residents": (204_235, 447.4),
                       "Census 2021 workplace population": (265_015, 344.8),
                       "Census 2021 workday population (derived)": (367_509, 248.6),
                       h.IMPLIED_LABEL: (211_528, 432.0)}


@requires_mirror(BOROUGH_DIR, GEOGRAPHY, populations.CENSUS_LTLA, populations.ODWP,
                 populations.ODWP_COUNTS)
def test_mirror_rates_and_denominators_match_sources_md(mirror_tables):
    counts = h.borough_counts(mirror_tables)
    ours = int(counts.at["Westminster", "2025-12"])
    table = h.westminster_denominators(ours)
    assert {k: (int(p), round(r, 1)) for k, p, r in zip(
        table.index, table["population"], table["rate, the article's count"], strict=True)
    } == WESTMINSTER_SOURCES
    assert table["rate, our count"].round(1).tolist() == [449.1, 433.6, 346.1, 249.6]
    by_code = counts.set_index("area_code")["2025-12"]
    rates = h.borough_rates(by_code)
    assert len(rates) == 33 and rates.iloc[-1]["borough_name"] == "City of London"
    assert rates.iloc[0]["rate_per_1000"] == pytest.approx(91_723 / 204.235)
    workday = h.resident_vs_workday(by_code)
    london = workday.loc["London (32 boroughs)"]
    # SOURCES.md London totals less the City (8,580 residents; 92,141 workday)
    assert (london["residents"], london["workday"]) == (8_799_710 - 8_580, 8_951_333 - 92_141)
    assert workday.at["Westminster", "workday_to_residents"] == pytest.approx(367_509 / 204_235)

