# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 00 · The data behind the fact-check
#
# What open data can check the article's claims about London's crime "hot spots", where does
# it come from, what does it cover and what is missing, and how far do the Metropolitan
# Police's own published figures change from one release to the next?

# %% [markdown] tags=["verdict-box"]
# <div class="verdict-box">
#
# > **Verdicts at a glance**
# >
# > This notebook decides no statement's verdict.
#
# </div>

# %%
import matplotlib.pyplot as plt
import pandas as pd

from hotspots import article, claims
from hotspots.analyses import data_sources as nb
from hotspots.io import boundaries, met, workforce
from hotspots.io.ledger import load_reports
from hotspots.viz import charts, maps, style

style.use_house_style()
pd.set_option("display.width", 120)
pd.set_option("display.max_colwidth", 90)
NOTEBOOK = "00_data_sources"

# %% [markdown]
# ## The claims
#
# This notebook decides no statement of the article. It describes the data every other
# notebook reads, and the checks that decide how those data may be used. The article names no
# source for its figures; the one sentence about data is this:

# %%
print(article.statement("data-led-hotspot-selection").quote)

# %% [markdown]
# Recent crime statistics and stop-and-search records are open data (below). "Mobile alerts"
# are not, and neither is how the Met chose its hot spots.
#
# ## Data and provenance
#
# Every table comes from one data folder (the environment variable `HOTSPOTS_DATA`). Its
# files were copied from public repositories that had committed the publishers' downloads;
# each folder's `SOURCES.md` gives the repository, commit and checksum of every file. Each
# table is read by one loader of `hotspots.io`, which checks it and counts every row it keeps
# or drops. The Met's counts are revised after publication, so each download is kept as a
# dated **vintage** (release), named after the last month it covers.

# %%
tables = nb.load_sources()
sources = nb.source_table(tables)
assert len(sources) == len(nb.SOURCES) == 23
sources

# %% [markdown]
# Four families of data: the Met's monthly counts by borough, ward and LSOA (London
# Datastore); police.uk street records and third-party counts built from them; boundaries and
# lookups; and population and police workforce tables. The City of London is policed by the
# City of London Police, so the Met's files hold **32** boroughs, not 33. An **LSOA** (lower
# layer super output area) is a Census small area of 1,000 to 3,000 residents; London has
# 4,994.
#
# Which months does each crime source hold?

# %%
coverage, groups = nb.coverage_table(tables, since="2022-01")
fig, ax = plt.subplots(figsize=(10, 6.5))
charts.coverage_chart(ax, coverage, groups, dict(zip(nb.COVERAGE_GROUPS,
                                                     (style.ACCENT, style.HIGHLIGHT), strict=True)))
ax.set_title("Overlapping Met releases; full Met street records for burglary only")
ax.set_xlabel("month (2022 onward; the Met's Historical files go back to April 2010)")
style.save_figure(fig, "00_source_coverage", f"{style.OGL_MET}; {style.OGL_POLICE}")

# %% [markdown]
# ![Months held by each crime source, 2022 onward](../figures/00_source_coverage.png)
#
# Each bar is a run of months a source holds. Each Met release covers 24 months (two borough
# releases add Historical files from April 2010); the releases overlap, so most months appear
# in several releases, with slightly different counts (section 4). The police.uk street
# records for the whole Met are not here: only the City of London Police's, a Met
# burglary-only copy, Met stop and search to August 2024, one month around Charing Cross and
# two third-party counts.
#
# ### Every row accounted for
#
# The load ledger: for each file or folder, the rows read, kept and dropped, with the reason
# for every drop. A row the loaders cannot use either appears here or stops the run with an
# error naming the file and line. Rows filed outside any borough ("Unknown", the airports) are
# kept, without an area code.

# %%
ledger = nb.ledger_table(load_reports())
assert (ledger["rows read"] == ledger["rows kept"] + ledger["rows dropped"]).all()
assert ledger.loc["police.uk street (city-of-london)", "% dropped"] == 8.12
ledger

