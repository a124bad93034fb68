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
# # 06 · The fact-check scorecard
#
# Statement by statement, what do open data say about the article — and what do the Met's
# staffing figures and its stop-and-search records add to the two statements no other
# notebook checks?

# %% [markdown] tags=["verdict-box"]
# <div class="verdict-box">
#
# > **Verdicts at a glance**
# >
# > | the statement | verdict | why |
# > | --- | --- | --- |
# > | *cuts to staffing (1,700 officers and staff)* | **not checked here: open data exist but are not in the data folder** | The cut was planned for 2025/26; checking it needs the Met's officers, PCSOs and staff at 31 March 2026 (and staff at 31 March 2025), published after the article but not in the data folder. By 30 September 2025 officers and PCSOs had fallen by 976 FTE since 31 March 2025 (officers -961, PCSOs -15): 57.4% of 1,700 in 6 of the 12 months, with police staff not known. Open data: Home Office police workforce open data table, 31 March 2007 to 31 March 2026 (release of 22 July 2026): officers, PCSOs and police staff FTE by force (Home Office). |
# >
# > It also gives supporting evidence on *Data-led intelligence: hotspot selection is informed by recent crime statistics, mobile alerts, and stop-and-search data* and *applied via Operation Nightingale and similar initiatives*.
#
# </div>

# %% [markdown]
# Notebooks 00–05 each check part of the article and record their evidence in the **claims
# registry** (`data/derived/claims/`). This notebook runs last. It opens with the scorecard:
# every statement of the article exactly once, with its verdict, the article's number and
# ours, the reason in one line, and where the evidence is. Then it takes the two statements
# that no other notebook checks — the staffing cut (section 1) and the "data-led" choice of
# hot spots (section 2) — and ends with the scorecard in plain language.
#
# Every verdict comes from a rule written down before the results were seen
# (README, "How a verdict is decided"), one verdict per statement:
#
# | verdict | meaning |
# |---|---|
# | reproduced | open data on the stated basis give the article's figure, to its own precision |
# | close | not reproduced, but within 2% (a ranking: each place at most one off) |
# | contradicted | open data on the stated basis give something clearly different |
# | unsupported by the evidence | testable, but the evidence does not back it |
# | arithmetic consistent | follows from the article's own numbers — not a check against data |
# | not checked here | open data exist but are not in the data folder (the dataset is named) |
# | not checkable | no open data exist (operational counts, plans, tactics) |

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from hotspots import article, claims
from hotspots.analyses import scorecard_checks as nb
from hotspots.analyses import theft_fall as tf
from hotspots.claims import scorecard as sc
from hotspots.config import PROJECT_ROOT
from hotspots.io import boundaries, met, police_uk, workforce
from hotspots.viz import charts, maps, style

style.use_house_style()
pd.set_option("display.width", 120)
pd.set_option("display.max_colwidth", 120)
NOTEBOOK = "06_fact_check_scorecard"
WORKFORCE_SOURCE = ("Home Office police workforce open data table (release of 26 July 2023); "
                    "Home Office tables for 30 September 2025 via a third-party CSV (FTE "
                    "rounded)")
SEARCH_SOURCE = f"{style.OGL_POLICE}, stop and search; {style.OGL_MET}"

# %% [markdown]
# ## The scorecard
#
# This notebook decides one statement itself, the staffing cut; its verdict (explained in
# section 1) is recorded first, so that the table below is read back from the registry files
# complete. Links lead to the notebook that decides each statement and to its main figure;
# "catalogue" marks a verdict declared in the project's statement catalogue
# (`lib/hotspots/article.py`): statements no open data can check, those whose open data are
# not in the data folder, and the article's own arithmetic.

# %%
met_staff = nb.workforce_wide(workforce.met_workforce())
staffing = nb.staffing_verdict(met_staff)
evidence = claims.record(NOTEBOOK)
evidence.primary(nb.STAFFING, staffing, source=WORKFORCE_SOURCE,
                 figure="figures/06_met_workforce.png", vintage="2023-07 and 2025-09 releases")
evidence.save()
registry = claims.load_registry(complete=False)
statements = registry.statement_table()
assert statements["statement_id"].is_unique and len(statements) == len(article.STATEMENTS)
display(Markdown(sc.readme_table(registry, link_prefix="../", link_catalogue=False,
                                 list_advice=True)))

