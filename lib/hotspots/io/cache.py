"""A Parquet store of parsed sources and of heavy results, each keyed by what made it.

- :func:`cached_table`: parsed sources, keyed by the checksums of the files they came from.
  A warm run reads the Parquet instead of re-parsing CSVs; a changed source file (new
  checksum), new parameters or a new ``PARSER_VERSION`` give a new key, so the table is
  rebuilt.
- :func:`cached_result`: heavy computations (permutation runs, synthetic-control placebos...),
  keyed by the bytes of their inputs, their parameters and the versions of the libraries that
  determine the numbers (:data:`RESULT_LIBRARIES`, :data:`RESULT_FORMAT`).

Writes are atomic (temporary file + rename) so an interrupted run never leaves a half-written
table. A table being built is locked (:func:`building`): a second process that asks for the
same key meanwhile (two notebooks, two test workers) waits and reads it instead of computing
it again. ``make clean-cache`` (or deleting :func:`hotspots.config.cache_dir`) empties both.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse

from hotspots.config import cache_dir
from hotspots.io.files import atomic_write, sha256_file
from hotspots.io.ledger import LEDGER, LoadReport

PARSER_VERSION = 1
#: Bump when the way hotspots stores or computes cached results changes: every result is rebuilt.
RESULT_FORMAT = 1
#: Distributions whose versions are part of every result's key (a new version may change the
#: numbers: esda/numba draw the permutations, statsmodels fits the models...).
RESULT_LIBRARIES = ("numpy", "scipy", "pandas", "numba", "esda", "libpysal", "statsmodels")
RESULTS_FOLDER = "results"
LOCKS_FOLDER = "locks"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")

Builder = Callable[[], tuple[pd.DataFrame, LoadReport]]
#: How long a process waits for another one building the same table before building it too.
LOCK_WAIT_SECONDS = 900.0


@contextmanager
def building(path: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the lock of the table at ``path`` while it is built (``cache_dir()/locks/``).

    Waits while another process holds it; after ``wait`` seconds (a stuck process) it goes on
    without the lock, which costs only the duplicated work: writes are atomic either way.
    """
    lock = cache_dir() / LOCKS_FOLDER / f"{path.name}.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a") as handle:
        deadline = time.monotonic() + wait
        locked = False
        while not locked and time.monotonic() < deadline:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
            except BlockingIOError:
                time.sleep(0.05)
        try:
            yield
        finally:
            if locked:
                fcntl.flock(handle, fcntl.LOCK_UN)


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
    if not (table_path.exists() and report_path.exists()):
        with building(table_path):
            if not (table_path.exists() and report_path.exists()):
                table, report = build()
                report.close()
                with atomic_write(table_path) as handle:
                    table.to_parquet(handle, index=False)
                with atomic_write(report_path, "w") as handle:
                    json.dump(report.to_dict(), handle, indent=1, sort_keys=True)
                return table
    report = LoadReport.from_dict(json.loads(report_path.read_text()))
    LEDGER[report.source] = report
    return _read(table_path)


def _read(path: Path) -> pd.DataFrame:
    import pyarrow.parquet as pq

    if b"geo" in (pq.read_schema(path).metadata or {}):
        return gpd.read_parquet(path)
    return pd.read_parquet(path)


# --- results -------------------------------------------------------------------------------


def cached_result(
    name: str,
    inputs: Mapping[str, object],
    params: Mapping[str, object],
    build: Callable[[], pd.DataFrame],
) -> pd.DataFrame:
    """The table ``build()`` computes, from ``cache_dir()/results`` when it is fresh.

    The key hashes ``name``, the bytes of every input (arrays, pandas objects, scipy sparse
    matrices, files given as ``Path``: see :func:`fingerprint`), ``params`` (permutations,
    seed, a ``version`` of the calling code...), the installed versions of
    :data:`RESULT_LIBRARIES` and :data:`RESULT_FORMAT`. Any change gives a new key, so the
    result is computed again; nothing is ever read back for other inputs.

    The frame (index, dtypes and ``frame.attrs`` included) is written as Parquet and read
    back, so a cold call returns exactly what a warm call will.

    ``stats`` may not import ``io``, so the caching is applied where an analysis calls a
    statistic, e.g. in an ``analyses`` module::

        from hotspots.io.cache import cached_result
        from hotspots.stats.spatial import local_gi_star

        def gi_star_table(counts: pd.Series, weights: WeightsSpec, permutations: int):
            return cached_result(
                "gi-star",
                inputs={"counts": counts, "weights": weights.to_w().sparse},
                params={"permutations": permutations, "seed": 1, "version": 1},
                build=lambda: local_gi_star(
                    counts, weights, permutations=permutations, seed=1
                ).to_frame(),
            )

    Put every argument the result depends on in ``inputs`` or ``params``, and bump the
    ``version`` parameter when the calling code computes the table differently.
    """
    if not NAME.fullmatch(name):
        raise ValueError(f"result name {name!r} must match {NAME.pattern}")
    path = cache_dir() / RESULTS_FOLDER / f"{name}-{result_key(name, inputs, params)}.parquet"
    if not path.exists():
        with building(path):
            if not path.exists():
                table = build()
                if not isinstance(table, pd.DataFrame):
                    raise TypeError(f"{name}: build() must return a pandas DataFrame, not "
                                    f"{type(table)}")
                with atomic_write(path) as handle:
                    table.to_parquet(handle)
    return _read(path)


