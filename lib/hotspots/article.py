"""The article under test, in one catalogue: every checkable statement exactly once.

Sources: ``data/reference/article.md`` (the news post, a copy of ``../shared/article``) and,
for the Met's and the Mayor's later claims, ``data/reference/press-facts.md``. Each
:class:`Statement` quotes its source's own words (curly quotes and non-breaking hyphens
included; ``" … "`` joins the parts of a quote that skips words), states the numbers it gives
(:class:`StatedNumber`: value, unit, stated precision and wording qualifier), its kind
(:data:`KINDS`) and the basis on which a notebook must judge it.

Statements that no notebook can decide carry their verdict here, as pre-registered: an
:class:`Unchecked` (no open data exist, or open data exist but are not in the data folder) or,
for sums done on the article's own numbers, a :class:`Derived` value. The registry
(:mod:`hotspots.claims.registry`) turns them into verdicts; a notebook never records a primary
verdict for them.
"""

from __future__ import annotations

from dataclasses import dataclass

PRESS_SECTION = "Later claims by the Met and the Mayor (2025)"

SECTIONS = (
    "What Are “Hot Spots” & How the Met Uses Them",
    "Mobile Phone Theft in Tourist Areas",
    "Town Centres & Retail Behaviour",
    "Predatory Conduct & Safety for Women",
    "Met Tools & Tactics Behind the Hotspot Work",
    "Statistics & Broader Context",
    "Outcomes, Challenges & Public Advice",
    "Looking Ahead",
    PRESS_SECTION,
)

#: Where a statement was printed: the article, or the Met's/Mayor's later statements as
#: reported in the press (``press-facts.md``).
SOURCES = ("article", "press")

#: What a statement asserts, which decides the verdict rule that judges it
#: (:mod:`hotspots.claims.verdicts`).
KINDS = (
    "number",       # a count, total or rate: "957,481 total offences"
    "trend",        # a change: "a 2% increase"
    "ratio",        # a verbal ratio: "nearly double"
    "ranking",      # an order or a top list: the borough order, the ward list
    "share",        # a percentage of a whole: "24 per cent of theft person offences"
    "pattern",      # a testable pattern in the data: "crime … cluster predictably"
    "causal",       # X reduced or constrained Y
    "research",     # what studies found
    "description",  # practices, tactics, plans: not testable with crime data
    "arithmetic",   # a number derived from the article's own numbers
    "advice",       # public advice: not scored
)

#: Wording qualifiers and the side of the stated number they allow ("nearly 80,000" lies in
#: [75,000, 80,000) when the stated precision is 10,000).
QUALIFIERS = {
    "": "both",
    "~": "both",
    "around": "both",
    "about": "both",
    "nearly": "below",
    "almost": "below",
    "over": "above",
    "more than": "above",
}


@dataclass(frozen=True)
class StatedNumber:
    """A number as the source states it.

    ``precision`` is the last stated unit (1 for 957,481; 1 percentage point for "2%"; 10,000
    for "nearly 80,000"). :meth:`bounds` is the range the wording allows: ± half the precision,
    or only the half below ("nearly", "almost") or above ("over", "more than") the value.
    """

    value: float
    unit: str
    text: str
    precision: float = 1.0
    qualifier: str = ""

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"{self.text!r}: qualifier {self.qualifier!r} is not one of "
                             f"{sorted(QUALIFIERS)}")
        if not self.precision > 0:
            raise ValueError(f"{self.text!r}: precision must be positive")

    def bounds(self) -> tuple[float, float, bool, bool]:
        """``(low, high, low_open, high_open)``: the values the wording allows."""
        half = self.precision / 2
        side = QUALIFIERS[self.qualifier]
        if side == "below":
            return self.value - half, self.value, False, True
        if side == "above":
            return self.value, self.value + half, True, False
        return self.value - half, self.value + half, False, False


