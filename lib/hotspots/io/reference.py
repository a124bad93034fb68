"""The small cited reference tables in ``data/reference/`` (typed in from publications).

Each is read and validated the same way: every required column present, no empty cell where a
value is required, and an error naming the file, line and problem otherwise.

- :func:`published_populations`: population figures from publishers' pages;
- :func:`read_literature` / :func:`forest_table`: effects from hot-spot policing evaluations;
- :func:`read_benchmarks`: published crime-concentration figures;
- :func:`read_town_centre_wards`: the curated table tying named town centres to 2022 wards;
- :func:`read_hotspot_centres`: the Met's 20 hot-spot centres of 2025 tied to 2022 wards, and
  :func:`hotspot_centre_lsoas` their LSOAs (``data/reference/README.md`` says how).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from hotspots.config import reference_dir
from hotspots.io.errors import DataFileError
from hotspots.io.validate import fail_first
from hotspots.names import name_key

PUBLISHED_POPULATIONS = "published_populations.csv"
LITERATURE = "hot_spot_policing_effects.csv"
BENCHMARKS = "crime_concentration_benchmarks.csv"
TOWN_CENTRE_WARDS = "town_centre_wards.csv"
HOTSPOT_CENTRES = "met_hotspot_centres.csv"

PUBLISHED_COLUMNS = ("borough_code", "borough_name", "population", "year", "measure",
                     "publisher", "source_title", "url", "note")
MAPPING_COLUMNS = ("centre", "tier", "source", "ward_code", "ward_name", "borough", "match",
                   "confidence", "note")
SOURCES = ("article", "press")
MATCHES = ("exact name", "name contains", "local knowledge", "none")
CONFIDENCES = ("high", "medium", "low", "none")


def read_reference(
    name: str | Path,
    required: tuple[str, ...],
    *,
    not_empty: tuple[str, ...] = (),
    whole: tuple[str, ...] = (),
    flags: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One reference CSV, validated: ``required`` columns present, ``not_empty`` cells filled,
    ``whole`` columns positive whole numbers (int64) and ``flags`` True/False (bool).

    ``name`` is a file in :func:`~hotspots.config.reference_dir` or a path. Every problem
    raises :class:`DataFileError` naming the file and line (header = line 1).
    """
    path = Path(name) if Path(name).is_absolute() else reference_dir() / name
    try:
        table = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    except (OSError, pd.errors.ParserError) as exc:
        raise DataFileError(path.name, f"not a readable CSV ({exc})") from exc
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise DataFileError(path.name, f"missing columns {missing}", 1)
    for column in not_empty:
        blank = table[column].isna() | (table[column].str.strip() == "")
        fail_first(path.name, blank, None, f"empty {column}")
    for column in whole:
        text = table[column].fillna("")
        bad = ~text.str.fullmatch(r"[0-9]+") | (text == "0")
        fail_first(path.name, bad, table[column], f"{column} is not a positive whole number")
        table[column] = text.astype("int64")
    for column in flags:
        bad = ~table[column].isin(["True", "False"])
        fail_first(path.name, bad, None, f"{column} is not True or False")
        table[column] = table[column] == "True"
    return table


def published_populations(path: str | Path = PUBLISHED_POPULATIONS) -> pd.DataFrame:
    """Population figures typed in from publishers' pages: they are NOT in the data mirror.

    Columns :data:`PUBLISHED_COLUMNS`, every cell filled, ``population`` and ``year`` positive
    whole numbers.
    """
    table = read_reference(path, PUBLISHED_COLUMNS, not_empty=PUBLISHED_COLUMNS,
                           whole=("population", "year"))
    return table[list(PUBLISHED_COLUMNS)]


LITERATURE_COLUMNS = ("study", "year", "location", "design", "intervention", "outcome",
                      "evidence", "crime_type", "effect_measure", "estimate", "ci_low", "ci_high",
                      "range_low", "range_high", "approximate", "finding",
                      "displacement_finding", "citation", "doi", "note")
NUMBERS = ("estimate", "ci_low", "ci_high", "range_low", "range_high")
#: What a row reports: a pooled effect (a meta-analysis, or a practitioner summary of a
#: systematic review) or one study.
EVIDENCE = ("meta-analysis", "review summary", "trial", "controlled study")
#: What a row found for its crime type, when the publication says so (else empty).
FINDINGS = ("significant reduction", "smaller reduction", "not significant")


