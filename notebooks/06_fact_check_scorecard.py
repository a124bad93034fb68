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
# # 06 · The fact-check scorecard
#
# **The question.** Taking every statement in the article — numbers and words alike — what
# does open data confirm, what does it contradict, and what can it not check at all?
#
# Notebooks 01–05 each check one part of the article and record a verdict per claim in the
# **claims registry** (`data/derived/claims/`). This notebook
#
# 1. lists the statements that no open data can check, each with its reason, so that they are
#    scored rather than skipped;
# 2. examines the one such statement that open data can partly test: that hot-spot selection
#    is "data-led", using stop-and-search records;
# 3. gathers every verdict into one scorecard, grouped by the article's sections, with a
#    plain-language summary written from the registry; and
# 4. exports the registry as CSV and JSON for anyone to reuse.
#
# Every verdict uses the same five words: **reproduced**, **close**, **contradicted**,
# **unsupported by the evidence**, **not checkable with open data**.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from hotspots import article
from hotspots.analyses import scorecard_checks
from hotspots.claims import scorecard as sc
from hotspots.claims.registry import VERDICTS, Claim, export_registry, load_registry, write_claims
from hotspots.config import derived_dir, figures_dir
from hotspots.geo import assign
from hotspots.io import boundaries as geography
from hotspots.io import met, police_uk
from hotspots.stats.concentration import top_units
from hotspots.viz import charts, style

style.use_house_style()
pd.set_option("display.width", 120)
pd.set_option("display.max_colwidth", 90)
NOTEBOOK = "06_fact_check_scorecard"

# %% [markdown]
# ## The article, statement by statement
#
# The article (a news post summarising a BBC report) is split into **statements**: each bullet
# point, or each number within one. Every statement is one of three kinds:
#
# - **open data** — a notebook checks it against published police data or research;
# - **not checkable** — it describes police practice, operational figures or plans that no open
#   data record; this notebook records it with the reason;
# - **advice** — public advice (lock your phone, report crime quickly). Advice is not a claim
#   of fact, so it is listed but not scored.
#
# The catalogue lives in `hotspots.scorecard.STATEMENTS`, in the article's order:

# %%
catalogue = pd.DataFrame([vars(s) for s in sc.STATEMENTS])
assert catalogue["statement_id"].is_unique and set(catalogue["section"]) == set(sc.SECTIONS)
kinds = pd.crosstab(catalogue["section"], catalogue["kind"]).reindex(
    index=list(sc.SECTIONS), columns=list(article.KINDS), fill_value=0)
kinds.loc["all sections"] = kinds.sum()
kinds

# %% [markdown]
# ## 1 · Statements that open data cannot check
#
# A statement is recorded here only if no other notebook's claim already quotes it (matched on
# the article's words). Each gets the verdict **not checkable with open data** and one sentence
# saying why — usually because the figure comes from the Met's own operational records
# (deployments, arrests, staffing), because it describes how the police work rather than where
# crime is, or because it is a plan.

# %%
others = sc.other_claims(NOTEBOOK)
unscored = sc.not_checkable_claims(others, NOTEBOOK)
with pd.option_context("display.max_colwidth", 250):
    display(pd.DataFrame([c.to_dict() for c in unscored]).set_index("claim_id")[["reason"]])