@dataclass(frozen=True)
class Unchecked:
    """A pre-registered verdict for a statement no notebook can decide.

    With ``dataset`` and ``publisher``: open data exist but are not in the data folder.
    Without: no open data exist. ``reason`` is one sentence a journalist can quote.
    """

    reason: str
    dataset: str = ""
    publisher: str = ""

    def __post_init__(self) -> None:
        if bool(self.dataset) != bool(self.publisher):
            raise ValueError(f"{self.reason!r}: give both dataset and publisher, or neither")


@dataclass(frozen=True)
class Derived:
    """What the article's own numbers give for an arithmetic statement, and how."""

    value: float
    derivation: str


@dataclass(frozen=True, kw_only=True)
class Statement:
    """One checkable statement (or advice) of the article or of the later press claims.

    ``basis``: what the primary evidence row must measure (period, area, definition, proxy)
    for the statement's verdict. ``ranking``: for a ranking, the named units by stated
    position, a group sharing its places ("Bloomsbury / Holborn & Covent Garden" share two),
    starting at ``first_position``; or, for a top list that names some of its members in no
    order, one group and ``top``, the list's length ("the top 32 … include").
    ``crime_types``: for research, each crime the statement names and the crime type of the
    reference table that stands for it. ``first_printed``: where the number was printed
    before the article, and ``printed_wording`` what it said.
    """

    statement_id: str
    section: str
    quote: str
    kind: str
    source: str = "article"
    numbers: tuple[StatedNumber, ...] = ()
    basis: str = ""
    ranking: tuple[tuple[str, ...], ...] = ()
    first_position: int = 1
    top: int = 0
    crime_types: tuple[tuple[str, str], ...] = ()
    first_printed: str = ""
    printed_wording: str = ""
    unchecked: Unchecked | None = None
    derived: Derived | None = None

    def __post_init__(self) -> None:
        problems = []
        if self.kind not in KINDS:
            problems.append(f"kind {self.kind!r} is not one of {KINDS}")
        if self.section not in SECTIONS:
            problems.append(f"section {self.section!r} is not a heading")
        if self.source not in SOURCES:
            problems.append(f"source {self.source!r} is not one of {SOURCES}")
        if (self.source == "press") != (self.section == PRESS_SECTION):
            problems.append(f"press statements, and only they, belong to {PRESS_SECTION!r}")
        if self.kind in ("number", "trend", "ratio", "share", "arithmetic") and len(
                self.numbers) != 1:
            problems.append(f"a {self.kind} statement states exactly one number")
        if self.kind in ("number", "trend", "ratio", "share", "ranking") and not (
                self.basis or self.unchecked):
            problems.append(f"a {self.kind} statement needs the basis it is judged on")
        if (self.kind == "ranking") != bool(self.ranking):
            problems.append("a ranking statement, and only it, lists the ranked units")
        if self.top and (len(self.ranking) != 1 or self.top < len(self.ranking[0])
                         or self.first_position != 1):
            problems.append("a top list is one group of at most `top` units from position 1")
        if self.kind == "research" and not self.crime_types:
            problems.append("a research statement maps the crimes it names to crime types")
        if (self.kind == "arithmetic") != (self.derived is not None):
            problems.append("an arithmetic statement, and only it, gives its derived value")
        if self.kind == "description" and self.unchecked is None:
            problems.append("a description is not testable: declare why (unchecked)")
        if self.kind in ("advice", "arithmetic") and self.unchecked is not None:
            problems.append(f"a {self.kind} statement gets no declared verdict")
        if problems:
            raise ValueError(f"statement {self.statement_id!r}: " + "; ".join(problems))

    @property
    def number(self) -> StatedNumber:
        """The one number the statement states (an error for statements with none or more)."""
        if len(self.numbers) != 1:
            raise ValueError(f"statement {self.statement_id!r} states {len(self.numbers)} "
                             "numbers, not one")
        return self.numbers[0]

    @property
    def parts(self) -> tuple[str, ...]:
        """The quote's parts: the quote split where it skips words (``" … "``)."""
        return tuple(self.quote.split(" … "))

    @property
    def catalogue_decides(self) -> bool:
        """Whether the verdict comes from this catalogue rather than from a notebook."""
        return self.unchecked is not None or self.derived is not None


