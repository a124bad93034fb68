"""Tests for hotspots.io.police_uk_extracts: the third-party police.uk aggregates."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import requires_mirror
from geodata import lonlat, lonlat_xy

from hotspots.config import data_dir
from hotspots.io import police_uk as pu
from hotspots.io import police_uk_extracts as ps
from hotspots.io.errors import DataFileError
from hotspots.io.ledger import LEDGER

MIRROR = data_dir()




def api_record(slug: str, number: int, persistent_id: str = "p") -> dict:
    lon, lat = lonlat(530_000.0 + number, 180_500.0)
    outcome = None if slug == "anti-social-behaviour" else {"category": "Under investigation",
                                                            "date": "2025-12"}  # fmt: skip
    return {
        "category": slug, "location_type": "Force",
        "location": {"latitude": lat, "street": {"id": 1, "name": "On or near Strand"},
                     "longitude": lon},
        "context": "", "outcome_status": outcome,
        "persistent_id": "" if slug == "anti-social-behaviour" else f"{persistent_id}{number}",
        "id": 1000 + number, "location_subtype": "", "month": "2025-12",
    }  # fmt: skip


def write_parquet_gz(path: Path, frame: pd.DataFrame) -> None:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(buffer.getvalue()))


def test_api_json_maps_every_slug_and_reads_several_files(root):
    slugs = list(ps.API_CATEGORIES)
    first = root / "api/a.json"
    first.parent.mkdir(parents=True)
    first.write_text(json.dumps([api_record(s, i) for i, s in enumerate(slugs)]))
    second = root / "api/b.json.gz"
    second.write_bytes(gzip.compress(json.dumps([api_record("robbery", 99)]).encode()))
    table = ps.load_api_json([first, second])
    assert len(table) == 15
    assert table["crime_type"].tolist()[:14] == [ps.API_CATEGORIES[s] for s in slugs]
    assert ps.API_CATEGORIES["violent-crime"] == "Violence and sexual offences"
    assert ps.API_CATEGORIES["criminal-damage-arson"] == "Criminal damage and arson"
    asb = table[table["crime_type"] == "Anti-social behaviour"].iloc[0]
    assert pd.isna(asb["crime_id"]) and pd.isna(asb["last_outcome"])
    assert table["last_outcome"].notna().sum() == 14
    assert table["api_id"].tolist() == [1000 + i for i in range(14)] + [1099]
    assert table["location"].iloc[0] == "On or near Strand"
    assert str(table["month"].dtype) == "period[M]"
    assert table["x"].iloc[3] == pytest.approx(530_003.0, abs=0.5)
    assert set(table["source_file"]) == {"api/a.json", "api/b.json.gz"}
    assert LEDGER["police.uk API crimes-street"].rows_kept == 15


def test_api_json_unknown_slug_and_bad_json(root):
    path = root / "api.json"
    path.write_text(json.dumps([api_record("robbery", 0), api_record("drugs", 1),
                                api_record("bike-theft", 2)]))  # fmt: skip
    with pytest.raises(DataFileError, match="unknown crime category slug: 'bike-theft'") as info:
        ps.load_api_json(path)
    assert (info.value.path, info.value.row) == (str(path), 3)
    path.write_text('[{"category": "robbery",')
    with pytest.raises(DataFileError, match="not valid JSON"):
        ps.load_api_json(path)


def test_lsoa_panel_months_and_london_flag(root):
    panel = pd.DataFrame({
        "lsoa_code": ["E01004734", "E01003000", "E01030000"] * 2,
        "month": pd.to_datetime(["2023-06-01"] * 3 + ["2023-07-01"] * 3),
        "crime_count": [5.0, 2.0, 1.0, 6.0, 0.0, 3.0],
        "LSOA21NM": ["Westminster 018A", "Lambeth 002B", "Elmbridge 001A"] * 2,
    })  # fmt: skip
    write_parquet_gz(root / ps.PANEL_FILE, panel)
    table = ps.load_lsoa_month_panel()
    assert str(table["month"].dtype) == "period[M]"
    assert table["month"].astype(str).tolist()[2:4] == ["2023-06", "2023-07"]
    assert table["is_london"].tolist() == [True, True, False] * 2
    assert table["crime_count"].sum() == 17.0
    write_parquet_gz(root / ps.PANEL_FILE, panel.drop(columns="LSOA21NM"))
    with pytest.raises(DataFileError, match="missing columns: LSOA21NM"):
        ps.load_lsoa_month_panel()


def test_hex_counts_months_and_bng_centres(root):
    hexes = pd.DataFrame({
        "month": ["2025-05", "2025-06"], "crime_type": ["Robbery", "Theft from the person"],
        "hex_q": [-1, 0], "hex_r": [33000, 33001], "longitude": [-0.1278, -0.09],
        "latitude": [51.5074, 51.51], "crime_count": [3, 4],
    })  # fmt: skip
    write_parquet_gz(root / ps.HEX_FILE, hexes)
    table = ps.load_hex_counts()
    assert list(table.columns) == [*ps.HEX_COLUMNS, "x", "y"]
    assert table["month"].tolist() == [pd.Period("2025-05", "M"), pd.Period("2025-06", "M")]
    assert (table["x"].iloc[0], table["y"].iloc[0]) == pytest.approx(lonlat_xy(-0.1278, 51.5074))
    write_parquet_gz(root / ps.HEX_FILE, hexes.assign(month=["2025-05", "May 2025"]))
    with pytest.raises(DataFileError, match="month is not YYYY-MM: 'May 2025'") as info:
        ps.load_hex_counts()
    assert info.value.row == 2


@pytest.mark.mirror
@requires_mirror("police_uk/2024-03", "police_uk/subsets/burglary_only")
def test_mirror_charing_cross_api(mirror):
    table = ps.load_charing_cross_api()
    assert len(table) == 6_305
    counts = {
        "theft-from-the-person": 2140, "other-theft": 1407, "violent-crime": 716,
        "anti-social-behaviour": 605, "shoplifting": 492, "robbery": 219, "public-order": 214,
        "drugs": 144, "burglary": 112, "criminal-damage-arson": 110, "vehicle-crime": 69,
        "bicycle-theft": 43, "other-crime": 25, "possession-of-weapons": 9,
    }  # fmt: skip
    expected = {ps.API_CATEGORIES[slug]: n for slug, n in counts.items()}
    assert table["crime_type"].value_counts().to_dict() == expected
    assert table["crime_id"].isna().sum() == 605
    centre = pu.to_bng([-0.1278], [51.5074])
    distance = np.hypot(table["x"] - centre[0][0], table["y"] - centre[1][0])
    assert distance.max() == pytest.approx(1_609, abs=10)


@pytest.mark.mirror
@requires_mirror("police_uk/2024-03", "police_uk/subsets/burglary_only")
def test_mirror_lsoa_panel(mirror):
    table = ps.load_lsoa_month_panel()
    assert table.shape[0] == 223_020 == 6_195 * 36
    assert table["lsoa_code"].nunique() == 6_195 and table["month"].nunique() == 36
    assert (table["month"].min(), table["month"].max()) == (
        pd.Period("2023-06", "M"), pd.Period("2026-05", "M"),
    )  # fmt: skip
    assert table.loc[table["is_london"], "lsoa_code"].nunique() == 4_994


@pytest.mark.mirror
@requires_mirror("police_uk/2024-03", "police_uk/subsets/burglary_only")
def test_mirror_hex_counts(mirror):
    table = ps.load_hex_counts()
    assert len(table) == 640_333
    assert table["crime_count"].sum() == 1_142_981
    assert table["month"].nunique() == 12 and table["crime_type"].nunique() == 14
