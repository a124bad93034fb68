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
# # 03 · Does crime cluster? Moran's I and Getis-Ord Gi* hot spots
#
# **The claim.** The article opens by defining its subject:
#
# > "“Hot spots” are precisely defined micro‑areas (streets, parks, squares) where crime and
# > anti‑social behaviour cluster predictably."
#
# This notebook tests the **clustering** half: are places with much crime next to other places
# with much crime more often than chance would allow, and if so, *where* are the statistically
# significant hot spots? Whether they are *predictable* — the same places month after month —
# is notebook 04's question.
#
# Two tools, both standard in crime analysis:
#
# - **Global Moran's I** answers "is there clustering anywhere?" with one number for all of
#   London: 0 means high and low counts are scattered at random, values towards 1 mean
#   neighbouring areas have similar counts.
# - **Getis-Ord Gi\*** and **local Moran's I (LISA)** answer "where?": each area gets its own
#   test of whether it and its neighbours together hold more (hot spot) or less (cold spot)
#   crime than chance would give.

# %%
import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle
from shapely import affinity

from hotspots.analyses import phone_theft as pt
from hotspots.claims.registry import Claim, write_claims
from hotspots.geo import assign, grids
from hotspots.geo.grids import HEX_GRID
from hotspots.io import boundaries as geography
from hotspots.io import met, police_uk
from hotspots.io import police_uk_extracts as police_uk_subsets
from hotspots.io.ledger import load_reports
from hotspots.stats.spatial import (
    contiguity,
    distance_band,
    empirical_bayes_rate,
    global_moran,
    knn,
    local_gi_star,
    local_moran,
    moran_rate,
    results,
    scale,
)
from hotspots.viz import maps as hm
from hotspots.viz import style

style.use_house_style()
pd.set_option("display.width", 120)
pd.set_option("display.max_colwidth", 70)
NOTEBOOK = "03_hot_spots_moran_getis_ord"
MORAN = "Moran's I"

# %% [markdown]
# ## Data and provenance
#
# | source | what we use | vintage, months |
# |---|---|---|
# | Met recorded crime by 2021 LSOA (London Datastore, third-party Parquet copy) | offences per LSOA and minor category | vintage 2026-02; **Mar 2024 – Feb 2025** (main), Mar 2025 – Feb 2026 (check) |
# | 2021 LSOA boundaries (London Datastore) | 4,994 polygons, spatial weights and maps | 2021 |
# | police.uk 100 m hexagon counts (third-party aggregate of the archive street files) | anti-social behaviour; theft from the person at 100 m | May 2025 – Apr 2026 |
# | Met borough counts (London Datastore) | offences per borough | vintage 2025-02; Mar 2024 – Feb 2025 |
# | 2002–2014 wards, boroughs, 2011 LSOAs with Census 2011 residents (GLA/ONS) | coarser units; residents | 2011 |
# | police.uk street records: City of London; Met burglary extract | points for fine grids | Mar 2024 – Feb 2025 |
# | police.uk LSOA × month panel (third-party, from the API) | City of London check | Mar 2024 – Feb 2025 |
#
# **Note — window and units.** The Met's LSOA file starts in March 2024, so calendar 2024 (the
# article's year) is not available; we use **March 2024 – February 2025**, the twelve months
# closest to it (ten of them in 2024) and the last months of the Met burglary point extract.
# The latest year (March 2025 – February 2026) is a check. The issue asked for **ward**-level
# statistics, but the Met's ward counts use the 2022 wards, whose **polygons are not in the
# mirror**: without them there are no neighbours and no maps. The main analysis therefore uses
# the **4,994 LSOAs of 2021** (about 1,700 residents each); ward totals are in notebooks 01 and
# 02 as tables.
#
# **Note — the City of London.** The Met does not police the City, so its six LSOAs have no
# Met figures. A spatial test needs a value for every unit, so they are **counted as 0** and
# hatched on the maps: a 0 there means "no Met data", not "no crime". Section 4 repeats the
# test with police.uk counts that include the City.
#
# **Note — crime types** (the Met's minor categories): theft from the person; robbery of
# personal property; violence with injury; shoplifting; burglary (all four burglary minor
# categories: homes, unconnected buildings, business and community, and the old "burglary -
# residential"); and all crime (every category). The Met's files hold recorded *crimes*
# only; **anti-social behaviour** comes from police.uk (the 100 m hexagon counts, each hexagon
# assigned to the LSOA holding its centre — an approximation, and a different year, May 2025 –
# April 2026).

# %%
WINDOW = ("2024-03", "2025-02")
LATER = ("2025-03", "2026-02")
lsoa_table = met.load_lsoa_counts()
minors = lsoa_table[["major", "minor"]].drop_duplicates()
TYPES = {
    "theft from the person": ("THEFT FROM THE PERSON",),
    "robbery of personal property": ("ROBBERY OF PERSONAL PROPERTY",),
    "violence with injury": ("VIOLENCE WITH INJURY",),
    "shoplifting": ("SHOPLIFTING",),
    "burglary": tuple(sorted(minors.loc[minors["major"] == "BURGLARY", "minor"])),
    "all crime": tuple(sorted(minors["minor"])),
}
TFP, ASB = "theft from the person", "anti-social behaviour"
assert len(TYPES["burglary"]) == 4

lsoas = geography.lsoas_2021()
assert len(lsoas) == 4_994
met_counts = pt.proxy_counts(lsoa_table, *WINDOW, TYPES)
assert len(met_counts) == 4_988 and met_counts["area_code"].notna().all()
counts = met_counts.set_index("area_code")[list(TYPES)].reindex(lsoas["lsoa_code"],
                                                               fill_value=0)
no_met = lsoas.loc[~lsoas["lsoa_code"].isin(met_counts["area_code"]), ["lsoa_code",
                                                                        "borough_name"]]
assert no_met["borough_name"].eq("City of London").all() and len(no_met) == 6

hexes = police_uk_subsets.load_hex_counts()
hex_asb = hexes[hexes["crime_type"] == "Anti-social behaviour"].groupby(
    ["hex_q", "hex_r"]).agg(count=("crime_count", "sum"), x=("x", "first"), y=("y", "first"))
hex_points = gpd.GeoDataFrame(hex_asb.reset_index(),
                              geometry=gpd.points_from_xy(hex_asb["x"], hex_asb["y"]),
                              crs=geography.BNG)
asb_by_lsoa, asb_lsoa = assign.sum_by_place(hex_points, hex_points["count"], lsoas, "lsoa_code")
counts[ASB] = asb_by_lsoa.to_numpy()
TYPES_ALL = [*TYPES, ASB]

offences = pd.DataFrame({
    "offences": counts.sum(),
    "LSOAs with none": (counts == 0).sum(),
    "median per LSOA": counts.median(),
    "busiest LSOA": counts.max(),
}).astype("int64")
offences.loc[ASB, "note"] = (f"{int(hex_asb['count'].sum() - asb_by_lsoa.sum()):,} incidents "
                             "in hexagons centred outside London left out")
offences.fillna("").rename_axis("Mar 2024 – Feb 2025 (ASB: May 2025 – Apr 2026)")