def read_literature(path: str | Path = LITERATURE) -> pd.DataFrame:
    """The cited table of published hot-spot policing effects (one row per study-outcome).

    ``evidence`` is one of :data:`EVIDENCE`; ``crime_type`` names the crimes the row covers
    (``"all"`` for an overall effect); ``finding`` is one of :data:`FINDINGS` or empty. The
    verdict rule for research statements reads the pooled rows.
    """
    table = read_reference(path, LITERATURE_COLUMNS,
                           not_empty=("study", "year", "outcome", "evidence", "crime_type",
                                      "effect_measure", "citation"),
                           whole=("year",), flags=("approximate",))
    fail_first(path, ~table["evidence"].isin(EVIDENCE), None,
               f"evidence not one of {EVIDENCE}")
    fail_first(path, table["finding"].notna() & ~table["finding"].isin(FINDINGS), None,
               f"finding not one of {FINDINGS}")
    for column in NUMBERS:
        number = pd.to_numeric(table[column], errors="coerce")
        fail_first(path, table[column].notna() & number.isna(), None, f"{column} is not a number")
        table[column] = number.astype("float64")
    return table


def forest_table(measure: str = "pct_change", path: str | Path = LITERATURE) -> pd.DataFrame:
    """Rows of the literature table with a number in ``measure``, ready for a forest plot.

    ``measure`` is ``"pct_change"`` (percent change in crime, treated relative to control;
    negative = reduction) or ``"smd"`` (standardised mean difference; positive favours hot-spot
    policing). Columns: ``label`` (study and year), ``design``, ``outcome``, ``estimate`` (NaN
    when only a range was published), ``low`` and ``high`` (the 95% CI, else the published
    range), ``interval`` (``"95% CI"``, ``"range"`` or ``""``) and ``approximate``; oldest first.
    """
    table = read_literature(path)
    table = table[table["effect_measure"] == measure]
    has_ci = table["ci_low"].notna() & table["ci_high"].notna()
    has_range = table["range_low"].notna() & table["range_high"].notna()
    table = table[table["estimate"].notna() | has_range]
    has_ci, has_range = has_ci[table.index], has_range[table.index]
    out = pd.DataFrame(
        {
            "label": table["study"] + " " + table["year"].astype(str),
            "design": table["design"],
            "outcome": table["outcome"],
            "estimate": table["estimate"],
            "low": table["ci_low"].where(has_ci, table["range_low"]),
            "high": table["ci_high"].where(has_ci, table["range_high"]),
            "interval": np.where(has_ci, "95% CI", np.where(has_range, "range", "")),
            "approximate": table["approximate"],
        }
    )
    order = np.lexsort((out["outcome"], out["label"], table["year"]))
    return out.iloc[order].reset_index(drop=True)


BENCHMARK_COLUMNS = ("id", "authors", "year", "title", "city", "unit", "crime_measure",
                     "units_counted", "crime_share_pct", "unit_share_pct_low",
                     "unit_share_pct_high", "approximate", "finding", "checked_against")


def read_benchmarks(path: str | Path = BENCHMARKS) -> pd.DataFrame:
    """The cited table of published crime-concentration benchmarks (percentages)."""
    table = read_reference(path, BENCHMARK_COLUMNS, not_empty=("id", "authors", "finding"),
                           whole=("year",), flags=("approximate",))
    for column in ("crime_share_pct", "unit_share_pct_low", "unit_share_pct_high"):
        table[column] = pd.to_numeric(table[column], errors="raise").astype("float64")
    return table


