"""Tests for hotspots.stats.spatial.results: result objects, their captions and their tables."""

from __future__ import annotations

import pytest
from lattices import local_result

from hotspots.stats.spatial import (
    results,
)

P_FIVE = [0.0002, 0.0002, 0.0002, 0.03, 0.5]  # BH (m=5): 0.00033 x3, 0.0375, 0.5


def test_hot_units_re_adjusts_the_p_values_under_each_correction():
    gi = local_result(P_FIVE, [3, 2, -4, 1, 5])
    assert gi.hot("none").tolist() == [True, True, False, True, False]
    assert gi.hot("fdr_bh").tolist() == [True, True, False, True, False]
    assert gi.hot("bonferroni").tolist() == [True, True, False, False, False]
    assert gi.hot("bonferroni", alpha=0.0009).sum() == 0  # 5 x 0.0002 = 0.001
    # analytical p = p / 10: Bonferroni keeps 0.003 x 5 = 0.015 <= 0.05
    assert gi.hot("bonferroni", p_kind="analytical").tolist() == [
        True, True, False, True, False]
    lisa = local_result(P_FIVE, [3, 2, -4, 1, 5], quadrant=["HH", "LL", "HH", "HH", "HH"])
    assert lisa.hot("fdr_bh").tolist() == [True, False, True, True, False]
    with pytest.raises(ValueError, match="no 'exact' p-values"):
        gi.hot("none", p_kind="exact")


def test_correction_table_counts_hot_units_per_p_kind_and_correction():
    table = results.correction_table({"a": local_result(P_FIVE, [3, 2, -4, 1, 5]),
                                 "b": local_result(P_FIVE, [-1] * 5)})
    assert table.columns.names == ["p-value", "correction"]
    assert table.loc["a"].tolist() == [3, 3, 2, 4, 4, 3]  # analytical 0.05 <= alpha
    assert table.loc["b"].sum() == 0
