"""Verdict-first boxes: the Markdown cell under each notebook's title, made from the registry.

Every numbered notebook opens with its verdicts: right under the title cell, one Markdown cell
tagged :data:`TAG` whose text is ``render(notebook_stem)`` (the claims' verdicts at a glance,
from :func:`hotspots.claims.scorecard.verdict_box`) inside ``<div class="verdict-box">`` (the
book draws that as a box; JupyterLab shows the Markdown as usual). Nobody types that text:

- :func:`refresh` writes it into the notebook and into its jupytext twin
  (``NN_name.py``, percent format), inserting the cell under the title if it is missing;
- :func:`check` lists the notebooks whose box differs from what the registry gives (a test
  runs it on the committed notebooks).

nbval does not compare Markdown cells, so refreshing a box never disturbs nbval.

``python -m hotspots.publish.verdict_boxes NOTEBOOK.ipynb ...`` refreshes the given notebooks
from the committed registry (after ``make run`` re-executed them).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

import jupytext
import nbformat

from hotspots.claims.registry import load_registry
from hotspots.claims.scorecard import verdict_box

TAG = "verdict-box"
BOX = '<div class="verdict-box">\n\n{text}\n\n</div>'
Renderer = Callable[[str], str]
_MARKER = re.compile(r"^# %%")


def box_source(stem: str, render: Renderer) -> str:
    """The Markdown source of notebook ``stem``'s verdict box."""
    return BOX.format(text=render(stem).strip())


def _box_index(cells: list, where: Path) -> int | None:
    found = [i for i, c in enumerate(cells) if TAG in c.get("metadata", {}).get("tags", [])]
    if len(found) > 1:
        raise ValueError(f"{where}: {len(found)} cells are tagged {TAG!r}; keep one")
    return found[0] if found else None


def _title_index(cells: list) -> int:
    """The first Markdown cell holding a level-1 heading (-1 when there is none)."""
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown" and re.search(r"^# ", cell.source, re.MULTILINE):
            return i
    return -1


def _box_cell(text: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text, metadata={"tags": [TAG]})
    cell.id = TAG
    return cell


def _set_box(notebook: nbformat.NotebookNode, text: str, where: Path) -> bool:
    """Put the box into ``notebook`` (in memory); return whether it changed."""
    index = _box_index(notebook.cells, where)
    if index is None:
        notebook.cells.insert(_title_index(notebook.cells) + 1, _box_cell(text))
    elif notebook.cells[index].source == text:
        return False
    else:
        notebook.cells[index].source = text
    return True


def _update_notebook(path: Path, text: str) -> bool:
    notebook = nbformat.read(path, as_version=4)
    if not _set_box(notebook, text, path):
        return False
    nbformat.write(notebook, path)
    return True


def _percent_cell(text: str) -> list[str]:
    """The box as jupytext writes a Markdown cell in percent format (lines, no header)."""
    notebook = nbformat.v4.new_notebook(cells=[_box_cell(text)])
    notebook.metadata["jupytext"] = {"notebook_metadata_filter": "-all"}
    return jupytext.writes(notebook, fmt="py:percent").splitlines()


def _update_script(path: Path, text: str) -> bool:
    """Put the box into the percent-format script ``path``, leaving every other line as is."""
    source = path.read_text(encoding="utf-8")
    cells = jupytext.reads(source, fmt="py:percent").cells
    lines = source.splitlines()
    starts = [i for i, line in enumerate(lines) if _MARKER.match(line)]
    if len(starts) != len(cells):
        raise ValueError(f"{path}: every cell must start with a '# %%' line to place the box")
    index = _box_index(cells, path)
    if index is not None and cells[index].source == text:
        return False
    new = _percent_cell(text)
    if index is None:
        after = _title_index(cells) + 1
        at = starts[after] if after < len(starts) else len(lines)
        lines[at:at] = [*new, ""] if after < len(starts) else ["", *new]
    else:
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        while end > starts[index] + 1 and not lines[end - 1].strip():
            end -= 1  # keep the blank lines between cells
        lines[starts[index]:end] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return True


def _script(notebook_path: Path) -> Path | None:
    script = notebook_path.with_suffix(".py")
    return script if script.is_file() else None


def refresh(notebook_path: Path, render: Renderer) -> bool:
    """Make the notebook's verdict box (and its jupytext twin's) hold ``render(stem)``.

    Inserts the box under the title cell when there is none (first, without a title).
    Returns whether a file changed.
    """
    notebook_path = Path(notebook_path)
    text = box_source(notebook_path.stem, render)
    changed = _update_notebook(notebook_path, text)
    script = _script(notebook_path)
    if script is not None:
        changed = _update_script(script, text) or changed
    return changed


def refresh_executed(notebook_path: Path, notebook: nbformat.NotebookNode) -> None:
    """The notebook runner's post-execute step: the just-executed ``notebook`` (saved next by
    the runner) and its jupytext twin get the box the registry now gives, the notebook's own
    evidence included."""
    text = box_source(Path(notebook_path).stem, registry_renderer())
    _set_box(notebook, text, Path(notebook_path))
    if (script := _script(Path(notebook_path))) is not None:
        _update_script(script, text)


def check(notebook_paths: Iterable[Path], render: Renderer) -> list[str]:
    """One line per notebook (or twin) whose verdict box is missing or does not hold
    ``render(stem)``; empty when every box is up to date."""
    problems = []
    for path in map(Path, notebook_paths):
        expected = box_source(path.stem, render)
        sources = [(path, nbformat.read(path, as_version=4).cells)]
        if (script := _script(path)) is not None:
            sources.append((script, jupytext.read(script, fmt="py:percent").cells))
        for where, cells in sources:
            index = _box_index(cells, where)
            if index is None:
                problems.append(f"{where.name}: no Markdown cell tagged {TAG!r}")
            elif cells[index].source != expected:
                problems.append(f"{where.name}: the verdict box differs from the registry")
    return problems


def registry_renderer() -> Renderer:
    """The renderer of the committed claims registry (statements may still lack a verdict)."""
    registry = load_registry(complete=False)
    return partial(verdict_box, registry=registry)


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print("usage: python -m hotspots.publish.verdict_boxes NOTEBOOK.ipynb ...",
              file=sys.stderr)
        return 2
    render = registry_renderer()
    for path in paths:
        print(f"{path}: {'refreshed' if refresh(path, render) else 'up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
