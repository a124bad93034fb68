"""Tests for hotspots.claims.registry: evidence rows, the notebook writer, the combined and
validated registry (one verdict per statement) and its deterministic exports."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from hotspots.article import STATEMENTS
from hotspots.claims import registry as r
from hotspots.claims import verdicts as v
from hotspots.io.errors import DataFileError

NB = "01_headline_figures"
TOTALS = {"2025-02": 933_096, "2025-11": 939_858, "2025-12": 939_957}
NOTEBOOK_STATEMENTS = [s.statement_id for s in STATEMENTS
                       if s.kind != "advice" and not s.catalogue_decides]


def primary(**changes) -> r.Evidence:
    values = {"statement_id": "london-total-2024", "evidence_id": "london-total-2024:primary",
              "notebook": NB, "role": "primary", "description": "Calendar 2024, all rows",
              "data_source": "Met borough file",
              "verdict": v.number("london-total-2024", TOTALS)} | changes
    return r.Evidence(**values)


def test_a_primary_row_takes_its_values_from_the_verdict():
    row = primary()
    assert (row.claimed_value, row.our_value, row.interval_low, row.interval_high) == (
        957_481, 939_957, 933_096, 939_957)
    assert row.unit == "offences"
    assert primary(our_value=1 / 3).our_value == 0.33333333


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"statement_id": "no-such", "evidence_id": "no-such:primary"},
         "not a catalogued statement"),
        ({"verdict": None}, "only it, carries the statement's verdict"),
        ({"role": "supporting", "evidence_id": "london-total-2024:other"},
         "only it, carries the statement's verdict"),
        ({"evidence_id": "london-total-2024:main"}, "named ':primary'"),
        ({"evidence_id": "london-total-2024"}, "evidence_id must be"),
        ({"evidence_id": "london-total-2024:Has Spaces"}, "evidence_id must be"),
        ({"role": "context"}, "role 'context'"),
        ({"statement_id": "advice-be-vigilant", "evidence_id": "advice-be-vigilant:primary"},
         "advice is not scored"),
        ({"statement_id": "westminster-nearly-double-camden",
          "evidence_id": "westminster-nearly-double-camden:primary"},
         "cannot judge a ratio statement"),
        ({"statement_id": "camden-total-2024", "evidence_id": "camden-total-2024:primary"},
         "is not what the statement states"),
        ({"notebook": "headline"}, "notebook 'headline'"),
        ({"figure": "/tmp/x.png"}, "figure"),
        ({"figure": "figures/../x.png"}, "figure"),
        ({"description": "One.\nTwo."}, "description"),
        ({"data_source": " "}, "data_source"),
        ({"interval_low": 2.0, "interval_high": 1.0}, "interval_low"),
        ({"our_value": "lots"}, "not a number"),
    ],
)
def test_invalid_evidence_is_refused(changes, problem):
    with pytest.raises(r.ClaimError, match=problem):
        primary(**changes)


def test_the_writer_replaces_rows_refuses_catalogue_statements_and_shows(tmp_path):
    record = r.record(NB, tmp_path)
    record.primary("london-total-2024", v.number("london-total-2024", 1), source="x")
    record.primary("london-total-2024", v.number("london-total-2024", TOTALS), source="x")
    record.supporting("london-total-2024", "year-to-november", "To November 2024",
                      source="x", our_value=942_369)
    assert len(record.rows) == 2 and record.rows[0].our_value == 939_957
    shown = record.show()
    assert shown.loc["london-total-2024:primary", "verdict"] == v.CLOSE
    assert shown.loc["london-total-2024:year-to-november", "reason"] == "To November 2024"
    with pytest.raises(r.ClaimError, match="decided in the statement catalogue"):
        record.primary("west-end-per-day", v.arithmetic("west-end-per-day", 37,
                                                         derivation="x"), source="x")
    with pytest.raises(r.ClaimError, match="notebook"):
        r.record("headline")


def test_saved_files_are_deterministic_and_read_back(tmp_path):
    record = r.record(NB, tmp_path)
    record.supporting("london-change-2024", "boroughs-only", "Boroughs only", source="x",
                      our_value=2 / 3)
    record.primary("london-total-2024", v.number("london-total-2024", TOTALS), source="x",
                   figure="figures/01_a.png")
    path = record.save()
    first = path.read_bytes()
    assert record.save().read_bytes() == first
    rows = json.loads(first)
    assert [row["evidence_id"] for row in rows] == [
        "london-total-2024:primary", "london-change-2024:boroughs-only"]  # catalogue order
    assert list(rows[0]) == sorted(r.FIELDS) and rows[1]["our_value"] == 0.66666667
    assert list(rows[0]["verdict"]["parameters"]) == ["band", "precision", "qualifier"]
    assert r.read_evidence(path) == record.rows
    assert b"\\u" not in first  # UTF-8, not escaped


def test_the_registry_adds_the_catalogues_own_verdicts(tmp_path):
    registry = r.load_registry(tmp_path, complete=False)
    decided = [s.statement_id for s in STATEMENTS if s.catalogue_decides]
    assert [e.statement_id for e in registry.evidence] == decided
    assert {e.notebook for e in registry.evidence} == {r.CATALOGUE}
    assert registry.primary("west-end-per-day").verdict.verdict == v.ARITHMETIC_CONSISTENT
    rate = registry.primary("westminster-rate-per-1000").verdict
    assert rate.verdict == v.NOT_CHECKED_HERE and rate.publisher == "Office for National Statistics"
    assert list(registry.missing) == NOTEBOOK_STATEMENTS


def test_a_complete_registry_has_one_verdict_per_statement(complete_dir):
    registry = r.load_registry(complete_dir)
    assert registry.missing == ()
    table = registry.statement_table()
    assert table["statement_id"].tolist() == [s.statement_id for s in STATEMENTS]
    scored = table[table["kind"] != "advice"]
    assert scored["verdict"].isin(v.VERDICTS).all()
    assert (table.loc[table["kind"] == "advice", "verdict"] == "").all()
    total = table.set_index("statement_id").loc["london-total-2024"]
    assert (total["verdict"], total["notebook"], total["evidence_rows"]) == (
        v.CLOSE, NB, 2)
    assert total["first_printed"].startswith("Evening Standard")
    evidence = registry.evidence_table()
    assert len(evidence) == len(registry.evidence)
    assert evidence["verdict"].notna().sum() == len(scored)


def test_a_statement_cannot_get_two_verdicts(complete_dir):
    """Two notebooks' primary rows for one statement are refused, as is a second verdict
    through a supporting row or a notebook overriding the catalogue."""
    other = r.record("03_other", complete_dir)
    other.primary("london-total-2024", v.number("london-total-2024", 957_481), source="x")
    other.save()
    with pytest.raises(r.ClaimError, match="one statement, one verdict: london-total-2024 "
                                           "has primary rows in 01_headline_figures, 03_other"):
        r.load_registry(complete_dir)
    with pytest.raises(r.ClaimError, match="carries the statement's verdict"):
        r.Evidence(statement_id="london-total-2024", evidence_id="london-total-2024:second",
                   notebook=NB, role="sensitivity", description="d", data_source="x",
                   verdict=v.number("london-total-2024", 957_481))
    path = complete_dir / "03_other.json"
    rows = json.loads(path.read_text())
    rows[0] |= {"statement_id": "west-end-per-day", "evidence_id": "west-end-per-day:primary",
                "verdict": v.arithmetic("west-end-per-day", 37, derivation="x").to_dict()}
    rows[0]["verdict"]["claimed"] = 37.0
    path.write_text(json.dumps(rows))
    with pytest.raises(r.ClaimError, match="west-end-per-day has primary rows in article, "
                                           "03_other"):
        r.load_registry(complete_dir)


def test_missing_verdicts_and_repeated_ids_are_refused(complete_dir):
    (complete_dir / "05_town_centres_patrol_effect.json").unlink()
    with pytest.raises(r.ClaimError, match="without a verdict: "
                                           r"\['crime-asb-cluster-predictably', 'research"):
        r.load_registry(complete_dir)
    assert len(r.load_registry(complete_dir, complete=False).missing) == 5
    copy = r.record("09_copy", complete_dir)
    copy.supporting("london-total-2024", "year-to-november", "again", source="x")
    copy.save()
    with pytest.raises(r.ClaimError, match=r"more than once: \['london-total-2024:year-to"):
        r.load_registry(complete_dir, complete=False)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not a readable evidence file"),
        ('{"statement_id": "x"}', "JSON list"),
        ("[1]", "row 1 is not a JSON object"),
        ('[{"statement_id": "x"}]', "row 1: an evidence row has exactly the fields"),
    ],
)
def test_malformed_files_name_the_file(tmp_path, content, problem):
    path = tmp_path / f"{NB}.json"
    path.write_text(content)
    with pytest.raises(DataFileError, match=problem) as info:
        r.load_registry(tmp_path, complete=False)
    assert info.value.path == str(path)


def test_bad_rows_in_a_file_name_the_file_and_row(tmp_path):
    record = r.record(NB, tmp_path)
    record.primary("london-total-2024", v.number("london-total-2024", TOTALS), source="x")
    path = record.save()
    rows = json.loads(path.read_text())
    rows[0]["verdict"]["verdict"] = "true"
    path.write_text(json.dumps(rows))
    with pytest.raises(DataFileError, match="row 1: .*verdict 'true'"):
        r.read_evidence(path)
    rows[0]["verdict"]["verdict"] = v.CLOSE
    moved = tmp_path / "02_other.json"
    moved.write_text(json.dumps(rows))
    with pytest.raises(DataFileError, match="names notebook"):
        r.read_evidence(moved)


def test_exports_are_deterministic_one_row_per_statement(complete_dir, tmp_path):
    out = tmp_path / "out"
    registry = r.export_registry(out, complete_dir)
    first = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert sorted(first) == ["claims_evidence.csv", "claims_evidence.json",
                             "claims_registry.csv", "claims_registry.json"]
    r.export_registry(out, complete_dir)
    assert {p.name: p.read_bytes() for p in sorted(out.iterdir())} == first
    statements = pd.read_csv(out / "claims_registry.csv", keep_default_na=False)
    assert len(statements) == len(STATEMENTS)
    assert list(statements.columns) == list(r.STATEMENT_COLUMNS)
    evidence = pd.read_csv(out / "claims_evidence.csv")
    assert len(evidence) == len(registry.evidence)
    assert json.loads(evidence.loc[evidence["evidence_id"] == "london-total-2024:primary",
                                   "parameters"].iloc[0]) == {
        "band": 0.02, "precision": 1.0, "qualifier": "exact"}
    records = json.loads((out / "claims_registry.json").read_text())
    assert records[0]["our_value"] is None and records[0]["verdict"] == v.NOT_CHECKABLE
    assert "timestamp" not in first["claims_registry.json"].decode()
