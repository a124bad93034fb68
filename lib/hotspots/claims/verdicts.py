"""Every verdict rule in one place: notebooks call a rule, they never type a verdict.

The vocabulary is :data:`VERDICTS`. Each rule takes the evidence (numbers, a ranking check, a
ratio, estimates) and returns one verdict from it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

VERDICTS = (
    "reproduced",
    "close",
    "contradicted",
    "unsupported by the evidence",
    "not checkable with open data",
)


NOT_CHECKABLE = "not checkable with open data"


# Ranges for verbal ratio claims, [low, high]. "Nearly double" means a little under two:
# at least 1.8 and not above 2.0 (a ratio above 2 is "more than double").
RATIO_RANGES = {
    "nearly double": (1.8, 2.0),
    "about double": (1.9, 2.1),
    "more than double": (2.0, math.inf),
}


def verdict(
    claimed: float | None,
    ours: float | None,
    *,
    rounding: float = 0.0,
    rel_reproduced: float = 0.0005,
    rel_close: float = 0.02,
    abs_close: float | None = None,
) -> str:
    """A verdict from the fixed vocabulary :data:`hotspots.claims.VERDICTS` for a numeric claim.

    * "not checkable with open data" when either value is missing;
    * "reproduced" when ``|ours − claimed|`` ≤ max(``rounding`` / 2, ``rel_reproduced`` ×
      |claimed|): exact, within the claim's rounding unit (``rounding=1`` for "2%") or within
      0.05% by default;
    * "close" when the gap ≤ ``abs_close`` if given (e.g. 1 percentage point), else
      ≤ ``rel_close`` × |claimed| (2% by default);
    * "contradicted" otherwise.

    "unsupported by the evidence" is never returned here: it is for claims a notebook judges
    from evidence other than one number.
    """
    if claimed is None or ours is None or pd.isna(claimed) or pd.isna(ours):
        return "not checkable with open data"
    gap = abs(ours - claimed)
    if gap <= max(rounding / 2, rel_reproduced * abs(claimed)):
        return "reproduced"
    if gap <= (abs_close if abs_close is not None else rel_close * abs(claimed)):
        return "close"
    return "contradicted"


def order_verdict(check: pd.DataFrame, slack: int = 1) -> str:
    """A verdict for a claimed order (a :func:`check_order` table).

    "reproduced" when every named area holds its claimed position, "close" when each is
    within ``slack`` places of it, "contradicted" otherwise.
    """
    if check["in_place"].all():
        return "reproduced"
    off = (check["actual_rank"] - check["claimed_position"]).abs()
    return "close" if (off <= slack).all() else "contradicted"


@dataclass(frozen=True)
class RatioCheck:
    """``a / b`` against the range a verbal ratio claim stands for (:data:`RATIO_RANGES`)."""

    claim: str
    ratio: float
    low: float
    high: float

    @property
    def within(self) -> bool:
        return self.low <= self.ratio <= self.high


def ratio_check(a: float, b: float, claim: str = "nearly double") -> RatioCheck:
    """Whether ``a`` is ``claim`` of ``b`` (e.g. "nearly double": 1.8 ≤ a/b ≤ 2.0)."""
    if claim not in RATIO_RANGES:
        raise KeyError(f"no stated range for {claim!r}; known: {', '.join(RATIO_RANGES)}")
    low, high = RATIO_RANGES[claim]
    return RatioCheck(claim, a / b, low, high)


def ratio_verdict(check: RatioCheck, margin: float = 0.2) -> str:
    """"reproduced" inside the phrase's range, "close" within ``margin`` of it, else
    "contradicted" (e.g. "nearly double" [1.8, 2.0]: 2.13 is close, 2.3 contradicted)."""
    if check.within:
        return "reproduced"
    outside = max(check.low - check.ratio, check.ratio - check.high)
    return "close" if outside <= margin + 1e-12 else "contradicted"


class Estimate(Protocol):
    """What :func:`effect_verdict` reads of an estimate (e.g. a DiD result): a rate ratio's
    confidence interval and a pre-trend test p-value (NaN when not tested)."""

    ci_low: float
    ci_high: float
    pretrend_p: float


def effect_verdict(
    main: Estimate, checks: Iterable[Estimate] = (), *, pretrend_alpha: float = 0.05
) -> str:
    """A verdict on "patrols reduced this crime here" from a DiD and its checks.

    "reproduced": every estimate's confidence interval lies below 1 and the main model's
    pre-trend test passes (p >= ``pretrend_alpha``, or no test); "contradicted": every interval
    lies above 1; otherwise "unsupported by the evidence" (no effect detected, designs that
    disagree, or treated and control wards already diverging before the start).
    """
    results = [main, *checks]
    trends_ok = np.isnan(main.pretrend_p) or main.pretrend_p >= pretrend_alpha
    if all(r.ci_high < 1 for r in results) and trends_ok:
        return "reproduced"
    if all(r.ci_low > 1 for r in results):
        return "contradicted"
    return "unsupported by the evidence"
