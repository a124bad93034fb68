"""Tests for hotspots.stats.evaluation.panel: unit x month panels, treated and comparison groups."""

from __future__ import annotations

import pandas as pd
import pytest

from hotspots.stats.evaluation.panel import (
    check_panel,
    simulate_panel,
)

START = pd.Period("2024-01", freq="M")


def _panel(**changes) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "unit": ["a", "a", "b", "b"],
            "month": pd.PeriodIndex(["2024-01", "2024-02"] * 2, freq="M"),
            "count": [1, 2, 3, 4],
            "treated": [True, True, False, False],
        }
    )
    return frame.assign(**changes)


def test_check_panel_sorts_and_types_a_valid_panel():
    frame = check_panel(_panel().iloc[::-1])
    assert list(frame["unit"]) == ["a", "a", "b", "b"]
    assert list(frame["count"]) == [1.0, 2.0, 3.0, 4.0]
    assert frame["treated"].dtype == bool


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (_panel().drop(columns="treated"), "lacks columns"),
        (_panel(month=["2024-01", "2024-02"] * 2), "Period"),
        (_panel(count=[1, -1, 3, 4]), "non-negative"),
        (_panel(count=[1, None, 3, 4]), "non-negative"),
        (_panel(month=pd.PeriodIndex(["2024-01"] * 4, freq="M")), "more than one row"),
        (_panel(treated=[True, False, False, False]), "varies within a unit"),
    ],
)
def test_check_panel_rejects_bad_panels(frame, message):
    with pytest.raises(ValueError, match=message):
        check_panel(frame)


def test_simulated_panel_has_the_planted_effect_in_expectation():
    panel = simulate_panel(
        n_treated=50,
        n_control=50,
        start=START,
        months_pre=6,
        months_post=6,
        baseline_mean=40.0,
        effect=-0.25,
        seed=1,
    )
    assert len(panel) == 100 * 12
    assert panel["month"].min() == START - 6 and panel["month"].max() == START + 5
    post = panel["month"] >= START
    means = panel.groupby([panel["treated"], post])["count"].mean()
    assert means[(True, True)] / means[(True, False)] == pytest.approx(0.75, abs=0.02)
    assert means[(False, True)] / means[(False, False)] == pytest.approx(1.0, abs=0.02)
    again = simulate_panel(
        n_treated=50,
        n_control=50,
        start=START,
        months_pre=6,
        months_post=6,
        baseline_mean=40.0,
        effect=-0.25,
        seed=1,
    )
    pd.testing.assert_frame_equal(panel, again)


def test_simulated_dispersion_gives_negative_binomial_variance():
    panel = simulate_panel(
        n_treated=100,
        n_control=100,
        start=START,
        months_pre=12,
        months_post=12,
        baseline_mean=10.0,
        dispersion=0.5,
        seed=2,
    )
    counts = panel["count"]
    assert counts.mean() == pytest.approx(10.0, rel=0.03)
    assert counts.var() == pytest.approx(10.0 + 0.5 * 100.0, rel=0.1)
