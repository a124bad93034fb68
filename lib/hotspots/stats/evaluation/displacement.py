"""Spatial displacement and diffusion of benefits: the Weighted Displacement Quotient.

Bowers, K. J. & Johnson, S. D. (2003). Measuring the geographical displacement and diffusion of
benefit effects of crime prevention activity. Journal of Quantitative Criminology 19(3),
275-301. doi:10.1023/A:1024909009240. With A = treated area, B = buffer, C = control and
b / a = before / after:

- success measure ``SM = A_a/C_a - A_b/C_b`` (negative: the treated area improved relative
  to the control area);
- buffer displacement measure ``BDM = B_a/C_a - B_b/C_b`` (positive: possible displacement;
  negative: possible diffusion of benefits);
- ``WDQ = BDM / SM``, read only when ``SM < 0``;
- total net effect ``TNE = [A_b (C_a/C_b) - A_a] + [B_b (C_a/C_b) - B_a]``, crimes prevented
  in A and B together relative to the control area's trend (as set out in Guerette, R. T.
  (2009), Analyzing Crime Displacement and Diffusion, POP Center Tool Guide No. 10, App. B).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from hotspots.months import MonthSpan
from hotspots.stats.evaluation.panel import check_panel


@dataclass(frozen=True)
class Displacement:
    """The counts used and the Bowers & Johnson (2003) measures derived from them."""

    counts: dict[str, float]
    success_measure: float
    buffer_displacement: float
    wdq: float
    total_net_effect: float

    @property
    def interpretation(self) -> str:
        """A plain reading of the WDQ, following Guerette (2009), Appendix C."""
        if self.success_measure >= 0:
            return "no success in the treated area relative to control: WDQ not interpretable"
        if self.wdq > 1:
            return "diffusion of benefits larger than the direct effect"
        if self.wdq > 0:
            return "diffusion of benefits"
        if self.wdq == 0:
            return "neither displacement nor diffusion"
        if self.wdq >= -1:
            return "displacement, smaller than the direct effect (net benefit)"
        return "displacement larger than the direct effect (net loss)"


def weighted_displacement(
    a_before: float,
    a_after: float,
    b_before: float,
    b_after: float,
    c_before: float,
    c_after: float,
) -> Displacement:
    """Success measure, buffer displacement measure, WDQ and total net effect from six counts."""
    counts = {
        "a_before": a_before,
        "a_after": a_after,
        "b_before": b_before,
        "b_after": b_after,
        "c_before": c_before,
        "c_after": c_after,
    }
    if min(counts.values()) < 0:
        raise ValueError(f"counts must be non-negative: {counts}")
    if c_before == 0 or c_after == 0:
        raise ValueError("the control area needs crimes both before and after")
    success = a_after / c_after - a_before / c_before
    buffer = b_after / c_after - b_before / c_before
    trend = c_after / c_before
    return Displacement(
        counts={k: float(v) for k, v in counts.items()},
        success_measure=success,
        buffer_displacement=buffer,
        wdq=buffer / success if success != 0 else float("nan"),
        total_net_effect=(a_before * trend - a_after) + (b_before * trend - b_after),
    )


def displacement_from_panel(
    panel: pd.DataFrame,
    buffer_units: Iterable,
    before: MonthSpan,
    after: MonthSpan,
) -> Displacement:
    """WDQ from a panel: A = treated units, B = ``buffer_units``, C = every other unit,
    comparing the months ``before`` with the months ``after``."""
    frame = check_panel(panel)
    buffer = set(buffer_units)
    unknown = buffer - set(frame["unit"])
    if unknown:
        raise ValueError(f"buffer units not in the panel: {sorted(map(str, unknown))}")
    if buffer & set(frame.loc[frame["treated"], "unit"]):
        raise ValueError("a buffer unit cannot also be treated")
    area = frame["unit"].map(lambda u: "b" if u in buffer else None)
    area = area.where(~frame["treated"], "a").fillna("c")
    totals = {}
    for period, span in {"before": before, "after": after}.items():
        inside = span.mask(frame["month"])
        sums = frame[inside].groupby(area[inside])["count"].sum()
        totals.update({f"{zone}_{period}": float(sums.get(zone, 0.0)) for zone in "abc"})
    return weighted_displacement(**totals)
