"""Small tidy Met tables (the columns of hotspots.io.met) for the analyses' tests."""

from __future__ import annotations

import pandas as pd


def tidy(rows: list[tuple], vintage: str = "V1") -> pd.DataFrame:
    """A tidy Met table from (code, name, borough, minor, month, count) rows."""
    table = pd.DataFrame(rows, columns=["area_code", "area_name", "borough", "minor", "month",
                                        "count"])
    major = table["minor"].map(lambda m: "BURGLARY" if "BURGLARY" in m else "THEFT")
    return table.assign(area_code=table["area_code"].astype("string"), major=major,
                        month=table["month"].astype("period[M]"),
                        count=table["count"].astype("int64"), vintage=vintage)


def three_wards(*, burglary: bool = True) -> pd.DataFrame:
    """Three wards and an airport row, Dec 2023 to Jan 2025 (14 months); the West End's
    theft from the person is 10 a month in 2024 and 1,000 in the other months."""
    rows = []
    for month in pd.period_range("2023-12", "2025-01", freq="M"):
        in_2024 = month.year == 2024
        rows += [
            ("E05000001", "West End", "Westminster", "THEFT FROM THE PERSON", month,
             10 if in_2024 else 1000),
            ("E05000001", "West End", "Westminster", "ROBBERY OF PERSONAL PROPERTY", month, 2),
            ("E05000002", "St. James’s", "Westminster", "THEFT FROM THE PERSON", month, 5),
            ("E05000003", "Quiet", "Sutton", "SHOPLIFTING", month, 7),
            ("E05000003", "Quiet", "Sutton", "ROBBERY OF PERSONAL PROPERTY", month, 1),
            *([("E05000003", "Quiet", "Sutton", "RESIDENTIAL BURGLARY", month, 3)]
              if burglary else []),
            (None, "Heathrow Villages", "Aviation Security (SO18)", "THEFT FROM THE PERSON",
             month, 1),
        ]
    return tidy(rows)


def coded_rows() -> pd.DataFrame:
    """Five rows on units A and B (one without a code, one in April 2024)."""
    return pd.DataFrame({
        "area_code": ["A", "A", "B", None, "A"],
        "major": ["THEFT", "THEFT", "BURGLARY", "THEFT", "THEFT"],
        "minor": ["SHOPLIFTING", "SHOPLIFTING", "RES BURGLARY OF A HOME", "SHOPLIFTING",
                  "THEFT FROM THE PERSON"],
        "month": pd.PeriodIndex(["2024-01", "2024-01", "2024-02", "2024-01", "2024-04"],
                                freq="M"),
        "count": [2, 3, 4, 9, 7],
    })
