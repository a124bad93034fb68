"""Every verdict rule in one place: notebooks call a rule, they never type a verdict.

The rules were fixed before any result was looked at; the README ("How a verdict is
decided") states them for a journalist. Each rule takes a catalogued statement (its id or the
:class:`~hotspots.article.Statement`) and the evidence, and returns a :class:`Verdict`: one
verdict from :data:`VERDICTS`, a one-line reason, the claimed value and ours, the interval of
our values across vintages or definitions on the stated basis, the gap, and the rule's name
and parameters.

======================= ===================================================================
rule                    judges statements of kind
======================= ===================================================================
:func:`number`          ``number`` (counts, totals, rates)
:func:`trend`           ``trend`` (a change: "a 2% increase")
:func:`ratio`           ``ratio`` ("nearly double")
:func:`ranking`         ``ranking`` (an order, a top list)
:func:`share`           ``share`` ("24 per cent of …")
:func:`pattern`         ``pattern`` (pre-registered criteria on the data)
:func:`causal`          ``causal`` (patrols reduced crime here)
:func:`research`        ``research`` (what systematic reviews found)
:func:`arithmetic`      ``arithmetic`` (the article's own numbers)
:func:`not_checkable`   any kind but advice and arithmetic: no open data exist
:func:`not_checked_here` the same: open data exist but are not in the data folder
======================= ===================================================================
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

from hotspots.article import StatedNumber, Statement, statement
from hotspots.names import name_key

REPRODUCED = "reproduced"
CLOSE = "close"
CONTRADICTED = "contradicted"
UNSUPPORTED = "unsupported by the evidence"
ARITHMETIC_CONSISTENT = "arithmetic consistent"
NOT_CHECKED_HERE = "not checked here: open data exist but are not in the data folder"
NOT_CHECKABLE = "not checkable: no open data exist"

#: The vocabulary, from "the data agree" to "no data exist". Advice gets no verdict.
VERDICTS = (REPRODUCED, CLOSE, CONTRADICTED, UNSUPPORTED, ARITHMETIC_CONSISTENT,
            NOT_CHECKED_HERE, NOT_CHECKABLE)

#: The one tolerance for "close": 2% of the claimed level.
BAND = 0.02

#: Verbal ratio phrases: (low, high, low_open, high_open).
RATIO_PHRASES = {
    "nearly double": (1.8, 2.0, False, True),
    "about double": (1.9, 2.1, False, False),
    "more than double": (2.0, math.inf, True, False),
}

#: Findings of the reference table that count as a significant reduction, and that do not.
SIGNIFICANT = "significant reduction"
POOLED = ("meta-analysis", "review summary")

#: The rules each kind of statement may be judged by (advice: none).
RULES_FOR_KIND = {
    "number": ("number", "not_checkable", "not_checked_here"),
    "trend": ("trend", "not_checkable", "not_checked_here"),
    "ratio": ("ratio", "not_checkable", "not_checked_here"),
    "ranking": ("ranking", "not_checkable", "not_checked_here"),
    "share": ("share", "not_checkable", "not_checked_here"),
    "pattern": ("pattern", "not_checkable", "not_checked_here"),
    "causal": ("causal", "not_checkable", "not_checked_here"),
    "research": ("research",),
    "description": ("not_checkable", "not_checked_here"),
    "arithmetic": ("arithmetic",),
    "advice": (),
}

_EPSILON = 1e-12

#: Our values on the stated basis: one number, or one per vintage or definition (a mapping or
#: Series labels them).
Ours = float | Sequence[float] | Mapping[str, float] | pd.Series


class VerdictError(ValueError):
    """A verdict or rule input that breaks the rules (vocabulary, one-line reason, kinds)."""


def rounded(value: object, name: str) -> float | None:
    """A finite float rounded to 8 significant digits; ``None`` for missing values."""
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise VerdictError(f"{name} {value!r} is not a number") from exc
    if math.isinf(number):
        raise VerdictError(f"{name} is infinite")
    return None if math.isnan(number) else float(f"{number:.8g}")


def _plain(mapping: Mapping[str, object], name: str) -> dict[str, float | str]:
    """``mapping`` as JSON-ready values: strings kept, numbers rounded (infinite as text)."""
    out: dict[str, float | str] = {}
    for key, value in mapping.items():
        if isinstance(value, str):
            out[str(key)] = value
        elif isinstance(value, bool):
            out[str(key)] = float(value)
        elif isinstance(value, int | float) and math.isinf(value):
            out[str(key)] = "inf" if value > 0 else "-inf"
        else:
            out[str(key)] = rounded(value, f"{name}[{key}]")
    return out


@dataclass(frozen=True, kw_only=True)
class Verdict:
    """One statement's verdict and the numbers behind it.

    ``claimed``: the stated value (for a trend, the stated change). ``ours``: our value nearest
    the claim (for a trend, our change). ``low``/``high``: our values' range across vintages or
    definitions on the stated basis. ``gap`` = ours − claimed, in the claim's unit (percentage
    points for a trend or share); ``gap_pct`` = the gap as % of the claimed level (for a trend,
    the gap between our level and the level the claimed change implies). ``parameters``: the
    rule's settings; ``details``: further measured values. ``dataset``/``publisher``: the open
    data a "not checked here" verdict needs.
    """

    verdict: str
    reason: str
    rule: str
    parameters: Mapping[str, float | str] = field(default_factory=dict)
    claimed: float | None = None
    ours: float | None = None
    low: float | None = None
    high: float | None = None
    gap: float | None = None
    gap_pct: float | None = None
    unit: str = ""
    dataset: str = ""
    publisher: str = ""
    details: Mapping[str, float | str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("claimed", "ours", "low", "high", "gap", "gap_pct"):
            object.__setattr__(self, name, rounded(getattr(self, name), name))
        object.__setattr__(self, "parameters", _plain(self.parameters, "parameters"))
        object.__setattr__(self, "details", _plain(self.details, "details"))
        problems = []
        if self.verdict not in VERDICTS:
            problems.append(f"verdict {self.verdict!r} is not one of {VERDICTS}")
        if not self.reason.strip() or "\n" in self.reason:
            problems.append("reason must be one non-empty line")
        if not any(self.rule in rules for rules in RULES_FOR_KIND.values()):
            problems.append(f"rule {self.rule!r} is not a verdict rule")
        if (self.verdict == NOT_CHECKED_HERE) != bool(self.dataset and self.publisher):
            problems.append("a 'not checked here' verdict, and only it, names the dataset and "
                            "its publisher")
        if None not in (self.low, self.high) and self.low > self.high:
            problems.append(f"low {self.low} is above high {self.high}")
        if problems:
            raise VerdictError("; ".join(problems))

    def to_dict(self) -> dict:
        """The verdict as JSON-ready values (mappings with sorted keys)."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values["parameters"] = dict(sorted(self.parameters.items()))
        values["details"] = dict(sorted(self.details.items()))
        return values

    @classmethod
    def from_dict(cls, values: Mapping) -> Verdict:
        """The inverse of :meth:`to_dict` (unknown or missing fields raise ``VerdictError``)."""
        names = set(cls.__dataclass_fields__)
        if set(values) != names:
            raise VerdictError(f"a verdict has exactly the fields {sorted(names)}")
        return cls(**values)