# %% [markdown]
# Nothing is lost silently. Most drops are rows outside London (other local authorities,
# LSOAs and commuting flows that never touch London). The others: police.uk street records
# with no location, or snapped to a point outside Greater London (about 8% of the City's
# records and 2% of the Met burglaries), and two near-empty leading months (the LSOA file's
# February 2024 and ward vintage 2026-03's March 2024, each under 1% of a normal month),
# treated as not covered.
#
# ### What is missing
#
# Two kinds of gap, kept apart throughout the project: **open data that exist but are not in
# the data folder** (a user with internet access can add them), and data that **no one
# publishes openly**.

# %%
missing = nb.missing_data()
catalogue = nb.catalogue_gaps()
assert set(catalogue["statement_id"]) <= {s for g in nb.GAPS if g.publisher for s in g.statements}
missing

# %% [markdown]
# The first seven rows could be fixed by a download: ONS mid-year estimates for 2021–2024,
# the GLA's town-centre boundaries and Central Activities Zone, the full Met street-level
# files, British Transport Police records, the Home Office workforce-by-function table, its
# tables after March 2023, and the GLA daytime population. The last six cannot: no open data
# record what was stolen or its value, the Met's hot-spot outlines, what an operation did, a
# knife flag for small areas, or who offended.

# %% [markdown]
# ## Method
#
# > **Note — the decisions fixed before the results below.**
# > - *Wards.* The Met's ward counts use the wards of December 2022. They are joined to the
# >   ONS 2022 ward outlines **by code**, exactly; a name is never used to join.
# > - *LSOA to ward.* LSOAs are put in wards by the GLA's **best-fit** lookup: each LSOA goes
# >   whole to the ward holding its population-weighted centroid (the point around which its
# >   residents live). An LSOA **straddles** a ward boundary when a quarter or more of its
# >   area lies outside its best-fit ward, measured on the ONS outlines (generalised to 200 m).
# > - *Two Met products.* The LSOA file summed to wards is compared with the ward file of
# >   vintage 2026-03 over the months both hold (April 2024 to February 2026) and the minor
# >   categories both have. "Agree" means within 5% of the ward file's count; within 1% is
# >   also shown.
# > - *Revisions.* Like for like: the 32 boroughs only (no "Unknown" or airport rows), months
# >   from January 2023, each release against the one before it. A month among a release's
# >   last **3** months is "not yet complete" (offences are still being recorded for it) and
# >   is shown apart.
# > - *Denominators.* Census 2021 residents; the workplace population (people aged 16+ who work
# >   in the borough, home workers where they live); the **workday population** derived with
# >   the ONS definition: workplace population + residents aged 16+ not in employment +
# >   residents under 16.

# %% [markdown]
# ## Results
#
# ### 1. The Met's wards join the 2022 ward outlines exactly

# %%
wards = tables["wards_2022"]
join = boundaries.ward_code_join(met.ward_list())
assert (join["status"] == "both").sum() == 679 and join["same_name"].all()
nb.ward_join_summary(join)

# %% [markdown]
# All 679 ward codes of the Met's newest ward file are ONS codes of December 2022, with the
# same names. The one oddity: the Met files **Heathrow Villages** (Hillingdon) under
# "Aviation Security (SO18)", its airport unit, not under Hillingdon. The 25 wards of the City
# of London have no Met counts.

# %%
status = nb.ward_status(wards, join)
fig, ax = plt.subplots(figsize=(9, 7.5))
maps.class_map(ax, wards[status.notna()], status.dropna(),
               dict(zip(nb.WARD_CLASSES, ("#d9dee4", style.HIGHLIGHT), strict=True)),
               no_data=wards[wards["city"]], no_data_label="City of London: no Met data",
               legend_title="2022 wards", edgecolor="white", linewidth=0.2)
tables["boroughs"].boundary.plot(ax=ax, color="#333333", linewidth=0.5)
maps.scale_bar(ax, 5_000, loc="lower left")
style.map_axes(ax, "All 679 Met wards match the 2022 ward outlines; the City has no Met data")
style.save_figure(fig, "00_wards", style.OGL_BOUNDARIES)

# %% [markdown]
# ![London's 704 wards of 2022, the City's hatched](../figures/00_wards.png)
#
# The 2022 wards with borough outlines. Heathrow Villages (red) is the ward the Met files under
# its aviation unit; the City's 25 wards (hatched, in the centre) are policed by the City of
# London Police.
#
# ### 2. The LSOA → ward lookup

