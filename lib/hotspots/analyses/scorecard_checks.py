"""Notebook 06 (scorecard): the data-led checks it runs itself (stop and search vs crime)."""

from __future__ import annotations

import pandas as pd
from scipy.stats import spearmanr

from hotspots.stats.concentration import share_held_by_top, top_units


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
