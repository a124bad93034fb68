"""The fact-check scorecard: every statement of the article, the verdicts, and a summary.

:data:`STATEMENTS` catalogues each statement the article makes, in article order, as one of
three kinds: ``"open data"`` (a notebook should check it), ``"not checkable"`` (no open data
can; notebook 06 records it with the reason unless another notebook already did) and
``"advice"`` (public advice, not a claim). A statement is *covered* by a registry claim whose
``article_words`` or ``claimed_text`` contains one of the statement's ``match`` phrases, as
whole words after :func:`normalise` (or whose id is the statement's id).

The registry functions take the table of :func:`hotspots.claims.load_registry`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from hotspots.article import SECTIONS, STATEMENTS, Statement
from hotspots.claims.registry import FIELDS, VERDICTS, Claim, claims_dir, read_claims
from hotspots.claims.verdicts import NOT_CHECKABLE

NO_SOURCE = "none in the open data mirror"
KEY_FIGURES = (
    "01_borough_ranking.png",
    "01_rate_map.png",
    "01_monthly_total.png",
    "02_ward_ranking.png",
    "02_lsoa_map.png",
    "02_hex_central.png",
    "06_stop_search_vs_crime.png",
)


def other_claims(notebook: str, directory: Path | None = None) -> pd.DataFrame:
    """The registry without ``notebook``'s own file (read even if that file is stale)."""
    paths = sorted(Path(directory or claims_dir()).glob("*.json"))
    records = [c.to_dict() for p in paths if p.stem != notebook for c in read_claims(p)]
    return pd.DataFrame(records, columns=list(FIELDS))


def normalise(text: str) -> str:
    """Lower case, ``&`` as "and", leading numbering and thousands commas dropped, every other
    symbol a space (so "1,432" does not contain the word "432")."""
    text = re.sub(r"^\s*\d+\.\s*", "", str(text).lower().replace("&", " and "))
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


_SECTION_KEYS = {normalise(s): s for s in SECTIONS}


def article_section(section: str) -> str:
    """The article heading a claim's ``section`` names (numbering, quotes and ``&`` ignored).

    A section that is none of the headings, nor contains or is contained in one, is kept as
    given, so a new grouping shows up rather than disappearing into "other".
    """
    key = normalise(section)
    if key in _SECTION_KEYS:
        return _SECTION_KEYS[key]
    for known, heading in _SECTION_KEYS.items():
        if key and (key in known or known in key):
            return heading
    return section


def scorecard_table(registry: pd.DataFrame) -> pd.DataFrame:
    """The registry with ``article_section``, ordered as the article (then registry order)."""
    table = registry.copy()
    table["article_section"] = table["section"].map(article_section)
    extra = sorted(set(table["article_section"]) - set(SECTIONS))
    rank = {s: i for i, s in enumerate((*SECTIONS, *extra))}
    order = table["article_section"].map(rank)
    return table.iloc[np.argsort(order.to_numpy(), kind="stable")].reset_index(drop=True)


def verdict_counts(registry: pd.DataFrame) -> pd.Series:
    """Claims per verdict, every verdict listed (zero included), in :data:`VERDICTS` order."""
    counts = registry["verdict"].value_counts()
    return pd.Series([int(counts.get(v, 0)) for v in VERDICTS], index=list(VERDICTS),
                     name="claims")


def counts_by_section(table: pd.DataFrame) -> pd.DataFrame:
    """Sections (article order) × verdicts, from :func:`scorecard_table`; zeros kept."""
    sections = list(dict.fromkeys(table["article_section"]))
    counts = pd.crosstab(table["article_section"], table["verdict"])
    return counts.reindex(index=sections, columns=list(VERDICTS), fill_value=0)


def _covers(statement: Statement, claim: dict) -> bool:
    if claim["claim_id"] == statement.statement_id:
        return True
    text = f" {normalise(claim['article_words'])} | {normalise(claim['claimed_text'])} "
    return any(f" {normalise(phrase)} " in text for phrase in statement.match)


def coverage(registry: pd.DataFrame, statements: Sequence[Statement] = STATEMENTS
             ) -> pd.DataFrame:
    """One row per statement: the claims that cover it, their verdicts, and whether any do."""
    rows = []
    for statement in statements:
        mask = [_covers(statement, claim) for claim in registry.to_dict("records")]
        hits = registry[np.array(mask, dtype=bool)]
        rows.append({
            "statement_id": statement.statement_id, "section": statement.section,
            "kind": statement.kind, "quote": statement.quote,
            "claims": ", ".join(hits["claim_id"]), "verdicts": ", ".join(hits["verdict"]),
            "covered": not hits.empty,
        })
    return pd.DataFrame(rows, columns=["statement_id", "section", "kind", "quote", "claims",
                                       "verdicts", "covered"])


