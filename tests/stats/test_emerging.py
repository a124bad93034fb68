"""Mann-Kendall trends and the ArcGIS emerging hot spot categories on hand-built series."""

from __future__ import annotations

import lattices as lat
import numpy as np
import pandas as pd
import pytest

from hotspots.stats.emerging import (
    CATEGORIES,
    EmergingResult,
    GiSeries,
    classify_emerging,
    emerging_categories,
    emerging_hot_spots,
    gi_star_by_period,
    mann_kendall,
)
from hotspots.stats.spatial import HotSpotPolicy, hot_spot_weights

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


# --- Gi* per time step with the hot-spot policy, and the space-time options ---------------------


@pytest.fixture(scope="module")
def cube():
    """A 6 x 6 lattice over 6 steps; a hot 3 x 3 corner from step 3; c35 without data in step 1."""
    squares = lat.grid(6, 6)
    weights = hot_spot_weights(squares, id_column="id")
    rng = np.random.default_rng(5)
    matrix = pd.DataFrame(rng.poisson(3, (36, 6)).astype(float),
                          index=pd.Index(squares["id"], name="unit"),
                          columns=pd.period_range("2024-01", periods=6, freq="M"))
    corner = ["c0", "c1", "c2", "c6", "c7", "c8", "c12", "c13", "c14"]
    matrix.loc[corner, matrix.columns[3:]] = 60
    matrix.loc["c35", matrix.columns[1]] = np.nan
    return matrix, weights


def test_each_step_is_the_hot_spot_policy(cube):
    matrix, weights = cube
    series = gi_star_by_period(matrix, weights, policy=HotSpotPolicy(base_permutations=999))
    for step in (matrix.columns[1], matrix.columns[4]):
        direct = HotSpotPolicy(base_permutations=999).run(matrix[step], weights)
        np.testing.assert_array_equal(series.z[step], direct.z)
        np.testing.assert_array_equal(series.p_adjusted[step], direct.p_adjusted)
    assert series.labels.loc["c35", matrix.columns[1]] == "No data"
    assert series.hot.loc["c7", matrix.columns[4]] and not series.hot.loc["c7", matrix.columns[0]]
    assert series.settings["time_steps"] == 0 and series.settings["window"] == "slice"
    assert "neighbourhood time step 0, global window: slice" in series.caption()


def test_space_time_neighbourhood_and_cube_window_follow_the_gi_star_formula(cube):
    """time_steps=1 adds the previous step's bins of the unit and its neighbours; the cube
    window takes the mean and SD of every bin. z checked against the Ord-Getis formula."""
    matrix, weights = cube
    values = matrix.to_numpy()
    series = gi_star_by_period(matrix, weights, policy=HotSpotPolicy(base_permutations=999),
                               time_steps=1, window="cube")
    i, t = 21, 3  # c21 in step 3
    ids = list(weights.ids)
    near = [ids.index(j) for j in weights.neighbors["c21"]]
    bins = [values[j, s] for s in (2, 3) for j in (*near, i) if (j, s) != (i, t)]
    pool = values[~np.isnan(values)]
    n, w = pool.size, len(bins) + 1
    local = values[i, t] + sum(bins)
    z = (local - pool.mean() * w) / (pool.std() * np.sqrt((n * w - w**2) / (n - 1)))
    assert series.z.iloc[i, t] == pytest.approx(z)
    assert series.settings["time_steps"] == 1 and series.settings["window"] == "cube"
    sliced = gi_star_by_period(matrix, weights, policy=HotSpotPolicy(base_permutations=999),
                               time_steps=1, window="slice")
    assert sliced.z.iloc[i, t] != pytest.approx(z)


def test_emerging_categories_state_their_settings_and_round_trip(cube, tmp_path):
    matrix, weights = cube
    series = gi_star_by_period(matrix, weights, policy=HotSpotPolicy(base_permutations=999))
    result = emerging_categories(series)
    assert result.units.loc["c7", "category"] == "Consecutive Hot Spot"
    never = ~series.hot.any(axis=1) & ~series.cold.any(axis=1)
    assert (result.units.loc[never, "trend"] == "not tested").all()
    mk = result.settings["mann_kendall"]
    assert mk["alternative"] == "two-sided" and mk["alpha"] == 0.05 and "tied" in mk["ties"]
    assert EmergingResult.from_frame(result.to_frame()) == result
    result.to_frame().to_parquet(tmp_path / "e.parquet")
    assert EmergingResult.from_frame(pd.read_parquet(tmp_path / "e.parquet")) == result


def test_emerging_categories_test_only_units_ever_significant():
    units = pd.Index(["a", "b", "c"], name="unit")
    z = pd.DataFrame([[3.0, 3.5, 4.0, 4.5, 5.0, 5.5], [0.1, -0.2, 0.3, 0.5, 0.7, 0.9],
                      [-2.5, 0.2, 0.1, 0.3, 2.9, 3.1]], index=units)
    p = pd.DataFrame([[0.001] * 6, [0.5] * 6, [0.01, 0.6, 0.7, 0.6, 0.02, 0.01]], index=units)
    series = GiSeries(z=z, p_adjusted=p, labels=p.astype(object), settings={"alpha": 0.05})
    result = emerging_categories(series).units
    full = emerging_hot_spots(z, p)
    assert result["category"].astype(str).tolist() == full["category"].astype(str).tolist()
    assert result["category"].astype(str).tolist() == [
        "Intensifying Hot Spot", "No Pattern Detected", "Oscillating Hot Spot"]
    assert result.loc["b", "trend"] == "not tested"
    assert result.loc["a", "trend_tau"] == pytest.approx(full.loc["a", "trend_tau"])