# %% [markdown]
# Each statement counts once. The article's statements and the Met's and the Mayor's later
# claims are counted apart:

# %%
counts = pd.DataFrame({"the article": sc.verdict_counts(registry, "article"),
                       "later claims": sc.verdict_counts(registry, "press")})
assert counts.to_numpy().sum() == (statements["kind"] != "advice").sum()
counts.loc["all statements (advice aside)"] = counts.sum()
counts

# %%
by_section = sc.verdicts_by_section(registry)
judged = counts.loc[list(claims.verdicts.VERDICTS[:4]), "the article"]
fig, ax = plt.subplots(figsize=(11, 6.4))
charts.verdict_bars(ax, by_section)
fig.suptitle(f"Open data can judge {judged.sum()} of the article's "
             f"{counts.at['all statements (advice aside)', 'the article']} statements; "
             f"{judged.iloc[:2].sum()} of them hold up or come close",
             x=0.01, ha="left", fontweight="bold", fontsize=13)
style.save_figure(fig, "06_verdicts_by_section",
                  "Source: London Hot Spots claims registry (data/derived/claims)")

# %% [markdown]
# ![Verdicts by section of the article](../figures/06_verdicts_by_section.png)
#
# The figures and the borough and ward rankings (Statistics & Broader Context, Mobile Phone
# Theft) are where open data can check the article; the sections on tactics, operations and
# plans are almost entirely beyond open data.
#
# Statements that no notebook has decided yet (a notebook that has not recorded its evidence)
# would be listed here:

# %%
missing = sc.missing_verdicts(registry)
print(f"Statements without a verdict yet: {len(missing)}")
missing

# %% [markdown]
# ## 1 · The staffing cut: "1,700 officers and staff"

# %%
claim = article.statement(nb.STAFFING)
pd.Series({"the article's words": claim.quote, "stated basis": claim.basis,
           "first printed": claim.first_printed, "printed wording": claim.printed_wording},
          name=nb.STAFFING).to_frame()

# %% [markdown]
# On 2 April 2025 a Met spokesperson said the force would be "reducing our size by over 1,700
# officers, staff and PCSOs" in 2025/26 to close a £260 million gap (PA Media; the BBC
# reported that the Met planned to do it by recruiting fewer people rather than by
# redundancies). In August 2025 the 1,700 was described as 1,400 officers and 300 staff. When
# the article appeared in July 2025 the cut was therefore a **plan** for the year to 31 March
# 2026.
#
# **Data.** Two files in the data folder (`workforce/SOURCES.md`):
#
# | file | what it holds | dates |
# |---|---|---|
# | Home Office *Workforce open data table*, release of 26 July 2023 (OGL) | every force's officers, police staff, PCSOs and designated officers, headcount and FTE | 31 March 2007 – 31 March 2023 |
# | a third party's table read from the Home Office tables for 30 September 2025 | officers and PCSOs only, FTE rounded to whole numbers; no police staff | 30 Sep 2024, 31 Mar 2025, 30 Sep 2025 |
#
# **What is missing.** The Met's police staff after March 2023 and everything at 31 March
# 2026. Both are open data — the Home Office *police workforce open data table* to 31 March
# 2026 (released 22 July 2026) — but **not in the data folder**.
#
# > **Note — how the rule reads the statement (fixed before the figures were looked at).**
# > The statement is a number: a cut of 1,700 officers, staff and PCSOs, full-time
# > equivalent (FTE: part-time posts counted as fractions), over 2025/26. The measurement that
# > tests it is the fall in the Met's officers, PCSOs and police staff (designated officers
# > counted as staff) from 31 March 2025 to 31 March 2026. The number rule then applies
# > (reproduced within ±50 of 1,700, close within 2%, contradicted otherwise). If the data
# > folder lacks either end of that year, the verdict is **not checked here**, naming the
# > release that would settle it, and the part of the year the data do show is recorded as
# > supporting evidence. A half-year is not a year, and officers and PCSOs are not the whole
# > workforce, so neither is scored.
#
# The Met's workforce in the data folder (FTE; `official` is False for the rounded
# third-party figures):