def _n(value: float, unit: str, text: str, precision: float = 1.0, qualifier: str = ""
       ) -> StatedNumber:
    return StatedNumber(value, unit, text, precision, qualifier)


_S0, _S1, _S2, _S3, _S4, _S5, _S6, _S7, _PRESS = SECTIONS

_ES_CRIME = ("Evening Standard (via inkl), “Extra police officers to be introduced to the West "
             "End to help tackle phone theft”, 2025 (press-facts D2)")
_TIMES_PHONES = ("The Times via the Evening Standard (inkl), “London mobile phone thefts hit a "
                 "record high”, early 2025 (press-facts D1)")
_GLA_RELEASE = ("GLA press release “Fresh action in London’s town centres to build on crime "
                "reductions achieved in capital”, July 2025 (press-facts A1)")
_PLAN = "A plan for the future, not a statement of fact that data could check"
_CENTRES_DATA = ("GLA Town Centre Boundaries (London Datastore) and Metropolitan Police "
                 "street-level crime (data.police.uk)")
_CENTRES_PUBLISHER = "Greater London Authority; Home Office"
#: Notebook 05 decides the Met's and the Mayor's later claims about the 20 centres on the
#: centres' 2022 wards (``data/reference/met_hotspot_centres.csv``); the Met's own hot-spot
#: outlines are not published, so wards bound its areas from above.
_CENTRE_WARDS = ("the 2022 wards holding the 20 centres' cores (with their edge wards as a "
                 "variant), an upper bound for the Met's unpublished hot-spot areas")