# %% [markdown]
# Counts are very uneven: most LSOAs record a handful of thefts from the person in a year, the
# busiest thousands. That skew matters for the tests below.

# %% [markdown]
# ## Method
#
# **Note — the statistics** (all computed by esda/libpysal through `hotspots.spatial`):
#
# - **Neighbours (weights):** two LSOAs are neighbours when their boundaries touch, even at a
#   corner (**queen contiguity**; 6 neighbours on average, no LSOA without one). Moran's I uses
#   them **row-standardised** (an LSOA's neighbours share weight 1, so it is compared with the
#   *average* of its neighbours); Gi\* uses them **binary** (it adds up the counts in an LSOA
#   and its neighbours) — the form its formula assumes. Check: the 6 nearest LSOAs by centroid
#   (k = 6).
# - **Null hypothesis.** Global: the counts are spread over the LSOAs at random (no spatial
#   autocorrelation). Local: for each LSOA, its neighbours' counts are a random draw from the
#   other LSOAs' counts (*conditional* randomisation: the LSOA keeps its own count).
# - **Inference:** **9,999 random permutations, seed 12345**, two-sided p-values (the smallest
#   possible is 2 / 10,000 = 0.0002); for global I also the analytical p under randomisation.
# - **Multiple testing.** A local test runs 4,994 times, so at a 5% level about 250 LSOAs would
#   look "significant" by chance alone. We control the **false discovery rate
#   (Benjamini–Hochberg) at 5%**; uncorrected and Bonferroni results are compared in section 4.
# - **A hot spot** is an LSOA whose Gi\* z-score is positive with an adjusted p ≤ 0.05 (95%
#   confidence or more). The maps use the ArcGIS convention — hot and cold at 90, 95 and 99%
#   confidence — so the 90% class (adjusted p ≤ 0.10) is shown but not counted.
#
# Every result below carries a caption (`.caption()`) with these choices spelled out.

# %%
queen = contiguity(lsoas, "queen", transform="R", id_column="lsoa_code")
knn6 = knn(lsoas, 6, transform="R", id_column="lsoa_code")
assert queen.n == 4_994 and queen.n_islands == 0 and queen.n_components == 1
PERMS, SEED = 9_999, 12345
pd.Series({"queen contiguity": queen.describe(), "6 nearest neighbours": knn6.describe()}
          ).to_frame("weights")

# %%
moran_q, moran_k, lisa, gi, gi_k = {}, {}, {}, {}, {}
for name in TYPES_ALL:
    y = counts[name]
    moran_q[name] = global_moran(y, queen, permutations=PERMS, seed=SEED)
    moran_k[name] = global_moran(y, knn6, permutations=PERMS, seed=SEED)
    lisa[name] = local_moran(y, queen, permutations=PERMS, seed=SEED)
    gi[name] = local_gi_star(y, queen.with_transform("B"), permutations=PERMS, seed=SEED)
    gi_k[name] = local_gi_star(y, knn6.with_transform("B"), permutations=PERMS, seed=SEED)

# %% [markdown]
# ## 1 · Is there clustering? Global Moran's I

# %%
def p_text(p: float) -> str:
    """p-values for display: four decimals, or '< 0.0001'."""
    return "< 0.0001" if p < 0.0001 else f"{p:.4f}"


global_table = pd.DataFrame.from_dict({
    name: {"Moran's I": m.moran_i, "E[I]": m.expected, "z (randomisation)": m.z_randomisation,
           "analytical p": p_text(m.p_randomisation),
           "permutation p (two-sided)": p_text(m.p_permutation),
           "permutations": m.meta.permutations, "seed": m.meta.seed,
           "Moran's I, 6 nearest": moran_k[name].moran_i}
    for name, m in moran_q.items()}, orient="index")
for name in TYPES_ALL:
    assert moran_q[name].moran_i > 0 and moran_q[name].p_permutation < 0.001
assert 0.45 < moran_q[TFP].moran_i < 0.50
global_table.round(3)

# %%
print(moran_q[TFP].caption())

# %% [markdown]
# **Every crime type clusters.** Moran's I is positive for all seven and far beyond anything
# chance produces: none of the 9,999 random reshuffles gave an I as large (p = 0.0002, the
# smallest a permutation test of that size can give), and the analytical z-scores run from 11
# to 67.
# Theft from the person (I = 0.47), robbery (0.46) and burglary (0.41) cluster most, like
# crime as a whole (0.44); violence with injury less (0.29). **Shoplifting barely clusters**
# (I = 0.09): shops that are stolen from sit in town centres scattered across London, one or two
# LSOAs each, among residential streets with little shoplifting — so an LSOA's shoplifting says
# little about its neighbours'. Anti-social behaviour (police.uk, 2025–26) clusters too (I =
# 0.29). With the 6 nearest LSOAs as neighbours instead of touching ones every I is a little
# lower but the conclusion is unchanged.

# %%
fig, ax = plt.subplots(figsize=(9, 4.8))
order = global_table["Moran's I"].astype(float).sort_values().index
ypos = np.arange(len(order))
ax.barh(ypos + 0.2, global_table.loc[order, "Moran's I"].astype(float), height=0.4,
        color=style.HIGHLIGHT, label="queen contiguity (touching LSOAs)")
ax.barh(ypos - 0.2, global_table.loc[order, "Moran's I, 6 nearest"].astype(float), height=0.4,
        color=style.NEUTRAL, label="6 nearest LSOAs")
ax.set_yticks(ypos, order)
ax.axvline(0, color="#333333", linewidth=0.8)
ax.set_xlabel("global Moran's I of counts per LSOA (0 = no clustering; E[I] = −0.0002)\n"
              "every p = 0.0002, the smallest possible (9,999 permutations, seed 12345, "
              "two-sided)")
ax.set_title("Every crime type clusters; shoplifting only weakly")
ax.legend(loc="lower right", fontsize=8)
ax.grid(axis="y", visible=False)
style.save_figure(fig, "03_moran_i", "Met LSOA counts, Mar 2024–Feb 2025 (OGL v3.0); ASB: "
                  "data.police.uk, May 2025–Apr 2026 (OGL v3.0)", svg=True)

# %% [markdown]
# ## 2 · Where? Gi\* hot and cold spots and LISA clusters

# %%
hot_counts = pd.DataFrame({name: r.counts() for name, r in gi.items()}).T
hot_counts["hot spots (95%+)"] = [int(r.hot("fdr_bh").sum()) for r in gi.values()]
hot_counts = hot_counts.loc[:, hot_counts.sum() > 0]
assert hot_counts.loc[TFP, "hot spots (95%+)"] >= 10
hot_counts

# %%
print(gi[TFP].caption())

# %%
display_lsoas = lsoas.assign(geometry=lsoas.simplify(10))  # display only: 10 m generalisation
city_lsoas = display_lsoas[display_lsoas["lsoa_code"].isin(no_met["lsoa_code"])]
old_wards = geography.wards_2014()
anchors = pt.place_anchors(old_wards)
# Nudge two labels apart so they do not overlap at this scale (display only, metres).
anchors.geometry = [affinity.translate(point, dx, 0) for point, dx in zip(
    anchors.geometry, anchors["old_ward"].map({"Bishop's": -450, "Cathedrals": 450}).fillna(0),
    strict=True)]
