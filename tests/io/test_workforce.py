"""Tests for hotspots.io.workforce: the Home Office open data table (ODS) and the derived CSV,
on tiny files written here and, for the mirror test, the figures of workforce/SOURCES.md."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import requires_mirror

from hotspots import config as paths
from hotspots.io import workforce
from hotspots.io.errors import DataFileError
from hotspots.io.ledger import LEDGER

HEADER = list(workforce.ODS_COLUMNS)
MET = ("E23000001", "Metropolitan Police", "London")
KENT = ("E23000032", "Kent", "South East")
ROWS = [
    # year, force, sex, rank, worker type (the publisher's changing case), headcount, FTE
    (2022, MET, "Female", "Constable", "Police Officer", 100, 98.5),
    (2022, MET, "Male", "Constable", "Police Officer", 200, 199.5),
    (2022, MET, "Male", "Police Staff", "Police Staff", 50, 45.25),
    (2022, MET, "Male", "Special Constable", "Special Constable", 30, None),
    (2023, MET, "Female", "Constable", "Police Officer", 110, 108.0),
    (2023, MET, "Male", "Police Staff", "Police staff", 60, 55.75),
    (2023, MET, "Male", "Special Constable", "Special constable", 25, 0),
    (2023, KENT, "Male", "Constable", "Police Officer", 3000, 2990.0),
]
DERIVED = (
    "Force_Name,Officer_Sep24,Officer_Mar25,Officer_Sep25,PCSO_Sep24,PCSO_Mar25,PCSO_Sep25,"
    "Total_Frontline_Sep24,Total_Frontline_Mar25,Total_Frontline_Sep25\n"
    "Cleveland,1510,1520,1504,84,83,82,1594,1603,1586\n"
    "Metropolitan Police,33793,33293,32332,1456,1455,1440,35249,34748,33772\n"
)


def write_ods(root, rows=ROWS, name: str = "open-data-table-police-workforce-260723.ods"):
    frame = pd.DataFrame(
        [(y, g, f, r, sex, rank, kind, head, fte) for y, (g, f, r), sex, rank, kind, head, fte
         in rows], columns=HEADER)
    path = root / "workforce" / "release" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="odf") as writer:
        pd.DataFrame({"x": ["notes"]}).to_excel(writer, sheet_name="Notes", index=False)
        frame.to_excel(writer, sheet_name="Data", index=False)
    return path


def write_derived(root, text: str = DERIVED) -> None:
    path = root / workforce.DERIVED
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A data folder with a tiny open data table and derived CSV, and an empty cache."""
    root = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_ENV, str(root))
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "cache"))
    write_ods(root)
    write_derived(root)
    return root


def test_met_workforce_sums_sex_and_rank_and_appends_the_derived_dates(data):
    table = workforce.met_workforce()
    assert table.columns.tolist() == ["date", "worker_type", "fte", "headcount", "source"]
    fte = table.set_index(["date", "worker_type"])["fte"]
    assert fte[(pd.Timestamp("2022-03-31"), "police officer")] == 298.0
    assert fte[(pd.Timestamp("2023-03-31"), "police staff")] == 55.75  # "Police staff" too
    assert pd.isna(fte[(pd.Timestamp("2022-03-31"), "special constable")])  # headcount only
    assert fte[(pd.Timestamp("2025-09-30"), "police officer")] == 32332
    assert fte[(pd.Timestamp("2025-09-30"), "PCSO")] == 1440
    heads = table.set_index(["date", "worker_type"])["headcount"]
    assert heads[(pd.Timestamp("2023-03-31"), "special constable")] == 25
    assert pd.isna(heads[(pd.Timestamp("2025-03-31"), "police officer")])
    assert set(table["source"]) == {"workforce/release/open-data-table-police-workforce-"
                                    "260723.ods", workforce.DERIVED}
    assert LEDGER["workforce/release/open-data-table-police-workforce-260723.ods"].rows_read == 8


