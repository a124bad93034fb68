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
# # 02 · Mobile-phone theft hot spots: the West End and its neighbours
#
# **The claims.** Under "Mobile Phone Theft in Tourist Areas" the article says:
#
# > • Nearly 80,000 mobile phones stolen in 2024, totalling ~£50 million in losses.
# > • West End tops the list: ~13,578 thefts—around 37 per day.
# > • Other high-risk wards: St James's, Bloomsbury / Holborn & Covent Garden, Borough &
# >   Bankside, and Waterloo & South Bank.
#
# and, earlier, that hot spots are "precisely defined micro-areas (streets, parks, squares)".
#
# **What open data can and cannot say.** No open police dataset records *what* was stolen, so
# there is no "phone" flag. We therefore check the claims against honest **proxies** — the
# offence types in which most phone thefts are recorded — and say plainly where that stops.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import patheffects
from matplotlib.patches import Rectangle

from hotspots.analyses import phone_theft as pt
from hotspots.claims.registry import Claim, write_claims
from hotspots.claims.verdicts import verdict
from hotspots.geo import assign
from hotspots.io import boundaries as geography
from hotspots.io import met, police_uk
from hotspots.io import police_uk_extracts as police_uk_subsets
from hotspots.io.ledger import load_reports
from hotspots.months import MonthSpan
from hotspots.stats import density
from hotspots.viz import style

style.use_house_style()
pd.set_option("display.width", 120)
pd.set_option("display.max_colwidth", 60)
NOTEBOOK = "02_phone_theft_hot_spots"
TFP, ROB, BOTH = pt.PROXIES  # the three proxy names, in order

# %% [markdown]
# ## Data and provenance
#
# | source | what we use | vintage, months |
# |---|---|---|
# | Met ward counts (2022 wards) | ward × category × month | **2025-12** (main), 2025-03, 2025-06 |
# | Met ward counts, historical Parquet | West End, 2023-01…2024-02 | historical-2024-02 |
# | Met LSOA counts (Parquet) | theft from the person per LSOA | 2026-02; 2024-03…2026-02 |
# | police.uk 100 m hexagon counts | theft from the person per hexagon | 2025-05…2026-04 |
# | police.uk API, 1 mile of Charing Cross | records at anonymised map points | 2025-12 |
# | police.uk street files, City of London | records at anonymised map points | 2025 |
#
# The three ward vintages are the ones in the mirror that hold all twelve months of 2024;
# 2025-12 (JDevs-py, 2024-01…2025-12) is the latest of them, so the most revised.
#
# **Note — the proxies.** Phone thefts are mostly recorded as *theft from the person*
# (snatched or pickpocketed, no force) or *robbery of personal property* (force or threat). We
# use three proxies from the Met's minor categories: theft from the person; robbery of personal
# property; and both together. Phones are also taken in burglaries, from cars and from tables
# ("other theft"), and many thefts from the person are wallets or bags, so no proxy is an upper
# or a lower bound: each is a yardstick. The window is calendar 2024 (2024 is a leap year:
# 366 days). Ward totals include every row of the file (the Heathrow airport row, with no ward
# code, included); rankings use the wards with a code.

# %%
MAIN = "2025-12"
CHECK_VINTAGES = ["2025-03", "2025-06", MAIN]
YEAR = ("2024-01", "2024-12")
DAYS_2024 = MonthSpan(*YEAR).days
assert DAYS_2024 == 366

wards = {v: met.load_counts("ward", v) for v in CHECK_VINTAGES}
counts = {v: pt.proxy_counts(table, *YEAR) for v, table in wards.items()}
assert counts[MAIN]["area_code"].notna().sum() == 678  # 2022 wards in the Met's file

# %% [markdown]
# ## 1 · "Nearly 80,000 phones" and "~13,578 in the West End"

# %%
ARTICLE = {"london": 80_000, "west_end": 13_578, "per_day": 37, "losses_gbp": 50_000_000}
WEST_END = pt.match_ward(pt.rank_wards(counts[MAIN], TFP, DAYS_2024), "West End")["area_code"]

rows = []
for v, table in counts.items():
    west = table[table["area_code"] == WEST_END].iloc[0]
    for proxy in pt.PROXIES:
        london = int(table[proxy].sum())
        rows.append({"vintage": v, "proxy": proxy, "London 2024": london,
                     "80,000 as % of it": 100 * ARTICLE["london"] / london,
                     "West End 2024": int(west[proxy]),
                     "13,578 as % of it": 100 * ARTICLE["west_end"] / west[proxy],
                     "West End per day": MonthSpan(*YEAR).per_day(west[proxy]),
                     "West End share of London %": 100 * west[proxy] / london})
proxy_table = pd.DataFrame(rows).set_index(["vintage", "proxy"])
main = proxy_table.loc[MAIN]
assert main.loc[TFP, "London 2024"] == 96_912 and main.loc[TFP, "West End 2024"] == 18_019
assert main.loc[BOTH, "London 2024"] == 123_656
proxy_table.round(1)

