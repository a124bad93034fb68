"""Tests for hotspots.publish.run_notebooks: order, progress, deterministic saves, hooks.

The end-to-end tests execute tiny notebooks in real kernels (about a second each).
"""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from hotspots import config
from hotspots.io import boundaries
from hotspots.publish import preflight, verdict_boxes
from hotspots.publish import run_notebooks as runner

#: The post-execute steps the runner declares (read before any test patches them).
DECLARED_STEPS = list(runner.POST_EXECUTE)


def write_notebook(path: Path, *cells: str, markdown: str = "# title") -> Path:
    notebook = new_notebook(cells=[new_markdown_cell(markdown)] + [new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    for i, cell in enumerate(notebook.cells):
        cell.id = f"cell-{i}"
    nbformat.write(notebook, path)
    return path


def run(paths, **kwargs) -> tuple[list[runner.Outcome], list[str]]:
    lines: list[str] = []
    outcomes = asyncio.run(runner.run_notebooks(paths, out=lines.append, **kwargs))
    return outcomes, lines


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """A private cache, and no post-execute steps (the project's read the real registry; the
    test of the steps sets its own)."""
    monkeypatch.setenv(config.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(runner, "POST_EXECUTE", [])


def test_the_runner_refreshes_each_executed_notebooks_verdict_box():
    assert [verdict_boxes.refresh_executed] == DECLARED_STEPS


# --- the plan ------------------------------------------------------------------------------


def test_the_declared_graph_names_real_notebooks():
    stems = {path.stem for path in runner.numbered_notebooks()}
    for stem, needs in runner.DEPENDS_ON.items():
        assert stem in stems
        assert set(needs) <= stems


def test_plan_keeps_dependencies_in_the_run_and_starts_the_longest_first(tmp_path):
    a, b, c = (tmp_path / f"{name}.ipynb" for name in ("00_a", "01_b", "02_c"))
    graph = {"02_c": ("00_a", "01_b", "99_absent")}
    order = runner.plan([a, b, c], graph, seconds={"00_a": 5.0, "01_b": 50.0})
    assert order == [(c, ("00_a", "01_b")), (b, ()), (a, ())]
    assert runner.plan([c], graph) == [(c, ())]


def test_plan_refuses_a_cycle(tmp_path):
    a, b = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    with pytest.raises(ValueError, match="cycle: a -> b -> a"):
        runner.plan([a, b], {"a": ("b",), "b": ("a",)})


# --- saving --------------------------------------------------------------------------------


def test_save_strips_volatile_metadata_and_writes_only_a_change(tmp_path):
    path = write_notebook(tmp_path / "n.ipynb", "1 + 1")
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[1].metadata["execution"] = {"iopub.execute_input": "2026-12-01T10:00:00Z"}
    notebook.cells[1].metadata["tags"] = ["keep"]
    notebook.metadata["widgets"] = {"state": {"random-model-id": {}}}
    assert runner.save_if_changed(notebook, path) is True
    saved = json.loads(path.read_text())
    assert saved["cells"][1]["metadata"] == {"tags": ["keep"]}
    assert "widgets" not in saved["metadata"]
    before = path.stat().st_mtime_ns
    assert runner.save_if_changed(nbformat.read(path, as_version=4), path) is False
    assert path.stat().st_mtime_ns == before


def test_cell_label_is_the_first_line_of_code():
    assert runner.cell_label("# load\n\nframe = load()  # comment\nmore()") == (
        "frame = load()  # comment"
    )
    assert runner.cell_label("x = " + "1" * 100, width=10) == "x = 11111…"
    assert runner.cell_label("# only a comment") == ""


# --- running -------------------------------------------------------------------------------


def test_parallel_run_respects_dependencies_and_a_rerun_changes_nothing(tmp_path):
    first = write_notebook(tmp_path / "00_first.ipynb",
                           "from pathlib import Path\nPath('shared.txt').write_text('from first')",
                           "print(sum(range(10)))")
    second = write_notebook(tmp_path / "01_second.ipynb", "print('independent')")
    last = write_notebook(tmp_path / "02_last.ipynb",
                          "from pathlib import Path\nprint(Path('shared.txt').read_text())")
    graph = {"02_last": ("00_first", "01_second")}
    outcomes, lines = run([first, second, last], jobs=2, depends_on=graph)
    assert [o.status for o in outcomes] == ["written", "written", "written"]
    started = [i for i, line in enumerate(lines) if line.endswith("started (1 code cells)")
               or line.endswith("started (2 code cells)")]
    finished = [i for i, line in enumerate(lines) if line.endswith("] written")]
    assert started[:2] == [0, 1] and max(started) > min(finished)  # two at once; last waits
    assert any("cell  2/2" in line and "print(sum(range(10)))" in line for line in lines)
    executed = nbformat.read(last, as_version=4)
    assert executed.cells[1].outputs[0]["text"] == "from first\n"
    assert executed.cells[1].execution_count == 1
    assert all(o.peak_rss > 0 and o.cpu_seconds > 0 for o in outcomes)
    texts = {p: p.read_bytes() for p in (first, second, last)}
    outcomes, _ = run([first, second, last], jobs=1, depends_on=graph)
    assert [o.status for o in outcomes] == ["unchanged"] * 3
    assert {p: p.read_bytes() for p in texts} == texts
    assert '"execution":' not in texts[first].decode()
    timings = json.loads((config.cache_dir() / runner.TIMINGS_FILE).read_text())
    assert set(timings) == {"00_first", "01_second", "02_last"}


def test_a_failing_cell_keeps_the_file_and_skips_what_depends_on_it(tmp_path):
    bad = write_notebook(tmp_path / "00_bad.ipynb", "x = 1", "raise ValueError('no data')")
    after = write_notebook(tmp_path / "01_after.ipynb", "print('never')")
    before = bad.read_bytes()
    outcomes, lines = run([bad, after], depends_on={"01_after": ("00_bad",)})
    assert [o.status for o in outcomes] == ["failed", "skipped"]
    assert outcomes[0].error == "in cell 2/2: CellExecutionError"
    assert any("ValueError: no data" in line for line in outcomes[0].details)
    assert outcomes[1].error == "needs 00_bad, which did not finish"
    assert bad.read_bytes() == before
    copy = nbformat.read(config.cache_dir() / "failed" / bad.name, as_version=4)
    assert copy.cells[2].outputs[0]["ename"] == "ValueError"
    assert "01_after" in lines[-1] and "skipped" in lines[-1]


def test_post_execute_steps_edit_the_notebook_before_it_is_saved(tmp_path, monkeypatch):
    path = write_notebook(tmp_path / "00_claims.ipynb", "verdict = 'close'", markdown="old box")
    seen = []

    def refresh_box(where: Path, notebook: nbformat.NotebookNode) -> None:
        seen.append(where)
        notebook.cells[0].source = "**Verdict:** close"

    def broken(where: Path, notebook: nbformat.NotebookNode) -> None:
        raise KeyError("no claims for this notebook")

    monkeypatch.setattr(runner, "POST_EXECUTE", [refresh_box])
    outcomes, _ = run([path])
    assert outcomes[0].status == "written" and seen == [path]
    assert nbformat.read(path, as_version=4).cells[0].source == "**Verdict:** close"
    monkeypatch.setattr(runner, "POST_EXECUTE", [broken])
    outcomes, _ = run([path])
    assert outcomes[0].status == "failed"
    assert outcomes[0].error.startswith("post-execute step test_post_execute_steps")


def test_summary_lists_every_notebook_and_the_total(tmp_path):
    outcomes = [
        runner.Outcome(tmp_path / "00_a.ipynb", "written", 12.34, 3, 300 * 2**20, 11.0),
        runner.Outcome(tmp_path / "01_b.ipynb", "skipped"),
    ]
    table = runner.summary(outcomes, wall=10.0).splitlines()
    assert table[1].split() == ["00_a", "written", "3", "12.3", "11.0", "300"]
    assert table[2].split() == ["01_b", "skipped", "0", "0.0", "0.0", "-"]
    assert table[3].split()[:3] == ["total", "12.3", "11.0"]
    assert table[3].endswith("(wall clock 10.0 s)")


def test_main_stops_before_any_kernel_when_data_is_missing(tmp_path, monkeypatch, capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv(config.DATA_ENV, str(tmp_path / "empty"))
    monkeypatch.setenv(config.BASE_URL_ENV, f"http://127.0.0.1:{port}")
    monkeypatch.setattr(preflight, "LOADERS", (boundaries,))
    path = write_notebook(tmp_path / "00_x.ipynb", "print(1)")
    before = path.read_bytes()
    assert runner.main([str(path)]) == preflight.MISSING_STATUS
    out, err = capsys.readouterr()
    assert "started" not in out and "preflight: 2 data file(s)" in err
    assert path.read_bytes() == before
