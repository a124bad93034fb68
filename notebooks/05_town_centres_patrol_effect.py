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
# # 05 · The Met's town-centre hot spots: what open data say about the patrol claims
#
# Do focused patrols at hot spots reduce crime — according to the research, and in the 20
# London town centres the Met targeted in summer 2025?

# %% [markdown] tags=["verdict-box"]
# <div class="verdict-box">
#
# > **Verdicts at a glance**
# >
# > | the statement | verdict | why |
# > | --- | --- | --- |
# > | *Research confirms that targeting these areas with focused patrols reduces a broad range of crimes, including theft, violence, and disorder.* | **close** | Systematic reviews find a significant reduction overall and for violence and disorder, but weaker or not shown for theft. |
# > | *24 per cent of theft person offences* | **not checked here: open data exist but are not in the data folder** | The Met's hot-spot outlines are not published; the centres' 28 core wards held 39.4% of London's theft from the person in the year to May 2025 (44.7% with their edge wards; the West End and St James's wards alone 27.4%), an upper bound the Met's 24% for its smaller areas sits below, so the open data fit the figure but cannot reproduce it. Open data: GLA Town Centre Boundaries (London Datastore) and Metropolitan Police street-level crime (data.police.uk) (Greater London Authority; Home Office). |
# > | *6 per cent of all ASB calls* | **not checked here: open data exist but are not in the data folder** | The Met counts calls about anti-social behaviour, which are not published as open data; the nearest open measure, police.uk incidents, puts 9.8% of London's in the centres' 28 core wards (12.8% with edge wards) in May 2025 - April 2026, an upper bound above the Met's 6% for its smaller areas, on a different measure and year. Open data: Metropolitan Police street-level anti-social behaviour, June 2024 - May 2025 (data.police.uk), with GLA Town Centre Boundaries (London Datastore) (Home Office; Greater London Authority). |
# > | *Crime in the 20 town centre hotspots reduced by 18 per cent over the course of the Safer Summer Streets operations between June 30 and September 30* | **not checked here: open data exist but are not in the data folder** | The Met's hot-spot outlines and baseline are not published; in the centres' 28 core wards all offences changed by -2.8% from July-September 2024 to 2025 (-1.4% with edge wards) while the comparison wards changed by +2.6%, which fits an 18% fall in the Met's areas only if they held about 26% of their wards' crime and the rest of those wards changed like the comparison wards. Open data: GLA Town Centre Boundaries (London Datastore) and Metropolitan Police street-level crime (data.police.uk) (Greater London Authority; Home Office). |
# >
# > It also gives supporting evidence on *Focused hotspot policing has helped reduce repeat offences such as shoplifting and street robbery.* and *The top 32 town centres and high streets facing acute theft and anti‑social behaviour include: … Tier 1: Barking, Brixton, Camden, Croydon, Elephant & Castle, Finsbury Park, Stratford, West End, Shepherd’s Bush Green, Walthamstow and more.*.
#
# </div>

# %% [markdown]
# ## The claims
#
# The article makes two claims about what focused patrols achieve, one about research and one
# about London. After it was published the Met and the Mayor made four more about the 20
# town centres of their *Safer Summer Streets* campaign. The exact words, from the project's
# statement catalogue:

# %%
import matplotlib.pyplot as plt
import pandas as pd

from hotspots import article
from hotspots.analyses import theft_fall as tf
from hotspots.analyses import town_centres as nb
from hotspots.claims import record, verdicts
from hotspots.crimes import CRIME_TYPES
from hotspots.io import boundaries, met, reference
from hotspots.io.police_uk_extracts import load_hex_counts
from hotspots.months import MonthSpan
from hotspots.viz import charts, maps, style

style.use_house_style()
pd.set_option("display.width", 120)
pd.set_option("display.max_colwidth", 120)
NOTEBOOK = "05_town_centres_patrol_effect"
SOURCE = f"{style.OGL_MET}; ward releases 2026-03, 2026-01 and historical"
CLAIMS = ["research-focused-patrols-reduce-crime", "hotspot-policing-reduced-repeat-offences",
          "press-centres-share-theft-person", "press-centres-share-asb",
          "press-centres-share-knife-crime", "press-centres-crime-down-18pct"]
pd.DataFrame([{"statement": s, "source": article.statement(s).source,
               "words": article.statement(s).quote} for s in CLAIMS]).set_index("statement")

# %% [markdown]
# The campaign's official dates are **30 June – 30 September 2025** (GOV.UK, *Safer Streets
# Summer Initiative*, published 3 December 2025). The Met named 20 centres: Stratford,
# Woolwich, Finsbury Park, Croydon, Shepherd's Bush Green, Seven Sisters, Elephant and Castle
# and the West End (GLA press release, July 2025), and Barking, Brixton, Camden Town, Catford,
# Ealing, Ilford, Kingston, Lewisham High Street, Romford, Shoreditch, Walthamstow and
# Whitechapel (Evening Standard, July 2025). The article's ten "Tier 1" names are all among
# them; its "Tier 2" names (Ladbroke Grove, Harrow, Sutton, Bromley, Mitcham, Richmond,
# Bexleyheath) appear in no source found.
#
# Two questions are kept apart. **What does the research say?** That is judged only against
# systematic reviews. **What do London's data say?** The one documented London operation that
# open data can be set against is the summer 2025 campaign — but it came *after* the
# article, so it is evidence on the Met's and the Mayor's later claims, not a verdict on the
# article's "has helped reduce".
#
# ## Data and provenance
#
# | source | what we use | months |
# |---|---|---|
# | Met ward counts (London Datastore, OGL), releases 2026-03, 2026-01 and the historical file | offences by 2022 ward and month | April 2010 – March 2026, spliced (below) |
# | ONS 2022 ward boundaries (BSC, 200 m generalised) | maps, ward neighbours | December 2022 |
# | `data/reference/met_hotspot_centres.csv` (this project) | the 20 centres tied to wards, with method and confidence | — |
# | `data/reference/town_centre_wards.csv` (this project) | the article's Tier 2 names tied to wards | — |
# | police.uk 100 m hexagon counts (third-party aggregate of the archive files) | anti-social behaviour incidents | May 2025 – April 2026 |
# | `data/reference/hot_spot_policing_effects.csv` (this project, cited) | published effects of hot-spot policing | — |
#
# **What is missing.** *No open data exist* for the Met's hot-spot outlines (never
# published), where and when patrols went, calls about anti-social behaviour (the Met's
# measure), knife-crime flags below borough level, and offender identifiers ("repeat"
# offences). *Open data exist but are not in the data folder*: the GLA's town-centre
# boundaries (London Datastore) and the Met's street-level crime points (data.police.uk) for
# 2024–2025, which together would allow a check at street scale rather than ward scale.
#
# Each month of the ward series comes from the newest release that covers it:

# %%
releases = [met.load_counts("ward", "2026-03"), met.load_counts("ward", "2026-01"),
            met.load_ward_historical()]
rows, provenance = tf.splice_releases(releases)
met_wards = sorted(releases[0]["area_code"].dropna().unique())
wards = boundaries.wards_2022()
matrices = {o: tf.ward_matrix(rows, crime, met_wards) for o, crime in nb.OUTCOMES.items()}
assert len(met_wards) == 678 and len(wards) == 704
assert provenance["months"].tolist() == [24, 2, 166]
provenance