def _statement(which: str | Statement) -> Statement:
    return which if isinstance(which, Statement) else statement(which)


def _check_kind(item: Statement, rule: str) -> None:
    if rule not in RULES_FOR_KIND[item.kind]:
        raise VerdictError(f"statement {item.statement_id!r} is a {item.kind} statement: "
                           f"rule {rule!r} cannot judge it")


def _values(ours: Ours, name: str = "ours") -> dict[str, float]:
    """Our values by label (vintage or definition): a mapping's or Series' keys; a sequence
    is labelled by position."""
    if isinstance(ours, Mapping | pd.Series):
        values = {str(k): v for k, v in ours.items()}
    elif isinstance(ours, numbers.Real):
        values = {"": ours}
    else:
        values = {str(i): v for i, v in enumerate(ours, start=1)}
    out = {k: float(v) for k, v in values.items() if v is not None and not pd.isna(v)}
    if not out:
        raise VerdictError(f"no value in {name}: a rule needs at least one measured value")
    if any(math.isinf(v) for v in out.values()):
        raise VerdictError(f"{name} holds an infinite value")
    return out


def fmt(value: float) -> str:
    """A number for a reason: thousands separated, at most 3 significant digits when small."""
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _and(words: Sequence[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _labelled(value: float, label: str) -> str:
    return f"{fmt(value)} ({label})" if label else fmt(value)


def _sentence(reason: str, note: str) -> str:
    text = f"{reason} {note.strip()}" if note.strip() else reason
    return " ".join(text.split())


def _distance(x: float, low: float, high: float) -> float:
    """How far ``x`` lies outside [low, high] (0 inside it or on an edge)."""
    return max(low - x, x - high, 0.0)


def _band(relative: float, band: float) -> tuple[str, str]:
    """A claim outside its own precision: *close* when ``relative`` (its distance from ours,
    as a share) is within ``band``, else *contradicted*; with the words the reason uses."""
    words = f"the {fmt(100 * band)}% band"
    if relative <= band + _EPSILON:
        return CLOSE, f"within {words}"
    return CONTRADICTED, f"outside {words}"


def _inside(x: float, low: float, high: float, low_open: bool, high_open: bool) -> bool:
    return (low < x or (x == low and not low_open)) and (x < high or (x == high and not high_open))


# --- numbers, shares and trends -----------------------------------------------------------

def _level(item: Statement, values: dict[str, float], rule: str, band: float, note: str,
           unit_word: str) -> Verdict:
    stated = item.number
    low, high, low_open, high_open = stated.bounds()
    ours_low, ours_high = min(values.values()), max(values.values())
    # The interval of our values meets the range the wording allows: some release agrees.
    meets = ((ours_low < high or (ours_low == high and not high_open))
             and (ours_high > low or (ours_high == low and not low_open)))
    label, nearest = min(values.items(), key=lambda kv: (abs(kv[1] - stated.value), kv[0]))
    relative = 0.0 if meets else max(low - ours_high, ours_low - high, 0.0) / abs(stated.value)
    spread = (f"{fmt(ours_low)}–{fmt(ours_high)}" if ours_low != ours_high
              else fmt(ours_low))
    if meets:
        verdict = REPRODUCED
        reason = (f"“{stated.text}” agrees with the published figures on the stated basis "
                  f"({spread}) to the claim's own precision.")
    else:
        side = "above" if stated.value > ours_high else "below"
        verdict, within = _band(relative, band)
        reason = (f"No published figure on the stated basis gives “{stated.text}”: it is "
                  f"{fmt(100 * relative)}% {side} the nearest, {_labelled(nearest, label)}, "
                  f"{within}.")
    gap = nearest - stated.value
    return Verdict(
        verdict=verdict, reason=_sentence(reason, note), rule=rule,
        parameters={"band": band, "precision": stated.precision,
                    "qualifier": stated.qualifier or "exact"},
        claimed=stated.value, ours=nearest, low=ours_low, high=ours_high, gap=gap,
        gap_pct=100 * gap / stated.value, unit=unit_word or stated.unit,
        details={"distance_pct": 100 * relative, "nearest": label},
    )


def number(which: str | Statement, ours: Ours, *, band: float = BAND, note: str = ""
           ) -> Verdict:
    """A count, total or rate against our values on the stated basis.

    ``ours``: one value, or one per vintage or definition (a mapping labels them). Reproduced
    when the range of our values meets the range the claim's wording allows (the claim ± half
    its last stated unit; "nearly"/"almost" only below, "over"/"more than" only above); close
    when not, but within ``band`` (2%) of the claimed level; contradicted otherwise.
    """
    item = _statement(which)
    _check_kind(item, "number")
    return _level(item, _values(ours), "number", band, note, "")


def share(which: str | Statement, ours: Ours, *, band: float = BAND, note: str = ""
          ) -> Verdict:
    """A percentage of a whole, judged as :func:`number` on percentage points (``ours`` in %)."""
    item = _statement(which)
    _check_kind(item, "share")
    return _level(item, _values(ours), "share", band, note, "percentage points")


def trend(which: str | Statement, previous: Ours, current: Ours, *, band: float = BAND,
          note: str = "") -> Verdict:
    """A change ("a 2% increase") from our previous and current levels, vintage by vintage.

    Reproduced when our change on some vintage lies in the range the wording allows (it rounds
    to the stated figure). Otherwise the claimed change implies a level, previous × (1 +
    claimed %); close when our current level is within ``band`` (2%) of that implied level on
    some vintage, contradicted otherwise (the same band as for a number).
    """
    item = _statement(which)
    _check_kind(item, "trend")
    stated = item.number
    before, after = _values(previous, "previous"), _values(current, "current")
    if set(before) != set(after):
        raise VerdictError("previous and current must cover the same vintages: "
                           f"{sorted(before)} vs {sorted(after)}")
    if any(v <= 0 for v in before.values()):
        raise VerdictError("a previous level must be positive")
    low, high, low_open, high_open = stated.bounds()
    rows = []
    for label in sorted(before):
        change = float(f"{100 * (after[label] / before[label] - 1):.10g}")  # no float dust
        implied = before[label] * (1 + stated.value / 100)
        implied_low, implied_high = before[label] * (1 + low / 100), before[label] * (
            1 + high / 100)
        distance = _distance(after[label], implied_low, implied_high)
        rows.append((distance / implied, label, change, implied, after[label]))
    changes = [r[2] for r in rows]
    relative, label, change, implied, level = min(rows)
    inside = any(_inside(c, low, high, low_open, high_open) for c in changes)
    where = f" ({label})" if label else ""
    if inside:
        verdict = REPRODUCED
        reason = (f"On the stated basis the change is {fmt(min(changes))}% to "
                  f"{fmt(max(changes))}%, which agrees with “{stated.text}” to its precision."
                  if len(changes) > 1 else
                  f"On the stated basis the change is {fmt(change)}%, which agrees with "
                  f"“{stated.text}” to its precision.")
    else:
        verdict, within = _band(relative, band)
        reason = (f"On the stated basis the change is {fmt(change)}%{where}, not "
                  f"“{stated.text}”; the level the claim implies is {fmt(100 * relative)}% "
                  f"from ours, {within}.")
    return Verdict(
        verdict=verdict, reason=_sentence(reason, note), rule="trend",
        parameters={"band": band, "precision": stated.precision,
                    "qualifier": stated.qualifier or "exact"},
        claimed=stated.value, ours=change, low=min(changes), high=max(changes),
        gap=change - stated.value, gap_pct=100 * (level - implied) / implied,
        unit="percentage points",
        details={"implied_level": implied, "our_level": level, "level_gap": level - implied,
                 "distance_pct": 100 * relative, "nearest": label},
    )


# --- ratios and rankings ------------------------------------------------------------------

def ratio(which: str | Statement, ours: Ours, *, band: float = BAND, note: str = ""
          ) -> Verdict:
    """A verbal ratio ("nearly double") against our ratio(s) on the stated basis.

    The phrase stands for a range (:data:`RATIO_PHRASES`: "nearly double" = [1.8, 2.0)).
    Reproduced when some value of ours lies inside it; close when the nearest lies within
    ``band`` (2%, relative) of the range's nearest edge; contradicted otherwise.
    """
    item = _statement(which)
    _check_kind(item, "ratio")
    stated = item.number
    phrase = stated.text.lower()
    if phrase not in RATIO_PHRASES:
        raise VerdictError(f"no stated range for {stated.text!r}; known: "
                           f"{', '.join(RATIO_PHRASES)}")
    low, high, low_open, high_open = RATIO_PHRASES[phrase]
    values = _values(ours)

    def outside(value: float) -> float:
        return _distance(value, low, high) / (low if value <= low else high)

    label, nearest = min(values.items(), key=lambda kv: (outside(kv[1]), kv[0]))
    relative = outside(nearest)
    inside = any(_inside(v, low, high, low_open, high_open) for v in values.values())
    shown = (f"{'(' if low_open else '['}{fmt(low)}, "
             f"{'∞' if math.isinf(high) else fmt(high)}{')' if high_open else ']'}")
    if inside:
        verdict = REPRODUCED
        reason = f"Our ratio {_labelled(nearest, label)} is “{stated.text}” ({shown})."
    else:
        verdict, within = _band(relative, band)
        reason = (f"Our ratio {_labelled(nearest, label)} is not “{stated.text}” ({shown}): "
                  f"{fmt(100 * relative)}% beyond its edge, {within}.")
    return Verdict(
        verdict=verdict, reason=_sentence(reason, note), rule="ratio",
        parameters={"band": band, "phrase": phrase, "range_low": low, "range_high": high},
        claimed=stated.value, ours=nearest, low=min(values.values()),
        high=max(values.values()), gap=nearest - stated.value,
        gap_pct=100 * (nearest - stated.value) / stated.value, unit="ratio",
        details={"distance_pct": 100 * relative, "nearest": label},
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ranking(which: str | Statement, ranks: Mapping[str, int], *, note: str = "") -> Verdict:
    """An order or top list against the actual ranks (1 = highest; ties share a rank).

    ``ranks`` maps unit names (matched with :func:`hotspots.names.name_key`) to their rank on
    the stated basis. Reproduced when every named unit holds its stated position (a group
    shares its places; a top list: every named unit ranks within it); close when every named
    unit is within one place of its position, or the named units fill exactly the positions
    claimed, in another order; contradicted otherwise. Never a clustering test.
    """
    item = _statement(which)
    _check_kind(item, "ranking")
    keys = {name_key(name): int(rank) for name, rank in ranks.items()}
    rows, position = [], item.first_position
    for group in item.ranking:
        last = item.top if item.top else position + len(group) - 1
        for name in group:
            if name_key(name) not in keys:
                raise VerdictError(f"{name!r} has no rank in the ranking given")
            rank = keys[name_key(name)]
            off = 0 if position <= rank <= last else min(abs(rank - position),
                                                         abs(rank - last))
            rows.append((name, position, last, rank, off))
        position = last + 1
    in_span = all(item.first_position <= r[3] < position for r in rows)
    misplaced = [r for r in rows if r[4]]
    if not misplaced:
        verdict = REPRODUCED
        reason = "Every named unit holds its stated place on the stated basis."
    else:
        verdict = CLOSE if in_span or all(r[4] <= 1 for r in misplaced) else CONTRADICTED
        places = [f"{name} is {_ordinal(rank)}, not "
                  + (_ordinal(first) if first == last else f"{_ordinal(first)}–{_ordinal(last)}")
                  for name, first, last, rank, _ in misplaced]
        reason = "; ".join(places) + "."
        if verdict == CLOSE:
            reason += (" The named units fill the claimed places in another order."
                       if in_span else
                       " Every named unit is within one place of its claimed position.")
    return Verdict(
        verdict=verdict, reason=_sentence(reason, note), rule="ranking",
        parameters={"first_position": item.first_position, "top": item.top,
                    "slack": 1},
        unit="rank", details={name: rank for name, _, _, rank, _ in rows},
    )


# --- patterns, causes and research --------------------------------------------------------

@dataclass(frozen=True)
class Criterion:
    """One pre-registered criterion of a pattern statement and whether the data meet it."""

    name: str
    met: bool
    detail: str = ""


def pattern(which: str | Statement, criteria: Sequence[Criterion], *, note: str = ""
            ) -> Verdict:
    """A pattern in the data ("crime … cluster predictably") against pre-registered criteria.

    Reproduced when every criterion is met, contradicted when none is, unsupported by the
    evidence otherwise (the reason names the criteria not met).
    """
    item = _statement(which)
    _check_kind(item, "pattern")
    if not criteria:
        raise VerdictError("a pattern verdict needs at least one criterion")
    unmet = [c for c in criteria if not c.met]
    if not unmet:
        verdict = REPRODUCED
        reason = f"All {len(criteria)} pre-registered criteria are met: " + "; ".join(
            c.name for c in criteria) + "."
    else:
        verdict = CONTRADICTED if len(unmet) == len(criteria) else UNSUPPORTED
        reason = (f"{len(criteria) - len(unmet)} of {len(criteria)} pre-registered criteria "
                  "are met; not met: " + "; ".join(
                      f"{c.name} ({c.detail})" if c.detail else c.name for c in unmet) + ".")
    return Verdict(
        verdict=verdict, reason=_sentence(reason, note), rule="pattern",
        parameters={"criteria": len(criteria)},
        details={c.name: float(c.met) for c in criteria},
    )


class Effect(Protocol):
    """What :func:`causal` reads of an estimate: a rate ratio's confidence interval (1 = no
    effect), e.g. a :class:`~hotspots.stats.evaluation.did.DiDResult`."""

    ci_low: float
    ci_high: float


def causal(which: str | Statement, estimates: Iterable[Effect], *, pretrends_pass: bool,
           placebo_p: float, mde_pct: float, alpha: float = 0.05, note: str = "") -> Verdict:
    """"Patrols reduced crime here" from pre-registered estimates (rate ratios, 95% CIs).

    Reproduced when every estimate's interval lies below 1, the pre-trend test passes and the
    placebo / randomisation-inference p-value is below ``alpha``; contradicted when every
    interval lies above 1; otherwise unsupported by the evidence, with the minimum detectable
    effect ``mde_pct`` (the smallest fall, in %, the design could detect) in the reason: a
    null with an MDE of 15% is not "no effect".
    """
    item = _statement(which)
    _check_kind(item, "causal")
    results = list(estimates)
    if not results:
        raise VerdictError("a causal verdict needs at least one estimate")
    lows = [float(r.ci_low) for r in results]
    highs = [float(r.ci_high) for r in results]
    below, above = all(h < 1 for h in highs), all(lo > 1 for lo in lows)
    if below and pretrends_pass and placebo_p < alpha:
        verdict = REPRODUCED
        reason = (f"Every one of {len(results)} pre-registered estimates shows a fall "
                  f"(intervals below no effect), trends before the start were parallel and "
                  f"the placebo test rejects chance (p = {fmt(placebo_p)}).")
    elif above:
        verdict = CONTRADICTED
        reason = (f"Every one of {len(results)} pre-registered estimates shows a rise "
                  "(intervals above no effect).")
    else:
        verdict = UNSUPPORTED
        if below and not pretrends_pass:
            why = "the estimates show a fall, but the areas were already diverging before"
        elif below:
            why = (f"the estimates show a fall, but the placebo test does not reject chance "
                   f"(p = {fmt(placebo_p)})")
        else:
            why = "no effect is detected by every estimate"
        reason = (f"{why[0].upper()}{why[1:]}; the design could detect only falls of at least "
                  f"{fmt(mde_pct)}%, so a smaller effect is not ruled out.")
    return Verdict(
        verdict=verdict, reason=_sentence(reason, note), rule="causal",
        parameters={"alpha": alpha, "no_effect": 1.0},
        low=min(lows), high=max(highs), unit="rate ratio",
        details={"estimates": len(results), "pretrends_pass": float(pretrends_pass),
                 "placebo_p": placebo_p, "mde_pct": mde_pct},
    )


def research(which: str | Statement, reviews: pd.DataFrame, *, note: str = "") -> Verdict:
    """What the research says, from the pooled effects of systematic reviews.

    ``reviews``: the reference table (:func:`hotspots.io.reference.read_literature`); only its
    rows whose ``evidence`` is a meta-analysis or a review summary count, by ``crime_type``
    (``"all"`` = overall) and ``finding``. A crime type the statement names is supported when
    some review finds a significant reduction for it and none a weaker or non-significant one.
    Reproduced when the overall effect is a significant reduction and every named type is
    supported; close when significant overall and some (not all) named types are supported;
    unsupported by the evidence otherwise. Never judged with London data.
    """
    item = _statement(which)
    _check_kind(item, "research")
    pooled = reviews[reviews["evidence"].isin(POOLED)]
    if pooled.empty:
        raise VerdictError("the reference table holds no pooled effect (meta-analysis or "
                           "review summary)")

    def status(crime_type: str) -> str:
        findings = set(pooled.loc[pooled["crime_type"] == crime_type, "finding"].dropna())
        if not findings:
            return "not reported"
        return SIGNIFICANT if findings == {SIGNIFICANT} else "weaker or not shown"

    overall = status("all")
    named = {word: status(kind) for word, kind in item.crime_types}
    supported = [w for w, s in named.items() if s == SIGNIFICANT]
    lacking = [w for w, s in named.items() if s != SIGNIFICANT]
    reviews_used = "; ".join(sorted(set(pooled["study"] + " " + pooled["year"].astype(str))))
    if overall == SIGNIFICANT and not lacking:
        verdict = REPRODUCED
        reason = ("Systematic reviews find a significant reduction overall and for each crime "
                  f"named ({_and(named)}).")
    elif overall == SIGNIFICANT and supported:
        verdict = CLOSE
        reason = ("Systematic reviews find a significant reduction overall and for "
                  f"{_and(supported)}, but weaker or not shown for {_and(lacking)}.")
    else:
        verdict = UNSUPPORTED
        reason = ("The systematic reviews do not show a significant reduction "
                  + ("overall." if overall != SIGNIFICANT else
                     f"for any crime named ({_and(named)})."))
    return Verdict(
        verdict=verdict, reason=_sentence(reason, note), rule="research",
        parameters={"reviews": reviews_used},
        details={"overall": overall, **{f"type: {w}": s for w, s in named.items()}},
    )


# --- the article's own arithmetic, and what cannot be checked -------------------------------

def arithmetic(which: str | Statement, derived: float, *, derivation: str) -> Verdict:
    """A number the article derives from its own numbers ("around 37 per day").

    Arithmetic consistent when ``derived`` (what the article's numbers give, as
    ``derivation`` says) lies in the range the wording allows; contradicted otherwise. Internal
    consistency only: no data are involved.
    """
    item = _statement(which)
    _check_kind(item, "arithmetic")
    stated: StatedNumber = item.number
    low, high, low_open, high_open = stated.bounds()
    consistent = _inside(derived, low, high, low_open, high_open)
    agree = "which is" if consistent else "which is not"
    reason = (f"{derivation} = {fmt(derived)}, {agree} “{stated.text}”: a check of the "
              "article's own numbers, not a confirmation by data.")
    return Verdict(
        verdict=ARITHMETIC_CONSISTENT if consistent else CONTRADICTED, reason=reason,
        rule="arithmetic",
        parameters={"precision": stated.precision, "qualifier": stated.qualifier or "exact",
                    "derivation": derivation},
        claimed=stated.value, ours=derived, gap=derived - stated.value,
        gap_pct=100 * (derived - stated.value) / stated.value, unit=stated.unit,
    )


def not_checkable(which: str | Statement, reason: str) -> Verdict:
    """No open data exist that could check the statement; ``reason`` says why."""
    _check_kind(_statement(which), "not_checkable")
    return Verdict(verdict=NOT_CHECKABLE, reason=_sentence(reason, ""), rule="not_checkable")


def not_checked_here(which: str | Statement, reason: str, *, dataset: str, publisher: str
                     ) -> Verdict:
    """Open data exist (``dataset``, published by ``publisher``) but are not in the data
    folder; ``reason`` says what they would settle."""
    _check_kind(_statement(which), "not_checked_here")
    return Verdict(verdict=NOT_CHECKED_HERE,
                   reason=_sentence(f"{reason} Open data: {dataset} ({publisher}).", ""),
                   rule="not_checked_here", dataset=dataset, publisher=publisher)
