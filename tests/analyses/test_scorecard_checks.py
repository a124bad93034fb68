"""Notebook 06's checks: the Met's workforce and the staffing verdict on constructed tables,
searches against crime on a small grid with counts worked out by hand, and the reported
figures on the real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import requires_mirror
from lattices import grid
from scipy.stats import spearmanr

from hotspots.analyses import scorecard_checks as nb
from hotspots.claims import verdicts
from hotspots.io import boundaries, met, police_uk, workforce

ODS = "workforce/open-data-table.ods"


def tidy_workforce(rows: list[tuple[str, str, float, str]]) -> pd.DataFrame:
    """``met_workforce``-shaped rows: (date, worker type, FTE, "ods" or "derived")."""
    return pd.DataFrame({
        "date": pd.to_datetime([r[0] for r in rows]),
        "worker_type": [r[1] for r in rows],
        "fte": [r[2] for r in rows],
        "headcount": pd.array([pd.NA] * len(rows), dtype="Int64"),
        "source": [ODS if r[3] == "ods" else workforce.DERIVED for r in rows],
    })


HALF_YEAR = tidy_workforce([
    ("2023-03-31", "police officer", 34_899.0, "ods"),
    ("2023-03-31", "police staff", 9_778.5, "ods"),
    ("2023-03-31", "designated officer", 702.3, "ods"),
    ("2023-03-31", "PCSO", 1_215.4, "ods"),
    ("2023-03-31", "special constable", 0.0, "ods"),
    ("2025-03-31", "police officer", 33_293.0, "derived"),
    ("2025-03-31", "PCSO", 1_455.0, "derived"),
    ("2025-09-30", "police officer", 32_332.0, "derived"),
    ("2025-09-30", "PCSO", 1_440.0, "derived"),
])


def test_workforce_groups_staff_with_designated_officers_and_leaves_specials_out():
    wide = nb.workforce_wide(HALF_YEAR)
    assert wide.columns.tolist() == [*nb.GROUPS, "official"]
    first = wide.loc["2023-03-31"]
    assert first[nb.STAFF] == pytest.approx(9_778.5 + 702.3) and bool(first["official"])
    assert np.isnan(wide.at[pd.Timestamp("2025-03-31"), nb.STAFF])
    assert not wide.loc["2025-09-30", "official"]


def test_the_official_table_wins_where_both_files_give_a_date():
    both = pd.concat([HALF_YEAR, tidy_workforce([
        ("2025-03-31", "police officer", 33_300.4, "ods"),
        ("2025-03-31", "police staff", 11_000.0, "ods"),
        ("2025-03-31", "PCSO", 1_454.6, "ods")])])
    row = nb.workforce_wide(both).loc["2025-03-31"]
    assert row[nb.OFFICERS] == 33_300.4 and row[nb.STAFF] == 11_000 and row["official"]


def test_changes_between_dates_blank_where_a_date_is_missing():
    changes = nb.workforce_changes(nb.workforce_wide(HALF_YEAR))
    first = changes.loc[nb.FIRST_HALF]
    assert (first[nb.OFFICERS], first[nb.PCSOS], first[nb.FRONTLINE]) == (-961, -15, -976)
    assert np.isnan(first[nb.STAFF]) and np.isnan(first[nb.EVERYONE])
    assert changes.loc[nb.SINCE_PEAK, nb.OFFICERS] == -2_567.0  # 34,899.0 → 32,332
    assert changes.loc[nb.PLAN_YEAR, [nb.OFFICERS, nb.PCSOS, nb.STAFF]].isna().all()
    assert changes.loc[nb.PLAN_YEAR, "to"] == nb.PLAN_END


def test_without_the_year_end_the_staffing_cut_is_not_checked_here():
    wide = nb.workforce_wide(HALF_YEAR)
    verdict = nb.staffing_verdict(wide)
    assert verdict.verdict == verdicts.NOT_CHECKED_HERE
    assert verdict.dataset == nb.STAFFING_DATASET and verdict.publisher == "Home Office"
    assert ("By 30 September 2025 officers and PCSOs had fallen by 976 FTE since 31 March "
            "2025 (officers -961, PCSOs -15): 57.4% of 1,700 in 6 of the 12 months"
            ) in verdict.reason
    needs = nb.staffing_data_needs(wide)
    assert len(needs) == 6
    assert (needs["in the data folder"] == "not in the data folder").sum() == 4


def test_with_the_whole_year_the_number_rule_decides():
    year_end = tidy_workforce([
        ("2025-03-31", "police staff", 11_300.0, "ods"),
        ("2025-03-31", "police officer", 33_293.0, "ods"),
        ("2025-03-31", "PCSO", 1_455.0, "ods"),
        ("2026-03-31", "police officer", 31_900.0, "ods"),
        ("2026-03-31", "PCSO", 1_440.0, "ods"),
        ("2026-03-31", "police staff", 11_000.0, "ods")])
    verdict = nb.staffing_verdict(nb.workforce_wide(year_end))
    # 1,393 + 15 + 300 = 1,708: within 1,650-1,750 (1,700 to the nearest hundred)
    assert verdict.verdict == verdicts.REPRODUCED and verdict.ours == 1_708
    smaller = year_end.assign(fte=year_end["fte"].where(
        (year_end["date"] != "2026-03-31") | (year_end["worker_type"] != "police officer"),
        32_300.0))
    assert nb.staffing_verdict(nb.workforce_wide(smaller)).verdict == verdicts.CONTRADICTED


def test_crime_definitions_leave_out_what_searches_record():
    rows = pd.DataFrame({
        "area_code": ["a", "a", "a", "b", "b", "z"],
        "major": ["THEFT", "DRUG OFFENCES", "PUBLIC ORDER OFFENCES", "POSSESSION OF WEAPONS",
                  "SEXUAL OFFENCES", "THEFT"],
        "month": pd.PeriodIndex(["2024-03"] * 5 + ["2024-03"], freq="M"),
        "count": [10, 5, 3, 2, 1, 100]})
    months = [pd.Period("2024-03", "M")]
    count = {d: nb.crime_counts(rows, months, d, ["a", "b", "c"]).tolist()
             for d in nb.DEFINITIONS}
    assert count == {nb.VICTIM: [10, 1, 0], nb.NOT_SEARCH_GENERATED: [13, 1, 0],
                     nb.EVERY_OFFENCE: [18, 3, 0]}
    assert nb.crime_counts(rows, [pd.Period("2024-04", "M")], nb.VICTIM, ["a"]).tolist() == [0]
    with pytest.raises(ValueError, match="not one of"):
        nb.select_crime(rows, "all")


def test_searches_are_placed_in_units_and_accounted_for():
    squares = grid(2, 1, size=100.0)  # c0: x 0-100, c1: x 100-200
    stops = pd.DataFrame({
        "month": pd.PeriodIndex(["2024-03", "2024-03", "2024-03", "2024-03", "2024-04"],
                                freq="M"),
        "x": [50.0, 150.0, 160.0, np.nan, 50.0], "y": [50.0, 50.0, 50.0, np.nan, 50.0]})
    march = [pd.Period("2024-03", "M")]
    stops.loc[len(stops)] = [pd.Period("2024-03", "M"), 500.0, 50.0]  # outside every unit
    placed = nb.search_counts(stops, squares, "id", march)
    assert placed.to_dict() == {"c0": 1, "c1": 2}
    assert nb.search_accounting(stops, march, placed).to_dict() == {
        "searches": 5, "without a location": 1, "located outside the units": 1,
        "placed in a unit": 3}


def test_alignment_on_known_counts():
    crime = pd.Series([100, 50, 10, 5, 0, 0, 0, 0, 0, 1], index=list("abcdefghij"))
    stops = pd.Series([3, 90, 40, 1], index=list("abcd"))
    result = nb.alignment(crime, stops, fraction=0.2)
    assert result["units"] == 10 and result["top units"] == 2
    # top crime {a, b}; top stops {b, c}: one of two in common
    assert result["overlap of top units"] == 0.5
    assert result["other in crime's top units"] == pytest.approx(93 / 134)
    expected = spearmanr(crime, stops.reindex(crime.index, fill_value=0)).statistic
    assert result["spearman"] == pytest.approx(expected)
    same = nb.alignment(crime, crime * 3, fraction=0.2)
    assert same["spearman"] == pytest.approx(1.0) and same["overlap of top units"] == 1.0


def test_alignment_table_reports_percentages_and_chance():
    crime = pd.Series([100, 50, 10, 5, 0, 0, 0, 0, 0, 1], index=list("abcdefghij"))
    stops = pd.Series([3, 90, 40, 1], index=list("abcd"))
    table = nb.alignment_table({"x": crime, "y": crime * 2}, stops, fraction=0.2)
    assert table.index.tolist() == ["x", "y"]
    assert table.at["x", nb.OVERLAP] == 50 and table.at["x", "chance overlap (%)"] == 20
    assert table.at["x", "top units"] == 2 and table.at["x", nb.RHO] == table.at["y", nb.RHO]


def test_rank_classes_put_ties_in_their_best_class():
    assert nb.rank_labels() == ["top 5%", "5–10%", "10–25%", "25–50%", "bottom 50%"]
    counts = pd.Series([9, 8, 7, 6, 5, 4, 0, 0, 0, 0], index=list("abcdefghij"))
    classes = nb.rank_classes(counts, cuts=(0.1, 0.3, 0.5))
    assert nb.rank_labels((0.1, 0.3, 0.5)) == ["top 10%", "10–30%", "30–50%", "bottom 50%"]
    assert classes.tolist() == ["top 10%", "10–30%", "10–30%", "30–50%", "30–50%",
                                "bottom 50%", "bottom 50%", "bottom 50%", "bottom 50%",
                                "bottom 50%"]
    tied = nb.rank_classes(pd.Series([5, 5, 5, 5]), cuts=(0.25, 0.5))
    assert set(tied) == {"top 25%"}
    with pytest.raises(ValueError, match="must increase"):
        nb.rank_classes(counts, cuts=(0.5, 0.1))


def test_top_overlap_by_place():
    crime = pd.Series([9, 8, 1, 1, 7, 0], index=list("abcdef"))
    searches = pd.Series([5, 0, 0, 0, 9, 8], index=list("abcdef"))
    place = pd.Series(["P", "P", "Q", "Q", "R", "R"], index=list("abcdef"), name="borough")
    table = nb.top_overlap_by_place(crime, searches, place, fraction=0.5)
    # tops: crime {a, b, e}; searches {e, f, a}
    assert table.index.tolist() == ["P", "R"] and table.index.name == "borough"
    assert table.loc["P"].tolist() == [1, 1, 0] and table.loc["R"].tolist() == [1, 0, 1]


def test_the_ward_check_leaves_out_the_incomplete_month():
    months = nb.ward_months()
    assert len(months) == len(nb.WARD_SPAN) - 1 == 30
    assert pd.Period("2022-12", "M") not in months


WORKFORCE_FILES = (workforce.ODS, workforce.DERIVED)


@requires_mirror(*WORKFORCE_FILES)
@pytest.mark.slow
def test_mirror_workforce_figures_and_the_staffing_verdict(mirror):
    wide = nb.workforce_wide(workforce.met_workforce())
    changes = nb.workforce_changes(wide)
    assert changes.loc[nb.FIRST_HALF, [nb.OFFICERS, nb.PCSOS]].tolist() == [-961, -15]
    assert changes.loc[nb.YEAR_TO_SEPTEMBER, nb.OFFICERS] == -1_461  # Home Office, via PA
    assert round(wide.at[pd.Timestamp("2023-03-31"), nb.STAFF], 1) == 9_778.5 + 702.3
    assert nb.staffing_verdict(wide).verdict == verdicts.NOT_CHECKED_HERE


SEARCH_FILES = ("police_uk/2024-03", boundaries.LSOA21_ZIP, met.LSOA_FILE)


@requires_mirror(*SEARCH_FILES)
@pytest.mark.slow
def test_mirror_searches_follow_victim_based_crime(mirror):
    lsoas = boundaries.lsoas_2021()
    met_lsoas = lsoas[lsoas["borough_code"] != boundaries.CITY_OF_LONDON]
    units = sorted(met_lsoas["lsoa_code"])
    months = nb.LSOA_MONTHS.periods
    searches = nb.search_counts(police_uk.load_stop_search(), met_lsoas, "lsoa_code", months)
    crime = nb.crime_counts(met.load_lsoa_counts(), months, nb.VICTIM, units)
    result = nb.alignment(crime, searches)
    assert len(units) == 4_988 and int(searches.sum()) == 52_469
    assert round(result["spearman"], 3) == 0.658
    assert result["overlap of top units"] == 120 / 250
