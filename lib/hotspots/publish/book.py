"""The collection as a book readers browse offline (Jupyter Book 1: Sphinx and MyST-NB).

``python -m hotspots.publish.book [OUT_DIR]`` (``make site``; also the last step of
``make run``) renders, from the committed notebooks and without executing them, the front
page (the scorecard, ``book/intro.md``), every notebook in ``book/_toc.yml`` (code hidden
behind a toggle, figures linked from Markdown cells copied), the explorable map and the
glossary into ``site/``: open ``site/index.html``. Search works offline, and no page loads
anything from the internet (see :mod:`hotspots.publish.sphinx_book` for how).

The book is built from the project folder itself (``root``) with ``book/_config.yml`` and
``book/_toc.yml``.
"""

from __future__ import annotations

import html
import shutil
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd

from hotspots.claims.scorecard import readme_table
from hotspots.config import PROJECT_ROOT
from hotspots.io.errors import DataFileError
from hotspots.viz.explorer import COLUMNS, explorer_html
from hotspots.viz.style import NEUTRAL, VERDICT_COLOURS

MARKER = ".hotspots-book"
OLD_MARKER = ".hotspots-site"  # left by the hand-written site this book replaced
INDEX = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="_static/favicon.svg">
<meta http-equiv="refresh" content="0; url={page}"></head>
<body><p><a href="{page}">{title}</a></p></body></html>
"""


class BookBuildError(RuntimeError):
    """Sphinx reported warnings or errors (each is printed above this one)."""


def _badge(verdict: str) -> str:
    colour = VERDICT_COLOURS.get(verdict, NEUTRAL)
    return f'<span class="verdict" style="background:{colour}">{html.escape(verdict)}</span>'


def scorecard_markdown(statements: pd.DataFrame) -> str:
    """The front page's scorecard (MyST Markdown), from the registry's one-row-per-statement
    table (``data/derived/claims_registry.csv``): the README's table
    (:func:`hotspots.claims.scorecard.readme_table`) with coloured verdict badges and links
    relative to the book's pages."""
    return readme_table(statements, link_prefix="../", verdict_format=_badge,
                        link_catalogue=False) + "\n"


def explorer_files(folder: Path) -> list[Path]:
    """The explorer's tables that notebook 03 wrote (``*.parquet``), in name order."""
    return sorted(Path(folder).glob("*.parquet"))


def explorer_table(folder: Path) -> gpd.GeoDataFrame | None:
    """Every explorer table in ``folder`` as one GeoDataFrame, or ``None`` when there is none.

    Raises :class:`~hotspots.io.errors.DataFileError` for a table without the columns of
    :data:`hotspots.viz.explorer.COLUMNS`.
    """
    frames = []
    for path in explorer_files(folder):
        frame = gpd.read_parquet(path)
        missing = [c for c in COLUMNS if c not in frame.columns]
        if missing:
            raise DataFileError(path, f"missing columns {', '.join(missing)}")
        frames.append(frame)
    if not frames:
        return None
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)


def write_explorer(table: gpd.GeoDataFrame, path: Path) -> Path:
    """The explorable map page of ``table`` written to ``path``."""
    path.write_text(explorer_html(table, title="London crime by ward: explore the map"),
                    encoding="utf-8")
    return path


def _prepare(out_dir: Path) -> None:
    if out_dir.exists():
        ours = (out_dir / MARKER).exists() or (out_dir / OLD_MARKER).exists()
        if not ours and any(out_dir.iterdir()):
            raise FileExistsError(f"{out_dir} is not empty and was not written by build_book")
        shutil.rmtree(out_dir)


def build_book(out_dir: Path | None = None, *, root: Path = PROJECT_ROOT,
               quiet: bool = True) -> Path:
    """Render the book of the project at ``root`` into ``out_dir`` (default ``root/site``,
    replaced) and return its ``index.html``.

    Every build starts afresh (a few seconds), so nothing stale survives. Sphinx's warnings
    are errors (``-W -n --keep-going``): a broken link, a missing figure, an unknown glossary
    anchor or a bad cell stops the build with :class:`BookBuildError`, after listing every
    warning. Refuses to overwrite a non-empty folder it did not build.
    """
    from jupyter_book.sphinx import build_sphinx  # Sphinx loads only when a book is built

    root = Path(root).resolve()
    out_dir = Path(out_dir or root / "site").resolve()
    with tempfile.TemporaryDirectory(prefix="hotspots-book-") as work:
        html = Path(work) / "html"
        status = build_sphinx(
            root, html, noconfig=True, path_config=root / "book" / "_config.yml",
            confoverrides={"external_toc_path": (root / "book" / "_toc.yml").as_posix(),
                           "nitpicky": True, "latex_individualpages": False},
            doctreedir=Path(work) / "doctrees", warningiserror=True, keep_going=True,
            quiet=quiet)
        if isinstance(status, BaseException):
            raise BookBuildError(f"the book did not build: {status}") from status
        if status != 0:
            raise BookBuildError(f"the book did not build (Sphinx status {status}); see above")
        _prepare(out_dir)
        shutil.copytree(html, out_dir, ignore=shutil.ignore_patterns(".buildinfo"))
    (out_dir / MARKER).write_text("built by hotspots.publish.book; replaced on the next build\n")
    index = out_dir / "index.html"
    index.write_text(INDEX.format(title="London Hot Spots", page="book/intro.html"),
                     encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    start = time.perf_counter()
    index = build_book(Path(args[0]) if args else None)
    print(f"book written in {time.perf_counter() - start:.0f} s: {index} (open it in a browser)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
