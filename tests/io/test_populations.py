"""Tests for hotspots.io.populations: Census 2021, ODWP01EW workplace and workday, mid-2020,
ward residents and the denominators table, on tiny files and on the mirror."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest
from conftest import requires_mirror
from geodata import LOOKUP_ROWS, make_data_folder, write_lookup

from hotspots import config as paths
from hotspots.io import boundaries as geo
from hotspots.io import populations
from hotspots.io.errors import DataFileError
from hotspots.io.ledger import LEDGER

BANDS = "Age: Aged 15 years and under,Age: Aged 16 years and over"
LTLA = (
    f"date,geography,geography code,Age: Total,{BANDS}\n"
    "2021,City of London,E09000001,8580,580,8000\n"
    "2021,Hartlepool,E06000001,92337,20000,72337\n"
    "2021,Westminster,E09000033,204235,30000,174235\n"
)
LSOA = (
    f"date,geography,geography code,Age: Total,{BANDS}\n"
    "2021,City of London 001A,E01000001,1473,73,1400\n"
    "2021,Westminster 018A,E01004651,1500,100,1400\n"
    "2021,Westminster 018B,E01004652,1600,100,1500\n"
    "2021,Hartlepool 001A,E01011949,1700,200,1500\n"
    "2021,Cardiff 001A,W01001682,1800,300,1500\n"
)
ODWP_HEADER = ("Lower tier local authorities code,Lower tier local authorities label,"
               "LTLA of workplace code,LTLA of workplace label,"
               "Place of work indicator (4 categories) code,"
               "Place of work indicator (4 categories) label,Count")
ODWP_ROWS = [
    # residence, workplace, place-of-work code, count
    ("E09000001", "-8", -8, 1000), ("E09000001", "E09000001", 1, 2000),
    ("E09000001", "E09000001", 3, 400), ("E09000001", "E09000033", 3, 600),
    ("E09000001", "999999999", 2, 10),
    ("E09000033", "-8", -8, 75000), ("E09000033", "E09000033", 1, 65000),
    ("E09000033", "E09000033", 3, 14000), ("E09000033", "E09000001", 3, 20000),
    ("E06000001", "E09000033", 3, 300), ("E06000001", "E06000001", 1, 5000),
]
MID2020 = (
    "LSOA11CD,LSOA11NM,MSOA11CD,MSOA11NM,LAD11CD,LAD11NM,Persons_All-Ages,Persons_0-15,"
    "Persons_16-29,Persons_30-44,Persons_45-64,Persons_65+\n"
    "E01000001,City of London 001A,E02000001,m,E09000001,City of London,1749,296,215,313,470,455\n"
    "E01004651,Westminster 003A,E02000001,m,E09000033,Westminster,1000,100,200,300,200,200\n"
    "E01004652,Westminster 017A,E02000001,m,E09000033,Westminster,2000,200,400,600,400,400\n"
)


def odwp_text(rows: list[tuple] = ODWP_ROWS) -> str:
    lines = [ODWP_HEADER] + [f"{r},r,{w},w,{c},c,{n}" for r, w, c, n in rows]
    return "\n".join(lines) + "\n"


def write(root, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode()) if relative.endswith(".gz") else text.encode())


@pytest.fixture
def data(tmp_path, monkeypatch):
    """The tiny geography folder plus tiny population files, and an empty cache."""
    root = make_data_folder(tmp_path / "data")
    monkeypatch.setenv(paths.DATA_ENV, str(root))
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "cache"))
    for relative, text in ((populations.CENSUS_LTLA, LTLA), (populations.CENSUS_LSOA, LSOA),
                           (populations.ODWP, odwp_text()), (populations.MID2020, MID2020)):
        write(root, relative, text)
    return root


MYE2 = (
    "MYE2: Population estimates: Persons by single year of age and sex,,,,,\n"
    "Mid-2022,,,,,\n"
    "Code,Name,Geography,All ages,0,1\n"
    'E09000001,City of London,London Borough,"8,618",50,40\n'
    'E09000033,Westminster,London Borough,"204,236",2000,1900\n'
    'E12000007,London,Region,"8,866,180",1,1\n'
    ",,,,,\n"
)


def test_census2021_boroughs_keep_london_and_count_the_rest(data):
    table = populations.census2021_boroughs()
    assert table.to_dict("list") == {"borough_code": ["E09000001", "E09000033"],
                                     "borough_name": ["City of London", "Westminster"],
                                     "residents": [8580, 204235]}
    assert LEDGER[populations.CENSUS_LTLA].dropped == {"local authority outside London": 1}


def test_census2021_lsoa_joins_on_the_2021_lsoa_codes(data):
    table = populations.census2021_lsoa()
    assert table["lsoa_code"].tolist() == ["E01000001", "E01004651", "E01004652"]
    assert table["residents"].tolist() == [1473, 1500, 1600]
    assert table["borough_name"].tolist() == ["City of London", "Westminster", "Westminster"]
    assert LEDGER[populations.CENSUS_LSOA].dropped == {
        "English LSOA outside London": 1, "Welsh LSOA": 1}


@pytest.mark.parametrize(
    ("relative", "old", "new", "message"),
    [
        (populations.CENSUS_LTLA, "204235,30000", "204235,30001",
         "row 4: the 2 age bands do not add up to Age: Total: 'E09000033'"),
        (populations.CENSUS_LTLA, "8580,580", "858o,580", "row 2: Age: Total is not a whole"),
        (populations.CENSUS_LSOA, "E01004652", "E01004653", "1 London LSOAs missing"),
        (populations.CENSUS_LSOA, "2021,Cardiff", "2020,Cardiff", "row 6: date is not 2021"),
        (populations.CENSUS_LTLA, "Age: Total", "Total", r"missing columns \['Age: Total'\]"),
    ],
)
def test_bad_census_files_name_file_and_row(data, relative, old, new, message):
    original = {populations.CENSUS_LTLA: LTLA, populations.CENSUS_LSOA: LSOA}[relative]
    write(data, relative, original.replace(old, new))
    loader = (populations.census2021_boroughs if relative == populations.CENSUS_LTLA
              else populations.census2021_lsoa)
    with pytest.raises(DataFileError, match=message):
        loader()


def test_workplace_and_workday_follow_the_sources_definition(data):
    work = populations.workplace_population().set_index("borough_code")
    # independent sums of ODWP_ROWS: everyone whose workplace is the borough
    assert work.at["E09000001", "workplace"] == 2000 + 400 + 20000
    assert work.at["E09000033", "workplace"] == 600 + 65000 + 14000 + 300
    assert work.loc["E09000033", ["at_home", "live_and_work", "commute_in"]].tolist() == [
        65000, 14000, 900]
    day = populations.workday_population().set_index("borough_code")
    residents_16 = 75000 + 65000 + 14000 + 20000
    expected = work.at["E09000033", "workplace"] + 75000 + (204235 - residents_16)
    assert day.at["E09000033", "residents_16_plus"] == residents_16
    assert day.at["E09000033", "workday"] == expected
    assert day.at["E09000001", "under_16"] == 8580 - 4010
    assert LEDGER[populations.ODWP].dropped == {"flow neither from nor to a London borough": 1}
    assert populations.borough_population("workday2021")["population"].tolist() == [
        day.at["E09000001", "workday"], expected]


def test_workplace_is_checked_against_the_ons_summary(data):
    summary = ("areacd,origin,destination,nomove,within\nE09000001,1,22400,2000,400\n"
               "E09000033,1,79900,65000,14000\n")
    write(data, populations.ODWP_COUNTS, summary)
    assert populations.workplace_population()["workplace"].tolist() == [22400, 79900]
    write(data, populations.ODWP_COUNTS, summary.replace("79900", "79901"))
    with pytest.raises(DataFileError, match="odwp01ew_lad_counts.csv, row 3: destination"):
        populations.workplace_population()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("E09000001", "E09000033", 1, 5), "row 13: a home worker's workplace is not the res"),
        (("E09000001", "-8", 3, 5), "row 13: workplace −8 goes with code −8 only"),
        (("E09000001", "E09000033", 7, 5), "row 13: unknown place of work code"),
        (("E09000001", "E09000033", 3, "x"), "row 13: Count is not a whole number"),
    ],
)
def test_odwp_coding_rules(data, row, message):
    write(data, populations.ODWP, odwp_text([*ODWP_ROWS, row]))
    with pytest.raises(DataFileError, match=message):
        populations.odwp_flows()


def test_mid2020_is_checked_and_summed(data):
    table = populations.borough_population("mid2020")
    assert table["population"].tolist() == [1749, 3000] and set(table["year"]) == {2020}
    write(data, populations.MID2020, MID2020.replace("2000,200,400", "2001,200,400"))
    with pytest.raises(DataFileError, match="row 4: age bands do not add up"):
        populations.mid2020_lsoa()


def test_borough_population_sources(data):
    census = populations.borough_population("census2021")
    assert census["population"].tolist() == [8580, 204235]
    assert set(census["source"]) == {"census2021"}
    with pytest.raises(ValueError, match="census2021 is for 2021"):
        populations.borough_population("census2021", year=2022)
    with pytest.raises(ValueError, match="unknown population source 'panel_estimate'"):
        populations.borough_population("panel_estimate")
    assert populations.borough_population("census2011")["population"].tolist() == [1465, 3100]


def test_ward_residents_sum_lsoas_by_best_fit(data):
    wards = populations.ward_residents().set_index("ward_code")
    assert wards["residents"].tolist() == [1473, 1500, 1600]
    assert wards["lsoas"].tolist() == [1, 1, 1]
    moved = [r for r in LOOKUP_ROWS if r[0] != "E01004651"]
    write_lookup(data, [*moved, ("E01004651", "E05013808", "West End")])
    wards = populations.ward_residents().set_index("ward_code")
    assert wards.at["E05013808", "residents"] == 3100 and wards.at["E05013808", "lsoas"] == 2
    assert pd.isna(wards.at["E05013806", "residents"]) and wards.at["E05013806", "lsoas"] == 0


def test_denominators_say_what_each_measures_and_what_is_missing(data):
    table = populations.denominators("E09000033").set_index("denominator")
    assert table.at["Census 2021 usual residents", "population"] == 204235
    assert table.at["Census 2011 usual residents", "population"] == 3100
    assert table.loc[table["available"], "measures"].str.len().min() > 10
    missing = table[~table["available"]]
    assert missing.index.tolist() == ["ONS mid-year estimate (Census-2021-based)",
                                      "GLA daytime population"]
    assert missing["population"].isna().all()
    assert "published figure (typed in)" in table.index  # from data/reference
    folder = data / populations.ONS_MYE_DIR
    folder.mkdir(parents=True)
    (folder / "MYE2_persons_mid-2022.csv").write_text(MYE2)
    mye = populations.denominators("E09000033").set_index("denominator")
    assert mye.at["ONS mid-year estimate (Census-2021-based)", "population"] == 204236
    assert mye.at["ONS mid-year estimate (Census-2021-based)", "vintage"] == "mid-2022"
    with pytest.raises(ValueError, match="not one of the 33"):
        populations.denominators("E09000099")


def test_read_ons_mid_year_reads_the_mye2_layout(tmp_path):
    path = tmp_path / "mye2.csv"
    path.write_text(MYE2)
    table = populations.read_ons_mid_year(path)
    assert table["population"].tolist() == [8618, 204236, 8866180]
    assert set(table["year"]) == {2022}
    assert table["geography"].tolist() == ["London Borough", "London Borough", "Region"]
    assert populations.read_ons_mid_year(path, year=2021)["year"].iloc[0] == 2021


def test_read_ons_mid_year_reads_the_long_layout(tmp_path):
    path = tmp_path / "nomis.csv"
    path.write_text("DATE,GEOGRAPHY_NAME,GEOGRAPHY_CODE,OBS_VALUE\n"
                    "2021,City of London,E09000001,8583\n2022,City of London,E09000001,8618\n")
    table = populations.read_ons_mid_year(path)
    assert table[["code", "year", "population"]].values.tolist() == [
        ["E09000001", 2021, 8583], ["E09000001", 2022, 8618]]


def test_read_ons_mid_year_names_the_line_of_a_bad_value(tmp_path):
    path = tmp_path / "mye2_mid-2022.csv"
    path.write_text(MYE2.replace('"204,236"', "n/a"))
    with pytest.raises(DataFileError, match=r"row 5: population 'n/a' is not a whole number"):
        populations.read_ons_mid_year(path)
    path.write_text("code,name,year,population\nE09000001,City,2022,1\nE09000001,City,2022,2\n")
    with pytest.raises(DataFileError, match="row 3: E09000001 appears twice for mid-2022"):
        populations.read_ons_mid_year(path)


def test_ons_mye_population_comes_from_the_download_folder(data):
    with pytest.raises(FileNotFoundError, match="MYE2 - Persons.*geography/ons_mid_year"):
        populations.borough_population("ons_mye", year=2022)
    folder = data / populations.ONS_MYE_DIR
    folder.mkdir(parents=True)
    (folder / "MYE2_persons_mid-2022.csv").write_text(MYE2)
    table = populations.borough_population("ons_mye")
    assert table["population"].tolist() == [8618, 204236]
    assert set(table["year"]) == {2022} and set(table["source"]) == {"ons_mye"}
    with pytest.raises(FileNotFoundError, match="No mid-2019 figures"):
        populations.borough_population("ons_mye", year=2019)


@requires_mirror(geo.STAT_GIS_ZIP)
def test_mirror_census_2011_populations(mirror):
    table = populations.borough_population("census2011").set_index("borough_name")
    assert table["population"].sum() == 8_173_941  # Census 2011, London usual residents
    assert table.loc["Westminster", "population"] == 219_396
    assert table.loc["City of London", "population"] == 7_375




# The table "Per-borough denominators and the derived workday population" of
# population/SOURCES.md: mid-2020 (old series), Census 2021 residents, workplace, workday.
SOURCES_TABLE = {
    "E09000001": (10938, 8580, 88919, 92141),
    "E09000002": (214107, 218869, 74131, 198412),
    "E09000003": (399007, 389343, 170718, 373888),
    "E09000004": (249301, 246472, 103890, 232392),
    "E09000005": (327753, 339814, 147072, 325898),
    "E09000006": (332752, 329989, 154244, 322113),
    "E09000007": (279516, 210135, 179751, 287374),
    "E09000008": (388563, 390716, 161603, 362915),
    "E09000009": (340341, 367115, 161452, 353562),
    "E09000010": (333587, 329984, 133325, 319448),
    "E09000011": (289034, 289071, 128482, 274616),
    "E09000012": (280941, 259146, 132759, 257595),
    "E09000013": (183544, 183157, 116066, 201138),
    "E09000014": (266357, 264240, 116110, 245962),
    "E09000015": (252338, 261203, 100892, 237073),
    "E09000016": (260651, 262052, 115842, 253130),
    "E09000017": (309014, 305909, 163178, 326281),
    "E09000018": (271767, 288182, 126961, 276343),
    "E09000019": (248115, 216587, 132915, 234539),
    "E09000020": (156864, 143376, 111503, 185426),
    "E09000021": (179142, 168061, 84187, 168100),
    "E09000022": (321813, 317651, 186778, 321613),
    "E09000023": (305309, 300551, 130622, 275449),
    "E09000024": (206453, 215187, 100297, 203425),
    "E09000025": (355266, 351036, 144805, 332393),
    "E09000026": (305658, 310259, 116693, 285322),
    "E09000027": (198141, 195279, 101615, 199330),
    "E09000028": (320017, 307635, 175735, 316446),
    "E09000029": (207707, 209639, 93796, 199199),
    "E09000030": (331969, 310306, 182894, 337817),
    "E09000031": (276940, 278424, 119521, 257565),
    "E09000032": (329735, 327507, 189867, 326919),
    "E09000033": (269848, 204235, 265015, 367509),
}


@requires_mirror(populations.CENSUS_LTLA, populations.CENSUS_LSOA, populations.ODWP,
                 populations.ODWP_COUNTS, populations.MID2020, geo.STAT_GIS_ZIP, geo.LSOA21_ZIP)
def test_mirror_reproduces_the_sources_denominator_table(mirror):
    columns = {"mid2020": 0, "census2021": 1, "workplace2021": 2, "workday2021": 3}
    for source, i in columns.items():
        table = populations.borough_population(source).set_index("borough_code")["population"]
        assert table.to_dict() == {code: row[i] for code, row in SOURCES_TABLE.items()}, source
    totals = [populations.borough_population(s)["population"].sum() for s in columns]
    assert totals == [9_002_488, 8_799_710, 4_511_638, 8_951_333]
    day = populations.workday_population().set_index("borough_name").loc["Westminster"]
    assert (day["residents_16_plus"], day["not_in_employment"]) == (177_466, 75_725)
    lsoas = populations.census2021_lsoa()
    assert len(lsoas) == 4994 and lsoas["residents"].sum() == 8_799_631
    westminster = lsoas[lsoas["borough_name"] == "Westminster"]
    assert (len(westminster), westminster["residents"].sum()) == (123, 204_235)


@requires_mirror(populations.CENSUS_LSOA, geo.LOOKUP_FILE, geo.WARDS22_FILE, geo.LSOA21_ZIP)
def test_mirror_ward_residents(mirror):
    wards = populations.ward_residents()
    assert len(wards) == 704 and wards["residents"].sum() == 8_799_631
    assert wards["residents"].isna().sum() == 20  # City wards that get no LSOA
    assert (wards.loc[~wards["city"], "residents"] > 0).all()
