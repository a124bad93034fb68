"""Load every source cold (empty cache) and warm (cache filled).

Prints rows, seconds, rows per second and peak memory (MB) per source.

Run with ``make benchmark`` (HOTSPOTS_DATA pointing at the data). Peak memory is the Python
allocations' high-water mark (tracemalloc) during each load.
"""

from __future__ import annotations

import os
import tempfile
import time
import tracemalloc
from collections.abc import Callable

from hotspots import geography, met, police_uk, police_uk_subsets

SOURCES: dict[str, Callable[[], object]] = {
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


def measure(load: Callable[[], object]) -> tuple[int, float, float]:
    tracemalloc.start()
    start = time.perf_counter()
    table = load()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return len(table), seconds, peak


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        os.environ["HOTSPOTS_CACHE"] = cache
        header = (
            f"{'source':38} {'pass':5} {'rows':>10} {'seconds':>8} {'rows/s':>11} {'peak MB':>8}"
        )
        print(header)
        print("-" * len(header))
        for name, load in SOURCES.items():
            for label in ("cold", "warm"):
                rows, seconds, peak = measure(load)
                rate = rows / seconds if seconds else float("inf")
                print(
                    f"{name:38} {label:5} {rows:>10,} {seconds:>8.2f} {rate:>11,.0f} {peak:>8.0f}"
                )


if __name__ == "__main__":
    main()
