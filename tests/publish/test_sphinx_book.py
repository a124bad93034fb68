"""Tests for the parts of hotspots.publish.sphinx_book that need no build (the book's own
behaviour, hidden code, glossary anchors, scorecard and map, is tested in test_book.py)."""

from __future__ import annotations

import pytest

from hotspots.publish import sphinx_book


@pytest.mark.parametrize(("term", "anchor"), [
    ("FDR", "fdr"),
    ("Getis-Ord Gi*", "getis-ord-gi"),
    ("Rate per 1,000", "rate-per-1-000"),
    ("Benjamini–Hochberg", "benjamini-hochberg"),
    ("Local Moran’s I", "local-moran-s-i"),
    ("k-nearest neighbours", "k-nearest-neighbours"),
])
def test_glossary_anchors_are_lower_case_words_joined_by_hyphens(term, anchor):
    assert sphinx_book.slug(term) == anchor


def test_the_mathjax_bundle_is_installed_and_self_contained():
    bundle = sphinx_book.mathjax_bundle()
    assert bundle.is_file() and bundle.stat().st_size > 1_000_000
    head = bundle.read_text(encoding="utf-8")[:20_000]
    assert "MathJax" in head or "webpack" in head