# %% [markdown]
# Every vintage agrees to within a few dozen offences, so the choice of vintage does not matter
# here. In the main vintage (2025-12), London recorded **96,912 thefts from the person** and
# **26,744 robberies of personal property** in 2024; the West End ward (Westminster) alone had
# **18,019** thefts from the person — **49 a day** — and 1,470 robberies.
#
# - *80,000 phones* would be 83% of London's thefts from the person, or 65% of thefts from the
#   person and robberies together: plausible for a phone-only count, but not checkable.
# - *13,578 in the West End* is 75% of the ward's thefts from the person (70% of both offence
#   types). The article's West End share of its London total (13,578 / 80,000 = 17.0%) sits
#   between the West End's share of the two proxies (18.6% and 15.8%): the two phone figures are
#   at least consistent with each other.
#
# Could 13,578 be the West End's theft-from-the-person count for some other twelve months? The
# closest 12-month totals in any vintage:

# %%
ward_history = pd.concat([met.load_all_vintages("ward"), met.load_ward_historical()],
                         ignore_index=True)
west_monthly = pt.monthly_series(ward_history, WEST_END, pt.PROXIES[TFP])
rolling = west_monthly.astype("float64").rolling(12).sum().stack().rename("12-month total")
nearest = (rolling - ARTICLE["west_end"]).abs().sort_values(kind="stable").head(4).index
rolling.loc[nearest].astype("int64").rename_axis(["12 months ending", "vintage"]).to_frame()

# %% [markdown]
# The nearest windows (year to January 2024: 13,620; calendar 2025: 13,370; calendar 2023:
# 13,289) are not calendar 2024. Theft from the person in the West End rose by more than a third from 2023
# to 2024 and fell back in 2025, so a 2024 phone count of 13,578 is *not* the ward's
# theft-from-the-person total for 2024 (18,019) under any vintage.
#
# **The arithmetic of "37 per day" and "£50 million".**

# %%
arithmetic = pd.Series({
    "13,578 / 366 days (2024)": ARTICLE["west_end"] / DAYS_2024,
    "13,578 / 365 days": ARTICLE["west_end"] / 365,
    "£50m / 80,000 phones (£ per phone)": ARTICLE["losses_gbp"] / ARTICLE["london"],
    "West End theft from the person per day (2024)": main.loc[TFP, "West End per day"],
})
assert round(ARTICLE["west_end"] / DAYS_2024) == ARTICLE["per_day"]
arithmetic.round(2).to_frame("value")

# %% [markdown]
# 13,578 ÷ 366 = 37.1, so "around 37 per day" is the right arithmetic for the article's own
# count. £50 million over 80,000 phones is **£625 a phone**: a plausible average for a
# second-hand smartphone, but open crime data record no property values, so the loss figure
# cannot be checked.

# %% [markdown]
# ## 2 · Which wards top the list?
#
# **Note — matching names.** The article's ward names are matched to the Met's 2022 wards
# with `hotspots.names.name_key` (case, "&"/"and", apostrophes ignored); each name matches
# exactly one ward in London. "Bloomsbury / Holborn & Covent Garden" is read as **two** Camden
# wards, Bloomsbury and Holborn & Covent Garden, which share the article's third and fourth
# places in either order; the list therefore names six wards and claims the top six, in the
# order West End, St James's, {Bloomsbury, Holborn & Covent Garden}, Borough & Bankside,
# Waterloo & South Bank. Ranks are competition ranks (ties share the best rank).

# %%
rankings = {(v, p): pt.rank_wards(counts[v], p, DAYS_2024) for v in counts for p in pt.PROXIES}
top20 = rankings[(MAIN, TFP)].head(20).set_index("rank")
top20["robbery (same ward)"] = top20["area_code"].map(
    rankings[(MAIN, ROB)].set_index("area_code")["count"])
top20.drop(columns="area_code").round(1)

# %%
named = pt.check_named_wards(rankings[(MAIN, TFP)])
assert named["in_place"].all()
named.set_index("named")

# %% [markdown]
# On theft from the person the six named wards are **exactly London's top six, in the
# article's order**. Is that robust to the proxy and the vintage?

# %%
checks = {key: pt.check_named_wards(r) for key, r in rankings.items()}
robust = pd.DataFrame({
    "named wards' ranks": {k: ", ".join(map(str, c["rank"])) for k, c in checks.items()},
    "all in the top 6": {k: c["in_named_top"].all() for k, c in checks.items()},
    "in the article's order": {k: c["in_place"].all() for k, c in checks.items()},
})
assert robust.loc[[(v, p) for v in CHECK_VINTAGES for p in (TFP, BOTH)]].iloc[:, 2].all()
robust.rename_axis(["vintage", "proxy"])