# %%
assert met_staff.loc["2023-03-31", nb.OFFICERS].round(1) == 34_899.0
assert met_staff.loc["2025-09-30", nb.OFFICERS] == 32_332
met_staff.round(0)

# %%
changes = nb.workforce_changes(met_staff)
planned = claim.number.value
fig, axes = plt.subplots(1, 2, figsize=(13.5, 5.2), gridspec_kw={"width_ratios": [1.25, 1]})
charts.dated_lines(axes[0], met_staff, {nb.OFFICERS: style.ACCENT, nb.STAFF: style.HIGHLIGHT,
                                        nb.PCSOS: style.NEUTRAL}, hollow=~met_staff["official"])
axes[0].set_ylabel("full-time equivalent (FTE)")
axes[0].set_title("The Met's workforce, 2007–2025 (open markers: rounded, third-party)",
                  fontsize=11)
charts.stacked_change_bars(
    axes[1], changes.drop(index=nb.SINCE_PEAK), {nb.OFFICERS: style.ACCENT,
                                                 nb.PCSOS: style.NEUTRAL, nb.STAFF: style.HIGHLIGHT},
    reference=-planned, reference_label=f"cut announced for 2025/26 ({planned:,.0f})",
    missing_label="not in the data folder")
axes[1].set_xlim(-2_600, 300)
axes[1].set_xlabel("change in FTE")
axes[1].set_title("Changes against the cut announced for 2025/26", fontsize=11)
half = -changes.loc[nb.FIRST_HALF, nb.FRONTLINE]
fig.suptitle(f"Six months into the year of the cut, the Met had {half:,.0f} fewer officers "
             "and PCSOs; staff are not known", x=0.01, ha="left", fontweight="bold", fontsize=13)
style.save_figure(fig, "06_met_workforce", f"Source: {WORKFORCE_SOURCE} (OGL v3.0)")

# %% [markdown]
# ![The Met's workforce over time and the changes since 2023](../figures/06_met_workforce.png)
#
# Officers rose during the national "uplift" to 34,899 FTE in March 2023, the highest in the
# series, and have fallen since; police staff fell by two fifths from 2010 to 2018 and had
# recovered part of it by 2023; PCSOs fell from about 4,600 in 2010 to about 1,200. The bars
# on the right are the changes the data can measure; the year the cut was planned for is
# blank.

# %%
assert changes.loc[nb.FIRST_HALF, nb.FRONTLINE] == -976
assert changes.loc[nb.YEAR_TO_SEPTEMBER, nb.OFFICERS] == -1_461
changes.drop(columns=["from", "to"]).round(0)

# %% [markdown]
# The fall in officers over the year to September 2025 (1,461 FTE) is the figure the Home
# Office's statistics gave in January 2026 (as PA Media reported it), so the third-party table
# reads the official one correctly. What the verdict needs, figure by figure:

# %%
nb.staffing_data_needs(met_staff)

# %%
display(Markdown(f"**{staffing.verdict}.** {staffing.reason}"))

# %% [markdown]
# In the first six months of 2025/26 the Met's officers and PCSOs fell by 976 FTE, more
# than half the announced 1,700 in half the year. That fits a cut of the announced size under
# way, but it does not measure it: police staff are missing and the year had six months to
# run. The Home Office's release for 31 March 2026 would settle it.
#
# ## 2 · "Data-led": do searches and victim-based crime concentrate in the same places?

# %%
pd.Series({s: article.statement(s).quote
           for s in ("data-led-hotspot-selection", "operation-nightingale")},
          name="the article's words").to_frame()