# %% [markdown]
# The release of March 2026 starts in April 2024 (its March 2024 column is nearly empty);
# February and March 2024 come from the January 2026 release and everything earlier from the
# historical file. Where releases overlap they agree to within a few offences (February 2024,
# theft from the person: 7,743 against 7,744), so the splice adds no step. The unit is the
# **2022 ward**: 678 with Met counts. The City of London's 25 wards are policed by the City
# of London Police and have none, and Heathrow Villages' counts are filed under the airport
# ("Aviation Security"), so 26 of London's 704 wards are left out.
#
# ## Method: the decisions fixed before the results
#
# > **Note — design (pre-registered in `hotspots.analyses.town_centres`).**
# > - *Treated:* the centres' **core** wards (the ward holding each centre's core; 28 wards).
# >   *Edge* wards (15, which may hold an edge) are treated only in a sensitivity run.
# > - *Comparison:* every other ward with Met counts, **except** wards next to a treated or
# >   edge ward (queen contiguity: a shared edge or corner) — the *ring*, where crime could be
# >   displaced or patrols spill over — and wards of other named centres (the article's Tier
# >   2), which may be among the Met's unpublished 32.
# > - *Dates:* 30 June – 30 September 2025 is **July–September 2025** in monthly counts,
# >   compared with **July–September 2024**: the same months a year earlier, so each ward's
# >   own seasons (the West End's Christmas peak) cancel.
# > - *Estimate:* the centres' change against the comparison wards' change (a
# >   difference-in-differences, DiD: how much more or less crime fell in the centres than
# >   elsewhere), as a percentage. Busy wards as a group can move differently from quiet
# >   ones, so the headline estimate is the centres' change **beyond what similarly busy
# >   wards show** (the shift that puts the centres in the middle of the placebo sets below;
# >   statisticians call it a Hodges–Lehmann estimate).
# > - *Inference:* **randomisation inference** — "treatment" is given to 4,999 placebo sets of
# >   wards drawn like the real one (as many wards from each tenth of pre-campaign crime level,
# >   July 2024 – June 2025), and the real estimate is ranked among theirs; p below 0.05 means
# >   fewer than 1 in 20 such sets do as well. The 95% interval and the **minimum detectable
# >   effect** (MDE: the smallest fall the design would catch 80% of the time, found by adding
# >   known falls to placebo sets) come from the same placebo sets. Beside it: a wild cluster
# >   bootstrap (one cluster per centre, Webb weights) and the conventional ward-clustered
# >   Poisson interval, which is too narrow with 20 unequal centres.
# > - *Pre-trend (an event study):* the same estimate for April–June 2025 (the quarter
# >   before), and month by month from July 2024: twelve *leads* (July 2024 – June 2025, the
# >   months before the campaign) and the *lags* from July 2025, each month against the same
# >   month a year earlier. The leads are tested together: the centres' mean absolute lead
# >   effect is ranked among the same 4,999 placebo sets' (p below 0.05: the centres were
# >   already moving apart from the comparison wards before the campaign).
# > - *Synthetic control (robustness, section 12):* a weighted mix of comparison wards built
# >   to follow the centres' monthly counts before the campaign, fitted on July 2022 – June
# >   2025 (three whole years after the pandemic restrictions ended), with the months before
# >   January 2025 alone as a sensitivity.
# > - *Shares ("24 per cent"):* the year to **May 2025** (June 2024 – May 2025), the latest
# >   twelve months the Met had when the figures were released in July 2025 (the Evening
# >   Standard's story quotes Met figures "in the year to May").

# %% [markdown]
# ## 1 · Where the 20 centres are

# %%
centres = reference.read_hotspot_centres(wards=wards)
tier_wards = reference.read_town_centre_wards()
tier2 = tier_wards.loc[(tier_wards["tier"] == 2) & (tier_wards["confidence"] != "none"),
                       "ward_code"].dropna()
groups = nb.ward_groups(wards, centres, tier2, met_wards)
groups_wide = nb.ward_groups(wards, centres, tier2, met_wards, treated_roles=("core", "part"))
counts = nb.group_counts(groups)
assert counts.to_dict() == {"treated": 28, "edge": 15, "ring": 131, "other named centre": 14,
                            "comparison": 490, "no Met counts": 26}
counts.to_frame()

# %%
core = nb.centre_wards(centres)
anchors = nb.centre_anchors(wards, core)
anchors.loc[anchors["label"] == "Walthamstow", "geometry"] = anchors.loc[
    anchors["label"] == "Walthamstow", "geometry"].translate(xoff=1_500, yoff=1_200)
tier2_anchors = nb.centre_anchors(wards, tier_wards.loc[tier_wards["ward_code"].isin(tier2)])
colours = {"treated": style.HIGHLIGHT, "edge": "#f1a89f", "ring": "#d9d9d9",
           "other named centre": style.ACCENT, "comparison": "#f4f4f4", "no Met counts": "white"}
frame = wards.merge(groups[["ward_code", "group"]], on="ward_code")
box = (521_500, 535_500, 174_000, 187_500)
fig, axes = plt.subplots(1, 2, figsize=(13, 6.4), gridspec_kw={"width_ratios": [1.35, 1]})
for ax, zoom in zip(axes, (False, True), strict=True):
    maps.class_map(ax, frame, frame["group"], colours, legend_title="wards (2022)",
                   edgecolor="#bbbbbb", linewidth=0.2, legend=not zoom, legend_loc="lower left",
                   legend_anchor=(0.0, 0.0))
    if zoom:
        ax.set_xlim(box[0], box[1])
        ax.set_ylim(box[2], box[3])
    for points in (anchors, tier2_anchors):
        inside = points.cx[box[0]:box[1], box[2]:box[3]]
        maps.label_places(ax, inside if zoom else points.drop(inside.index), fontsize=7.5)
    style.map_axes(ax, "Central London (the box on the left)" if zoom else "")
    maps.scale_bar(ax, 2_000 if zoom else 10_000, loc="lower left" if zoom else "lower right")
axes[0].add_patch(plt.Rectangle((box[0], box[2]), box[1] - box[0], box[3] - box[2],
                                fill=False, edgecolor="#333333", linewidth=0.8))
fig.suptitle("The Met's 20 centres (red wards) and the article's Tier 2 names (blue)", x=0.01,
             ha="left", fontweight="bold", fontsize=13)
style.save_figure(fig, "05_centres_map", f"{style.OGL_BOUNDARIES}; centres tied to wards by "
                  "this project (data/reference/met_hotspot_centres.csv)")

# %% [markdown]
# ![Map of the 20 centres' wards](../figures/05_centres_map.png)
#
# The 20 centres' 28 core wards (red) run from Romford and Ilford in the east to Ealing and
# Kingston in the west, with a cluster in central London: the West End (the West End and St
# James's wards), Camden Town, Shoreditch, Whitechapel and Elephant and Castle. Every ward
# touching a centre (grey) is kept out of the comparison, so the comparison wards (pale) are
# not the centres' own neighbours.
#
# ## 2 · The Met's shares: "24 per cent of theft person offences" and "6 per cent of all ASB calls"

# %%
variants = {"core wards": core["ward_code"],
            "core + edge wards": nb.centre_wards(centres, ("core", "part"))["ward_code"],
            "West End + St James's wards": core.loc[core["centre"] == nb.WEST_END,
                                                    "ward_code"]}
shares = nb.share_table(matrices, variants, nb.SHARE_YEAR)
tfp = "theft from the person"
assert round(shares.at[tfp, "core wards"], 1) == 39.4
assert round(shares.at[tfp, "core + edge wards"], 1) == 44.7
shares.round(1)