# %% [markdown]
# The list holds for theft from the person and for both offence types together, in all three
# vintages. On robbery alone it does not: Hoxton East & Shoreditch (Hackney), Fairfield
# (Croydon) and Vauxhall (Lambeth) out-rank Borough & Bankside and Holborn & Covent Garden. The article's list is a
# theft-from-the-person (pickpocketing and snatch) list.

# %%
fig, ax = plt.subplots(figsize=(9, 6.5))
bars = rankings[(MAIN, TFP)].head(20).iloc[::-1]
named_codes = set(rankings[(MAIN, TFP)].head(6)["area_code"])
colours = [style.HIGHLIGHT if c in named_codes else style.NEUTRAL for c in bars["area_code"]]
labels = [f"{n} ({b})" for n, b in zip(bars["area_name"], bars["borough"], strict=True)]
ax.barh(labels, bars["count"] / 1000, color=colours)
ax.axvline(ARTICLE["west_end"] / 1000, color=style.ACCENT, linestyle="--", linewidth=1)
ax.text(ARTICLE["west_end"] / 1000, 1, " article: 13,578 phones\n in the West End",
        color=style.ACCENT, fontsize=8, va="bottom")
ax.set_xlabel("thefts from the person in 2024 (thousands)")
ax.set_title("Top 20 wards for theft from the person, 2024\n(red: the six the article names)")
ax.grid(axis="y", visible=False)
style.save_figure(fig, "02_ward_ranking", f"{style.OGL_MET}; ward vintage {MAIN}", svg=True)

# %% [markdown]
# **How concentrated is it?** Share of London's ward total held by the top 1%, 5% and 10% of
# the 678 wards (`hotspots.concentration`, read off the Lorenz curve, so "top 1%" = 6.78
# wards):

# %%
shares = pd.concat(
    {p: pt.top_shares(rankings[(MAIN, p)]["count"])["share_pct"] for p in pt.PROXIES}, axis=1
)
shares.insert(0, "wards", pt.top_shares(rankings[(MAIN, TFP)]["count"])["units"])
assert 37 < shares.loc["top 1%", TFP] < 38
shares.round(1)

# %% [markdown]
# Seven wards — 1% of London's — hold **38% of all thefts from the person**; the West End and
# St James's alone hold 29%. Robbery is far less concentrated (the top 1% of wards hold 13%).

# %% [markdown]
# ## 3 · Where inside those wards? Maps at LSOA level
#
# **Note — the geography gap.** The mirror has **no 2022 ward polygons** (and no LSOA-to-2022
# ward lookup), so the ward table above cannot be mapped, and ward totals cannot be rebuilt from
# smaller areas. We map the Met's own counts for the 4,988 2021 LSOAs instead (1,000–3,000
# residents each). The LSOA file starts in **March 2024** (its February 2024 column is nearly
# empty), so calendar 2024 is not available: we use **March 2024 – February 2025**, the twelve
# months closest to 2024 (ten of them in 2024), rather than calendar 2025, which would be a year
# further from the claim. To say roughly *where* a hot LSOA is, each LSOA is tagged with the
# **pre-2014 ward** (the 2002–2014 boundaries, the only wards in the mirror) that contains its
# centre. These are approximate places, not the 2022 wards: Westminster and Camden redrew their
# wards in 2022; Borough & Bankside's forerunner is Cathedrals and Waterloo & South Bank's is
# Bishop's.

# %%
LSOA_WINDOW = ("2024-03", "2025-02")
lsoa_counts = pt.proxy_counts(met.load_lsoa_counts(), *LSOA_WINDOW)
lsoas = geography.lsoas_2021()
old_wards = geography.wards_2014()
lsoas["place (pre-2014 ward)"] = assign.label_by_place(lsoas, old_wards, "ward_name")
lsoa_map = lsoas.merge(lsoa_counts[["area_code", TFP, ROB]], how="left",
                       left_on="lsoa_code", right_on="area_code")
missing = lsoa_map.loc[lsoa_map[TFP].isna(), "borough_name"]
assert len(lsoa_counts) == 4_988 and missing.tolist() == ["City of London"] * 6
top_lsoas = lsoa_map.dropna(subset=[TFP]).sort_values([TFP, "lsoa_code"],
                                                      ascending=[False, True]).head(10)
top_lsoas.index = pd.RangeIndex(1, 11, name="map label")
top_lsoas[["lsoa_code", "lsoa_name", "borough_name", "place (pre-2014 ward)", TFP, ROB]].astype(
    {TFP: "int64", ROB: "int64"})

# %% [markdown]
# The six LSOAs with no figures are the City of London's, which the City of London Police
# covers (the Met's files leave it out). How big are the top LSOAs? Compared with the 32 Met
# boroughs over the same twelve months (borough vintage 2025-12):

# %%
boroughs_window = pt.proxy_counts(met.load_counts("borough", MAIN), *LSOA_WINDOW)
borough_tfp = boroughs_window.dropna(subset=["area_code"])[TFP]
assert len(borough_tfp) == 32
pd.DataFrame({"thefts from the person": top_lsoas[TFP].head(3).astype("int64"),
              "Met boroughs with fewer": [int((borough_tfp < n).sum())
                                          for n in top_lsoas[TFP].head(3)]},
             ).set_index(top_lsoas["lsoa_name"].head(3))

