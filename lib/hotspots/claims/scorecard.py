"""The fact-check scorecard, generated from the registry: counts, takeaway, tables, boxes.

Every function takes a validated :class:`~hotspots.claims.registry.Registry` (one verdict per
statement), so nothing here can count a sentence twice. Nothing is typed by hand: the README
block between :data:`START` and :data:`END`, the notebooks' "Verdicts at a glance" boxes and
the data of the verdicts-by-section figure all come from the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from hotspots.article import SECTIONS
from hotspots.claims.registry import CATALOGUE, Registry
from hotspots.claims.verdicts import (
    ARITHMETIC_CONSISTENT,
    CLOSE,
    CONTRADICTED,
    NOT_CHECKABLE,
    NOT_CHECKED_HERE,
    REPRODUCED,
    UNSUPPORTED,
    VERDICTS,
    fmt,
)

START = "<!-- scorecard:start -->"
END = "<!-- scorecard:end -->"
NO_VERDICT = "no verdict yet"
#: How the scorecard lists an item of public advice, which gets no verdict.
NOT_SCORED = "not scored: public advice"

#: What open data did to a statement, as a verb phrase: "open data reproduce 3".
_DATA_PHRASES = {
    REPRODUCED: "reproduce {n}",
    CLOSE: "find {n} close",
    CONTRADICTED: "contradict {n}",
    UNSUPPORTED: "do not support {n}",
}
#: The other verdicts, as clauses: "1 agrees only with the article's own arithmetic".
_OTHER_PHRASES = {
    ARITHMETIC_CONSISTENT: "{n} agree{s} only with the article's own arithmetic",
    NOT_CHECKED_HERE: "{n} need{s} open data that are not in the data folder",
    NOT_CHECKABLE: "{n} cannot be checked with any open data",
    NO_VERDICT: "{n} {have} no verdict yet",
}

Statements = Registry | pd.DataFrame
#: Columns of the statement table that hold text (empty, not missing, when blank).
TEXT_COLUMNS = ("statement_id", "source", "section", "kind", "quote", "claimed", "verdict",
                "reason", "unit", "rule", "dataset", "publisher", "notebook", "data_source")


def statements_of(registry: Statements) -> pd.DataFrame:
    """The one-row-per-statement table of a registry (or the table itself, e.g. read back from
    ``claims_registry.csv``)."""
    if isinstance(registry, Registry):
        return registry.statement_table()
    text = [c for c in TEXT_COLUMNS if c in registry.columns]
    return registry.assign(**{c: registry[c].fillna("").astype(str) for c in text})


def _scored(registry: Statements, source: str | None = None) -> pd.DataFrame:
    table = statements_of(registry)
    table = table[table["kind"] != "advice"]
    return table if source is None else table[table["source"] == source]


def verdict_counts(registry: Statements, source: str | None = None) -> pd.Series:
    """Statements per verdict (advice aside), every verdict listed, zeros included; those
    without a verdict yet under :data:`NO_VERDICT`. ``source``: "article" or "press"."""
    table = _scored(registry, source)
    counts = table["verdict"].replace("", NO_VERDICT).value_counts()
    index = [*VERDICTS, NO_VERDICT]
    return pd.Series([int(counts.get(v, 0)) for v in index], index=index, name="statements")


def verdicts_by_section(registry: Statements) -> pd.DataFrame:
    """Sections (article order, then the press claims) × verdicts: the figure's data."""
    table = _scored(registry)
    table = table.assign(verdict=table["verdict"].replace("", NO_VERDICT))
    counts = pd.crosstab(table["section"], table["verdict"])
    columns = [*VERDICTS, *([NO_VERDICT] if NO_VERDICT in counts.columns else [])]
    sections = [s for s in SECTIONS if s in counts.index]
    return counts.reindex(index=sections, columns=columns, fill_value=0)


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def takeaway(registry: Statements, source: str = "article") -> str:
    """One sentence: how the statements of ``source`` fared, each counted once."""
    counts = verdict_counts(registry, source)
    data = [p.format(n=counts[v]) for v, p in _DATA_PHRASES.items() if counts[v]]
    clauses = (["open data " + _join(data)] if data else []) + [
        p.format(n=counts[v], s="s" if counts[v] == 1 else "",
                 have="has" if counts[v] == 1 else "have")
        for v, p in _OTHER_PHRASES.items() if counts[v]]
    total = int(counts.sum())
    whose = (f"Of the article's {total} statements (advice aside)" if source == "article" else
             f"Of the {total} later claims by the Met and the Mayor")
    listed = clauses[0] if len(clauses) == 1 else "; ".join(clauses[:-1]) + "; and " + clauses[-1]
    return f"{whose}, {listed}."


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _found(row: pd.Series) -> str:
    if pd.isna(row["our_value"]):
        return "—"
    text = fmt(row["our_value"])
    low, high = row["interval_low"], row["interval_high"]
    if pd.notna(low) and pd.notna(high) and fmt(low) != fmt(high):
        text += f" (range {fmt(low)}–{fmt(high)})"
    return text


