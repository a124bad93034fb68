"""A complete set of notebook evidence files (every statement the catalogue leaves to the
notebooks gets a primary row), written into ``tmp_path`` with the rules' own calls."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from hotspots.claims import record
from hotspots.claims import verdicts as v

REVIEWS = pd.DataFrame({
    "study": ["Review", "Review", "Review", "Review", "Summary"], "year": 2019,
    "evidence": ["meta-analysis"] * 4 + ["review summary"],
    "crime_type": ["all", "violent", "disorder", "property", "property"],
    "finding": ["significant reduction"] * 4 + ["smaller reduction"],
})


def write_complete(directory: Path) -> None:
    """Notebooks 01, 02 and 05 recording a primary row for each statement left to them."""
    n01 = record("01_headline_figures", directory)
    source = "Met borough file (test)"
    totals = {"2025-02": 933_096, "2025-11": 939_858, "2025-12": 939_957}
    n01.primary("london-total-2024", v.number("london-total-2024", totals), source=source,
                figure="figures/01_candidate_search.png", vintage="2025-12")
    n01.sensitivity("london-total-2024", "year-to-november", "12 months to November 2024",
                    source=source, our_value=942_369, vintage="2025-11")
    n01.primary("london-change-2024",
                v.trend("london-change-2024", {"2025-11": 930_830}, {"2025-11": 939_858}),
                source=source)
    n01.supporting("london-change-2024", "boroughs-only", "Boroughs only, Unknown row left out",
                   source=source, our_value=2.35, unit="% change")
    n01.primary("westminster-total-2024",
                v.number("westminster-total-2024", [91_127, 91_718, 91_723]), source=source)
    n01.primary("camden-total-2024", v.number("camden-total-2024", [42_805, 43_117]),
                source=source)
    n01.primary("westminster-nearly-double-camden",
                v.ratio("westminster-nearly-double-camden", 91_723 / 43_117), source=source)
    ranks = {"Westminster": 1, "Camden": 2, "Newham": 3, "Southwark": 4, "Lambeth": 5,
             "Croydon": 7}
    n01.primary("borough-order-2024", v.ranking("borough-order-2024", ranks), source=source)
    n01.primary("staffing-cuts-1700", v.number("staffing-cuts-1700", 1_461),
                source="Home Office police workforce (test)")
    n01.save()
    n02 = record("02_phone_theft_hot_spots", directory)
    wards = {"West End": 1, "St James's": 2, "Holborn and Covent Garden": 3, "Bloomsbury": 4,
             "Borough & Bankside": 5, "Waterloo & South Bank": 6}
    for which in ("west-end-tops-list", "other-high-risk-wards"):
        n02.primary(which, v.ranking(which, wards), source="Met ward file (test)")
    n02.supporting("west-end-thefts-13578", "theft-from-person", "West End theft from the "
                   "person, 2024", source="Met ward file (test)", our_value=16_710)
    n02.save()
    n05 = record("05_town_centres_patrol_effect", directory)
    n05.primary("research-focused-patrols-reduce-crime",
                v.research("research-focused-patrols-reduce-crime", REVIEWS),
                source="data/reference/hot_spot_policing_effects.csv")
    n05.primary("crime-asb-cluster-predictably",
                v.pattern("crime-asb-cluster-predictably",
                          [v.Criterion("concentrated", True), v.Criterion("stable", True)]),
                source="Met LSOA file (test)")
    for which in ("press-centres-share-theft-person", "press-centres-share-asb",
                  "press-centres-crime-down-18pct"):
        n05.primary(which, v.not_checked_here(
            which, "The Met's hot-spot outlines are not published; wards bound them from above.",
            dataset="GLA Town Centre Boundaries", publisher="Greater London Authority"),
            source="Met ward file (test)")
    n05.save()


@pytest.fixture
def complete_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "claims"
    write_complete(directory)
    return directory