lsoas["place (pre-2014 ward)"] = assign.label_by_place(lsoas, old_wards, "ward_name")  # see §3
borough_shapes = geography.boroughs()
CENTRAL = (526_500, 178_300, 534_000, 183_000)  # central London, BNG metres
SOURCE_LSOA = (f"{style.OGL_MET} (LSOA vintage 2026-02, Mar 2024–Feb 2025); ASB: "
               f"{style.OGL_POLICE} (May 2025–Apr 2026); {style.OGL_BOUNDARIES}")


central_lsoas = display_lsoas.cx[CENTRAL[0]:CENTRAL[2], CENTRAL[1]:CENTRAL[3]]
borough_lines = borough_shapes.boundary.simplify(10)  # display only
central_lines = borough_lines.clip(CENTRAL)  # keeps the SVG small


def hatch_city(ax: plt.Axes) -> None:
    """Hatch the City of London's LSOAs (no Met data, counted as 0)."""
    city_lsoas.plot(ax=ax, facecolor="none", edgecolor="#555555", hatch="////", linewidth=0.3,
                    rasterized=True)


def type_panels(results: dict, draw, colours: dict, subtitle, name: str, title: str,
                note: str, central: bool) -> None:
    """One map per crime type (2 × 4 grid; shared legend and ``note`` in the last cell)."""
    fig, axes = plt.subplots(2, 4, figsize=(16, 7.0 if central else 8.0))
    shown = central_lsoas if central else display_lsoas
    for ax, (crime, result) in zip(axes.flat, results.items(), strict=False):
        draw(ax, shown, result, id_column="lsoa_code", legend=False, rasterized=True)
        hatch_city(ax)
        (central_lines if central else borough_lines).plot(ax=ax, color="#555555",
                                                           linewidth=0.5 if central else 0.3)
        if central:
            hm.label_places(ax, anchors, fontsize=6.5)
            ax.set_xlim(CENTRAL[0], CENTRAL[2])
            ax.set_ylim(CENTRAL[1], CENTRAL[3])
        style.map_axes(ax, crime)
        ax.text(0.0, -0.01, subtitle(result), transform=ax.transAxes, fontsize=8.5,
                color="#333333", va="top")
    last = axes.flat[-1]
    last.set_axis_off()
    hm.class_legend(last, colours, title="class", exclude=["No neighbours"], loc="upper left")
    last.text(0, 0.42, note, va="top", fontsize=8, wrap=True, transform=last.transAxes)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=14)
    style.save_figure(fig, name, SOURCE_LSOA)  # PNG only: SVGs of 7 maps run to megabytes


def gi_subtitle(result) -> str:
    hot = int(result.hot("fdr_bh").sum())
    cold = int((result.significant & (result.z < 0)).sum())
    return f"hot spots (95%+): {hot}; cold spots: {cold}"


def lisa_subtitle(result) -> str:
    counts = result.counts()
    return ", ".join(f"{q} {counts[q]}" for q in ("HH", "LL", "HL", "LH") if counts[q])


GI_NOTE = ("Getis-Ord Gi*: 9,999 conditional permutations (seed 12345), two-sided, "
           "Benjamini–Hochberg FDR over 4,994 LSOAs; queen contiguity, binary weights. Counts "
           "above each map: London-wide. Hatched: City of London, no Met data (counted as 0). "
           "ASB: police.uk hexagon counts (May 2025–Apr 2026) assigned to LSOAs.")
type_panels(gi, hm.gi_map, hm.GI_COLOURS, gi_subtitle, "03_gi_star_london",
            "Gi* hot and cold spots by LSOA, all London", GI_NOTE, central=False)

# %% [markdown]
# Across London, Gi\* finds **cold spots** — patches of outer London with little crime,
# surrounded by more of the same — and, for every crime type, one small **hot core in the West
# End** of 12–17 LSOAs; for shoplifting also Stratford. Anti-social behaviour has **no** hot
# LSOA once the 4,994 tests are accounted for (22 reach only 90% confidence): it is spread more
# evenly. Zoomed in on central London, with the article's named places (written inside the
# pre-2014 ward of that name, or its forerunner marked ≈):

# %%
type_panels(gi, hm.gi_map, hm.GI_COLOURS, gi_subtitle, "03_gi_star_central",
            "Gi* hot spots by LSOA, central London",
            f"{GI_NOTE} Names: the article's wards, placed inside the pre-2014 ward of that "
            "name (≈: its forerunner) — not 2022 boundaries.", central=True)

# %% [markdown]
# **Local Moran (LISA)** asks a different question: is an LSOA *like* its neighbours (high among
# high: HH; low among low: LL) or *unlike* them (a high island: HL; a low hole: LH)? Same
# neighbours (row-standardised), permutations and FDR control:

# %%
print(lisa[TFP].caption())
lisa_counts = pd.DataFrame({name: r.counts() for name, r in lisa.items()}).T
lisa_counts.loc[:, lisa_counts.sum() > 0]

# %%
LISA_NOTE = ("local Moran's I: 9,999 conditional permutations (seed 12345), two-sided, "
             "Benjamini–Hochberg FDR over 4,994 LSOAs; queen contiguity, row-standardised. "
             "HH: high among high; LL: low among low; HL: high island; LH: low hole. Counts "
             "above each map: London-wide. Hatched: City of London, no Met data (counted as 0).")
type_panels(lisa, hm.lisa_map, hm.LISA_COLOURS, lisa_subtitle, "03_lisa_central",
            "LISA clusters by LSOA, central London", LISA_NOTE, central=True)

# %% [markdown]
# The LISA high-high clusters are the same West End LSOAs as the Gi\* hot spots. Shoplifting
# stands out again, with more **high islands** (HL: a busy LSOA among quiet ones) than high-high
# clusters. Where are they?

# %%
islands = lisa["shoplifting"].to_frame().query("`class` == 'HL'")
lsoas.set_index("lsoa_code").loc[islands["unit_id"], ["lsoa_name", "borough_name",
                                                     "place (pre-2014 ward)"]].assign(
    shoplifting=islands["value"].astype("int64").to_numpy()).sort_values(
    ["shoplifting", "lsoa_name"], ascending=[False, True])

# %% [markdown]
# Shoplifting's eleven high islands are all in quiet outer suburbs — Snaresbrook, Whitton, Kew,
# West Wickham, Pinner… — single LSOAs with 20–95 shoplifting offences a year (presumably a
# supermarket or a parade of shops) among neighbours with almost none: the pattern of a crime
# tied to particular shops rather than to a district.

# %% [markdown]
# ## 3 · Do the hot spots sit where the article says?
#
# **Note — places.** Without 2022 ward polygons the article's wards are approximated by the
# **pre-2014 ward** of the same name (West End, St. James's, Bloomsbury, Holborn and Covent
# Garden) or its main forerunner (Cathedrals for Borough & Bankside, Bishop's for Waterloo &
# South Bank); each LSOA is placed in the pre-2014 ward that holds its representative point
# (a point inside it, near its centre). This is an approximation: Westminster and Camden redrew
# their wards in 2022.

