"""Multiple-testing corrections and the floor that permutations put under pseudo p-values."""

from __future__ import annotations

import numpy as np
import pytest

from hotspots.stats.spatial.multiple_testing import (
    adjust,
    floor_note,
    min_units_at_floor,
    pvalue_floor,
)


def test_adjustments_by_hand():
    p = np.array([0.01, 0.02, 0.03, 0.04, 0.05])
    assert np.allclose(adjust(p, "none"), p)
    assert np.allclose(adjust(p, "bonferroni"), [0.05, 0.10, 0.15, 0.20, 0.25])
    # BH: p_(i) * m / i = 0.05 for every i here.
    assert np.allclose(adjust(p, "fdr_bh"), 0.05)
    # BH step-up: adjusted p is the running minimum from the top of p_(i) m / i.
    assert np.allclose(adjust(np.array([0.001, 0.04, 0.03]), "fdr_bh"), [0.003, 0.04, 0.04])


def test_nan_is_untested_and_outside_the_family():
    out = adjust(np.array([0.01, np.nan, 0.04]), "bonferroni")
    assert np.isnan(out[1]) and np.allclose(out[[0, 2]], [0.02, 0.08])  # m = 2, not 3
    assert np.isnan(adjust(np.array([np.nan, np.nan]), "fdr_bh")).all()


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="correction"):
        adjust(np.array([0.1]), "holm")
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        adjust(np.array([1.2]), "none")
    with pytest.raises(ValueError, match="permutations"):
        pvalue_floor(0)


def test_permutation_floor():
    assert pvalue_floor(999) == pytest.approx(0.002)
    assert pvalue_floor(999, two_sided=False) == pytest.approx(0.001)
    assert pvalue_floor(9999) == pytest.approx(2e-4)


def test_bonferroni_cannot_reject_with_5000_units_but_bh_can():
    floor = pvalue_floor(999)
    assert min_units_at_floor("bonferroni", 5000, 0.05, floor) is None  # 0.002 > 1e-5
    assert min_units_at_floor("bonferroni", 5000, 0.05, pvalue_floor(9999)) is None
    assert min_units_at_floor("fdr_bh", 5000, 0.05, floor) == 200  # 0.002 * 5000 / 0.05
    # Check that count against statsmodels: 200 units at the floor are all rejected by BH,
    # 199 are not; Bonferroni rejects none either way.
    for at_floor, rejected in [(200, 200), (199, 0)]:
        p = np.r_[np.full(at_floor, floor), np.ones(5000 - at_floor)]
        assert (adjust(p, "fdr_bh") <= 0.05).sum() == rejected
        assert (adjust(p, "bonferroni") <= 0.05).sum() == 0
    assert "cannot reject any unit" in floor_note("bonferroni", 5000, 0.05, 999)
    assert "at least 200 units" in floor_note("fdr_bh", 5000, 0.05, 999)
    assert "does not prevent" in floor_note("none", 5000, 0.05, 999)
