"""Tests for hotspots.stats.spatial.scale: the same statistics compared across spatial scales."""

from __future__ import annotations

import numpy as np
import pytest
from lattices import binary_matrix, gi_star, grid, moran_i

from hotspots.stats.spatial import (
    contiguity,
    scale,
)


def test_scale_summary_matches_the_textbook_formulas_on_a_lattice():
    frame = grid(6, 6)
    values = np.zeros(36)
    values[[0, 1, 6, 7]] = [40, 30, 35, 50]  # a hot corner
    values[20] = 3
    weights = contiguity(frame, "queen", transform="R", id_column="id")
    summary = scale.scale_summary(values, weights, permutations=0, p_kind="analytical")
    binary = binary_matrix(weights)
    row_std = binary / binary.sum(axis=1, keepdims=True)
    assert summary.moran.moran_i == pytest.approx(moran_i(values, row_std))
    assert summary.gi.meta.transform == "B"
    assert summary.gi.z == pytest.approx(gi_star(values, binary)[1])
    row = summary.row()
    hot = summary.gi.significant & (summary.gi.z > 0)
    assert row["units"] == 36 and row["hot-spot units"] == int(hot.sum()) > 0
    assert row["crime in hot spots %"] == pytest.approx(100 * values[hot].sum() / values.sum())
    assert row["zero units %"] == pytest.approx(100 * 31 / 36)
    assert row["permutation p"] is None
    with pytest.raises(ValueError, match="correction"):
        scale.scale_summary(values, weights, permutations=0, correction="holm")