# %% [markdown]
# In the year to May 2025 the centres' 28 core wards — 4% of London's wards — held **39.4%**
# of London's theft from the person (**44.7%** with their edge wards), about a fifth of its
# shoplifting and personal robbery, a tenth of its violence with injury and 15% of all
# offences. The West End and St James's wards alone held 27% of its theft from the person. The Met's **24%** is well below these figures — as it should be if the
# Met counted only the hot-spot streets, which are smaller than the wards around them. So
# ward data **cannot reproduce the 24%, but nothing in them contradicts it**: a share inside
# the wards can only be smaller than the wards' share. The same holds in the release the Met
# would have had at the time (June 2025) and in calendar 2024:

# %%
june_release = met.load_counts("ward", "2025-06")
june_tfp = tf.ward_matrix(june_release, CRIME_TYPES[tfp], met_wards)
share_checks = pd.Series({
    "release 2025-06, year to May 2025": nb.london_share(june_tfp, core["ward_code"],
                                                         nb.SHARE_YEAR),
    "release 2026-03, calendar 2024 (spliced)": nb.london_share(
        matrices[tfp], core["ward_code"], MonthSpan.year(2024)),
}, name="core wards' share of London's theft from the person (%)")
share_checks.round(1).to_frame()

# %%
hexes = load_hex_counts()
asb = nb.asb_incident_shares(hexes, wards, {k: variants[k] for k in list(variants)[:2]})
assert str(hexes["month"].min()) == "2025-05" and str(hexes["month"].max()) == "2026-04"
asb.round(1).rename("share of London's police.uk ASB incidents, May 2025 – April 2026 (%)"
                    ).to_frame()

# %% [markdown]
# The Met's "6 per cent of all **ASB calls**" counts calls to the police, which are not
# published as open data. The nearest open measure is police.uk's anti-social behaviour
# *incidents*, here only for May 2025 – April 2026 (a third-party aggregate of the archive
# files, each 100 m hexagon placed in the ward holding its centre). The core wards held 9.8%
# of them (12.8% with edges) — again an upper bound, above the Met's 6%, but on another
# measure and another year. Neither share can be checked at the Met's scale with the data
# here; the verdicts (end of the notebook) say so and name the open data that would bring
# the check to street scale.
#
# ## 3 · "Crime in the 20 town centre hotspots reduced by 18 per cent"
#
# The raw change, July–September 2025 against the same months of 2024, by group of wards:

# %%
season = {o: nb.season_change(m, groups, nb.BASELINE, nb.CAMPAIGN)
          for o, m in matrices.items()}
raw = pd.DataFrame({o: t["change_pct"] for o, t in season.items()}).T
wide_change = nb.season_change(matrices[nb.ALL_OFFENCES], groups_wide, nb.BASELINE,
                               nb.CAMPAIGN).at["treated", "change_pct"]
all_raw = season[nb.ALL_OFFENCES]
implied = nb.implied_hot_spot_share(all_raw.at["treated", "change_pct"], -18,
                                    all_raw.at["comparison", "change_pct"])
assert round(all_raw.at["treated", "change_pct"], 1) == -2.8 and round(wide_change, 1) == -1.4
print(f"all offences, treated wards: {all_raw.at['treated', 'before']:,} → "
      f"{all_raw.at['treated', 'after']:,}; with edge wards treated: {wide_change:+.1f}%; "
      f"share of the wards' crime an 18% fall would need: {100 * implied:.0f}%")
raw.round(1)

# %% [markdown]
# All offences in the centres' core wards fell **2.8%** (31,824 → 30,922), against a 2.6%
# rise in the comparison wards; counting the edge wards too, 1.4%. Nothing like 18% — but the Met's
# figure is for its hot-spot areas, which are smaller. If those areas fell 18% while the rest
# of their wards moved like the comparison wards, the wards as a whole would show −2.8% when
# the hot spots held about a quarter (26%) of the wards' crime — plausible for a shopping
# street in a ward of homes. Ward data therefore **cannot test the 18%**. Two things they do
# show: theft from the person fell 20% in the centres' wards (5% in the comparison wards),
# and the Met gave no baseline, so "reduced by 18 per cent" is a before-and-after figure with
# nothing to compare it to. The next section adds the comparison.
#
# ## 4 · Against comparison wards: did the campaign make a difference?

# %%
designs = {o: nb.placebo_design(m, groups) for o, m in matrices.items()}
campaign = {o: nb.campaign_test(m, designs[o]) for o, m in matrices.items()}
before = {o: nb.campaign_test(m, designs[o], nb.PRE_QUARTER.shift(-12), nb.PRE_QUARTER,
                              n_pseudo=0) for o, m in matrices.items()}
bootstrap = {o: nb.wild_bootstrap_check(m, groups) for o, m in matrices.items()}
conventional = {o: nb.conventional_did(m, groups) for o, m in matrices.items()}
steps = {o: nb.step_test(m, designs[o]) for o, m in matrices.items()}
effects = nb.effects_table(campaign, before, steps, bootstrap, conventional)
assert round(campaign[nb.ALL_OFFENCES].raw_pct, 1) == -5.3
assert all(r.p_value > 0.05 for r in campaign.values())
effects

# %% [markdown]
# **No offence fell detectably more in the centres than in similarly busy wards during the
# campaign.** All offences in the centres' wards changed 5.3% less than in the comparison
# wards, but busy wards as a group also did a little better than the rest; beyond what
# similarly busy wards show the change is −4.6%, with a 95% interval from −11.3% to +2.9%
# (p = 0.22). The design would catch a fall of about 9% or more four times in five, so a
# smaller effect is not ruled out. Shoplifting, personal robbery and violence with injury show
# no fall at all (detectable falls: 39%, 22% and 15% — shoplifting varies so much from ward to
# ward that only a very large effect would show). **Theft from the person** fell 13.7% beyond
# similarly busy wards, just short of significance (p = 0.06, detectable fall 19%) — but it
# had fallen even more in the quarter *before* the campaign (−21.8% against comparison wards,
# p = 0.03), and so had personal robbery (−15.1%, p = 0.03): there is no step down in July
# (the step is +7.8% for theft, +8.7% for robbery). The conventional interval and the wild
# cluster bootstrap, which compare the centres with all comparison wards and have trouble with
# one dominant centre, would call the theft fall significant (p = 0.009 and 0.002);
# randomisation inference, which compares the centres with similarly busy wards, does not.
#
# Month by month, as an **event study**: each month's estimate is a *lead* before July 2025
# (event months −12 to −1) or a *lag* from it (0 to 8). If the campaign caused a fall, the
# leads should sit near zero and the lags drop below it.

# %%
months = MonthSpan("2024-07", "2026-03")
monthly = {o: nb.monthly_effects(m, designs[o], months) for o, m in matrices.items()}
fig, axes = plt.subplots(2, 3, figsize=(13, 7), sharex=True)
for ax, (outcome, table) in zip(axes.flat, monthly.items(), strict=False):
    charts.effect_by_month(ax, table.clip(-60, 60), shade=(nb.CAMPAIGN.first, nb.CAMPAIGN.last),
                           colour=style.HIGHLIGHT)
    ax.set_title(outcome, fontsize=11)
    ax.set_ylim(-60, 60)
for ax in axes[:, 0]:
    ax.set_ylabel("change on a year earlier,\ncentres vs comparison wards (%)")
