"""A tiny collection for the book tests, laid out like the project in a temporary folder.

The project's own ``book/`` folder (configuration, table of contents, intro, glossary, map
page), one small notebook with stored outputs per notebook in its table of contents, a claims
registry with one claim per notebook, a figure linked from a Markdown cell, and a synthetic
explorer table: a 3 × 3 grid of 1 km "wards" with two crime types.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pandas as pd
import yaml
from lattices import grid

from hotspots import claims
from hotspots.claims import verdicts
from hotspots.config import PROJECT_ROOT
from hotspots.publish import verdict_boxes

CRIMES = ("Theft from the person", "Burglary")
HOT = "Hot Spot - 99% Confidence"
QUIET = "Not Significant"
FIGURE = "01_demo.png"


def notebook_stems(root: Path = PROJECT_ROOT) -> list[str]:
    """The notebooks in ``book/_toc.yml``, in reading order."""
    toc = yaml.safe_load((root / "book" / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [Path(f).name for f in files if f.startswith("notebooks/")]


def fake_verdict_box(stem: str) -> str:
    """A stand-in for the registry's renderer: names the notebook, so each box is distinct."""
    return (f"**Verdicts at a glance** for {stem}\n\n| claim | verdict |\n|---|---|\n"
            f"| claim-{stem[:2]} | close |")


def explorer_grid() -> gpd.GeoDataFrame:
    """Nine 1 km wards × two crime types in the explorer's input contract.

    Theft counts are 1…9 (ward W1…W9), burglary 9…1; rates are count / 2 except burglary in
    W5, which has no rate; W5 is a hot spot for theft, every other ward not significant.
    """
    wards = grid(3, 3, size=1000.0)
    wards.geometry = wards.geometry.translate(530_000, 180_000)
    frames = []
    for crime, counts in zip(CRIMES, (np.arange(1, 10), np.arange(9, 0, -1)), strict=True):
        frame = wards[["geometry"]].copy()
        frame["unit_code"] = [f"W{i}" for i in range(1, 10)]
        frame["unit_name"] = [f"Ward {i}" for i in range(1, 10)]
        frame["borough"] = ["Camden"] * 3 + ["Westminster"] * 6
        frame["crime_type"] = crime
        frame["count"] = counts
        frame["rate_per_1000"] = counts / 2
        frame["hot_spot_class"] = QUIET
        frame["layer"] = "ward"
        frames.append(frame)
    table = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=wards.crs)
    table.loc[(table["crime_type"] == CRIMES[1]) & (table["unit_code"] == "W5"),
              "rate_per_1000"] = np.nan
    table.loc[(table["crime_type"] == CRIMES[0]) & (table["unit_code"] == "W5"),
              "hot_spot_class"] = HOT
    return table


def _notebook(stem: str, first: bool, extra_markdown: str) -> nbformat.NotebookNode:
    cells = [
        nbformat.v4.new_markdown_cell(f"# {stem[:2]} · Test notebook {stem}\n\nThe claim."),
        nbformat.v4.new_markdown_cell(
            "A {term}`hot spot` and a [false discovery rate](../book/glossary.md#fdr)."
            + (f"\n\n![A demo figure](../figures/{FIGURE})\n\n$$G_i^* = \\frac{{a}}{{b}}$$"
               if first else "") + extra_markdown),
        nbformat.v4.new_code_cell("total = 2 + 2\ntotal", execution_count=1, outputs=[
            nbformat.v4.new_output("execute_result", data={"text/plain": "4"},
                                   execution_count=1)]),
        nbformat.v4.new_code_cell("print('visible code')", execution_count=2,
                                  metadata={"tags": ["show-input"]}, outputs=[
                                      nbformat.v4.new_output("stream", name="stdout",
                                                             text="visible code\n")]),
        nbformat.v4.new_code_cell("secret = 'removed source'", execution_count=3,
                                  metadata={"tags": ["remove-input"]}, outputs=[
                                      nbformat.v4.new_output("stream", name="stdout",
                                                             text="output only\n")]),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


#: Statements the fixture's first notebooks decide, with the values "found" (one reproduced,
#: one close, one contradicted by the number rule).
NUMBERS = (("london-total-2024", 957_481.0), ("westminster-total-2024", 90_000.0),
           ("camden-total-2024", 50_000.0))


def make_collection(root: Path, *, explorer: bool = True, extra_markdown: str = "") -> Path:
    """Lay the collection out in ``root`` (``extra_markdown`` is appended to the second cell of
    every notebook) and return ``root``."""
    shutil.copytree(PROJECT_ROOT / "book", root / "book")
    (root / "figures").mkdir(parents=True)
    plt.imsave(root / "figures" / FIGURE, np.linspace(0, 1, 60).reshape(6, 10))
    (root / "notebooks").mkdir()
    claims_folder = root / "data" / "derived" / "claims"
    claims_folder.mkdir(parents=True)
    for i, stem in enumerate(notebook_stems()):
        path = root / "notebooks" / f"{stem}.ipynb"
        nbformat.write(_notebook(stem, i == 0, extra_markdown), path)
        verdict_boxes.refresh(path, fake_verdict_box)
        evidence = claims.record(stem, claims_folder)
        if i < len(NUMBERS):
            statement_id, ours = NUMBERS[i]
            evidence.primary(statement_id, verdicts.number(statement_id, ours),
                             source="test", figure=f"figures/{FIGURE}")
        else:
            evidence.supporting("london-total-2024", f"note-{stem[:2]}",
                                f"context from notebook {stem[:2]}", source="test",
                                our_value=float(i))
        evidence.save()
    claims.export_registry(root / "data" / "derived", claims_folder, complete=False)
    if explorer:
        folder = root / "data" / "derived" / "explorer"
        folder.mkdir()
        explorer_grid().to_parquet(folder / "wards.parquet")
    return root