def result_key(name: str, inputs: Mapping[str, object], params: Mapping[str, object]) -> str:
    """The 20-hex-digit key of :func:`cached_result` for these arguments."""
    digest = hashlib.sha256()
    _feed(digest, {"name": name, "format": RESULT_FORMAT, "libraries": library_versions()})
    _feed(digest, dict(inputs))
    _feed(digest, dict(params))
    return digest.hexdigest()[:20]


def fingerprint(value: object) -> str:
    """SHA-256 of a value's content, as :func:`cached_result` keys its inputs.

    Accepted: ``None``, bool, int, float, str, bytes, numpy scalars and arrays (dtype, shape and
    bytes), pandas DataFrame/Series/Index (names, dtypes, index and values; geometries and CRS
    too), scipy sparse matrices (canonical CSR: shape, data, indices, indptr), ``Path`` (the
    file's SHA-256), and lists, tuples and mappings of these. Anything else raises TypeError, so
    an input the key cannot see is never silently ignored.
    """
    digest = hashlib.sha256()
    _feed(digest, value)
    return digest.hexdigest()


@cache
def library_versions(libraries: tuple[str, ...] = RESULT_LIBRARIES) -> dict[str, str]:
    """The installed version of each distribution (``"absent"`` when not installed)."""
    found = {}
    for library in libraries:
        try:
            found[library] = version(library)
        except PackageNotFoundError:
            found[library] = "absent"
    return found


def _feed(digest: hashlib._Hash, value: object) -> None:
    """Add a type tag and the content of ``value`` to ``digest``."""
    if value is None or isinstance(value, bool | int | float | str | np.generic):
        item = value.item() if isinstance(value, np.generic) else value
        digest.update(f"{type(value).__name__}:{item!r};".encode())
    elif isinstance(value, bytes):
        digest.update(b"bytes:%d:" % len(value) + value)
    elif isinstance(value, Path):
        digest.update(f"file:{sha256_file(value)};".encode())
    elif isinstance(value, np.ndarray):
        _feed_array(digest, value)
    elif isinstance(value, pd.DataFrame | pd.Series | pd.Index):
        _feed_pandas(digest, value)
    elif scipy.sparse.issparse(value):
        csr = scipy.sparse.csr_array(value, copy=True)
        csr.sum_duplicates()
        csr.sort_indices()
        digest.update(f"sparse:{csr.shape};".encode())
        for part in (csr.data, csr.indices.astype(np.int64), csr.indptr.astype(np.int64)):
            _feed_array(digest, part)
    elif isinstance(value, Mapping):
        digest.update(f"map:{len(value)};".encode())
        for key in sorted(value, key=str):
            _feed(digest, str(key))
            _feed(digest, value[key])
    elif isinstance(value, list | tuple):
        digest.update(f"seq:{len(value)};".encode())
        for item in value:
            _feed(digest, item)
    else:
        raise TypeError(
            f"cannot fingerprint a {type(value).__module__}.{type(value).__qualname__}: pass "
            "arrays, pandas objects, sparse matrices, paths or plain values"
        )


def _feed_array(digest: hashlib._Hash, array: np.ndarray) -> None:
    if array.dtype == object:
        _feed_pandas(digest, pd.Series(array.ravel()))
        digest.update(f"object-array:{array.shape};".encode())
        return
    digest.update(f"array:{array.dtype.str}:{array.shape};".encode())
    digest.update(np.ascontiguousarray(array).tobytes())


def _feed_pandas(digest: hashlib._Hash, value: pd.DataFrame | pd.Series | pd.Index) -> None:
    if isinstance(value, pd.DataFrame):
        described = {"columns": [str(c) for c in value.columns],
                     "dtypes": [str(t) for t in value.dtypes]}
    else:
        described = {"name": str(value.name), "dtype": str(value.dtype)}
    described["kind"] = type(value).__name__
    described["crs"] = str(getattr(value, "crs", None))
    _feed(digest, described)
    if not isinstance(value, pd.Index):
        _feed_pandas(digest, value.index)
    hashed = pd.util.hash_pandas_object(value, index=False, categorize=False)
    _feed_array(digest, np.asarray(hashed, dtype=np.uint64))
