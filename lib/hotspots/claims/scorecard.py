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
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from scipy.stats import spearmanr

from hotspots.claims.registry import FIELDS, VERDICTS, Claim, claims_dir, read_claims
from hotspots.stats.concentration import share_held_by_top, top_units

SECTIONS = (
    "What Are “Hot Spots” & How the Met Uses Them",
    "Mobile Phone Theft in Tourist Areas",
    "Town Centres & Retail Behaviour",
    "Predatory Conduct & Safety for Women",
    "Met Tools & Tactics Behind the Hotspot Work",
    "Statistics & Broader Context",
    "Outcomes, Challenges & Public Advice",
    "Looking Ahead",
)
KINDS = ("open data", "not checkable", "advice")
NOT_CHECKABLE = "not checkable with open data"
VERDICT_COLOURS = {
    "reproduced": "#1a7f37",
    "close": "#4c9a2a",
    "contradicted": "#c0392b",
    "unsupported by the evidence": "#d35400",
    NOT_CHECKABLE: "#6e7781",
}
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


@dataclass(frozen=True, kw_only=True)
class Statement:
    """One statement of the article, with how to recognise the claims that check it."""

    statement_id: str
    section: str
    quote: str
    kind: str
    match: tuple[str, ...]
    claimed_text: str = ""
    claimed_value: float | None = None
    unit: str = "statement"
    reason: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.statement_id}: kind {self.kind!r} is not one of {KINDS}")
        if self.section not in SECTIONS:
            raise ValueError(f"{self.statement_id}: section {self.section!r} is not a heading")
        if self.kind == "not checkable" and not self.reason:
            raise ValueError(f"{self.statement_id}: a not-checkable statement needs a reason")


def _s(section: int, statement_id: str, quote: str, kind: str, *match: str, **more) -> Statement:
    return Statement(statement_id=statement_id, section=SECTIONS[section], quote=quote, kind=kind,
                     match=match, **more)