# %% [markdown]
# Two Westminster LSOAs in the old West End ward — around Oxford Street and Soho, each about
# the size of a few blocks — recorded **7,592 and 6,353 thefts from the person in twelve
# months**: more than 30 and 29 of the 32 Met boroughs respectively. Eight of the top ten lie in the article's
# named areas (the others are by Marylebone High Street and in Stratford).
#
# How far is an LSOA map from the ward table? For the same twelve months, the 2022 ward counts
# (ward vintage 2026-01, the one closest to the LSOA file's) against the sum of the LSOAs
# whose centres lie in each place's pre-2014 ward:

# %%
ward_window = pt.proxy_counts(met.load_counts("ward", "2026-01"), *LSOA_WINDOW)
rank_window = pt.rank_wards(ward_window, TFP, MonthSpan(*LSOA_WINDOW).days)
lsoa_by_place = lsoa_map.groupby("place (pre-2014 ward)")[TFP].sum()
gap_table = pd.DataFrame({
    "2022 ward count": {w: int(pt.match_ward(rank_window, w)["count"])
                        for w in pt.PRE_2014_PLACES},
    "pre-2014 ward used as its place": pt.PRE_2014_PLACES,
    "sum of its LSOAs": {w: int(lsoa_by_place[old]) for w, old in pt.PRE_2014_PLACES.items()},
})
gap_table["difference %"] = 100 * (gap_table["sum of its LSOAs"]
                                   / gap_table["2022 ward count"] - 1)
gap_table.round(1)

# %% [markdown]
# The LSOAs in the old West End ward add up to 8% less than the 2022 West End ward; the
# Cathedrals LSOAs to 36% more than Borough & Bankside. This is what the missing boundaries
# cost: LSOA maps show *where*, but a 2022 ward's total can only be taken from the Met's ward
# table, never rebuilt from a map.

# %%
ZOOM = (527_300, 178_700, 533_500, 182_800)  # central London, BNG metres
anchors = pt.place_anchors(old_wards)
borough_shapes = geography.boroughs()
HALO = [patheffects.withStroke(linewidth=2.5, foreground="white")]


def add_context(ax: plt.Axes) -> None:
    """Borough boundaries and the article's place names (at points inside pre-2014 wards)."""
    borough_shapes.boundary.plot(ax=ax, color="#555555", linewidth=0.7)
    for _, anchor in anchors.iterrows():
        ax.annotate(anchor["label"], (anchor.geometry.x, anchor.geometry.y), ha="center",
                    va="center", fontsize=8, style="italic", color=style.ACCENT,
                    path_effects=HALO)


fig, (ax_l, ax_z) = plt.subplots(1, 2, figsize=(13, 6.5), width_ratios=[1, 1.15])
plot_kwds = {"column": TFP, "scheme": "HeadTailBreaks", "cmap": style.SEQUENTIAL_CMAP,
             "missing_kwds": {"color": "#dddddd", "label": "City of London (not in Met data)"}}
lsoa_map.plot(ax=ax_l, linewidth=0, legend=True, legend_kwds={
    "title": "thefts from the person\nMar 2024–Feb 2025", "loc": "lower right", "fontsize": 7,
    "title_fontsize": 8, "fmt": "{:,.0f}", "bbox_to_anchor": (1.05, 0)}, **plot_kwds)
borough_shapes.boundary.plot(ax=ax_l, color="#555555", linewidth=0.3)
ax_l.add_patch(Rectangle(ZOOM[:2], ZOOM[2] - ZOOM[0], ZOOM[3] - ZOOM[1], fill=False,
                         edgecolor=style.ACCENT, linewidth=1.2))
style.map_axes(ax_l, "London, by 2021 LSOA (head/tail breaks)")
lsoa_map.cx[ZOOM[0]:ZOOM[2], ZOOM[1]:ZOOM[3]].plot(ax=ax_z, edgecolor="#ffffff", linewidth=0.2,
                                                   **plot_kwds)
add_context(ax_z)
for label, row in top_lsoas.iterrows():
    point = row.geometry.representative_point()
    ax_z.annotate(str(label), (point.x, point.y), xytext=(0, 9), textcoords="offset points",
                  ha="center", va="center", fontsize=7.5, fontweight="bold",
                  bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "#333333", "lw": 0.6})
ax_z.set_xlim(ZOOM[0], ZOOM[2])
ax_z.set_ylim(ZOOM[1], ZOOM[3])
style.map_axes(ax_z, "Central London: circled numbers = top 10 LSOAs")
ax_z.text(0.01, 0.01, "lines: borough boundaries; place names sit inside the pre-2014 ward of\n"
          "that name (≈: its forerunner) — not 2022 ward boundaries", transform=ax_z.transAxes,
          fontsize=7, color="#555555")
