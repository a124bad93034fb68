"""Tests for hotspots.geo.crs: British National Grid checks and conversions."""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Transformer

from hotspots.io import police_uk as pu


def test_bng_matches_an_independent_pyproj_call_at_charing_cross():
    # EPSG axis order (lat, lon) on purpose: checks that always_xy is applied correctly.
    expected = Transformer.from_crs("EPSG:4326", "EPSG:27700").transform(51.5074, -0.1278)
    x, y = pu.to_bng([-0.1278], [51.5074])
    assert x[0] == pytest.approx(expected[0], abs=1e-6)
    assert y[0] == pytest.approx(expected[1], abs=1e-6)
    assert 529_950 < x[0] < 530_100 and 180_300 < y[0] < 180_450  # OS map: TQ 300 803
    assert np.isnan(pu.to_bng([np.nan], [51.5])[0][0])  # not inf
