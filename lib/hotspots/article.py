"""The article under test, in one catalogue: its sections, its statements and its numbers.

Source: ``../shared/article/article.md`` (a news post summarising a BBC report on the
Metropolitan Police's behaviour hot spots). Every quote below is the article's own wording.
"""

from __future__ import annotations

from dataclasses import dataclass

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


# The article's numbers for "the year to December 2024" (Statistics & Broader Context).
ARTICLE_CLAIMS = {
    "london_total": 957_481,
    "change_pct": 2.0,
    "westminster": 91_380,
    "camden": 42_569,
}


# "Westminster led …; Newham, Southwark, Lambeth and Croydon followed" and "432 crimes per
# 1,000 residents" (Westminster).
ARTICLE_ORDER = ("Westminster", "Camden", "Newham", "Southwark", "Lambeth", "Croydon")


ARTICLE_RATE_PER_1000 = 432


#: The article's list of "high-risk wards", in its order; a tuple shares its positions
#: ("Bloomsbury / Holborn & Covent Garden" names two Camden wards, in no stated order).
NAMED_WARDS: tuple[tuple[str, ...], ...] = (
    ("West End",),
    ("St James's",),
    ("Bloomsbury", "Holborn & Covent Garden"),
    ("Borough & Bankside",),
    ("Waterloo & South Bank",),
)
