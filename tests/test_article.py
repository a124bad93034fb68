"""Tests for hotspots.article: the statement catalogue against the article's own text."""

from __future__ import annotations

import re

import pytest

from hotspots import article as a
from hotspots.config import article_path, data_dir, press_facts_path

ARTICLE = article_path().read_text(encoding="utf-8")
PRESS = press_facts_path().read_text(encoding="utf-8")
#: Lines of the post that make no claim: greeting, parent heading, link, byline, a lead-in.
NOT_CLAIMS = ("Dear 222 News viewers", "Key Behavioural Hot Spots Identified by the Met",
              "Attached is a news article", "https://", "Article written and configured",
              "• Public advice:")


def squash(text: str) -> str:
    return " ".join(text.split())


def body_lines() -> list[str]:
    """The post's lines (after the '---' rule), headings and non-claims left out."""
    post = ARTICLE.split("\n---\n", 1)[1]
    headings = {squash(s) for s in a.SECTIONS}
    return [line for line in (squash(x) for x in post.splitlines())
            if line and re.sub(r"^\d\.\s*", "", line) not in headings
            and not line.startswith(NOT_CLAIMS)]


def test_ids_are_unique_and_readable():
    ids = [s.statement_id for s in a.STATEMENTS]
    assert len(ids) == len(set(ids)) == 42
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    assert a.statement("london-total-2024").number.value == 957_481
    with pytest.raises(KeyError, match="not a catalogued statement"):
        a.statement("nope")


def test_quotes_are_the_sources_own_words():
    article, press = squash(ARTICLE), squash(PRESS)
    for item in a.STATEMENTS:
        text = press if item.source == "press" else article
        for part in item.parts:
            assert squash(part) in text, (item.statement_id, part)


def test_every_heading_is_in_the_article():
    lines = {re.sub(r"^\d\.\s*", "", squash(x)) for x in ARTICLE.splitlines()}
    assert set(a.SECTIONS) - lines == {a.PRESS_SECTION}
    assert {s.section for s in a.STATEMENTS} == set(a.SECTIONS)


def test_every_number_in_the_article_is_in_a_statement():
    for line in body_lines():
        quotes = [p for s in a.STATEMENTS if s.source == "article" for p in s.parts
                  if squash(p) in line]
        for number in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", line):
            assert any(number in q for q in quotes), (number, line)


def test_every_claim_line_of_the_article_has_a_statement():
    parts = [squash(p) for s in a.STATEMENTS if s.source == "article" for p in s.parts]
    for line in body_lines():
        assert any(p in line for p in parts), line


def test_catalogue_decides_descriptions_and_arithmetic_with_reasons():
    for item in a.STATEMENTS:
        if item.kind in ("description", "arithmetic"):
            assert item.catalogue_decides, item.statement_id
        if item.unchecked:
            assert item.unchecked.reason.endswith(".") and "\n" not in item.unchecked.reason
    per_day = a.statement("west-end-per-day").derived
    assert per_day.value == pytest.approx(37.1, abs=0.01)
    assert a.statement("westminster-rate-per-1000").unchecked.publisher == (
        "Office for National Statistics")


def test_press_claims_and_first_printed_sources():
    press = [s for s in a.STATEMENTS if s.source == "press"]
    assert [s.kind for s in press] == ["share", "share", "share", "trend"]
    assert {s.section for s in press} == {a.PRESS_SECTION}
    ratio = a.statement("westminster-nearly-double-camden")
    assert "more than double" in ratio.printed_wording
    assert "1,700 officers, staff and PCSOs" in a.statement("staffing-cuts-1700").printed_wording


@pytest.mark.parametrize(
    ("number", "bounds"),
    [
        (a.StatedNumber(957_481, "offences", "957,481"), (957_480.5, 957_481.5, False, False)),
        (a.StatedNumber(80_000, "phones", "Nearly 80,000", 10_000, "nearly"),
         (75_000, 80_000, False, True)),
        (a.StatedNumber(200, "deployments", "over 200", 100, "over"), (200, 250, True, False)),
        (a.StatedNumber(13_578, "thefts", "~13,578", 1, "~"), (13_577.5, 13_578.5, False, False)),
    ],
)
def test_stated_number_bounds(number, bounds):
    assert number.bounds() == bounds


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"kind": "opinion"}, "kind 'opinion'"),
        ({"section": "Elsewhere"}, "not a heading"),
        ({"source": "blog"}, "source 'blog'"),
        ({"source": "press"}, "press statements, and only they"),
        ({"numbers": ()}, "exactly one number"),
        ({"basis": ""}, "needs the basis"),
        ({"kind": "description"}, "declare why"),
        ({"ranking": (("A",),)}, "only it, lists the ranked units"),
        ({"kind": "arithmetic", "basis": ""}, "gives its derived value"),
    ],
)
def test_invalid_statements_are_refused(changes, problem):
    values = {"statement_id": "x", "section": a.SECTIONS[5], "quote": "q", "kind": "number",
              "numbers": (a.StatedNumber(1, "u", "1"),), "basis": "b"} | changes
    with pytest.raises(ValueError, match=problem):
        a.Statement(**values)
    with pytest.raises(ValueError, match="qualifier 'roughly'"):
        a.StatedNumber(1, "u", "1", 1, "roughly")
    with pytest.raises(ValueError, match="both dataset and publisher"):
        a.Unchecked("r.", dataset="d")


def test_the_constants_the_analyses_use_come_from_the_catalogue():
    assert a.ARTICLE_CLAIMS == {"london_total": 957_481, "change_pct": 2, "westminster": 91_380,
                                "camden": 42_569}
    assert a.ARTICLE_ORDER == ("Westminster", "Camden", "Newham", "Southwark", "Lambeth",
                               "Croydon")
    assert a.ARTICLE_RATE_PER_1000 == 432
    assert a.NAMED_WARDS[:3] == (("West End",), ("St James’s",),
                                 ("Bloomsbury", "Holborn & Covent Garden"))


SHARED = data_dir().parent / "article"


@pytest.mark.mirror
@pytest.mark.skipif(not SHARED.is_dir(), reason=f"no shared article folder at {SHARED}")
def test_the_committed_copies_match_the_shared_folder():
    assert (SHARED / "article.md").read_text(encoding="utf-8") == ARTICLE
    assert (SHARED / "press-facts.md").read_text(encoding="utf-8") == PRESS
