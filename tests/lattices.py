"""Small lattices and independent numpy formulas shared by the tests of ``hotspots.spatial``."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from hotspots.stats.spatial import GI_CLASSES, LocalResult, ResultMeta

BNG = "EPSG:27700"


def grid(nx: int, ny: int, size: float = 1.0, extra: dict | None = None) -> gpd.GeoDataFrame:
    """``nx`` x ``ny`` unit squares, ids ``c0``... row by row from the south-west corner.

    ``extra`` maps more ids to (x, y) lower-left corners of detached squares.
    """
    x, y = np.meshgrid(np.arange(nx) * size, np.arange(ny) * size)
    ids = [f"c{i}" for i in range(nx * ny)]
    xs, ys = list(x.ravel()), list(y.ravel())
    for unit, (ex, ey) in (extra or {}).items():
        ids.append(unit)
        xs.append(ex)
        ys.append(ey)
    xs, ys = np.array(xs, dtype=float), np.array(ys, dtype=float)
    cells = shapely.box(xs, ys, xs + size, ys + size)
    return gpd.GeoDataFrame({"id": ids}, geometry=cells, crs=BNG)


def voronoi(n: int, seed: int, extent: float = 10_000.0) -> gpd.GeoDataFrame:
    """About ``n`` irregular Voronoi cells of uniform random points in a square (metres)."""
    rng = np.random.default_rng(seed)
    points = shapely.multipoints(rng.uniform(0, extent, size=(n, 2)))
    frame = shapely.box(0, 0, extent, extent)
    cells = shapely.intersection(
        shapely.get_parts(shapely.voronoi_polygons(points, extend_to=frame)), frame
    )
    return gpd.GeoDataFrame({"id": [f"v{i}" for i in range(len(cells))]}, geometry=cells, crs=BNG)


def binary_matrix(spec) -> np.ndarray:
    """Dense 0/1 neighbour matrix in ``spec.ids`` order, built from the neighbour lists."""
    position = {unit: i for i, unit in enumerate(spec.ids)}
    dense = np.zeros((spec.n, spec.n))
    for unit, neighbours in spec.neighbors.items():
        for other in neighbours:
            dense[position[unit], position[other]] = 1.0
    return dense


def moran_i(x: np.ndarray, w: np.ndarray) -> float:
    """I = n / S0 * z'Wz / z'z."""
    z = x - x.mean()
    return len(x) / w.sum() * (z @ w @ z) / (z @ z)


def local_moran(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """esda's convention: I_i = (n - 1) z_i sum_j w_ij z_j / sum_j z_j^2."""
    z = x - x.mean()
    return (len(x) - 1) * z * (w @ z) / (z @ z)


def gi_star(x: np.ndarray, binary: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Getis-Ord Gi* (Ord & Getis 1995) with self-weight 1: (G*_i, z_i).

    z_i = (sum_j w_ij x_j - xbar W_i) / (S sqrt((n W_i - W_i^2) / (n - 1))), binary w, W_i the
    row sum including the unit itself, S the population standard deviation of x.
    """
    n = len(x)
    w = binary + np.eye(n)
    wi = w.sum(axis=1)
    s = np.sqrt((x**2).mean() - x.mean() ** 2)
    z = (w @ x - x.mean() * wi) / (s * np.sqrt((n * wi - wi**2) / (n - 1)))
    return w @ x / x.sum(), z


def spdep_localmoran(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """R spdep ``localmoran``: I_i = (z_i / m2) sum_j w_ij z_j, m2 = sum_j z_j^2 / n.

    esda divides by sum_j z_j^2 / (n - 1) instead, so esda's I_i = spdep's I_i * (n - 1) / n.
    """
    z = x - x.mean()
    return z / ((z @ z) / len(x)) * (w @ z)


def local_result(p, z, quadrant=None, labels=None, ids=None) -> LocalResult:
    """A hand-made local result with permutation p-values ``p`` (analytical p = p / 10)."""
    p, z = np.asarray(p, dtype=float), np.asarray(z, dtype=float)
    n = len(p)
    meta = ResultMeta(statistic="test", weights="w", transform="B", n=n, n_tested=n,
                      permutations=9_999, seed=1, p_kind="permutation", correction="fdr_bh",
                      alpha=0.05, null_hypothesis="H0")
    labels = np.array(labels if labels is not None else ["Not Significant"] * n, dtype=object)
    return LocalResult(
        ids=tuple(ids if ids is not None else [f"u{i}" for i in range(n)]), values=np.ones(n),
        statistic=z, expected=np.zeros(n), z=z, p_analytical=p / 10, p_permutation=p,
        p_permutation_directed=p / 2, p=p, p_adjusted=p, labels=labels,
        class_order=GI_CLASSES, meta=meta,
        quadrant=None if quadrant is None else np.array(quadrant, dtype=object))