# %%
place = lsoas.set_index("lsoa_code")["place (pre-2014 ward)"]
named_old = {old: new for new, old in pt.PRE_2014_PLACES.items()}
in_named = place.isin(list(named_old)).to_numpy()

rows = {}
for name in TYPES_ALL:
    hot = gi[name].hot("fdr_bh")
    hot_places = place.loc[list(np.array(gi[name].ids)[hot])]
    row = {new: int((hot_places == old).sum()) for new, old in pt.PRE_2014_PLACES.items()}
    row["elsewhere"] = int((~hot_places.isin(list(named_old))).sum())
    row["hot spots"] = int(hot.sum())
    rows[name] = row
named_table = pd.DataFrame(rows).T
named_table.loc["LSOAs in the place"] = [int((place == old).sum()) for old in
                                         pt.PRE_2014_PLACES.values()] + [
    int((~place.isin(list(named_old))).sum()), len(place)]
assert named_table.loc[TFP, "West End"] >= 4
named_table.rename_axis("Gi* hot spots (FDR, 95%+) in:")

# %%
elsewhere = []
for name in TYPES_ALL:
    hot = gi[name].hot("fdr_bh")
    ids = np.array(gi[name].ids)[hot & ~in_named]
    for (borough, where), n in (lsoas.set_index("lsoa_code").loc[ids].groupby(
            ["borough_name", "place (pre-2014 ward)"]).size().items()):
        elsewhere.append({"crime type": name, "borough": borough, "place (pre-2014 ward)": where,
                          "hot-spot LSOAs": n})
pd.DataFrame(elsewhere).set_index(["crime type", "borough"])

# %% [markdown]
# **The named wards.** The significant hot spots of theft from the person, robbery, violence
# with injury, burglary and all crime lie in four of the article's six areas — **West End,
# St James's, Bloomsbury and Holborn & Covent Garden** — plus the Oxford Street end of the old
# Marylebone High Street ward, which borders the West End; all five West End LSOAs are hot spots
# for every crime type. **Borough & Bankside and Waterloo & South Bank hold none** after the
# false-discovery control: they have many offences (they are in the article's top six by count,
# notebook 02), but their neighbours are not busy enough for the pair to stand out from chance
# when 4,994 LSOAs are tested.
#
# **Town centres.** The GLA town-centre boundaries are not in the mirror, so the article's
# "top 32 town centres" cannot be overlaid. What the test does show: outside the West End the
# only significant hot spots are **shoplifting** ones in **Stratford** (home to Westfield
# Stratford City) and **Shepherd's Bush** (Westfield London) — both on the article's Tier 1 list
# — so most town
# centres' crime, however high, does not form a cluster that survives a London-wide test at LSOA
# level.

# %% [markdown]
# ## 4 · Robustness
#
# ### Multiple testing: how many "hot spots" survive?
#
# The same permutation p-values, adjusted three ways (no re-run): no correction (each LSOA
# tested at 5%), Benjamini–Hochberg FDR (5% of the reported hot spots may be false), Bonferroni
# (a 5% chance of *any* false hot spot). For comparison, the same with the analytical
# (normal-approximation) p-values. Counts of Gi\* hot spots (z > 0, adjusted p ≤ 0.05):

# %%
corrections = results.correction_table(gi)
assert (corrections[("permutation", "Bonferroni correction")] == 0).all()
corrections

# %% [markdown]
# - **Without correction** 160–320 LSOAs per type look like hot spots; with no clustering at
#   all, about 125 (half of 5% of 4,994: the hot half of a two-sided test) would by chance
#   alone, so many of them are noise.
# - **FDR** keeps 12–17 per crime type — the West End core — and none for anti-social
#   behaviour.
# - **Bonferroni with permutation p-values rejects nothing, by construction**: the smallest
#   p that 9,999 permutations can give (0.0002) is above Bonferroni's threshold 0.05 / 4,994 =
#   0.00001. That is a limit of the test, not evidence of no hot spots.
# - The analytical p-values assume the Gi\* z-score is normal, which heavy-tailed counts
#   violate; they find more hot spots (and, with Bonferroni, still 28–83).
#
# Is the FDR count itself set by the permutation floor? With ten times more permutations
# (99,999) the smallest p is 0.00002:

# %%
gi_tfp_100k = local_gi_star(counts[TFP], queen.with_transform("B"), permutations=99_999,
                            seed=SEED)
same = set(np.array(gi_tfp_100k.ids)[gi_tfp_100k.hot("fdr_bh")]) == set(
    np.array(gi[TFP].ids)[gi[TFP].hot("fdr_bh")])
print(gi_tfp_100k.caption())
print(f"Same hot-spot LSOAs as with 9,999 permutations: {same}")

# %% [markdown]
# The same LSOAs, now at 99% confidence: the hot core is not an artefact of the permutation
# count.
#
# ### Neighbours: touching LSOAs or the 6 nearest?

# %%
def overlap(a, b) -> str:
    """Hot spots in both / in either (Jaccard), as 'n of m'."""
    set_a = set(np.array(a.ids)[a.hot("fdr_bh")])
    set_b = set(np.array(b.ids)[b.hot("fdr_bh")])
    return f"{len(set_a & set_b)} of {len(set_a | set_b)}"


weights_table = pd.DataFrame.from_dict({
    name: {"Moran's I, queen": moran_q[name].moran_i, "Moran's I, 6 nearest": moran_k[name].moran_i,
           "hot spots, queen": int(gi[name].hot("fdr_bh").sum()),
           "hot spots, 6 nearest": int(gi_k[name].hot("fdr_bh").sum()),
           "in both / either": overlap(gi[name], gi_k[name])}
    for name in TYPES_ALL}, orient="index")
weights_table.round(3)

# %% [markdown]
# The choice of neighbours moves Moran's I by 0.02–0.05 and the hot-spot count by up to four;
# half to three-quarters of the hot LSOAs are common to both, and both sets sit in the same
# West End core. Anti-social behaviour's local picture is fragile: no hot LSOA with touching
# neighbours, ten with the nearest six.
#
# ### Counts or rates per resident?
#
# **Note — populations.** The mirror has no population for the 2021 LSOAs (no Census 2021
# tables, no ONS mid-year estimates; the police.uk panel's `population_est` is empty). It has
# **Census 2011 residents for the 2011 LSOAs**. We put them on the 2021 LSOAs: the 4,659 LSOAs
# whose code did not change (ONS keeps a code only for an unchanged LSOA) take their 2011 count;
# the other 335 share the 176 retired 2011 LSOAs' residents by **overlapping area** (areal
# weighting, which assumes residents spread evenly). This is an **approximation**: 2011 residents,
# not 2024's (London grew by about 8% in between, unevenly), and residents are not the people
# at risk in the West End, where visitors and workers far outnumber them. Rates are smoothed by
# **Empirical Bayes** (towards London's rate, more where few people live); Moran's I for rates
# uses the Assunção–Reis EB-standardised rate (`esda.Moran_Rate`).

