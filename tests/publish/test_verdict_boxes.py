"""Tests for hotspots.publish.verdict_boxes on notebooks (and jupytext twins) in tmp_path."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest

from hotspots.config import notebooks_dir
from hotspots.publish import verdict_boxes as vb

BOX = "**Verdicts at a glance**\n\n| claim | verdict |\n|---|---|\n| total | close |"


def render(stem: str) -> str:
    return f"{BOX}\n\n(notebook {stem})\n"


def changed(stem: str) -> str:
    return "**Verdicts at a glance**\n\n- total: contradicted"


@pytest.fixture
def paired(tmp_path: Path) -> Path:
    """A notebook with outputs and its percent-format twin, as jupytext writes them."""
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 01 · A question\n\nThe claim."),
        nbformat.v4.new_code_cell("x = 1\nx", execution_count=1, outputs=[
            nbformat.v4.new_output("execute_result", data={"text/plain": "1"},
                                   execution_count=1)]),
        nbformat.v4.new_markdown_cell("## Caveats\n\nSome."),
    ])
    notebook.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    path = tmp_path / "01_question.ipynb"
    nbformat.write(notebook, path)
    jupytext.write(notebook, tmp_path / "01_question.py", fmt="py:percent")
    return path


def sources(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells]


def test_refresh_puts_the_box_under_the_title_in_both_files(paired):
    script = paired.with_suffix(".py")
    before_script = script.read_text()
    assert vb.refresh(paired, render)
    notebook = nbformat.read(paired, as_version=4)
    nbformat.validate(notebook)
    box = notebook.cells[1]
    assert box.cell_type == "markdown" and box.metadata["tags"] == [vb.TAG]
    assert box.source == f'<div class="verdict-box">\n\n{render("01_question").strip()}\n\n</div>'
    assert notebook.cells[2].outputs[0]["data"]["text/plain"] == "1"  # outputs kept
    twin = jupytext.read(script, fmt="py:percent")
    assert [c.source for c in twin.cells] == [c.source for c in notebook.cells]
    # the twin's other lines are untouched: only the box's lines are new
    added = set(script.read_text().splitlines()) - set(before_script.splitlines())
    assert all(line.startswith("#") for line in added)
    assert '# %% [markdown] tags=["verdict-box"]' in added


def test_refresh_is_idempotent_and_replaces_a_stale_box(paired):
    assert vb.refresh(paired, render)
    first = paired.read_text(), paired.with_suffix(".py").read_text()
    assert not vb.refresh(paired, render)
    assert (paired.read_text(), paired.with_suffix(".py").read_text()) == first
    assert vb.refresh(paired, changed)
    assert sources(paired)[1] == vb.box_source("01_question", changed)
    assert len(sources(paired)) == 4  # replaced, not added
    twin = jupytext.read(paired.with_suffix(".py"), fmt="py:percent")
    assert twin.cells[1].source == vb.box_source("01_question", changed)
    assert twin.cells[2].source == "x = 1\nx"


def test_check_names_missing_and_stale_boxes(paired):
    assert vb.check([paired], render) == [
        "01_question.ipynb: no Markdown cell tagged 'verdict-box'",
        "01_question.py: no Markdown cell tagged 'verdict-box'",
    ]
    vb.refresh(paired, render)
    assert vb.check([paired], render) == []
    assert vb.check([paired], changed) == [
        "01_question.ipynb: the verdict box differs from the registry",
        "01_question.py: the verdict box differs from the registry",
    ]


def test_a_notebook_without_a_twin(tmp_path):
    path = tmp_path / "02_alone.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), path)
    assert vb.refresh(path, render)
    assert sources(path)[0] == vb.box_source("02_alone", render)  # no title: box first
    assert vb.check([path], render) == []


def test_two_boxes_are_refused(paired):
    notebook = nbformat.read(paired, as_version=4)
    for i in (0, 2):
        notebook.cells[i].metadata["tags"] = [vb.TAG]
    nbformat.write(notebook, paired)
    with pytest.raises(ValueError, match="2 cells are tagged 'verdict-box'"):
        vb.refresh(paired, render)


def test_every_committed_notebook_shows_the_registry_verdicts():
    notebooks = sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
    assert vb.check(notebooks, vb.registry_renderer()) == [], (
        "run: python -m hotspots.publish.verdict_boxes notebooks/*.ipynb")


def test_refresh_executed_puts_the_registry_box_under_the_title(tmp_path):
    path = tmp_path / "01_headline_figures.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 01 · Title"),
                                               nbformat.v4.new_code_cell("1 + 1")])
    vb.refresh_executed(path, notebook)
    box = notebook.cells[1]
    assert vb.TAG in box.metadata["tags"] and len(notebook.cells) == 3
    assert box.source == vb.box_source(path.stem, vb.registry_renderer())
    assert "Westminster led with 91,380 offences" in box.source