fig.suptitle("Theft from the person by LSOA, March 2024 – February 2025", x=0.01, ha="left",
             fontweight="bold", fontsize=13)
style.save_figure(fig, "02_lsoa_map", f"{style.OGL_MET} (LSOA vintage 2026-02); "
                  f"{style.OGL_BOUNDARIES}")

# %% [markdown]
# **Seasonality.** The West End's theft from the person by month, one line per vintage:

# %%
window = west_monthly.loc["2023-01":"2026-03"]
fig, ax = plt.subplots()
for i, v in enumerate(window.columns):  # wider lines first, so overlapping vintages show
    series = window[v].dropna()
    ax.plot(series.index.to_timestamp(), series.to_numpy(), label=f"vintage {v}",
            linewidth=4.5 - 0.7 * i, alpha=0.8)
ax.set_title("West End ward: thefts from the person per month, by vintage")
ax.set_ylabel("offences per month")
ax.set_xlabel("month")
ax.legend(fontsize=8, ncol=2)
style.save_figure(fig, "02_west_end_monthly", f"{style.OGL_MET}; ward vintages and the "
                  "historical Parquet (fenneh)")

months_2024 = west_monthly.loc["2024-01":"2024-12", MAIN]
assert months_2024.sum() == 18_019
season = pd.Series({"peak month": str(months_2024.idxmax()), "peak count": months_2024.max(),
                    "lowest month": str(months_2024.idxmin()),
                    "lowest count": months_2024.min(),
                    "Nov + Dec share of 2024 %": round(100 * months_2024.loc["2024-11":].sum()
                                                       / months_2024.sum(), 1)})
season.to_frame(f"West End 2024, vintage {MAIN}")

# %% [markdown]
# The vintages lie on top of each other (revisions of a few offences a month). The series
# peaks every **November–December** (the Christmas shopping and lights season: 2,402 in December
# 2024, 77 a day) and bottoms out in **August–September**; 2024 was the high point and 2025
# fell back by about a quarter.

# %% [markdown]
# ## 4 · Micro-places: streets, squares and map points
#
# Three finer sources, all built on data.police.uk records:
#
# - **100 m hexagons** (third-party, 2025-05…2026-04): counts of theft from the person per
#   hexagon of 100 m radius (centre to corner, 2.6 ha). The uploader binned points on a local
#   *equirectangular* grid (x = lon·111,320·cos 51.5°, y = lat·110,540); we project the centres
#   to British National Grid and draw regular 100 m hexagons round them, which matches the
#   uploader's cells to within a few metres.
# - **API records within 1 mile of Charing Cross** (December 2025): 6,305 crimes, 2,140 of them
#   thefts from the person, each at an anonymised map point.
# - **City of London street records** (2025): the only full police.uk street files in the
#   mirror; the City is not the West End, but it shows how map points behave over a year.
#
# **Note — anonymisation.** data.police.uk never publishes where a crime happened: each record
# is moved to the nearest of a fixed set of "snap points" — the centre of a street, or a point
# such as a station, park or nightclub — each covering at least eight postal addresses or none
# at all. So the smallest "place" open data can show is a snap point's catchment, and many
# incidents at different spots on a busy street share one point.

# %%
hexes = police_uk_subsets.load_hex_counts()
hex_tfp = pt.hex_totals(hexes, "Theft from the person")
assert int(hex_tfp["count"].sum()) == 78_526
hex_tfp["from Charing Cross (m)"] = assign.distance_from(hex_tfp["x"], hex_tfp["y"],
                                                     pt.CHARING_CROSS)
api = police_uk_subsets.load_charing_cross_api()
api_tfp = api[api["crime_type"] == "Theft from the person"]
api_points = pt.snap_points(api_tfp)
assert len(api_tfp) == 2_140 and len(api_points) == 409

total_hex = hex_tfp["count"].sum()
pd.Series({
    "thefts from the person (12 months)": int(total_hex),
    "hexagons with at least one": len(hex_tfp),
    "share in the top 10 hexagons %": round(100 * hex_tfp["count"].head(10).sum() / total_hex, 1),
    "share in the top 100 hexagons %": round(100 * hex_tfp["count"].head(100).sum() / total_hex,
                                             1),
    "share within 1 mile of Charing Cross %": round(100 * hex_tfp.loc[
        hex_tfp["from Charing Cross (m)"] <= pt.ONE_MILE_M, "count"].sum() / total_hex, 1),
}, dtype=object).to_frame("London, 2025-05…2026-04")

# %% [markdown]
# Ten hexagons — 26 hectares, under 0.02% of London's 157,000 — hold 7.8% of London's thefts
# from the person (one in thirteen); the hundred busiest hold a quarter.

