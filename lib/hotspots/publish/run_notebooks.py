"""Execute the numbered notebooks in place: ``python -m hotspots.publish.run_notebooks [NB ...]``.

What ``make run`` does, in order:

1. **Preflight** (:mod:`hotspots.publish.preflight`): the data files the loaders need are
   checked, and fetched when missing and the publishers can be reached; otherwise one short
   message and exit status 3, before any kernel starts.
2. **Scheduling**: notebooks run ``--jobs`` at a time (one kernel each), in the order the small
   graph :data:`DEPENDS_ON` allows: a notebook starts once every notebook it reads from has
   finished. Among the ready ones, the longest by the last run's time goes first.
3. **Progress**: one line per finished cell (notebook, cell k/N, the cell's seconds, the
   notebook's elapsed time and the cell's first line), a line when a cell has been running
   for a while, and a summary table (seconds and kernel peak memory per notebook).
4. **Post-execute steps** (:data:`POST_EXECUTE`): functions that edit the executed notebook
   before it is saved (e.g. refresh generated markdown).
5. **Deterministic save**: volatile metadata (per-cell execution timestamps, widget state)
   is removed and a notebook is written only if its text changed, so a rerun on unchanged
   data leaves ``git status`` clean. A notebook whose cell fails is not written over; the
   executed copy goes to ``cache_dir()/failed/`` for inspection.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import psutil
from jupyter_core.paths import jupyter_runtime_dir
from nbclient import NotebookClient
from nbformat import NotebookNode
from traitlets.config import Config

from hotspots.config import cache_dir, notebooks_dir
from hotspots.io.files import atomic_write
from hotspots.publish import preflight, verdict_boxes

TIMEOUT_SECONDS = 3600
#: A running cell is announced after this many seconds, then again every ``HEARTBEAT * 6``.
HEARTBEAT = 10.0
MEMORY_POLL_SECONDS = 0.2
TIMINGS_FILE = "notebook-seconds.json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colours in kernel tracebacks

#: notebook stem -> the stems it must run after, because it reads what they write. Stems not
#: in a run are ignored (running one notebook alone runs it alone).
DEPENDS_ON: dict[str, tuple[str, ...]] = {
    # The scorecard reads the claims 01-05 write to data/derived/claims/ (00 writes none).
    "06_fact_check_scorecard": (
        "01_headline_figures",
        "02_phone_theft_hot_spots",
        "03_hot_spots_moran_getis_ord",
        "04_concentration_stability_prediction",
        "05_town_centres_patrol_effect",
    ),
}

#: Cell metadata that changes with every run and says nothing about the result.
VOLATILE_CELL_METADATA = ("execution",)
#: Notebook metadata of the same kind (ipywidgets' model ids are random).
VOLATILE_NOTEBOOK_METADATA = ("widgets",)

PostExecuteStep = Callable[[Path, NotebookNode], None]
#: Functions called after a notebook executed without error, in order, before it is saved:
#: ``step(path, notebook)`` may edit ``notebook`` in place (e.g. replace a generated markdown
#: cell). An exception fails the notebook. Append to this list to add a step.
POST_EXECUTE: list[PostExecuteStep] = [verdict_boxes.refresh_executed]


# --- the plan ------------------------------------------------------------------------------


def numbered_notebooks(folder: Path | None = None) -> list[Path]:
    """The ``NN_name.ipynb`` notebooks in ``folder`` (default: the project's), sorted."""
    folder = folder or notebooks_dir()
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def plan(
    paths: Sequence[Path],
    depends_on: Mapping[str, Sequence[str]] = DEPENDS_ON,
    seconds: Mapping[str, float] | None = None,
) -> list[tuple[Path, tuple[str, ...]]]:
    """Each notebook with the stems (in this run) it waits for, in start-priority order.

    Priority: longest first by ``seconds`` (the last run's times; unknown ones first), then by
    name. Raises ValueError on a cycle.
    """
    stems = {p.stem: p for p in paths}
    if len(stems) != len(paths):
        raise ValueError("the same notebook is named twice")
    waits = {s: tuple(d for d in depends_on.get(s, ()) if d in stems) for s in stems}
    _check_acyclic(waits)
    known = seconds or {}
    order = sorted(stems, key=lambda s: (-known.get(s, float("inf")), s))
    return [(stems[s], waits[s]) for s in order]


def _check_acyclic(waits: Mapping[str, Sequence[str]]) -> None:
    state: dict[str, str] = {}

    def visit(stem: str, trail: tuple[str, ...]) -> None:
        if state.get(stem) == "done":
            return
        if state.get(stem) == "open":
            raise ValueError(f"notebook dependency cycle: {' -> '.join((*trail, stem))}")
        state[stem] = "open"
        for dep in waits[stem]:
            visit(dep, (*trail, stem))
        state[stem] = "done"

    for stem in waits:
        visit(stem, ())


# --- saving --------------------------------------------------------------------------------


def normalise(notebook: NotebookNode) -> NotebookNode:
    """Remove volatile metadata in place (see :data:`VOLATILE_CELL_METADATA`); return it."""
    for key in VOLATILE_NOTEBOOK_METADATA:
        notebook.metadata.pop(key, None)
    for cell in notebook.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    return notebook


def save_if_changed(notebook: NotebookNode, path: Path) -> bool:
    """Write ``notebook`` (normalised) to ``path`` unless the file already holds that text."""
    text = nbformat.writes(normalise(notebook))
    text = text if text.endswith("\n") else text + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    with atomic_write(path, "w") as handle:
        handle.write(text)
    return True


# --- progress ------------------------------------------------------------------------------


def cell_label(source: str, width: int = 60) -> str:
    """The first line of code in a cell (comments and blank lines skipped), shortened."""
    lines = [line.strip() for line in source.splitlines()]
    code = next((line for line in lines if line and not line.startswith("#")), "")
    return code if len(code) <= width else code[: width - 1] + "…"


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


class Progress:
    """Prints what runs: one line per event, each naming the notebook (readable in CI logs)."""

    def __init__(self, stems: Iterable[str], out: Callable[[str], None] = print) -> None:
        self.width = max((len(s) for s in stems), default=0)
        self.out = out

    def line(self, stem: str, elapsed: float, text: str) -> None:
        self.out(f"[{stem:<{self.width}} {_clock(elapsed):>5}] {text}")


# --- one notebook --------------------------------------------------------------------------


@dataclass
class Outcome:
    """What happened to one notebook."""

    path: Path
    status: str = "waiting"  # written | unchanged | failed | skipped
    seconds: float = 0.0
    cells: int = 0
    peak_rss: int = 0  # bytes: the kernel process and its children, polled
    cpu_seconds: float = 0.0  # user + system time of the kernel (and live children), polled
    error: str = ""
    details: list[str] = field(default_factory=list)


class _Run:
    """One notebook's execution: the client, its progress hooks and a memory poller."""

    def __init__(self, path: Path, progress: Progress, timeout: int) -> None:
        self.path, self.stem, self.progress = path, path.stem, progress
        self.notebook = nbformat.read(path, as_version=4)
        cells = enumerate(self.notebook.cells)
        self.code = [i for i, c in cells if c.cell_type == "code" and c.source.strip()]
        self.outcome = Outcome(path, cells=len(self.code))
        self.client = NotebookClient(
            self.notebook,
            timeout=timeout,
            kernel_name="python3",
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
            config=_ipc_config(),
            on_notebook_start=self._kernel_started,
            on_cell_execute=self._cell_started,
            on_cell_executed=self._cell_finished,
        )
        self.start = self.cell_start = time.perf_counter()
        self.current: int | None = None  # the cell started last
        self.running = False
        self.pid: int | None = None

    async def execute(self) -> Outcome:
        self.start = time.perf_counter()
        self.progress.line(self.stem, 0, f"started ({len(self.code)} code cells)")
        watcher = asyncio.ensure_future(self._watch())
        try:
            await self.client.async_execute()
        except Exception as exc:  # a cell's error, a timeout, a dead or unstartable kernel
            self._failed(exc, self._where())
        else:
            self._finish()
        finally:
            watcher.cancel()
        self.outcome.seconds = time.perf_counter() - self.start
        self.progress.line(self.stem, self.outcome.seconds, self.outcome.status)
        return self.outcome

    def _finish(self) -> None:
        for step in POST_EXECUTE:
            try:
                step(self.path, self.notebook)
            except Exception as exc:
                name = getattr(step, "__qualname__", repr(step))
                self._failed(exc, f"post-execute step {name}")
                return
        written = save_if_changed(self.notebook, self.path)
        self.outcome.status = "written" if written else "unchanged"

    def _where(self) -> str:
        if self.current is None:
            return "before the first cell"
        return f"in cell {self.code.index(self.current) + 1}/{len(self.code)}"

    def _failed(self, exc: BaseException, where: str) -> None:
        self.outcome.status = "failed"
        self.outcome.error = f"{where}: {type(exc).__name__}"
        self.outcome.details = ANSI.sub("", str(exc)).strip().splitlines()
        failed = cache_dir() / "failed" / self.path.name
        failed.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(normalise(self.notebook), failed)
        self.outcome.details.append(f"executed copy with the error: {failed}")

    # nbclient hooks
    def _kernel_started(self, notebook: NotebookNode) -> None:
        provisioner = getattr(self.client.km, "provisioner", None)
        self.pid = getattr(provisioner, "pid", None)
        self._sample()

    def _cell_started(self, cell: NotebookNode, cell_index: int) -> None:
        self.current, self.cell_start, self.running = cell_index, time.perf_counter(), True

    def _cell_finished(self, cell: NotebookNode, cell_index: int, execute_reply: dict) -> None:
        now = time.perf_counter()
        number = self.code.index(cell_index) + 1
        self.progress.line(
            self.stem,
            now - self.start,
            f"cell {number:>2}/{len(self.code)} {now - self.cell_start:6.1f} s  "
            f"{cell_label(cell.source)}",
        )
        self.running = False
        self._sample()

    def _sample(self) -> None:
        rss, cpu = _tree_usage(self.pid)
        self.outcome.peak_rss = max(self.outcome.peak_rss, rss)
        self.outcome.cpu_seconds = max(self.outcome.cpu_seconds, cpu)

    async def _watch(self) -> None:
        """Poll the kernel's memory; announce a cell that runs long."""
        announced = HEARTBEAT
        while True:
            await asyncio.sleep(MEMORY_POLL_SECONDS)
            self._sample()
            running = time.perf_counter() - self.cell_start
            if not self.running:
                announced = HEARTBEAT
            elif running >= announced:
                number = self.code.index(self.current) + 1
                cell = self.notebook.cells[self.current]
                self.progress.line(
                    self.stem,
                    time.perf_counter() - self.start,
                    f"cell {number:>2}/{len(self.code)} running {running:4.0f} s  "
                    f"{cell_label(cell.source)}",
                )
                announced = running + HEARTBEAT * 6


def _ipc_config() -> Config:
    """Kernel sockets as Unix sockets (private to the machine; no "running over TCP without
    encryption" warning from every kernel), at an absolute path of their own, since the
    kernel runs in the notebook's folder."""
    folder = Path(jupyter_runtime_dir())
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    sockets = folder / f"hotspots-{uuid.uuid4().hex[:12]}-ipc"
    return Config({"KernelManager": {"transport": "ipc", "ip": str(sockets)}})


def _tree_usage(pid: int | None) -> tuple[int, float]:
    """Resident memory (bytes) and CPU seconds of a process and its children; 0 once gone."""
    if pid is None:
        return 0, 0.0
    try:
        parent = psutil.Process(pid)
        members = [parent, *parent.children(recursive=True)]
    except psutil.Error:
        return 0, 0.0
    rss, cpu = 0, 0.0
    for member in members:
        try:
            with member.oneshot():
                rss += member.memory_info().rss
                times = member.cpu_times()
        except psutil.Error:
            continue
        cpu += times.user + times.system
    return rss, cpu


# --- many notebooks ------------------------------------------------------------------------


async def run_notebooks(
    paths: Sequence[Path],
    *,
    jobs: int = 1,
    depends_on: Mapping[str, Sequence[str]] = DEPENDS_ON,
    timeout: int = TIMEOUT_SECONDS,
    out: Callable[[str], None] = print,
) -> list[Outcome]:
    """Execute ``paths`` in place, ``jobs`` at a time, respecting ``depends_on``.

    A notebook whose dependency failed is skipped. Returns one :class:`Outcome` per notebook,
    in the order of ``paths``; the times are remembered for the next run's priorities.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    seconds = _read_timings()
    order = plan(paths, depends_on, seconds)
    progress = Progress([p.stem for p in paths], out)
    outcomes = {p.stem: Outcome(p) for p in paths}
    finished = {p.stem: asyncio.Event() for p in paths}
    slots = asyncio.Semaphore(jobs)

    async def one(path: Path, waits: tuple[str, ...]) -> None:
        try:
            for stem in waits:
                await finished[stem].wait()
            failed = [s for s in waits if outcomes[s].status in ("failed", "skipped")]
            if failed:
                outcomes[path.stem].status = "skipped"
                outcomes[path.stem].error = f"needs {', '.join(failed)}, which did not finish"
                progress.line(path.stem, 0, f"skipped: {outcomes[path.stem].error}")
                return
            async with slots:
                outcomes[path.stem] = await _Run(path, progress, timeout).execute()
        finally:
            finished[path.stem].set()

    await asyncio.gather(*(one(path, waits) for path, waits in order))
    seconds.update({s: o.seconds for s, o in outcomes.items() if o.status in ("written",
                                                                              "unchanged")})
    _write_timings(seconds)
    return [outcomes[p.stem] for p in paths]


def _read_timings() -> dict[str, float]:
    try:
        return {str(k): float(v) for k, v in json.loads((cache_dir() / TIMINGS_FILE).read_text())
                .items()}
    except (OSError, ValueError, AttributeError):
        return {}


def _write_timings(seconds: Mapping[str, float]) -> None:
    with atomic_write(cache_dir() / TIMINGS_FILE, "w") as handle:
        json.dump(dict(sorted(seconds.items())), handle, indent=1)


def summary(outcomes: Sequence[Outcome], wall: float) -> str:
    """A table per notebook: status, cells, seconds, kernel CPU seconds and peak memory."""
    width = max([len(o.path.stem) for o in outcomes] + [8])
    head = f"{'notebook':<{width}}  {'status':<9} {'cells':>5} {'seconds':>8} {'cpu s':>7}"
    lines = [f"{head} {'peak MB':>8}"]
    for o in outcomes:
        peak = f"{o.peak_rss / 2**20:8.0f}" if o.peak_rss else f"{'-':>8}"
        lines.append(f"{o.path.stem:<{width}}  {o.status:<9} {o.cells:>5} {o.seconds:>8.1f} "
                     f"{o.cpu_seconds:>7.1f} {peak}")
    busy, cpu = sum(o.seconds for o in outcomes), sum(o.cpu_seconds for o in outcomes)
    lines.append(f"{'total':<{width}}  {'':<9} {'':>5} {busy:>8.1f} {cpu:>7.1f}"
                 f"   (wall clock {wall:.1f} s)")
    return "\n".join(lines)


# --- command line --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; exit status 0 ok, 1 a notebook failed, 2 usage, 3 data missing."""
    parser = argparse.ArgumentParser(
        prog="python -m hotspots.publish.run_notebooks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to run (default: every numbered notebook)")
    parser.add_argument("--jobs", "-j", type=int, default=2,
                        help="notebooks run at the same time (default: %(default)s)")
    parser.add_argument("--no-preflight", action="store_true",
                        help="do not check (or fetch) the data files first")
    args = parser.parse_args(argv)
    paths = args.notebooks or numbered_notebooks()
    missing = [str(p) for p in paths if not p.is_file()]
    if missing or not paths:
        parser.error(f"no such notebook: {', '.join(missing)}" if missing else "no notebooks")
    if not args.no_preflight:
        status = preflight.main([])
        if status:
            return status
    start = time.perf_counter()
    outcomes = asyncio.run(
        run_notebooks([p.resolve() for p in paths], jobs=args.jobs, out=_print)
    )
    print(summary(outcomes, time.perf_counter() - start), flush=True)
    failures = [o for o in outcomes if o.status in ("failed", "skipped")]
    for o in failures:
        print(f"\n{o.path.name} {o.status}: {o.error}", file=sys.stderr)
        for line in o.details:
            print(f"  {line}", file=sys.stderr)
    return 1 if failures else 0


def _print(text: str) -> None:
    print(text, flush=True)


if __name__ == "__main__":
    sys.exit(main())