axes.flat[-1].set_axis_off()
axes.flat[-1].legend(*axes[0, 0].get_legend_handles_labels(), loc="center", fontsize=9,
                     title="each month against the same month a year earlier")
fig.suptitle("Event study: the centres' wards against comparison wards, month by month "
             "(shaded: the campaign)", x=0.01, ha="left", fontweight="bold", fontsize=13)
style.save_figure(fig, "05_effect_by_month", f"{SOURCE}; band: 4,999 placebo sets")

# %% [markdown]
# ![Monthly difference between the centres and comparison wards](../figures/05_effect_by_month.png)
#
# Each point compares a month with the same month a year earlier, in the centres' wards
# against the comparison wards; the grey band is where 95% of placebo sets of similarly busy
# wards fall. Theft from the person in the centres ran 10–25% behind the comparison wards in
# every month from July 2024 — a year before the campaign — at the bottom edge of the band;
# the gap *narrowed* in August and September 2025 and widened after the campaign ended. All
# offences track the lower edge of the band from spring 2025 on, again with no break at July.
# Shoplifting, robbery and violence wander inside the band before, during and after.
#
# The **pre-trend test** asks whether the twelve leads, taken together, are further from zero
# than those of similarly busy placebo sets (the same 4,999 sets):

# %%
leads = {o: nb.lead_test(m, designs[o]) for o, m in matrices.items()}
assert leads[tfp]["p_value"] < 0.01 and leads[nb.ALL_OFFENCES]["p_value"] > 0.05
nb.event_study_table(campaign, leads)

# %% [markdown]
# **For theft from the person the pre-trend test fails.** Over the twelve months before the
# campaign the centres' theft ran on average 19.6% behind the comparison wards; the leads'
# average size (24.4%) is more than twice the placebo sets' median (10.1%), and only 3 of
# 4,999 sets diverged as much (p < 0.001). The difference-in-differences reading assumes the
# centres would otherwise have moved like the comparison wards; a year of leads contradicts
# that, so **the campaign-quarter estimate for theft (−13.7%) measures an earlier divergence
# carrying on, not the campaign's effect**, and its near-significance is no evidence for the
# campaign. Violence with injury fails too, more mildly (leads averaging −7.5%, p = 0.03). For
# all offences, shoplifting and personal robbery the leads are no larger than the placebo
# sets' (p = 0.41, 0.90 and 0.54), and their campaign estimates show no fall either.
#
# ## 5 · Centre by centre, and without the West End
#
# The West End holds most of the centres' theft from the person, so the pooled estimate is
# largely a West End estimate. Each centre against the comparison wards (placebo sets drawn
# for its own wards), and the pooled estimate with each centre set aside:

# %%
per_centre = {o: nb.by_centre(matrices[o], groups) for o in (nb.ALL_OFFENCES, tfp)}
loo = {o: nb.leave_one_out(matrices[o], groups) for o in (nb.ALL_OFFENCES, tfp)}
no_west_end = {o: nb.campaign_test(m, nb.placebo_design(m, nb.without_centre(groups,
                                                                           nb.WEST_END)))
               for o, m in matrices.items()}
assert loo[tfp].index[0] == nb.WEST_END and round(loo[tfp].iloc[0]["share_of_treated_pct"]) == 64
fig, axes = plt.subplots(1, 2, figsize=(12, 7), sharey=True)
for ax, (outcome, table) in zip(axes, per_centre.items(), strict=True):
    charts.dot_band(ax, nb.band_rows(table), colour=style.HIGHLIGHT, lower=-80, upper=120,
                    band_label="similarly busy placebo wards, central 95%",
                    dot_label="the centre's wards vs comparison wards")
    ax.set_title(outcome, fontsize=11)
    ax.set_xlabel("July–Sept 2025 vs 2024, against comparison wards (%)")
fig.suptitle("Each centre (red) against comparison wards; grey: where 95% of similarly busy "
             "placebo wards fall", x=0.01, ha="left", fontweight="bold", fontsize=12)
style.save_figure(fig, "05_by_centre", f"{SOURCE}; 999 placebo draws per centre; values beyond "
                  "-80% or +120% cut off (hollow dots)")

# %% [markdown]
# ![Each centre's change against comparison wards](../figures/05_by_centre.png)

# %%
pd.concat({o: nb.percent_table(t[["baseline", "campaign", "change_pct", "raw_pct", "p_value"]])
           for o, t in per_centre.items()}, axis=1).sort_index()

# %%
pd.concat({o: nb.percent_table(t[["share_of_treated_pct", "estimate_pct", "ci_low_pct",
                                  "ci_high_pct", "p_value"]]) for o, t in loo.items()}, axis=1)

# %%
nb.percent_table(pd.DataFrame({o: nb.result_row(r) for o, r in no_west_end.items()}).T
                 .rename_axis("without the West End"))

# %% [markdown]
# Single centres are noisy: one or two wards' change on a year earlier varies by tens of
# percent (the grey bands). For all offences no centre stands out. For theft from the person
# two do — Lewisham High Street (133 → 56 thefts, p = 0.004) and Seven Sisters (83 → 31,
# p = 0.04) — two of 20 tests, when one in 20 would pass p < 0.05 by chance. The West End
# (its two wards) fell 19% (4,694 → 3,794), no more than London's other busiest wards (p =
# 0.70); it holds 64% of the treated wards' theft from the person in July–September 2024 and
# 40% of all their offences. Setting it aside leaves the pooled theft estimate about where
# it was (−14.2% beyond similarly busy wards, p = 0.12) and all offences at −3.3% (p =
# 0.39). Setting aside any one centre moves the theft p-value between 0.04 and 0.13: the
# result sits on the edge of significance whichever centres are counted, and in no version
# does it begin with the campaign.
#
# ## 6 · Regression to the mean: were these wards bound to fall?
#
# Places picked *because* they were busy tend to be less busy next time even if nothing is
# done: part of a high count is luck that does not repeat. The Met picked chronic hot spots
# (its data showed the centres' share over a year), so the fair placebo picks the comparison
# wards that were busiest **over the 24 months to June 2025**, as many as the treated wards,
# and asks how they moved from July–September 2024 to 2025. The one-summer peak selection
# (busiest in July–September 2024 alone) is shown for contrast — it maximises regression to
# the mean and overstates it (review finding 11) — with the stable-rate (gamma–Poisson)
# model's expectation for the treated wards.

# %%
rtm = pd.DataFrame({o: nb.regression_to_mean_check(m, groups) for o, m in matrices.items()}).T
assert (rtm["placebo: busiest in July-September 2024 alone"]
        < rtm["placebo: busiest over 24 months"]).loc[["shoplifting", tfp]].all()
fig, ax = plt.subplots(figsize=(10, 4.8))
rtm.plot.bar(ax=ax, color=[style.HIGHLIGHT, style.ACCENT, "#9ecae1", "#333333"], width=0.8)
ax.axhline(0, color="#555555", linewidth=0.8)
ax.set_ylabel("July–Sept 2025 vs 2024, against\nthe other comparison wards (%)")
ax.set_xticklabels(rtm.index, rotation=0)
ax.set_ylim(-55, 15)
ax.legend(fontsize=8, loc="lower right")
ax.grid(axis="x", visible=False)
ax.set_title("Selection alone: chronic busy wards move little; one summer's peak falls back")
style.save_figure(fig, "05_regression_to_mean", SOURCE)
nb.percent_table(rtm)

