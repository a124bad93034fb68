"""TODO docstring."""

from __future__ import annotations

import pandas as pd
import pytest

from hotspots.claims import scorecard as sc
from hotspots.claims.registry import FIELDS, VERDICTS, Claim, write_claims


def claim(claim_id: str, verdict: str, section: str, words: str, notebook: str = "01_test",
          **more) -> Claim:
    values = {"claimed_value": None, "claimed_text": words, "our_value": None, "unit": "x",
              "reason": f"Because of {claim_id}.", "data_source": "test"}
    values.update(more)
    return Claim(claim_id=claim_id, section=section, article_words=words, verdict=verdict,
                 notebook=notebook, **values)


def registry(*claims: Claim) -> pd.DataFrame:
    return pd.DataFrame([c.to_dict() for c in claims], columns=list(FIELDS))


SAMPLE = registry(
    claim("rate", "close", "Statistics & Broader Context", "432 crimes per 1,000 residents"),
    claim("wards", "reproduced", "1. Mobile Phone Theft in Tourist Areas", "high-risk wards"),
    claim("change", "contradicted", "statistics and broader context", "a 2% increase"),
    claim("odd", "close", "Something else entirely", "a thing"),
)


def test_article_section_ignores_numbering_quotes_and_ampersands():
    assert sc.article_section("1. Mobile Phone Theft in Tourist Areas") == sc.SECTIONS[1]
    assert sc.article_section("What Are Hot Spots and How the Met Uses Them") == sc.SECTIONS[0]
    assert sc.article_section("Statistics") == "Statistics & Broader Context"
    assert sc.article_section("Something else entirely") == "Something else entirely"


def test_scorecard_table_follows_the_article_then_registry_order():
    table = sc.scorecard_table(SAMPLE)
    assert table["claim_id"].tolist() == ["wards", "rate", "change", "odd"]
    assert table["article_section"].tolist()[:3] == [
        sc.SECTIONS[1], "Statistics & Broader Context", "Statistics & Broader Context"]


def test_verdict_counts_list_every_verdict_with_zeros():
    counts = sc.verdict_counts(SAMPLE)
    assert counts.index.tolist() == list(VERDICTS)
    assert counts.tolist() == [1, 2, 1, 0, 0]


def test_counts_by_section_keep_article_order_and_all_verdicts():
    counts = sc.counts_by_section(sc.scorecard_table(SAMPLE))
    assert counts.index.tolist() == [sc.SECTIONS[1], sc.SECTIONS[5], "Something else entirely"]
    assert counts.loc[sc.SECTIONS[5]].tolist() == [0, 1, 1, 0, 0]


def test_statement_catalogue_is_complete_and_valid():
    ids = [s.statement_id for s in sc.STATEMENTS]
    assert len(ids) == len(set(ids))
    assert {s.section for s in sc.STATEMENTS} == set(sc.SECTIONS)
    assert all(s.reason for s in sc.STATEMENTS if s.kind == "not checkable")
    with pytest.raises(ValueError, match="needs a reason"):
        sc.Statement(statement_id="x", section=sc.SECTIONS[0], quote="q", kind="not checkable",
                     match=("q",))


def test_coverage_matches_whole_words_only():
    statements = [
        sc.Statement(statement_id="rate", section=sc.SECTIONS[5], quote="432 per 1,000",
                     kind="open data", match=("432",)),
        sc.Statement(statement_id="big", section=sc.SECTIONS[5], quote="1,700 staff",
                     kind="open data", match=("1,700",)),
    ]
    reg = registry(claim("a", "close", sc.SECTIONS[5], "a total of 1,432 crimes"),
                   claim("b", "close", sc.SECTIONS[5], "cuts (1,700 officers)"))
    table = sc.coverage(reg, statements).set_index("statement_id")
    assert not table.at["rate", "covered"]
    assert table.at["big", "covered"] and table.at["big", "claims"] == "b"


def test_not_checkable_claims_skip_statements_already_covered():
    reg = registry(claim("arrests-x", "not checkable with open data", sc.SECTIONS[3],
                         "and 75 arrests made"))
    made = sc.not_checkable_claims(reg, "06_test")
    ids = [c.claim_id for c in made]
    expected = [s.statement_id for s in sc.STATEMENTS if s.kind == "not checkable"]
    assert "vigilant-verona-arrests" not in ids
    assert ids == [i for i in expected if i != "vigilant-verona-arrests"]
    assert all(c.verdict == sc.NOT_CHECKABLE and c.notebook == "06_test" for c in made)
    staffing = next(c for c in made if c.claim_id == "staffing-cuts-1700")
    assert staffing.claimed_value == 1700 and staffing.section == sc.SECTIONS[6]


def test_an_empty_registry_gets_every_not_checkable_statement():
    empty = registry()
    made = sc.not_checkable_claims(empty, "06_test")
    assert len(made) == sum(s.kind == "not checkable" for s in sc.STATEMENTS)
    assert not sc.coverage(empty)["covered"].any()


def test_other_claims_leave_out_the_named_notebook(tmp_path):
    write_claims([claim("a", "close", sc.SECTIONS[5], "w", notebook="01_one")], "01_one",
                 tmp_path)
    write_claims([claim("a", "close", sc.SECTIONS[5], "w", notebook="06_six")], "06_six",
                 tmp_path)
    others = sc.other_claims("06_six", tmp_path)
    assert others["notebook"].tolist() == ["01_one"]


def test_summary_and_takeaway_are_written_from_the_registry():
    covered = sc.coverage(SAMPLE)
    text = sc.summary_markdown(SAMPLE, covered)
    assert text.startswith("The registry holds **4 claims** from the article, checked in 1 "
                           "notebooks: 1 reproduced, 2 close, 1 contradicted, 0 unsupported by "
                           "the evidence and 0 not checkable with open data.")
    assert "**Open data contradict** (1):\n\n- “a 2% increase”: Because of change." in text
    assert "items of public advice are advice, not claims" in text
    assert "**No verdict yet**" in text  # the sample covers few statements
    assert sc.takeaway(SAMPLE) == (
        "Of the article's 4 claims that open data can check, 3 are reproduced or close and 1 "
        "contradicted or unsupported by the evidence; 0 more cannot be checked with open data.")


def test_gallery_figures_key_list_then_cited_figures(tmp_path):
    for name in ["01_a.png", "02_b.png", "03_c.png"]:
        (tmp_path / name).write_bytes(b"png")
    reg = registry(claim("x", "close", sc.SECTIONS[5], "w", figure="figures/02_b.png"),
                   claim("y", "close", sc.SECTIONS[5], "v", figure="figures/03_c.png"),
                   claim("z", "close", sc.SECTIONS[5], "u", figure="figures/09_gone.png"))
    present, missing = sc.gallery_figures(reg, tmp_path, key=("01_a.png", "04_none.png"))
    assert [p.name for p in present] == ["01_a.png", "02_b.png", "03_c.png"]
    assert missing == ["04_none.png", "09_gone.png"]
    present, _ = sc.gallery_figures(reg, tmp_path, key=("01_a.png",), limit=2)
    assert [p.name for p in present] == ["01_a.png", "02_b.png"]
