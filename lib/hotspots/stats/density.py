"""Kernel density surfaces of point records (records per hectare)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.neighbors import KernelDensity

HECTARE_M2 = 10_000.0


@dataclass(frozen=True)
class Surface:
    """A kernel density surface: ``density[i, j]`` at (``x[j]``, ``y[i]``), records per hectare."""

    x: np.ndarray
    y: np.ndarray
    density: np.ndarray
    bandwidth: float
    cell: float

    def peak(self) -> tuple[float, float, float]:
        """(x, y, density) of the densest cell (first in row order on ties)."""
        i, j = np.unravel_index(int(np.nanargmax(self.density)), self.density.shape)
        return float(self.x[j]), float(self.y[i]), float(self.density[i, j])

    def within(self, cx: float, cy: float, radius: float) -> Surface:
        """The surface with cells whose centre lies beyond ``radius`` of (cx, cy) set to NaN."""
        xx, yy = np.meshgrid(self.x, self.y)
        inside = np.hypot(xx - cx, yy - cy) <= radius
        return Surface(self.x, self.y, np.where(inside, self.density, np.nan), self.bandwidth,
                       self.cell)

    def extent(self) -> tuple[float, float, float, float]:
        """(left, right, bottom, top) cell edges, for ``imshow``."""
        half = self.cell / 2
        return (self.x[0] - half, self.x[-1] + half, self.y[0] - half, self.y[-1] + half)


def kde_surface(
    x: np.ndarray,
    y: np.ndarray,
    weights: np.ndarray | None,
    bandwidth: float,
    cell: float,
    bounds: tuple[float, float, float, float],
) -> Surface:
    """Gaussian kernel density (isotropic, s.d. ``bandwidth`` metres) on a ``cell``-metre grid.

    ``bounds`` = (minx, miny, maxx, maxy); cell centres start half a cell inside. Fitted with
    scikit-learn's ``KernelDensity`` (exact sums); the density is scaled to records per
    hectare, so it integrates to the total weight.
    """
    if bandwidth <= 0 or cell <= 0:
        raise ValueError("bandwidth and cell must be positive")
    points = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
    w = np.ones(len(points)) if weights is None else np.asarray(weights, float)
    model = KernelDensity(kernel="gaussian", bandwidth=bandwidth).fit(points, sample_weight=w)
    minx, miny, maxx, maxy = bounds
    gx = np.arange(minx + cell / 2, maxx, cell)
    gy = np.arange(miny + cell / 2, maxy, cell)
    xx, yy = np.meshgrid(gx, gy)
    log = model.score_samples(np.column_stack([xx.ravel(), yy.ravel()]))
    density = np.exp(log).reshape(xx.shape) * w.sum() * HECTARE_M2
    return Surface(gx, gy, density, float(bandwidth), float(cell))