# %% [markdown]
# ![Regression to the mean](../figures/05_regression_to_mean.png)
#
# Picking wards for one busy summer produces large falls by itself (shoplifting −52%,
# robbery −27%): the earlier version of this notebook used that placebo and overstated what
# selection alone does. Picking them the way the Met did, on two years of crime, produces
# much less: between −14% (robbery) and +3% (violence). The stable-rate model expects almost
# nothing for wards as consistently busy as the centres (−0.1% to −5%). Regression to the
# mean therefore does not explain away a fall in the centres; the randomisation test above
# already compares them with similarly busy wards.
#
# ## 7 · Displacement: did crime move next door?
#
# > **Note — weighted displacement quotient** (WDQ; Bowers & Johnson 2003). A = the centres'
# > wards, B = the ring of wards around them, C = the comparison wards; July–September 2024
# > against 2025. The success measure SM < 0 means A improved against C; the buffer measure
# > BDM > 0 means B got worse against C (possible displacement). WDQ = BDM / SM and the net
# > effect are read **only** when the centres fell significantly (randomisation p < 0.05);
# > otherwise they are left blank.

# %%
wdq = pd.DataFrame({o: nb.displacement_row(nb.displacement(m, groups), campaign[o])
                    for o, m in matrices.items()}).T.rename_axis("offence")
assert wdq["WDQ"].isna().all()
wdq.round(3)

# %% [markdown]
# With no significant fall in the centres there is nothing to displace, and the quotient and
# the net effect are left blank. The ring's own changes are in the raw table of section 3:
# shoplifting rose 16% in the ring against −5% in the comparison wards, which is what
# displacement *would* look like — but it rose 54% in the edge wards too, from small counts,
# and without a direct effect the pattern cannot be put down to the campaign. For theft from
# the person the ring fell (−12%) more than the comparison wards (−5%), the pattern of a
# diffusion of benefits — or of the same central-London fall reaching the neighbours.
#
# ## 8 · The fall in theft from the person: earlier, and beyond regression to the mean
#
# Theft from the person in the busiest places fell sharply in 2025 — in the centres and, as
# notebook 04 found, in London's busiest wards generally. This section is the one analysis of
# that fall both notebooks use (`hotspots.analyses.theft_fall`). First: was it larger than
# regression to the mean predicts? The busiest 5% of wards (34) in one year against London in
# the next, for every year pair in the ward files:

# %%
pairs = tf.busiest_wards_against_history(matrices[tfp])
summary = tf.fall_summary(pairs)
assert round(summary["latest: relative change (%)"], 1) == -11.2
assert summary["historical pairs with a larger fall"] == 1
fig, ax = plt.subplots(figsize=(11, 4.6))
charts.year_pair_bars(ax, pairs, colour=style.NEUTRAL, latest_colour=style.HIGHLIGHT)
ax.set_ylabel("busiest 5% of wards: change\nrelative to London (%)")
ax.legend(fontsize=8, loc="upper left")
ax.set_title("Theft from the person: the busiest wards' fall in 2025/26 is the largest but one")
style.save_figure(fig, "05_theft_fall_year_pairs", f"{SOURCE}; March–February years to "
                  "2023/24, April–March for the latest pair")
summary.round(2).to_frame("theft from the person")

# %% [markdown]
# ![Year pairs](../figures/05_theft_fall_year_pairs.png)
#
# In an ordinary year the busiest wards move with London, give or take a few per cent, and
# the stable-rate model expects almost no fall from selection alone (the black ticks). From
# 2024/25 to 2025/26 they fell **11.2% more than London** — beyond anything the model
# expects, and larger than in every historical pair but the first pandemic year, when central
# London emptied. When did it begin? The busiest wards (picked on March 2023 – February 2024)
# month by month, each month against the same month a year earlier:

# %%
by_month = tf.busiest_wards_by_month(matrices[tfp], MonthSpan("2023-03", "2024-02"),
                                     MonthSpan("2024-03", "2026-03"))
onset = tf.fall_onset(by_month["busiest_pct"], pd.Period("2025-06", "M"))
relative_onset = tf.fall_onset(by_month["relative_pct"], pd.Period("2025-06", "M"))
assert (str(onset), str(relative_onset)) == ("2025-02", "2024-05")
fig, ax = plt.subplots(figsize=(11, 4.6))
charts.month_lines(ax, by_month, {
    "busiest_pct": ("busiest 34 wards", style.HIGHLIGHT),
    "rest_pct": ("the other 644 wards", style.NEUTRAL),
    "relative_pct": ("busiest relative to the rest", style.ACCENT)},
    shade=(nb.CAMPAIGN.first, nb.CAMPAIGN.last))
ax.set_ylabel("change on the same month\na year earlier (%)")
ax.legend(fontsize=8, loc="upper right")
ax.set_title("The busiest wards' theft from the person fell from early 2025, before the "
             "campaign")
style.save_figure(fig, "05_theft_fall_by_month", f"{SOURCE}; shaded: July–September 2025; "
                  "busiest: top 5% of wards, March 2023 – February 2024")
print(f"busiest wards below a year earlier in every month from {onset:%B %Y} to June 2025; "
      f"behind the rest of London in every month from {relative_onset:%B %Y}")

# %% [markdown]
# ![Monthly year-on-year change](../figures/05_theft_fall_by_month.png)
#
# The busiest wards' theft from the person stopped growing at the turn of 2025 (+4% in
# January) and has been below the year before **every month since February 2025** — five
# months before the campaign began. Relative to the rest of London they had been losing
# ground since May 2024, while theft elsewhere was still rising fast. During the campaign the
# gap *narrowed* (−6% to −8% in August and September), then widened again from October 2025.
# Where did it fall? Calendar 2025 against 2024, ward by ward:

# %%
change = tf.ward_change(matrices[tfp], MonthSpan.year(2024), MonthSpan.year(2025), min_count=50)
ward_frame = wards.merge(change.rename_axis("ward_code").reset_index(), on="ward_code",
                         how="left")
outline = wards[wards["ward_code"].isin(core["ward_code"])]
fig, axes = plt.subplots(1, 2, figsize=(13, 6.8), gridspec_kw={"width_ratios": [1.35, 1]})
for ax, zoom in zip(axes, (False, True), strict=True):
    maps.value_map(ax, ward_frame, ward_frame["change"], cmap="RdBu_r", vmin=-500, vmax=500,
                   label="change in thefts from the person, 2025 vs 2024 (beyond ±500 shown "
                         "as ±500)", missing_label="no Met ward counts (City of London, Heathrow)",
                   legend=not zoom)
    outline.boundary.plot(ax=ax, color="black", linewidth=0.7)
    if zoom:
        ax.set_xlim(box[0], box[1])
        ax.set_ylim(box[2], box[3])
    style.map_axes(ax, "Central London" if zoom else "")
    maps.scale_bar(ax, 2_000 if zoom else 10_000, loc="lower left" if zoom else "lower right")
fig.suptitle("Where theft from the person fell, 2024 → 2025 (outlined: the centres' core "
             "wards)", x=0.01, ha="left", fontweight="bold", fontsize=13)
style.save_figure(fig, "05_theft_change_map", f"{SOURCE}; {style.OGL_BOUNDARIES}")
falls = tf.busiest_fall_share(change, {"West End + St James's": variants[
    "West End + St James's wards"], "the centres' 28 core wards": core["ward_code"]})
falls.round(1).rename("share of London's net fall, 2024 → 2025 (%)").to_frame()