# %%
central_hex = hex_tfp.cx[ZOOM[0]:ZOOM[2], ZOOM[1]:ZOOM[3]]
top_hex = central_hex.head(8).reset_index(drop=True)
top_hex.index = pd.RangeIndex(1, 9, name="map label")
top_hex["nearest Dec 2025 map point (≤ 150 m)"] = pt.nearest_location(
    top_hex["x"], top_hex["y"], pt.snap_points(api), 150).str.removeprefix("On or near ").fillna("(outside the extract)").array
centre = police_uk.to_bng([pt.CHARING_CROSS[0]], [pt.CHARING_CROSS[1]])

fig, ax = plt.subplots(figsize=(11, 8))
central_hex.plot(ax=ax, column="count", scheme="FisherJenks", k=5, cmap=style.SEQUENTIAL_CMAP,
                 edgecolor="#ffffff", linewidth=0.2, legend=True,
                 legend_kwds={"title": "thefts from the person\nper hexagon, 12 months",
                              "loc": "lower left", "fmt": "{:,.0f}", "fontsize": 8})
add_context(ax)
for label, row in top_hex.iterrows():
    ax.annotate(str(label), (row.x, row.y), ha="center", va="center", fontsize=7,
                fontweight="bold", color="white")
ax.add_patch(plt.Circle((centre[0][0], centre[1][0]), pt.ONE_MILE_M, fill=False,
                        linestyle="--", edgecolor=style.ACCENT, linewidth=0.8))
ax.set_xlim(ZOOM[0], ZOOM[2])
ax.set_ylim(ZOOM[1], ZOOM[3])
style.map_axes(ax, "Theft from the person in 100 m hexagons, May 2025 – April 2026")
ax.text(0.01, 0.99, "white numbers: the 8 busiest hexagons (table below); dashed: 1 mile round "
        "Charing Cross", transform=ax.transAxes, fontsize=7.5, va="top", color="#555555")
style.save_figure(fig, "02_hex_central", f"{style.OGL_POLICE}; hexagon counts by "
                  f"Ellmal/3D-London-Crime-Statistics; {style.OGL_BOUNDARIES}", svg=True)
top_hex[["count", "nearest Dec 2025 map point (≤ 150 m)", "from Charing Cross (m)"]].round(0)

# %% [markdown]
# The busiest hexagons run along **Oxford Street** — from Selfridges past Oxford Circus to
# Tottenham Court Road — and through **Soho, Chinatown and Leicester Square**; Covent Garden,
# the Strand and the South Bank are a step lower. Several of the nearest map points are not
# streets but place types ("Further/higher Educational Building", "Nightclub", "Shopping
# Area"): that is how data.police.uk names points at premises.
#
# **A smoothed surface.** A Gaussian kernel density estimate of December 2025's thefts from the
# person within one mile of Charing Cross (scikit-learn `KernelDensity`).
#
# **Note — KDE settings.** Gaussian kernel, isotropic, **bandwidth (standard deviation) 100 m**
# — about one street block, and larger than the typical 58 m gap between neighbouring map
# points, so the surface does not simply redraw the snap points; **grid 20 m**; fitted on the
# 409 distinct map points weighted by their records (the same as fitting the 2,140 records);
# shown only inside the one-mile circle the extract covers. Units: records per hectare in the
# month. Bandwidths of 50 m and 200 m are compared below.

# %%
bounds = (centre[0][0] - pt.ONE_MILE_M, centre[1][0] - pt.ONE_MILE_M,
          centre[0][0] + pt.ONE_MILE_M, centre[1][0] + pt.ONE_MILE_M)
BANDWIDTH, CELL = 100.0, 20.0
surfaces = {h: density.kde_surface(api_points["x"], api_points["y"], api_points["records"], h, CELL,
                              bounds).within(centre[0][0], centre[1][0], pt.ONE_MILE_M)
            for h in (50.0, BANDWIDTH, 200.0)}
surface = surfaces[BANDWIDTH]
fig, ax = plt.subplots(figsize=(10, 8.5))
image = ax.imshow(surface.density, origin="lower", extent=surface.extent(),
                  cmap=style.SEQUENTIAL_CMAP, interpolation="none")
ax.scatter(api_points["x"], api_points["y"], s=api_points["records"] * 1.5, facecolor="none",
           edgecolor="#333333", linewidth=0.4)
add_context(ax)
ax.plot(centre[0][0], centre[1][0], marker="+", color=style.ACCENT, markersize=10)
for i, row in api_points.head(5).iterrows():
    ax.annotate(f"{row['location'].removeprefix('On or near ')} ({row['records']})",
                (row.x, row.y), xytext=(40, 30 - 14 * i), textcoords="offset points",
                fontsize=7.5, arrowprops={"arrowstyle": "-", "lw": 0.5}, path_effects=HALO)
