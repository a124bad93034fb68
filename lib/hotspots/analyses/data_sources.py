"""Notebook 00 (data sources): how the Met's wards join to boundaries, coverage by vintage."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hotspots.io.boundaries import borough_lookup, wards_2014
from hotspots.names import name_key


def ward_name_report(met_wards: pd.DataFrame, wards: pd.DataFrame | None = None) -> pd.DataFrame:
    """How each Met ward joins to ward boundaries (default :func:`wards_2014`).

    ``met_wards`` has columns ward_code, ward_name, borough (the Met's WardCode, WardName,
    LookUp_BoroughName); duplicates are dropped. ``match`` is ``"code"`` when the code is in
    ``wards``; ``"name"`` when a ward of the same :func:`~hotspots.names.name_key` exists in
    the same borough (a shared name, not proof of a shared boundary: most wards were redrawn
    in 2022); ``"none"`` otherwise, including borough names that are not a London borough
    (``borough_code`` is then ``<NA>``). ``wards`` needs ward_code, ward_name, borough_code;
    boundary names repeated within a borough never match.
    Returns ward_code, ward_name, borough, borough_code, match, ward_2014_code, ward_2014_name.
    """
    missing = sorted({"ward_code", "ward_name", "borough"} - set(met_wards.columns))
    if missing:
        raise ValueError(f"met_wards lacks columns {missing}")
    wards = wards_2014() if wards is None else wards
    boroughs_by_key = borough_lookup().set_index("name_key")["borough_code"]
    table = met_wards[["ward_code", "ward_name", "borough"]].drop_duplicates()
    table = table.reset_index(drop=True)
    table["borough_code"] = table["borough"].map(name_key).map(boroughs_by_key)

    bounds = pd.DataFrame(wards[["ward_code", "ward_name", "borough_code"]])
    by_code = bounds.set_index("ward_code")["ward_name"]
    bounds["key"] = bounds["borough_code"] + "|" + bounds["ward_name"].map(name_key)
    bounds = bounds.drop_duplicates("key", keep=False).set_index("key")
    key = table["borough_code"] + "|" + table["ward_name"].map(name_key)

    on_code = table["ward_code"].isin(by_code.index)
    on_name = ~on_code & key.isin(bounds.index)
    table["match"] = np.select([on_code, on_name], ["code", "name"], "none")
    table["ward_2014_code"] = table["ward_code"].where(on_code, key.map(bounds["ward_code"]))
    table["ward_2014_name"] = table["ward_code"].map(by_code).where(
        on_code, key.map(bounds["ward_name"])
    )
    return table.sort_values(["borough", "ward_name"]).reset_index(drop=True)
