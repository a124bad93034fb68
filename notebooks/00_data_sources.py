# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 00 · The data behind the fact-check
#
# **Question.** What open data can check the article's claims about London's crime "hot
# spots", where does it come from, what months and places does it cover — and how much do the
# Metropolitan Police's own published figures change from one release to the next?
#
# Every later notebook reads these sources through the same loaders (`hotspots.met`,
# `hotspots.police_uk`, `hotspots.geography`) from one data folder, named by the environment
# variable `HOTSPOTS_DATA`. Nothing here is typed in by hand: every number below is computed from
# the publishers' files.

# %% tags=["nbval-ignore-output"]
# Package versions (ignored by nbval: they differ between machines, the results must not).
from importlib.metadata import version

for package in ["pandas", "geopandas", "libpysal", "esda", "matplotlib", "statsmodels"]:
    print(f"{package:12} {version(package)}")

# %%
import matplotlib.pyplot as plt
import pandas as pd

from hotspots.analyses import data_sources
from hotspots.io import boundaries as geography
from hotspots.io import met, police_uk
from hotspots.io import police_uk_extracts as police_uk_subsets
from hotspots.io.ledger import load_reports
from hotspots.stats import revisions as vintages
from hotspots.viz import style

style.use_house_style()
pd.set_option("display.width", 120)

# %% [markdown]
# ## The sources
#
# | source | publisher | what it holds | licence |
# |---|---|---|---|
# | Recorded Crime: Geographic Breakdown | Metropolitan Police Service, London Datastore | monthly counts of notifiable offences by borough, ward and LSOA, by major and minor category | OGL v3.0 |
# | Street-level crime, stop and search | data.police.uk (Home Office) | one row per crime, anonymised to a snap point, with LSOA code and outcome | OGL v3.0 |
# | Statistical GIS Boundary Files for London | GLA / ONS | boroughs, 2014 wards, 2011 and 2021 LSOAs; Census 2011 residents | OGL v3.0, © Crown copyright and database right (OS data) |
#
# **Provenance.** The offline mirror used by CI was assembled from public repositories that
# committed the publishers' downloads; each folder's `SOURCES.md` records the repository,
# commit and SHA-256 of every file. The Met's figures are *revised* after publication, so each
# download is kept as a dated **vintage**: we never mix months from different vintages.
#
# **Gaps that limit what can be checked** (said again where they bite):
# - no full Met street-level files — only the City of London Police's, a complete Met
#   *burglary* extract, a one-mile point extract around Charing Cross (December 2025) and two
#   third-party aggregates (an LSOA × month panel and 100 m hexagon counts);
# - no 2022 ward polygons, so ward claims are checked as tables and maps use 2021 LSOAs;
# - no ONS mid-year population estimates and no GLA town-centre boundaries.

# %% [markdown]
# ## The Met's published counts, vintage by vintage

# %%
borough_all = met.load_all_vintages("borough")
ward_all = met.load_all_vintages("ward")
ward_hist = met.load_ward_historical()
lsoa_met = met.load_lsoa_counts()


def span(frame: pd.DataFrame) -> pd.DataFrame:
    """First and last month and total count per vintage."""
    return frame.groupby("vintage").agg(
        first=("month", "min"), last=("month", "max"), months=("month", "nunique"),
        areas=("area_code", "nunique"), offences=("count", "sum"),
    )


pd.concat(
    {"borough": span(borough_all), "ward": span(ward_all),
     "ward (historical parquet)": span(ward_hist), "LSOA (parquet)": span(lsoa_met)},
    names=["level", "vintage"],
)

# %% [markdown]
# The ward files use the **2022 ward boundaries**; the count of distinct ward codes is a
# check that a whole vintage was read:

# %%
ward_codes = ward_all.dropna(subset=["area_code"]).groupby("vintage")["area_code"].nunique()
ward_codes.to_frame("distinct ward codes")

# %% [markdown]
# ## How much do the vintages revise the same month?
#
# The same month appears in several downloads. The table shows, for each month published by
# two or more vintages, the lowest and highest London total (all rows of the borough file,
# including the airports and "unknown" rows) and the spread between them.

# %%
monthly = vintages.monthly_totals(borough_all)
revised = vintages.revisions(monthly)
revised.loc["2023-01":"2025-12"].describe().round(2)

# %%
year_totals = vintages.calendar_year_totals(monthly, [2023, 2024, 2025])
year_totals.astype("Int64")

# %%
fig, ax = plt.subplots()
recent = monthly.loc["2022-01":]
for vintage_label in recent.columns:
    series = recent[vintage_label].dropna()
    ax.plot(series.index.to_timestamp(), series.values / 1000, label=f"vintage {vintage_label}",
            linewidth=1.4)
