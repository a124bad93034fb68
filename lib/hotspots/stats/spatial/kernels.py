"""Compile the permutation kernels once per machine: an on-disk numba cache for esda and us.

esda runs the conditional randomisation of its local statistics (``G_Local``, ``Moran_Local``)
in numba kernels (``esda.crand``) decorated ``@njit`` *without* ``cache=True``, so every new
Python process (every notebook kernel) spends ~20 s compiling them; ``NUMBA_CACHE_DIR`` alone
does not help, since numba caches only ``cache=True`` functions. :func:`enable` keeps esda's
code and numerics and changes only where the machine code comes from, by rebinding names in
``esda.crand`` that ``esda.crand.crand`` looks up at call time:

* ``vec_permutations``, ``build_weights_offsets``, ``chunk_generator``: esda's own Python
  functions compiled with esda's numba options and an on-disk cache. The last permutation
  draw is memoised (key: k_max, n, permutations, seed), so Gi* then local Moran on the same
  units and seed skip the second draw; the ids are identical, so are the results.
* ``compute_chunk``: a router. numba cannot cache esda's ``compute_chunk`` itself (its
  ``stat_func`` argument is typed by a dispatcher object that is new in every process), so for
  each esda statistic a copy of ``compute_chunk`` is compiled from esda's own source with
  ``stat_func`` turned into a global bound to that statistic. Other statistics go to esda's
  original. The router pickles itself as "enable the cache here", so esda's loky workers
  (``n_jobs > 1``) load their kernels from the same cache.

Results are bit-identical to plain esda (same source, same compiler options; the tests compare
every output array with ``numpy.array_equal``). This package's own kernels
(:class:`CachedKernel`, e.g. :mod:`.permutation`) are cached in the same directory.

Cache validity: files live in ``<cache_dir>/esda-<v>_numba-<v>_py<v>_<stamp>``; the stamp
hashes the versions of esda, numba, llvmlite and numpy and the source of every module compiled
into the kernels, because numba itself checks only the outer function's file. numba adds its
own checks (CPU, bytecode, signature). A read-only cache is still read; a failed write warns
(:class:`CacheWriteWarning`) and the code compiled in memory is used.

The directory is :func:`hotspots.config.numba_cache_dir` (``$HOTSPOTS_NUMBA_CACHE``); importing
:mod:`hotspots.stats.spatial` enables it. ``python -m hotspots.stats.spatial.kernels --warm``
compiles every kernel into it, so the first notebook kernel on a machine loads instead.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import inspect
import os
import sys
import textwrap
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

import esda
import esda.crand as _crand
import esda.getisord as _getisord
import esda.moran as _moran
import esda.significance as _significance
import llvmlite
import numba
import numpy as np
from numba.core import caching as _nb_caching
from numba.core.dispatcher import Dispatcher

from hotspots import config

#: esda modules whose numba code ends up in the cached kernels (hashed into the stamp).
_SOURCE_MODULES = (_crand, _significance, _moran, _getisord)

#: ``esda.crand.compute_chunk``'s parameters, as the router forwards them.
_COMPUTE_CHUNK_PARAMS = (
    "chunk_start",
    "z_chunk",
    "z",
    "observed",
    "cardinalities",
    "self_weights",
    "other_weights",
    "permuted_ids",
    "scaling",
    "keep",
    "stat_func",
    "island_weight",
    "alternative",
)


class CacheWriteWarning(UserWarning):
    """The kernel cache could not be read or written; the computation still runs."""


def _esda_original(name: str) -> Any:
    """``esda.crand.<name>`` as esda defined it, even if this module already replaced it."""
    current = getattr(_crand, name)
    return getattr(current, "__esda_original__", current)


_ESDA_VEC_PERMUTATIONS = _esda_original("vec_permutations")
_ESDA_COMPUTE_CHUNK = _esda_original("compute_chunk")
_ESDA_BUILD_WEIGHTS_OFFSETS = _esda_original("build_weights_offsets")
_ESDA_CHUNK_GENERATOR = _esda_original("chunk_generator")

#: esda statistics that get a cached, specialised ``compute_chunk`` (name -> dispatcher).
_STATISTICS: dict[str, Any] = {
    "moran_local": _moran._moran_local_crand,
    "moran_local_bv": _moran._moran_local_bv_crand,
    "g_local": _getisord._g_local_crand,
    "g_local_star": _getisord._g_local_star_crand,
}

_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        warnings.warn(message, CacheWriteWarning, stacklevel=3)


class _DirLocator(_nb_caching._CacheLocator):
    """Cache files in ``cache_path`` (set on a per-directory subclass) with a fixed stamp.

    Unlike numba's locators it does not require a writable directory, so a read-only,
    pre-built cache is still read.
    """

    cache_path: str = ""
    source_stamp: str = ""

    def __init__(self, py_func: Callable[..., Any], py_file: str) -> None:
        self._py_file = py_file  # read by numba's CacheImpl for its warnings
        self._lineno = py_func.__code__.co_firstlineno

    def get_cache_path(self) -> str:
        return self.cache_path

    def get_source_stamp(self) -> str:
        return self.source_stamp

    def get_disambiguator(self) -> str:
        return str(self._lineno)

    @classmethod
    def from_function(cls, py_func: Callable[..., Any], py_file: str) -> _DirLocator:
        return cls(py_func, py_file)


class _DirCache(_nb_caching.FunctionCache):
    """numba's FunctionCache that never lets cache I/O break a computation."""

    def load_overload(self, sig: Any, target_context: Any) -> Any:
        try:
            return super().load_overload(sig, target_context)
        except Exception as exc:  # corrupt or foreign entry: compile instead
            _warn_once(f"ignoring unreadable numba cache entry in {self.cache_path}: {exc!r}")
            return None

    def save_overload(self, sig: Any, data: Any) -> None:
        try:
            super().save_overload(sig, data)
        except OSError as exc:
            _warn_once(
                f"cannot write the numba kernel cache {self.cache_path} ({exc}); "
                "the kernels compiled in this process are used for this process only"
            )