STATEMENTS: tuple[Statement, ...] = (
    # --- What Are “Hot Spots” & How the Met Uses Them --------------------------------------
    Statement(
        statement_id="hot-spots-defined-micro-areas", section=_S0, kind="description",
        quote="“Hot spots” are precisely defined micro‑areas (streets, parks, squares)",
        unchecked=Unchecked(
            "The Met publishes neither its definition nor the outlines of its hot spots, so "
            "whether they are precisely defined streets, parks and squares cannot be seen."),
    ),
    Statement(
        statement_id="crime-asb-cluster-predictably", section=_S0, kind="pattern",
        quote="where crime and anti‑social behaviour cluster predictably",
        basis="Recorded crime and anti-social behaviour by small area (2021 LSOAs, grids): "
              "concentrated in few places, clustered in space and stable from year to year.",
    ),
    Statement(
        statement_id="research-focused-patrols-reduce-crime", section=_S0, kind="research",
        quote="Research confirms that targeting these areas with focused patrols reduces a "
              "broad range of crimes, including theft, violence, and disorder.",
        crime_types=(("theft", "property"), ("violence", "violent"),
                     ("disorder", "disorder")),
        first_printed="College of Policing, June 2017 (press-facts G)",
        printed_wording="hot spots policing was more effective in reducing drug offences, "
                        "violent crime and disorder than it was for tackling property crime",
    ),
    Statement(
        statement_id="met-approach-patrols-and-problem-solving", section=_S0,
        kind="description",
        quote="The Met’s approach combines high‑visibility patrols (deterrence) and "
              "problem‑oriented policing (delivering tailored interventions) to tackle the "
              "root causes and symptoms alike.",
        unchecked=Unchecked(
            "Open crime data record offences, not the tactics used against them, so how the "
            "Met works in each hot spot cannot be seen."),
    ),
    # --- Mobile Phone Theft in Tourist Areas -----------------------------------------------
    Statement(
        statement_id="phone-thefts-2024", section=_S1, kind="number",
        quote="Nearly 80,000 mobile phones stolen in 2024",
        numbers=(_n(80_000, "mobile phones stolen in London", "Nearly 80,000", 10_000,
                    "nearly"),),
        first_printed=_TIMES_PHONES,
        printed_wording="81,256 mobile phone thefts were reported in London last year "
                        "(MailOnline gives 70,137)",
        unchecked=Unchecked(
            "Open crime data do not record what was stolen, so phones cannot be counted; the "
            "published totals (81,256 and 70,137) come from Met figures given to newspapers."),
    ),
    Statement(
        statement_id="phone-theft-losses", section=_S1, kind="number",
        quote="totalling ~£50 million in losses",
        numbers=(_n(50e6, "GBP", "~£50 million", 10e6, "~"),),
        first_printed=_TIMES_PHONES,
        printed_wording="a criminal enterprise worth £50 million a year",
        unchecked=Unchecked(
            "Crime records carry no value of what was stolen; the £50 million is the Met's "
            "estimate of the black market in stolen phones, not victims' losses."),
    ),
    Statement(
        statement_id="west-end-tops-list", section=_S1, kind="ranking",
        quote="West End tops the list",
        ranking=(("West End",),),
        basis="2022 wards ranked by theft from the person, calendar 2024 (open data do not "
              "flag phones; most phone thefts are recorded as theft from the person).",
    ),
    Statement(
        statement_id="west-end-thefts-13578", section=_S1, kind="number",
        quote="~13,578 thefts",
        numbers=(_n(13_578, "mobile phone thefts in the West End ward", "~13,578", 1, "~"),),
        first_printed="No source found (press-facts D1): about 37 a day × 365",
        unchecked=Unchecked(
            "Open crime data do not flag phones, and the West End's theft-from-the-person "
            "count includes bags and wallets, so its phone thefts cannot be counted."),
    ),
    Statement(
        statement_id="west-end-per-day", section=_S1, kind="arithmetic",
        quote="around 37 per day",
        numbers=(_n(37, "thefts per day", "around 37", 1, "around"),),
        derived=Derived(13_578 / 366, "13,578 thefts ÷ 366 days in 2024"),
        first_printed=_TIMES_PHONES,
        printed_wording="37 reported on average each day",
    ),
    Statement(
        statement_id="other-high-risk-wards", section=_S1, kind="ranking",
        quote="Other high-risk wards: St James’s, Bloomsbury / Holborn & Covent Garden, "
              "Borough & Bankside, and Waterloo & South Bank.",
        ranking=(("St James’s",), ("Bloomsbury", "Holborn & Covent Garden"),
                 ("Borough & Bankside",), ("Waterloo & South Bank",)),
        first_position=2,
        basis="2022 wards ranked by theft from the person, calendar 2024, the West End first.",
        first_printed=_TIMES_PHONES,
        printed_wording="Other hotspots were Bloomsbury, Holborn, Covent Garden, Shoreditch, "
                        "Borough, London Bridge, Waterloo, South Bank, Camden Town, Regent’s "
                        "Park and Stratford.",
    ),
    # --- Town Centres & Retail Behaviour ----------------------------------------------------
    Statement(
        statement_id="top-32-town-centres", section=_S2, kind="number",
        quote="The top 32 town centres and high streets",
        numbers=(_n(32, "town centres and high streets", "32"),),
        first_printed=_GLA_RELEASE,
        printed_wording="The Met Police have identified the top 32 town centres and high "
                        "street locations across London",
        unchecked=Unchecked(
            "The number is the size of the Met's own list, which was not published (the GLA "
            "release also speaks of a top twenty), so no data can count it."),
    ),
    Statement(
        statement_id="tier-1-town-centres", section=_S2, kind="ranking",
        quote="The top 32 town centres and high streets facing acute theft and anti‑social "
              "behaviour include: … Tier 1: Barking, Brixton, Camden, Croydon, Elephant & "
              "Castle, Finsbury Park, Stratford, West End, Shepherd’s Bush Green, "
              "Walthamstow and more.",
        ranking=(("Barking", "Brixton", "Camden", "Croydon", "Elephant & Castle",
                  "Finsbury Park", "Stratford", "West End", "Shepherd’s Bush Green",
                  "Walthamstow"),),
        top=32,
        first_printed="Evening Standard via inkl, July 2025 (press-facts A2): all ten are "
                      "among the Met's 20 named hot spots",
        unchecked=Unchecked(
            "Ranking town centres by theft and anti-social behaviour needs the centres' "
            "boundaries and street-level crime; wards mix a centre with its surroundings.",
            _CENTRES_DATA, _CENTRES_PUBLISHER),
    ),
    Statement(
        statement_id="tier-2-town-centres", section=_S2, kind="ranking",
        quote="Tier 2: Ladbroke Grove, Harrow, Sutton, Bromley, Mitcham, Richmond, "
              "Bexleyheath & others.",
        ranking=(("Ladbroke Grove", "Harrow", "Sutton", "Bromley", "Mitcham", "Richmond",
                  "Bexleyheath"),),
        top=32,
        first_printed="No source found (press-facts A3)",
        unchecked=Unchecked(
            "Ranking town centres by theft and anti-social behaviour needs the centres' "
            "boundaries and street-level crime; wards mix a centre with its surroundings.",
            _CENTRES_DATA, _CENTRES_PUBLISHER),
    ),
    Statement(
        statement_id="safer-streets-summer-partnership", section=_S2, kind="description",
        quote="In these hotspots, Met collaborates with local councils and businesses under "
              "the Safer Streets Summer initiative, deploying joint patrols and preventative "
              "schemes.",
        unchecked=Unchecked(
            "Partnerships and joint patrols are not recorded in any open data; press reports "
            "(press-facts B, C) confirm the initiative ran but not what it deployed where."),
    ),
    # --- Predatory Conduct & Safety for Women ------------------------------------------------
    Statement(
        statement_id="harassment-behaviour-tracking", section=_S3, kind="description",
        quote="The Met tracks behaviour-based harassment and aggression (not linked to "
              "specific crimes) in public spaces, especially nightlife areas.",
        unchecked=Unchecked(
            "Behaviour not linked to a recorded crime is by definition absent from "
            "recorded-crime data, and no open harassment-tracking data exist."),
    ),
    Statement(
        statement_id="vigilant-verona-targeting", section=_S3, kind="description",
        quote="Project Vigilant and Verona target areas where women and girls report feeling "
              "unsafe, with trained officers spotting predatory cues and proactively engaging "
              "offenders.",
        unchecked=Unchecked(
            "Where the operations deploy is not published, and no open survey maps where women "
            "and girls feel unsafe; no source names an operation “Verona” (press-facts E4)."),
    ),
    Statement(
        statement_id="vigilant-verona-deployments", section=_S3, kind="number",
        quote="Over 2‑hundred deployments since summer 2024",
        numbers=(_n(200, "deployments", "Over 2-hundred", 100, "over"),),
        first_printed="No source found (press-facts E4)",
        unchecked=Unchecked(
            "Deployment counts of an operation are not open data; the figure can only come "
            "from the Met itself."),
    ),
    Statement(
        statement_id="vigilant-verona-arrests", section=_S3, kind="number",
        quote="75 arrests made in conjunction with screening and CCTV work",
        numbers=(_n(75, "arrests", "75"),),
        first_printed="No source found (press-facts E4)",
        unchecked=Unchecked(
            "Open data count arrests only by force and year, never by operation, so the "
            "operation's arrests cannot be checked."),
    ),
    Statement(
        statement_id="night-time-patrols-transport-hubs", section=_S3, kind="description",
        quote="Enhanced night-time patrols at events and transport hubs also aim to deter "
              "street violence and support victims.",
        unchecked=Unchecked(
            "Patrols and their aims are not recorded in open data; crime at stations, which "
            "would show whether the hubs are violence hot spots, is recorded by British "
            "Transport Police.",
            "British Transport Police street-level crime (data.police.uk)",
            "British Transport Police; Home Office"),
    ),
    # --- Met Tools & Tactics Behind the Hotspot Work ----------------------------------------
    Statement(
        statement_id="met-engage-platform", section=_S4, kind="description",
        quote="Met Engage platform: community-facing email updates sharing local crime "
              "prevention advice and operations in each neighbourhood.",
        unchecked=Unchecked(
            "A description of a communication service, not of crime: nothing in open crime "
            "data can confirm or refute it."),
    ),
    Statement(
        statement_id="data-led-hotspot-selection", section=_S4, kind="description",
        quote="Data-led intelligence: hotspot selection is informed by recent crime "
              "statistics, mobile alerts, and stop-and-search data",
        unchecked=Unchecked(
            "How the Met selects hot spots is not published; open data can show only whether "
            "searches and crime concentrate in the same places, not what informed a choice."),
    ),
    Statement(
        statement_id="operation-nightingale", section=_S4, kind="description",
        quote="applied via Operation Nightingale and similar initiatives",
        unchecked=Unchecked(
            "No open dataset names police operations: the stop-and-search field 'Part of a "
            "policing operation' is False for every Met search in the data folder."),
    ),
    # --- Statistics & Broader Context ---------------------------------------------------------
    Statement(
        statement_id="london-total-2024", section=_S5, kind="number",
        quote="In the year to December 2024, London recorded 957,481 total offences",
        numbers=(_n(957_481, "offences", "957,481"),),
        basis="Met borough file, 12 months January–December 2024, every row (boroughs, "
              "airports and unknown location), each published vintage.",
        first_printed=_ES_CRIME,
        printed_wording="around 957,481 crimes were recorded across London in the 12 months "
                        "to December 2024",
    ),
    Statement(
        statement_id="london-change-2024", section=_S5, kind="trend",
        quote="a 2% increase",
        numbers=(_n(2, "% change on 2023", "2%"),),
        basis="The same total for 2024 against January–December 2023, same vintage.",
        first_printed=_ES_CRIME,
        printed_wording="a rise of two per cent on the year before",
    ),
    Statement(
        statement_id="westminster-total-2024", section=_S5, kind="number",
        quote="Westminster led with 91,380 offences",
        numbers=(_n(91_380, "offences", "91,380"),),
        basis="Westminster in the Met borough file, January–December 2024, each vintage.",
        first_printed=_ES_CRIME,
        printed_wording="Westminster had the highest number with 91,380",
    ),
    Statement(
        statement_id="camden-total-2024", section=_S5, kind="number",
        quote="Camden’s 42,569",
        numbers=(_n(42_569, "offences", "42,569"),),
        basis="Camden in the Met borough file, January–December 2024, each vintage.",
        first_printed=_ES_CRIME,
        printed_wording="the nearest densely populated borough of Camden (42,569)",
    ),
    Statement(
        statement_id="westminster-nearly-double-camden", section=_S5, kind="ratio",
        quote="nearly double Camden’s",
        numbers=(_n(2, "× Camden's offences", "nearly double", 0.4, "nearly"),),
        basis="Westminster's 2024 offences ÷ Camden's, Met borough file, each vintage.",
        first_printed=_ES_CRIME,
        printed_wording="more than double that of the nearest densely populated borough of "
                        "Camden",
    ),
    Statement(
        statement_id="borough-order-2024", section=_S5, kind="ranking",
        quote="Westminster led … Camden’s … Newham, Southwark, Lambeth and Croydon followed",
        ranking=(("Westminster",), ("Camden",), ("Newham",), ("Southwark",), ("Lambeth",),
                 ("Croydon",)),
        basis="The 32 boroughs ranked by offences, January–December 2024, Met borough file.",
        first_printed=_ES_CRIME,
        printed_wording="Camden (42,569), Newham (39,990), Southwark (39,500), Lambeth "
                        "(38,116) and Croydon (35,374)",
    ),
    Statement(
        statement_id="westminster-rate-per-1000", section=_S5, kind="number",
        quote="Westminster saw crime at 432 crimes per 1,000 residents",
        numbers=(_n(432, "offences per 1,000 residents", "432"),),
        unchecked=Unchecked(
            "The rate needs Westminster's residents in 2024 (an ONS mid-year estimate); 432 "
            "implies about 211,500 residents, more than Census 2021's 204,235.",
            "ONS mid-year population estimates, local authorities, mid-2021 to mid-2024",
            "Office for National Statistics"),
    ),
    Statement(
        statement_id="westminster-footfall-explanation", section=_S5, kind="causal",
        quote="highlighting both high tourism footfall and opportunistic offending",
        unchecked=Unchecked(
            "Testing a footfall explanation needs visitor numbers; Census 2021 workday "
            "population shows Westminster's daytime population is 1.8 times its residents, but "
            "tourists are in no file here.",
            "GLA daytime population by borough (with tourists), London Datastore",
            "Greater London Authority"),
    ),
    # --- Outcomes, Challenges & Public Advice -------------------------------------------------
    Statement(
        statement_id="hotspot-policing-reduced-repeat-offences", section=_S6, kind="causal",
        quote="Focused hotspot policing has helped reduce repeat offences such as shoplifting "
              "and street robbery.",
        unchecked=Unchecked(
            "The Met has published neither the places nor the dates of the hot-spot work the "
            "sentence refers to, which predates the only testable operation (summer 2025), and "
            "open data carry no offender identifiers to count repeat offences."),
    ),
    Statement(
        statement_id="staffing-cuts-1700", section=_S6, kind="number",
        quote="cuts to staffing (1,700 officers and staff)",
        numbers=(_n(1_700, "officers, staff and PCSOs (FTE)", "1,700", 100),),
        basis="The Met's workforce (officers, PCSOs and, where published, police staff; "
              "full-time equivalent; Home Office police workforce statistics): the fall from "
              "March 2025, when a cut of over 1,700 was announced for 2025/26.",
        first_printed="Met spokesperson via PA Media, 2 April 2025 (workforce/SOURCES.md, "
                      "statement 1)",
        printed_wording="reducing our size by over 1,700 officers, staff and PCSOs",
    ),
    Statement(
        statement_id="neighbourhood-teams-constrained", section=_S6, kind="causal",
        quote="Still, policing resources are stretched … have constrained Neighbourhood "
              "Policing teams, driving urgency in targeted operations.",
        unchecked=Unchecked(
            "Whether neighbourhood teams shrank needs officers by function; the Met said it "
            "would protect neighbourhood policing and reported +366 FTE there by September "
            "2025 (workforce/SOURCES.md).",
            "Home Office police workforce open data table by function (neighbourhood "
            "policing)",
            "Home Office"),
    ),
    Statement(
        statement_id="advice-phone-safety", section=_S6, kind="advice",
        quote="For phone safety—enable location tracking, use theft detection tools like "
              "Apple’s Stolen Device Protection or Android’s Theft Detection Lock.",
    ),
    Statement(
        statement_id="advice-be-vigilant", section=_S6, kind="advice",
        quote="Be vigilant in hotspot areas, secure belongings, and report crimes quickly to "
              "boost investigative success.",
    ),
    # --- Looking Ahead ------------------------------------------------------------------------
    Statement(
        statement_id="met-engage-rollout", section=_S7, kind="description",
        quote="The Met plans to extend Met Engage rollout across all boroughs to improve "
              "local transparency and trust.",
        unchecked=Unchecked(f"{_PLAN}."),
    ),
    Statement(
        statement_id="town-centre-focus-summer-2025", section=_S7, kind="description",
        quote="Continued focus on town centre hot spots through summer 2025, combining "
              "community strategies like Clear‑Hold‑Build and Safer Streets campaigns with "
              "policing efforts.",
        unchecked=Unchecked(
            f"{_PLAN}; press reports confirm the summer operation ran in 20 hot spots "
            "(press-facts C), but where each strategy ran is not published."),
    ),
    Statement(
        statement_id="vawg-tactics-expansion", section=_S7, kind="description",
        quote="Expansion of VAWG safety tactics, including fresh data overlays, community "
              "walk-and-talks, and technological aids to keep spaces safer for women and "
              "girls.",
        unchecked=Unchecked(f"{_PLAN}."),
    ),
    # --- Later claims by the Met and the Mayor (2025) ------------------------------------------
    Statement(
        statement_id="press-centres-share-knife-crime", section=_PRESS, kind="share",
        source="press", quote="almost 10 per of knife crime",
        numbers=(_n(10, "% of London's knife crime", "almost 10 per", 1, "almost"),),
        first_printed=_GLA_RELEASE,
        printed_wording="account for almost a tenth of blade offences (Evening Standard)",
        unchecked=Unchecked(
            "No open small-area data flag knife crime: data.police.uk and the Met's ward and "
            "LSOA files have only 'possession of weapons', not offences involving a knife."),
    ),
    Statement(
        statement_id="press-centres-share-theft-person", section=_PRESS, kind="share",
        source="press", quote="24 per cent of theft person offences",
        numbers=(_n(24, "% of London's theft from the person", "24 per cent"),),
        basis=f"Theft from the person (Met ward file) in {_CENTRE_WARDS}, as a share of "
              "London's, in the year to May 2025 (June 2024 - May 2025).",
        first_printed=_GLA_RELEASE,
        printed_wording="one in four thefts (Evening Standard)",
    ),
    Statement(
        statement_id="press-centres-share-asb", section=_PRESS, kind="share",
        source="press", quote="6 per cent of all ASB calls",
        numbers=(_n(6, "% of London's ASB calls", "6 per cent"),),
        basis=f"Calls to the Met about anti-social behaviour in {_CENTRE_WARDS}, as a share "
              "of London's; police.uk anti-social behaviour incidents are the nearest open "
              "measure.",
        first_printed=_GLA_RELEASE,
        printed_wording="six per cent of all anti-social behaviour calls (Evening Standard)",
    ),
    Statement(
        statement_id="press-centres-crime-down-18pct", section=_PRESS, kind="trend",
        source="press",
        quote="Crime in the 20 town centre hotspots reduced by 18 per cent over the course of "
              "the Safer Summer Streets operations between June 30 and September 30",
        numbers=(_n(-18, "% change", "reduced by 18 per cent"),),
        basis=f"All offences (Met ward file) in {_CENTRE_WARDS}, July-September 2025 (the "
              "official 30 June - 30 September in whole months) against July-September 2024 "
              "(the Met gave no baseline).",
        first_printed="Local Democracy Reporting Service via MyLondon, 27 December 2025 "
                      "(press-facts C3)",
        printed_wording="the LDRS has been told (no baseline period given)",
    ),
)


