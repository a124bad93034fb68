"""The small cited reference tables in ``data/reference/`` (typed in from publications).

Each is read and validated the same way: every required column present, no empty cell where a
value is required, and an error naming the file, line and problem otherwise.

- :func:`published_populations`: population figures from publishers' pages;
- :func:`read_literature` / :func:`forest_table`: effects from hot-spot policing evaluations;
- :func:`read_benchmarks`: published crime-concentration figures;
- :func:`read_town_centre_wards`: the curated table tying named town centres to 2022 wards.
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