def _cache_class(cache_path: Path, stamp: str) -> type[_DirCache]:
    """A FunctionCache subclass storing its files in ``cache_path`` under ``stamp``."""
    attrs = {"cache_path": str(cache_path), "source_stamp": stamp}
    locator = type("_Locator", (_DirLocator,), attrs)
    impl = type("_Impl", (_nb_caching.CompileResultCacheImpl,), {"_locator_classes": [locator]})
    return type("_Cache", (_DirCache,), {"_impl_class": impl})


def _jit_cached(
    py_func: Callable[..., Any], options: dict[str, Any], cache_cls: type[_DirCache] | None
) -> Dispatcher:
    """``numba.njit(**options)(py_func)``, with its disk cache in ``cache_cls``'s directory."""
    dispatcher = numba.njit(**{k: v for k, v in options.items() if k != "nopython"})(py_func)
    if cache_cls is None:
        return dispatcher
    cache = cache_cls(py_func)
    if not isinstance(cache._impl.locator, _DirLocator):  # NUMBA_CACHE_LOCATOR_CLASSES set
        raise RuntimeError("NUMBA_CACHE_LOCATOR_CLASSES overrides the kernel cache; unset it")
    dispatcher._cache = cache  # what Dispatcher.enable_caching() does, with our cache
    return dispatcher


def _specialised_compute_chunk(name: str, stat: Any) -> Callable[..., Any]:
    """esda's ``compute_chunk`` source with ``stat_func`` turned from a parameter into a global.

    Compiled from esda's own source (with esda's file name and line numbers), in a copy of
    ``esda.crand``'s namespace where ``stat_func`` is ``stat``.
    """
    original = _ESDA_COMPUTE_CHUNK.py_func
    tree = ast.parse(textwrap.dedent(inspect.getsource(original)))
    ast.increment_lineno(tree, original.__code__.co_firstlineno - 1)
    func = tree.body[0]
    params = tuple(arg.arg for arg in func.args.args) if isinstance(func, ast.FunctionDef) else ()
    if params != _COMPUTE_CHUNK_PARAMS:
        raise RuntimeError(f"esda.crand.compute_chunk{params} is not the expected function")
    func.args.args = [arg for arg in func.args.args if arg.arg != "stat_func"]
    func.decorator_list = []  # compiled below with esda's options
    func.name = f"compute_chunk__{name}"
    namespace = dict(original.__globals__)
    namespace["stat_func"] = stat
    exec(compile(tree, inspect.getfile(original), "exec"), namespace)
    return namespace[func.name]