_BY_ID = {s.statement_id: s for s in STATEMENTS}


def statement(statement_id: str) -> Statement:
    """The catalogued statement ``statement_id`` (``KeyError`` naming it otherwise)."""
    try:
        return _BY_ID[statement_id]
    except KeyError:
        raise KeyError(f"{statement_id!r} is not a catalogued statement") from None


# The article's numbers for "the year to December 2024" (Statistics & Broader Context).
ARTICLE_CLAIMS = {
    "london_total": statement("london-total-2024").number.value,
    "change_pct": statement("london-change-2024").number.value,
    "westminster": statement("westminster-total-2024").number.value,
    "camden": statement("camden-total-2024").number.value,
}

#: "Westminster led …; Newham, Southwark, Lambeth and Croydon followed", in order.
ARTICLE_ORDER = tuple(g[0] for g in statement("borough-order-2024").ranking)

ARTICLE_RATE_PER_1000 = statement("westminster-rate-per-1000").number.value

#: The article's list of "high-risk wards", in its order: the West End, then the others; a
#: tuple shares its positions ("Bloomsbury / Holborn & Covent Garden" names two Camden wards).
NAMED_WARDS: tuple[tuple[str, ...], ...] = (
    *statement("west-end-tops-list").ranking, *statement("other-high-risk-wards").ranking)
