"""First-call times of the hot-spot policy and of esda's Gi*, each in a fresh process.

Each scenario runs in a new Python process (like a new notebook kernel) with its own numba
cache folder (``HOTSPOTS_NUMBA_CACHE``): "cold" is an empty folder (everything compiles),
"warm" the same folder again (everything loads). Layers: square lattices (queen) of
lognormal-Poisson counts shaped like London's LSOA counts (median ~3, a few in the thousands)
with planted busy blocks, 71 x 70 = 4,970 and 161 x 161 = 25,921 cells.

    python benchmarks/bench_hot_spots.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import json, resource, sys, time
t0, c0 = time.perf_counter(), time.process_time()
import numpy as np
from hotspots.stats.spatial import hot_spots, local_gi_star
from hotspots.stats.spatial.weights import _diagnosed
out = {"import": time.perf_counter() - t0}
nx, ny, what = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ids = [f"c{i}" for i in range(nx * ny)]
neighbors = {}
for i in range(nx * ny):
    x, y = i % nx, i // nx
    neighbors[ids[i]] = [ids[(y + dy) * nx + x + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                         if (dx or dy) and 0 <= x + dx < nx and 0 <= y + dy < ny]
spec = _diagnosed("queen", neighbors, ids, "B", (), ())
rng = np.random.default_rng(0)
lam = 3 * np.exp(2.0 * rng.standard_normal(nx * ny))
for cx, cy in ((nx // 3, ny // 3), (2 * nx // 3, ny // 2)):
    cells = np.arange(nx * ny)
    block = (np.abs(cells % nx - cx) <= 2) & (np.abs(cells // nx - cy) <= 2)
    lam[block] = 1500
values = rng.poisson(lam).astype(float)
t1, c1 = time.perf_counter(), time.process_time()
if what == "policy":
    r = hot_spots(values, spec)
    out["hot"] = int(r.hot().sum()); out["stage2"] = r.meta.notes[1]
else:
    local_gi_star(values, spec, permutations=9_999)
out["first call"] = time.perf_counter() - t1
out["first call cpu"] = time.process_time() - c1
t2 = time.perf_counter()
if what == "policy":
    hot_spots(values, spec)
else:
    local_gi_star(values, spec, permutations=9_999)
out["second call"] = time.perf_counter() - t2
out["maxrss_gb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
print(json.dumps(out))
"""


def main() -> None:
    for nx, ny in ((71, 70), (161, 161)):
        for what in ("policy", "esda"):
            with tempfile.TemporaryDirectory() as cache:
                env = {**os.environ, "HOTSPOTS_NUMBA_CACHE": cache}
                for state in ("cold", "warm"):
                    start = time.perf_counter()
                    done = subprocess.run([sys.executable, "-c", CHILD, str(nx), str(ny), what],
                                          env=env, capture_output=True, text=True, check=True)
                    row = json.loads(done.stdout.strip().splitlines()[-1])
                    row["process"] = time.perf_counter() - start
                    print(f"{nx * ny:>6} units  {what:6s} {state:4s} "
                          + "  ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                                      for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
