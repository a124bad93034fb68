"""Tests for hotspots.names: the keys that match ward and borough names across publishers."""

from __future__ import annotations

import pytest

from hotspots.names import name_key


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("St James's", "st jamess"),
        ("St. James’s", "st jamess"),
        ("Barking & Dagenham", "barking and dagenham"),
        ("City of Westminster", "westminster"),
        ("Holborn & Covent Garden", "holborn and covent garden"),
        ("  Borough  &  Bankside ", "borough and bankside"),
    ],
)
def test_name_key_normalises_spelling(raw, key):
    assert name_key(raw) == key
