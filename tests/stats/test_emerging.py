"""Mann-Kendall trends and the ArcGIS emerging hot spot categories on hand-built series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hotspots.stats.emerging import CATEGORIES, classify_emerging, emerging_hot_spots, mann_kendall

STEPS = 10


def test_mann_kendall_finds_planted_trends_and_not_white_noise():
    rng = np.random.default_rng(11)
    t = np.arange(24)
    series = np.vstack(
        [
            0.3 * t + rng.normal(0, 1, 24),
            -0.3 * t + rng.normal(0, 1, 24),
            rng.normal(0, 1, 24),
        ]
    )
    result = mann_kendall(pd.DataFrame(series, index=["up", "down", "noise"]))
    assert result["trend"].tolist() == ["increasing", "decreasing", "no trend"]
    assert result.loc["up", "p_value"] < 0.001 and result.loc["up", "tau"] > 0.5
    assert result.loc["noise", "p_value"] > 0.05
    assert result.loc["up", "slope"] == pytest.approx(0.3, abs=0.1)


def _steps(*indices: int) -> list[bool]:
    return [i in indices for i in range(STEPS)]


EVERY = tuple(range(STEPS))
CASES = {
    # name: (hot steps, cold steps, trend)
    "New Hot Spot": (_steps(9), _steps(), 0),
    "Consecutive Hot Spot": (_steps(7, 8, 9), _steps(), 0),
    "Intensifying Hot Spot": (_steps(*EVERY), _steps(), 1),
    "Persistent Hot Spot": (_steps(*range(1, STEPS)), _steps(), 0),  # 9 of 10 = 90%
    "Diminishing Hot Spot": (_steps(*EVERY), _steps(), -1),
    "Sporadic Hot Spot": (_steps(2, 5, 8, 9), _steps(), 0),
    "Oscillating Hot Spot": (_steps(5, 9), _steps(1), 0),
    "Historical Hot Spot": (_steps(*range(9)), _steps(), 0),
    "New Cold Spot": (_steps(), _steps(9), 0),
    "Consecutive Cold Spot": (_steps(), _steps(8, 9), 0),
    "Intensifying Cold Spot": (_steps(), _steps(*EVERY), -1),  # z falling: colder
    "Persistent Cold Spot": (_steps(), _steps(*EVERY), 0),
    "Diminishing Cold Spot": (_steps(), _steps(*EVERY), 1),
    "Sporadic Cold Spot": (_steps(), _steps(0, 9), 0),
    "Oscillating Cold Spot": (_steps(3), _steps(6, 9), 0),
    "Historical Cold Spot": (_steps(), _steps(*range(9)), 0),
    "No Pattern Detected": (_steps(3), _steps(), 0),
}


@pytest.mark.parametrize("expected", list(CASES))
def test_each_category_on_a_series_built_for_it(expected):
    hot, cold, trend = CASES[expected]
    assert classify_emerging([hot], [cold], [trend])[0] == expected


def test_the_cases_cover_every_category_at_once():
    hot, cold, trend = zip(*CASES.values(), strict=True)
    result = classify_emerging(np.array(hot), np.array(cold), np.array(trend))
    assert result.tolist() == list(CASES)
    assert set(result) == set(CATEGORIES)


@pytest.mark.parametrize(
    ("hot", "cold", "trend", "expected"),
    [
        # 8 of 10 hot in one final run: under 90%, so consecutive rather than persistent
        (_steps(*range(2, STEPS)), _steps(), 0, "Consecutive Hot Spot"),
        # the same 8 with a gap: sporadic
        (_steps(0, 1, 2, 3, 5, 6, 7, 9), _steps(), 1, "Sporadic Hot Spot"),
        # hot at 90% and a trend, but the final step not hot: historical, whatever the trend
        (_steps(*range(9)), _steps(), 1, "Historical Hot Spot"),
        # a trend alone makes no hot spot
        (_steps(), _steps(), 1, "No Pattern Detected"),
        # first hot step now, after a cold spot: oscillating (decided), not new
        (_steps(9), _steps(4), 0, "Oscillating Hot Spot"),
        # cold now after 90% hot steps: the final step decides the side
        (_steps(*range(9)), _steps(9), 0, "Oscillating Cold Spot"),
        # 90% hot with one earlier cold step, final hot: persistent (oscillating needs < 90%)
        (_steps(*range(1, STEPS)), _steps(0), 0, "Persistent Hot Spot"),
    ],
)
def test_boundaries_between_categories(hot, cold, trend, expected):
    assert classify_emerging([hot], [cold], [trend])[0] == expected


def test_classify_rejects_a_bin_both_hot_and_cold():
    with pytest.raises(ValueError):
        classify_emerging([_steps(1)], [_steps(1)], [0])


def test_emerging_hot_spots_from_z_and_p():
    t = np.arange(12)
    z = pd.DataFrame(
        [
            3 + 0.5 * t,  # always significant and rising
            np.r_[np.zeros(10), 3.0, 3.5],  # significant only in the last two steps
            -3 - 0.5 * t,  # always cold and falling
            np.zeros(12),  # nothing
        ],
        index=["rising", "recent", "cold", "flat"],
    )
    p = pd.DataFrame(np.where(np.abs(z) > 2, 0.01, 0.5), index=z.index)
    result = emerging_hot_spots(z, p)
    assert result["category"].tolist() == [
        "Intensifying Hot Spot",
        "Consecutive Hot Spot",
        "Intensifying Cold Spot",
        "No Pattern Detected",
    ]
    assert list(result.index) == list(z.index)
    assert list(result["category"].cat.categories) == list(CATEGORIES)
    assert result.loc["rising", "share_hot"] == 1.0
    assert result.loc["recent", "share_hot"] == pytest.approx(2 / 12)
    assert result.loc["cold", "trend"] == "decreasing"
