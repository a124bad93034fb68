"""Tests for hotspots.site on a small collection written in tmp_path."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest

from hotspots.article import SECTIONS, STATEMENTS
from hotspots.claims import record
from hotspots.claims import verdicts as v
from hotspots.publish import site

matplotlib.use("Agg")


class Links(HTMLParser):
    """Collects table rows by class, links, image sources and script sources."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.links: list[str] = []
        self.images: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "tr":
            self.rows.append(attrs.get("class", ""))
        if tag in ("a", "link") and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs["src"])
        if tag == "script" and "src" in attrs:
            self.scripts.append(attrs["src"])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture
def collection(tmp_path: Path) -> dict[str, Path]:
    notebooks, claims, figures = (tmp_path / n for n in ("notebooks", "claims", "figures"))
    for folder in (notebooks, claims, figures):
        folder.mkdir()
    plt.imsave(figures / "01_demo.png", np.zeros((10, 20, 3)))
    plt.imsave(figures / "01_extra.png", np.ones((10, 20, 3)))
    plt.imsave(figures / "02_other.png", np.ones((10, 20, 3)))
    for stem, title in [("01_first", "01 · The first question"), ("02_second", "02 · Second")]:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\nSome text."),
                    nbformat.v4.new_code_cell('style.save_figure(fig, "01_demo", "Source")')]
        nbformat.write(nb, notebooks / f"{stem}.ipynb")
    first = record("01_first", claims)
    first.primary("london-total-2024", v.number("london-total-2024", 939_957), source="test",
                  figure="figures/01_demo.png")
    first.primary("westminster-total-2024",
                  v.number("westminster-total-2024", [91_127, 91_723]), source="test")
    first.save()
    second = record("02_second", claims)
    second.primary("camden-total-2024", v.number("camden-total-2024", 42_805), source="test")
    second.save()
    return {"notebooks": notebooks, "claims": claims, "figures": figures,
            "out": tmp_path / "site"}


def build(collection: dict[str, Path]) -> Path:
    return site.build_site(collection["out"],
                           notebooks=sorted(collection["notebooks"].glob("*.ipynb")),
                           claims_directory=collection["claims"],
                           figures_directory=collection["figures"])


def test_index_has_one_row_per_claim_and_working_links(collection):
    index = build(collection)
    out = index.parent
    page = parse(index)
    assert page.rows.count("claim") == sum(x.kind != "advice" for x in STATEMENTS)
    assert page.rows.count("section") == len(SECTIONS)
    for link in page.links + page.images:
        assert not link.startswith(("http:", "https:", "/")), link
        assert (out / link.split("#")[0]).is_file(), link
    assert {"01_first.html", "02_second.html", "figures/01_demo.png",
            "data/claims_registry.csv", "data/claims_registry.json", "data/claims_evidence.csv",
            "site.css"} <= set(page.links)
    html = index.read_text(encoding="utf-8")
    assert 'id="claim-westminster-total-2024"' in html
    assert "91,127 offences (range 91,127–91,723)" in html
    assert ">01 · The first question</a> (2 verdicts)" in html
    assert ">no verdict yet</span>" in html and "Of the article's 36 statements" in html
    records = json.loads((out / "data" / "claims_registry.json").read_text())
    assert records[0]["statement_id"] == STATEMENTS[0].statement_id


def test_notebook_pages_show_their_figures_and_load_nothing_remote(collection):
    out = build(collection).parent
    first = parse(out / "01_first.html")
    assert first.images == ["figures/01_demo.png", "figures/01_extra.png"]
    assert "index.html" in first.links and "02_second.html" in first.links
    assert first.scripts == []
    html = (out / "01_first.html").read_text(encoding="utf-8")
    assert "<title>01 · The first question</title>" in html
    assert not re.search(r'(src|href)="https?://', html)
    # the second notebook saves 01_demo as well; its own prefix has 02_other left over
    assert parse(out / "02_second.html").images == ["figures/01_demo.png",
                                                    "figures/02_other.png"]


def test_rebuild_replaces_the_old_site_but_never_a_foreign_folder(collection, tmp_path):
    out = build(collection).parent
    (out / "stale.html").write_text("old")
    build(collection)
    assert not (out / "stale.html").exists()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("precious")
    with pytest.raises(FileExistsError):
        site.build_site(foreign, notebooks=[], claims_directory=collection["claims"],
                        figures_directory=collection["figures"])
    assert (foreign / "keep.txt").read_text() == "precious"


def test_attach_figures_uses_literal_names_that_exist():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('save_figure(fig, "01_a", "s")\n'
                                          'save_figure(fig, f"01_{name}", "s")\n'
                                          'save_figure(fig, "01_missing", "s")')]
    assert site.attach_figures(nb, {"01_a", "01_b"}) == ["01_a"]
    assert nb.cells[0].outputs[0]["data"]["text/html"].startswith(
        '<img class="site-figure" src="figures/01_a.png"')
