"""The collection as a static HTML site: a scorecard index and one page per notebook.

``python -m hotspots.site [OUT_DIR]`` (``make site``; also the last step of ``make run``)
writes ``site/``: ``index.html`` (summary, verdict counts, the scorecard with one row per
statement, links to every notebook page, key figures), ``NN_name.html`` for each executed
notebook (rendered with nbconvert's ``HTMLExporter``; each figure a cell saved with
:func:`hotspots.style.save_figure` is shown under that cell), ``figures/`` (copies of the
PNGs), ``data/claims_{registry,evidence}.{csv,json}`` and ``site.css``. Pages use only relative
links and load nothing from the internet, so the folder can be opened from disk or served as
it is.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

import jinja2
import mistune
import nbformat
from markupsafe import Markup, escape
from nbconvert import HTMLExporter

from hotspots.claims.registry import Registry, export_registry
from hotspots.claims.scorecard import NO_VERDICT, gallery_figures, takeaway, verdict_counts
from hotspots.config import PROJECT_ROOT, figures_dir
from hotspots.viz.style import NO_VERDICT_COLOUR, VERDICT_COLOURS

MARKER = ".hotspots-site"
_SAVE_FIGURE = re.compile(r"save_figure\(\s*\w+\s*,\s*\"([^\"{}]+)\"")
_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)

CSS = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
  margin: 0; background: #fff; }
.site-nav { background: #1f3a56; padding: 0.6rem 1.5rem; font-size: 15px; }
.site-nav a { color: #fff; text-decoration: none; margin-right: 1.2rem; }
.site-nav a:hover { text-decoration: underline; }
.site-main { max-width: 1180px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.9rem; margin: 1rem 0 0.3rem; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; }
.lede { color: #57606a; margin-top: 0; }
.badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 1rem; color: #fff;
  font-size: 0.8rem; font-weight: 600; }
.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.6rem; }
.counts li { border: 1px solid #d0d7de; border-radius: 0.4rem; padding: 0.4rem 0.8rem; }
.counts strong { font-size: 1.3rem; margin-right: 0.4rem; }
table.scorecard { border-collapse: collapse; width: 100%; font-size: 14px; table-layout: fixed;
  overflow-wrap: anywhere; }
table.scorecard th, table.scorecard td { border-bottom: 1px solid #d8dee4; padding: 0.45rem;
  text-align: left; vertical-align: top; }
table.scorecard thead th { background: #f6f8fa; position: sticky; top: 0; }
table.scorecard tr.section th { background: #eef3f8; font-size: 15px; padding-top: 0.8rem; }
table.scorecard q { font-style: italic; }
.claim-id { color: #57606a; font-size: 12px; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr));
  gap: 1rem; }
.gallery figure { margin: 0; border: 1px solid #d8dee4; border-radius: 0.4rem; padding: 0.4rem; }
.gallery img { max-width: 100%; height: auto; display: block; }
img.site-figure { max-width: min(100%, 1000px); height: auto; display: block; margin: 0.5rem 0; }
body.jp-Notebook { max-width: 1240px; margin: 0 auto; }
.gallery figcaption { font-size: 13px; color: #57606a; }
footer { color: #57606a; font-size: 13px; margin-top: 3rem; }
"""

