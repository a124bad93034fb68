"""Weighted Displacement Quotient (Bowers & Johnson 2003) on hand-derived worked examples.

No published worked example is reproduced here: the numbers below are derived by hand from the
formulas in Bowers & Johnson (2003), J. Quant. Criminol. 19(3) 275-301, and Guerette (2009),
POP Center Tool Guide No. 10, Appendix B (success measure SM = A_a/C_a - A_b/C_b, buffer
displacement measure BDM = B_a/C_a - B_b/C_b, WDQ = BDM/SM,
TNE = [A_b (C_a/C_b) - A_a] + [B_b (C_a/C_b) - B_a]). Each example's arithmetic is shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hotspots.months import MonthSpan
from hotspots.stats.evaluation.displacement import displacement_from_panel, weighted_displacement


def test_diffusion_of_benefits_with_a_flat_control():
    # A: 100 -> 60, B: 80 -> 70, C: 200 -> 200.
    # SM = 60/200 - 100/200 = -0.20; BDM = 70/200 - 80/200 = -0.05; WDQ = 0.25.
    # TNE = (100 * 1 - 60) + (80 * 1 - 70) = 40 + 10 = 50 crimes prevented.
    result = weighted_displacement(100, 60, 80, 70, 200, 200)
    assert result.success_measure == pytest.approx(-0.20)
    assert result.buffer_displacement == pytest.approx(-0.05)
    assert result.wdq == pytest.approx(0.25)
    assert result.total_net_effect == pytest.approx(50.0)
    assert result.interpretation == "diffusion of benefits"


def test_displacement_smaller_than_the_benefit_with_a_falling_control():
    # A: 120 -> 72, B: 90 -> 108, C: 400 -> 360 (control trend 0.9).
    # SM = 72/360 - 120/400 = 0.200 - 0.300 = -0.100; BDM = 108/360 - 90/400 = 0.075;
    # WDQ = 0.075 / -0.100 = -0.75; TNE = (120*0.9 - 72) + (90*0.9 - 108) = 36 - 27 = 9.
    result = weighted_displacement(120, 72, 90, 108, 400, 360)
    assert result.success_measure == pytest.approx(-0.100)
    assert result.buffer_displacement == pytest.approx(0.075)
    assert result.wdq == pytest.approx(-0.75)
    assert result.total_net_effect == pytest.approx(9.0)
    assert result.interpretation == "displacement, smaller than the direct effect (net benefit)"


def test_displacement_larger_than_the_benefit():
    # A: 100 -> 90, B: 100 -> 130, C: 100 -> 100. SM = -0.1, BDM = 0.3, WDQ = -3,
    # TNE = 10 - 30 = -20: more crime in A and B together than the control trend implies.
    result = weighted_displacement(100, 90, 100, 130, 100, 100)
    assert result.wdq == pytest.approx(-3.0)
    assert result.total_net_effect == pytest.approx(-20.0)
    assert result.interpretation == "displacement larger than the direct effect (net loss)"


def test_diffusion_larger_than_the_direct_effect():
    # A: 50 -> 45, B: 200 -> 150, C: 100 -> 100. SM = -0.05, BDM = -0.5, WDQ = 10.
    result = weighted_displacement(50, 45, 200, 150, 100, 100)
    assert result.wdq == pytest.approx(10.0)
    assert result.interpretation == "diffusion of benefits larger than the direct effect"


def test_no_success_means_no_reading_of_the_wdq():
    # A rose as fast as C: SM = 110/110 - 100/100 = 0, so the WDQ is undefined.
    result = weighted_displacement(100, 110, 50, 40, 100, 110)
    assert result.success_measure == pytest.approx(0.0, abs=1e-12)
    assert np.isnan(result.wdq)
    assert result.interpretation.startswith("no success")


def test_invalid_counts_are_rejected():
    with pytest.raises(ValueError, match="control area"):
        weighted_displacement(10, 5, 10, 5, 0, 10)
    with pytest.raises(ValueError, match="non-negative"):
        weighted_displacement(-1, 5, 10, 5, 10, 10)


def test_panel_version_sums_areas_and_periods():
    # The second worked example, spread over units and months: before = 2024-01..02,
    # after = 2024-04..05 (March is a gap and is ignored).
    months = pd.PeriodIndex(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"], freq="M")
    counts = {
        "hot": ([60, 60, 999, 36, 36], True),
        "ring1": ([20, 25, 999, 30, 24], False),
        "ring2": ([25, 20, 999, 30, 24], False),
        "far1": ([100, 100, 999, 90, 90], False),
        "far2": ([100, 100, 999, 90, 90], False),
    }
    panel = pd.DataFrame(
        [
            (unit, month, count, treated)
            for unit, (series, treated) in counts.items()
            for month, count in zip(months, series, strict=True)
        ],
        columns=["unit", "month", "count", "treated"],
    )
    panel["month"] = pd.PeriodIndex(panel["month"], freq="M")
    before, after = MonthSpan(months[0], months[1]), MonthSpan(months[3], months[4])
    result = displacement_from_panel(panel, ["ring1", "ring2"], before=before, after=after)
    assert result.counts == {
        "a_before": 120.0,
        "a_after": 72.0,
        "b_before": 90.0,
        "b_after": 108.0,
        "c_before": 400.0,
        "c_after": 360.0,
    }
    assert result.wdq == pytest.approx(-0.75)
    with pytest.raises(ValueError, match="cannot also be treated"):
        displacement_from_panel(panel, ["hot"], before, after)
    with pytest.raises(ValueError, match="not in the panel"):
        displacement_from_panel(panel, ["nowhere"], before, after)
