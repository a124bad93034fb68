"""Tests for hotspots.io.cache: parsed sources (cached_table) and heavy results (cached_result)."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import scipy.sparse
import shapely

from hotspots import config as paths
from hotspots.io import cache
from hotspots.io.ledger import LEDGER, LoadReport


def test_cache_rebuilds_only_when_a_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "src.csv"
    source.write_text("a\n1\n")
    calls = []

    def build():
        calls.append(1)
        frame = pd.read_csv(source)
        return frame, LoadReport("cache-test", files=1, rows_read=len(frame), rows_kept=len(frame))

    first = cache.cached_table("t", [source], build)
    second = cache.cached_table("t", [source], build)
    assert len(calls) == 1
    pd.testing.assert_frame_equal(first, second)
    assert LEDGER["cache-test"].rows_kept == 1
    report_file = next((tmp_path / "cache").glob("*.report.json"))
    assert json.loads(report_file.read_text())["source"] == "cache-test"
    source.write_text("a\n1\n2\n")
    third = cache.cached_table("t", [source], build)
    assert len(calls) == 2 and len(third) == 2
    LEDGER.pop("cache-test")


def test_cache_keeps_period_dtype(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    source = tmp_path / "s.txt"
    source.write_text("x")
    frame = pd.DataFrame({"month": pd.period_range("2024-01", periods=3, freq="M"), "n": [1, 2, 3]})

    def build():
        return frame, LoadReport("period-test", rows_read=3, rows_kept=3)

    cache.cached_table("p", [source], build)
    warm = cache.cached_table("p", [source], build)
    assert isinstance(warm["month"].dtype, pd.PeriodDtype)
    LEDGER.pop("period-test")


# --- cached_result ----------------------------------------------------------------------------


@pytest.fixture
def results(tmp_path, monkeypatch):
    """An empty cache folder; returns the folder results are written to."""
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    return tmp_path / cache.RESULTS_FOLDER


def every_dtype() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "int32": np.arange(3, dtype="int32"),
            "float": [1.5, np.nan, -2.0],
            "string": pd.array(["a", None, "c"], dtype="string"),
            "category": pd.Categorical(["hot", "cold", "hot"], categories=["cold", "hot"]),
            "month": pd.period_range("2024-01", periods=3, freq="M"),
            "nullable": pd.array([1, None, 3], dtype="Int64"),
            "flag": [True, False, True],
            "when": pd.to_datetime(["2024-01-01", None, "2024-03-01"]),
        },
        index=pd.Index(["E01", "E02", "E03"], name="lsoa_code"),
    )
    frame.attrs = {"meta": {"permutations": 9999, "notes": ["two-sided"]}}
    return frame


class Counter:
    """A build function that counts its calls."""

    def __init__(self, make):
        self.make, self.calls = make, 0

    def __call__(self):
        self.calls += 1
        return self.make()


def test_result_round_trips_exactly_and_is_built_once(results):
    build = Counter(every_dtype)
    inputs, params = {"y": np.arange(3.0)}, {"permutations": 9999, "seed": 1}
    cold = cache.cached_result("rt", inputs, params, build)
    warm = cache.cached_result("rt", inputs, params, build)
    assert build.calls == 1
    pd.testing.assert_frame_equal(cold, every_dtype())
    pd.testing.assert_frame_equal(warm, every_dtype())
    assert warm.attrs == every_dtype().attrs
    assert [p.name for p in results.iterdir()] == [
        f"rt-{cache.result_key('rt', inputs, params)}.parquet"
    ]


def test_geodataframe_result_keeps_geometry_and_crs(results):
    def build():
        return gpd.GeoDataFrame({"n": [1, 2]}, geometry=[shapely.Point(0, 1), shapely.Point(2, 3)],
                                crs=27700)

    cache.cached_result("geo", {}, {}, build)
    warm = cache.cached_result("geo", {}, {}, build)
    assert isinstance(warm, gpd.GeoDataFrame) and warm.crs.to_epsg() == 27700
    assert warm.geometry.equals(build().geometry)


@pytest.mark.parametrize(
    "change",
    [
        lambda a: {**a, "inputs": {"y": np.array([0.0, 1.0, 2.5])}},
        lambda a: {**a, "inputs": {"y": np.arange(3, dtype="float32")}},
        lambda a: {**a, "inputs": {"z": np.arange(3.0)}},
        lambda a: {**a, "params": {"permutations": 999, "seed": 1}},
        lambda a: {**a, "params": {"permutations": 9999, "seed": 2}},
        lambda a: {**a, "name": "other"},
    ],
    ids=["value", "dtype", "input name", "permutations", "seed", "name"],
)
def test_a_changed_input_parameter_or_name_rebuilds(results, change):
    base = {"name": "r", "inputs": {"y": np.arange(3.0)}, "params": {"permutations": 9999,
                                                                     "seed": 1}}
    build = Counter(lambda: pd.DataFrame({"x": [1]}))
    cache.cached_result(build=build, **base)
    cache.cached_result(build=build, **change(base))
    assert build.calls == 2
    cache.cached_result(build=build, **base)
    assert build.calls == 2


def test_a_new_library_version_or_result_format_rebuilds(results, monkeypatch):
    build = Counter(lambda: pd.DataFrame({"x": [1]}))
    cache.cached_result("v", {}, {}, build)
    versions = {**cache.library_versions(), "esda": "99.0"}
    monkeypatch.setattr(cache, "library_versions", lambda: versions)
    cache.cached_result("v", {}, {}, build)
    monkeypatch.setattr(cache, "RESULT_FORMAT", cache.RESULT_FORMAT + 1)
    cache.cached_result("v", {}, {}, build)
    assert build.calls == 3
    assert set(cache.RESULT_LIBRARIES) <= set(versions)


def test_library_versions_name_the_installed_ones():
    assert cache.library_versions()["numpy"] == np.__version__
    assert cache.library_versions(("no-such-distribution",)) == {"no-such-distribution": "absent"}


def test_sparse_weights_are_keyed_by_their_content():
    rows, cols = np.array([0, 0, 1, 2]), np.array([1, 2, 0, 0])
    csr = scipy.sparse.csr_matrix((np.ones(4), (rows, cols)), shape=(3, 3))
    # The same matrix as COO, entries in another order and (0, 1) given as two halves.
    coo = scipy.sparse.coo_array(
        (np.array([1, 1, 1, 0.5, 0.5]), (np.array([2, 1, 0, 0, 0]), np.array([0, 0, 2, 1, 1]))),
        shape=(3, 3),
    )
    heavier = csr.copy()
    heavier[0, 1] = 2.0
    assert cache.fingerprint(csr) == cache.fingerprint(coo)
    assert cache.fingerprint(csr) != cache.fingerprint(heavier)
    assert cache.fingerprint(csr) != cache.fingerprint(csr.toarray())


def test_fingerprint_sees_values_names_dtypes_index_and_files(tmp_path):
    frame = pd.DataFrame({"a": [1, 2]}, index=["x", "y"])
    same = pd.DataFrame({"a": [1, 2]}, index=["x", "y"])
    variants = [
        frame.rename(columns={"a": "b"}),
        frame.astype(float),
        frame.set_axis(["x", "z"]),
        frame.assign(a=[1, 3]),
        frame["a"],
    ]
    assert cache.fingerprint(frame) == cache.fingerprint(same)
    assert len({cache.fingerprint(v) for v in [frame, *variants]}) == len(variants) + 1
    assert cache.fingerprint(np.array(["a", None], dtype=object)) != cache.fingerprint(
        np.array(["a", "b"], dtype=object)
    )
    assert cache.fingerprint([1, 2]) != cache.fingerprint([2, 1])
    assert cache.fingerprint({"a": 1, "b": 2}) == cache.fingerprint({"b": 2, "a": 1})
    assert cache.fingerprint(1) != cache.fingerprint(1.0) != cache.fingerprint("1")
    path = tmp_path / "f.txt"
    path.write_text("one")
    first = cache.fingerprint(path)
    path.write_text("two")
    assert cache.fingerprint(path) != first


def test_fingerprint_refuses_what_it_cannot_see():
    with pytest.raises(TypeError, match="cannot fingerprint a builtins.object"):
        cache.fingerprint({"weights": object()})


def test_a_failed_build_leaves_nothing_and_a_non_frame_is_refused(results):
    def fail():
        raise RuntimeError("kernel died")

    with pytest.raises(RuntimeError, match="kernel died"):
        cache.cached_result("f", {}, {}, fail)
    with pytest.raises(TypeError, match="must return a pandas DataFrame"):
        cache.cached_result("f", {}, {}, lambda: np.zeros(3))
    with pytest.raises(ValueError, match="result name"):
        cache.cached_result("../escape", {}, {}, lambda: pd.DataFrame())
    assert not results.exists() or not any(results.iterdir())


def _slow_build(log: str) -> pd.DataFrame:
    with open(log, "a") as handle:
        handle.write("built\n")
    time.sleep(1.0)
    return pd.DataFrame({"x": [1, 2, 3]})


def _ask(log: str) -> None:
    cache.cached_result("shared", {"y": np.arange(3.0)}, {"seed": 1}, lambda: _slow_build(log))


def test_two_processes_asking_for_the_same_result_build_it_once(results, tmp_path):
    log = str(tmp_path / "builds.log")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_ask, args=(log,)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [w.exitcode for w in workers] == [0, 0]
    assert Path(log).read_text() == "built\n"
    assert len(list(results.glob("shared-*.parquet"))) == 1


def test_a_stuck_lock_holder_only_costs_the_wait(results, tmp_path):
    path = results / "stuck.parquet"
    with cache.building(path):  # this process holds the lock; a second attempt gives up
        started = time.monotonic()
        with cache.building(path, wait=0.3):
            assert time.monotonic() - started >= 0.3