ax.set_xlim(bounds[0], bounds[2])
ax.set_ylim(bounds[1], bounds[3])
fig.colorbar(image, ax=ax, shrink=0.7, label="thefts from the person per hectare, Dec 2025")
style.map_axes(ax, "Kernel density of theft from the person, December 2025 (bandwidth 100 m)")
ax.text(0.01, 0.01, "circles: police.uk map points, area ∝ records; grid 20 m; +: Charing Cross "
        "query point", transform=ax.transAxes, fontsize=7.5, color="#555555")
style.save_figure(fig, "02_kde_charing_cross", f"{style.OGL_POLICE}; API extract by "
                  f"CrimeMapProject/london_crime_map; {style.OGL_BOUNDARIES}", svg=True)

# %%
peaks = {}
for h, s in surfaces.items():
    px, py, value = s.peak()
    name = pt.nearest_location([px], [py], api_points, pt.ONE_MILE_M).iat[0]
    peaks[f"{h:.0f} m"] = {"peak (records per ha)": round(value, 1), "nearest map point": name,
                           "hectares above 5 per ha": round((s.density > 5).sum() * CELL**2
                                                            / density.HECTARE_M2, 1)}
pd.DataFrame(peaks).T.rename_axis("bandwidth")

# %% [markdown]
# At 50 m and 100 m the peak sits at Hills Place, by Oxford Circus; at 200 m the smoothing
# merges the many points of Soho and Leicester Square into one broad hump that overtakes it.
# That is the usual trade-off of a KDE — a wider kernel gives a lower, broader peak — and a
# reminder that "the" hot spot of a density map depends on a setting the analyst chooses. The
# surface is, in any case, a picture of map points; here is how coarse they are:

# %%
city = police_uk.load_street(forces=("city-of-london",))
city_tfp = city[(city["crime_type"] == "Theft from the person") & (city["month"].dt.year == 2025)]
snap = pd.DataFrame({
    "Charing Cross, Dec 2025: theft from the person": pt.snap_point_summary(api_tfp),
    "Charing Cross, Dec 2025: all crime": pt.snap_point_summary(api),
    "City of London, 2025: theft from the person": pt.snap_point_summary(city_tfp),
})
assert snap.iat[1, 0] == 409 and round(snap.iat[4, 0], 1) == 25.5
snap.map(lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}")

# %%
top_points = api_points.head(10)[["location", "records"]]
top_points.index = pd.RangeIndex(1, 11, name="rank")
top_points.assign(share_pct=(100 * top_points["records"] / len(api_tfp)).round(1))

# %%
city_points = pt.snap_points(city_tfp)
recurring = city_points["months"] >= 6
pd.Series({"map points used in 2025": len(city_points),
           "points used in 6 or more months": int(recurring.sum()),
           "their share of the records %": round(100 * city_points.loc[recurring, "records"].sum()
                                                 / city_points["records"].sum(), 1)},
          dtype=object).to_frame("City of London, theft from the person, 2025")

# %% [markdown]
# **What anonymisation does to "precisely defined micro-areas".** In the one-mile circle round
# Charing Cross, December 2025's **2,140 thefts from the person sit on just 409 map points**:
# five records a point on average; the **top 10 points hold 25.5%** and 37 points hold half.
# Neighbouring points are typically 50–60 m apart, and a point can stand for a place type
# ("Nightclub", "Theatre/concert Hall") rather than a street. So open data cannot resolve
# anything finer than a stretch of street or a square: the busiest point (Hills Place, by
# Oxford Circus, 90 records in a month) stands for the surrounding block of Oxford Street, not
# for the lane itself. In the City the same points recur month after month: 45 points used in
# at least six months of 2025 hold 63% of its thefts from the person. The police's own records
# hold exact locations; open data can confirm the *streets* — Oxford Street, Soho, Leicester
# Square, Covent Garden — but cannot draw the Met's precise micro-areas.

# %% [markdown]
# ## 5 · Verdicts