# %%
lookup = tables["lookup"]
overlap = nb.lsoa_ward_overlap(tables["lsoas_2021"], wards, lookup)
checks = nb.lookup_checks(lookup, wards, overlap, tables["met_lsoa"])
assert checks["LSOAs in the lookup (each once)"] == 4_994
assert checks["Met wards given no LSOA"] == 0
checks.to_frame("value")

# %% [markdown]
# Every London LSOA is in the lookup once, every LSOA's ward is in its own borough, and every
# Met ward gets at least two LSOAs. Twenty of the City's 25 small wards get none, and the Met's
# LSOA file leaves out the City's six LSOAs. But nearly a fifth of London's LSOAs straddle a
# ward boundary, and the lookup puts each one whole in one ward.
#
# ### 3. Two Met products must agree: LSOA counts summed to wards against ward counts

# %%
agreement = nb.lsoa_ward_agreement(tables["met_lsoa"], met.load_counts("ward", "2026-03"),
                                   lookup, overlap=overlap)
summary = agreement.summary
assert summary["total difference"] == -105 and summary["wards compared"] == 679
assert (summary["wards within 1%"], summary["wards within 5%"]) == (86, 279)
heathrow = agreement.table.set_index("ward_name").loc["Heathrow Villages"]
assert heathrow["difference"] == 3 and heathrow["reason"].startswith("airport")
summary.to_frame("value")

# %% [markdown]
# Over April 2024 to February 2026, in the 29 minor categories both files have (the LSOA file
# has no rape, other sexual offences or fraud rows), the two products hold the same offences:
# London's totals differ by only 105 (−0.006%). Ward by
# ward they do not agree: only 86 of 679 wards are within 1%, 279 within 5%, and the median
# ward differs by 6.4%. The largest differences:

# %%
agreement.largest[["ward_name", "borough", "lsoas", "lsoa_sum", "ward_file", "difference",
                   "pct_difference", "reason"]].round({"pct_difference": 1})

# %% [markdown]
# Marylebone gets more than twice its ward-file count (+112%) when its LSOAs are summed, and
# Stratford twice (+102%), while their neighbours the West End and Stratford Olympic Park lose about as
# many. The LSOAs behind this straddle a ward boundary and hold a great deal of crime:

# %%
straddlers = nb.straddling_lsoas(overlap, tables["met_lsoa"], lookup, wards, agreement.months)
assert straddlers["crimes"].head(2).tolist() == [7_009, 6_640]
straddlers

# %% [markdown]
# The top two largely explain the top four wards. Newham 039D lies 70% in Stratford Olympic Park (most
# likely its Westfield Stratford City side) but its residents live on the Stratford side, so
# best fit puts all its 7,009 offences in Stratford. Westminster 011B lies a third in the West
# End ward, yet all its 6,640 offences go to Marylebone. The ward file counts each offence in
# the ward where it happened; the lookup moves whole LSOAs.

# %%
mismatch = nb.ward_mismatch(tables["lsoas_2021"], wards, lookup)
by_mismatch = nb.agreement_by_mismatch(agreement.table, mismatch)
by_mismatch

# %% [markdown]
# The further a ward's outline is from the union of its best-fit LSOAs, the worse the two
# products agree: wards within 10% of their LSOAs' outline agree within 5% almost always;
# where 40% or more of the area does not match, most wards differ by more than 5%. (Even a
# ward that is exactly its LSOAs shows a few per cent here, because the ward outlines are
# generalised to 200 m.)

# %%
frame = nb.agreement_frame(wards, agreement, mismatch)
fig, ax = plt.subplots(figsize=(8, 8))
charts.identity_scatter(ax, frame["ward_file"], frame["lsoa_sum"], frame["mismatch class"],
                        maps.class_colours(list(by_mismatch.index), "viridis_r", span=(0.15, 0.95)),
                        labels=frame["label"],
                        legend_title="ward area not matched by its LSOAs")
ax.set_xlabel("offences in the Met's ward file (Apr 2024 – Feb 2026, log scale)")
ax.set_ylabel("offences in the Met's LSOA file, summed to wards by best fit (log scale)")
ax.set_title("London's totals agree, its wards do not: 279 of 679 within 5%")
style.save_figure(fig, "00_lsoa_vs_ward_scatter", style.OGL_MET)

