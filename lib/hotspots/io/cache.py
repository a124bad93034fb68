"""A Parquet store of parsed sources, keyed by the checksums of the files they came from.

A warm run reads the Parquet instead of re-parsing CSVs; a changed source file (new checksum),
new parameters or a new ``PARSER_VERSION`` give a new key, so the table is rebuilt. Writes are
atomic (temporary file + rename) so an interrupted run never leaves a half-written table.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from hotspots.config import cache_dir
from hotspots.io.files import atomic_write, sha256_file
from hotspots.io.ledger import LEDGER, LoadReport

PARSER_VERSION = 1

Builder = Callable[[], tuple[pd.DataFrame, LoadReport]]


def cache_key(name: str, sources: Sequence[Path], params: dict | None = None) -> str:
    """Key from the table name, parser version, parameters and each source's SHA-256."""
    payload = {
        "name": name,
        "parser": PARSER_VERSION,
        "params": params or {},
        "sources": sorted((Path(p).name, sha256_file(p)) for p in sources),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:20]


def cached_table(
    name: str,
    sources: Sequence[Path],
    build: Builder,
    params: dict | None = None,
    *,
    use_cache: bool = True,
) -> pd.DataFrame:
    """Return the table ``build()`` makes from ``sources``, from the cache when it is fresh.

    The build's :class:`LoadReport` is stored beside the table and put back in the session
    ledger on a warm read, so the accounting shows either way.
    """
    if not use_cache:
        table, report = build()
        report.close()
        return table
    key = cache_key(name, sources, params)
    table_path = cache_dir() / f"{name}-{key}.parquet"
    report_path = table_path.with_suffix(".report.json")
    if table_path.exists() and report_path.exists():
        report = LoadReport.from_dict(json.loads(report_path.read_text()))
        LEDGER[report.source] = report
        return _read(table_path)
    table, report = build()
    report.close()
    with atomic_write(table_path) as handle:
        table.to_parquet(handle, index=False)
    with atomic_write(report_path, "w") as handle:
        json.dump(report.to_dict(), handle, indent=1, sort_keys=True)
    return table


def _read(path: Path) -> pd.DataFrame:
    import pyarrow.parquet as pq

    if b"geo" in (pq.read_schema(path).metadata or {}):
        return gpd.read_parquet(path)
    return pd.read_parquet(path)
