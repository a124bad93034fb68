"""Load every source cold (empty cache) and warm (cache filled).

Prints rows, seconds, rows per second and peak memory per source. Each source runs in its own
child process so that its peak resident memory (``ru_maxrss``) is its own; the cold and warm
passes share that process, so the warm row's peak includes the cold pass.
Run with ``make benchmark`` (HOTSPOTS_DATA pointing at the data).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import tempfile
import time

from hotspots.io import boundaries as geography
from hotspots.io import met, police_uk
from hotspots.io import police_uk_extracts as police_uk_subsets

SOURCES = {
    "met borough (newest vintage)": lambda: met.load_counts("borough"),
    "met borough (all vintages)": lambda: met.load_all_vintages("borough"),
    "met ward (all vintages)": lambda: met.load_all_vintages("ward"),
    "met ward historical (parquet)": met.load_ward_historical,
    "met LSOA (parquet)": met.load_lsoa_counts,
    "police.uk street (City of London)": lambda: police_uk.load_street(forces=("city-of-london",)),
    "police.uk burglary subset": police_uk.load_burglary_subset,
    "police.uk stop-and-search": police_uk.load_stop_search,
    "police.uk API JSON (Charing Cross)": police_uk_subsets.load_charing_cross_api,
    "police.uk LSOA x month panel": police_uk_subsets.load_lsoa_month_panel,
    "police.uk 100 m hexagon counts": police_uk_subsets.load_hex_counts,
    "LSOA 2021 boundaries": geography.lsoas_2021,
}


def _measure(name: str, cache: str, out: mp.Queue) -> None:
    os.environ["HOTSPOTS_CACHE"] = cache
    rows = []
    for label in ("cold", "warm"):
        start = time.perf_counter()
        table = SOURCES[name]()
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append((label, len(table), seconds, peak_mb))
    out.put(rows)


def main() -> None:
    context = mp.get_context("spawn")
    header = f"{'source':36} {'pass':5} {'rows':>10} {'seconds':>8} {'rows/s':>11} {'peak MB':>8}"
    print(header)
    print("-" * len(header))
    for name in SOURCES:
        with tempfile.TemporaryDirectory() as cache:
            queue = context.Queue()
            child = context.Process(target=_measure, args=(name, cache, queue))
            child.start()
            rows = queue.get()
            child.join()
        for label, count, seconds, peak in rows:
            rate = count / seconds if seconds else float("inf")
            print(f"{name:36} {label:5} {count:>10,} {seconds:>8.2f} {rate:>11,.0f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
