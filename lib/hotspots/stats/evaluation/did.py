"""Difference-in-differences and event studies on unit x month crime counts.

Models (``model=``): ``"poisson"`` and ``"negbin"`` (statsmodels GLM, log link) and
``"ols_log1p"`` (OLS on ``log(count + 1)``), each with unit and calendar-month (``Period``)
fixed effects and standard errors clustered by unit, with t / F reference distributions on
``G - 1`` degrees of freedom (G = number of units). ``exp(coef)`` is the incidence-rate ratio
for the count models and an approximate ratio for the OLS variant.

Seasonality (``seasonality=``): ``"common"`` - the month fixed effects absorb seasonality
shared by all units; ``"unit_calendar"`` - each unit also gets its own calendar-month profile
(needs at least two years of data, so each unit x calendar month is seen more than once).
:func:`seasonal_baseline` compares the treated units' season with their own earlier seasons
and with the controls'.

The intervention window is ``start``..``end`` (inclusive ``Period[M]``); months after ``end``
are left out. Units with a zero count in every month of the window are dropped (they carry no
information in a count model with unit effects) and counted in ``n_dropped_units``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

import numpy as np
import pandas as pd
import statsmodels.api as sm

from hotspots.months import months_between
from hotspots.stats.evaluation.panel import check_panel

Model = Literal["poisson", "negbin", "ols_log1p"]
Seasonality = Literal["common", "unit_calendar"]
MIN_NB_DISPERSION = 1e-6


@dataclass(frozen=True)
class DiDResult:
    """A difference-in-differences estimate with its pre-trend test.

    The pre-trend test is a joint cluster-robust F test that the lead coefficients (treated x
    months ``-leads`` (binned) .. ``-2`` before ``start``) are zero, in a model that also
    holds the post-period effect; ``NaN`` when fewer than one lead is available.
    """

    model: str
    seasonality: str
    irr: float
    ci_low: float
    ci_high: float
    p_value: float
    coef: float
    se: float
    conf: float
    n_units: int
    n_treated_units: int
    n_months: int
    n_obs: int
    n_dropped_units: int
    pretrend_f: float
    pretrend_df: int
    pretrend_p: float
    dispersion: float | None

    @property
    def pct_change(self) -> float:
        """The effect as a percent change in counts (negative = reduction)."""
        return 100.0 * (self.irr - 1.0)

    def summary(self) -> pd.Series:
        """All fields plus ``pct_change`` as one Series, for display in a table."""
        return pd.Series({**asdict(self), "pct_change": self.pct_change})


def did(
    panel: pd.DataFrame,
    start: pd.Period,
    end: pd.Period,
    *,
    model: Model = "poisson",
    seasonality: Seasonality = "common",
    leads: int = 6,
    conf: float = 0.95,
) -> DiDResult:
    """Two-way fixed-effects DiD: treated units in ``start``..``end`` vs the rest."""
    frame, dropped = _window(panel, start, end)
    effects = _fixed_effects(frame, seasonality)
    post = pd.DataFrame({"post": (frame["treated"] & (frame["rel"] >= 0)).astype(float)})
    fit, dispersion = _fit(frame, pd.concat([post, effects], axis=1), model)
    low, high = fit.conf_int(alpha=1 - conf).loc["post"]
    pretrend = (np.nan, 0, np.nan)
    lead_cols = _event_dummies(frame, leads, None) if leads >= 2 else pd.DataFrame()
    if not lead_cols.empty:
        design = pd.concat([post, lead_cols, effects], axis=1)
        start_params = fit.params.reindex(design.columns, fill_value=0.0)
        lead_fit, _ = _fit(frame, design, model, dispersion, start_params)
        test = lead_fit.wald_test(_selector(lead_fit, lead_cols.columns), scalar=True)
        pretrend = (float(test.statistic), len(lead_cols.columns), float(test.pvalue))
    return DiDResult(
        model=model,
        seasonality=seasonality,
        irr=float(np.exp(fit.params["post"])),
        ci_low=float(np.exp(low)),
        ci_high=float(np.exp(high)),
        p_value=float(fit.pvalues["post"]),
        coef=float(fit.params["post"]),
        se=float(fit.bse["post"]),
        conf=conf,
        n_units=int(frame["unit"].nunique()),
        n_treated_units=int(frame.loc[frame["treated"], "unit"].nunique()),
        n_months=int(frame["month"].nunique()),
        n_obs=len(frame),
        n_dropped_units=dropped,
        pretrend_f=pretrend[0],
        pretrend_df=pretrend[1],
        pretrend_p=pretrend[2],
        dispersion=dispersion,
    )


def event_study(
    panel: pd.DataFrame,
    start: pd.Period,
    end: pd.Period,
    *,
    model: Model = "poisson",
    seasonality: Seasonality = "common",
    leads: int = 6,
    lags: int = 6,
    conf: float = 0.95,
) -> pd.DataFrame:
    """Leads and lags of the treated group relative to ``start``, reference month ``-1``.

    Months ``<= -leads`` and ``>= lags`` are binned into the end points. Returns a tidy table,
    one row per relative month (the reference row has ``coef`` 0 and ``irr`` 1): ``rel_month``,
    ``label`` (e.g. ``"<=-6"``), ``coef``, ``se``, ``irr``, ``ci_low``, ``ci_high`` (ratio
    scale), ``p_value``, ``binned``, ``reference``.
    """
    if leads < 1 or lags < 0:
        raise ValueError(f"need leads >= 1 and lags >= 0, got {leads} and {lags}")
    frame, _ = _window(panel, start, end)
    lags = min(lags, months_between(start, end))
    events = _event_dummies(frame, leads, lags)
    fit, _ = _fit(frame, pd.concat([events, _fixed_effects(frame, seasonality)], axis=1), model)
    ci = fit.conf_int(alpha=1 - conf)
    rows = []
    for name in events.columns:
        k = int(name.removeprefix("rel"))
        rows.append(
            {
                "rel_month": k,
                "coef": fit.params[name],
                "se": fit.bse[name],
                "ci_low": np.exp(ci.loc[name, 0]),
                "ci_high": np.exp(ci.loc[name, 1]),
                "p_value": fit.pvalues[name],
                "reference": False,
            }
        )
    reference = {"rel_month": -1, "coef": 0.0, "se": 0.0, "ci_low": 1.0, "ci_high": 1.0}
    rows.append({**reference, "p_value": np.nan, "reference": True})
    table = pd.DataFrame(rows).sort_values("rel_month").reset_index(drop=True)
    first, last = table["rel_month"].min(), table["rel_month"].max()
    table["binned"] = ((table["rel_month"] == first) & (frame["rel"].min() < first)) | (
        (table["rel_month"] == last) & (frame["rel"].max() > last)
    )
    table["label"] = [
        (f"<={k}" if k == first else f">={k}") if binned else str(k)
        for k, binned in zip(table["rel_month"], table["binned"], strict=True)
    ]
    table["irr"] = np.exp(table["coef"])
    columns = ["rel_month", "label", "coef", "se", "irr", "ci_low", "ci_high", "p_value"]
    return table[[*columns, "binned", "reference"]]


@dataclass(frozen=True)
class SeasonalBaseline:
    """A season compared with the same calendar months of earlier years, by group.

    ``table`` has one row per group (``treated``, ``control``): the season total in each year,
    ``baseline_mean`` (mean of the earlier years) and ``ratio`` (this season / baseline).
    ``ratio_of_ratios`` = treated ratio / control ratio; ``did`` is the fixed-effects
    estimate on the same months (unit effects, one effect per month, cluster-robust CI).
    """

    table: pd.DataFrame
    ratio_of_ratios: float
    did: DiDResult


def seasonal_baseline(
    panel: pd.DataFrame,
    season_start: pd.Period,
    season_end: pd.Period,
    *,
    baseline_years: int = 3,
    model: Model = "poisson",
    conf: float = 0.95,
) -> SeasonalBaseline:
    """This season (e.g. 2025-06..2025-08) vs the same months of ``baseline_years`` before."""
    frame = check_panel(panel)
    season = pd.period_range(season_start, season_end, freq="M")
    years = {season_start.year - y: season - 12 * y for y in range(baseline_years, -1, -1)}
    wanted = pd.PeriodIndex(np.concatenate([m.to_numpy() for m in years.values()]), freq="M")
    absent = wanted.difference(pd.PeriodIndex(frame["month"].unique(), freq="M"))
    if len(absent):
        raise ValueError(f"panel lacks months needed for the seasonal baseline: {list(absent)}")
    sub = frame[frame["month"].isin(wanted)]
    group = np.where(sub["treated"], "treated", "control")
    year_of = {month: year for year, months in years.items() for month in months}
    year = sub["month"].map(year_of)
    totals = sub.groupby([group, year])["count"].sum().unstack()
    totals.columns = [str(c) for c in totals.columns]
    table = totals.reindex(["treated", "control"])
    table["baseline_mean"] = table.iloc[:, :baseline_years].mean(axis=1)
    table["ratio"] = table.iloc[:, baseline_years] / table["baseline_mean"]
    table = table.rename_axis("group").reset_index()
    result = did(sub, season_start, season_end, model=model, leads=0, conf=conf)
    ratio = float(table["ratio"].iloc[0] / table["ratio"].iloc[1])
    return SeasonalBaseline(table=table, ratio_of_ratios=ratio, did=result)


def _window(panel: pd.DataFrame, start: pd.Period, end: pd.Period) -> tuple[pd.DataFrame, int]:
    """The panel up to ``end`` with relative months; all-zero units dropped (and counted)."""
    if end < start:
        raise ValueError(f"intervention window ends ({end}) before it starts ({start})")
    frame = check_panel(panel)
    frame = frame[frame["month"] <= end].copy()
    frame["rel"] = [months_between(start, m) for m in frame["month"]]
    totals = frame.groupby("unit")["count"].transform("sum")
    dropped = int(frame.loc[totals == 0, "unit"].nunique())
    frame = frame[totals > 0].reset_index(drop=True)
    if not ((frame["rel"] < 0).any() and (frame["rel"] >= 0).any()):
        raise ValueError(f"need months both before and from {start} up to {end}")
    groups = frame.groupby("treated")["unit"].nunique()
    if groups.get(True, 0) == 0 or groups.get(False, 0) == 0:
        raise ValueError("need at least one treated and one control unit with counts")
    return frame, dropped


def _fixed_effects(frame: pd.DataFrame, seasonality: Seasonality) -> pd.DataFrame:
    """Intercept, unit and month dummies (first level dropped), optional unit x calendar month."""
    units = pd.get_dummies(frame["unit"].astype(str), prefix="unit", drop_first=True, dtype=float)
    months = pd.get_dummies(frame["month"].astype(str), prefix="m", drop_first=True, dtype=float)
    parts = [pd.DataFrame({"const": np.ones(len(frame))}), units, months]
    if seasonality == "unit_calendar":
        calendar = pd.get_dummies(frame["month"].dt.month, prefix="cal", drop_first=True)
        calendar = calendar.astype(float)
        parts.append(
            pd.DataFrame(
                {
                    f"{u}:{c}": units[u].to_numpy() * calendar[c].to_numpy()
                    for u in units.columns
                    for c in calendar.columns
                }
            )
        )
    elif seasonality != "common":
        raise ValueError(f"unknown seasonality {seasonality!r}")
    return pd.concat(parts, axis=1)


def _event_dummies(frame: pd.DataFrame, leads: int, lags: int | None) -> pd.DataFrame:
    """Treated x relative-month dummies, binned at ``-leads`` and ``lags``, without ``-1``.

    With ``lags=None`` only the leads (``-leads`` .. ``-2``) are made.
    """
    rel = frame["rel"].clip(lower=-leads, upper=lags)
    keys = range(-leads, (lags if lags is not None else -2) + 1)
    columns = {
        f"rel{k}": (frame["treated"] & (rel == k)).to_numpy(dtype=float) for k in keys if k != -1
    }
    events = pd.DataFrame(columns, index=frame.index)
    return events.loc[:, events.sum() > 0]


def _fit(
    frame: pd.DataFrame,
    design: pd.DataFrame,
    model: Model,
    dispersion: float | None = None,
    start_params: pd.Series | None = None,
):
    """Fit ``model`` with unit-clustered errors; for ``negbin`` also return the dispersion."""
    groups = pd.factorize(frame["unit"])[0]
    cluster = {"cov_type": "cluster", "cov_kwds": {"groups": groups}, "use_t": True}
    y = frame["count"].to_numpy()
    if model == "ols_log1p":
        return sm.OLS(np.log1p(y), design).fit(**cluster), None
    if model not in ("poisson", "negbin"):
        raise ValueError(f"unknown model {model!r}")
    poisson = sm.GLM(y, design, family=sm.families.Poisson())
    if model == "poisson":
        return poisson.fit(start_params=start_params, **cluster), None
    if dispersion is None:
        dispersion = nb_dispersion(y, poisson.fit().fittedvalues, design.shape[1])
    family = sm.families.NegativeBinomial(alpha=dispersion)
    return sm.GLM(y, design, family=family).fit(start_params=start_params, **cluster), dispersion


def nb_dispersion(y: np.ndarray, mu: np.ndarray, n_params: int = 0) -> float:
    """Negative-binomial ``alpha`` (variance ``mu + alpha mu^2``) from Poisson fitted means.

    The moment estimator of Cameron & Trivedi (1990): the no-intercept OLS slope of
    ``((y - mu)^2 - y) / mu`` on ``mu``, with squared residuals scaled by ``n / (n - n_params)``
    for the ``n_params`` fitted means; floored at a small positive value.
    """
    y, mu = np.asarray(y, dtype=float), np.asarray(mu, dtype=float)
    scale = len(y) / (len(y) - n_params)
    alpha = float(np.sum(scale * (y - mu) ** 2 - y) / np.sum(mu**2))
    return max(alpha, MIN_NB_DISPERSION)


def _selector(fit, names: pd.Index) -> np.ndarray:
    """A restriction matrix picking ``names`` out of the fitted parameters."""
    position = {name: i for i, name in enumerate(fit.params.index)}
    matrix = np.zeros((len(names), len(position)))
    for row, name in enumerate(names):
        matrix[row, position[name]] = 1.0
    return matrix