# %% [markdown]
# How the Met chooses its hot spots is not published and "mobile alerts" are not open data,
# so the catalogue declares the statement **not checkable**. Open data can show one thing
# around it: whether stop-and-search, one of the named inputs, happens where crime happens.
# If it did not, a selection "informed by" both would be hard to picture; if it does, that
# fits the claim without proving it, because searches go where officers and people are,
# whatever informs the choice of hot spots. The result is **supporting evidence**, not a
# verdict.
#
# **Data.** data.police.uk stop-and-search records for the Metropolitan Police, February 2022
# to August 2024 (the months in the data folder; January 2022 is missing), placed by their
# anonymised map points; the Met's recorded crime by 2021 LSOA (a third party's Parquet copy
# of the London Datastore file, vintage February 2026, from March 2024); the Met's ward
# files (2022 wards) for the longer check.
#
# > **Note — decisions.**
# > - *Crime:* **victim-based crime** only — violence, sexual offences, robbery, theft,
# >   burglary, vehicle offences, criminal damage and arson. Drug offences and possession of
# >   weapons are left out because a search that finds something records one of them at the
# >   search location, which would make searches and crime line up by construction; public
# >   order and other "crimes against society" are left out with them (the ONS grouping).
# > - *Units and window:* the 2021 LSOAs (about 1,500 residents each) that the Met polices:
# >   4,988, the City of London's six left out (the City of London Police, not the Met,
# >   polices them, so the Met's file has no crime there), March–August 2024 (the months both
# >   sources cover).
# > - *Measures:* Spearman's rank correlation (ρ: 1 when the two rank the LSOAs in the same
# >   order, 0 when the orders are unrelated), and the share of the 5% of LSOAs with the most
# >   searches that are also among the 5% with the most victim-based crime (**chance: 5%**).
# > - *Longer check:* the 678 2022 wards with Met counts, February 2022 – August 2024,
# >   **without December 2022**, whose search file holds 5,706 searches against 9,000–18,000 in
# >   other months and may be incomplete at source.

# %%
stops = police_uk.load_stop_search()
lsoas = boundaries.lsoas_2021()
met_lsoas = lsoas[lsoas["borough_code"] != boundaries.CITY_OF_LONDON]
lsoa_rows = met.load_lsoa_counts()
units = sorted(met_lsoas["lsoa_code"])
assert len(stops) == 386_362 and len(units) == 4_988
assert set(lsoa_rows["area_code"]) == set(units)
months = nb.LSOA_MONTHS.periods
lsoa_searches = nb.search_counts(stops, met_lsoas, "lsoa_code", months)
lsoa_crime = {d: nb.crime_counts(lsoa_rows, months, d, units) for d in nb.DEFINITIONS}
accounting = nb.search_accounting(stops, months, lsoa_searches)
accounting.loc[f"{nb.VICTIM} in the same LSOAs"] = lsoa_crime[nb.VICTIM].sum()
accounting.to_frame("March–August 2024")

# %% [markdown]
# One search in thirteen (4,287) has no location, and 239 lie outside the Met's LSOAs: 48 in
# the City of London, the rest just beyond London's boundary. The comparison, with the
# pre-stated measure in the first row and, beneath it, the crime measures that include what
# searches themselves record:

# %%
lsoa_table = nb.alignment_table(lsoa_crime, lsoa_searches)
victim = lsoa_table.loc[nb.VICTIM]
assert round(victim[nb.RHO], 3) == 0.658 and round(victim[nb.OVERLAP]) == 48
lsoa_table.round(3)

# %% [markdown]
# **Searches follow victim-based crime closely.** Across the 4,988 LSOAs the two rank the
# places in much the same order (ρ = 0.66), and 48% of the 5% of LSOAs with the most searches
# are also among the 5% with the most victim-based crime — nearly ten times what chance would
# give. Counting the offences that searches themselves generate (the last two rows) adds only
# a little: the alignment is not an artefact of drug and weapon finds. The same comparison for
# the top 1% and the top 10%:

# %%
pd.concat({f"top {100 * f:g}%": nb.alignment_table({nb.VICTIM: lsoa_crime[nb.VICTIM]},
                                                   lsoa_searches, f).iloc[0]
           for f in (0.01, 0.05, 0.10)}, axis=1).round(3)

# %%
labels = nb.rank_labels()
colours = dict(reversed(list(maps.class_colours(labels[::-1]).items())))
city = lsoas[lsoas["borough_code"] == boundaries.CITY_OF_LONDON]
frame = met_lsoas.set_index("lsoa_code").loc[units]
panels = {"stop-and-search": lsoa_searches, "victim-based crime": lsoa_crime[nb.VICTIM]}
fig, axes = plt.subplots(1, 2, figsize=(14, 6.6))
for ax, (name, counts) in zip(axes, panels.items(), strict=True):
    maps.class_map(ax, frame, nb.rank_classes(counts.loc[units]).tolist(), colours,
                   legend_title="rank by count (number of LSOAs)", legend_loc="lower left",
                   no_data=city, no_data_label="City of London (no Met data)")
    style.map_axes(ax, f"{name.capitalize()}, March–August 2024")
    maps.scale_bar(ax, 10_000)