# %% [markdown]
# ![Map of the change in theft from the person](../figures/05_theft_change_map.png)
#
# The fall is a central-London story: the West End and St James's wards alone account for
# 54% of London's net fall in theft from the person between 2024 and 2025, and the centres'
# 28 core wards for 71%. The blue spreads to the wards around the West End; south of the
# river theft rose in several wards.
#
# **What this can and cannot mean.** A fall that begins before the summer 2025 campaign
# **rules out the campaign as its cause**. It **does not rule out earlier hot-spot work** —
# the article's "has helped reduce" refers to work before it was written, and the Met has
# published neither where nor when that work ran. It is **consistent with, not proof of**, the claim that focused
# patrols reduce theft: fewer visitors, phone-theft protections and recording changes would
# look the same in these counts. Notebook 04 (section 3) reaches the same fall from the
# other side.
#
# ## 9 · Before the summer: shoplifting and street robbery in the centres
#
# The article says focused hot-spot policing "has helped reduce repeat offences such as
# shoplifting and street robbery". Open data have no offender identifiers (so no "repeat")
# and no record of where or when the earlier work ran, so the catalogue declares the
# sentence not checkable. What the counts do show, for the centres' core wards against the
# rest of London, in years ending in June (the last one just before the campaign):

# %%
years = [MonthSpan(f"{y}-07", f"{y + 1}-06") for y in range(2018, 2025)]
trends = {o: nb.yearly_index(matrices[o], core["ward_code"], years)
          for o in ("shoplifting", "personal robbery")}
fig, axes = plt.subplots(1, 2, figsize=(11, 4.3), sharey=True)
for ax, (outcome, table) in zip(axes, trends.items(), strict=True):
    table[["centres index", "rest of London index"]].plot(
        ax=ax, color=[style.HIGHLIGHT, style.NEUTRAL], marker="o", linewidth=1.8)
    ax.set_title(outcome, fontsize=11)
    ax.set_xticks(range(len(table)), [y[:8] + "\n" + y[-8:] for y in table.index], fontsize=7)
    ax.set_ylabel(f"index, {table.index[0]} = 100")
    ax.legend(["the centres' 28 core wards", "rest of London"], fontsize=8)
fig.suptitle("Before the campaign: shoplifting rose less in the centres than elsewhere, "
             "robbery fell back in both",
             x=0.01, ha="left", fontweight="bold", fontsize=13)
style.save_figure(fig, "05_repeat_offences_trend", SOURCE)
last_year = pd.DataFrame({o: nb.year_on_year(t) for o, t in trends.items()}).T
last_year.round(1)

# %% [markdown]
# ![Shoplifting and robbery trends](../figures/05_repeat_offences_trend.png)
#
# Over six years shoplifting rose much less in the centres' wards than in the rest of London
# (index 168 against 217), but in the last year before the campaign it rose faster there
# (+45% against +32%). Personal robbery fell back in both after 2023/24, faster in the centres
# in the last year (−18% against −9%). These are descriptive trends: with no dates or places
# for the Met's earlier hot-spot work there is nothing to set them against, so they neither
# support nor refute "has helped reduce" — the robbery trend is consistent with it, the
# shoplifting trend is not.
#
# ## 10 · What the research says
#
# The sentence "Research confirms that targeting these areas with focused patrols reduces a
# broad range of crimes, including theft, violence, and disorder" is judged only against
# systematic reviews (the research rule in README, "How a verdict is decided"): reproduced if the
# reviews find a significant reduction overall **and** for each crime named; close if overall
# and for some.

# %%
reviews = reference.read_literature()
nb.pooled_reviews()

# %%
evidence = nb.evidence_rows()
panels = list(dict.fromkeys(evidence["panel"]))
fig, axes = plt.subplots(len(panels), 1, figsize=(11, 10.5), sharex=True, gridspec_kw={
    "height_ratios": [max(2, (evidence["panel"] == p).sum()) for p in panels]})
kinds = {"pooled (review)": style.ACCENT, "single study": style.HIGHLIGHT}
for ax, panel in zip(axes, panels, strict=True):
    charts.evidence_panel(ax, evidence[evidence["panel"] == panel], colours=kinds)
    ax.set_title(panel, fontsize=11)
axes[-1].set_xlabel("change in crime, targeted vs control places (%)\ndiamond: pooled "
                    "review; dot: single study; hollow: approximate; bar: published range")
axes[-1].set_xlim(-100, 40)
fig.suptitle("Hot-spot policing in the research: effects by the crime measured", x=0.01,
             ha="left", fontweight="bold", fontsize=13)
style.save_figure(fig, "05_research_evidence", "Sources: the studies cited in "
                  "data/reference/hot_spot_policing_effects.csv")

# %% [markdown]
# ![Research evidence by outcome](../figures/05_research_evidence.png)
#
# **The research supports the direction, not the breadth.** The Campbell review (Braga et
# al. 2019: 65 studies, 78 tests) finds a small, statistically significant reduction overall
# and a small diffusion of benefits to nearby streets rather than displacement; Braga &
# Weisburd (2022) put the average at 16% fewer crimes. For violence and disorder the reviews
# and trials agree. For **property crime — theft — the evidence is weaker**: the College of
# Policing's summary of the review says hot-spot policing "was more effective in reducing
# drug offences, violent crime and disorder than it was for tackling property crime". The
# UK trials are mixed: Peterborough's PCSO patrols (about −39%, approximate) and Essex's
# daily foot patrols (crime harm −88% on patrol days), but a London bus-stop trial saw crime
# *rise* 25% (not significant). Each panel holds one kind of outcome, so unlike things are not
# set on one axis. London's summer 2025 estimates are not shown here: a ward-level,
# year-on-year comparison of a three-month campaign is not the same kind of evidence.
#
# ## 11 · Sensitivity
#
# The primary design fixed above, re-run one change at a time (all offences and theft from
# the person; the verdicts do not depend on these):

# %%
variants_run = {
    "main: core wards, 10 strata": (groups, {}),
    "core + edge wards treated": (groups_wide, {}),
    "20 strata": (groups, {"n_strata": 20}),
    "5 strata": (groups, {"n_strata": 5}),
}
sensitivity = pd.DataFrame({
    (o, name): nb.result_row(nb.campaign_test(matrices[o], nb.placebo_design(
        matrices[o], g, **options)))
    for o in (nb.ALL_OFFENCES, tfp) for name, (g, options) in variants_run.items()}).T
nb.percent_table(sensitivity)

# %% [markdown]
# No variant changes the reading. All offences: between −6% and −2% beyond similarly busy
# wards, p from 0.10 to 0.59. Theft from the person: between −11% and −14%, p from 0.05 (five
# strata) to 0.18 — on the edge of significance in one variant, never clearly beyond it.
#
# ## 12 · Robustness: a synthetic control
#
# > **Note — synthetic control** (Abadie, Diamond & Hainmueller 2010): instead of all
# > comparison wards, a *weighted mix* of them chosen so that its monthly counts follow the
# > treated series as closely as possible before the campaign (the *synthetic* centres); the
# > gap between the real and the synthetic series during the campaign is the estimate.
# > - *Treated:* the centres' 28 core wards added up, and separately the West End's two wards
# >   (the West End and St James's), which hold about two-thirds of the centres' theft from
# >   the person.
# > - *Donors:* the busiest tenth of the comparison wards for the offence (49 of 490, by
# >   count over July 2024 – June 2025), never a treated, edge, ring or Tier 2 ward. Most
# >   comparison wards have a handful of thefts a month; with all 490 the mix can copy the
# >   centres' month-to-month noise exactly and says nothing. No ward is as busy as the
# >   centres, so every series is indexed to its own mean over the fitted months (= 100) and
# >   the mix matches the shape of the series, not its level.
# > - *Windows:* fitted on July 2022 – June 2025, compared over July–September 2025. Because
# >   theft in the busiest wards began to fall early in 2025, a fit ending in December 2024
# >   is the sensitivity, and the same fit with a **fake campaign from January to June 2025**
# >   is an *in-time placebo*: a real effect of the summer campaign should not appear there.
# > - *Fit and inference:* the pre-period RMSPE (root mean squared prediction error: the
# >   typical monthly gap before the campaign, in index points, i.e. % of the mean) says how
# >   well the mix follows the centres; the in-space placebo p-value reruns the method with
# >   each donor as if treated and ranks the ratio of the gap during the campaign to the gap
# >   before (RMSPE after / before): p = the centres' rank divided by the number of wards
# >   ranked (50 with 49 donors).

