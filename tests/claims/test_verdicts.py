"""TODO docstring."""

from __future__ import annotations

import numpy as np
import pytest

from hotspots.claims import verdicts
from hotspots.claims.registry import VERDICTS
from hotspots.stats.evaluation.did import DiDResult


def result(ci_low: float, ci_high: float, pretrend_p: float = 0.5) -> DiDResult:
    irr = float(np.sqrt(ci_low * ci_high))
    return DiDResult(model="poisson", seasonality="common", irr=irr, ci_low=ci_low,
                     ci_high=ci_high, p_value=0.01, coef=float(np.log(irr)), se=0.1, conf=0.95,
                     n_units=10, n_treated_units=2, n_months=12, n_obs=120, n_dropped_units=0,
                     pretrend_f=1.0, pretrend_df=4, pretrend_p=pretrend_p, dispersion=None)


@pytest.mark.parametrize(
    ("claimed", "ours", "kwargs", "expected"),
    [
        (1000, 1000, {}, "reproduced"),
        (1000, 1000.5, {}, "reproduced"),  # 0.05%
        (1000, 1000.6, {}, "close"),
        (1000, 980, {}, "close"),  # 2%
        (1000, 1020.1, {}, "contradicted"),
        (1000, 1030, {"rel_close": 0.05}, "close"),
        (2.0, 2.5, {"rounding": 1}, "reproduced"),  # "2%" covers 1.5 … 2.5
        (2.0, 2.6, {"rounding": 1, "abs_close": 1}, "close"),
        (2.0, 0.29, {"rounding": 1, "abs_close": 1}, "contradicted"),
        (1000, None, {}, "not checkable with open data"),
        (None, 1000, {}, "not checkable with open data"),
        (1000, float("nan"), {}, "not checkable with open data"),
    ],
)
def test_verdict_boundaries(claimed, ours, kwargs, expected):
    result = verdicts.verdict(claimed, ours, **kwargs)
    assert result == expected and result in VERDICTS


def test_ratio_verdict_margins():
    assert verdicts.ratio_verdict(verdicts.ratio_check(1.9, 1)) == "reproduced"
    assert verdicts.ratio_verdict(verdicts.ratio_check(2.13, 1)) == "close"
    assert verdicts.ratio_verdict(verdicts.ratio_check(2.2, 1)) == "close"
    assert verdicts.ratio_verdict(verdicts.ratio_check(2.21, 1)) == "contradicted"
    assert verdicts.ratio_verdict(verdicts.ratio_check(1.55, 1), margin=0.3) == "close"
    assert verdicts.ratio_verdict(verdicts.ratio_check(1.55, 1)) == "contradicted"


def test_ratio_check_ranges():
    article = verdicts.ratio_check(91_380, 42_569)
    assert article.ratio == pytest.approx(2.1466, abs=1e-4) and not article.within
    assert verdicts.ratio_check(2.0, 1.0).within and verdicts.ratio_check(1.8, 1.0).within
    assert not verdicts.ratio_check(1.79, 1.0).within
    assert verdicts.ratio_check(91_380, 42_569, "more than double").within
    with pytest.raises(KeyError, match="no stated range"):
        verdicts.ratio_check(1, 1, "roughly thrice")


def test_effect_verdict():
    assert verdicts.effect_verdict(result(0.7, 0.9), [result(0.8, 0.95)]) == "reproduced"
    assert verdicts.effect_verdict(result(0.7, 0.9), [result(0.8, 1.05)]) == (
        "unsupported by the evidence")
    assert verdicts.effect_verdict(result(0.7, 0.9, pretrend_p=0.01)) == (
        "unsupported by the evidence")
    assert verdicts.effect_verdict(result(0.7, 0.9, pretrend_p=np.nan)) == "reproduced"
    assert verdicts.effect_verdict(result(1.1, 1.3), [result(1.05, 1.2)]) == "contradicted"
    assert verdicts.effect_verdict(result(0.9, 1.1)) == "unsupported by the evidence"