# %%
residents = assign.residents_on_2021_lsoas(geography.lsoas_2011(), lsoas).set_index("lsoa_code")
assert (residents["method"] == "same code").sum() == 4_659
census_total = int(geography.lsoas_2011()["usual_residents"].sum())
print(f"Census 2011 residents: {census_total:,}; on the 2021 LSOAs: "
      f"{residents['residents'].sum():,.0f} (areal weighting loses "
      f"{census_total - residents['residents'].sum():,.0f} to slivers)")

rate_rows = {}
eb_gi = {}
for name in TYPES:
    rate_moran = moran_rate(counts[name], residents["residents"], queen, permutations=PERMS,
                            seed=SEED)
    eb = pd.Series(empirical_bayes_rate(counts[name], residents["residents"]),
                   index=counts.index)
    eb_gi[name] = local_gi_star(eb, queen.with_transform("B"), permutations=PERMS, seed=SEED)
    rate_rows[name] = {"Moran's I, counts": moran_q[name].moran_i,
                       "Moran's I, EB rate": rate_moran.moran_i,
                       "permutation p, EB rate": p_text(rate_moran.p_permutation),
                       "hot spots, counts": int(gi[name].hot("fdr_bh").sum()),
                       "hot spots, EB rate": int(eb_gi[name].hot("fdr_bh").sum()),
                       "in both / either": overlap(gi[name], eb_gi[name])}
rates_table = pd.DataFrame.from_dict(rate_rows, orient="index")
rates_table.round(3)

# %%
print(rate_moran.caption())

# %% [markdown]
# Per resident, crime clusters about as much (LSOAs were drawn to hold similar numbers of
# residents, so counts and rates rank LSOAs alike): Moran's I moves by at most 0.02. The rate
# hot spots contain nearly all the count hot spots and add neighbouring LSOAs — for burglary
# 43 instead of 17 — while shoplifting per resident has no hot spot at all (its high rates are
# isolated shopping LSOAs). Rates per *resident* overstate danger where few people live and many
# visit; a footfall denominator would be the right one for theft in the West End, and none is
# open.
#
# ### The City of London, and the next year
#
# Counting the City's six LSOAs as 0 could punch a "hole" beside the West End core. The police.uk
# LSOA panel (built from the police.uk API, so it includes the City of London Police's records)
# gives theft from the person for **all** 4,994 LSOAs over the same months; and the Met's file
# gives the next twelve months (March 2025 – February 2026):

# %%
panel = police_uk_subsets.load_lsoa_month_panel()
in_window = panel["is_london"] & panel["month"].between(pd.Period(WINDOW[0], "M"),
                                                        pd.Period(WINDOW[1], "M"))
panel_tfp = panel[in_window].groupby("lsoa_code")["n_theft_from_person"].sum().reindex(
    lsoas["lsoa_code"])
assert panel_tfp.notna().all()
later = pt.proxy_counts(lsoa_table, *LATER, TYPES).set_index("area_code")[list(TYPES)].reindex(
    lsoas["lsoa_code"], fill_value=0)
checks = {"Met, City as 0 (main)": (counts[TFP], moran_q[TFP], gi[TFP])}
for label, values in {"police.uk panel, City included": panel_tfp,
                      "Met, Mar 2025 – Feb 2026": later[TFP]}.items():
    checks[label] = (values, global_moran(values, queen, permutations=PERMS, seed=SEED),
                     local_gi_star(values, queen.with_transform("B"), permutations=PERMS,
                                   seed=SEED))
check_rows = {}
for label, (values, moran, result) in checks.items():
    hot = result.hot("fdr_bh")
    city_hot = int(hot[np.isin(result.ids, no_met["lsoa_code"])].sum())
    check_rows[label] = {"thefts from the person": int(values.sum()), "Moran's I": moran.moran_i,
                         "permutation p": p_text(moran.p_permutation), "hot spots": int(hot.sum()),
                         "of which in the City": city_hot,
                         "in both / either (vs main)": overlap(gi[TFP], result)}
pd.DataFrame.from_dict(check_rows, orient="index").round(3)

# %% [markdown]
# With the City's own records none of its LSOAs becomes a hot spot and the 15 hot spots are the
# same: counting the City as 0 changes nothing here. The next twelve months give the **same 15
# LSOAs** and a slightly higher Moran's I. (Whether hot spots stay put month after month is
# notebook 04's question.)

# %% [markdown]
# ## 5 · Does the answer depend on the size of the units? (MAUP)
#
# The **modifiable areal unit problem**: the same crimes counted in big or small units can give
# different statistics. We ask the same two questions — global Moran's I, and the share of units
# (and of crimes) in Gi\* hot spots (FDR, 95%) — at every scale the open data allow:
#
# | unit | how | neighbours |
# |---|---|---|
# | 33 boroughs | Met borough counts (vintage 2025-02); the City: City of London Police's police.uk records | queen |
# | 625 wards of 2002–2014 (the City's 25 merged into one) | LSOA counts summed into the ward holding each LSOA's representative point — **approximate**; the City as for boroughs | queen |
# | 4,994 LSOAs | section 1 | queen |
# | 100 m hexagons, central London only | police.uk hexagon counts (May 2025 – Apr 2026) on the full hexagon grid (empty cells included) inside a 9 km × 6 km box round the West End — all of London would be 157,000 cells | centres within 182 m (1.05 × the 173 m centre spacing): the 6 surrounding cells |
# | 250 m squares, City of London only | City of London Police street records (points), Mar 2024 – Feb 2025 | queen (8 around) |
# | 500 m squares, all London | Met burglary street records (points), Mar 2024 – Feb 2025 | queen (8 around) |
#
# Theft from the person is followed across all scales; burglary and anti-social behaviour where
# the data allow. Every row: 9,999 permutations, seed 12345. At borough and ward level the City
# is one unit out of 33 or 625, so a 0 there would be a glaring artefact (Gi\* flags a 0 ringed
# by busy neighbours as "hot"); it gets its own police's count instead (police.uk "Theft from
# the person" and "Burglary", the same offence definitions). At LSOA level it stays 0, which
# section 4 showed changes nothing.

# %%
scales: dict[tuple[str, str], scale.ScaleSummary] = {}
months = [str(m) for m in pd.period_range(*WINDOW, freq="M")]
city = police_uk.load_street(forces=("city-of-london",), months=months)
CITY = "E09000001"  # the City's code, as a borough and as the merged ward
city_totals = pd.Series({TFP: (city["crime_type"] == "Theft from the person").sum(),
                         "burglary": (city["crime_type"] == "Burglary").sum()})

# Boroughs: the Met's borough file, the City from its own police.
borough_table = met.load_counts("borough", "2025-02")  # older category names than the LSOA file
BOROUGH_TYPES = {TFP: TYPES[TFP], "burglary": tuple(sorted(
    borough_table.loc[borough_table["major"] == "BURGLARY", "minor"].unique()))}