def read_town_centre_wards(
    path: str | Path = TOWN_CENTRE_WARDS, wards: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The curated centre-to-ward table, validated (errors name the file line).

    With ``wards`` (``area_code``, ``area_name``, ``borough``, e.g. from :func:`ward_table`),
    every ward code must exist there with the same name and borough.
    """
    table = read_reference(path, MAPPING_COLUMNS, not_empty=("centre", "tier", "source"))
    rules = {"source": SOURCES, "match": MATCHES, "confidence": CONFIDENCES, "tier": ("1", "2")}
    for column, allowed in rules.items():
        fail_first(path, ~table[column].isin(allowed), None, f"{column} not one of {allowed}")
    no_ward = table["ward_code"].isna()
    unmatched = (table["match"] != "none") | (table["confidence"] != "none")
    fail_first(path, no_ward & unmatched, None,
               "a row without a ward must have match and confidence 'none'")
    fail_first(path, ~no_ward & (table["match"] == "none"), None, "a ward row needs a match method")
    fail_first(path, table["ward_code"].duplicated() & ~no_ward, None, "ward listed twice")
    if wards is not None:
        known = wards.set_index("area_code")
        found = table["ward_code"].isin(known.index)
        fail_first(path, ~no_ward & ~found, None, "ward code not in the Met's ward file")
        codes = table.loc[found, "ward_code"]
        same = pd.Series(False, index=table.index)
        same[found] = [
            name_key(known.at[c, "area_name"]) == name_key(n)
            and name_key(known.at[c, "borough"]) == name_key(b)
            for c, n, b in zip(codes, table.loc[found, "ward_name"],
                               table.loc[found, "borough"], strict=True)
        ]
        fail_first(path, found & ~same, None,
                   "ward name or borough differs from the Met's ward file")
    table["tier"] = table["tier"].astype("int64")
    return table


HOTSPOT_COLUMNS = ("centre", "named_in", "ward_code", "ward_name", "borough", "role", "method",
                   "confidence", "note")
MET_HOTSPOT_CENTRES = (
    # press-facts A2: the eight also in the GLA release (A1) and Hits Radio (C1) ...
    "Stratford", "Woolwich", "Finsbury Park", "Croydon", "Shepherd's Bush Green",
    "Seven Sisters", "Elephant and Castle", "West End",
    # ... and the twelve only the Evening Standard names
    "Barking", "Brixton", "Camden Town", "Catford", "Ealing", "Ilford", "Kingston",
    "Lewisham High Street", "Romford", "Shoreditch", "Walthamstow", "Whitechapel",
)
PRESS_SOURCES = ("A1", "A2", "C1")
ROLES = ("core", "part")
METHODS = ("ward name", "landmark point", "local knowledge")
CENTRE_CONFIDENCES = ("high", "medium", "low")


def read_hotspot_centres(
    path: str | Path = HOTSPOT_CENTRES, wards: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The Met's 20 Safer Summer Streets centres (press-facts A1/A2/C1) tied to 2022 wards.

    One row per centre and ward: :data:`HOTSPOT_COLUMNS`. The GLA town-centre boundaries are
    not in the data folder (town_centres/SOURCES.md), so the ties are by ward name, landmark
    points in the ward polygons, or local knowledge, each with a confidence
    (``data/reference/README.md``). Checks, each failure naming the file line: every cell but
    ``note`` filled; ``named_in`` from :data:`PRESS_SOURCES`; ``role``, ``method``,
    ``confidence`` from their fixed sets; each of the 20 centres present with a ``core`` row,
    and no other centre; no ward twice for a centre. With ``wards`` (ward_code, ward_name,
    borough_name, e.g. :func:`~hotspots.io.boundaries.wards_2022`) every ward code must exist
    there with the same name and borough.
    """
    required = tuple(c for c in HOTSPOT_COLUMNS if c != "note")
    table = read_reference(path, HOTSPOT_COLUMNS, not_empty=required)
    shown = Path(path).name
    rules = {"role": ROLES, "method": METHODS, "confidence": CENTRE_CONFIDENCES,
             "centre": MET_HOTSPOT_CENTRES}
    for column, allowed in rules.items():
        fail_first(shown, ~table[column].isin(allowed), table[column],
                   f"{column} not one of {allowed}")
    sources = table["named_in"].str.split(";")
    fail_first(shown, ~sources.map(lambda ids: bool(ids) and set(ids) <= set(PRESS_SOURCES)),
               table["named_in"], f"named_in is not ;-separated ids from {PRESS_SOURCES}")
    fail_first(shown, table.duplicated(["centre", "ward_code"]), table["ward_code"],
               "ward listed twice for the centre")
    cores = set(table.loc[table["role"] == "core", "centre"])
    absent = [c for c in MET_HOTSPOT_CENTRES if c not in cores]
    if absent:
        raise DataFileError(shown, f"centres without a core ward: {absent}")
    if wards is not None:
        known = wards.set_index("ward_code")
        found = table["ward_code"].isin(known.index)
        fail_first(shown, ~found, table["ward_code"], "not a ward code of December 2022")
        same = (table["ward_name"] == table["ward_code"].map(known["ward_name"])) & (
            table["borough"] == table["ward_code"].map(known["borough_name"]))
        fail_first(shown, ~same, table["ward_name"],
                   "ward name or borough differs from the ward boundaries")
    return table


def hotspot_centre_lsoas(centres: pd.DataFrame, lookup: pd.DataFrame) -> pd.DataFrame:
    """The 2021 LSOAs of each centre's wards, through the best-fit ``lookup``.

    ``centres`` from :func:`read_hotspot_centres`, ``lookup`` from
    :func:`~hotspots.io.boundaries.lsoa_ward_lookup`. Columns: centre, ward_code, role,
    confidence, lsoa_code. An LSOA counts whole in the ward holding its population-weighted
    centroid, so this is the centre's wards, not the centre.
    """
    columns = ["centre", "ward_code", "role", "confidence"]
    table = centres[columns].merge(lookup[["ward_code", "lsoa_code"]], on="ward_code",
                                   how="inner", validate="m:m")
    return table.sort_values(["centre", "ward_code", "lsoa_code"]).reset_index(drop=True)