# %% [markdown]
# ## 2 · "Data-led": is stop-and-search concentrated where crime is?
#
# > "Data-led intelligence: hotspot selection is informed by recent crime statistics, mobile
# > alerts, and stop-and-search data, applied via Operation Nightingale and similar
# > initiatives."
#
# How the Met *chooses* hot spots is not published, and "mobile alerts" are not open data. What
# open data can show is whether stop-and-search — one of the named inputs — happens in the same
# places as crime. If it did not, a selection "informed by" both would be hard to picture; if it
# does, that is consistent with the claim but does not prove it, because searches may simply
# follow where police and crime already are.
#
# **Data.** data.police.uk stop-and-search records for the Metropolitan Police, 2022-02 to
# 2024-08 (the months in the mirror), located at anonymised map points; the Met's recorded
# crime by 2021 LSOA (third-party Parquet copy of the London Datastore file, vintage 2026-02,
# from 2024-03).
#
# > **Note — decisions.** *Window:* the six months both sources cover, **March–August 2024**.
# > *Units:* the 4,994 LSOAs of 2021 (about 1,500 residents each); searches are placed in the
# > LSOA containing their map point; searches without a location (about one in ten) and the few
# > outside London are left out. *Crime:* every offence in the Met's LSOA file. *Measures:*
# > Spearman's rank correlation across all LSOAs, and how many of the 5% of LSOAs with the most
# > searches are also among the 5% with the most crime (**5% expected by chance**). LSOAs the
# > crime file lacks count as zero.

# %%
WINDOW = pd.period_range("2024-03", "2024-08", freq="M")
stops = police_uk.load_stop_search()
lsoas = geography.lsoas_2021()
crime_lsoa = met.load_lsoa_counts()
assert stops["month"].min() == pd.Period("2022-02", "M") and len(stops) == 386_362

in_window = stops[stops["month"].isin(WINDOW)]
stops_per_lsoa = assign.count_points(lsoas, "lsoa_code", in_window["x"], in_window["y"])
crime_per_lsoa = (crime_lsoa[crime_lsoa["month"].isin(WINDOW)]
                  .groupby("area_code")["count"].sum())
accounting = pd.Series({
    "searches, Mar-Aug 2024": len(in_window),
    "without a location": int(in_window["x"].isna().sum()),
    "located outside London's LSOAs": int(in_window["x"].notna().sum() - stops_per_lsoa.sum()),
    "placed in an LSOA": int(stops_per_lsoa.sum()),
    "crimes in the Met LSOA file, Mar-Aug 2024": int(crime_per_lsoa.sum()),
    "LSOAs with no row in the crime file": len(set(lsoas["lsoa_code"]) - set(crime_per_lsoa.index)),
}, name="count")
accounting.to_frame()

# %%
aligned = pd.concat({f"top {int(f * 100)}%": scorecard_checks.alignment(crime_per_lsoa, stops_per_lsoa, f)
                     for f in (0.01, 0.05, 0.10)}, axis=1)
lsoa_main = aligned["top 5%"]
assert lsoa_main["units"] == 4994 and 0.5 < lsoa_main["spearman"] < 0.8
aligned.round(3)

# %% [markdown]
# Read the middle column: the searches' rank order across LSOAs follows crime's (Spearman's
# ρ above), and about half of the 5% of LSOAs with the most searches are also among the 5%
# with the most crime — around ten times what chance would give. The chart shows every LSOA.

# %%
frame = pd.DataFrame({"crime": crime_per_lsoa, "stops": stops_per_lsoa}).fillna(0)
top_crime = top_units(frame["crime"], 0.05).to_numpy()
top_stops = top_units(frame["stops"], 0.05).to_numpy()
groups = [("neither", ~top_crime & ~top_stops, style.NEUTRAL, 6),
          ("top 5% for crime only", top_crime & ~top_stops, style.COLD, 10),
          ("top 5% for searches only", ~top_crime & top_stops, "#e69f00", 10),
          ("top 5% for both", top_crime & top_stops, style.HIGHLIGHT, 12)]
fig, ax = plt.subplots(figsize=(8.5, 6.5))
for label, mask, colour, size in groups:
    ax.scatter(frame.loc[mask, "crime"] + 1, frame.loc[mask, "stops"] + 1, s=size, c=colour,
               alpha=0.6, linewidths=0, label=f"{label} ({int(mask.sum()):,} LSOAs)")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("recorded crimes in the LSOA, Mar–Aug 2024 (+1, log scale)")
ax.set_ylabel("stop-and-searches in the LSOA, Mar–Aug 2024 (+1, log scale)")
ax.set_title("Stop-and-search happens where crime is recorded")
ax.legend(loc="upper left", fontsize=8)
style.save_figure(fig, "06_stop_search_vs_crime",
                  "Sources: data.police.uk stop and search; Metropolitan Police Service via "
                  "London Datastore, LSOA counts (both OGL v3.0). 2021 LSOAs.", svg=True)

