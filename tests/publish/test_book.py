"""Tests for hotspots.publish.book (and the book/ folder) on a tiny collection in tmp_path.

One book is built per module from :mod:`book_collection` and read as HTML: the pages, the
scorecard, hidden code, verdict boxes, glossary anchors, figures, the map and, statically,
that no page, stylesheet or script loads anything from the internet. The browser test
(``test_book_browser.py``) opens the same kind of book in Chromium.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import yaml
from book_collection import FIGURE, NUMBERS, make_collection, notebook_stems

from hotspots.article import STATEMENTS
from hotspots.config import PROJECT_ROOT, notebooks_dir
from hotspots.publish import book
from hotspots.publish.sphinx_book import EXPLORER_PAGE, MATHJAX_BUNDLE
from hotspots.viz.style import VERDICT_COLOURS

GLOSSARY_TERMS = (
    "Hot spot", "Getis-Ord Gi*", "Local Moran's I", "LISA", "Global Moran's I",
    "Spatial weights", "Queen contiguity", "k-nearest neighbours", "Distance band",
    "Permutation test", "Pseudo p-value", "Conditional randomisation", "Multiple testing",
    "FDR", "Benjamini–Hochberg", "Bonferroni", "Emerging hot spot", "Mann–Kendall", "MAUP",
    "LSOA", "Ward", "Borough", "Vintage", "Total notifiable offences", "Rate per 1,000",
    "Empirical Bayes smoothing", "Workday population", "Gini coefficient", "Lorenz curve",
    "PAI", "PEI", "Jaccard index", "SPPT", "Regression to the mean",
    "Difference-in-differences", "Event study", "Incidence rate ratio", "IRR",
    "Synthetic control", "Placebo test", "Randomisation inference", "Wild cluster bootstrap",
    "Minimum detectable effect", "MDE", "Displacement", "WDQ", "Diffusion of benefits",
)
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


class Page(HTMLParser):
    """What one HTML page loads and links, and its verdict boxes and code toggles."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.loads: list[str] = []  # script src, stylesheet/preload/icon href, img/iframe src
        self.links: list[str] = []
        self.classes: list[str] = []
        self.ids: set[str] = set()
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        self.classes.append(f"{tag}.{attrs.get('class') or ''}")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loads.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_collection(tmp_path_factory.mktemp("collection"))
    index = book.build_book(tmp_path_factory.mktemp("out") / "site", root=root)
    return index.parent


def test_every_page_is_built(site):
    for stem in notebook_stems():
        assert (site / "notebooks" / f"{stem}.html").is_file()
    for page in ("book/intro.html", "book/glossary.html", "book/map.html", "search.html",
                 "searchindex.js", EXPLORER_PAGE, f"_static/mathjax/{MATHJAX_BUNDLE}"):
        assert (site / page).is_file(), page
    assert 'url=book/intro.html"' in (site / "index.html").read_text()
    assert not list(site.rglob("*.ipynb"))  # no source copies


def test_nothing_is_loaded_from_the_internet(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12
    for path in pages:
        external = [u for u in Page(path).loads if EXTERNAL.match(u)]
        assert external == [], f"{path.relative_to(site)} loads {external}"
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"@import\s+(url\()?\s*['\"]?(https?:)?//", text), css
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css
    # MathJax's menu, whose speech tools fetch from a CDN, is switched off
    math_page = (site / "notebooks" / f"{notebook_stems()[0]}.html").read_text()
    assert f"_static/mathjax/{MATHJAX_BUNDLE}" in math_page
    assert '"enableMenu": false' in math_page
    assert not re.search(r"<script[^>]*\ssrc=", (site / EXPLORER_PAGE).read_text())


def test_the_front_page_is_the_scorecard(site):
    html = (site / "book" / "intro.html").read_text()
    scored = [s for s in STATEMENTS if s.kind != "advice"]
    assert html.count('class="verdict"') == len(scored)
    for stem in notebook_stems()[: len(NUMBERS)]:  # the fixture's notebooks that decide one
        assert f'href="../notebooks/{stem}.html"' in html


def test_code_is_hidden_behind_a_toggle_unless_a_tag_says_otherwise(site):
    html = (site / "notebooks" / f"{notebook_stems()[1]}.html").read_text()
    hidden = re.search(r'<details class="[^"]*hide above-input">.*?</details>', html, re.DOTALL)
    assert hidden and "Show code" in hidden.group(0) and "total" in hidden.group(0)
    # the show-input cell's source comes straight, not inside a toggle
    assert re.search(r'tag_show-input docutils container">\s*<div class="cell_input', html)
    assert html.count("<details") == 1  # show-input and remove-input cells have no toggle
    assert "removed source" not in html and "output only" in html


