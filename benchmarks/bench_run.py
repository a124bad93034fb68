"""Time the collection run (``make run``'s notebooks) cold and warm, and the test suites.

Passes, each printed as one row per notebook (wall seconds, kernel CPU seconds, kernel peak
resident memory, from :mod:`hotspots.publish.run_notebooks`) and a wall-clock row:

- **cold**: an empty ``HOTSPOTS_CACHE`` (every source parsed, every cached result computed);
  the numba cache (``NUMBA_CACHE_DIR``, in the environment) is left as it is;
- **warm, 2 jobs** and **warm, 1 job**: the same cache again, two notebooks at a time and one
  at a time (does parallelism pay on this machine?);
- **tests**: ``make quick`` (unit tests without data); with the full benchmark also the unit
  tests with the data, and ``make test``'s command serial and with ``-n 2`` (pytest-xdist).

The notebooks are executed in place, as ``make run`` does (they are written only if their
outputs changed). The load average is printed before and after each pass: the machine is
shared, and wall seconds mean little when it is busy (CPU seconds less so).
``--quick``: one notebook (01) cold and warm, and ``make quick``. No timing is asserted.
Run: ``make benchmark`` (``make benchmark-quick``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hotspots.config import CACHE_ENV, PROJECT_ROOT
from hotspots.publish.run_notebooks import Outcome, numbered_notebooks, run_notebooks

QUICK_NOTEBOOKS = ("01_headline_figures",)
NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "nbval_sanitize.cfg",
         "-p", "no:cacheprovider", "-q"]


def load() -> str:
    return "load " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def collection(notebooks: list[Path], cache: Path, jobs: int) -> tuple[list[Outcome], float]:
    """Run ``notebooks`` with ``HOTSPOTS_CACHE=cache``; the outcomes and wall seconds."""
    os.environ[CACHE_ENV] = str(cache)
    start = time.perf_counter()
    outcomes = asyncio.run(run_notebooks(notebooks, jobs=jobs, out=lambda _: None))
    return outcomes, time.perf_counter() - start


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and exit status of ``command`` run in the project folder."""
    start = time.perf_counter()
    status = subprocess.run(command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, check=False).returncode
    return time.perf_counter() - start, status


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one notebook and make quick")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # rows appear as they are measured
    notebooks = numbered_notebooks()
    if args.quick:
        notebooks = [p for p in notebooks if p.stem in QUICK_NOTEBOOKS]
    width = max(len(p.stem) for p in notebooks)
    print(f"{'pass':<14} {'notebook':<{width}} {'status':<9} {'seconds':>8} {'cpu s':>7} "
          f"{'peak MB':>8}")
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as folder:
        cache = Path(folder)
        passes = [("cold, 2 jobs", 2), ("warm, 2 jobs", 2), ("warm, 1 job", 1)]
        for label, jobs in passes[:2] if args.quick else passes:
            before = load()
            outcomes, wall = collection(notebooks, cache, jobs)
            for o in outcomes:
                print(f"{label:<14} {o.path.stem:<{width}} {o.status:<9} {o.seconds:>8.1f} "
                      f"{o.cpu_seconds:>7.1f} {o.peak_rss / 2**20:>8.0f}")
            cpu = sum(o.cpu_seconds for o in outcomes)
            peak = max(o.peak_rss for o in outcomes) / 2**20
            print(f"{label:<14} {'(wall clock, sum of cpu, max peak)':<{width}} {'':<9} "
                  f"{wall:>8.1f} {cpu:>7.1f} {peak:>8.0f}   {before} -> {load()}")
    python = sys.executable
    suites = [("make quick", [python, "-m", "pytest", "tests", "-m", "not mirror and not slow",
                              "-q", "-p", "no:cacheprovider"])]
    if not args.quick:
        every = [str(p.relative_to(PROJECT_ROOT)) for p in numbered_notebooks()]
        suites += [
            ("unit + mirror", [python, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"]),
            ("make test, serial", [python, "-m", "pytest", "tests", *every, *NBVAL]),
            ("make test, -n 2", [python, "-m", "pytest", "tests", *every, *NBVAL, "-n", "2",
                                 "--dist", "loadscope"]),
        ]
    print(f"\n{'tests':<20} {'seconds':>8} {'exit':>4}")
    for label, command in suites:
        before = load()
        seconds, status = timed(command)
        print(f"{label:<20} {seconds:>8.1f} {status:>4}   {before} -> {load()}")


if __name__ == "__main__":
    main()