def test_the_ods_is_parsed_once_then_read_from_the_cache(data, monkeypatch):
    first = workforce.workforce_table()

    def no_parsing(*args, **kwargs):
        raise AssertionError("the ODS was parsed again")

    monkeypatch.setattr(pd, "read_excel", no_parsing)
    pd.testing.assert_frame_equal(workforce.workforce_table(), first)


def test_the_newest_release_is_read(data):
    write_ods(data, ROWS[:1], "open-data-table-police-workforce-280126.ods")
    assert workforce.workforce_file().name.endswith("280126.ods")
    assert len(workforce.workforce_table()) == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ((2023, MET, "Male", "Constable", "Police Officer", 10, None), "row 10: FTE is not"),
        ((2023, MET, "Male", "Constable", "Police Chief", 10, 1.0), "row 10: unknown Worker"),
        ((2023, MET, "Male", "Constable", "Police Officer", 2.5, 1.0), "row 10: headcount"),
        (("23", MET, "Male", "Constable", "Police Officer", 1, 1.0), "row 10: not a year"),
    ],
)
def test_bad_sheet_rows_name_the_row(data, row, message):
    write_ods(data, [*ROWS, row])
    with pytest.raises(DataFileError, match=f"260723.ods!Data, {message}"):
        workforce.workforce_table()


def test_derived_csv_checks_its_totals(data):
    write_derived(data, DERIVED.replace("35249", "35250"))
    with pytest.raises(DataFileError, match="row 3: Total_Frontline_Sep24 is not Officer_Sep24"):
        workforce.met_workforce()


def test_missing_open_data_table_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path))
    with pytest.raises(DataFileError, match="open-data-table-police-workforce-260723.ods: file"):
        workforce.workforce_table()


@pytest.mark.slow
@requires_mirror(workforce.ODS, workforce.DERIVED)
def test_mirror_met_workforce_matches_the_sources_check_table(mirror):
    table = workforce.met_workforce()
    fte = table.pivot_table(index="date", columns="worker_type", values="fte").round(1)
    expected = {  # workforce/SOURCES.md, "Check: Met Police FTE at each date"
        "2010-03-31": (33366.6, 14179.2, 4644.7, 324.8),
        "2015-03-31": (32251.6, 10773.6, 1826.8, 719.0),
        "2019-03-31": (30435.5, 8389.7, 1255.3, 717.3),
        "2020-03-31": (32199.4, 8860.5, 1264.2, 663.8),
        "2021-03-31": (32954.0, 9328.3, 1263.9, 642.1),
        "2022-03-31": (33983.6, 9346.5, 1170.1, 645.2),
        "2023-03-31": (34899.0, 9778.5, 1215.4, 702.3),
    }
    columns = ["police officer", "police staff", "PCSO", "designated officer"]
    for date, values in expected.items():
        assert tuple(fte.loc[date, columns]) == values, date
    later = fte.loc["2024-09-30":, ["police officer", "PCSO"]]
    assert later.values.tolist() == [[33793, 1456], [33293, 1455], [32332, 1440]]
    heads = table.pivot_table(index="date", columns="worker_type", values="headcount")
    assert heads.loc["2022-03-31", "police officer"] == 34542
    assert heads.loc["2023-03-31", "special constable"] == 1552
    everyone = workforce.workforce_table()
    territorial = everyone[everyone["region"].notna()
                           & (everyone["worker_type"] == "police officer")]
    national = territorial.groupby("date")["fte"].sum().round()
    assert national[pd.Timestamp("2023-03-31")] == 147_430  # the Home Office headline
    assert national[pd.Timestamp("2022-03-31")] == 140_228


def test_a_file_that_is_not_an_ods_names_the_file(data):
    path = write_ods(data)
    path.write_bytes(b"not a spreadsheet")
    with pytest.raises(DataFileError, match="open-data-table-police-workforce-260723.ods: no "
                                            "readable sheet 'Data'"):
        workforce.workforce_table()