# %% [markdown]
# ![Ward-file counts against LSOA sums, one dot per ward](../figures/00_lsoa_vs_ward_scatter.png)
#
# One dot per ward, on log axes; the solid line is equality, the dashed lines ±5%. Dark dots
# (wards that differ most from their LSOAs) scatter furthest from the line.

# %%
classes = list(nb.difference_classes(pd.Series([-50.0, -10.0, 0.0, 10.0, 50.0])))
fig, ax = plt.subplots(figsize=(9, 7.5))
maps.class_map(ax, frame, frame["difference class"], maps.diverging_colours(classes),
               no_data=wards[wards["city"]], no_data_label="City of London: no Met data",
               legend_title="LSOA sum vs ward file (wards)", edgecolor="white", linewidth=0.2)
tables["boroughs"].boundary.plot(ax=ax, color="#333333", linewidth=0.5)
maps.scale_bar(ax, 5_000, loc="lower left")
style.map_axes(ax, "Summing LSOAs to wards moves offences between neighbouring wards")
style.save_figure(fig, "00_lsoa_vs_ward_map", f"{style.OGL_MET}; {style.OGL_BOUNDARIES}")

# %% [markdown]
# ![Map of the difference between the two Met products by ward](../figures/00_lsoa_vs_ward_map.png)
#
# Red wards gain offences when LSOAs are summed, blue wards lose them; grey wards agree within
# 5%. Gains and losses sit side by side, as moved LSOAs would make them.
#
# **Why they differ.** (1) *Best fit*: an LSOA that straddles a ward boundary counts whole in
# one ward, so its crimes leave the ward they happened in; this is most of the difference.
# (2) *The airport*: the ward file files Heathrow Villages under "Aviation Security (SO18)"
# without a code; matched by name, it differs by 3 offences. (3) *The City*: neither file
# counts it (the City of London Police does), so it drops out of both.
#
# **What this means for the other notebooks.** The two products must not be mixed at ward
# level. A ward figure (a ranking, a share, a trend) comes from the ward file; an LSOA figure
# from the LSOA file; a ward built from LSOAs is an approximation that can be off by more than
# half, or double, where a busy LSOA straddles a boundary, as in the West End and Stratford.

# %% [markdown]
# ### 4. How much do the Met's releases revise the same months?

# %%
vintages = nb.vintage_table(tables["met_borough"])
assert vintages.loc["2026-06", "key columns"] == "Group / SubGroup / BOCU"
vintages

# %% [markdown]
# Five releases of the borough file. Vintage 2026-06 has a **new schema** (columns Group,
# SubGroup, BOCU instead of MajorText, MinorText, BoroughName) and essentially **no "Unknown"
# row** (12 offences in 24 months, against thousands before); the airports row is empty
# from March 2024 in every release that has one. Totals that include those rows are
# therefore not comparable across releases, and the comparison below uses the 32 boroughs
# only.

# %%
revised = nb.borough_revisions(tables["met_borough"])
assert revised.summary["largest_pct"].max() == 2.34
revised.summary

# %% [markdown]
# Each row compares a release with the one before it, over the months both hold, apart for
# the earlier release's last three months.

# %%
fig, ax = plt.subplots(figsize=(10, 5.5))
charts.revision_chart(ax, revised.revised, (style.NEUTRAL, style.ACCENT, "#7f7f7f",
                                            style.HIGHLIGHT))
ax.set_title("Two releases revised a year or more of past months upward, not just the latest")
ax.set_xlabel("month (32 boroughs only)")
style.save_figure(fig, "00_revisions", style.OGL_MET)

# %% [markdown]
# ![Revision of each month between consecutive releases](../figures/00_revisions.png)
#
# Filled dots are months that were complete in the earlier release; hollow dots its last
# three months. Revisions are not only late recording of the newest months: the 2025-11
# release raised every month from March 2024 by 0.9–1.8%, and the 2026-06 release (the new
# schema) raised every month it shares with 2025-12 by 0.2–2.3%. Releases a month apart
# (2025-11 to 2025-12) changed complete months by at most 0.04%, while the last month of the
# earlier one (November 2025) rose by 1%: the newest months do fill in.

# %%
year_2024 = nb.year_totals(tables["met_borough"], 2024)
assert year_2024.loc["2025-02", "every row"] == 933_096
year_2024

