"""The Sphinx extension the book loads (listed in ``book/_config.yml``).

- Every notebook code cell is collapsed behind a "Show code" toggle (:class:`HideCode`): the
  reader sees the story and the outputs; a native ``<details>`` element, so it works without
  JavaScript. Cell tags keep their meaning (``remove-input``, ``hide-cell``, ``hide-output``
  …); a cell tagged ``show-input`` keeps its code visible.
- MathJax is served from the site itself (one self-contained bundle copied from the
  ``sphinx-mathjax-offline`` package), never from a CDN.
- Glossary terms can be linked from notebooks with a plain Markdown link that JupyterLab
  also follows, ``[FDR](../book/glossary.md#fdr)``: :func:`glossary_slugs` gives each term
  an anchor made of its lower-case words joined by hyphens (``getis-ord-gi``,
  ``rate-per-1-000``); a link to an anchor that does not exist fails the build.
- ``{scorecard}`` renders the claims registry as the front page's table
  (:func:`hotspots.publish.book.scorecard_markdown`).
- ``{explorer-map}`` shows the explorable map (written next to the pages as
  :data:`EXPLORER_PAGE` from ``hotspots_explorer/*.parquet``), or a short note when notebook 03
  has not written its tables yet.

Paths in the ``hotspots_*`` settings are relative to the book's source folder (the project).
"""

from __future__ import annotations

import posixpath
import re
import shutil
from importlib.metadata import distribution
from pathlib import Path

import pandas as pd
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from hotspots.publish import book

SHOW_INPUT = "show-input"
MATHJAX_BUNDLE = "tex-svg-full.js"
EXPLORER_PAGE = "explorer.html"
NOT_BUILT = (
    "The map has not been built yet: notebook 03 writes its tables to `{folder}/`. "
    "Run `make run` (or notebook 03), then `make site`."
)


class HideCode(SphinxPostTransform):
    """Give every code cell with visible source myst-nb's ``hide-input`` behaviour.

    Runs just before myst-nb's own post-transform (priority 199), which turns ``hide_mode``
    into the toggle. A cell tagged ``hide-output`` gets its input hidden too.
    """

    default_priority = 198
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        config = self.app.config
        for node in self.document.findall(nodes.container):
            if node.get("nb_element") != "cell_code" or not node.children:
                continue
            if node.children[0].get("nb_element") != "cell_code_source":
                continue  # remove-input: nothing to hide
            tags = node.get("cell_metadata", {}).get("tags", [])
            mode = node.get("hide_mode")
            if SHOW_INPUT in tags or mode in ("all", "input", "input+output"):
                continue
            node["hide_mode"] = "input+output" if mode == "output" else "input"
            node["prompt_show"] = node.get("prompt_show", config.nb_code_prompt_show)
            node["prompt_hide"] = node.get("prompt_hide", config.nb_code_prompt_hide)


def slug(term: str) -> str:
    """A glossary term's anchor: its lower-case letters and digits, runs of anything else one
    hyphen ("Getis-Ord Gi*" → ``getis-ord-gi``)."""
    return re.sub(r"[^0-9a-z]+", "-", term.lower()).strip("-")


def glossary_slugs(app: Sphinx, doctree: nodes.document) -> None:
    """Register every glossary term's :func:`slug` as an anchor MyST links can point to."""
    slugs = app.env.metadata[app.env.docname].setdefault("myst_slugs", {})
    for glossary in doctree.findall(addnodes.glossary):
        for term in glossary.findall(nodes.term):
            if term["ids"]:
                slugs.setdefault(slug(term.astext()), (term.line or 0, term["ids"][0],
                                                       term.astext()))


def mathjax_bundle() -> Path:
    """The self-contained MathJax 3 bundle shipped by ``sphinx-mathjax-offline``."""
    path = distribution("sphinx-mathjax-offline").locate_file(
        f"sphinx-mathjax-offline/static/mathjax/{MATHJAX_BUNDLE}")
    return Path(str(path))


class ScorecardDirective(SphinxDirective):
    """The claims registry as the scorecard table (no options, no content)."""

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.srcdir) / self.config.hotspots_registry
        self.env.note_dependency(str(path))
        registry = pd.read_csv(path, keep_default_na=False, na_values=[""])
        box = nodes.container(classes=["scorecard"])
        box += self.parse_text_to_nodes(book.scorecard_markdown(registry))
        return [box]


class ExplorerDirective(SphinxDirective):
    """The explorable map in a frame, or a note that it has not been built yet."""

    def run(self) -> list[nodes.Node]:
        folder = Path(self.env.srcdir) / self.config.hotspots_explorer
        self.env.note_dependency(str(folder))
        tables = book.explorer_files(folder)
        for table in tables:
            self.env.note_dependency(str(table))
        if not tables:
            note = nodes.note()
            note += self.parse_text_to_nodes(
                NOT_BUILT.format(folder=self.config.hotspots_explorer))
            return [note]
        src = posixpath.relpath(EXPLORER_PAGE, posixpath.dirname(self.env.docname) or ".")
        html = (f'<iframe class="explorer-frame" src="{src}" title="Explorable map of London '
                f'crime by ward"></iframe>\n<p><a href="{src}">Open the map on its own page'
                "</a> (larger; works offline).</p>")
        return [nodes.raw("", html, format="html")]


def _use_local_mathjax(app: Sphinx, config: object) -> None:
    config.mathjax_path = f"mathjax/{MATHJAX_BUNDLE}"  # relative: _static/mathjax/


def _write_assets(app: Sphinx, exception: Exception | None) -> None:
    """After a successful HTML build: the MathJax bundle and the explorer page."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(mathjax_bundle(), target / MATHJAX_BUNDLE)
    table = book.explorer_table(Path(app.srcdir) / app.config.hotspots_explorer)
    if table is not None:
        book.write_explorer(table, Path(app.outdir) / EXPLORER_PAGE)


def setup(app: Sphinx) -> dict:
    app.add_config_value("hotspots_registry", "data/derived/claims_registry.csv", "env")
    app.add_config_value("hotspots_explorer", "data/derived/explorer", "env")
    app.connect("config-inited", _use_local_mathjax)
    app.add_post_transform(HideCode)
    app.connect("doctree-read", glossary_slugs)
    app.add_directive("scorecard", ScorecardDirective)
    app.add_directive("explorer-map", ExplorerDirective)
    app.connect("build-finished", _write_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