# %%
london_tfp, london_both = int(main.loc[TFP, "London 2024"]), int(main.loc[BOTH, "London 2024"])
west_tfp, west_per_day = int(main.loc[TFP, "West End 2024"]), main.loc[TFP, "West End per day"]
claims = [
    Claim(claim_id="phone-thefts-london-2024", section="Mobile Phone Theft in Tourist Areas",
          article_words="Nearly 80,000 mobile phones stolen in 2024",
          claimed_value=ARTICLE["london"], claimed_text="nearly 80,000",
          our_value=london_tfp, unit="offences (theft from the person, proxy)",
          verdict="not checkable with open data",
          reason=f"Open data have no phone flag; London recorded {london_tfp:,} thefts "
                 f"from the person and {london_both:,} with robbery of "
                 "personal property in 2024, so 80,000 phones is plausible but untestable.",
          data_source="Met ward counts (London Datastore)", vintage=MAIN, notebook=NOTEBOOK),
    Claim(claim_id="phone-theft-losses-50m", section="Mobile Phone Theft in Tourist Areas",
          article_words="totalling ~£50 million in losses", claimed_value=ARTICLE["losses_gbp"],
          claimed_text="~£50 million", our_value=None, unit="GBP",
          verdict="not checkable with open data",
          reason="Crime data record no property values; £50m over 80,000 phones implies £625 "
                 "a phone.",
          data_source="none (no open data on property values)", notebook=NOTEBOOK),
    Claim(claim_id="phone-thefts-west-end-2024", section="Mobile Phone Theft in Tourist Areas",
          article_words="West End tops the list: ~13,578 thefts",
          claimed_value=ARTICLE["west_end"], claimed_text="~13,578",
          our_value=west_tfp, unit="offences (theft from the person, proxy)",
          verdict="not checkable with open data",
          reason=f"The West End ward had {west_tfp:,} thefts from the person in 2024 (more than "
                 "the claimed phones, as a phone subset would be) and its share of London's "
                 "proxies (16-19%) brackets the article's 17%, but phones are not identifiable.",
          data_source="Met ward counts (London Datastore)", vintage=MAIN, notebook=NOTEBOOK,
          figure="figures/02_ward_ranking.png"),
    Claim(claim_id="phone-thefts-west-end-per-day", section="Mobile Phone Theft in Tourist Areas",
          article_words="around 37 per day", claimed_value=ARTICLE["per_day"],
          claimed_text="around 37", our_value=ARTICLE["west_end"] / DAYS_2024,
          unit="thefts per day",
          verdict=verdict(ARTICLE["per_day"], ARTICLE["west_end"] / DAYS_2024, rounding=1),
          reason="13,578 over the 366 days of 2024 is 37.1 a day, so the arithmetic is right; "
                 f"theft from the person in the ward ran at {west_per_day:.0f} a day.",
          data_source="the article's own figure", vintage=MAIN, notebook=NOTEBOOK),
    Claim(claim_id="phone-theft-high-risk-wards", section="Mobile Phone Theft in Tourist Areas",
          article_words="Other high-risk wards: St James's, Bloomsbury / Holborn & Covent "
                        "Garden, Borough & Bankside, and Waterloo & South Bank",
          claimed_value=None, claimed_text="West End first, then the five named wards",
          our_value=None, unit="ward ranks",
          verdict="reproduced" if named["in_place"].all() else "contradicted",
          reason="On theft from the person, alone or with robbery, the six named wards are "
                 "London's top six in the article's order in all three 2024 vintages (robbery "
                 "alone ranks them differently).",
          data_source="Met ward counts (London Datastore)",
          vintage=", ".join(CHECK_VINTAGES), notebook=NOTEBOOK,
          figure="figures/02_ward_ranking.png"),
]
write_claims(claims, NOTEBOOK)
pd.DataFrame([c.to_dict() for c in claims]).set_index("claim_id")[
    ["claimed_text", "our_value", "unit", "verdict"]].round(1)

# %% [markdown]
# ## Robustness and accounting
#
# - **Vintages:** 2025-03, 2025-06 and 2025-12 give London theft-from-the-person totals within
#   16 of each other and the same six wards at the top, in the same order.
# - **Proxies:** the ward list survives theft from the person with or without robbery; it fails
#   on robbery alone.
# - **Ward file vs borough file:** the ward files leave out offences with no known location
#   (the borough file's "Unknown" row) — London's 2024 totals, vintage 2025-12:

# %%
borough_2024 = pt.proxy_counts(met.load_counts("borough", MAIN), *YEAR)
files = pd.DataFrame({"ward file": counts[MAIN][list(pt.PROXIES)].sum(),
                      "borough file": borough_2024[list(pt.PROXIES)].sum()})
files["80,000 as % of the borough file"] = (100 * ARTICLE["london"] / files["borough file"]
                                            ).round(1)
assert files.at[TFP, "borough file"] == 101_044
files

# %% [markdown]
# With the borough file, 80,000 would be 79% of thefts from the person and 62% of both offence
# types: no conclusion changes. Rows read, kept and dropped for each source used here:

# %%
load_reports().drop(columns=["dropped, by reason"])

# %% [markdown]
# ## Caveats
#
# - **No phone flag.** Every number here is for an offence type, not for phones. The article's
#   80,000, 13,578 and £50m presumably come from the Met's own property records, which are not
#   published.
# - **Ward boundaries.** The Met's ward counts use 2022 wards whose polygons are not in the
#   mirror; maps are at LSOA level and place labels come from pre-2014 wards.
# - **Anonymised locations.** Street-level records are snapped to map points; the hexagon and
#   KDE maps show where map points are busy, not exact theft locations. The hexagons and the API
#   extract cover 2025–26, not 2024.
# - **Recorded crime** depends on victims reporting; tourists may under-report, or report for
#   insurance — either would change the counts but not, plausibly, the ranking at the top.
#
# **Takeaway.** Open data cannot count stolen phones, but the article's list of phone-theft
# hot spots is exactly London's top six wards for theft from the person in 2024 — led by the
# West End with 18,019 offences (49 a day), concentrated on a few hundred metres of Oxford
# Street, Regent Street and Soho.