borough_counts = pt.proxy_counts(borough_table, *WINDOW, BOROUGH_TYPES)
borough_counts = borough_counts.dropna(subset=["area_code"]).set_index("area_code")
assert len(borough_counts) == 32 and borough_counts.index.isin(borough_shapes["borough_code"]).all()
borough_values = borough_counts[list(BOROUGH_TYPES)].reindex(borough_shapes["borough_code"])
borough_values.loc[CITY] = city_totals
assert borough_values.notna().all().all()
borough_w = contiguity(borough_shapes, "queen", transform="R", id_column="borough_code")
# Wards of 2002-2014 (City merged): LSOAs summed by representative point.
wards = geography.wards_2014(city_merged=True)
ward_w = contiguity(wards, "queen", transform="R", id_column="ward_code")
ward_values = {}
for name in (TFP, "burglary"):
    ward_values[name], ward_of_lsoa = assign.sum_by_place(lsoas, counts[name].reset_index(drop=True),
                                                      wards, "ward_code")
    ward_values[name].loc[CITY] = city_totals[name]
wards_without_lsoa = int((~wards["ward_code"].isin(ward_of_lsoa.dropna())).sum())

for name in (TFP, "burglary"):
    scales[(name, "borough")] = scale.scale_summary(borough_values[name], borough_w,
                                                 permutations=PERMS, seed=SEED)
    scales[(name, "ward 2002–14")] = scale.scale_summary(ward_values[name], ward_w,
                                                      permutations=PERMS, seed=SEED)
for name in (TFP, "burglary", ASB):
    scales[(name, "LSOA")] = scale.ScaleSummary(moran=moran_q[name], gi=gi[name], weights=queen)
borough_names = borough_shapes.set_index("borough_code")["borough_name"]
hot_boroughs = [borough_names[b] for b, hot in zip(
    scales[(TFP, "borough")].gi.ids, scales[(TFP, "borough")].gi.hot("fdr_bh"),
    strict=True) if hot]
city_neighbours = ", ".join(sorted(borough_names[b] for b in borough_w.neighbors[CITY]))
assert hot_boroughs == ["City of London"]
print(f"{wards_without_lsoa} of {len(wards)} wards hold no LSOA's representative point; "
      f"the City's own police recorded {city_totals[TFP]:,} thefts from the person and "
      f"{city_totals['burglary']:,} burglaries.\nGi* hot boroughs (theft from the person): "
      f"{', '.join(hot_boroughs)}; the City's neighbours: {city_neighbours}")

# %%
# 100 m hexagons in central London: the full grid, empty cells included.
HEX_BOX = (525_500, 177_500, 534_500, 183_500)
lattice = HEX_GRID.cells_in_box(HEX_BOX)
hex_w = distance_band(lattice, 1.05 * HEX_GRID.spacing, transform="R")
lattice[TFP] = assign.hex_totals(lattice, hexes, "Theft from the person")
lattice[ASB] = assign.hex_totals(lattice, hexes, "Anti-social behaviour")
any_crime = assign.hex_totals(lattice, hexes.assign(crime_type="any"), "any")
for name in (TFP, ASB):
    scales[(name, "100 m hexagon")] = scale.scale_summary(lattice[name], hex_w,
                                                       permutations=PERMS, seed=SEED)
print(hex_w.describe())

# %%
# Points to squares: City of London (250 m) and Met burglary (500 m).
city_tfp = city[city["crime_type"] == "Theft from the person"]
city_shape = borough_shapes.loc[borough_shapes["borough_name"] == "City of London", "geometry"]
city_cells = grids.square_grid(city_shape.iat[0], 250)
city_cells[TFP], city_outside = assign.square_cell_counts(city_tfp["x"], city_tfp["y"], city_cells,
                                                      250)
city_w = contiguity(city_cells, "queen", transform="R", id_column="cell_id")
scales[(TFP, "250 m square (City)")] = scale.scale_summary(
    city_cells[TFP].to_numpy(), city_w, permutations=PERMS, seed=SEED)

burglary = police_uk.load_burglary_subset(months=months)
london_cells = grids.square_grid(police_uk.london_outline(), 500)
london_cells["burglary"], burglary_outside = assign.square_cell_counts(
    burglary["x"], burglary["y"], london_cells, 500)
grid_w = contiguity(london_cells, "queen", transform="R", id_column="cell_id")
scales[("burglary", "500 m square")] = scale.scale_summary(
    london_cells["burglary"].to_numpy(), grid_w, permutations=PERMS, seed=SEED)
print(f"City: {len(city_tfp):,} thefts from the person, {len(city_tfp) - city_outside:,} of "
      f"them in the {len(city_cells)} cells ({city_outside} just beyond the City's edge); "
      f"Met burglary: {len(burglary):,} records in {len(london_cells):,} cells "
      f"({burglary_outside} outside)")

# %%
UNIT_HA = {
    "borough": borough_shapes.area.median() / 1e4,
    "ward 2002–14": wards.area.median() / 1e4,
    "LSOA": lsoas.area.median() / 1e4,
    "100 m hexagon": lattice.area.median() / 1e4,
    "250 m square (City)": 6.25,
    "500 m square": 25.0,
}
maup = pd.DataFrame([{"crime type": c, "unit": u, "median unit area (ha)": UNIT_HA[u],
                      **s.row()} for (c, u), s in scales.items()])
maup = maup.sort_values(["crime type", "median unit area (ha)"], ascending=[False, False],
                        kind="stable").set_index(["crime type", "unit"])
maup["permutation p"] = maup["permutation p"].map(p_text)
assert maup.loc[(TFP, "LSOA"), "units"] == 4_994
maup.round(2)

# %%
fig, (ax_i, ax_h) = plt.subplots(1, 2, figsize=(12, 5.4), sharey=True)
colours = {TFP: style.HIGHLIGHT, "burglary": style.ACCENT, ASB: "#6a3d9a"}
rows = maup.iloc[::-1]
ypos = np.arange(len(rows))
significant = [scales[key].moran.p_permutation <= 0.05 for key in rows.index]
for y, (crime, unit), sig in zip(ypos, rows.index, significant, strict=True):
    colour = colours[crime]
    face = colour if sig else "white"
    ax_i.plot(rows.loc[(crime, unit), MORAN], y, "o", color=colour, markerfacecolor=face)
    ax_h.plot(rows.loc[(crime, unit), "crime in hot spots %"], y, "o", color=colour)
    ax_i.hlines(y, 0, rows.loc[(crime, unit), MORAN], color=colour, linewidth=1)
    ax_h.hlines(y, 0, rows.loc[(crime, unit), "crime in hot spots %"], color=colour, linewidth=1)
labels = [f"{crime}: {unit} ({rows.loc[(crime, unit), 'units']:,})" for crime, unit in rows.index]
ax_i.set_yticks(ypos, labels)
ax_i.axvline(0, color="#333333", linewidth=0.8)
ax_i.set_xlabel("global Moran's I (hollow: p > 0.05, no detectable clustering)")
ax_i.set_title("Clustering depends on the unit")
ax_h.set_xlabel("% of the crime in Gi* hot-spot units (FDR, 95%)")
ax_h.set_title("So does the share in hot spots")
for ax in (ax_i, ax_h):
    ax.grid(axis="y", visible=False)
