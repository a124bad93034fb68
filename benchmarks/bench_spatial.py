"""Time local Moran and Gi* with 9,999 permutations on ~650 units and on ~25,000 grid cells.

Layers: the 649 London wards of 2014 (real polygons, ``hotspots.geography.wards_2014``) and a
250 m square grid over London (``square_grid(london_outline(), 250)``, ~25,000 cells); without
the data folder, synthetic square lattices of 26 x 25 and 158 x 158 cells stand in.

Prints one row per step: seconds, the Python allocation peak (tracemalloc, MB) and the
process's resident-set high-water mark (getrusage maxrss, MB; loky workers not included).
The first rows time esda's numba JIT compilation, paid once per process (and, with
``n_jobs=2``, once per worker process). Run: ``python benchmarks/bench_spatial.py``.
"""

from __future__ import annotations

import resource
import time
import tracemalloc
from collections.abc import Callable
from functools import partial

import geopandas as gpd
import numpy as np
import shapely

from hotspots.geo import grids
from hotspots.config import data_dir
from hotspots.io import boundaries as geography
from hotspots.stats.spatial import WeightsSpec, contiguity, local_gi_star, local_moran

PERMUTATIONS = 9_999
N_JOBS = (1, 2)


def lattice(nx: int, ny: int, size: float = 250.0) -> gpd.GeoDataFrame:
    x, y = (a.ravel() * size for a in np.meshgrid(np.arange(nx), np.arange(ny)))
    return gpd.GeoDataFrame(
        {"cell_id": np.arange(nx * ny)}, geometry=shapely.box(x, y, x + size, y + size), crs=27700
    )


def layers() -> list[tuple[str, Callable[[], gpd.GeoDataFrame], str]]:
    if (data_dir() / geography.STAT_GIS_ZIP).exists():
        return [
            ("London wards 2014", geography.wards_2014, "ward_code"),
            (
                "250 m grid over London",
                lambda: grids.square_grid(geography.london_outline(), 250.0),
                "cell_id",
            ),
        ]
    return [
        ("synthetic 26 x 25 lattice", lambda: lattice(26, 25), "cell_id"),
        ("synthetic 158 x 158 lattice", lambda: lattice(158, 158), "cell_id"),
    ]


def measure(step: Callable[[], object]) -> tuple[object, tuple[float, float, float]]:
    """``step()``'s result and (seconds, tracemalloc peak MB, maxrss MB)."""
    tracemalloc.start()
    start = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result, (seconds, peak, maxrss)


def statistics(spec: WeightsSpec, values: np.ndarray, permutations: int, n_jobs: int) -> dict:
    kwargs = {"permutations": permutations, "seed": 1, "n_jobs": n_jobs}
    return {
        "local Moran": lambda: local_moran(values, spec.with_transform("R"), **kwargs),
        "Gi*": lambda: local_gi_star(values, spec, **kwargs),
    }


def main() -> None:
    rng = np.random.default_rng(0)
    rows: list[tuple[str, str, int, int, tuple[float, float, float]]] = []
    warm = contiguity(lattice(5, 5), "queen", transform="B", id_column="cell_id")
    for n_jobs in N_JOBS:
        for name, step in statistics(warm, rng.gamma(2.0, size=25), 9, n_jobs).items():
            timing = measure(step)[1]
            rows.append((f"{name}: first call (JIT)", "5 x 5 lattice", 25, n_jobs, timing))
    for label, load, id_column in layers():
        frame = load()
        spec, timing = measure(
            partial(contiguity, frame, "queen", transform="B", id_column=id_column)
        )
        rows.append(("queen weights", label, len(frame), 1, timing))
        values = rng.negative_binomial(2, 0.1, size=len(frame)).astype(float)
        for n_jobs in N_JOBS:
            for name, step in statistics(spec, values, PERMUTATIONS, n_jobs).items():
                step_name = f"{name}, {PERMUTATIONS:,} perms"
                rows.append((step_name, label, len(frame), n_jobs, measure(step)[1]))
    print(
        f"{'step':<32} {'layer':<26} {'units':>7} {'jobs':>4} {'s':>8} {'py MB':>7} {'rss MB':>7}"
    )
    for step, layer, n, jobs, (seconds, peak, rss) in rows:
        print(f"{step:<32} {layer:<26} {n:>7,} {jobs:>4} {seconds:>8.2f} {peak:>7.1f} {rss:>7.0f}")


if __name__ == "__main__":
    main()
