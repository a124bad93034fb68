"""Tests for hotspots.stats.density: kernel density surfaces of point records (per hectare)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from hotspots.stats import density


def test_kde_surface_density_units_peak_and_mask():
    h, cell = 50.0, 10.0
    one = density.kde_surface([0.0], [0.0], None, h, cell, (-5, -5, 5, 5))
    assert one.density.shape == (1, 1)
    assert one.density[0, 0] == pytest.approx(density.HECTARE_M2 / (2 * math.pi * h**2), rel=1e-3)
    # Weights count as records: the surface integrates to the total weight.
    box = (-400, -400, 600, 400)
    surface = density.kde_surface([0.0, 200.0], [0.0, 0.0], [3.0, 1.0], h, cell, box)
    assert surface.density.sum() * cell**2 / density.HECTARE_M2 == pytest.approx(4, rel=1e-3)
    x, y, value = surface.peak()
    assert (x, y) == (5.0, -5.0)  # nearest the heavier point, east of it; ties: south first
    assert surface.extent() == (-400, 600, -400, 400)
    masked = surface.within(0, 0, 100)
    assert np.isnan(masked.density).sum() > 0 and masked.peak() == (x, y, value)
    with pytest.raises(ValueError, match="positive"):
        density.kde_surface([0.0], [0.0], None, 0, cell, (-5, -5, 5, 5))