fig.suptitle("Searches and victim-based crime are concentrated in the same places",
             x=0.01, ha="left", fontweight="bold", fontsize=13)
style.save_figure(fig, "06_search_crime_maps", f"{SEARCH_SOURCE}. 2021 LSOAs: "
                  f"{style.OGL_BOUNDARIES}")

# %% [markdown]
# ![Stop-and-search and victim-based crime by LSOA, March–August 2024](../figures/06_search_crime_maps.png)
#
# The two maps share their pattern: a dark core in the West End, dark LSOAs scattered over
# inner London and at outer town centres, Heathrow dark on both (the airport's LSOA), and a
# pale outer ring. Ties make the classes differ a little in size (many LSOAs had no search).
# Where the LSOAs in both top 5% are, by borough (the ten boroughs with most):

# %%
borough_of = met_lsoas.set_index("lsoa_code")["borough_name"]
where = nb.top_overlap_by_place(lsoa_crime[nb.VICTIM], lsoa_searches, borough_of)
assert where["in both tops"].sum() == 120 and (where["in both tops"] > 0).sum() == 29
where.head(10)

# %% [markdown]
# The overlap is not only the West End: 120 LSOAs are in both tops, in 29 of the 32
# boroughs, though Westminster and Camden hold the most.
#
# **Robustness: 2022 wards over 30 months.** The same comparison on a larger unit and a longer
# window, February 2022 – August 2024 without December 2022, from the Met's ward files (each
# month from the newest release that covers it):

# %%
ward_rows, provenance = tf.splice_releases([met.load_counts("ward", "2025-03"),
                                            met.load_ward_historical()])
met_wards = sorted(met.load_counts("ward")["area_code"].dropna().unique())
wards = boundaries.wards_2022()
wards = wards[wards["ward_code"].isin(met_wards)]
assert len(met_wards) == len(wards) == 678
months_ward = nb.ward_months()
ward_searches = nb.search_counts(stops, wards, "ward_code", months_ward)
ward_crime = {nb.VICTIM: nb.crime_counts(ward_rows, months_ward, nb.VICTIM, met_wards)}
with_december = nb.search_counts(stops, wards, "ward_code", nb.WARD_SPAN.periods)
ward_table = pd.concat([
    nb.alignment_table(ward_crime, ward_searches).assign(months=len(months_ward)),
    nb.alignment_table({f"{nb.VICTIM}, with December 2022": nb.crime_counts(
        ward_rows, nb.WARD_SPAN.periods, nb.VICTIM, met_wards)}, with_december).assign(
        months=len(nb.WARD_SPAN))])
assert round(ward_table.iloc[0][nb.RHO], 2) == 0.77
ward_table.round(3)

# %% [markdown]
# At ward level the alignment is stronger still (ρ = 0.77; 65% of the top 5% of wards for
# searches are top 5% for victim-based crime), and keeping the possibly incomplete December
# 2022 changes nothing that shows. Wards are large enough that both counts mostly reflect how
# busy a place is.
#
# **Operation Nightingale.** The search records have a field "Part of a policing operation";
# if the Met filled it, the operation's searches could be counted. It did not:

# %%
operation_flags = stops["part_of_operation"].value_counts(dropna=False).rename("searches")
assert operation_flags.index.tolist() == [False] and stops["operation"].isna().all()
operation_flags.to_frame()

# %% [markdown]
# ### Caveats
#
# - **Alignment is not selection.** Searches and victim-based crime both concentrate where
#   people, shops, transport and night-time activity are, so they would line up even if hot
#   spots were chosen on crime alone, or on neither. Nothing here shows what informed a
#   choice of hot spot.
# - **Map points are approximate.** police.uk moves each search to the nearest of a fixed
#   set of "snap points", so a few searches near an LSOA edge land in the neighbouring LSOA.
# - **Six months at LSOA level.** The Met's LSOA file starts in March 2024 and the search
#   files in the data folder end in August 2024; the 30-month ward check agrees.
# - **The staffing figures after 2023 are a third party's rounded copy** of the Home Office
#   tables, checked against the Home Office's own published officer figures (33,293 at March
#   2025; a fall of 1,461 in the year to September 2025).
#
# ## 3 · Evidence recorded
#
# The verdict on the staffing cut was recorded at the top; the figures behind it and the
# stop-and-search comparison are recorded as supporting and sensitivity evidence, which never
# change a verdict.

