"""Notebook 05's analyses: ward groups on a small grid, shares and changes by hand, the
randomisation design on constructed wards, and the reported figures on the real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import requires_mirror
from lattices import grid

from hotspots.analyses import theft_fall as tf
from hotspots.analyses import town_centres as nb
from hotspots.claims import verdicts
from hotspots.io import boundaries, met, reference
from hotspots.months import MonthSpan


def grid_wards():
    """5 x 4 squares of 1 km, c0 in the south-west corner, c4 the City (no Met counts)."""
    frame = grid(5, 4, size=1_000.0).rename(columns={"id": "ward_code"})
    frame["ward_name"] = frame["ward_code"].str.upper()
    frame["borough_name"] = "B"
    frame["city"] = frame["ward_code"] == "c4"
    return frame


CENTRES = pd.DataFrame({
    "centre": ["A", "A", "B"], "ward_code": ["c6", "c7", "c18"],
    "role": ["core", "part", "core"], "confidence": ["high", "low", "medium"],
    "method": ["ward name", "landmark point", "ward name"]})


def grid_groups(**options) -> pd.DataFrame:
    wards = grid_wards()
    met_wards = wards.loc[~wards["city"], "ward_code"]
    return nb.ward_groups(wards, CENTRES, ["c15"], met_wards, **options)


def test_centre_wards_keep_the_roles_asked_for():
    assert nb.centre_wards(CENTRES)["ward_code"].tolist() == ["c6", "c18"]
    assert len(nb.centre_wards(CENTRES, ("core", "part"))) == 3
    with pytest.raises(ValueError, match="more than one centre"):
        nb.centre_wards(pd.concat([CENTRES, CENTRES.assign(centre="C")]), ("core", "part"))


def test_queen_neighbours_include_corners():
    neighbours = nb.queen_neighbours(grid_wards())
    assert neighbours["c6"] == {"c0", "c1", "c2", "c5", "c7", "c10", "c11", "c12"}
    assert neighbours["c0"] == {"c1", "c5", "c6"}


def test_ward_groups_keep_centres_and_their_neighbours_out_of_the_comparison():
    groups = grid_groups().set_index("ward_code")
    assert set(groups.index[groups["group"] == "treated"]) == {"c6", "c18"}
    assert set(groups.index[groups["group"] == "edge"]) == {"c7"}
    assert set(groups.index[groups["group"] == "ring"]) == {
        "c0", "c1", "c2", "c3", "c5", "c8", "c10", "c11", "c12", "c13", "c14", "c17", "c19"}
    assert groups.loc["c15", "group"] == "other named centre"
    assert groups.loc["c4", "group"] == "no Met counts"
    assert set(groups.index[groups["group"] == "comparison"]) == {"c9", "c16"}
    assert groups.loc["c7", "centre"] == "A" and pd.isna(groups.loc["c9", "centre"])
    counts = nb.group_counts(groups.reset_index())
    assert counts.index.tolist() == list(nb.GROUPS) and counts.sum() == 20


def test_edge_wards_are_treated_in_the_wide_variant():
    groups = grid_groups(treated_roles=("core", "part")).set_index("ward_code")
    assert set(groups.index[groups["group"] == "treated"]) == {"c6", "c7", "c18"}
    assert not (groups["group"] == "edge").any()


def matrix(values: dict[str, list[int]], first: str = "2024-07") -> pd.DataFrame:
    """Wards x months from lists of monthly counts."""
    months = pd.period_range(first, periods=len(next(iter(values.values()))), freq="M")
    return pd.DataFrame(values, index=months).T


def test_shares_by_hand():
    m = matrix({"a": [10, 10], "b": [30, 30], "c": [60, 60]})
    window = MonthSpan("2024-07", "2024-08")
    assert nb.london_share(m, ["a", "b"], window) == pytest.approx(40)
    table = nb.share_table({"x": m}, {"first": ["a"], "both": ["a", "b"]}, window)
    assert table.loc["x"].tolist() == pytest.approx([10, 40])
    wards = pd.DataFrame({"ward_code": ["a", "b", "c"], "centre": ["P", "P", "Q"]})
    assert nb.centre_shares(m, wards, window).to_dict() == pytest.approx({"Q": 60, "P": 40})


def test_season_change_by_group():
    m = matrix({"t": [10, 12], "c": [20, 30]})
    groups = pd.DataFrame({"ward_code": ["t", "c"], "group": ["treated", "comparison"]})
    table = nb.season_change(m, groups, MonthSpan("2024-07", "2024-07"),
                             MonthSpan("2024-08", "2024-08"))
    assert table.index.tolist() == ["treated", "comparison"]
    assert table["change_pct"].tolist() == pytest.approx([20, 50])


def test_implied_hot_spot_share():
    # A quarter of the crime falling 18% and the rest rising 2.6% gives a 2.6 - 0.25 x 20.6
    # = -2.55% change overall.
    assert nb.implied_hot_spot_share(-2.55, -18, 2.6) == pytest.approx(0.25)
    with pytest.raises(ValueError, match="any share"):
        nb.implied_hot_spot_share(1, 2, 2)


def design_data(effect: float, seed: int = 1, n: int = 200):
    """Wards over July 2023 - September 2025 with a common season; the eight busiest-ish
    wards (two centres) are treated with ``effect`` in July-September 2025."""
    rng = np.random.default_rng(seed)
    months = pd.period_range("2023-07", "2025-09", freq="M")
    level = np.exp(rng.normal(3.5, 0.8, n))
    codes = [f"w{i:02d}" for i in range(n)]
    treated = [codes[i] for i in np.argsort(-level)[2:48:6]]
    lift = np.where(np.isin(codes, treated)[:, None] & (months >= nb.CAMPAIGN.first)[None, :],
                    1 + effect, 1.0)
    counts = rng.poisson(level[:, None] * lift * rng.gamma(30, 1 / 30, (n, len(months))))
    m = pd.DataFrame(counts, index=pd.Index(codes, name="area_code"), columns=months)
    groups = pd.DataFrame({
        "ward_code": codes,
        "group": np.where(np.isin(codes, treated), "treated", "comparison"),
        "centre": [("P" if treated.index(c) < 4 else "Q") if c in treated else None
                   for c in codes]})
    return m, groups, treated


def test_campaign_test_statistic_is_the_hand_ratio_of_ratios():
    m, groups, treated = design_data(0.0)
    design = nb.placebo_design(m, groups, n_draws=199)
    assert sorted(design.treated) == sorted(treated) and len(design.units) == 200
    result = nb.campaign_test(m, design, n_pseudo=0)
    pre, post = (m[span.periods].sum(axis=1) for span in (nb.BASELINE, nb.CAMPAIGN))
    others = [c for c in m.index if c not in treated]
    hand = np.log(post[treated].sum() / pre[treated].sum()) - np.log(
        post[others].sum() / pre[others].sum())
    assert result.statistic == pytest.approx(hand)
    row = nb.result_row(result)
    assert row["raw_pct"] == pytest.approx(100 * np.expm1(hand))
    assert row["ci_low_pct"] <= row["estimate_pct"] <= row["ci_high_pct"]


def test_a_large_campaign_effect_is_found_and_no_effect_is_not():
    m, groups, _ = design_data(-0.4)
    big = nb.campaign_test(m, nb.placebo_design(m, groups, n_draws=999))
    assert big.p_value < 0.05 and big.ci_low < np.log(0.6) < big.ci_high
    assert -40 < big.mde_pct < 0
    m, groups, _ = design_data(0.0, seed=2)
    assert nb.campaign_test(m, nb.placebo_design(m, groups, n_draws=999)).p_value > 0.05


def test_step_and_monthly_effects_and_centres():
    m, groups, _ = design_data(-0.4)
    design = nb.placebo_design(m, groups, n_draws=199)
    step = nb.step_test(m, design)
    assert step["step_pct"] < -25 and step["p_value"] < 0.05
    monthly = nb.monthly_effects(m, design, MonthSpan("2025-04", "2025-09"))
    assert (monthly.loc[nb.CAMPAIGN.first:, "estimate_pct"] < -25).all()
    assert (monthly["band_low_pct"] < monthly["band_high_pct"]).all()
    centres = nb.by_centre(m, groups, n_draws=199)
    assert centres.index.tolist() in (["P", "Q"], ["Q", "P"]) and (centres["wards"] == 4).all()
    assert (centres["change_pct"] < -20).all()
    assert nb.band_rows(centres)["label"].tolist() == ["P", "Q"]
    loo = nb.leave_one_out(m, groups, n_draws=199)
    assert loo["share_of_treated_pct"].sum() == pytest.approx(100)
    assert set(nb.without_centre(groups, "P").query("group == 'treated'")["centre"]) == {"Q"}
    with pytest.raises(ValueError, match="no treated ward"):
        nb.without_centre(groups, "Z")


def test_bootstrap_and_conventional_estimates_agree_in_sign():
    m, groups, _ = design_data(-0.4)
    assert nb.wild_bootstrap_check(m, groups, n_boot=199).estimate < -0.3
    assert nb.conventional_did(m, groups).irr == pytest.approx(
        np.exp(nb.campaign_test(m, nb.placebo_design(m, groups, n_draws=99),
                                n_pseudo=0).statistic), rel=1e-5)


def test_lead_test_finds_a_divergence_before_the_campaign_and_not_without_one():
    m, groups, treated = design_data(0.0)
    design = nb.placebo_design(m, groups, n_draws=199)
    flat = nb.lead_test(m, design)
    assert flat["leads"] == 12 and flat["placebo_sets"] == 199 and flat["p_value"] > 0.05
    # The leads' mean is the mean of the event study's monthly estimates on the log scale.
    monthly = nb.monthly_effects(m, design, nb.EVENT_LEADS)
    assert flat["mean_lead_pct"] == pytest.approx(
        100 * np.expm1(np.log1p(monthly["estimate_pct"] / 100).mean()))
    assert flat["mean_abs_lead_pct"] == pytest.approx(
        100 * np.expm1(np.abs(np.log1p(monthly["estimate_pct"] / 100)).mean()))
    early = m.astype(float)
    early.loc[treated, early.columns >= pd.Period("2024-07", "M")] *= 0.6
    diverged = nb.lead_test(early, design)
    assert diverged["p_value"] == pytest.approx(1 / 200)
    assert diverged["mean_lead_pct"] == pytest.approx(-40, abs=5)


SYNTH_MONTHS = MonthSpan("2022-07", "2025-09")


def synth_data(effect: float, n_donors: int = 12, n_quiet: int = 14):
    """Noise-free wards with their own seasons and trends; the two treated wards (centre
    "West End" and "P") are 2 x (0.5 d00 + 0.3 d01 + 0.2 d02) and d03, times ``1 + effect``
    in July-September 2025; the busiest tenth of the 26 comparison wards is d00-d02."""
    rng = np.random.default_rng(3)
    t = np.arange(len(SYNTH_MONTHS))
    level = np.geomspace(2000, 200, n_donors)[:, None]
    shape = 1 + rng.uniform(0, 0.4, (n_donors, 1)) * np.sin(
        2 * np.pi * (t + rng.uniform(0, 12, (n_donors, 1))) / 12)
    donors = level * shape * np.exp(rng.uniform(-0.004, 0.004, (n_donors, 1)) * t)
    lift = np.where(np.isin(SYNTH_MONTHS.periods, nb.CAMPAIGN.periods), 1 + effect, 1.0)
    west_end = 2 * (np.array([0.5, 0.3, 0.2]) @ donors[:3]) * lift
    other = donors[3] * lift
    quiet = np.full((n_quiet, len(t)), 5.0)
    codes = ["we", "p"] + [f"d{i:02d}" for i in range(n_donors)] + [
        f"q{i}" for i in range(n_quiet)]
    m = pd.DataFrame(np.vstack([west_end, other, donors, quiet]), index=codes,
                     columns=SYNTH_MONTHS.periods)
    groups = pd.DataFrame({"ward_code": codes, "ward_name": [c.upper() for c in codes],
                           "borough": "B",
                           "group": ["treated", "treated"] + ["comparison"] * (
                               n_donors + n_quiet),
                           "centre": [nb.WEST_END, "P"] + [None] * (n_donors + n_quiet)})
    return m, groups


def test_synth_donors_are_the_busiest_comparison_wards():
    m, groups = synth_data(0.0)
    assert nb.synth_donors(m, groups) == ["d00", "d01", "d02"]
    assert "we" not in nb.synth_donors(m, groups, share=1.0)
    panel = nb.synth_panel(m, ["we", "p"], ["d00"], nb.SYNTH_FIT, "centres")
    centres = panel[panel["treated"]].set_index("month")["count"]
    np.testing.assert_allclose(centres, m.loc[["we", "p"], nb.SYNTH_FIT.periods].sum())
    assert set(panel["unit"]) == {"centres", "d00"} and len(panel) == 2 * 36


def test_synth_check_recovers_a_known_campaign_effect():
    m, groups = synth_data(-0.25)
    west_end = nb.synth_check(m, groups, treated=["we"], label="WE", share=0.4)
    assert west_end.donors == [f"d{i:02d}" for i in range(11)]  # 11 of 26: not the quiet
    # On the index scale the weights are the true ones times each donor's mean, normalised.
    means = m.loc[["d00", "d01", "d02"], nb.SYNTH_FIT.periods].mean(axis=1).to_numpy()
    truth = np.array([0.5, 0.3, 0.2]) * means / (np.array([0.5, 0.3, 0.2]) @ means)
    np.testing.assert_allclose(west_end.fit.weights[["d00", "d01", "d02"]], truth, atol=1e-3)
    assert west_end.fit.pre_rmspe < 0.01
    assert west_end.fit.effect_pct == pytest.approx(-25, abs=0.05)
    assert west_end.placebo.p_value == pytest.approx(1 / 12)
    row = nb.synth_row(west_end)
    assert row["gap_pct"] == pytest.approx(-25, abs=0.05) and row["donors"] == 11
    weights = nb.donor_weights(west_end, groups, n=3)
    assert set(weights.index) == {"d00", "d01", "d02"}
    assert (weights["group"] == "comparison").all()
    assert weights["weight_pct"].sum() == pytest.approx(100, abs=0.1)
    paths = nb.synth_paths(west_end)
    assert paths.columns[:3].tolist() == ["actual", "synthetic", "gap"]
    assert sum(c.startswith("placebo: ") for c in paths.columns) == 11
    assert paths.loc[nb.SYNTH_FIT.periods, "actual"].mean() == pytest.approx(100)


def test_synth_checks_run_every_design_for_the_centres_and_the_west_end():
    m, groups = synth_data(-0.25)
    checks = nb.synth_checks(m, groups)
    assert set(checks) == {(t, d) for t in ("the centres' core wards", "the West End's wards")
                           for d in nb.SYNTH_DESIGNS}
    table = nb.synth_table(checks)
    west_end = table.loc["the West End's wards"]
    # The effect is in July-September 2025 only: every fit finds it, the fake campaign nothing.
    assert west_end["gap_pct"].tolist()[:3] == pytest.approx([-25] * 3, abs=0.05)
    assert abs(west_end["gap_pct"].iloc[3]) < 0.05
    assert table["donors"].tolist() == [3, 6, 3, 3] * 2
    with pytest.raises(ValueError, match="among the donors"):
        nb.synth_check(m, groups, treated=["we", "d00"])
    rows = nb.synth_evidence("all offences", checks)
    assert [r["name"] for r in rows] == [
        "synth-all-offences", "synth-west-end-all-offences",
        "synth-fit-to-dec-2024-all-offences", "synth-in-time-placebo-all-offences"]
    assert rows[1]["our_value"] == pytest.approx(-25, abs=0.05)
    assert "-25.0%" in rows[1]["description"] and "West End" in rows[1]["description"]


def test_event_study_table_sets_the_leads_beside_the_campaign():
    m, groups, _ = design_data(-0.4)
    design = nb.placebo_design(m, groups, n_draws=199)
    table = nb.event_study_table({"x": nb.campaign_test(m, design, n_pseudo=0)},
                                 {"x": nb.lead_test(m, design)})
    assert table.loc["x", "campaign vs comparison wards (%)"] < -30
    assert float(table.loc["x", "leads all zero: p"]) > 0.05
    lead = pd.Series({"leads": 12, "placebo_sets": 4999, "p_value": 0.0008,
                      "mean_lead_pct": -19.6})
    fails = nb.lead_evidence("theft", lead)
    assert fails["name"] == "event-study-leads-theft"
    assert "12 leads" in fails["description"] and "4,999 placebo sets" in fails["description"]
    assert "joint p < 0.001: the pre-trend test fails" in fails["description"]
    passes = nb.lead_evidence("all", lead.replace({0.0008: 0.41, -19.6: -1.9}))
    assert "joint p = 0.410: no pre-trend" in passes["description"]
    assert "no pre-trend" in passes["description"] and passes["our_value"] == -1.9


def test_regression_to_mean_placebos_pick_as_many_comparison_wards():
    m, groups, _ = design_data(0.0)
    table = nb.regression_to_mean_check(m, groups)
    assert table.index.tolist() == [
        "centres' wards", "placebo: busiest over 24 months",
        "placebo: busiest in July-September 2024 alone",
        "stable-rate model: expected for the centres' wards"]
    # Stable rates with little noise: the model expects almost nothing.
    assert abs(table["stable-rate model: expected for the centres' wards"]) < 3


def test_displacement_is_read_only_after_a_detected_fall():
    m, groups, _ = design_data(-0.4)
    groups.loc[groups.index[-10:], "group"] = "ring"
    result = nb.displacement(m, groups)
    assert result.success_measure < 0
    detected = nb.campaign_test(m, nb.placebo_design(m, groups, n_draws=199), n_pseudo=0)
    assert np.isfinite(nb.displacement_row(result, detected)["WDQ"])
    m, groups, _ = design_data(0.0, seed=2)
    groups.loc[groups.index[-10:], "group"] = "ring"
    null = nb.campaign_test(m, nb.placebo_design(m, groups, n_draws=199), n_pseudo=0)
    row = nb.displacement_row(nb.displacement(m, groups), null)
    assert np.isnan(row["WDQ"]) and np.isnan(row["net effect (crimes)"])
    assert row["reading"] == "no detectable direct effect: WDQ not read"


def test_yearly_index_and_the_last_year():
    m = matrix({"a": [10, 20, 30], "b": [100, 100, 50]}, first="2022-07")
    years = [MonthSpan(p, p) for p in ("2022-07", "2022-08", "2022-09")]
    table = nb.yearly_index(m, ["a"], years)
    assert table["centres index"].tolist() == pytest.approx([100, 200, 300])
    assert table["rest of London index"].tolist() == pytest.approx([100, 100, 50])
    change = nb.year_on_year(table)
    assert change.to_dict() == pytest.approx(
        {"centres_pct": 50, "rest_pct": -50, "relative_pct": 200})


def test_asb_shares_put_each_hexagon_in_its_ward():
    wards = grid_wards()
    hexes = pd.DataFrame({
        "crime_type": ["Anti-social behaviour"] * 4 + ["Shoplifting"],
        "hex_q": [0, 1, 2, 3, 4], "hex_r": 0, "x": [1_500, 2_500, 4_500, 9_000, 1_500],
        "y": [1_500, 1_500, 500, 9_000, 1_500], "crime_count": [6, 2, 50, 7, 99]})
    # c6 holds 6, c7 holds 2, c4 (the City) 50 and one point lies in no ward: London = 8.
    shares = nb.asb_incident_shares(hexes, wards, {"core": ["c6"], "wide": ["c6", "c7"]})
    assert shares.to_dict() == pytest.approx({"core": 75, "wide": 100})


def test_busiest_tenth_per_centre():
    m = matrix({f"w{i:02d}": [i] for i in range(20)})
    wards = pd.DataFrame({"ward_code": ["w19", "w00", "w05"], "centre": ["P", "Q", "Q"]})
    table = nb.busiest_tenth({"x": m}, wards, MonthSpan("2024-07", "2024-07"))
    assert table["x"].to_dict() == {"P": True, "Q": False}


def test_the_press_verdicts_are_not_checked_here_with_the_numbers_in_the_reason():
    theft = nb.theft_share_verdict(39.4, 44.7, 27.4, 28)
    assert theft.verdict == verdicts.NOT_CHECKED_HERE
    assert "39.4%" in theft.reason and "28 core wards" in theft.reason
    assert "GLA Town Centre Boundaries" in theft.dataset
    asb = nb.asb_share_verdict(9.8, 12.8, 28)
    assert asb.verdict == verdicts.NOT_CHECKED_HERE and "not published as open data" in asb.reason
    fall = nb.fall_verdict(-2.8, -1.4, 2.6, 0.26, 28)
    assert fall.verdict == verdicts.NOT_CHECKED_HERE and "about 26%" in fall.reason


def test_p_text_never_prints_zero():
    assert nb.p_text(0.0004) == "< 0.001"
    assert nb.p_text(0.0564) == "0.056"
    table = nb.percent_table(pd.DataFrame({"x": [1.26], "p_value": [0.00001]}))
    assert table.iloc[0].tolist() == [1.3, "< 0.001"]


def test_literature_rows_group_outcomes_and_flag_british_studies():
    rows = nb.evidence_rows()
    assert list(dict.fromkeys(rows["panel"])) == [
        "all crime", "violence", "disorder", "drugs", "property and theft"]
    assert {"Ariel et al. 2016 · UK", "Ariel & Partridge 2017 · London",
            "Basford et al. 2021 · UK"} <= set(rows["label"])
    property_rows = rows[rows["panel"] == "property and theft"]
    assert property_rows["estimate"].isna().all()
    assert property_rows["finding"].str.contains("smaller reduction").any()
    pooled = nb.pooled_reviews()
    assert set(pooled["crime_type"]) == {"all", "violent", "property", "drug", "disorder"}


# --- the reported figures, on the real data ---------------------------------------------------

WARD_FILES = ("met_datastore/ward/vintage_2026-03__hou1020",
              "met_datastore/ward/vintage_2026-01__lb-lewisham",
              "met_datastore/ward/historical_201004-202402__fenneh",
              "geography/wards_dec2022_london.geojson.gz")


@pytest.fixture(scope="module")
def real(mirror):
    releases = [met.load_counts("ward", "2026-03"), met.load_counts("ward", "2026-01"),
                met.load_ward_historical()]
    wards = boundaries.wards_2022()
    centres = reference.read_hotspot_centres(wards=wards)
    tiers = reference.read_town_centre_wards()
    rows, _ = tf.splice_releases(releases)
    met_wards = sorted(releases[0]["area_code"].dropna().unique())
    tier2 = tiers.loc[(tiers["tier"] == 2) & (tiers["confidence"] != "none"), "ward_code"]
    groups = nb.ward_groups(wards, centres, tier2.dropna(), met_wards)
    matrices = {o: tf.ward_matrix(rows, c, met_wards) for o, c in nb.OUTCOMES.items()}
    return {"groups": groups, "matrices": matrices, "centres": centres}


@requires_mirror(*WARD_FILES)
def test_mirror_groups_and_the_theft_share(real):
    assert nb.group_counts(real["groups"]).to_dict() == {
        "treated": 28, "edge": 15, "ring": 131, "other named centre": 14, "comparison": 490,
        "no Met counts": 26}
    tfp = real["matrices"]["theft from the person"]
    core = nb.centre_wards(real["centres"])["ward_code"]
    wide = nb.centre_wards(real["centres"], ("core", "part"))["ward_code"]
    assert round(nb.london_share(tfp, core, nb.SHARE_YEAR), 1) == 39.4
    assert round(nb.london_share(tfp, wide, nb.SHARE_YEAR), 1) == 44.7


@requires_mirror(*WARD_FILES)
def test_mirror_campaign_change_and_estimate(real):
    m = real["matrices"][nb.ALL_OFFENCES]
    change = nb.season_change(m, real["groups"], nb.BASELINE, nb.CAMPAIGN)
    assert change.loc["treated", ["before", "after"]].tolist() == [31_824, 30_922]
    result = nb.campaign_test(m, nb.placebo_design(m, real["groups"]), n_pseudo=0)
    assert round(result.raw_pct, 1) == -5.3 and result.p_value > 0.05


@requires_mirror(*WARD_FILES)
def test_mirror_event_study_leads_and_synthetic_control(real):
    tfp, every = real["matrices"]["theft from the person"], real["matrices"][nb.ALL_OFFENCES]
    leads = nb.lead_test(tfp, nb.placebo_design(tfp, real["groups"]))
    assert leads["p_value"] < 0.01 and round(leads["mean_lead_pct"], 1) == -19.6
    assert nb.lead_test(every, nb.placebo_design(every, real["groups"]))["p_value"] > 0.05
    table = nb.synth_table(nb.synth_checks(tfp, real["groups"])).round(3)
    main = table.xs(nb.MAIN_SYNTH, level="design")
    assert main.loc["the centres' core wards", ["gap_pct", "pre_rmspe", "p_value"]].tolist() \
        == [-6.299, 7.436, 0.5]
    check = nb.synth_check(tfp, real["groups"])
    assert (real["groups"].set_index("ward_code").loc[check.donors, "group"]
            == "comparison").all() and len(check.donors) == 49