def not_checkable_claims(others: pd.DataFrame, notebook: str,
                         statements: Sequence[Statement] = STATEMENTS) -> list[Claim]:
    """A "not checkable with open data" claim for each such statement ``others`` lack."""
    covered = coverage(others, statements).set_index("statement_id")["covered"]
    return [
        Claim(claim_id=s.statement_id, section=s.section, article_words=s.quote,
              claimed_value=s.claimed_value, claimed_text=s.claimed_text or s.quote,
              our_value=None, unit=s.unit, verdict=NOT_CHECKABLE, reason=s.reason,
              data_source=NO_SOURCE, notebook=notebook)
        for s in statements if s.kind == "not checkable" and not covered[s.statement_id]
    ]


def _quote_list(rows: pd.DataFrame, with_reason: bool) -> list[str]:
    return [f"- “{r.article_words}”" + (f": {r.reason}" if with_reason else "")
            for r in rows.itertuples()]


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def summary_markdown(registry: pd.DataFrame, covered: pd.DataFrame) -> str:
    """A plain-language summary (Markdown) of the registry and the statement coverage."""
    table = scorecard_table(registry)
    counts = verdict_counts(table)
    parts = [
        f"The registry holds **{len(table)} claims** from the article, checked in "
        f"{table['notebook'].nunique()} notebooks: "
        + _join([f"{n} {v}" for v, n in counts.items()]) + "."
    ]
    for verdict, heading in [("contradicted", "Open data contradict"),
                             ("unsupported by the evidence", "The evidence does not support"),
                             ("close", "Close, but not exact"),
                             ("reproduced", "Reproduced")]:
        rows = table[table["verdict"] == verdict]
        if not rows.empty:
            parts.append(f"**{heading}** ({len(rows)}):\n\n"
                         + "\n".join(_quote_list(rows, verdict != "reproduced")))
    unchecked = table[table["verdict"] == NOT_CHECKABLE]
    if not unchecked.empty:
        examples = unchecked.groupby("article_section", sort=False).head(1)["claimed_text"]
        parts.append(f"**Not checkable with open data** ({len(unchecked)}): the data needed are "
                     "not open (the reason for each is in the scorecard); for example "
                     + _join([f"“{w}”" for w in examples.head(4)]) + ".")
    gaps = covered[~covered["covered"] & (covered["kind"] != "advice")]
    if not gaps.empty:
        noun = "statement" if len(gaps) == 1 else "statements"
        parts.append(f"**No verdict yet** ({len(gaps)} {noun} that open data could check):\n\n"
                     + "\n".join(f"- “{q.strip('“”')}”" for q in gaps["quote"]))
    advice = covered[covered["kind"] == "advice"]
    if not advice.empty:
        parts.append(f"The article's {len(advice)} items of public advice are advice, not "
                     "claims, and are not scored.")
    return "\n\n".join(parts)


def takeaway(registry: pd.DataFrame) -> str:
    """One sentence: how the checkable claims fared, and how many open data cannot check."""
    counts = verdict_counts(registry)
    checkable = int(counts.drop(NOT_CHECKABLE).sum())
    good = int(counts["reproduced"] + counts["close"])
    bad = int(counts["contradicted"] + counts["unsupported by the evidence"])
    return (f"Of the article's {checkable} claims that open data can check, {good} are "
            f"reproduced or close and {bad} contradicted or unsupported by the evidence; "
            f"{int(counts[NOT_CHECKABLE])} more cannot be checked with open data.")


def gallery_figures(registry: pd.DataFrame, directory: Path,
                    key: Sequence[str] = KEY_FIGURES, limit: int = 12
                    ) -> tuple[list[Path], list[str]]:
    """The figures to show: ``key`` then those the claims cite (registry order), de-duplicated.

    Returns the first ``limit`` PNGs present in ``directory`` and the names that are missing.
    """
    cited = [Path(f).name for f in registry["figure"].dropna()]
    names = list(dict.fromkeys([*key, *cited]))
    present = [Path(directory) / n for n in names if (Path(directory) / n).is_file()]
    missing = [n for n in names if not (Path(directory) / n).is_file()]
    return present[:limit], missing