# %% [markdown]
# **Robustness: boroughs over the whole period.** The same comparison across the 32 Met
# boroughs (City of London excluded: the Met's crime file has no row for it), February 2022 to
# August 2024, with the borough file of vintage 2025-11 (the longest that covers the period);
# "top units" here are the top 10% (4 boroughs).

# %%
PERIOD = pd.period_range("2022-02", "2024-08", freq="M")
borough_counts = met.load_counts("borough", "2025-11")
boroughs = geography.boroughs()
met_boroughs = boroughs[boroughs["borough_code"].isin(borough_counts["area_code"])]
crime_per_borough = (borough_counts[borough_counts["month"].isin(PERIOD)
                                    & borough_counts["area_code"].isin(met_boroughs["borough_code"])]
                     .groupby("area_code")["count"].sum())
stops_per_borough = assign.count_points(met_boroughs, "borough_code", stops["x"], stops["y"])
borough_main = scorecard_checks.alignment(crime_per_borough, stops_per_borough, 0.10)
assert len(met_boroughs) == 32 and borough_main["units"] == 32
borough_main.round(3).to_frame("boroughs, Feb 2022 – Aug 2024")

# %% [markdown]
# **The verdict.** Open data show that stop-and-search and recorded crime concentrate in the
# same neighbourhoods and boroughs, so the claim is *consistent* with the data. But they cannot
# show how hot spots are chosen: the Met publishes no list of hot spots with their inputs,
# "mobile alerts" are not open data, and the Met's stop-and-search records mark **no** search as
# part of a policing operation (the field "Part of a policing operation" is False in every one
# of the mirror's records), so Operation Nightingale leaves no trace:

# %%
operation_flags = stops["part_of_operation"].value_counts(dropna=False).rename("searches")
assert operation_flags.index.tolist() == [False] and stops["operation"].isna().all()
operation_flags.to_frame()

# %%
data_led = Claim(
    claim_id="data-led-hotspot-selection", section="Met Tools & Tactics Behind the Hotspot Work",
    article_words="hotspot selection is informed by recent crime statistics, mobile alerts, and "
                  "stop-and-search data",
    claimed_value=None, claimed_text="selection informed by crime, mobile alerts and searches",
    our_value=round(100 * lsoa_main["overlap of top units"], 2),
    unit="% of the top 5% LSOAs for stop-and-search also in the top 5% for crime (chance: 5%)",
    verdict=sc.NOT_CHECKABLE,
    reason=f"Searches concentrate where crime does (LSOA rank correlation "
           f"{lsoa_main['spearman']:.2f}; {100 * lsoa_main['overlap of top units']:.0f}% of the "
           "top 5% search LSOAs are top 5% for crime), which fits the claim but cannot show how "
           "hot spots are chosen, and mobile alerts are not open data.",
    data_source="data.police.uk stop and search (Metropolitan Police); Met LSOA counts "
                "(London Datastore, third-party Parquet)",
    vintage="stop and search 2024-03..2024-08; LSOA counts 2026-02", notebook=NOTEBOOK,
    figure="figures/06_stop_search_vs_crime.png",
)

# %% [markdown]
# ## 3 · The scorecard
#
# This notebook's claims are written to the registry next to those of notebooks 01–05; the
# scorecard below is read back from the registry files, so it shows exactly what is recorded.

# %%
write_claims([*unscored, data_led], NOTEBOOK)
registry = load_registry()
table = sc.scorecard_table(registry)
counts = sc.verdict_counts(registry)
assert counts.sum() == len(registry) == len(table) and set(registry["verdict"]) <= set(VERDICTS)
assert registry["claim_id"].is_unique
counts.to_frame().assign(share=(100 * counts / counts.sum()).round(1).astype(str) + "%")