def _stamp(*files: str) -> str:
    """Hash of the library versions and of ``files`` (the sources compiled into a kernel)."""
    digest = hashlib.sha256()
    versions = (esda.__version__, numba.__version__, llvmlite.__version__, np.__version__)
    digest.update(repr((versions, sys.version_info[:2])).encode())
    for path in files:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


_StatKey = tuple[str, str, CodeType]


@dataclass
class _State:
    root: Path  # the directory passed to enable()
    cache_dir: Path  # the versioned sub-directory holding the files
    vec_permutations: Dispatcher
    build_weights_offsets: Dispatcher
    chunk_generator: Dispatcher
    chunk_kernels: dict[_StatKey, tuple[str, Dispatcher]]
    own: dict[str, Dispatcher] = field(default_factory=dict)
    last_permutations: tuple[tuple[int, int, int, int], np.ndarray] | None = field(
        default=None, repr=False
    )


_STATE: _State | None = None
_LOCK = threading.RLock()


def _stat_key(stat_func: Any) -> _StatKey | None:
    """Key of an esda statistic that survives pickling to loky workers (identity does not)."""
    py_func = getattr(stat_func, "py_func", None)
    code = getattr(py_func, "__code__", None)
    if code is None:
        return None
    return (py_func.__module__, py_func.__qualname__, code)


def _vec_permutations(max_card: int, n: int, k_replications: int, seed: int) -> np.ndarray:
    """Stand-in for ``esda.crand.vec_permutations``: cached kernel, memo of the last draw."""
    state = _STATE
    if state is None:
        return _ESDA_VEC_PERMUTATIONS(max_card, n, k_replications, seed)
    key = (int(max_card), int(n), int(k_replications), int(seed))
    memo = state.last_permutations
    if memo is not None and memo[0] == key:
        return memo[1].copy()
    result = state.vec_permutations(max_card, n, k_replications, seed)
    state.last_permutations = (key, result.copy())
    return result


def _build_weights_offsets(cardinalities: np.ndarray, n_chunks: int) -> np.ndarray:
    """Stand-in for ``esda.crand.build_weights_offsets`` (cached kernel)."""
    state = _STATE
    kernel = _ESDA_BUILD_WEIGHTS_OFFSETS if state is None else state.build_weights_offsets
    return kernel(cardinalities, n_chunks)


def _chunk_generator(*args: Any) -> Any:
    """Stand-in for ``esda.crand.chunk_generator`` (cached kernel)."""
    state = _STATE
    kernel = _ESDA_CHUNK_GENERATOR if state is None else state.chunk_generator
    return kernel(*args)


_vec_permutations.__esda_original__ = _ESDA_VEC_PERMUTATIONS  # type: ignore[attr-defined]
_build_weights_offsets.__esda_original__ = _ESDA_BUILD_WEIGHTS_OFFSETS  # type: ignore[attr-defined]
_chunk_generator.__esda_original__ = _ESDA_CHUNK_GENERATOR  # type: ignore[attr-defined]