_PLAN = "A plan for the future, not a statement of fact that any data could check yet"
STATEMENTS = (
    _s(0, "hot-spots-cluster-predictably",
       "“Hot spots” are precisely defined micro-areas (streets, parks, squares) where crime and "
       "anti-social behaviour cluster predictably.", "open data",
       "micro areas", "micro area", "cluster predictably", "precisely defined"),
    _s(0, "research-focused-patrols-reduce-crime",
       "Research confirms that targeting these areas with focused patrols reduces a broad range "
       "of crimes, including theft, violence, and disorder.", "open data",
       "research confirms", "focused patrols", "broad range of crimes"),
    _s(0, "met-approach-patrols-and-problem-solving",
       "The Met’s approach combines high-visibility patrols (deterrence) and problem-oriented "
       "policing (delivering tailored interventions) to tackle the root causes and symptoms "
       "alike.", "not checkable", "problem oriented", "high visibility patrols",
       claimed_text="high-visibility patrols plus problem-oriented policing", unit="tactics",
       reason="Open crime data record offences, not the tactics used against them, so how the "
              "Met works in each hot spot cannot be seen."),
    _s(1, "phone-thefts-2024", "Nearly 80,000 mobile phones stolen in 2024", "open data",
       "80,000"),
    _s(1, "phone-theft-losses", "totalling ~£50 million in losses", "not checkable",
       "50 million", "£50m", claimed_text="~£50 million", claimed_value=50e6, unit="GBP",
       reason="Crime records carry no value of the property stolen, and no open source of "
              "losses is in the data mirror."),
    _s(1, "west-end-thefts", "West End tops the list: ~13,578 thefts", "open data", "13,578"),
    _s(1, "west-end-per-day", "around 37 per day", "open data", "37 per day"),
    _s(1, "other-high-risk-wards",
       "Other high-risk wards: St James’s, Bloomsbury / Holborn & Covent Garden, Borough & "
       "Bankside, and Waterloo & South Bank.", "open data", "high risk wards", "st james"),
    _s(2, "top-32-town-centres",
       "The top 32 town centres and high streets facing acute theft and anti-social behaviour",
       "open data", "32 town centres", "top 32"),
    _s(2, "tier-1-town-centres",
       "Tier 1: Barking, Brixton, Camden, Croydon, Elephant & Castle, Finsbury Park, Stratford, "
       "West End, Shepherd’s Bush Green, Walthamstow and more.", "open data", "tier 1"),
    _s(2, "tier-2-town-centres",
       "Tier 2: Ladbroke Grove, Harrow, Sutton, Bromley, Mitcham, Richmond, Bexleyheath & "
       "others.", "open data", "tier 2"),
    _s(2, "safer-streets-summer-partnership",
       "In these hotspots, Met collaborates with local councils and businesses under the Safer "
       "Streets Summer initiative, deploying joint patrols and preventative schemes.",
       "not checkable", "safer streets summer initiative", "joint patrols",
       claimed_text="joint patrols with councils and businesses", unit="partnership",
       reason="Partnerships and patrol deployments are not recorded in open data, and the Met "
              "has published no open list of where Safer Streets Summer ran."),
    _s(3, "harassment-behaviour-tracking",
       "The Met tracks behaviour-based harassment and aggression (not linked to specific crimes) "
       "in public spaces, especially nightlife areas.", "not checkable",
       "behaviour based harassment", claimed_text="behaviour tracked outside recorded crime",
       unit="practice",
       reason="Behaviour not linked to a recorded crime is by definition absent from "
              "recorded-crime data, and no open harassment-tracking data exist."),
    _s(3, "vigilant-verona-targeting",
       "Project Vigilant and Verona target areas where women and girls report feeling unsafe, "
       "with trained officers spotting predatory cues and proactively engaging offenders.",
       "not checkable", "women and girls report feeling unsafe",
       claimed_text="deployed where women and girls feel unsafe", unit="practice",
       reason="Where the operations are deployed is not published, and the mirror holds no "
              "survey of where women and girls feel unsafe."),
    _s(3, "vigilant-verona-deployments",
       "Over 2-hundred deployments since summer 2024", "not checkable", "hundred deployments",
       claimed_text="over 200 deployments", claimed_value=200, unit="deployments",
       reason="Operational deployment counts are not open data; the figure can only come from "
              "the Met itself."),
    _s(3, "vigilant-verona-arrests",
       "75 arrests made in conjunction with screening and CCTV work", "not checkable",
       "75 arrests", claimed_text="75 arrests", claimed_value=75, unit="arrests",
       reason="Arrests are in neither data.police.uk nor the Met's recorded-crime files, so "
              "operation-level arrest counts cannot be checked."),
    _s(3, "night-time-patrols",
       "Enhanced night-time patrols at events and transport hubs also aim to deter street "
       "violence and support victims.", "not checkable", "night time patrols",
       claimed_text="night-time patrols at events and transport hubs", unit="practice",
       reason="Patrols and their aims are not recorded in open data, and crime at transport "
              "hubs (British Transport Police) is not in the data mirror."),
    _s(4, "met-engage-platform",
       "Met Engage platform: community-facing email updates sharing local crime prevention "
       "advice and operations in each neighbourhood.", "not checkable", "met engage platform",
       claimed_text="neighbourhood email updates", unit="service",
       reason="A description of a communication service, not of crime: nothing in open crime "
              "data can confirm or refute it."),
    _s(4, "data-led-hotspot-selection",
       "Data-led intelligence: hotspot selection is informed by recent crime statistics, mobile "
       "alerts, and stop-and-search data", "open data", "stop and search data", "data led"),
    _s(4, "operation-nightingale",
       "applied via Operation Nightingale and similar initiatives", "not checkable",
       "operation nightingale", claimed_text="Operation Nightingale", unit="operation",
       reason="No open dataset names the operation: the Met publishes the stop-and-search field "
              "'Part of a policing operation' as False for every search in the mirror."),
    _s(5, "london-total-2024",
       "In the year to December 2024, London recorded 957,481 total offences", "open data",
       "957,481"),
    _s(5, "london-change-2024", "a 2% increase", "open data", "2% increase"),
    _s(5, "westminster-total-2024", "Westminster led with 91,380 offences", "open data",
       "91,380"),
    _s(5, "camden-total-2024", "Camden’s 42,569", "open data", "42,569"),
    _s(5, "borough-order-2024", "Newham, Southwark, Lambeth and Croydon followed", "open data",
       "croydon followed"),
    _s(5, "westminster-nearly-double", "nearly double Camden’s", "open data", "nearly double"),
    _s(5, "westminster-rate-per-1000", "Westminster saw crime at 432 crimes per 1,000 residents",
       "open data", "432"),
    _s(5, "westminster-footfall-explanation",
       "highlighting both high tourism footfall and opportunistic offending", "not checkable",
       "tourism footfall", claimed_text="the rate reflects tourism footfall",
       unit="explanation",
       reason="Testing a footfall explanation needs visitor or workday populations, which the "
              "mirror lacks; notebook 01 shows why a per-resident rate inflates Westminster."),
    _s(6, "hotspot-policing-reduced-repeat-offences",
       "Focused hotspot policing has helped reduce repeat offences such as shoplifting and "
       "street robbery.", "open data", "repeat offences", "shoplifting and street robbery"),
    _s(6, "staffing-cuts-1700",
       "cuts to staffing (1,700 officers and staff) have constrained Neighbourhood Policing "
       "teams", "not checkable", "1,700", claimed_text="1,700 officers and staff",
       claimed_value=1700, unit="officers and staff",
       reason="Police workforce statistics are not in the data mirror, and whether cuts "
              "constrained neighbourhood teams is a judgement no crime data can test."),
    _s(6, "advice-phone-safety",
       "For phone safety—enable location tracking, use theft detection tools like Apple’s "
       "Stolen Device Protection or Android’s Theft Detection Lock.", "advice", "stolen device"),
    _s(6, "advice-be-vigilant",
       "Be vigilant in hotspot areas, secure belongings, and report crimes quickly to boost "
       "investigative success.", "advice", "report crimes quickly"),
    _s(7, "met-engage-rollout",
       "The Met plans to extend Met Engage rollout across all boroughs to improve local "
       "transparency and trust.", "not checkable", "met engage rollout",
       claimed_text="Met Engage in all boroughs", unit="plan", reason=f"{_PLAN}."),
    _s(7, "town-centre-focus-summer-2025",
       "Continued focus on town centre hot spots through summer 2025, combining community "
       "strategies like Clear-Hold-Build and Safer Streets campaigns with policing efforts.",
       "not checkable", "clear hold build", claimed_text="Clear-Hold-Build and Safer Streets",
       unit="plan",
       reason=f"{_PLAN}; where Clear-Hold-Build and Safer Streets campaigns ran is not "
              "published as open data."),
    _s(7, "vawg-tactics-expansion",
       "Expansion of VAWG safety tactics, including fresh data overlays, community "
       "walk-and-talks, and technological aids to keep spaces safer for women and girls.",
       "not checkable", "vawg", claimed_text="more VAWG safety tactics", unit="plan",
       reason=f"{_PLAN}."),
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


def count_points(areas: gpd.GeoDataFrame, key: str, x: np.ndarray, y: np.ndarray) -> pd.Series:
    """Points (British National Grid metres) per area, every area listed; NaN points ignored.

    A point on a shared boundary is counted once, in the first area (``areas`` order).
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    keep = ~(np.isnan(x) | np.isnan(y))
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x[keep], y[keep]), crs=areas.crs)
    hits = points.sjoin(areas[[key, "geometry"]].reset_index(drop=True), predicate="within")
    first = hits.sort_values("index_right", kind="stable").groupby(level=0).head(1)
    counts = first[key].value_counts()
    return counts.reindex(areas[key], fill_value=0).rename("points").astype("int64")


def alignment(crime: pd.Series, other: pd.Series, fraction: float = 0.05) -> pd.Series:
    """How far ``other`` (e.g. stop-and-search) concentrates in the same units as ``crime``.

    Both Series are counts indexed by unit (aligned on the index, missing units count 0). Gives
    Spearman's rank correlation, the share of ``other``'s top ``fraction`` of units that are also
    in crime's top ``fraction`` (chance alone gives about ``fraction``), and the share of each
    count held by crime's top units. Ties at the cut are broken by unit order.
    """
    index = crime.index.union(other.index, sort=True)
    crime = crime.reindex(index, fill_value=0).astype(float)
    other = other.reindex(index, fill_value=0).astype(float)
    top_crime, top_other = top_units(crime, fraction), top_units(other, fraction)
    return pd.Series({
        "units": float(len(index)),
        "spearman": float(spearmanr(crime, other).statistic),
        "top units": float(top_crime.sum()),
        "overlap of top units": float((top_crime & top_other).sum() / top_other.sum()),
        "crime in crime's top units": share_held_by_top(crime, fraction),
        "other in crime's top units": float(other[top_crime.to_numpy()].sum() / other.sum()),
        "other in its own top units": share_held_by_top(other, fraction),
    })


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


def tile_figures(paths: Sequence[Path], ncols: int = 3, width: float = 15.0) -> Figure:
    """The PNGs at ``paths`` tiled in a grid, each titled by its file name (no axes)."""
    if not paths:
        raise ValueError("no figures to tile")
    nrows = -(-len(paths) // ncols)
    images = [mpimg.imread(p) for p in paths]
    aspect = max(img.shape[0] / img.shape[1] for img in images)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, width / ncols * aspect * nrows + 0.6),
                             squeeze=False)
    for ax in axes.flat:
        ax.set_axis_off()
    for ax, path, image in zip(axes.flat, paths, images, strict=False):
        ax.imshow(image)
        ax.set_title(Path(path).stem, fontsize=9, loc="center", fontweight="normal")
    return fig


def verdict_bars(ax: Axes, counts: pd.DataFrame) -> None:
    """Horizontal stacked bars of claims per verdict, one bar per section (first at top)."""
    left = np.zeros(len(counts))
    labels = [str(s) for s in counts.index]
    for verdict in counts.columns:
        values = counts[verdict].to_numpy(float)
        ax.barh(labels, values, left=left, color=VERDICT_COLOURS.get(verdict, "#999999"),
                label=verdict, edgecolor="white", linewidth=0.8)
        left += values
    ax.invert_yaxis()
    ax.set_xlabel("claims in the registry")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=8)
