"""Tests for hotspots.io.met: the Met's borough, ward and LSOA files as tidy tables."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pandas as pd
import pytest

from hotspots.io import met
from hotspots.io.errors import DataFileError
from hotspots.io.ledger import LEDGER
from hotspots.names import name_key

RECENT, HISTORICAL = "most recent 24 months", "Historical"


LOOKUP = pd.DataFrame(
    {
        "borough_code": ["E09000001", "E09000007", "E09000017", "E09000033"],
        "borough_name": ["City of London", "Camden", "Hillingdon", "Westminster"],
    }
).assign(name_key=lambda t: t["borough_name"].map(name_key))


OLD_BOROUGH = "MajorText,MinorText,BoroughName"


NEW_BOROUGH = "Group,SubGroup,BOCU"


OLD_WARD = "MajorText,MinorText,WardName,WardCode,LookUp_BoroughName"


NEW_WARD = "Group,SubGroup,WardName,WardCode,BOCU"


@pytest.fixture
def data(tmp_path, monkeypatch):
    """An empty data folder laid out like the mirror, a private cache and a 4-borough lookup."""
    root = tmp_path / "data"
    root.mkdir()
    monkeypatch.setenv("HOTSPOTS_DATA", str(root))
    monkeypatch.setenv("HOTSPOTS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(met, "borough_lookup", lambda: LOOKUP.copy())
    return root


def write(path: Path, text: str | bytes) -> Path:
    """Write ``text`` to ``path`` (gzipped when the name ends in .gz)."""
    raw = text.encode() if isinstance(text, str) else text
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(raw) if path.suffix == ".gz" else raw)
    return path


def met_file(
    root: Path, level: str, label: str, part: str, text: str | bytes, owner: str = "alice",
    gz: bool = True,
) -> Path:
    name = f"MPS {level.title()} Level Crime ({part}).csv" + (".gz" if gz else "")
    return write(root / "met_datastore" / level / f"vintage_{label}__{owner}" / name, text)


def csv_text(header: str, months: list[str], rows: list[str]) -> str:
    return "\n".join([f"{header},{','.join(months)}", *rows]) + "\n"


BOROUGH_ROWS = [
    "THEFT,THEFT FROM THE PERSON,Westminster,10,0,12",
    " violence  against the person,Violence with injury ,Camden,5,6,7",
    "THEFT,THEFT FROM THE PERSON,London Heathrow and London City Airports,1,2,3",
    "THEFT,THEFT FROM THE PERSON,Unknown,0,0,1",
]


MONTHS = ["202401", "202402", "202403"]


def value(table: pd.DataFrame, month: str, **keys: str) -> int:
    rows = table[table["month"] == pd.Period(month, "M")]
    for column, wanted in keys.items():
        rows = rows[rows[column] == wanted]
    assert len(rows) == 1, rows
    return int(rows["count"].iloc[0])


WARD_ROWS = [
    "BURGLARY,BURGLARY - RESIDENTIAL,St James's,E05013806,Westminster,3,4",
    "BURGLARY,BURGLARY - RESIDENTIAL,Heathrow Villages,E05013570,Aviation Security (SO18),1,0",
    "BURGLARY,BURGLARY - RESIDENTIAL,Heathrow Villages,E05013570,Hillingdon,2,2",
]


GOOD = "THEFT,THEFT FROM THE PERSON,Westminster,1,2,3"


def write_parquet(path: Path, frame: pd.DataFrame) -> Path:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return write(path, buffer.getvalue())


LSOA = pd.DataFrame({
    "lsoa_code": ["E01004734", "E01000914"],
    "lsoa_name": ["Westminster 018A", "Camden 028B"],
    "borough": ["E09000033", "E09000007"],
    "major_category": ["THEFT", "BURGLARY"],
    "minor_category": ["THEFT FROM THE PERSON", "RES BURGLARY OF A HOME"],
    "202402": [0, 0], "202403": [12, 3], "202404": [9, 0],
})




def raw_cells(folder: Path) -> dict[tuple[str, ...], int]:
    """Every cell of a vintage straight from its CSVs (csv module; the 24-month file last)."""
    cells = {}
    for path in sorted(folder.glob("*.csv.gz")):  # "(Historical)" sorts before "(most ..."
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            header = next(rows)
            first = next(i for i, name in enumerate(header) if name.isdigit())
            for row in rows:
                for month, count in zip(header[first:], row[first:], strict=True):
                    cells[(*row[:first], month)] = int(count)
    return cells


def year_totals(table: pd.DataFrame) -> dict[int, int]:
    return table.groupby(table["month"].dt.year)["count"].sum().to_dict()


def test_borough_old_schema_gives_tidy_table(data):
    met_file(data, "borough", "2025-02", RECENT, csv_text(OLD_BOROUGH, MONTHS, BOROUGH_ROWS))
    table = met.load_counts("borough", "2025-02")
    assert list(table.columns) == met.COLUMNS
    text = ("area_code", "area_name", "borough", "major", "minor", "vintage", "source")
    assert table.dtypes.astype(str).to_dict() == {
        **{column: "category" for column in text}, "month": "period[M]", "count": "int64"}
    for column in text:  # categories are sorted strings, so sorting and grouping are lexical
        categories = table[column].cat.categories
        assert categories.dtype == "str" and categories.is_monotonic_increasing
    assert len(table) == 12  # 4 rows x 3 months, zeros kept
    assert value(table, "2024-02", area_name="Westminster") == 0
    assert value(table, "2024-03", area_code="E09000033") == 12
    camden = table[table["area_code"] == "E09000007"]
    assert set(camden["major"]) == {"VIOLENCE AGAINST THE PERSON"}
    assert set(camden["minor"]) == {"VIOLENCE WITH INJURY"}
    assert camden["count"].tolist() == [5, 6, 7]
    outside = table[table["area_code"].isna()]
    assert set(outside["borough"]) == {"London Heathrow and London City Airports", "Unknown"}
    assert set(table["vintage"]) == {"2025-02"}
    assert set(table["source"]) == {
        "met_datastore/borough/vintage_2025-02__alice/"
        "MPS Borough Level Crime (most recent 24 months).csv.gz"
    }
    report = LEDGER["met_datastore/borough/vintage_2025-02__alice"]
    assert (report.files, report.rows_read, report.rows_kept, report.dropped) == (1, 12, 12, {})
    assert any("'Unknown' is not a London borough: 3 cells" in n for n in report.notes)
    assert any("London Heathrow and London City Airports" in n for n in report.notes)


def test_borough_2026_schema_reads_like_the_old_one(data):
    met_file(data, "borough", "2025-02", RECENT, csv_text(OLD_BOROUGH, MONTHS, BOROUGH_ROWS))
    met_file(data, "borough", "2026-06", RECENT, csv_text(NEW_BOROUGH, MONTHS, BOROUGH_ROWS))
    old = met.load_counts("borough", "2025-02").drop(columns=["vintage", "source"])
    new = met.load_counts("borough", "2026-06").drop(columns=["vintage", "source"])
    pd.testing.assert_frame_equal(old, new)


@pytest.mark.parametrize("header", [OLD_WARD, NEW_WARD])
def test_ward_schemas(data, header):
    met_file(data, "ward", "2025-03", RECENT, csv_text(header, ["202401", "202402"], WARD_ROWS))
    table = met.load_counts("ward")
    assert len(table) == 6
    assert value(table, "2024-02", area_code="E05013806") == 4
    assert value(table, "2024-01", area_code="E05013570") == 2  # the Hillingdon row
    so18 = table[table["borough"] == "Aviation Security (SO18)"]
    assert so18["area_code"].isna().all() and set(so18["area_name"]) == {"Heathrow Villages"}
    assert so18["count"].tolist() == [1, 0]
    assert table["area_code"].dropna().nunique() == 2


def test_ward_list_keeps_the_codes_load_counts_withholds(data):
    met_file(data, "ward", "2025-03", RECENT, csv_text(OLD_WARD, ["202401"], [
        "BURGLARY,BURGLARY - RESIDENTIAL,St James's,E05013806,Westminster,3",
        "ROBBERY,ROBBERY OF PERSONAL PROPERTY,St James's,E05013806,Westminster,1",
        "BURGLARY,BURGLARY - RESIDENTIAL,Heathrow Villages,E05013570,Aviation Security (SO18),1",
    ]))
    wards = met.ward_list()
    assert wards.values.tolist() == [
        ["E05013570", "Heathrow Villages", "Aviation Security (SO18)"],
        ["E05013806", "St James's", "Westminster"],
    ]
    assert met.load_counts("ward")["area_code"].isna().sum() == 1


def test_historical_and_recent_join_with_overlap(data):
    met_file(data, "borough", "2025-02", HISTORICAL, csv_text(
        OLD_BOROUGH, ["202311", "202312", "202401"],
        ["THEFT,THEFT FROM THE PERSON,Westminster,5,6,7",
         "OLD MAJOR,OLD MINOR,Camden,1,1,1"]))
    met_file(data, "borough", "2025-02", RECENT, csv_text(
        OLD_BOROUGH, ["202401", "202402"],
        ["THEFT,THEFT FROM THE PERSON,Westminster,70,8",
         "NEW MAJOR,NEW MINOR,Camden,2,3"]), gz=False)
    table = met.load_counts("borough", "2025-02")
    west = table[table["area_name"] == "Westminster"].sort_values("month")
    assert west["month"].astype(str).tolist() == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert west["count"].tolist() == [5, 6, 70, 8]  # 2024-01 from the 24-month file
    assert west["source"].str.endswith(").csv.gz").tolist() == [True, True, False, False]
    assert set(table.loc[table["major"] == "OLD MAJOR", "month"].astype(str)) == {
        "2023-11", "2023-12"}
    report = LEDGER["met_datastore/borough/vintage_2025-02__alice"]
    assert report.files == 2 and report.rows_read == 2 * 3 + 2 * 2
    assert report.dropped == {"month also in the 24-month file (24-month file wins)": 2}
    assert report.rows_kept == len(table) == 8
    assert any("overlap in 1 month(s) 202401..202401" in n for n in report.notes)


def test_vintage_listing_and_selection(data):
    row = "THEFT,THEFT FROM THE PERSON,Westminster,{},{},{}"
    met_file(data, "borough", "2024-11", RECENT, csv_text(OLD_BOROUGH, MONTHS,
                                                          [row.format(1, 2, 3)]), owner="bob")
    met_file(data, "borough", "2025-02", RECENT, csv_text(OLD_BOROUGH, MONTHS,
                                                          [row.format(4, 5, 6)]))
    (data / "met_datastore" / "borough" / "historical_201004-202402__x").mkdir()
    assert met.list_vintages("borough") == ["2024-11", "2025-02"]
    assert met.list_vintages("ward") == []
    assert met.load_counts("borough")["count"].tolist() == [4, 5, 6]
    older = met.load_counts("borough", "2024-11")
    assert older["count"].tolist() == [1, 2, 3] and set(older["vintage"]) == {"2024-11"}
    assert older["source"].str.contains("vintage_2024-11__bob/").all()
    both = met.load_all_vintages("borough")
    assert both.groupby("vintage")["count"].sum().to_dict() == {"2024-11": 6, "2025-02": 15}
    with pytest.raises(ValueError, match="not found"):
        met.load_counts("borough", "2023-01")
    with pytest.raises(ValueError, match="level"):
        met.list_vintages("lsoa")
    met_file(data, "borough", "2025-02", RECENT, csv_text(OLD_BOROUGH, MONTHS,
                                                          [row.format(7, 8, 9)]), owner="carol")
    with pytest.raises(ValueError, match="ambiguous"):
        met.load_counts("borough", "2025-02")


@pytest.mark.parametrize(
    ("header", "rows", "row", "fragments"),
    [
        ("MajorText,BoroughName,202401,202402,202403", ["THEFT,Camden,1,2,3"], None,
         ["missing", "MinorText"]),
        (OLD_BOROUGH + ",Notes,202401,202402,202403", ["A,B,Camden,x,1,2,3"], None, ["'Notes'"]),
        (OLD_BOROUGH + ",2024-01,202402,202403", [GOOD], None, ["'2024-01'", "YYYYMM"]),
        (OLD_BOROUGH + ",202401,202402,202413", [GOOD], None, ["'202413'", "YYYYMM"]),
        (OLD_BOROUGH + ",202401,202401,202403", [GOOD], 1, ["'202401'", "more than once"]),
        (OLD_WARD + ",202401,202402,202403", [WARD_ROWS[0] + ",1"], None,
         ["wrong columns for borough", "WardName"]),
        (OLD_BOROUGH + ",202401,202402,202403", [], None, ["no data rows"]),
    ],
)
def test_bad_columns(data, header, rows, row, fragments):
    path = met_file(data, "borough", "2025-02", RECENT, "\n".join([header, *rows]) + "\n")
    with pytest.raises(DataFileError) as caught:
        met.load_counts("borough")
    assert caught.value.path == str(path) and caught.value.row == row
    for fragment in fragments:
        assert fragment in caught.value.problem


@pytest.mark.parametrize(
    ("bad_row", "row", "fragments"),
    [
        ("THEFT,THEFT FROM THE PERSON,Camden,1,-1,3", 3, ["'-1'", "column 202402"]),
        ("THEFT,THEFT FROM THE PERSON,Camden,1,2,1.5", 3, ["'1.5'", "column 202403"]),
        ("THEFT,THEFT FROM THE PERSON,Camden,x,2,3", 3, ["'x'", "column 202401"]),
        ("THEFT,THEFT FROM THE PERSON,Camden,1,,3", 3, ["''", "column 202402"]),
        ("THEFT,THEFT FROM THE PERSON,Camden,1,2", 3, ["column 202403", "non-negative"]),
        ("THEFT,THEFT FROM THE PERSON,Camden,1,2,3,4", 3, ["malformed"]),
        ("THEFT,,Camden,1,2,3", 3, ["empty minor"]),
        ("THEFT,THEFT FROM THE PERSON,Westminster,1,2,4", 3, ["row 2", "different counts"]),
    ],
)
def test_bad_rows_name_file_row_and_column(data, bad_row, row, fragments):
    path = met_file(data, "borough", "2025-02", RECENT, csv_text(OLD_BOROUGH, MONTHS,
                                                                 [GOOD, bad_row]))
    with pytest.raises(DataFileError) as caught:
        met.load_counts("borough")
    assert caught.value.path == str(path) and caught.value.row == row
    assert str(caught.value).startswith(f"{path}, row {row}: ")
    for fragment in fragments:
        assert fragment in caught.value.problem


def test_bad_ward_code(data):
    rows = [WARD_ROWS[0], "BURGLARY,BURGLARY - RESIDENTIAL,Soho,W05000001,Westminster,1,1"]
    path = met_file(data, "ward", "2025-03", RECENT, csv_text(OLD_WARD, ["202401", "202402"],
                                                              rows))
    with pytest.raises(DataFileError, match="'W05000001'") as caught:
        met.load_counts("ward")
    assert (caught.value.path, caught.value.row) == (str(path), 3)


def test_non_utf8_bytes_name_the_row(data):
    text = csv_text(OLD_BOROUGH, MONTHS, [GOOD, "THEFT,THEFT FROM THE PERSON,Camden,1,2,3"])
    raw = text.encode().replace(b"Camden", b"Camd\xe9n")
    path = met_file(data, "borough", "2025-02", RECENT, raw, gz=False)
    with pytest.raises(DataFileError, match="not UTF-8") as caught:
        met.load_counts("borough")
    assert (caught.value.path, caught.value.row) == (str(path), 3)


def test_truncated_gzip(data):
    path = met_file(data, "borough", "2025-02", RECENT, csv_text(OLD_BOROUGH, MONTHS,
                                                                 BOROUGH_ROWS * 20))
    path.write_bytes(path.read_bytes()[:-30])
    with pytest.raises(DataFileError, match="truncated") as caught:
        met.load_counts("borough")
    assert caught.value.path == str(path)


def test_identical_duplicates_are_dropped_and_counted(data):
    met_file(data, "borough", "2025-02", RECENT, csv_text(OLD_BOROUGH, MONTHS,
                                                          [GOOD, BOROUGH_ROWS[1], GOOD]))
    table = met.load_counts("borough")
    assert len(table) == 6 and table["count"].sum() == 6 + 18
    report = LEDGER["met_datastore/borough/vintage_2025-02__alice"]
    assert (report.rows_read, report.rows_kept) == (9, 6)
    assert report.dropped == {"identical duplicate row": 3}


def test_near_empty_leading_month_is_dropped_and_counted(data):
    rows = ["THEFT,THEFT FROM THE PERSON,Westminster,0,400,500,600",
            "THEFT,THEFT FROM THE PERSON,Camden,1,300,0,200"]
    met_file(data, "borough", "2025-02", RECENT, csv_text(OLD_BOROUGH, ["202312", *MONTHS], rows))
    table = met.load_counts("borough")
    assert table["month"].min() == pd.Period("2024-01", "M") and len(table) == 6
    report = LEDGER["met_datastore/borough/vintage_2025-02__alice"]
    assert report.dropped == {"leading month nearly empty (treated as not covered)": 2}
    assert any("['202312'] total [1]" in note for note in report.notes)


def test_low_but_real_leading_month_is_kept(data):
    rows = ["THEFT,THEFT FROM THE PERSON,Westminster,2,40,50,60"]
    met_file(data, "borough", "2025-02", RECENT, csv_text(OLD_BOROUGH, ["202312", *MONTHS], rows))
    assert len(met.load_counts("borough")) == 4


def test_second_load_comes_from_the_cache(data, monkeypatch):
    path = met_file(data, "borough", "2025-02", RECENT, csv_text(OLD_BOROUGH, MONTHS,
                                                                 BOROUGH_ROWS))
    first = met.load_counts("borough")
    LEDGER.clear()

    def no_parsing(path):
        raise AssertionError(f"CSV parsed again: {path}")

    monkeypatch.setattr(met, "_read_wide", no_parsing)
    pd.testing.assert_frame_equal(met.load_counts("borough"), first)
    assert LEDGER["met_datastore/borough/vintage_2025-02__alice"].rows_kept == 12
    write(path, csv_text(OLD_BOROUGH, MONTHS, BOROUGH_ROWS[:2]))  # new content: new cache key
    with pytest.raises(AssertionError, match="CSV parsed again"):
        met.load_counts("borough")


def test_lsoa_parquet(data):
    write_parquet(data / met.LSOA_FILE, LSOA)
    table = met.load_lsoa_counts()
    assert list(table.columns) == met.COLUMNS and len(table) == 4
    assert table["month"].astype(str).unique().tolist() == ["2024-03", "2024-04"]
    assert value(table, "2024-03", area_code="E01004734") == 12
    assert set(table.loc[table["area_code"] == "E01000914", "borough"]) == {"Camden"}
    assert set(table["vintage"]) == {"2026-02"}
    report = LEDGER[met.LSOA_FILE]
    assert (report.rows_read, report.rows_kept) == (6, 4)
    assert report.dropped == {"leading month nearly empty (treated as not covered)": 2}


def test_ward_historical_parquet(data):
    frame = pd.DataFrame([row.split(",") for row in WARD_ROWS], columns=[
        "majortext", "minortext", "wardname", "wardcode", "lookup_boroughname", "a", "b"])
    frame = frame.drop(columns=["a", "b"]).assign(**{"201004": [3, 1, 2], "201005": [4, 0, 2]})
    write_parquet(data / met.WARD_HISTORICAL_FILE, frame)
    table = met.load_ward_historical()
    assert list(table.columns) == met.COLUMNS and len(table) == 6
    assert value(table, "2010-05", area_code="E05013806") == 4
    assert table.loc[table["borough"] == "Aviation Security (SO18)", "area_code"].isna().all()
    assert set(table["vintage"]) == {"historical-2024-02"}


def test_parquet_bad_count_and_bad_file(data):
    path = write_parquet(data / met.LSOA_FILE, LSOA.assign(**{"202404": [9, -2]}))
    with pytest.raises(DataFileError, match="'-2'.*202404") as caught:
        met.load_lsoa_counts()
    assert (caught.value.path, caught.value.row) == (str(path), 2)
    write(path, b"not parquet at all")
    with pytest.raises(DataFileError, match="Parquet"):
        met.load_lsoa_counts()


@pytest.mark.mirror
def test_mirror_borough_2025_02_matches_raw_csv(mirror):
    folder = mirror / "met_datastore" / "borough" / "vintage_2025-02__andyxuegit"
    table = met.load_counts("borough", "2025-02")
    raw = raw_cells(folder)
    raw_2024 = sum(n for key, n in raw.items() if key[-1].startswith("2024"))
    assert year_totals(table)[2024] == raw_2024 == 933_096
    assert len(table) == len(raw)
    west = table[(table["area_code"] == "E09000033") & (table["month"].dt.year == 2024)]
    assert west["count"].sum() == 91_127
    assert table["area_code"].dropna().nunique() == 32  # no City of London in Met data
    outside = set(table.loc[table["area_code"].isna(), "borough"])
    assert outside == {"London Heathrow and London City Airports", "Unknown"}
    notes = LEDGER[met.relative_to_data(folder)].notes
    flagged = [note for note in notes if "is not a London borough" in note]
    assert len(flagged) == 4  # two names in each of the two files
    assert all("Unknown" in n or "London Heathrow and London City Airports" in n for n in flagged)


@pytest.mark.mirror
@pytest.mark.parametrize(
    ("vintage", "total_2023", "total_2024"),
    [("2024-11", 930_205, None), ("2025-02", 930_353, 933_096), ("2025-11", 930_787, 939_858),
     ("2025-12", None, 939_957), ("2026-06", None, None)],
)
def test_mirror_borough_year_totals(mirror, vintage, total_2023, total_2024):
    table = met.load_counts("borough", vintage)
    months = table.groupby(table["month"].dt.year)["month"].nunique()
    for year, expected in ((2023, total_2023), (2024, total_2024)):
        if expected is None:
            assert months.get(year, 0) < 12
        else:
            assert months[year] == 12 and year_totals(table)[year] == expected


@pytest.mark.mirror
@pytest.mark.parametrize("vintage", ["2025-03", "2025-06", "2025-12", "2026-01", "2026-03"])
def test_mirror_raw_ward_codes(mirror, vintage):
    path = next((mirror / "met_datastore" / "ward").glob(f"vintage_{vintage}__*/*.csv.gz"))
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        raw = {(row["WardCode"], row["LookUp_BoroughName"]) for row in csv.DictReader(handle)}
    assert len({code for code, _ in raw}) == 679  # SO18's ward included
    assert {code for code, borough in raw if borough == "Aviation Security (SO18)"} == {
        "E05013570"}
    # Heathrow Villages is listed under Hillingdon as well only in the oldest vintage
    assert (("E05013570", "Hillingdon") in raw) == (vintage == "2025-03")


@pytest.mark.mirror
@pytest.mark.parametrize(("vintage", "codes", "total_2024"),
                         [("2025-03", 679, 901_936), ("2025-06", 678, 901_703)])
def test_mirror_ward_codes_and_totals(mirror, vintage, codes, total_2024):
    table = met.load_counts("ward", vintage)
    assert table["area_code"].dropna().str.fullmatch("E05[0-9]{6}").all()
    assert table["area_code"].nunique() == codes  # SO18 rows (Heathrow Villages) get <NA>
    assert len(set(table["area_code"].dropna()) | {"E05013570"}) == 679
    assert year_totals(table)[2024] == total_2024


@pytest.mark.mirror
def test_mirror_ward_2026_03_near_empty_first_month(mirror):
    table = met.load_counts("ward", "2026-03")
    assert table["month"].min() == pd.Period("2024-04", "M")
    report = LEDGER["met_datastore/ward/vintage_2026-03__hou1020"]
    assert report.dropped == {"leading month nearly empty (treated as not covered)": 18_669}


@pytest.mark.mirror
@pytest.mark.slow
def test_mirror_lsoa(mirror):
    table = met.load_lsoa_counts()
    assert table["month"].nunique() == 24
    assert (table["month"].min(), table["month"].max()) == (pd.Period("2024-03", "M"),
                                                            pd.Period("2026-02", "M"))
    assert table["area_code"].nunique() == 4_988
    assert table.loc[table["month"] == pd.Period("2024-03", "M"), "count"].sum() == 71_366
    report = LEDGER[met.LSOA_FILE]
    assert report.dropped == {"leading month nearly empty (treated as not covered)": 105_620}


@pytest.mark.mirror
@pytest.mark.slow
def test_mirror_ward_historical(mirror):
    table = met.load_ward_historical()
    assert (table["month"].min(), table["month"].max()) == (pd.Period("2010-04", "M"),
                                                            pd.Period("2024-02", "M"))
    assert table.loc[table["month"] == pd.Period("2023-04", "M"), "count"].sum() == 69_938
    assert table["area_code"].nunique() == 679


def test_concat_keeps_text_categorical_with_the_union_of_categories(data):
    met_file(data, "borough", "2025-02", RECENT, csv_text(OLD_BOROUGH, MONTHS, BOROUGH_ROWS))
    table = met.load_counts("borough", "2025-02")
    other = table.assign(vintage=pd.Categorical(["2025-03"] * len(table)))
    stacked = met.concat([other, table])
    assert len(stacked) == 2 * len(table) and stacked["count"].equals(
        pd.concat([other["count"], table["count"]], ignore_index=True))
    assert list(stacked["vintage"].cat.categories) == ["2025-02", "2025-03"]
    assert stacked["vintage"].astype(str).tolist() == ["2025-03"] * len(table) + [
        "2025-02"] * len(table)
    assert stacked["area_code"].dtype == table["area_code"].dtype
    with pytest.raises(ValueError, match="no tables"):
        met.concat([])