class _ComputeChunkRouter:
    """Stand-in for ``esda.crand.compute_chunk`` (same parameters).

    Known statistics go to their cached specialisation, anything else to esda's original.
    Pickled (for esda's loky workers) as "enable the cache in ``root`` and return the router".
    """

    __esda_original__ = _ESDA_COMPUTE_CHUNK

    def __init__(self, root: Path) -> None:
        self.root = root

    def __call__(self, *args: Any, **kwargs: Any) -> tuple[np.ndarray, np.ndarray]:
        bound = dict(zip(_COMPUTE_CHUNK_PARAMS, args, strict=False)) | kwargs
        if set(bound) != set(_COMPUTE_CHUNK_PARAMS):
            raise TypeError(f"compute_chunk takes the arguments {_COMPUTE_CHUNK_PARAMS}")
        ordered = [bound[name] for name in _COMPUTE_CHUNK_PARAMS]
        state = _STATE
        key = _stat_key(bound["stat_func"])
        entry = None if state is None or key is None else state.chunk_kernels.get(key)
        if entry is None:
            return _ESDA_COMPUTE_CHUNK(*ordered)
        return entry[1](*(v for k, v in zip(_COMPUTE_CHUNK_PARAMS, ordered, strict=True)
                          if k != "stat_func"))

    def __reduce__(self) -> tuple[Callable[[str], _ComputeChunkRouter], tuple[str]]:
        return (_router_in_worker, (str(self.root),))


def _router_in_worker(root: str) -> _ComputeChunkRouter:
    """Unpickling hook: enable the cache in this (worker) process and return its router."""
    enable(root)
    router = _crand.compute_chunk
    if not isinstance(router, _ComputeChunkRouter):
        raise RuntimeError("the kernel cache could not be enabled in an esda worker")
    return router


class CachedKernel:
    """A numba kernel of this package, cached in the same directory as esda's.

    ``CachedKernel(py_func, **numba_options)`` compiles ``py_func`` on first call: loaded from
    the disk cache when :func:`enable` is in force (and the source is unchanged), compiled in
    memory only when it is not.
    """

    def __init__(self, py_func: Callable[..., Any], **options: Any) -> None:
        self.py_func = py_func
        self.options = options
        self._uncached: Dispatcher | None = None

    def dispatcher(self) -> Dispatcher:
        """The compiled kernel for the cache in force (or an uncached one)."""
        state = _STATE
        if state is None:
            if self._uncached is None:
                self._uncached = _jit_cached(self.py_func, self.options, None)
            return self._uncached
        name = f"{self.py_func.__module__}.{self.py_func.__qualname__}"
        with _LOCK:
            if name not in state.own:
                stamp = _stamp(inspect.getfile(self.py_func))
                state.own[name] = _jit_cached(
                    self.py_func, self.options, _cache_class(state.cache_dir, stamp)
                )
            return state.own[name]

    def __call__(self, *args: Any) -> Any:
        return self.dispatcher()(*args)


