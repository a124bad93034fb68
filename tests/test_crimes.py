"""TODO docstring."""

from __future__ import annotations

import pandas as pd

from hotspots.crimes import CRIME_TYPES


def met_rows() -> pd.DataFrame:
    return pd.DataFrame({
        "area_code": ["A", "A", "B", None, "A"],
        "major": ["THEFT", "THEFT", "BURGLARY", "THEFT", "THEFT"],
        "minor": ["SHOPLIFTING", "SHOPLIFTING", "RES BURGLARY OF A HOME", "SHOPLIFTING",
                  "THEFT FROM THE PERSON"],
        "month": pd.PeriodIndex(["2024-01", "2024-01", "2024-02", "2024-01", "2024-04"],
                                freq="M"),
        "count": [2, 3, 4, 9, 7],
    })


def test_crime_types_select_met_rows_by_minor_major_or_all():
    rows = met_rows()
    assert CRIME_TYPES["shoplifting"].select_met(rows)["count"].sum() == 14
    assert CRIME_TYPES["burglary"].select_met(rows)["count"].sum() == 4
    assert len(CRIME_TYPES["all crime"].select_met(rows)) == 5
    records = pd.DataFrame({"crime_type": ["Burglary", "Anti-social behaviour", "Robbery"]})
    assert len(CRIME_TYPES["all crime"].select_police_uk(records)) == 2
    assert CRIME_TYPES["burglary"].select_police_uk(records)["crime_type"].tolist() == [
        "Burglary"]
