"""Tests for hotspots.claims.scorecard: counts, takeaway, README block and verdict boxes, all
generated from a registry with one verdict per statement."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from hotspots.article import PRESS_SECTION, SECTIONS, STATEMENTS, statement
from hotspots.claims import load_registry
from hotspots.claims import scorecard as sc
from hotspots.claims import verdicts as v
from hotspots.config import PROJECT_ROOT, derived_dir, notebooks_dir

SCORED = [s for s in STATEMENTS if s.kind != "advice"]


@pytest.fixture
def registry(complete_dir):
    return load_registry(complete_dir)


def test_counts_cover_every_statement_once(registry):
    counts = sc.verdict_counts(registry)
    assert counts.index.tolist() == [*v.VERDICTS, sc.NO_VERDICT]
    assert counts.sum() == len(SCORED) and counts[sc.NO_VERDICT] == 0
    article = sc.verdict_counts(registry, "article")
    press = sc.verdict_counts(registry, "press")
    assert (article + press).equals(counts)
    assert press.sum() == sum(s.source == "press" for s in STATEMENTS) == 4
    # the fixture: 01 gives close/close (total, change), reproduced (Westminster), close
    # (Camden), contradicted (ratio), close (order) and contradicted (1,700 v 1,461)
    assert article[v.CONTRADICTED] == 2 and article[v.ARITHMETIC_CONSISTENT] == 1


def test_verdicts_by_section_follow_the_article(registry):
    table = sc.verdicts_by_section(registry)
    assert table.index.tolist() == list(SECTIONS)
    assert table.columns.tolist() == list(v.VERDICTS)
    assert table.to_numpy().sum() == len(SCORED)
    assert table.loc[PRESS_SECTION, v.NOT_CHECKED_HERE] == 3


def test_sections_show_statements_without_a_verdict(tmp_path):
    partial = load_registry(tmp_path, complete=False)
    table = sc.verdicts_by_section(partial)
    assert table.columns[-1] == sc.NO_VERDICT
    assert table[sc.NO_VERDICT].sum() == len(partial.missing)


def test_takeaway_counts_each_statement_once(registry, tmp_path):
    assert sc.verdict_counts(registry, "article").sum() == 36
    assert sc.takeaway(registry) == (
        "Of the article's 36 statements (advice aside), open data reproduce 4, find 5 close "
        "and contradict 2; 1 agrees only with the article's own arithmetic; 6 need open data "
        "that are not in the data folder; and 18 cannot be checked with any open data.")
    assert sc.takeaway(registry, "press") == (
        "Of the 4 later claims by the Met and the Mayor, 3 need open data that are not in the "
        "data folder; and 1 cannot be checked with any open data.")
    partial = load_registry(tmp_path, complete=False)
    article_missing = [m for m in partial.missing if statement(m).source == "article"]
    assert f"{len(article_missing)} have no verdict yet." in sc.takeaway(partial)


def test_readme_table_lists_each_statement_once(registry):
    text = sc.readme_table(registry)
    for item in STATEMENTS:
        expected = 0 if item.kind == "advice" else 1
        assert text.count(f"| *{item.quote}* |") == expected, item.statement_id
    assert "| *~13,578 thefts* | ~13,578 | — | **not checkable: no open data exist** |" in text
    assert "[01](notebooks/01_headline_figures.ipynb) · [figure](figures/01_candidate_search" \
        in text
    assert "939,957 (range 933,096–939,957)" in text
    ratio = next(line for line in text.splitlines() if "*nearly double Camden’s*" in line)
    assert "| 2.13 |" in ratio  # a range that prints as one number is not shown
    assert text.endswith("The article's 2 items of public advice are not scored.")
    assert sc.takeaway(registry) in text and sc.takeaway(registry, "press") in text


def test_readme_rewrite_is_idempotent_and_keeps_the_rest(registry, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nBefore.\n\n{sc.START}\nold table\n{sc.END}\n\nAfter.\n",
                      encoding="utf-8")
    assert sc.rewrite_readme(readme, registry) is True
    once = readme.read_text(encoding="utf-8")
    assert sc.rewrite_readme(readme, registry) is False
    assert readme.read_text(encoding="utf-8") == once
    assert once.startswith("# Title\n\nBefore.\n\n") and once.endswith(f"{sc.END}\n\nAfter.\n")
    assert "old table" not in once and sc.readme_table(registry) in once
    readme.write_text("no markers", encoding="utf-8")
    with pytest.raises(ValueError, match="expected one"):
        sc.rewrite_readme(readme, registry)


def test_verdict_box_lists_what_a_notebook_decides(registry):
    box = sc.verdict_box("02_phone_theft_hot_spots", registry)
    lines = box.splitlines()
    assert lines[:4] == ["> **Verdicts at a glance**", ">", "> | the statement | verdict | "
                         "why |", "> | --- | --- | --- |"]
    assert "> | *West End tops the list* | **reproduced** | Every named unit holds" in box
    assert lines[-1] == "> It also gives supporting evidence on *~13,578 thefts*."
    assert sc.verdict_box("04_nothing", registry) == (
        "> **Verdicts at a glance**\n>\n> This notebook decides no statement's verdict.")


def test_gallery_figures_key_list_then_cited_figures(registry, tmp_path):
    for name in ["00_key.png", "01_candidate_search.png"]:
        (tmp_path / name).write_bytes(b"png")
    present, missing = sc.gallery_figures(registry, tmp_path, key=("00_key.png", "09_x.png"))
    assert [p.name for p in present] == ["00_key.png", "01_candidate_search.png"]
    assert missing == ["09_x.png"]
    present, _ = sc.gallery_figures(registry, tmp_path, key=("00_key.png",), limit=1)
    assert [p.name for p in present] == ["00_key.png"]


def test_the_scorecard_can_list_the_advice_as_not_scored(registry):
    text = sc.readme_table(registry, list_advice=True)
    for item in STATEMENTS:
        assert text.count(f"| *{item.quote}* |") == 1, item.statement_id
    advice = statement("advice-be-vigilant")
    row = next(line for line in text.splitlines() if advice.quote in line)
    assert f"| *{sc.NOT_SCORED}* | Public advice, not scored. | — |" in row
    section = text.index(f"**{advice.section}**")
    assert section < text.index(advice.quote) < text.index(f"**{SECTIONS[7]}**")
    assert sc.readme_table(registry).count(sc.NOT_SCORED) == 0


def test_summary_groups_every_scored_statement_by_what_data_did(registry):
    text = sc.summary_markdown(registry)
    assert text.startswith(sc.takeaway(registry) + " " + sc.takeaway(registry, "press"))
    assert "The article's 2 items of public advice are not scored." in text
    heads = {h: text.find(f"**{h}**") for h, _ in sc.SUMMARY_GROUPS}
    assert heads["What has no verdict yet"] == -1  # the fixture is complete
    counts = sc.verdict_counts(registry)
    assert f"**What open data back** ({counts[v.REPRODUCED] + counts[v.CLOSE]}):" in text
    assert "- *nearly double Camden’s*: **contradicted**. Our ratio" in text
    assert ("- GLA Town Centre Boundaries (Greater London Authority) would settle *24 per cent "
            "of theft person offences* (a later claim); *6 per cent") in text
    not_checkable = text[heads["What no open data can check"]:]
    assert "descriptions of tactics and plans" in not_checkable
    for item in STATEMENTS:  # every statement judged against data is quoted
        if registry.primary(item.statement_id) is not None and registry.primary(
                item.statement_id).verdict.verdict in v.VERDICTS[:5]:
            assert f"*{item.quote}*" in text, item.statement_id


def test_missing_verdicts_lists_what_no_notebook_decided(registry, tmp_path):
    assert sc.missing_verdicts(registry).empty
    partial = load_registry(tmp_path, complete=False)
    missing = sc.missing_verdicts(partial)
    assert missing.index.tolist() == list(partial.missing)
    assert missing.loc["staffing-cuts-1700", "quote"] == statement("staffing-cuts-1700").quote
    assert "What has no verdict yet" in sc.summary_markdown(partial)


def test_the_committed_readme_book_export_and_notebook_06_agree():
    """The README block, the export the book reads and notebook 06's takeaway are all made
    from the committed evidence files: re-run notebook 06 (last) when a verdict changes."""
    registry = load_registry(complete=False)
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(sc.START)[1].split(sc.END)[0].strip()
    assert block == sc.readme_table(registry)
    exported = pd.read_csv(derived_dir() / "claims_registry.csv", keep_default_na=False,
                           na_values=[""])
    assert sc.readme_table(exported) == block
    notebook = json.loads((notebooks_dir() / "06_fact_check_scorecard.ipynb").read_text())
    shown = [o.get("data", {}).get("text/markdown", "") for c in notebook["cells"]
             if c["cell_type"] == "code" for o in c.get("outputs", [])]
    assert f"**{sc.takeaway(registry)}**" in ["".join(s) for s in shown]
