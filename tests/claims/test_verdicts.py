"""Tests for hotspots.claims.verdicts: every rule on small cases with known answers, edges
included (precision edges, exactly 2%, just over, ratio edges, shared ranking positions)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import pytest

from hotspots.article import SECTIONS, StatedNumber, Statement
from hotspots.claims import verdicts as v
from hotspots.stats.evaluation.did import DiDResult

NUMBERS = SECTIONS[5]


def stmt(kind: str = "number", value: float = 1000, precision: float = 1.0,
         qualifier: str = "", text: str | None = None, **more) -> Statement:
    """A valid statement of ``kind`` stating one number (or a ranking given in ``more``)."""
    numbers = () if kind in ("ranking", "pattern", "causal", "research") else (
        StatedNumber(value, "units", text or f"{value:g}", precision, qualifier),)
    basis = "" if kind in ("arithmetic", "research", "causal", "pattern") else "test basis"
    values = {"statement_id": f"test-{kind}", "section": NUMBERS, "quote": "q",
              "kind": kind, "numbers": numbers, "basis": basis} | more
    return Statement(**values)


NUMBER = stmt()
NEARLY = stmt(value=80_000, precision=10_000, qualifier="nearly", text="nearly 80,000")
OVER = stmt(value=200, precision=100, qualifier="over", text="over 200")


@pytest.mark.parametrize(
    ("item", "ours", "expected"),
    [
        (NUMBER, 1000, v.REPRODUCED),
        (NUMBER, np.int64(1000), v.REPRODUCED),
        (NUMBER, pd.Series({"a": 1000.0, "b": np.nan}), v.REPRODUCED),
        (NUMBER, {"a": 990, "b": 1010}, v.REPRODUCED),  # the claim lies between two releases
        (NUMBER, 1000.5, v.REPRODUCED),  # half the last stated unit
        (NUMBER, 999.5, v.REPRODUCED),
        (NUMBER, 1000.6, v.CLOSE),
        (NUMBER, 979.5, v.CLOSE),  # exactly 2% below the claim's range
        (NUMBER, 979.4, v.CONTRADICTED),  # just over 2%
        (NUMBER, 1020.5, v.CLOSE),
        (NUMBER, 1020.6, v.CONTRADICTED),
        (NEARLY, 75_000, v.REPRODUCED),  # "nearly 80,000" = [75,000, 80,000)
        (NEARLY, 79_999, v.REPRODUCED),
        (NEARLY, 80_000, v.CLOSE),  # the open end: not reproduced, 0% away
        (NEARLY, 81_600, v.CLOSE),  # 2% of 80,000 above the range
        (NEARLY, 81_601, v.CONTRADICTED),
        (NEARLY, 73_400, v.CLOSE),  # 1,600 below 75,000 = 2% of 80,000
        (NEARLY, 73_399, v.CONTRADICTED),
        (OVER, 200, v.CLOSE),  # "over 200" excludes 200
        (OVER, 201, v.REPRODUCED),
        (OVER, 250, v.REPRODUCED),
    ],
)
def test_number_rule_precision_and_band_edges(item, ours, expected):
    assert v.number(item, ours).verdict == expected


def test_number_verdict_records_values_interval_gap_and_parameters():
    ours = {"2025-02": 933_096, "2025-11": 939_858, "2025-12": 939_957}
    verdict = v.number("london-total-2024", ours)
    assert verdict.verdict == v.CLOSE and verdict.rule == "number"
    assert (verdict.claimed, verdict.ours, verdict.low, verdict.high) == (
        957_481, 939_957, 933_096, 939_957)
    assert verdict.gap == -17_524 and verdict.gap_pct == pytest.approx(-1.83022, abs=1e-5)
    assert verdict.parameters == {"band": 0.02, "precision": 1.0, "qualifier": "exact"}
    assert verdict.details["nearest"] == "2025-12"
    assert v.number("london-total-2024", pd.Series(ours)) == verdict
    assert "1.83% above the nearest, 939,957 (2025-12)" in verdict.reason
    reproduced = v.number("westminster-total-2024", [91_127, 91_718, 91_723])
    assert reproduced.verdict == v.REPRODUCED and "91,127–91,723" in reproduced.reason


def test_a_note_is_appended_to_the_reason_on_one_line():
    verdict = v.number(NUMBER, 1000, note="  Vintage 2025-12\nonly. ")
    assert verdict.reason.endswith("precision. Vintage 2025-12 only.")


def test_rules_refuse_missing_values_and_the_wrong_kind():
    with pytest.raises(v.VerdictError, match="no value"):
        v.number(NUMBER, {"a": None, "b": float("nan")})
    with pytest.raises(v.VerdictError, match="a ranking statement: rule 'number'"):
        v.number("borough-order-2024", 3)
    with pytest.raises(v.VerdictError, match="rule 'not_checkable'"):
        v.not_checkable("west-end-per-day", "no")
    with pytest.raises(KeyError, match="not a catalogued statement"):
        v.number("no-such-statement", 1)


TREND = stmt("trend", value=2, text="2%")


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (100, 102.4, v.REPRODUCED),  # +2.4% rounds to 2%
        (200, 203, v.REPRODUCED),  # +1.5%: the edge of the stated precision
        (100, 102.6, v.CLOSE),  # +2.6%: the level is 0.1 from the implied [101.5, 102.5]
        (100, 99.46, v.CLOSE),  # 2.04 below 101.5 = exactly 2% of the implied 102
        (100, 99.45, v.CONTRADICTED),
        ({"a": 100, "b": 100}, {"a": 99, "b": 102}, v.REPRODUCED),  # one vintage agrees
    ],
)
def test_trend_rule_change_and_level_band(previous, current, expected):
    assert v.trend(TREND, previous, current).verdict == expected


def test_trend_records_both_gaps():
    verdict = v.trend(TREND, {"v1": 100}, {"v1": 101})
    assert verdict.verdict == v.CLOSE and verdict.unit == "percentage points"
    assert verdict.ours == pytest.approx(1.0) and verdict.gap == pytest.approx(-1.0)
    assert verdict.details["implied_level"] == 102 and verdict.details["level_gap"] == -1
    assert verdict.gap_pct == pytest.approx(-100 / 102)
    assert "the change is 1% (v1), not “2%”" in verdict.reason
    with pytest.raises(v.VerdictError, match="same vintages"):
        v.trend(TREND, {"a": 100}, {"b": 101})


RATIO = stmt("ratio", value=2, precision=0.4, qualifier="nearly", text="nearly double")


@pytest.mark.parametrize(
    ("item", "ours", "expected"),
    [
        (RATIO, 1.8, v.REPRODUCED),
        (RATIO, 1.999, v.REPRODUCED),
        (RATIO, 2.0, v.CLOSE),  # "nearly double" excludes 2
        (RATIO, 2.04, v.CLOSE),  # 2% beyond the edge
        (RATIO, 2.0401, v.CONTRADICTED),
        (RATIO, 1.764, v.CLOSE),  # 2% below 1.8
        (RATIO, 1.7639, v.CONTRADICTED),
        (stmt("ratio", 2, text="more than double"), 2.0, v.CLOSE),
        (stmt("ratio", 2, text="more than double"), 2.01, v.REPRODUCED),
        (stmt("ratio", 2, text="about double"), 2.1, v.REPRODUCED),
        (stmt("ratio", 2, text="about double"), 2.15, v.CONTRADICTED),
    ],
)
def test_ratio_rule_phrase_ranges_and_edges(item, ours, expected):
    assert v.ratio(item, ours).verdict == expected


def test_ratio_on_the_articles_boroughs_and_unknown_phrases():
    verdict = v.ratio("westminster-nearly-double-camden", {"2025-12": 91_723 / 43_117})
    assert verdict.verdict == v.CONTRADICTED and "[1.8, 2)" in verdict.reason
    assert verdict.parameters["phrase"] == "nearly double"
    with pytest.raises(v.VerdictError, match="no stated range"):
        v.ratio(stmt("ratio", 3, text="roughly thrice"), 3)


BOROUGHS = {"Westminster": 1, "Camden": 2, "Newham": 3, "Southwark": 4, "Lambeth": 5,
            "Tower Hamlets": 6, "Croydon": 7}
WARDS = {"West End": 1, "St James's": 2, "Holborn and Covent Garden": 3, "Bloomsbury": 4,
         "Borough & Bankside": 5, "Waterloo & South Bank": 6}


@pytest.mark.parametrize(
    ("which", "ranks", "expected"),
    [
        ("borough-order-2024", BOROUGHS | {"Croydon": 6, "Tower Hamlets": 7}, v.REPRODUCED),
        ("borough-order-2024", BOROUGHS, v.CLOSE),  # Croydon one place off
        ("borough-order-2024", BOROUGHS | {"Croydon": 8}, v.CONTRADICTED),
        ("other-high-risk-wards", WARDS, v.REPRODUCED),
        # a shared pair in either order still holds its two places
        ("other-high-risk-wards", WARDS | {"Bloomsbury": 3, "Holborn and Covent Garden": 4},
         v.REPRODUCED),
        # Holborn 5th instead of 3rd–4th: one place off
        ("other-high-risk-wards", WARDS | {"Holborn and Covent Garden": 5,
                                           "Borough & Bankside": 3}, v.CLOSE),
        # the same five wards in another order: close, although St James's is 4 places off
        ("other-high-risk-wards", WARDS | {"St James's": 6, "Waterloo & South Bank": 2},
         v.CLOSE),
        ("other-high-risk-wards", WARDS | {"Waterloo & South Bank": 8}, v.CONTRADICTED),
    ],
)
def test_ranking_rule_positions_shared_places_and_sets(which, ranks, expected):
    assert v.ranking(which, ranks).verdict == expected


def test_ranking_reason_details_and_top_lists():
    verdict = v.ranking("borough-order-2024", BOROUGHS)
    assert verdict.reason.startswith("Croydon is 7th, not 6th.")
    assert verdict.details["Croydon"] == 7 and verdict.claimed is None
    top = stmt("ranking", ranking=(("A", "B"),), top=3)
    assert v.ranking(top, {"A": 1, "B": 3}).verdict == v.REPRODUCED
    assert v.ranking(top, {"A": 1, "B": 4}).verdict == v.CLOSE
    assert v.ranking(top, {"A": 1, "B": 5}).verdict == v.CONTRADICTED
    with pytest.raises(v.VerdictError, match="'Croydon' has no rank"):
        v.ranking("borough-order-2024", {k: r for k, r in BOROUGHS.items() if k != "Croydon"})


SHARE = stmt("share", value=24, text="24 per cent")


@pytest.mark.parametrize(("ours", "expected"),
                         [(24.4, v.REPRODUCED), (23.5, v.REPRODUCED), (23.04, v.CLOSE),
                          (23.0, v.CONTRADICTED)])
def test_share_rule_in_percentage_points(ours, expected):
    verdict = v.share(SHARE, ours)
    assert verdict.verdict == expected and verdict.unit == "percentage points"


def test_pattern_rule_counts_criteria():
    met, unmet = v.Criterion("concentrated", True), v.Criterion("stable", False, "ρ = 0.2")
    item = stmt("pattern")
    assert v.pattern(item, [met, met]).verdict == v.REPRODUCED
    assert v.pattern(item, [unmet]).verdict == v.CONTRADICTED
    mixed = v.pattern(item, [met, unmet])
    assert mixed.verdict == v.UNSUPPORTED and "not met: stable (ρ = 0.2)" in mixed.reason
    with pytest.raises(v.VerdictError, match="at least one criterion"):
        v.pattern(item, [])


class Estimate(NamedTuple):
    ci_low: float
    ci_high: float


def did(ci_low: float, ci_high: float) -> DiDResult:
    irr = float(np.sqrt(ci_low * ci_high))
    return DiDResult(model="poisson", seasonality="common", irr=irr, ci_low=ci_low,
                     ci_high=ci_high, p_value=0.01, coef=float(np.log(irr)), se=0.1, conf=0.95,
                     n_units=10, n_treated_units=2, n_months=12, n_obs=120, n_dropped_units=0,
                     pretrend_f=1.0, pretrend_df=4, pretrend_p=0.5, dispersion=None)


def test_causal_rule_needs_every_condition_and_reports_the_mde():
    item = stmt("causal")
    falls = [did(0.7, 0.9), Estimate(0.8, 0.95)]
    ok = {"pretrends_pass": True, "placebo_p": 0.01, "mde_pct": 15}
    assert v.causal(item, falls, **ok).verdict == v.REPRODUCED
    assert v.causal(item, [Estimate(1.1, 1.3), did(1.05, 1.2)], **ok).verdict == v.CONTRADICTED
    for changes in ({"pretrends_pass": False}, {"placebo_p": 0.2}):
        assert v.causal(item, falls, **(ok | changes)).verdict == v.UNSUPPORTED
    null = v.causal(item, [did(0.7, 0.9), Estimate(0.9, 1.1)], **ok)
    assert null.verdict == v.UNSUPPORTED
    assert "could detect only falls of at least 15%" in null.reason
    assert (null.low, null.high, null.details["mde_pct"]) == (0.7, 1.1, 15)
    with pytest.raises(v.VerdictError, match="at least one estimate"):
        v.causal(item, [], **ok)


def reviews(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """A reference table: (evidence, crime_type, finding) per row."""
    return pd.DataFrame({"study": [f"S{i}" for i in range(len(rows))], "year": 2020,
                         "evidence": [r[0] for r in rows], "crime_type": [r[1] for r in rows],
                         "finding": [r[2] or None for r in rows]})


ALL_TYPES = [("meta-analysis", t, "significant reduction")
             for t in ("all", "property", "violent", "disorder")]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (reviews(*ALL_TYPES), v.REPRODUCED),
        (reviews(*ALL_TYPES, ("review summary", "property", "smaller reduction")), v.CLOSE),
        (reviews(*ALL_TYPES[:3]), v.CLOSE),  # disorder not reported
        (reviews(("meta-analysis", "all", "not significant"), *ALL_TYPES[1:]), v.UNSUPPORTED),
        (reviews(ALL_TYPES[0]), v.UNSUPPORTED),  # significant overall, no named crime shown
        # a single trial's finding never counts
        (reviews(*ALL_TYPES, ("trial", "property", "not significant")), v.REPRODUCED),
    ],
)
def test_research_rule_on_pooled_effects_by_crime_type(table, expected):
    assert v.research("research-focused-patrols-reduce-crime", table).verdict == expected


def test_research_rule_needs_pooled_rows():
    with pytest.raises(v.VerdictError, match="no pooled effect"):
        v.research("research-focused-patrols-reduce-crime",
                   reviews(("trial", "all", "significant reduction")))


def test_arithmetic_rule_is_internal_consistency_only():
    verdict = v.arithmetic("west-end-per-day", 13_578 / 366, derivation="13,578 ÷ 366")
    assert verdict.verdict == v.ARITHMETIC_CONSISTENT
    assert "not a confirmation by data" in verdict.reason
    assert v.arithmetic("west-end-per-day", 37.5, derivation="x").verdict == (
        v.ARITHMETIC_CONSISTENT)
    assert v.arithmetic("west-end-per-day", 37.51, derivation="x").verdict == v.CONTRADICTED


def test_not_checkable_and_not_checked_here_name_their_data():
    none = v.not_checkable("operation-nightingale", "No open data name operations.")
    assert none.verdict == v.NOT_CHECKABLE and not none.dataset
    elsewhere = v.not_checked_here("westminster-rate-per-1000", "Needs 2024 residents.",
                                   dataset="ONS mid-year estimates", publisher="ONS")
    assert elsewhere.verdict == v.NOT_CHECKED_HERE
    assert elsewhere.reason == "Needs 2024 residents. Open data: ONS mid-year estimates (ONS)."


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"verdict": "probably true"}, "is not one of"),
        ({"reason": "One.\nTwo."}, "one non-empty line"),
        ({"reason": " "}, "one non-empty line"),
        ({"rule": "vibes"}, "not a verdict rule"),
        ({"verdict": v.NOT_CHECKED_HERE}, "names the dataset"),
        ({"dataset": "x", "publisher": "y"}, "names the dataset"),
        ({"low": 2.0, "high": 1.0}, "above high"),
        ({"ours": "lots"}, "not a number"),
        ({"gap": float("inf")}, "infinite"),
    ],
)
def test_invalid_verdicts_are_refused(changes, problem):
    values = {"verdict": v.CLOSE, "reason": "Because.", "rule": "number"} | changes
    with pytest.raises(v.VerdictError, match=problem):
        v.Verdict(**values)


def test_verdict_round_trip_rounds_to_8_significant_digits():
    verdict = v.number(NUMBER, {"a": 1 / 3 * 3000})
    back = v.Verdict.from_dict(verdict.to_dict())
    assert back == verdict and back.ours == 1000.0
    assert v.Verdict(verdict=v.CLOSE, reason="r", rule="number", ours=1 / 3).ours == 0.33333333
    assert v.ratio("westminster-nearly-double-camden", 2.5).to_dict()["parameters"][
        "range_high"] == 2.0
    assert v.Verdict(verdict=v.CLOSE, reason="r", rule="ratio",
                     parameters={"high": float("inf")}).parameters["high"] == "inf"
    with pytest.raises(v.VerdictError, match="exactly the fields"):
        v.Verdict.from_dict({"verdict": v.CLOSE})


def test_every_kind_but_advice_has_a_rule_and_the_vocabulary_is_fixed():
    assert v.VERDICTS == (
        "reproduced", "close", "contradicted", "unsupported by the evidence",
        "arithmetic consistent",
        "not checked here: open data exist but are not in the data folder",
        "not checkable: no open data exist")
    assert v.RULES_FOR_KIND["advice"] == ()
    assert all(v.RULES_FOR_KIND[k] for k in v.RULES_FOR_KIND if k != "advice")
