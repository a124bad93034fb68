"""Spatial kernels: Gi* and local Moran with 9,999 permutations, and how Gi* scales with n.

1. **Kernels** on ~26,000 cells (the 250 m grid over London when the data folder has the
   boundaries, else a 161 x 161 lattice), in a fresh process: queen weights, then Gi* and
   local Moran (``hotspots.stats.spatial``, seed 1, ``n_jobs=1``) twice each. The first call
   pays numba's compilation, or its load from ``NUMBA_CACHE_DIR``; the second is warm. Then
   the same Gi* through :func:`hotspots.io.cache.cached_result`: a miss (compute + write)
   and a hit (read).
2. **Scaling**: Gi* (esda ``G_Local``, ``star=True``, 9,999 permutations, one core) on square queen
   lattices (libpysal ``lat2W``) from 10,000 to 1,000,000 cells, each size in a fresh process
   after a small warm-up call (numba compilation, not counted): seconds for the weights and
   for Gi*, and the process's peak resident memory. A size is skipped, with the reason, when
   a power-law fit of the sizes before it predicts more than ``--budget`` seconds or more
   memory than is free, and stopped if it runs past the budget.

Prints tables; asserts nothing about time. ``--quick``: the kernels, and scaling at 10,000
and 40,000 cells. Run: ``make benchmark`` (``make benchmark-quick``).
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from queue import Empty

import numpy as np

PERMUTATIONS = 9_999
SEED = 1
SIZES = (10_000, 30_000, 100_000, 300_000, 1_000_000)
QUICK_SIZES = (10_000, 40_000)
BUDGET_SECONDS = 300.0
WARM_UP_TIMEOUT = 600.0  # numba compiling esda's kernels on a busy machine


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seconds(step: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = step()
    return result, time.perf_counter() - start


# --- 1. kernels -------------------------------------------------------------------------------


def _kernels(out: mp.Queue) -> None:
    """In a fresh process: the rows of the kernel table."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    from hotspots.config import CACHE_ENV, data_dir
    from hotspots.geo import grids
    from hotspots.io import boundaries
    from hotspots.io.cache import cached_result
    from hotspots.stats.spatial import contiguity, local_gi_star, local_moran

    if (data_dir() / boundaries.STAT_GIS_ZIP).exists():
        layer = "250 m grid over London"
        frame = grids.square_grid(boundaries.london_outline(), 250.0)
        id_column = "cell_id"
    else:
        layer, side = "161 x 161 lattice", 161
        x, y = (a.ravel() * 250.0 for a in np.meshgrid(np.arange(side), np.arange(side)))
        frame = gpd.GeoDataFrame({"cell_id": np.arange(side * side)},
                                 geometry=shapely.box(x, y, x + 250, y + 250), crs=27700)
        id_column = "cell_id"
    rows = []
    binary, build = seconds(lambda: contiguity(frame, "queen", transform="B",
                                               id_column=id_column))
    rows.append(("queen weights", build))
    row = binary.with_transform("R")
    values = np.random.default_rng(0).negative_binomial(2, 0.1, size=binary.n).astype(float)
    options = {"permutations": PERMUTATIONS, "seed": SEED}
    for label in ("first call", "warm call"):
        rows.append((f"Gi*, {label}", seconds(lambda: local_gi_star(values, binary, **options))[1]))
        rows.append((f"local Moran, {label}",
                     seconds(lambda: local_moran(values, row, **options))[1]))
    with tempfile.TemporaryDirectory() as cache:
        os.environ[CACHE_ENV] = cache

        def cached() -> pd.DataFrame:
            return cached_result(
                "bench-gi-star",
                inputs={"values": values, "weights": binary.to_w().sparse},
                params=options,
                build=lambda: local_gi_star(values, binary, **options).to_frame(),
            )

        rows.append(("Gi* via cached_result, miss", seconds(cached)[1]))
        rows.append(("Gi* via cached_result, hit", seconds(cached)[1]))
    out.put((layer, binary.n, rows, peak_mb()))


