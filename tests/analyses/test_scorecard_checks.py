"""TODO docstring."""

from __future__ import annotations

import pandas as pd
import pytest

from hotspots.analyses import scorecard_checks


def test_alignment_on_known_counts():
    crime = pd.Series([100, 50, 10, 5, 0, 0, 0, 0, 0, 1], index=list("abcdefghij"))
    stops = pd.Series([3, 90, 40, 1], index=list("abcd"))
    result = scorecard_checks.alignment(crime, stops, fraction=0.2)
    assert result["units"] == 10 and result["top units"] == 2
    # top crime {a, b}; top stops {b, c}: one of two in common
    assert result["overlap of top units"] == 0.5
    assert result["other in crime's top units"] == pytest.approx(93 / 134)
    same = scorecard_checks.alignment(crime, crime * 3, fraction=0.2)
    assert same["spearman"] == pytest.approx(1.0) and same["overlap of top units"] == 1.0
