"""Tests for hotspots.claims: the Claim record, per-notebook files and the combined registry."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from hotspots.claims.registry import (
    FIELDS,
    VERDICTS,
    Claim,
    ClaimError,
    export_registry,
    load_registry,
    read_claims,
    write_claims,
)
from hotspots.io.errors import DataFileError

NB = "01_headline_figures"


def claim(**changes) -> Claim:
    """A valid claim (the London total), with ``changes`` applied."""
    values = {
        "claim_id": "H1-london-total",
        "section": "Statistics & Broader Context",
        "article_words": "In the year to December 2024, London recorded 957,481 total offences",
        "claimed_value": 957_481,
        "claimed_text": "957,481",
        "our_value": 939_858,
        "unit": "offences",
        "verdict": "close",
        "reason": "The nearest open-data total is 1.8% lower.",
        "data_source": "met_datastore/borough/vintage_2025-11__joanna-jaeeun",
        "vintage": "2025-11",
        "notebook": NB,
        "figure": "figures/01_london_total.png",
    }
    return Claim(**(values | changes))


def test_gaps_are_filled_and_numbers_normalised():
    c = claim(our_value=np.float64(939_858), interval_low=np.int64(933_096), interval_high=None)
    assert c.gap == -17_623 and c.gap_pct == pytest.approx(-1.84056, abs=1e-5)
    assert type(c.our_value) is float and type(c.interval_low) is float
    assert claim(our_value=float("nan")).gap is None
    assert claim(our_value=pd.NA).our_value is None
    stated = claim(claimed_value=2.0, our_value=0.97, gap=-1.03, gap_pct=None, unit="% change")
    assert stated.gap == -1.03 and stated.gap_pct is None


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"verdict": "probably true"}, "verdict 'probably true'"),
        ({"claim_id": "H1 london total"}, "claim_id"),
        ({"notebook": "headline"}, "notebook"),
        ({"figure": "/tmp/x.png"}, "figure"),
        ({"figure": "figures/../x.png"}, "figure"),
        ({"reason": "  "}, "reason"),
        ({"reason": "One.\nTwo."}, "reason"),
        ({"article_words": ""}, "article_words"),
        ({"interval_low": 2.0, "interval_high": 1.0}, "interval_low"),
        ({"our_value": "lots"}, "not a number"),
        ({"gap_pct": float("inf")}, "infinite"),
    ],
)
def test_invalid_claims_are_refused(changes, problem):
    with pytest.raises(ClaimError, match=problem):
        claim(**changes)


def test_every_verdict_in_the_vocabulary_is_accepted():
    assert [claim(verdict=v).verdict for v in VERDICTS] == list(VERDICTS)


def test_write_and_read_round_trip_is_deterministic(tmp_path):
    claims = [claim(our_value=1 / 3, claimed_value=None), claim(claim_id="H2-westminster")]
    path = write_claims(claims, NB, tmp_path)
    assert path == tmp_path / f"{NB}.json"
    first = path.read_bytes()
    write_claims(claims, NB, tmp_path)
    assert path.read_bytes() == first
    records = json.loads(first)
    assert list(records[0]) == sorted(FIELDS)
    assert records[0]["our_value"] == 0.33333333 and records[0]["claimed_value"] is None
    back = read_claims(path)
    assert [c.claim_id for c in back] == ["H1-london-total", "H2-westminster"]
    assert back[1] == claims[1]


def test_write_refuses_foreign_or_repeated_claims(tmp_path):
    with pytest.raises(ClaimError, match="do not belong"):
        write_claims([claim(notebook="02_phone_theft")], NB, tmp_path)
    with pytest.raises(ClaimError, match="more than once"):
        write_claims([claim(), claim()], NB, tmp_path)
    assert not list(tmp_path.iterdir())


def test_registry_combines_notebooks_and_exports(tmp_path):
    write_claims([claim(), claim(claim_id="H2-westminster")], NB, tmp_path)
    other = claim(claim_id="P1-phones", notebook="02_phone_theft", our_value=None,
                  verdict="not checkable with open data", figure=None)
    write_claims([other], "02_phone_theft", tmp_path)
    registry = load_registry(tmp_path)
    assert list(registry.columns) == list(FIELDS)
    assert registry["claim_id"].tolist() == ["H1-london-total", "H2-westminster", "P1-phones"]
    csv_path, json_path = tmp_path / "out" / "claims.csv", tmp_path / "out" / "claims.json"
    export_registry(csv_path, json_path, tmp_path)
    again = pd.read_csv(csv_path)
    assert again["claim_id"].tolist() == registry["claim_id"].tolist()
    assert again.loc[0, "gap"] == -17_623
    records = json.loads(json_path.read_text())
    assert len(records) == 3 and records[2]["our_value"] is None


def test_registry_refuses_ids_repeated_across_notebooks(tmp_path):
    write_claims([claim()], NB, tmp_path)
    write_claims([claim(notebook="02_phone_theft")], "02_phone_theft", tmp_path)
    with pytest.raises(ClaimError, match="H1-london-total"):
        load_registry(tmp_path)


def test_empty_registry_has_the_columns(tmp_path):
    registry = load_registry(tmp_path)
    assert registry.empty and list(registry.columns) == list(FIELDS)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not a readable claims file"),
        ('{"claim_id": "x"}', "JSON list"),
        ('[{"claim_id": "x"}]', "claim 1 does not have exactly the fields"),
    ],
)
def test_malformed_files_name_the_file(tmp_path, content, problem):
    path = tmp_path / f"{NB}.json"
    path.write_text(content)
    with pytest.raises(DataFileError, match=problem) as info:
        load_registry(tmp_path)
    assert info.value.path == str(path)


def test_bad_claim_in_a_file_names_the_file_and_claim(tmp_path):
    path = write_claims([claim(), claim(claim_id="H2-westminster")], NB, tmp_path)
    records = json.loads(path.read_text())
    records[1]["verdict"] = "true"
    path.write_text(json.dumps(records))
    with pytest.raises(DataFileError, match="claim 2: .*verdict 'true'"):
        read_claims(path)
    records[1]["verdict"] = "close"
    path.rename(tmp_path / "02_other.json")
    (tmp_path / "02_other.json").write_text(json.dumps(records))
    with pytest.raises(DataFileError, match="names notebook"):
        read_claims(tmp_path / "02_other.json")