# %% [markdown]
# London's 2024 total moves by about 7,000 offences (0.7%) between the releases that hold the
# whole year, and by about 9,000 (1.0%) for the boroughs alone. Any yearly figure must
# therefore name its release; notebook 01 compares the article's totals with each.
#
# ### 5. Denominators: residents, workplace and workday populations

# %%
nb.denominator_table()

# %% [markdown]
# The data folder holds Census 2021 counts (21 March 2021) and the **old** mid-2020 estimates,
# which Census 2021 showed had over-counted central London (Westminster 269,848 against
# 204,235). **No post-census ONS mid-year estimate** (mid-2021 to mid-2024) is in the folder,
# so no 2024 crime rate per resident can be computed here: a rate on Census 2021 residents is
# three years out of date. The workday population is derived term by term:

# %%
nb.workday_derivation()

# %% [markdown]
# Westminster's workday population is 1.8 times its residents, and Census day fell in a
# lockdown, when many people worked from home, so central London's workplace figures are
# low. Tourists and visitors are in no file here (the GLA's daytime population would add
# them).
#
# ### 6. The workforce and the Met's 20 hot-spot centres
#
# The Met's workforce, in full-time equivalents (FTE), from the Home Office's open data table
# (to March 2023) and a third party's rounded copy of its September 2025 tables (officers and
# PCSOs only, no police staff), for the Met's "1,700" cut (notebooks 05 and 06).

# %%
nb.workforce_summary(workforce.met_workforce())

# %% [markdown]
# The Met named 20 town centres and high streets for its Safer Summer Streets operation
# (press reports A1, A2 and C1 of `press-facts.md`) but published no outlines. With no GLA
# town-centre boundaries in the folder, each centre is tied to the 2022 wards holding its core
# (by the ward's name, landmark points inside the ward outline, or local knowledge), with a
# confidence. These are the project's ties, not the Met's areas (notebooks 05 and 06).

# %%
centres = nb.centre_table(tables["hotspot_centres"])
assert len(centres) == 20
centres

# %% [markdown]
# ## Sensitivity
#
# The comparison of the two products against every ward vintage, each over the months it
# shares with the LSOA file:

# %%
by_vintage = nb.agreement_by_vintage(tables["met_lsoa"], tables["met_ward"], lookup)
recent = by_vintage.loc[["2025-12", "2026-01", "2026-03"]]
assert (recent["minor categories compared"] == 29).all()
assert recent["wards within 5%"].between(270, 290).all()
by_vintage

# %% [markdown]
# With the three ward releases that use the LSOA file's categories (2025-12 onward), the
# figures hardly move: London's totals agree within 0.2% and about 280 of 679 wards within 5%.
# The two older releases use the Met's earlier categories (burglary named differently,
# stalking and harassment inside "violence without injury"), so only 25 categories match and
# London's totals differ by 10%: comparing them would mix a change of categories with the
# geography. The straddling threshold (a quarter of an LSOA's area) only labels the reasons
# in the difference table; no agreement figure depends on it. The settling period (3 months)
# only splits the revision table; the revision figure shows every month.
#
# ## Caveats
#
# - The Met's counts are *recorded* crime: they change with reporting, recording practice and
#   reclassification, which is why releases disagree about the same month.
# - The ward outlines are generalised to 200 m: area shares near a ward edge, and so the
#   straddling measure, are approximate.
# - Two Met files (the LSOA file and the ward Historical file) reached the data folder only as
#   third-party Parquet conversions, with renamed columns. The ward Historical file agrees
#   with the publisher's ward CSV within 0.1% where they overlap (`met_datastore/SOURCES.md`),
#   and the LSOA file's London total matches the ward file's (section 3).
# - The workday population is derived here from Census 2021 flows; it is not an ONS table.
#
# **Takeaway.** The open data can check London-wide and borough figures directly and ward
# figures from the ward file, but a ward figure built from LSOAs can be badly wrong where a
# busy LSOA straddles a ward boundary, and every total must name the release it came from.

# %% [markdown]
# ## Evidence recorded
#
# This notebook decides no statement and records no evidence row: its checks are about the
# data, and the notebooks that use the data record what they find.

# %%
evidence = claims.record(NOTEBOOK)
evidence.save()
evidence.show()

# %% [markdown]
# Package versions used for the outputs above:

# %%
nb.package_versions()