style.save_figure(fig, "03_maup", "Met (OGL v3.0); data.police.uk (OGL v3.0); ONS/GLA "
                  "boundaries. Hexagons May 2025–Apr 2026, others Mar 2024–Feb 2025", svg=True)

# %% [markdown]
# **What the scale changes.** The answer to "does it cluster, and where?" depends on the unit:
#
# - **33 boroughs: no detectable clustering** of theft from the person (I = 0.10, p = 0.08) or
#   burglary (0.07, p = 0.36). Westminster's thefts sit next to boroughs with far fewer, and 33
#   units give the test little power. The one borough Gi\* flags is the **City of London** —
#   not for its own 1,309 thefts (1.3% of London's) but because Gi\* scores a unit *together
#   with* its neighbours, and the City is ringed by Westminster, Camden, Islington, Hackney and
#   Tower Hamlets. At this scale a "hot spot" is where busy boroughs meet.
# - **Wards and LSOAs: clear clustering** (theft from the person I = 0.30 and 0.47; burglary
#   0.47 and 0.41). Eight wards (1.3% of them) hold 36% of London's thefts from the person; 15
#   LSOAs (0.3%) hold 31%. For burglary the significant hot spots hold little (6% and 3%): they
#   are the West End's business burglaries, a small part of London's burglary.
# - **100 m hexagons** (central London): theft from the person clusters as strongly as by LSOA
#   (I = 0.46); 27 hexagons — 1.3% of the area, 70 hectares — hold 22% of the area's thefts,
#   from Oxford Circus through Soho to Leicester Square (map and table below). Anti-social behaviour clusters
#   here too (I = 0.27; 58 hot hexagons hold 8% of it).
# - **250 m squares inside the City: no detectable clustering** (I = −0.04, p = 0.80): within
#   the square mile thefts spread across its busy streets, and 67 squares give little power.
# - **Burglary on 500 m squares** clusters most of all (I = 0.62): 475 squares (7%) hold 31% of
#   London's burglaries, in a broad band of inner London and around central Croydon, while the
#   edge of London is cold (part of that I comes from the grid: edge squares lying mostly
#   outside London record few burglaries and sit next to each other).
#
# So "crime clusters" holds from wards down to 100 m, but *how much* of it the hot spots hold —
# from 0% to 36% here — and even whether clustering is detectable at all, is a property of the
# units chosen as much as of the crime.

# %%
fig, axes = plt.subplots(1, 2, figsize=(16, 6.6), width_ratios=[1.2, 1])
hex_result = scales[(TFP, "100 m hexagon")].gi
hm.gi_map(axes[0], lattice.reset_index(), hex_result, id_column="index",
          legend_title="Gi* class (hexagons)", legend_loc="lower left", rasterized=True)
borough_lines.clip(HEX_BOX).plot(ax=axes[0], color="#555555", linewidth=0.6)
hm.label_places(axes[0], anchors, fontsize=7)
axes[0].set_xlim(HEX_BOX[0], HEX_BOX[2])
axes[0].set_ylim(HEX_BOX[1], HEX_BOX[3])
style.map_axes(axes[0], "Theft from the person, 100 m hexagons (May 2025–Apr 2026)")
burglary_result = scales[("burglary", "500 m square")].gi
hm.gi_map(axes[1], london_cells, burglary_result, id_column="cell_id",
          legend_title="Gi* class (squares)", legend_loc="lower left", legend_anchor=(0.98, 0.0),
          rasterized=True)
borough_lines.plot(ax=axes[1], color="#555555", linewidth=0.3)
axes[1].add_patch(Rectangle(HEX_BOX[:2], HEX_BOX[2] - HEX_BOX[0], HEX_BOX[3] - HEX_BOX[1],
                            fill=False, edgecolor=style.ACCENT, linewidth=1))
style.map_axes(axes[1], "Burglary, 500 m squares (Mar 2024–Feb 2025)")
fig.suptitle("Gi* at fine scales (9,999 permutations, seed 12345, FDR; binary weights: "
             "6 surrounding hexagons / 8 surrounding squares)", x=0.01, ha="left",
             fontweight="bold", fontsize=12)
style.save_figure(fig, "03_fine_scale", f"{style.OGL_POLICE}: hexagon counts by "
                  f"Ellmal/3D-London-Crime-Statistics, Met burglary records; "
                  f"{style.OGL_BOUNDARIES}", svg=True)

# %%
api_points = pt.snap_points(police_uk_subsets.load_charing_cross_api())
hot_hex = lattice[hex_result.hot("fdr_bh")].sort_values(
    [TFP, "hex_q", "hex_r"], ascending=[False, True, True]).reset_index(drop=True)
hot_hex["nearest Dec 2025 map point (≤ 150 m)"] = pt.nearest_location(
    hot_hex["x"], hot_hex["y"], api_points, 150).str.removeprefix("On or near ").fillna(
    "(none within 150 m)").to_numpy()
hot_hex.index = pd.RangeIndex(1, len(hot_hex) + 1, name="hot hexagon")
assert len(hot_hex) == 27
hot_hex[[TFP, "nearest Dec 2025 map point (≤ 150 m)"]].head(12)

# %% [markdown]
# The 27 hot hexagons run from **Oxford Circus** (Market Place, Argyll Street) through **Soho**
# (Wardour Street, Great Windmill Street) to **Leicester Square and Chinatown** (Leicester
# Street, Litchfield Street) and **Tottenham Court Road** (Denmark Street, Moor Street); several
# map points are place types ("Nightclub", "Shopping Area") rather than streets. One hot
# hexagon recorded no theft at all: Gi\* flags it for its neighbours. Burglary's 500 m hot
# squares cover a broad band of inner London and central Croydon.
#
# **What location anonymisation does at the finest scale.** data.police.uk moves every record to
# the nearest of a fixed set of anonymous **map points** (street centres and places such as
# stations or parks). A 100 m hexagon's count is therefore the sum of the map points inside it,
# and a hexagon with no map point can never record a crime:

# %%
snap = pt.snap_point_summary(city_tfp)
city_points = pt.snap_points(city)
anonymisation = pd.Series({
    "central hexagons (100 m) with no crime of any type in 12 months %":
        100 * (any_crime == 0).mean(),
    "City of London: map points used by any crime, Mar 2024 – Feb 2025": len(city_points),
    "City: thefts from the person": snap["records"],
    "City: map points they sit on": snap["map points"],
    "City: share on the 10 busiest points %": snap["share on the top 10 points (%)"],
    "City: median distance between neighbouring points (m)":
        snap["median distance to the nearest other point (m)"],
    "City 250 m squares with no theft from the person %": 100 * (city_cells[TFP] == 0).mean(),
}).round(1)
anonymisation.to_frame("value")

