"""Rates per 1,000, Empirical Bayes smoothing and Moran's I for rates."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from libpysal import examples

from hotspots.stats.spatial import (
    contiguity,
    crude_rate,
    eb_standardised_rate,
    empirical_bayes_rate,
    global_moran,
    moran_rate,
)

EVENTS = np.array([0.0, 3.0, 10.0, 2.0, 40.0])
POPULATION = np.array([500.0, 1500.0, 2000.0, 4000.0, 10000.0])


@pytest.fixture(scope="module")
def sids():
    frame = gpd.read_file(examples.get_path("sids2.shp"))
    return frame, contiguity(frame, "rook", transform="R", id_column="FIPS")


def test_crude_rate_per_thousand():
    assert np.allclose(crude_rate(EVENTS, POPULATION), [0.0, 2.0, 5.0, 0.5, 4.0])
    assert np.allclose(crude_rate([1], [200], per=100_000), [500.0])


def test_empirical_bayes_matches_marshall_formula():
    # Marshall (1991): m = sum e / sum b; s2 = sum b (r - m)^2 / sum b - m / mean(b);
    # each rate moves to m + s2 / (s2 + m / b_i) * (r_i - m).
    r = EVENTS / POPULATION
    m = EVENTS.sum() / POPULATION.sum()
    s2 = (POPULATION * (r - m) ** 2).sum() / POPULATION.sum() - m / POPULATION.mean()
    expected = (m + s2 / (s2 + m / POPULATION) * (r - m)) * 1000
    smoothed = empirical_bayes_rate(EVENTS, POPULATION)
    assert np.allclose(smoothed, expected)
    # Shrinkage towards m is strongest for the smallest population.
    shrink = (smoothed / 1000 - m) / (r - m)
    assert np.all(np.diff(shrink) > 0)


def test_eb_standardised_rate_matches_assuncao_reis():
    r = EVENTS / POPULATION
    m = EVENTS.sum() / POPULATION.sum()
    s2 = (POPULATION * (r - m) ** 2).sum() / POPULATION.sum()
    v = s2 - m / POPULATION.mean() + m / POPULATION
    assert np.allclose(eb_standardised_rate(EVENTS, POPULATION), (r - m) / np.sqrt(v))


def test_counts_are_checked():
    with pytest.raises(ValueError, match="not positive"):
        crude_rate([1, 2], [100, 0])
    with pytest.raises(ValueError, match="non-negative"):
        empirical_bayes_rate([-1, 2], [100, 100])
    with pytest.raises(ValueError, match="2 event counts for 3"):
        crude_rate([1, 2], [1, 2, 3])


def test_moran_rate_reproduces_esda_documented_sids_value(sids):
    frame, rook = sids
    e, b = frame["SID79"].to_numpy(), frame["BIR79"].to_numpy()
    result = moran_rate(e, b, rook, permutations=0)
    # esda's Moran_Rate docstring: I = 0.1662, one-tailed p_norm = 0.0042 (sids2, rook).
    assert result.moran_i == pytest.approx(0.1662, abs=5e-5)
    assert result.p_normality / 2 == pytest.approx(0.0042, abs=5e-5)
    assert "EB-standardised rate" in result.caption()


def test_moran_rate_equals_moran_of_the_rate_variable(sids):
    frame, rook = sids
    e, b = frame["SID79"].to_numpy(), frame["BIR79"].to_numpy()
    eb = moran_rate(e, b, rook, permutations=99, seed=5)
    assert eb.moran_i == pytest.approx(global_moran(eb_standardised_rate(e, b), rook).moran_i)
    crude = moran_rate(e, b, rook, adjusted=False, permutations=0)
    assert crude.moran_i == pytest.approx(global_moran(e / b, rook, permutations=0).moran_i)
    assert eb.meta.seed == 5 and eb.p_permutation is not None


def test_moran_rate_aligns_series_by_id(sids):
    frame, rook = sids
    events = pd.Series(frame["SID79"].to_numpy(), index=frame["FIPS"])[::-1]
    births = pd.Series(frame["BIR79"].to_numpy(), index=frame["FIPS"])
    aligned = moran_rate(events, births, rook, permutations=0)
    plain = moran_rate(frame["SID79"].to_numpy(), frame["BIR79"].to_numpy(), rook, permutations=0)
    assert aligned.moran_i == pytest.approx(plain.moran_i)