# %%
for name, label in (("first-half-2025-26", nb.FIRST_HALF),
                    ("officers-year-to-sep-2025", nb.YEAR_TO_SEPTEMBER),
                    ("officers-since-march-2023", nb.SINCE_PEAK)):
    row = changes.loc[label]
    group = nb.FRONTLINE if name.startswith("first") else nb.OFFICERS
    evidence.supporting(nb.STAFFING, name, f"Change in the Met's {group}, FTE, "
                        f"{row['from']:%d %b %Y} to {row['to']:%d %b %Y}",
                        source=WORKFORCE_SOURCE, our_value=row[group], claimed_value=-planned,
                        unit=f"FTE change, {group}", figure="figures/06_met_workforce.png")

# %%
SELECTION, MAPS = "data-led-hotspot-selection", "figures/06_search_crime_maps.png"
LSOA_UNIT = f"{len(units):,} LSOAs, March-August 2024"
evidence.supporting(SELECTION, "lsoa-rank-correlation", "Spearman's rank correlation of "
                    "searches and victim-based crime per LSOA (City of London left out)",
                    source=SEARCH_SOURCE, our_value=victim[nb.RHO],
                    unit=f"Spearman's rho, {LSOA_UNIT}", figure=MAPS)
evidence.supporting(SELECTION, "lsoa-top-5pct-overlap", "Top 5% of LSOAs for searches that "
                    "are also top 5% for victim-based crime (chance: 5%)", source=SEARCH_SOURCE,
                    our_value=victim[nb.OVERLAP], unit=f"%, {LSOA_UNIT}", figure=MAPS)
every, ward = lsoa_table.loc[nb.EVERY_OFFENCE], ward_table.iloc[0]
evidence.sensitivity(SELECTION, "lsoa-every-offence", "Top 5% overlap with every offence, "
                     "including the drug and weapon offences searches record (rho "
                     f"{every[nb.RHO]:.3f})", source=SEARCH_SOURCE,
                     our_value=every[nb.OVERLAP], unit=f"%, {LSOA_UNIT}")
evidence.sensitivity(SELECTION, "wards-30-months", "Top 5% overlap on the 678 2022 wards, "
                     f"Feb 2022 - Aug 2024 without Dec 2022 (rho {ward[nb.RHO]:.3f})",
                     source=SEARCH_SOURCE, our_value=ward[nb.OVERLAP],
                     unit="%, 678 wards, 30 months")
evidence.supporting("operation-nightingale", "operation-flag", "Met searches marked 'part of "
                    "a policing operation', Feb 2022 - Aug 2024", source=style.OGL_POLICE,
                    our_value=int(stops["part_of_operation"].sum()),
                    unit=f"searches of {len(stops):,}")
print(f"{len(evidence.rows)} evidence rows recorded")

# %%
evidence.save()
evidence.show()

# %% [markdown]
# ## 4 · Export
#
# The registry is written out for reuse — `data/derived/claims_registry.csv` and `.json` (one
# row per statement), `claims_evidence.csv` and `.json` (every evidence row) — and the
# scorecard block of the project's README is rewritten from it. The book's front page reads
# the same export, so the README, the book and this notebook show the same verdicts.

# %%
registry = claims.export_registry(complete=False)
sc.rewrite_readme(PROJECT_ROOT / "README.md", registry)
exported = pd.read_csv(PROJECT_ROOT / "data" / "derived" / "claims_registry.csv")
assert exported["statement_id"].tolist() == [s.statement_id for s in article.STATEMENTS]
assert exported["verdict"].fillna("").tolist() == statements["verdict"].tolist()
print(f"claims_registry: {len(exported)} statements; claims_evidence: "
      f"{len(registry.evidence)} evidence rows")

# %% [markdown]
# ## In plain language
#
# Written from the registry, so it changes when a verdict does:

# %%
display(Markdown(sc.summary_markdown(registry)))

# %% [markdown]
# **Takeaway:**

# %%
display(Markdown(f"**{sc.takeaway(registry)}**"))