# %%
synth = {o: nb.synth_checks(matrices[o], groups) for o in (tfp, nb.ALL_OFFENCES)}
synth_table = pd.concat({o: nb.synth_table(c) for o, c in synth.items()}, names=["offence"])
donors = pd.concat({(o, treated): nb.donor_weights(check, groups)
                    for o, checks in synth.items() for (treated, design), check in checks.items()
                    if design == nb.MAIN_SYNTH}, names=["offence", "treated"])
every_donor = [w for checks in synth.values() for c in checks.values() for w in c.donors]
assert (groups.set_index("ward_code").loc[every_donor, "group"] == "comparison").all()
assert round(synth_table.loc[(tfp, "the centres' core wards", nb.MAIN_SYNTH), "gap_pct"],
             1) == -6.3
synth_table.round({"gap_pct": 1, "pre_rmspe": 1, "post_rmspe": 1, "rmspe_ratio": 2,
                   "p_value": 2})

# %%
donors.round(1)

# %%
fig, axes = plt.subplots(2, 2, figsize=(13, 7.6), sharex=True)
for column, (outcome, checks) in enumerate(synth.items()):
    paths = nb.synth_paths(checks[("the centres' core wards", nb.MAIN_SYNTH)])
    shade = (nb.CAMPAIGN.first, nb.CAMPAIGN.last)
    charts.month_lines(axes[0, column], paths, {
        "actual": ("the centres' 28 core wards", style.HIGHLIGHT),
        "synthetic": ("synthetic centres (weighted comparison wards)", style.ACCENT)},
        shade=shade)
    axes[0, column].set_title(outcome, fontsize=11)
    placebos = [c for c in paths if c.startswith("placebo: ")]
    charts.month_lines(axes[1, column], paths, {
        **{c: ("_" + c, "#c8c8c8") for c in placebos},
        "gap": ("centres − synthetic", style.HIGHLIGHT)}, shade=shade)
    for line in axes[1, column].lines[:len(placebos)]:
        line.set_linewidth(0.7)
    axes[1, column].lines[0].set_label("each donor ward as if treated (placebo)")
    axes[1, column].set_ylim(-60, 60)
axes[0, 0].set_ylabel("index, mean of July 2022 –\nJune 2025 = 100")
axes[1, 0].set_ylabel("gap, index points")
for ax in axes.flat:
    ax.legend(fontsize=8, loc="lower left", frameon=True, framealpha=0.9, edgecolor="white")
fig.suptitle("Synthetic control: during the campaign the centres' gap from their weighted "
             "twin stays within the placebo wards' spread", x=0.01, ha="left",
             fontweight="bold", fontsize=12)
style.save_figure(fig, "05_synthetic_control", f"{SOURCE}; donors: the busiest tenth of the "
                  "comparison wards; shaded: July–September 2025; placebo gaps beyond ±60 cut "
                  "off")

# %% [markdown]
# ![Synthetic control for the centres](../figures/05_synthetic_control.png)
#
# Before the campaign the synthetic centres follow the shape of the real ones — theft from
# the person's Christmas peaks, higher each year to December 2024, and its fall from spring
# 2025; the smaller seasonal swings of all offences — to within 7.4 index points a month for
# theft and 4.4 for all offences (a fair fit, not a tight one). The mix is of busy wards with a high street or
# shopping centre outside the centres' rings: Royal Hospital and Campden (Kensington and
# Chelsea), East Ham, Hounslow Central and Enfield Town for theft; Brompton & Hans Town,
# West Hendon, Wembley Hill, East Ham and Hayes Town for all offences; the West End's own
# mixes lean on the same wards. Every donor is a comparison ward (asserted above).
#
# - **Theft from the person.** In July–September 2025 the centres were **6.3% below** their
#   synthetic twin, all of it in July; August and September sit on it. Half the donor wards,
#   run as placebos, depart as far from their own twins (p = 0.50); with the busiest fifth as
#   donors, −8.3% (p = 0.60). Fitted only up to December 2024 the gap is −18.1% (p = 0.04) —
#   but the in-time placebo with that fit already finds **−16.8% in January–June 2025**
#   (p = 0.04), before the campaign began. The centres fell away from their twin in spring
#   2025 and the summer added nothing: the event study's finding, by another route.
# - **All offences.** −9.3% against the synthetic twin (p = 0.16: 8 of the 50 wards ranked
#   depart as far), the gap largest in August; −5.3% with the busiest fifth as donors (p =
#   0.60) and −13.7% fitted up to December 2024 (p = 0.16). Here the in-time placebo is clean
#   (−3.2% in January–June 2025, p = 0.76): no earlier divergence, but no significant fall in
#   the campaign either.
# - **The West End alone** is fitted poorly — no mix of other wards follows it (pre-period
#   RMSPE 12.5 index points for theft, 11.1 for all offences) — and its gaps (−13.6% and
#   −17.9%) are no larger than that misfit (p = 0.66 and 0.44).
#
# The synthetic control agrees with the main design: no fall that can be put down to the
# campaign, a theft gap that opened before it, and an all-offence gap of −5% to −14% that
# one placebo ward in six or more matches.

# %% [markdown]
# ## Caveats
#
# - **Wards are not hot spots.** The Met patrolled streets and squares inside wards that
#   also hold homes, parks and side streets; a real effect on the hot streets is diluted at
#   ward level. Shares of crime in the centres' wards are upper bounds for the Met's areas.
# - **Who was treated is partly unknown.** The Met's list of 32 centres and its hot-spot
#   outlines are not published; 12 of the 32 are unnamed and may sit among the comparison
#   wards, pulling estimates towards zero. Each tie of a centre to a ward is the project's
#   (with method and confidence), not the Met's.
# - **Patrols are unobserved.** No open data record where or how often officers went, so the
#   campaign is treated as on for whole wards for three whole months.
# - **Everything else that happened.** The Home Office's national summer initiative ran in 649
#   town centres across England and Wales at the same time, and neighbourhood policing
#   changed from July 2025; comparison wards absorb what was shared across London, not what
#   was local.
# - **Parallel trends fail for theft.** The event study's leads reject them for theft from the
#   person (p < 0.001) and, more mildly, violence with injury (p = 0.03): for these offences
#   the comparison-ward estimates describe a divergence that predates the campaign.
# - **The synthetic control matches shapes, not levels**, from a donor pool chosen for being
#   busy (the busiest tenth of comparison wards), and fits the West End poorly.
# - **Placebo sets are drawn, the centres were chosen.** Randomisation inference asks whether
#   the centres' change is unusual among similarly busy wards; no ward is as busy as the West
#   End, so for the biggest centres the placebo wards are stand-ins.
# - **Not measurable with open data:** "repeat" offences, calls about anti-social behaviour,
#   knife crime below borough level.
#
# **Takeaway.** The research backs focused hot-spot patrols but less firmly for theft than
# for violence and disorder; in London, the summer 2025 campaign left no fall in the 20
# centres' wards that similarly busy wards did not also show — and the large fall in theft
# from the person in the busiest places began months before it (the event study's leads and
# the synthetic control's in-time placebo both find it), which rules the campaign out as its
# cause but not the Met's earlier hot-spot work.
#
# ## Evidence recorded for the claims registry