def kernels() -> None:
    context = mp.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_kernels, args=(queue,))
    child.start()
    layer, n, rows, peak = queue.get()
    child.join()
    print(f"Kernels: {layer}, {n:,} cells, {PERMUTATIONS:,} permutations, one process "
          f"(peak {peak:,.0f} MB); NUMBA_CACHE_DIR={os.environ.get('NUMBA_CACHE_DIR', '-')}")
    print(f"{'step':<32} {'seconds':>8}")
    for step, took in rows:
        print(f"{step:<32} {took:>8.2f}")
    first = sum(t for s, t in rows if s in ("Gi*, first call", "local Moran, first call"))
    warm = sum(t for s, t in rows if s in ("Gi*, warm call", "local Moran, warm call"))
    print(f"{'Gi* + local Moran, first calls':<32} {first:>8.2f}")
    print(f"{'Gi* + local Moran, warm calls':<32} {warm:>8.2f}")


# --- 2. scaling -------------------------------------------------------------------------------


def _scale(side: int, out: mp.Queue) -> None:
    """In a fresh process: weights and Gi* seconds on a side x side queen lattice."""
    import esda
    from libpysal.weights import lat2W

    def gi(w, values, permutations):
        return esda.G_Local(values, w, transform="B", permutations=permutations, star=True,
                            keep_simulations=False, seed=SEED, n_jobs=1)

    # Compile (or load) the kernels first; the parent's budget starts after this.
    out.put(seconds(lambda: gi(lat2W(5, 5, rook=False), np.arange(25.0), 9))[1])
    w, build = seconds(lambda: lat2W(side, side, rook=False))
    values = np.random.default_rng(0).negative_binomial(2, 0.1, size=side * side).astype(float)
    took = seconds(lambda: gi(w, values, PERMUTATIONS))[1]
    out.put((build, took, peak_mb()))


def _fit(points: list[tuple[int, float]], n: int) -> float:
    """Extrapolate y(n) with a power law through the last two points (linear if one)."""
    if len(points) == 1:
        (n0, y0), = points
        return y0 * n / n0
    (n0, y0), (n1, y1) = points[-2:]
    exponent = math.log(y1 / y0) / math.log(n1 / n0) if y0 > 0 and y1 > 0 else 1.0
    return y1 * (n / n1) ** exponent


def scaling(sizes: tuple[int, ...], budget: float) -> None:
    import psutil

    context = mp.get_context("spawn")
    print(f"\nScaling: Gi*, {PERMUTATIONS:,} permutations, square queen lattices, one process "
          f"per size (budget {budget:.0f} s a size)")
    print(f"{'cells':>10} {'weights s':>10} {'Gi* s':>9} {'us/cell':>8} {'peak MB':>8}  note")
    times: list[tuple[int, float]] = []
    memory: list[tuple[int, float]] = []
    for target in sizes:
        side = round(math.sqrt(target))
        n = side * side
        free = psutil.virtual_memory().available / 2**20
        if times:
            guess_s = _fit(times, n)
            guess_mb = _fit(memory, n)
            if guess_s > budget or guess_mb > 0.8 * free:
                print(f"{n:>10,} {'':>10} {'':>9} {'':>8} {'':>8}  skipped: predicted "
                      f"{guess_s:,.0f} s and {guess_mb:,.0f} MB ({free:,.0f} MB free)")
                continue
        queue = context.Queue()
        child = context.Process(target=_scale, args=(side, queue))
        child.start()
        try:
            compiled = queue.get(timeout=WARM_UP_TIMEOUT)
            build, took, peak = queue.get(timeout=budget)
        except Empty:
            child.terminate()
            child.join()
            print(f"{n:>10,} {'':>10} {'':>9} {'':>8} {'':>8}  stopped after {budget:.0f} s")
            break
        child.join()
        times.append((n, build + took))
        memory.append((n, peak))
        print(f"{n:>10,} {build:>10.1f} {took:>9.1f} {took / n * 1e6:>8.0f} {peak:>8,.0f}  "
              f"(warm-up call {compiled:.0f} s)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="kernels and two small sizes")
    parser.add_argument("--budget", type=float, default=BUDGET_SECONDS,
                        help="seconds allowed for one size (default: %(default)s)")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # rows appear as they are measured
    kernels()
    scaling(QUICK_SIZES if args.quick else SIZES, args.budget)


if __name__ == "__main__":
    main()
