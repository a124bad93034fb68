"""Execute notebooks in order, in place (``python -m hotspots.run_notebooks NB ...``)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

TIMEOUT_SECONDS = 3600


def execute_in_place(path: Path) -> float:
    """Run every cell of the notebook at ``path`` and save it with its outputs; return seconds."""
    start = time.perf_counter()
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nbformat.write(notebook, path)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    if not paths:
        print("usage: python -m hotspots.run_notebooks NOTEBOOK.ipynb ...", file=sys.stderr)
        return 2
    for path in paths:
        print(f"executing {path} ...", flush=True)
        print(f"  done in {execute_in_place(path):.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