def _where(row: pd.Series, prefix: str = "", catalogue: bool = True) -> str:
    if row["notebook"] == CATALOGUE:
        return f"[catalogue]({prefix}lib/hotspots/article.py)" if catalogue else "catalogue"
    if not row["notebook"]:
        return "—"
    link = f"[{row['notebook'][:2]}]({prefix}notebooks/{row['notebook']}.ipynb)"
    figure = row["figure"]
    return link + (f" · [figure]({prefix}{figure})" if pd.notna(figure) and figure else "")


def readme_table(
    registry: Statements,
    *,
    link_prefix: str = "",
    verdict_format: Callable[[str], str] = "**{}**".format,
    link_catalogue: bool = True,
    list_advice: bool = False,
) -> str:
    """The scorecard in Markdown: one table per section, one row per statement, then the
    takeaway; advice is not scored (``list_advice=True`` also lists each item of advice in its
    section, as :data:`NOT_SCORED`). Links are relative to the project root, prefixed with
    ``link_prefix`` (e.g. ``"../"`` from a book page); ``verdict_format`` styles a verdict
    (bold by default; the book draws a coloured badge); ``link_catalogue=False`` names the
    statement catalogue without linking to its source file (the book has no page for it)."""
    table = statements_of(registry)
    blocks = []
    for section in SECTIONS:
        rows = table[(table["section"] == section)
                     & (list_advice | (table["kind"] != "advice"))]
        if rows.empty:
            continue
        lines = [f"**{section}**", "",
                 "| the statement | claimed | we found | verdict | why | checked in |",
                 "| --- | --- | --- | --- | --- | --- |"]
        for _, row in rows.iterrows():
            advice = row["kind"] == "advice"
            lines.append("| " + " | ".join([
                f"*{_cell(row['quote'])}*", _cell(row["claimed"] or "—"), _found(row),
                f"*{NOT_SCORED}*" if advice else verdict_format(row["verdict"] or NO_VERDICT),
                _cell(row["reason"]), "—" if advice else _where(row, link_prefix,
                                                                 link_catalogue),
            ]) + " |")
        blocks.append("\n".join(lines))
    advice = int((table["kind"] == "advice").sum())
    summary = f"**Scorecard.** {takeaway(table, 'article')}"
    if (table["source"] == "press").any():
        summary += f" {takeaway(table, 'press')}"
    blocks.append(summary + f" The article's {advice} items of public advice are not scored.")
    return "\n\n".join(blocks)


def rewrite_readme(path: Path, registry: Registry) -> bool:
    """Replace the block between :data:`START` and :data:`END` in ``path`` with
    :func:`readme_table`; return whether the file changed (a second call changes nothing)."""
    text = Path(path).read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise ValueError(f"{path}: expected one {START} … {END} block")
    head, rest = text.split(START)
    _, tail = rest.split(END)
    new = f"{head}{START}\n{readme_table(registry)}\n{END}{tail}"
    if new == text:
        return False
    Path(path).write_text(new, encoding="utf-8")
    return True