def test_each_notebook_page_opens_with_its_verdict_box(site):
    for stem in notebook_stems():
        html = (site / "notebooks" / f"{stem}.html").read_text()
        box = html.index('<div class="verdict-box">')
        assert html.index("The claim.") < box < html.index("A <a")  # under the title cell
        assert f"for {stem}" in html[box:html.index("A <a")]


def test_glossary_terms_have_anchors_and_notebooks_link_to_them(site):
    glossary = (site / "book" / "glossary.html").read_text()
    terms = {html.unescape(t).replace("’", "'") for t in
             re.findall(r'<dt id="term-[^"]+">(.*?)<a class="headerlink"', glossary)}
    assert set(GLOSSARY_TERMS) - terms == set()
    links = Page(site / "notebooks" / f"{notebook_stems()[0]}.html").links
    assert "../book/glossary.html#term-FDR" in links  # [..](../book/glossary.md#fdr)
    assert "../book/glossary.html#term-Hot-spot" in links  # {term}`hot spot`


def test_figures_linked_from_markdown_are_copied(site):
    html = (site / "notebooks" / f"{notebook_stems()[0]}.html").read_text()
    assert f'src="../_images/{FIGURE}"' in html
    assert (site / "_images" / FIGURE).is_file()
    assert "mjx" in html or "math notranslate" in html  # the formula is left to MathJax


def test_the_map_page_frames_the_explorer(site):
    page = Page(site / "book" / "map.html")
    assert f"../{EXPLORER_PAGE}" in page.loads
    explorer = (site / EXPLORER_PAGE).read_text()
    assert "Theft from the person" in explorer and "Ward 5" in explorer


def test_without_explorer_tables_the_map_page_says_so(tmp_path):
    root = make_collection(tmp_path / "collection", explorer=False)
    site = book.build_book(tmp_path / "site", root=root).parent
    html = (site / "book" / "map.html").read_text()
    assert "The map has not been built yet" in html and "<iframe" not in html
    assert not (site / EXPLORER_PAGE).exists()


def test_a_broken_link_fails_the_build(tmp_path, capsys):
    root = make_collection(tmp_path / "collection", explorer=False,
                           extra_markdown="\n\nSee [no such term](../book/glossary.md#nope).")
    with pytest.raises(book.BookBuildError):
        book.build_book(tmp_path / "site", root=root)
    assert "local id not found in doc 'book/glossary': 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_folder_it_did_not_build_is_not_overwritten(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        book._prepare(tmp_path / "site")
    assert (tmp_path / "site" / "notes.txt").read_text() == "mine"
    (tmp_path / "site" / book.OLD_MARKER).write_text("the old site's")
    book._prepare(tmp_path / "site")  # a site the old builder wrote is replaced
    assert not (tmp_path / "site").exists()


def test_the_table_of_contents_lists_every_notebook():
    toc = yaml.safe_load((PROJECT_ROOT / "book" / "_toc.yml").read_text())
    assert toc["root"] == "book/intro"
    listed = notebook_stems()
    assert listed == sorted(p.stem for p in notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def test_scorecard_markdown_escapes_cells_badges_verdicts_and_links_from_the_book():
    statements = pd.read_csv(PROJECT_ROOT / "data" / "derived" / "claims_registry.csv",
                             keep_default_na=False, na_values=[""])
    first = statements.index[statements["section"] == "Statistics & Broader Context"][0]
    statements.loc[first, ["quote", "reason", "verdict", "notebook", "our_value",
                           "interval_low", "interval_high"]] = [
        "one | two", "Because\nof this.", "close", "01_headline_figures", 1234.0, 1000.0, 1500.0]
    text = book.scorecard_markdown(statements)
    row = next(line for line in text.splitlines() if "one \\| two" in line)
    assert "Because of this." in row and "1,234 (range 1,000–1,500)" in row
    assert f'style="background:{VERDICT_COLOURS["close"]}">close</span>' in row
    assert "[01](../notebooks/01_headline_figures.ipynb)" in row


@pytest.mark.slow
def test_the_committed_collection_builds(tmp_path):
    """The real notebooks, registry and figures render without a single Sphinx warning."""
    site = book.build_book(tmp_path / "site").parent
    for path in sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb")):
        assert (site / "notebooks" / f"{path.stem}.html").is_file()
    registry = pd.read_csv(PROJECT_ROOT / "data" / "derived" / "claims_registry.csv")
    scored = registry[registry["kind"] != "advice"]
    assert (site / "book" / "intro.html").read_text().count('class="verdict"') == len(scored)
