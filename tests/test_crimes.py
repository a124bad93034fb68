"""Tests for hotspots.crimes: one crime-type registry selects Met and police.uk rows."""

from __future__ import annotations

import pandas as pd
from met_tables import coded_rows

from hotspots.crimes import CRIME_TYPES


def test_crime_types_select_met_rows_by_minor_major_or_all():
    rows = coded_rows()
    assert CRIME_TYPES["shoplifting"].select_met(rows)["count"].sum() == 14
    assert CRIME_TYPES["burglary"].select_met(rows)["count"].sum() == 4
    assert len(CRIME_TYPES["all crime"].select_met(rows)) == 5
    records = pd.DataFrame({"crime_type": ["Burglary", "Anti-social behaviour", "Robbery"]})
    assert len(CRIME_TYPES["all crime"].select_police_uk(records)) == 2
    assert CRIME_TYPES["burglary"].select_police_uk(records)["crime_type"].tolist() == [
        "Burglary"]