# %% [markdown]
# Claims by the article's section (a claim's section is the heading it sits under in the
# article):

# %%
by_section = sc.counts_by_section(table)
unmatched = sorted(set(table["article_section"]) - set(sc.SECTIONS))
if unmatched:
    print("Sections that are not article headings:", unmatched)
by_section

# %%
fig, ax = plt.subplots(figsize=(10, 5.5))
charts.verdict_bars(ax, by_section)
ax.set_title("Verdicts on the article's claims, by section")
style.save_figure(fig, "06_verdicts_by_section",
                  "Source: London Hot Spots claims registry (data/derived/claims)", svg=True)

# %% [markdown]
# The full scorecard, one table per section of the article. `our_value` is what the open data
# give, in the claim's unit (see the registry export for units, intervals and sources).

# %%
columns = ["claim_id", "claimed_text", "our_value", "verdict", "notebook"]
for section, rows in table.groupby("article_section", sort=False):
    display(Markdown(f"**{section}** ({len(rows)} claims)"))
    display(rows[columns].set_index("claim_id").round({"our_value": 2}))

# %% [markdown]
# ## 4 · Is every statement covered?
#
# Each statement of the article should be quoted by at least one claim (advice excepted). The
# table lists any statement of the kind "open data" that no claim quotes yet, and the advice
# items, which are deliberately not scored.

# %%
covered = sc.coverage(registry)
assert covered.loc[covered["kind"] == "not checkable", "covered"].all()
gaps = covered[~covered["covered"] & (covered["kind"] != "advice")]
print(f"Statements quoted by a claim: {int(covered['covered'].sum())} of {len(covered)}; "
      f"checkable statements with no claim yet: {len(gaps)}.")
pd.concat([gaps, covered[covered["kind"] == "advice"]])[["statement_id", "kind", "quote"]]

# %% [markdown]
# ## 5 · The key figures
#
# A gallery of the collection's main charts and maps: a fixed list, then each figure a claim
# cites, in registry order (at most twelve). A figure that is not on disk is skipped with a note.

# %%
gallery, missing = sc.gallery_figures(registry, figures_dir())
for name in missing:
    print(f"note: figures/{name} is not on disk; skipped")
fig = charts.tile_figures(gallery, ncols=3)
style.save_figure(fig, "06_key_figures", "Figures from notebooks 01–06; sources on each panel")

# %% [markdown]
# ## 6 · In plain language
#
# The summary below is written by `hotspots.scorecard.summary_markdown` from the registry, so
# it changes when a verdict does.

# %%
display(Markdown(sc.summary_markdown(registry, covered)))

# %% [markdown]
# ## 7 · Export
#
# The combined registry, every field of every claim, for reuse in a spreadsheet or code:

# %%
csv_path = derived_dir() / "claims_registry.csv"
json_path = derived_dir() / "claims_registry.json"
exported = export_registry(csv_path, json_path)
assert exported["claim_id"].tolist() == registry["claim_id"].tolist()
print(f"wrote data/derived/{csv_path.name} and data/derived/{json_path.name}: "
      f"{len(exported)} claims, {exported.shape[1]} fields")

# %% [markdown]
# The same scorecard is rendered as a website with every notebook (`make site`, or the last
# step of `make run`; open `site/index.html`).
#
# ## Caveats
#
# - **Coverage is matched on words.** A statement counts as covered when a claim quotes one of
#   its key phrases; a claim that paraphrases the article could be missed (section 4 would then
#   list the statement as uncovered).
# - **"Not checkable" is about open data, not truth.** Deployment and arrest counts, staffing
#   figures and plans may well be accurate; they can only be checked against the Met's own
#   records or statements, which are not open data.
# - **The stop-and-search check is descriptive.** Searches and crime being in the same places
#   is what one would see whether or not searches inform hot-spot selection; six months of
#   overlap between the two sources is short, and the borough comparison over 31 months agrees.
#
# **Takeaway** (written from the registry):

# %%
display(Markdown(f"**{sc.takeaway(registry)}**"))