ax.set_title("London's monthly recorded crime, as published in each vintage")
ax.set_ylabel("offences per month (thousands)")
ax.set_xlabel("month")
ax.legend(ncol=2, fontsize=8)
style.save_figure(fig, "00_monthly_total_by_vintage", style.OGL_MET)

# %% [markdown]
# ## data.police.uk records and extracts

# %%
city = police_uk.load_street(forces=("city-of-london",))
burglary = police_uk.load_burglary_subset()
stops = police_uk.load_stop_search()
charing_cross = police_uk_subsets.load_charing_cross_api()
panel = police_uk_subsets.load_lsoa_month_panel()
hexes = police_uk_subsets.load_hex_counts()

point_sets = {
    "City of London street records": city,
    "Met burglary street records": burglary,
    "Met stop and search": stops,
    "Charing Cross 1-mile API extract": charing_cross,
}
pd.DataFrame(
    {name: {"first": f["month"].min(), "last": f["month"].max(), "months": f["month"].nunique(),
            "records": len(f)} for name, f in point_sets.items()}
).T

# %% [markdown]
# ## Coverage: which months does each source hold?

# %%
coverage = vintages.month_coverage(
    {**{f"Met borough {v}": g["month"] for v, g in borough_all.groupby("vintage")},
     **{f"Met ward {v}": g["month"] for v, g in ward_all.groupby("vintage")},
     "Met ward historical": ward_hist["month"],
     "Met LSOA": lsoa_met["month"],
     **{name: f["month"] for name, f in point_sets.items()},
     "LSOA x month panel": panel["month"],
     "100 m hexagon counts": hexes["month"]}
)
coverage = coverage.loc[:, "2022-01":]
fig, ax = plt.subplots(figsize=(10, 6.5))
ax.imshow(coverage.values, aspect="auto", cmap="Blues", vmin=0, vmax=1.4, interpolation="none")
ax.set_yticks(range(len(coverage)), coverage.index, fontsize=8)
ticks = [i for i, m in enumerate(coverage.columns) if m.month == 1]
ax.set_xticks(ticks, [str(coverage.columns[i].year) for i in ticks])
ax.grid(False)
ax.set_title("Months held by each source (shaded = present), 2022 onward")
ax.set_xlabel("month")
style.save_figure(fig, "00_source_coverage", f"{style.OGL_MET}; {style.OGL_POLICE}")

# %% [markdown]
# ## Boundaries

# %%
boundary_layers = {
    "boroughs": geography.boroughs(),
    "wards (2002–2014 set)": geography.wards_2014(),
    "2011 LSOAs": geography.lsoas_2011(),
    "2021 LSOAs": geography.lsoas_2021(),
}
pd.DataFrame(
    {name: {"features": len(layer), "CRS": layer.crs.to_string()}
     for name, layer in boundary_layers.items()}
).T

# %% [markdown]
# ### Can the Met's 2022 wards be joined to ward boundaries?
#
# The Met's ward counts use the 2022 ward boundaries; the mirror only has the earlier
# (2002–2014) ward polygons. A join by code is therefore impossible, and a join by name only
# says that a ward *of the same name* existed before 2022 — most were redrawn. The table counts
# how the newest ward vintage's wards fare, so that later notebooks map wards only through
# 2021 LSOAs and report ward figures as tables.

# %%
newest_ward = ward_all[ward_all["vintage"] == ward_all["vintage"].max()]
met_wards = newest_ward.rename(columns={"area_code": "ward_code", "area_name": "ward_name"})
joins = data_sources.ward_name_report(met_wards.dropna(subset=["ward_code"]))
joins["match"].value_counts().rename_axis("join to 2002–2014 ward polygons").to_frame("wards")

# %%
fig, ax = plt.subplots(figsize=(8, 7))
boundary_layers["2021 LSOAs"].plot(ax=ax, color="#f2f2f2", edgecolor="#bbbbbb", linewidth=0.15)
boundary_layers["boroughs"].boundary.plot(ax=ax, color="#333333", linewidth=0.6)
style.map_axes(ax, "London's 33 boroughs and 4,994 LSOAs (2021), British National Grid")
style.save_figure(fig, "00_boundaries", style.OGL_BOUNDARIES)

# %% [markdown]
# ## The load report: every record accounted for
#
# Rows read, kept and dropped (by reason) for every source loaded above. Nothing is dropped
# silently: a row that cannot be used is either counted here or stops the load with an error
# that names the file and the row.

# %%
load_reports()

# %% [markdown]
# ## Caveats
#
# - The Met's counts are *recorded* crime: they change with reporting, recording practice and
#   later reclassification, which is why vintages disagree about the same month.
# - data.police.uk locations are snapped to anonymous map points, and the street files of the
#   Met are not in the offline mirror; the notebooks say where that limits a check.
#
# **Takeaway.** The open data can check London-wide and borough figures directly, ward figures
# as tables, and fine-grained patterns only through the extracts listed above — and any figure
# must name the vintage it came from.
