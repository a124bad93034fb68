"""Tests for hotspots.io.police_uk: street, outcome and stop-and-search records."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import requires_mirror
from geodata import lonlat, lonlat_xy

from hotspots.config import data_dir
from hotspots.io import boundaries as geography
from hotspots.io import police_uk as pu
from hotspots.io.errors import DataFileError
from hotspots.io.ledger import LEDGER

MIRROR = data_dir()


HEADER = list(pu.STREET_COLUMNS)


SS_HEADER = list(pu.STOP_SEARCH_COLUMNS)


MET = "Metropolitan Police Service"


def street_row(crime_id="", month="2024-05", at=(530_500.0, 181_000.0), kind="Robbery", **kw):
    lon, lat = lonlat(*at) if at else ("", "")
    row = {
        "Crime ID": crime_id, "Month": month, "Reported by": MET, "Falls within": MET,
        "Longitude": lon, "Latitude": lat, "Location": "On or near Strand",
        "LSOA code": "E01004734", "LSOA name": "Westminster 018A", "Crime type": kind,
        "Last outcome category": "" if kind == "Anti-social behaviour" else "Under investigation",
        "Context": "",
    }  # fmt: skip
    row.update(kw)
    return row


def write_csv(path: Path, rows: list[dict], header=HEADER, newline="\r\n") -> Path:
    """Write an archive-style CSV (CRLF like the originals), gzipped when the name ends .gz."""
    frame = pd.DataFrame(rows, columns=header)
    text = frame.to_csv(index=False, lineterminator=newline)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def met_may(root: Path) -> list[dict]:
    """Ten 2024-05 Met rows written to a plain CRLF ``2024-05-metropolitan-street.csv``."""
    rows = [
        street_row("a1", at=lonlat_xy(-0.1278, 51.5074), kind="Theft from the person"),
        street_row("a2", kind="Burglary"),
        street_row("a3", at=(530_000.0, 180_000.0)),  # in the 'Thames' between the boroughs
        street_row("a4", at=(540_000.0, 180_000.0)),  # east of 'London', still in the UK
        street_row("a5", at=None),  # no location
        street_row("", kind="Anti-social behaviour"),  # two ASB incidents at one snap point
        street_row("", kind="Anti-social behaviour"),
        street_row("a8", kind="Drugs"),  # one crime ID listed twice, identically
        street_row("a8", kind="Drugs"),
        street_row("a10", kind="Other theft", Context="Bag taken"),
    ]
    write_csv(root / "police_uk/2024-05/2024-05-metropolitan-street.csv", rows)
    return rows




def city_june(root: Path) -> None:
    rows = [street_row(f"c{i}", month="2024-06", **{"Reported by": "City of London Police"})
            for i in range(3)]  # fmt: skip
    write_csv(root / "police_uk/2024-06/2024-06-city-of-london-street.csv.gz", rows)


BAD_STREET = [
    ("missing column", lambda r: r, "missing columns: LSOA code", None),
    ("month format", lambda r: r[:1] + [{**r[1], "Month": "2024/05"}] + r[2:],
     "Month is not YYYY-MM: '2024/05'", 3),
    ("month mismatch", lambda r: r[:2] + [{**r[2], "Month": "2024-04"}] + r[3:],
     "Month differs from the file's month 2024-05: '2024-04'", 4),
    ("longitude text", lambda r: r[:3] + [{**r[3], "Longitude": "west"}],
     "Longitude is not a number: 'west'", 5),
    ("latitude range", lambda r: [{**r[0], "Latitude": "62.100000"}] + r[1:],
     "Latitude outside the UK (49.0 to 61.0): '62.100000'", 2),
    ("longitude range", lambda r: r[:1] + [{**r[1], "Longitude": "-12.000000"}] + r[2:],
     "Longitude outside the UK (-9.0 to 3.0)", 3),
    ("half a location", lambda r: r[:2] + [{**r[2], "Latitude": ""}] + r[3:],
     "Longitude and Latitude not both given", 4),
]  # fmt: skip


def search_row(date="2024-05-10T12:00:00+00:00", at=(530_500.0, 181_000.0), **kw):
    lon, lat = lonlat(*at) if at else ("", "")
    row = {
        "Type": "Person search", "Date": date, "Part of a policing operation": "False",
        "Policing operation": "", "Latitude": lat, "Longitude": lon, "Gender": "Male",
        "Age range": "18-24", "Self-defined ethnicity": "", "Officer-defined ethnicity": "White",
        "Legislation": "Misuse of Drugs Act 1971 (section 23)",
        "Object of search": "Controlled drugs", "Outcome": "Arrest",
        "Outcome linked to object of search": "True",
        "Removal of more than just outer clothing": "",
    }  # fmt: skip
    row.update(kw)
    return row


def write_searches(root: Path, rows: list[dict]) -> Path:
    path = root / "police_uk/2024-05/2024-05-metropolitan-stop-and-search.csv.gz"
    return write_csv(path, rows, SS_HEADER, newline="\n")


CITY_2024_ROWS = [734, 826, 757, 926, 944, 846, 898, 826, 747, 901, 821, 766]  # SOURCES.md


BURGLARY_2024_ROWS = [5082, 4388, 4618, 4215, 3986, 3869, 4170, 4190, 4087, 4589, 4597, 4761]


YEAR_2024 = [f"2024-{m:02d}" for m in range(1, 13)]


def test_street_files_filters_forces_months_and_prefers_the_plain_copy(root):
    met_may(root)
    city_june(root)
    plain = root / "police_uk/2024-05/2024-05-metropolitan-street.csv"
    (root / "police_uk/2024-05/2024-05-metropolitan-street.csv.gz").write_bytes(
        gzip.compress(plain.read_bytes())
    )
    write_csv(root / "police_uk/2024-05/2024-05-metropolitan-stop-and-search.csv", [], SS_HEADER)
    names = [p.name for p in pu.street_files()]
    assert names == ["2024-05-metropolitan-street.csv", "2024-06-city-of-london-street.csv.gz"]
    assert [p.name for p in pu.street_files(["city-of-london"])] == [names[1]]
    assert [p.name for p in pu.street_files(months=["2024-05"])] == [names[0]]
    assert pu.street_files(months=["2023-01"]) == []


def test_load_street_parses_types_and_counts_every_drop(root):
    met_may(root)
    city_june(root)
    table = pu.load_street()
    report = LEDGER["police.uk street (city-of-london, metropolitan)"]
    assert (report.files, report.rows_read, report.rows_kept) == (2, 13, 11)
    assert report.dropped == {"no location": 1, "outside Greater London": 1}
    assert "1 rows repeat another row" in report.notes[0]
    assert list(table.columns) == [*pu.STREET_COLUMNS.values(), "x", "y", "source_file"]
    assert str(table["month"].dtype) == "period[M]"
    assert table["crime_id"].dtype == "string" and table["crime_type"].dtype == "string"
    assert table[["longitude", "latitude", "x", "y"]].dtypes.eq("float64").all()
    may = table[table["month"] == pd.Period("2024-05", "M")]
    assert may["crime_id"].isna().sum() == 2  # ASB has no Crime ID; both incidents kept
    assert (may["crime_id"] == "a8").sum() == 2
    assert "a3" in set(may["crime_id"].dropna())  # the 'Thames' point counts as London
    assert "a4" not in set(table["crime_id"].dropna())
    assert may["context"].dropna().tolist() == ["Bag taken"]
    assert not any(v.endswith("\r") for v in may["context"].dropna())  # CRLF fully stripped
    assert set(table["source_file"]) == {
        "police_uk/2024-05/2024-05-metropolitan-street.csv",
        "police_uk/2024-06/2024-06-city-of-london-street.csv.gz",
    }
    first = may.iloc[0]
    assert first["crime_type"] == "Theft from the person"
    assert (first["x"], first["y"]) == pytest.approx(lonlat_xy(-0.1278, 51.5074), abs=0.2)


def test_load_street_options_clip_and_duplicates(root):
    met_may(root)
    files = pu.street_files()
    assert len(pu.load_street(files=files, clip_to_london=False)) == 9
    assert LEDGER["police.uk street (metropolitan)"].dropped == {"no location": 1}
    assert len(pu.load_street(files=files, drop_duplicates=True)) == 7
    assert LEDGER["police.uk street (metropolitan)"].dropped == {
        "no location": 1, "duplicate record": 1, "outside Greater London": 1,
    }  # fmt: skip


def test_load_street_is_cached_and_rebuilt_when_a_file_changes(root, tmp_path):
    rows = met_may(root)
    first = pu.load_street()
    assert len(list((tmp_path / "cache").glob("police_uk_street-*.parquet"))) == 1
    LEDGER.clear()
    pd.testing.assert_frame_equal(pu.load_street(), first)
    assert "police.uk street (metropolitan)" in LEDGER  # report restored from the cache
    write_csv(root / "police_uk/2024-05/2024-05-metropolitan-street.csv", rows[:3])
    assert len(pu.load_street()) == 3


def test_burglary_subset_uses_the_street_parser(root):
    rows = [street_row(f"b{i}", kind="Burglary", month="2024-01") for i in range(2)]
    write_csv(root / pu.BURGLARY_DIR / "2024-01-metropolitan-street.BURGLARY-ONLY.csv.gz", rows,
              newline="\n")  # fmt: skip
    write_csv(root / pu.BURGLARY_DIR / "2024-02-metropolitan-street.BURGLARY-ONLY.csv.gz",
              [street_row("b9", month="2024-02", at=None)], newline="\n")  # fmt: skip
    table = pu.load_burglary_subset()
    assert table["crime_id"].tolist() == ["b0", "b1"]
    assert LEDGER["police.uk street, Met burglary-only subset"].dropped == {"no location": 1}
    assert len(pu.load_burglary_subset(["2024-02"])) == 0


def test_no_street_files_is_an_error(root):
    with pytest.raises(DataFileError, match="no files found"):
        pu.load_street(months=["1999-01"])


@pytest.mark.parametrize(
    ("case", "edit", "message", "row"), BAD_STREET, ids=[b[0] for b in BAD_STREET]
)
def test_bad_street_rows_name_file_and_row(root, case, edit, message, row):
    rows = edit([street_row(f"r{i}") for i in range(4)])
    header = [h for h in HEADER if h != "LSOA code"] if case == "missing column" else HEADER
    path = write_csv(root / "police_uk/2024-05/2024-05-metropolitan-street.csv", rows, header)
    with pytest.raises(DataFileError) as info:
        pu.load_street()
    assert (info.value.path, info.value.row) == (str(path), row)
    assert message in info.value.problem


def test_bad_bytes_truncation_and_shape_name_file_and_row(root):
    folder = root / "police_uk/2024-05"
    path = write_csv(
        folder / "2024-05-metropolitan-street.csv", [street_row(f"r{i}") for i in range(3)]
    )
    lines = path.read_bytes().split(b"\r\n")
    path.write_bytes(
        b"\r\n".join([*lines[:3], lines[3].replace(b"Strand", b"Str\xe6nd"), *lines[4:]])
    )
    with pytest.raises(DataFileError, match="not UTF-8") as info:
        pu.load_street()
    assert (info.value.path, info.value.row) == (str(path), 4)

    path.write_bytes(b"\r\n".join([*lines[:2], lines[2] + b",extra", *lines[3:]]))
    with pytest.raises(DataFileError, match="malformed CSV") as info:
        pu.load_street()
    assert (info.value.path, info.value.row) == (str(path), 3)

    path.unlink()
    packed = gzip.compress(b"\r\n".join(lines))
    gz = folder / "2024-05-metropolitan-street.csv.gz"
    gz.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(DataFileError, match="truncated or corrupt gzip") as info:
        pu.load_street()
    assert (info.value.path, info.value.row) == (str(gz), None)

    odd = write_csv(root / "elsewhere/metropolitan-street.csv", [street_row()])
    with pytest.raises(DataFileError, match="does not start with the month") as info:
        pu.load_street(files=[odd])
    assert info.value.path == str(odd)


def test_stop_search_month_from_file_and_rows_without_location_kept(root):
    write_searches(root, [
        search_row("2024-04-30T23:30:00+00:00"),  # 00:30 BST on 1 May
        search_row(at=None, **{"Outcome linked to object of search": "False"}),
        search_row(**{"Removal of more than just outer clothing": "True"}),
    ])  # fmt: skip
    table = pu.load_stop_search()
    assert str(table["date"].dtype).endswith("UTC]")
    assert table["date"].iloc[0] == pd.Timestamp("2024-04-30 23:30", tz="UTC")
    assert (table["month"] == pd.Period("2024-05", "M")).all()
    assert table["outcome_linked"].tolist() == [True, False, True]
    assert table["removal_of_clothing"].tolist()[2] is True
    assert table["removal_of_clothing"].isna().sum() == 2
    assert str(table["part_of_operation"].dtype) == "boolean"
    assert np.isnan(table.loc[1, ["latitude", "longitude", "x", "y"]].astype(float)).all()
    report = LEDGER["police.uk stop and search"]
    assert (report.rows_read, report.rows_kept, report.dropped) == (3, 3, {})
    assert report.notes[0].startswith("1 searches without a location kept")
    assert report.notes[2].startswith("0 searches whose London-time month differs")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("Date", "yesterday", "Date is not an ISO 8601 timestamp: 'yesterday'"),
        ("Outcome linked to object of search", "maybe",
         "Outcome linked to object of search is not True/False: 'maybe'"),
        ("Latitude", "fifty-one", "Latitude is not a number"),
    ],
)  # fmt: skip
def test_bad_stop_search_rows_name_file_and_row(root, field, value, message):
    path = write_searches(root, [search_row(), search_row(**{field: value})])
    with pytest.raises(DataFileError) as info:
        pu.load_stop_search()
    assert (info.value.path, info.value.row) == (str(path), 3)
    assert message in info.value.problem


@pytest.mark.mirror
@requires_mirror("police_uk/2024-03", "police_uk/subsets/burglary_only")
def test_mirror_city_of_london_2024(mirror):
    table = pu.load_street(["city-of-london"], YEAR_2024)
    report = LEDGER["police.uk street (city-of-london)"]
    assert report.rows_read == sum(CITY_2024_ROWS) == 9_992
    assert report.dropped == {"no location": 964}
    assert len(table) == 9_028
    march = pu.load_street(["city-of-london"], ["2024-03"])
    assert LEDGER["police.uk street (city-of-london)"].dropped == {"no location": 66}
    assert len(march) == 757 - 66
    assert shapely.contains_xy(pu.london_outline(), march["x"], march["y"]).all()


@pytest.mark.mirror
@requires_mirror("police_uk/2024-03", "police_uk/subsets/burglary_only")
def test_mirror_city_of_london_all_months_and_the_thames(mirror):
    table = pu.load_street(["city-of-london"])
    report = LEDGER["police.uk street (city-of-london)"]
    assert (report.files, report.rows_read, report.rows_kept) == (48, 36_634, 33_658)
    assert report.dropped == {"no location": 2_947, "outside Greater London": 29}
    boroughs = shapely.union_all(geography.boroughs().geometry.values)
    on_river = ~shapely.contains_xy(boroughs, table["x"], table["y"])
    assert on_river.sum() == 56  # on London, Tower, Blackfriars and Southwark bridges
    assert table.loc[on_river, "location"].value_counts().to_dict() == {
        "On or near Borough High Street": 29, "On or near A100": 18, "On or near A201": 7,
        "On or near Southwark Bridge Road": 2,
    }  # fmt: skip


@pytest.mark.mirror
@requires_mirror("police_uk/2024-03", "police_uk/subsets/burglary_only")
def test_mirror_burglary_2024(mirror):
    table = pu.load_burglary_subset(YEAR_2024)
    report = LEDGER["police.uk street, Met burglary-only subset"]
    assert report.rows_read == sum(BURGLARY_2024_ROWS) == 52_552
    assert report.dropped == {"no location": 33, "outside Greater London": 30}
    assert len(table) == 52_489
    assert set(table["crime_type"]) == {"Burglary"}


@pytest.mark.mirror
@requires_mirror("police_uk/2024-03", "police_uk/subsets/burglary_only")
def test_mirror_stop_search_april_2024(mirror):
    table = pu.load_stop_search(["2024-04"])
    assert len(table) == 9_002
    assert table["date"].min() == pd.Timestamp("2024-03-31 23:15", tz="UTC")
    assert (table["month"] == pd.Period("2024-04", "M")).all()
    assert LEDGER["police.uk stop and search"].notes[2].startswith("0 searches")