# %% [markdown]
# At 100 m the map is a map of **map points**. In the City, a year's 1,309 thefts from the person
# sit on 207 points, a median 77 m from the next one — about one or two points per 100 m hexagon
# — and the ten busiest points hold 29% of them. So a hexagon's count is mostly the count of one
# or two points, a busy point puts hundreds of records in one cell, and a fifth of central
# London's hexagons never record any crime at all (mostly parks and the Thames, as the cold
# spots in Hyde Park, Regent's Park and St James's Park on the map show). Clustering at this
# scale is real — it is how crime sits along streets — but open data cannot delimit "precisely
# defined micro‑areas" any finer than the stretch of street a map point stands for. The police's
# own, exact locations could.

# %% [markdown]
# ## 6 · Verdicts

# %%
all_clustered = all(moran_q[n].moran_i > 0 and moran_q[n].p_permutation < 0.001
                    for n in TYPES_ALL)
i_range = (min(m.moran_i for m in moran_q.values()), max(m.moran_i for m in moran_q.values()))
tfp_hot = int(gi[TFP].hot("fdr_bh").sum())
named_hot = int(named_table.loc[TFP, list(pt.PRE_2014_PLACES)].sum())
named_with_hot = [new for new in pt.PRE_2014_PLACES if named_table.loc[TFP, new] > 0]
hex_row = maup.loc[(TFP, "100 m hexagon")]
claims = [
    Claim(claim_id="clustering-crime-lsoa", section="What Are Hot Spots & How the Met Uses Them",
          article_words="where crime and anti‑social behaviour cluster predictably",
          claimed_value=None, claimed_text="crime clusters (the clustering half)",
          our_value=moran_q["all crime"].moran_i, interval_low=i_range[0],
          interval_high=i_range[1], unit="global Moran's I (LSOA counts, queen, row-standardised)",
          verdict="reproduced" if all_clustered else "contradicted",
          reason=f"Global Moran's I is positive for all six crime types and ASB at LSOA level "
                 f"(I = {i_range[0]:.2f} to {i_range[1]:.2f}, two-sided permutation p = 0.0002, "
                 "the floor with 9,999 permutations) and for theft from the person and "
                 "burglary from wards down to 100 m hexagons and 500 m squares, though not "
                 "detectably among the 33 boroughs; shoplifting clusters only weakly.",
          data_source="Met LSOA counts (London Datastore, third-party Parquet); police.uk "
                      "hexagon counts for ASB",
          vintage="LSOA 2026-02 (Mar 2024–Feb 2025)", notebook=NOTEBOOK,
          figure="figures/03_moran_i.png"),
    Claim(claim_id="clustering-asb", section="What Are Hot Spots & How the Met Uses Them",
          article_words="crime and anti‑social behaviour cluster",
          claimed_value=None, claimed_text="anti-social behaviour clusters",
          our_value=moran_q[ASB].moran_i, unit="global Moran's I (LSOA counts)",
          verdict="reproduced" if moran_q[ASB].p_permutation < 0.001 else "contradicted",
          reason=f"Anti-social behaviour recorded by police.uk (May 2025–Apr 2026) clusters "
                 f"by LSOA (I = {moran_q[ASB].moran_i:.2f}, p = 0.0002) and by 100 m hexagon "
                 f"in central London (I = {maup.loc[(ASB, '100 m hexagon'), MORAN]:.2f}); "
                 "the Met's files hold no ASB, so the source and year differ from the crime "
                 "tests.",
          data_source="police.uk 100 m hexagon counts (Ellmal/3D-London-Crime-Statistics)",
          vintage="2025-05 to 2026-04", notebook=NOTEBOOK, figure="figures/03_moran_i.png"),
    Claim(claim_id="clustering-named-wards-gi-star", section="Mobile Phone Theft in Tourist Areas",
          article_words="West End tops the list … Other high-risk wards: St James’s, "
                        "Bloomsbury / Holborn & Covent Garden, Borough & Bankside, and "
                        "Waterloo & South Bank",
          claimed_value=6, claimed_text="six named high-risk wards",
          our_value=len(named_with_hot), unit="named areas holding a significant Gi* hot spot",
          verdict="reproduced" if len(named_with_hot) == 6
          else "close" if len(named_with_hot) >= 4 else "unsupported by the evidence",
          reason=f"{named_hot} of London's {tfp_hot} significant theft-from-the-person hot spots "
                 f"(Gi*, FDR 5%) lie in {', '.join(named_with_hot)} (pre-2014 wards as "
                 "approximate places); Borough & Bankside and Waterloo & South Bank rank high "
                 "by count but hold no significant hot spot.",
          data_source="Met LSOA counts; pre-2014 ward boundaries as approximate places",
          vintage="LSOA 2026-02 (Mar 2024–Feb 2025)", notebook=NOTEBOOK,
          figure="figures/03_gi_star_central.png"),
    Claim(claim_id="clustering-micro-areas", section="What Are Hot Spots & How the Met Uses Them",
          article_words="precisely defined micro‑areas (streets, parks, squares)",
          claimed_value=None, claimed_text="hot spots are streets, parks, squares",
          our_value=hex_row["Moran's I"], unit="global Moran's I (100 m hexagons)",
          verdict="not checkable with open data",
          reason=f"Theft from the person still clusters at 100 m (I = {hex_row[MORAN]:.2f}) "
                 "from Oxford Circus through Soho to Leicester Square, but police.uk snaps records to "
                 "anonymous map points tens of metres apart, so open data cannot delimit "
                 "precise micro-areas.",
          data_source="police.uk 100 m hexagon counts; City of London street records",
          vintage="2025-05 to 2026-04", notebook=NOTEBOOK, figure="figures/03_fine_scale.png"),
]
write_claims(claims, NOTEBOOK)
pd.DataFrame([c.to_dict() for c in claims]).set_index("claim_id")[
    ["claimed_text", "our_value", "unit", "verdict", "reason"]].round(3)

# %% [markdown]
# Rows read, kept and dropped for each source used here:

# %%
load_reports().drop(columns=["dropped, by reason"])

# %% [markdown]
# ## Caveats
#
# - **Units.** No 2022 ward polygons: the tests use 2021 LSOAs, and the article's wards are
#   approximated by pre-2014 wards. No town-centre boundaries: town centres are discussed by name
#   only.
# - **The City of London** has no Met data; its LSOAs count as 0 in the main tests (the
#   police.uk check shows that changes nothing); at borough and ward level it gets its own
#   police's counts.
# - **Recorded crime** reflects reporting and policing as well as offending; more officers in
#   the West End could record more of its crime.
# - **Permutation p-values have a floor** (0.0002 with 9,999 permutations): global p-values are
#   "at most 0.0002", and Bonferroni over 4,994 LSOAs cannot reject anything with them.
# - **Rates** use Census 2011 residents put on 2021 LSOAs by area — labelled approximate, and
#   residents are the wrong denominator where visitors dominate.
# - **Different years for ASB and the 100 m hexagons** (May 2025 – April 2026).
#
# **Takeaway.** Crime in London does cluster — strongly for theft, robbery and burglary, weakly
# for shoplifting — and after allowing for testing 4,994 areas the statistically significant hot
# spots are a small core of about 15 LSOAs in the West End, St James's, Bloomsbury and Holborn
# — four of the article's six wards — and how strong the clustering looks depends on the size
# of the areas counted.