def verdict_box(notebook: str, registry: Registry) -> str:
    """A "Verdicts at a glance" Markdown box for the top of ``notebook``: the statements it
    decides, each with its verdict and one-line reason, and those it supports."""
    table = registry.statement_table()
    decided = table[table["notebook"] == notebook]
    supported = sorted({r.statement_id for r in registry.evidence
                        if r.notebook == notebook and r.role != "primary"}
                       - set(decided["statement_id"]))
    lines = ["> **Verdicts at a glance**", ">"]
    if decided.empty:
        lines.append("> This notebook decides no statement's verdict.")
    else:
        lines += ["> | the statement | verdict | why |", "> | --- | --- | --- |"]
        lines += [f"> | *{_cell(r.quote)}* | **{r.verdict}** | {_cell(r.reason)} |"
                  for r in decided.itertuples()]
    if supported:
        quotes = table.set_index("statement_id").loc[supported, "quote"]
        lines += [">", "> It also gives supporting evidence on "
                  + _join([f"*{_cell(q)}*" for q in quotes]) + "."]
    return "\n".join(lines)


def gallery_figures(registry: Registry, directory: Path, key: Sequence[str] = (),
                    limit: int = 12) -> tuple[list[Path], list[str]]:
    """The figures to show: ``key`` then those the evidence cites (catalogue order),
    de-duplicated. Returns the first ``limit`` PNGs present in ``directory`` and the names
    that are missing."""
    cited = [Path(r.figure).name for r in registry.evidence if r.figure]
    names = list(dict.fromkeys([*key, *cited]))
    present = [Path(directory) / n for n in names if (Path(directory) / n).is_file()]
    missing = [n for n in names if not (Path(directory) / n).is_file()]
    return present[:limit], missing



#: The groups of the plain-language summary: heading → the verdicts it gathers ("" = none yet).
SUMMARY_GROUPS = (
    ("What open data back", (REPRODUCED, CLOSE)),
    ("What open data contradict or do not support", (CONTRADICTED, UNSUPPORTED)),
    ("What only the article's own arithmetic supports", (ARITHMETIC_CONSISTENT,)),
    ("What open data could settle, but the data folder lacks", (NOT_CHECKED_HERE,)),
    ("What no open data can check", (NOT_CHECKABLE,)),
    ("What has no verdict yet", ("",)),
)
#: The kinds of statement, as plural nouns for the summary.
_KIND_NOUNS = {
    "number": "figures", "trend": "changes", "ratio": "ratios", "ranking": "rankings",
    "share": "shares", "pattern": "patterns", "causal": "claims that something worked",
    "research": "claims about research", "description": "descriptions of tactics and plans",
    "arithmetic": "sums",
}


def _quoted(row: pd.Series) -> str:
    later = " (a later claim)" if row["source"] == "press" else ""
    return f"*{_cell(row['quote'])}*{later}"


def summary_markdown(registry: Statements) -> str:
    """The scorecard in plain language: both takeaways, then the statements grouped by what
    open data did to them (:data:`SUMMARY_GROUPS`): those judged against data with their
    verdict and reason, those that need data not in the folder by the dataset that would
    settle them, and those no open data can check by kind."""
    table = _scored(registry)
    advice = int((statements_of(registry)["kind"] == "advice").sum())
    blocks = [f"{takeaway(registry, 'article')} {takeaway(registry, 'press')} The article's "
              f"{advice} items of public advice are not scored."]
    for heading, group in SUMMARY_GROUPS:
        rows = table[table["verdict"].isin(group)]
        if rows.empty:
            continue
        lines = [f"**{heading}** ({len(rows)}):", ""]
        if NOT_CHECKED_HERE in group:
            needs = rows.groupby(["dataset", "publisher"], sort=False)
            lines += [f"- {_cell(dataset)} ({_cell(publisher)}) would settle "
                      + "; ".join(_quoted(r) for _, r in part.iterrows())
                      for (dataset, publisher), part in needs]
        elif NOT_CHECKABLE in group:
            kinds = rows["kind"].value_counts().reindex(
                [k for k in _KIND_NOUNS if k in set(rows["kind"])])
            lines.append("- " + _join([f"{n} {_KIND_NOUNS[k]}" for k, n in kinds.items()])
                         + ", which no open data record (each reason is in the scorecard).")
        else:
            lines += [f"- {_quoted(r)}: **{r['verdict'] or NO_VERDICT}**. {_cell(r['reason'])}"
                      for _, r in rows.iterrows()]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def missing_verdicts(registry: Registry) -> pd.DataFrame:
    """The statements (advice aside) that no notebook has decided yet: id, section, quote."""
    table = registry.statement_table().set_index("statement_id")
    return table.loc[list(registry.missing), ["section", "quote"]]
