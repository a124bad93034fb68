"""Tests for hotspots.io.reference: the cited tables in data/reference, their validation
and, for the mirror tests, their ward codes against the 2022 wards."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import requires_mirror

from hotspots.analyses import headline_figures as h
from hotspots.io import boundaries as geo
from hotspots.io import reference
from hotspots.io.errors import DataFileError
from hotspots.io.reference import LITERATURE, forest_table, read_literature

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




PUBLISHED_HEADER = ",".join(reference.PUBLISHED_COLUMNS)


def test_published_populations_reads_and_checks(tmp_path):
    good = tmp_path / "pops.csv"
    good.write_text(PUBLISHED_HEADER + "\nE09000001,City,8600,2021,residents,ONS,T,https://x,n\n")
    table = reference.published_populations(good)
    assert table.loc[0, "population"] == 8600 and table.loc[0, "year"] == 2021
    bad = tmp_path / "bad.csv"
    bad.write_text(PUBLISHED_HEADER + "\nE09000001,City,8600,2021,residents,ONS,T,https://x,n"
                   "\nE09000033,W,20 4300,2021,residents,ONS,T,https://x,n\n")
    bad_row = r"bad.csv, row 3: population is not a positive whole number: '20 4300'"
    with pytest.raises(DataFileError, match=bad_row):
        reference.published_populations(bad)
    blank = tmp_path / "blank.csv"
    blank.write_text(PUBLISHED_HEADER + "\nE09000001,City,8600,2021,residents,ONS,T,,n\n")
    with pytest.raises(DataFileError, match=r"row 2: empty url"):
        reference.published_populations(blank)
    short = tmp_path / "short.csv"
    short.write_text("borough_code,population\nE09000001,1\n")
    with pytest.raises(DataFileError, match="missing columns"):
        reference.published_populations(short)


def test_repository_reference_populations_are_cited():
    table = reference.published_populations().set_index("borough_code")
    assert table.at[h.WESTMINSTER, "population"] == 204_300
    assert table.at[h.WESTMINSTER, "url"].startswith("https://www.ons.gov.uk/")
    assert "not in the data mirror" in table.at[h.WESTMINSTER, "note"]


def test_literature_table_is_complete_and_cited():
    table = read_literature()
    assert LITERATURE == "hot_spot_policing_effects.csv"
    assert table["citation"].str.len().min() > 60
    assert set(table["effect_measure"]) <= {"pct_change", "smd", "none"}
    ratcliffe = table[table["study"].str.startswith("Ratcliffe")].iloc[0]
    assert ratcliffe["estimate"] == -23 and ratcliffe["doi"] == "10.1111/j.1745-9125.2011.00240.x"
    braga = table[table["doi"] == "10.1002/cl2.1046"].iloc[0]
    assert braga["approximate"] and np.isnan(braga["ci_low"])
    assert "diffusion" in braga["displacement_finding"]
    assert (braga["evidence"], braga["crime_type"], braga["finding"]) == (
        "meta-analysis", "all", "significant reduction")
    assert set(table["evidence"]) == set(reference.EVIDENCE)
    assert set(table["finding"].dropna()) == set(reference.FINDINGS)
    college = table[table["study"] == "College of Policing"].set_index("crime_type")
    assert college.at["property", "finding"] == "smaller reduction"
    uk = table[table["location"].str.contains("UK")]
    assert set(uk["study"]) == {"Ariel, Weinborn & Sherman", "Basford, Sims, Agar, Harinam & "
                                "Strang", "Ariel & Partridge"}
    assert uk["ci_low"].isna().all()  # no interval entered that the abstracts do not give


def test_literature_table_rejects_unknown_evidence_and_findings(tmp_path):
    table = read_literature()
    for column, value in (("evidence", "blog post"), ("finding", "worked well")):
        bad = table.copy()
        bad[column] = bad[column].astype(object)
        bad.loc[2, column] = value
        path = tmp_path / f"{column}.csv"
        bad.to_csv(path, index=False)
        with pytest.raises(DataFileError, match=f"row 4: {column} not one of"):
            read_literature(path)


def test_forest_table_gives_point_or_interval_for_each_row():
    table = forest_table("pct_change")
    assert (table["estimate"].notna() | table["low"].notna()).all()
    minneapolis = table[table["outcome"] == "total crime calls for service"].iloc[0]
    assert (minneapolis["low"], minneapolis["high"], minneapolis["interval"]) == (-13, -6, "range")
    assert table["label"].iloc[0].endswith("1995")
    smd = forest_table("smd")
    assert smd["estimate"].between(0.1, 0.15).all()


def test_read_mapping_parses_and_types(tmp_path):
    table = reference.read_town_centre_wards(write_mapping(tmp_path), WARDS)
    assert len(table) == 6
    assert table["tier"].tolist() == [1, 1, 1, 1, 1, 2]
    assert table["ward_code"].isna().sum() == 1


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("X,1,article,W2,St James's,Westminster,exact name,certain,x", "confidence not one of"),
        ("X,3,article,W2,St James's,Westminster,exact name,high,x", "tier not one of"),
        ("X,1,blog,W2,St James's,Westminster,exact name,high,x", "source not one of"),
        ("X,1,article,,,Westminster,exact name,high,x", "without a ward"),
        ("X,1,article,W2,St James's,Westminster,none,high,x", "needs a match method"),
        ("X,1,article,W1,West End,Westminster,exact name,high,x", "ward listed twice"),
        ("X,1,article,W9,Nowhere,Westminster,exact name,high,x", "not in the Met's ward file"),
        ("X,1,article,W2,St Johns,Westminster,exact name,high,x", "name or borough differs"),
    ],
)
def test_read_mapping_rejects_bad_rows_naming_the_line(tmp_path, row, problem):
    path = write_mapping(tmp_path, [*ROWS, row])
    with pytest.raises(DataFileError, match=problem) as caught:
        reference.read_town_centre_wards(path, WARDS)
    assert caught.value.row == len(ROWS) + 2


def test_read_mapping_rejects_wrong_header(tmp_path):
    path = write_mapping(tmp_path, header=HEADER.replace("centre", "place"))
    with pytest.raises(DataFileError, match="columns") as caught:
        reference.read_town_centre_wards(path)
    assert caught.value.row == 1


def test_name_matching_ignores_case_and_apostrophes(tmp_path):
    wards = WARDS.assign(area_name=WARDS["area_name"].str.replace("St James's", "ST JAMES’S"))
    row = "X,1,article,W2,St James's,Westminster,exact name,high,x"
    table = reference.read_town_centre_wards(write_mapping(tmp_path, [*ROWS, row]), wards)
    assert len(table) == 7


# --- the Met's 20 hot-spot centres -----------------------------------------------------------

CENTRE_HEADER = ",".join(reference.HOTSPOT_COLUMNS)
CENTRE_WARDS = pd.DataFrame({
    "ward_code": [f"E0500{i:04d}" for i in range(20)],
    "ward_name": [f"Ward {i}" for i in range(20)],
    "borough_name": ["Somewhere"] * 20,
})


def centre_rows() -> list[str]:
    """One core row for each of the 20 centres, ward i for centre i."""
    return [f'"{c}",A2,E0500{i:04d},Ward {i},Somewhere,core,ward name,high,n'
            for i, c in enumerate(reference.MET_HOTSPOT_CENTRES)]


def swap(rows: list[str], old: str, new: str, at: int = 5) -> list[str]:
    """``rows`` with ``old`` replaced by ``new`` in row ``at`` (file line ``at + 2``)."""
    return [*rows[:at], rows[at].replace(old, new), *rows[at + 1:]]


def write_centres(tmp_path, rows: list[str]):
    path = tmp_path / "centres.csv"
    path.write_text("\n".join([CENTRE_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_hotspot_centres_read_and_give_lsoas(tmp_path):
    extra = '"West End",A1;A2;C1,E05000001,Ward 1,Somewhere,part,landmark point,low,'
    table = reference.read_hotspot_centres(write_centres(tmp_path, [*centre_rows(), extra]),
                                           CENTRE_WARDS)
    assert len(table) == 21 and table["centre"].nunique() == 20
    assert table["note"].isna().sum() == 1  # note may be empty
    lookup = pd.DataFrame({"lsoa_code": ["E01000001", "E01000002", "E01000003"],
                           "ward_code": ["E05000000", "E05000001", "E05000001"]})
    lsoas = reference.hotspot_centre_lsoas(table, lookup)
    assert lsoas.groupby("centre").size().to_dict() == {"Stratford": 1,
                                                        "West End": 2, "Woolwich": 2}


@pytest.mark.parametrize(
    ("change", "problem", "row"),
    [
        (lambda r: swap(r, "high", "sure"), "confidence not one of", 7),
        (lambda r: swap(r, "core", "edge"), "role not one of", 7),
        (lambda r: swap(r, "ward name", "guess"), "method not one of", 7),
        (lambda r: swap(r, ",A2,", ",A2;B9,"), "named_in is not", 7),
        (lambda r: swap(r, "Ward 5", "Ward 50"), "name or borough differs", 7),
        (lambda r: swap(r, "E05000005", "E05099999"), "not a ward code", 7),
        (lambda r: [*r, r[0]], "ward listed twice for the centre", 22),
        (lambda r: [*r, r[0].replace("Stratford", "Sutton")], "centre not one of", 22),
        (lambda r: [*r[:19], r[19].replace("core", "part")], "without a core ward", None),
    ],
)
def test_hotspot_centres_reject_bad_rows(tmp_path, change, problem, row):
    path = write_centres(tmp_path, change(centre_rows()))
    with pytest.raises(DataFileError, match=problem) as caught:
        reference.read_hotspot_centres(path, CENTRE_WARDS)
    assert caught.value.row == row


@requires_mirror(geo.WARDS22_FILE, geo.LOOKUP_FILE, geo.LSOA21_ZIP)
def test_mirror_hotspot_centres_are_2022_wards(mirror):
    wards = geo.wards_2022()
    table = reference.read_hotspot_centres(wards=wards)
    assert table["centre"].nunique() == 20 and len(table) == 43
    cores = table[table["role"] == "core"]
    assert cores.groupby("confidence").size().to_dict() == {"high": 16, "medium": 12}
    named = table.loc[table["method"] == "ward name", ["centre", "ward_name"]]
    assert (named["ward_name"].str.contains("|".join(["Stratford", "Finsbury", "Shepherd",
                                                      "Seven", "West End", "Brixton",
                                                      "Camden", "Ealing", "Ilford",
                                                      "Kingston", "Shoreditch",
                                                      "Whitechapel"]))).all()
    lsoas = reference.hotspot_centre_lsoas(table, geo.lsoa_ward_lookup())
    assert set(lsoas["centre"]) == set(reference.MET_HOTSPOT_CENTRES)


@requires_mirror(geo.WARDS22_FILE)
def test_mirror_town_centre_wards_are_2022_wards(mirror):
    wards = geo.wards_2022().rename(columns={"ward_code": "area_code", "ward_name": "area_name",
                                             "borough_name": "borough"})
    table = reference.read_town_centre_wards(wards=wards)
    assert table["ward_code"].notna().sum() == 60
    assert set(table["centre"]) >= {"Ladbroke Grove", "Harrow", "Sutton", "Bromley", "Mitcham",
                                    "Richmond", "Bexleyheath"}  # the article's Tier 2 names