PAGE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}<link rel="stylesheet" href="site.css">{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
<nav class="site-nav"><a href="index.html">← Scorecard</a>
{%- for page in resources.site.pages %}<a href="{{ page.href }}">{{ page.number }}</a>{% endfor %}
</nav>
{%- endblock body_header -%}
{%- block body_footer -%}
{%- if resources.site.extra_figures -%}
<section class="site-main"><h2>More figures saved by this notebook</h2>
{%- for name in resources.site.extra_figures %}
<figure><img class="site-figure" src="figures/{{ name }}.png" alt="Figure {{ name }}">
<figcaption>{{ name }}</figcaption></figure>
{%- endfor %}</section>
{%- endif -%}
{{ super() }}
{%- endblock body_footer -%}
"""

INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>London Hot Spots: the fact-check scorecard</title>
<link rel="stylesheet" href="site.css">
</head>
<body>
<nav class="site-nav"><a href="index.html">Scorecard</a>
{%- for page in pages %}<a href="{{ page.href }}">{{ page.number }}</a>{% endfor %}</nav>
<main class="site-main">
<h1>London Hot Spots: the fact-check scorecard</h1>
<p class="lede">What a news article about the Metropolitan Police's crime "hot spots" says,
checked claim by claim against open police data. Every number below comes from the notebooks'
claims registry.</p>

<h2 id="verdicts">Verdicts</h2>
<ul class="counts">
{%- for verdict, n in counts.items() %}
<li><strong>{{ n }}</strong>{{ badge(verdict) }}</li>
{%- endfor %}
</ul>

<h2 id="summary">Summary</h2>
{{ summary_html | safe }}

<h2 id="scorecard">The scorecard</h2>
<p>One row per statement, grouped by the article's sections, in the article's order.</p>
<table class="scorecard" id="scorecard-table">
<colgroup><col style="width:23%"><col style="width:12%"><col style="width:16%">
<col style="width:13%"><col style="width:27%"><col style="width:9%"></colgroup>
<thead><tr><th>The article says</th><th>Claimed</th><th>We found</th><th>Verdict</th>
<th>Why</th><th>Evidence</th></tr></thead>
{%- for section, rows in sections %}
<tbody>
<tr class="section"><th colspan="6">{{ section }}</th></tr>
{%- for row in rows %}
<tr class="claim" id="claim-{{ row.statement_id }}">
<td><q>{{ row.quote }}</q><div class="claim-id">{{ row.statement_id }}</div></td>
<td>{{ row.claimed or "—" }}</td>
<td>{{ row.found }}</td>
<td>{{ badge(row.verdict) }}</td>
<td>{{ row.reason }}</td>
<td>{% if row.page %}<a href="{{ row.page }}">notebook {{ row.notebook[:2] }}</a>
{%- else %}{{ row.notebook or "—" }}{% endif %}
{%- if row.figure %}<br><a href="{{ row.figure }}">figure</a>{% endif %}</td>
</tr>
{%- endfor %}
</tbody>
{%- endfor %}
</table>

<h2 id="notebooks">The notebooks</h2>
<ol start="0">
{%- for page in pages %}
<li><a href="{{ page.href }}">{{ page.title }}</a> ({{ page.claims }} verdicts)</li>
{%- endfor %}
</ol>

<h2 id="figures">Key figures</h2>
<div class="gallery">
{%- for name in gallery %}
<figure><a href="figures/{{ name }}"><img src="figures/{{ name }}" alt="Figure {{ name }}"
loading="eager"></a><figcaption>{{ name }}</figcaption></figure>
{%- endfor %}
</div>

<footer>Download the registry: <a href="data/claims_registry.csv">CSV</a> ·
<a href="data/claims_registry.json">JSON</a>; every evidence row:
<a href="data/claims_evidence.csv">CSV</a> · <a href="data/claims_evidence.json">JSON</a>.
Crime data: Metropolitan Police Service (London
Datastore) and data.police.uk, Open Government Licence v3.0. Boundaries contain National
Statistics and OS data © Crown copyright and database right.</footer>
</main>
</body>
</html>
"""


def notebook_title(notebook: nbformat.NotebookNode, default: str) -> str:
    """The first level-1 Markdown heading of the notebook, or ``default``."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and (match := _HEADING.search(cell.source)):
            return match.group(1).strip()
    return default


def attach_figures(notebook: nbformat.NotebookNode, available: set[str]) -> list[str]:
    """Show each figure a code cell saves (literal name, PNG in ``available``) under the cell.

    Adds an HTML output with ``<img src="figures/NAME.png">`` to the cell; returns the names
    placed, in order.
    """
    placed = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for name in _SAVE_FIGURE.findall(cell.source):
            if name in available and name not in placed:
                html = (f'<img class="site-figure" src="figures/{name}.png" '
                        f'alt="Figure {name}">')
                cell.outputs.append(nbformat.v4.new_output(
                    "display_data", data={"text/html": html, "text/plain": f"[figure {name}]"}))
                placed.append(name)
    return placed


def _exporter() -> HTMLExporter:
    loader = jinja2.DictLoader({"hotspots_page.html.j2": PAGE_TEMPLATE})
    return HTMLExporter(template_name="lab", extra_loaders=[loader],
                        template_file="hotspots_page.html.j2", embed_images=True,
                        exclude_input_prompt=True, exclude_output_prompt=True)


def render_notebook(path: Path, available: set[str], pages: list[dict],
                    exporter: HTMLExporter | None = None) -> str:
    """The notebook at ``path`` as an HTML page with its figures (names in ``available``) shown
    and figures of its number not shown by a cell listed at the end; ``pages`` (dicts with
    ``href`` and ``number``) make the navigation bar."""
    notebook = nbformat.read(path, as_version=4)
    placed = attach_figures(notebook, available)
    extra = sorted(n for n in available if n.startswith(path.stem[:3]) and n not in placed)
    resources = {
        "metadata": {"name": notebook_title(notebook, path.stem), "path": str(path.parent)},
        "site": {"pages": pages, "extra_figures": extra},
    }
    body, _ = (exporter or _exporter()).from_notebook_node(notebook, resources=resources)
    return body


def _format_number(value: float) -> str:
    if float(value).is_integer() or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _found(row: dict) -> str:
    """'our value unit (range low–high)', or '—' when nothing was measured."""
    if row["our_value"] is None:
        return "—"
    text = f"{_format_number(row['our_value'])} {row['unit']}"
    low, high = row["interval_low"], row["interval_high"]
    if low is not None and high is not None:
        text += f" (range {_format_number(low)}–{_format_number(high)})"
    return text


def _badge(verdict: str) -> Markup:
    colour = VERDICT_COLOURS.get(verdict, NO_VERDICT_COLOUR)
    text = "#1f2328" if verdict not in VERDICT_COLOURS else "#fff"
    return Markup(f'<span class="badge" style="background:{colour};color:{text}">'
                  f'{escape(verdict or NO_VERDICT)}</span>')


def _prepare(out_dir: Path) -> None:
    if out_dir.exists():
        if not (out_dir / MARKER).exists() and any(out_dir.iterdir()):
            raise FileExistsError(f"{out_dir} is not empty and was not written by build_site")
        shutil.rmtree(out_dir)
    (out_dir / "figures").mkdir(parents=True)
    (out_dir / "data").mkdir()
    (out_dir / MARKER).write_text("built by hotspots.site; deleted on the next build\n")


def _claim_rows(registry: Registry, pages: dict[str, str], figures: set[str]) -> list:
    """Scorecard rows ready for the template (advice aside), grouped by section."""
    table = registry.statement_table()
    rows = []
    for record in table[table["kind"] != "advice"].to_dict("records"):
        record = {k: (None if v != v else v) for k, v in record.items()}  # NaN -> None
        figure = record["figure"]
        record["figure"] = (f"figures/{Path(figure).name}"
                            if figure and Path(figure).name in figures else None)
        record["page"] = pages.get(record["notebook"])
        record["found"] = _found(record)
        rows.append(record)
    return [(s, list(g)) for s, g in groupby(rows, key=lambda r: r["section"])]


def build_site(
    out_dir: Path = PROJECT_ROOT / "site",
    *,
    notebooks: Sequence[Path] | None = None,
    claims_directory: Path | None = None,
    figures_directory: Path | None = None,
) -> Path:
    """Render the site into ``out_dir`` (replacing an earlier build) and return ``index.html``.

    Defaults: every ``notebooks/NN_*.ipynb``, the claims in ``data/derived/claims`` and the
    PNGs in ``figures/``. Refuses to overwrite a non-empty folder it did not build.
    """
    out_dir = Path(out_dir)
    notebooks = sorted(notebooks if notebooks is not None
                       else (PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    figures_directory = Path(figures_directory or figures_dir())
    _prepare(out_dir)
    pngs = sorted(figures_directory.glob("*.png"))
    for png in pngs:
        shutil.copyfile(png, out_dir / "figures" / png.name)
    available = {p.stem for p in pngs}

    registry = export_registry(out_dir / "data", claims_directory, complete=False)
    per_notebook = registry.statement_table()["notebook"].value_counts()
    pages = [{"href": f"{p.stem}.html", "number": p.stem[:2], "stem": p.stem,
              "title": notebook_title(nbformat.read(p, as_version=4), p.stem),
              "claims": int(per_notebook.get(p.stem, 0))} for p in notebooks]
    exporter = _exporter()
    for path, page in zip(notebooks, pages, strict=True):
        html = render_notebook(path, available, pages, exporter)
        (out_dir / page["href"]).write_text(html, encoding="utf-8")

    gallery, _ = gallery_figures(registry, figures_directory)
    environment = jinja2.Environment(autoescape=True)
    index = environment.from_string(INDEX_TEMPLATE).render(
        pages=pages,
        summary_html=mistune.create_markdown(escape=True)(
            f"{takeaway(registry, 'article')}\n\n{takeaway(registry, 'press')}"),
        counts=verdict_counts(registry).to_dict(),
        sections=_claim_rows(registry, {p["stem"]: p["href"] for p in pages},
                             {p.name for p in pngs}),
        gallery=[p.name for p in gallery],
        badge=_badge,
    )
    (out_dir / "site.css").write_text(CSS.lstrip(), encoding="utf-8")
    (out_dir / "index.html").write_text(index, encoding="utf-8")
    for path in (out_dir / "data").iterdir():
        path.chmod(0o644)  # atomic writes leave 0600; a web server must read them
    return out_dir / "index.html"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    index = build_site(Path(args[0])) if args else build_site()
    print(f"site written: {index} (open it in a browser)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