def enable(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Serve esda's and this package's permutation kernels from an on-disk cache.

    ``cache_dir`` defaults to :func:`hotspots.config.numba_cache_dir`. Entries go into a
    versioned sub-directory (returned), so several environments can share the folder. Calling
    again with the same folder does nothing; another folder replaces the first.
    """
    global _STATE
    root = Path(cache_dir or config.numba_cache_dir()).expanduser().resolve()
    with _LOCK:
        if _STATE is not None and _STATE.root == root:
            return _STATE.cache_dir
        if not isinstance(_ESDA_COMPUTE_CHUNK, Dispatcher):
            raise RuntimeError("esda's kernels are not numba dispatchers (is numba installed?)")
        stamp = _stamp(*(inspect.getfile(m) for m in (*_SOURCE_MODULES, sys.modules[__name__])))
        py = f"{sys.version_info[0]}{sys.version_info[1]}"
        versioned = root / f"esda-{esda.__version__}_numba-{numba.__version__}_py{py}_{stamp[:12]}"
        try:
            versioned.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _warn_once(f"cannot create the numba kernel cache {versioned} ({exc})")
        cache_cls = _cache_class(versioned, stamp)
        chunk_kernels: dict[_StatKey, tuple[str, Dispatcher]] = {}
        for name, stat in _STATISTICS.items():
            key = _stat_key(stat)
            if key is not None:
                specialised = _specialised_compute_chunk(name, stat)
                chunk_kernels[key] = (
                    name,
                    _jit_cached(specialised, _ESDA_COMPUTE_CHUNK.targetoptions, cache_cls),
                )
        _STATE = _State(
            root=root,
            cache_dir=versioned,
            vec_permutations=_jit_cached(
                _ESDA_VEC_PERMUTATIONS.py_func, _ESDA_VEC_PERMUTATIONS.targetoptions, cache_cls
            ),
            build_weights_offsets=_jit_cached(
                _ESDA_BUILD_WEIGHTS_OFFSETS.py_func,
                _ESDA_BUILD_WEIGHTS_OFFSETS.targetoptions,
                cache_cls,
            ),
            chunk_generator=_jit_cached(
                _ESDA_CHUNK_GENERATOR.py_func, _ESDA_CHUNK_GENERATOR.targetoptions, cache_cls
            ),
            chunk_kernels=chunk_kernels,
        )
        _crand.vec_permutations = _vec_permutations
        _crand.build_weights_offsets = _build_weights_offsets
        _crand.chunk_generator = _chunk_generator
        _crand.compute_chunk = _ComputeChunkRouter(root)
        return versioned


def disable() -> None:
    """Put esda's own (uncached) kernels back; this package's kernels compile in memory."""
    global _STATE
    with _LOCK:
        _crand.vec_permutations = _ESDA_VEC_PERMUTATIONS
        _crand.build_weights_offsets = _ESDA_BUILD_WEIGHTS_OFFSETS
        _crand.chunk_generator = _ESDA_CHUNK_GENERATOR
        _crand.compute_chunk = _ESDA_COMPUTE_CHUNK
        _STATE = None


def enabled_cache_dir() -> Path | None:
    """The versioned cache directory in use, or None when the cache is not enabled."""
    state = _STATE
    return None if state is None else state.cache_dir


def cache_stats() -> dict[str, dict[str, int]]:
    """Disk-cache hits and misses (= compilations) per kernel in this process."""
    state = _STATE
    if state is None:
        return {}
    kernels = {
        "vec_permutations": state.vec_permutations,
        "build_weights_offsets": state.build_weights_offsets,
        "chunk_generator": state.chunk_generator,
        **{f"compute_chunk__{name}": kernel for name, kernel in state.chunk_kernels.values()},
        **{name.rsplit(".", 1)[-1]: kernel for name, kernel in state.own.items()},
    }
    return {
        name: {
            "hits": sum(kernel.stats.cache_hits.values()),
            "misses": sum(kernel.stats.cache_misses.values()),
        }
        for name, kernel in kernels.items()
    }


def warm(cache_dir: str | os.PathLike[str] | None = None) -> dict[str, dict[str, int]]:
    """Enable the cache and compile every kernel the notebooks use into it.

    Runs esda's Gi*, Gi and local Moran and this package's hot-spot policy on a tiny lattice
    (the float64, ``n_jobs=1`` signatures). Returns :func:`cache_stats`.
    """
    import libpysal

    from hotspots.stats.spatial.permutation import warm_permutation_kernels

    enable(cache_dir)
    w = libpysal.weights.lat2W(4, 4, rook=False)
    y = np.arange(16, dtype=float) % 5 + 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        esda.G_Local(y, w, transform="B", star=True, permutations=9, seed=1, n_jobs=1)
        esda.G_Local(y, w, transform="R", star=False, permutations=9, seed=1, n_jobs=1)
        esda.Moran_Local(y, w, permutations=9, seed=1, n_jobs=1)
    warm_permutation_kernels()
    return cache_stats()


def main(argv: list[str] | None = None) -> None:
    """``python -m hotspots.stats.spatial.kernels --warm [--cache-dir DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", action="store_true", help="compile every kernel into the cache")
    parser.add_argument("--cache-dir", default=None, help="default: $HOTSPOTS_NUMBA_CACHE")
    args = parser.parse_args(argv)
    if not args.warm:
        parser.error("nothing to do: pass --warm")
    for name, counts in warm(args.cache_dir).items():
        print(f"{name:36s} loaded={counts['hits']} compiled={counts['misses']}")
    print(enabled_cache_dir())


if __name__ == "__main__":  # run the package's module, not a second copy of it as __main__
    from hotspots.stats.spatial import kernels as _package_module

    _package_module.main()