# %%
evidence_log = record(NOTEBOOK)
evidence_log.primary("research-focused-patrols-reduce-crime",
                     verdicts.research("research-focused-patrols-reduce-crime", reviews),
                     source="data/reference/hot_spot_policing_effects.csv",
                     figure="figures/05_research_evidence.png")
theft_share = shares.loc[tfp]
evidence_log.primary("press-centres-share-theft-person", nb.theft_share_verdict(
    theft_share["core wards"], theft_share["core + edge wards"],
    theft_share["West End + St James's wards"], len(core)), source="Met ward file",
    vintage="2026-03", figure="figures/05_centres_map.png")
evidence_log.primary("press-centres-share-asb", nb.asb_share_verdict(
    asb["core wards"], asb["core + edge wards"], len(core)),
    source="police.uk 100 m hexagon counts (third-party aggregate)", vintage="2025-05..2026-04")
evidence_log.primary("press-centres-crime-down-18pct", nb.fall_verdict(
    all_raw.at["treated", "change_pct"], wide_change, all_raw.at["comparison", "change_pct"],
    implied, len(core)), source="Met ward file", vintage="2026-03",
    figure="figures/05_effect_by_month.png")
WARD_FILE = "Met ward file (releases 2026-03, 2026-01, historical)"
YEAR_TO_MAY = "% of London's theft from the person, year to May 2025"

# %%
for name, column in [("core-wards", "core wards"), ("core-and-edge-wards", "core + edge wards"),
                     ("west-end-and-st-jamess", "West End + St James's wards")]:
    evidence_log.supporting("press-centres-share-theft-person", name,
                            f"Theft from the person in the centres' {column}, an upper bound "
                            "for the Met's areas", source=WARD_FILE, our_value=theft_share[column],
                            claimed_value=24, unit=YEAR_TO_MAY, vintage="2026-03",
                            figure="figures/05_centres_map.png")
evidence_log.sensitivity("press-centres-share-theft-person", "release-2025-06",
                         "Core wards' share in the release of June 2025 (what the Met had then)",
                         source="Met ward file, release 2025-06", vintage="2025-06",
                         our_value=share_checks.iloc[0], claimed_value=24, unit=YEAR_TO_MAY)
evidence_log.supporting("press-centres-share-asb", "police-uk-incidents",
                        "police.uk ASB incidents (not calls) in the core wards, May 2025 - April "
                        f"2026 (core + edge wards: {asb['core + edge wards']:.1f}%)",
                        source="police.uk 100 m hexagon counts (third-party aggregate)",
                        our_value=asb["core wards"], claimed_value=6, unit="% of London")
evidence_log.supporting(
    "press-centres-crime-down-18pct", "raw-change-core-wards",
    "All offences in the core wards, July-September 2025 vs 2024 (comparison wards: "
    f"{all_raw.at['comparison', 'change_pct']:+.1f}%; with edge wards {wide_change:+.1f}%)",
    source=WARD_FILE, our_value=all_raw.at["treated", "change_pct"], claimed_value=-18,
    unit="% change", vintage="2026-03")

# %%
BEYOND = "% change beyond similarly busy wards (randomisation inference)"
for outcome in (nb.ALL_OFFENCES, tfp, "shoplifting", "personal robbery"):
    r = campaign[outcome]
    evidence_log.supporting(
        "press-centres-crime-down-18pct", "did-" + outcome.replace(" ", "-"),
        f"Causal reading, {outcome}: {r.raw_pct:+.1f}% against comparison wards, "
        f"randomisation p = {nb.p_text(r.p_value)}, smallest detectable fall "
        f"{-r.mde_pct:.0f}%; the quarter before: {before[outcome].raw_pct:+.1f}%",
        source=WARD_FILE, our_value=r.pct_change, low=r.ci_pct[0], high=r.ci_pct[1],
        unit=BEYOND, vintage="2026-03", figure="figures/05_effect_by_month.png")
for outcome in (nb.ALL_OFFENCES, tfp):
    r = no_west_end[outcome]
    evidence_log.sensitivity(
        "press-centres-crime-down-18pct", "without-west-end-" + outcome.replace(" ", "-"),
        f"{outcome.capitalize()} without the West End, randomisation p = "
        f"{nb.p_text(r.p_value)}", source=WARD_FILE, our_value=r.pct_change,
        low=r.ci_pct[0], high=r.ci_pct[1], unit=BEYOND, vintage="2026-03",
        figure="figures/05_by_centre.png")

# %%
for outcome in (nb.ALL_OFFENCES, tfp):
    evidence_log.supporting("press-centres-crime-down-18pct",
                            **nb.lead_evidence(outcome, leads[outcome]), source=WARD_FILE,
                            vintage="2026-03", figure="figures/05_effect_by_month.png")
    for row in nb.synth_evidence(outcome, synth[outcome]):
        evidence_log.sensitivity("press-centres-crime-down-18pct", **row, source=WARD_FILE,
                                 vintage="2026-03", figure="figures/05_synthetic_control.png")

# %%
for outcome, change_row in last_year.iterrows():
    evidence_log.supporting(
        "hotspot-policing-reduced-repeat-offences", outcome.replace(" ", "-") + "-trend",
        f"{outcome.capitalize()} in the core wards, year to June 2025 vs the year before "
        f"(rest of London {change_row['rest_pct']:+.1f}%): descriptive, not causal",
        source=WARD_FILE, our_value=change_row["centres_pct"], unit="% change",
        figure="figures/05_repeat_offences_trend.png")
evidence_log.supporting(
    "hotspot-policing-reduced-repeat-offences", "theft-fall-beyond-regression",
    "Theft from the person, busiest 5% of wards against London, 2024/25 to 2025/26 (stable-rate"
    f" model: {summary['latest: stable-rate model expects (%)']:+.1f}%; a larger fall in "
    f"{summary['historical pairs with a larger fall']:.0f} of 12 historical pairs); falling "
    f"from {onset:%B %Y}, before the summer campaign", source=WARD_FILE,
    our_value=summary["latest: relative change (%)"], unit="% relative to London",
    figure="figures/05_theft_fall_by_month.png")
top_tenth = nb.busiest_tenth({o: matrices[o] for o in ("shoplifting", tfp)}, core,
                             MonthSpan.ending("2025-06"))
evidence_log.supporting(
    "tier-1-town-centres", "busiest-tenth", "The article's Tier 1 centres (as the Met's "
    "centres) with a core ward in London's busiest tenth of wards for shoplifting or theft "
    "from the person, year to June 2025", source=WARD_FILE,
    our_value=int(top_tenth.loc[list(nb.TIER_1)].any(axis=1).sum()),
    unit=f"of {len(nb.TIER_1)} centres", figure="figures/05_centres_map.png")
evidence_log.save()
evidence_log.show()
