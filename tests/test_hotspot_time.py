"""Unit x month matrices, points in units, Gi* per period and the period-comparison helpers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import shapely
from scipy import stats
from spatial_lattices import grid

from hotspots.analyses import concentration_stability as ht
from hotspots.config import data_dir
from hotspots.io import boundaries as geography
from hotspots.io import police_uk
from hotspots.stats.spatial import contiguity, local_gi_star

MONTHS = pd.period_range("2024-01", "2024-03", freq="M")


def met_rows() -> pd.DataFrame:
    return pd.DataFrame({
        "area_code": ["A", "A", "B", None, "A"],
        "major": ["THEFT", "THEFT", "BURGLARY", "THEFT", "THEFT"],
        "minor": ["SHOPLIFTING", "SHOPLIFTING", "RES BURGLARY OF A HOME", "SHOPLIFTING",
                  "THEFT FROM THE PERSON"],
        "month": pd.PeriodIndex(["2024-01", "2024-01", "2024-02", "2024-01", "2024-04"],
                                freq="M"),
        "count": [2, 3, 4, 9, 7],
    })


def test_crime_types_select_met_rows_by_minor_major_or_all():
    rows = met_rows()
    assert ht.CRIME_TYPES["shoplifting"].select_met(rows)["count"].sum() == 14
    assert ht.CRIME_TYPES["burglary"].select_met(rows)["count"].sum() == 4
    assert len(ht.CRIME_TYPES["all crime"].select_met(rows)) == 5
    records = pd.DataFrame({"crime_type": ["Burglary", "Anti-social behaviour", "Robbery"]})
    assert len(ht.CRIME_TYPES["all crime"].select_police_uk(records)) == 2
    assert ht.CRIME_TYPES["burglary"].select_police_uk(records)["crime_type"].tolist() == [
        "Burglary"]


def test_unit_month_matrix_sums_fills_zeros_and_leaves_out_missing_codes():
    matrix = ht.unit_month_matrix(met_rows(), ["A", "B", "C"], MONTHS)
    assert matrix.shape == (3, 3) and matrix.dtypes.eq("int64").all()
    assert matrix.loc["A"].tolist() == [5, 0, 0]  # April is outside the months asked for
    assert matrix.loc["B"].tolist() == [0, 4, 0]
    assert matrix.loc["C"].tolist() == [0, 0, 0]
    assert int(matrix.to_numpy().sum()) == 9  # the row without a code is left out
    with pytest.raises(ValueError, match="not among the units"):
        ht.unit_month_matrix(met_rows(), ["A"], MONTHS)


def test_period_sums_over_named_month_ranges():
    matrix = pd.DataFrame([[1, 2, 3], [0, 0, 5]], index=["A", "B"], columns=MONTHS)
    sums = ht.period_sums(matrix, {"first two": ("2024-01", "2024-02"), "all": ("2024-01",
                                                                              "2024-03")})
    assert sums.loc["A"].tolist() == [3, 6] and sums.loc["B"].tolist() == [0, 5]
    with pytest.raises(ValueError, match="needs months"):
        ht.period_sums(matrix, {"late": ("2024-03", "2024-04")})


def test_counts_by_unit_keeps_zero_units_and_skips_missing_ids():
    counts = ht.counts_by_unit(pd.Series(["b", "a", "b", None]), ["a", "b", "c"])
    assert counts.tolist() == [1, 2, 0] and counts.index.tolist() == ["a", "b", "c"]
    with pytest.raises(ValueError):
        ht.counts_by_unit(pd.Series(["z"]), ["a"])


def test_points_in_polygons_edge_points_go_to_the_first_polygon():
    squares = grid(2, 1, size=10.0)  # c0: x 0-10, c1: x 10-20
    ids = ht.points_in_polygons([5, 15, 10, 50], [5, 5, 5, 5], squares, "id")
    assert ids.iloc[:3].tolist() == ["c0", "c1", "c0"]
    assert ids.isna().tolist() == [False, False, False, True]


def test_points_in_grid_matches_square_grid_cells():
    area = shapely.box(0, 0, 1000, 500)
    cells = geography.square_grid(area, 250)
    assert len(cells) == 8
    corners = cells.geometry.bounds.set_index(cells["cell_id"])[["minx", "miny"]]
    ids = ht.points_in_grid([10, 260, 999, 250, 2000], [10, 10, 499, 0, 10], cells, 250)
    found = [corners.loc[i].tolist() for i in ids.iloc[:4]]
    assert found == [[0, 0], [250, 0], [750, 250], [250, 0]]  # x = 250 is the eastern cell's
    assert pd.isna(ids.iat[4])


def test_hex_cells_over_lists_centres_inside_at_the_uploader_spacing():
    centre_x, centre_y = police_uk.to_bng([-0.1278], [51.5074])
    area = shapely.box(centre_x[0] - 1000, centre_y[0] - 1000, centre_x[0] + 1000,
                       centre_y[0] + 1000)
    cells = ht.hex_cells_over(area)
    hex_area = 3 * math.sqrt(3) / 2 * ht.HEX_RADIUS_M**2  # m², about 2.6 ha
    assert len(cells) == pytest.approx(4e6 / hex_area, rel=0.1)
    assert shapely.contains_xy(area, cells["x"], cells["y"]).all()
    q, r = cells["hex_q"].to_numpy(), cells["hex_r"].to_numpy()
    lon = 150 * q / ht.HEX_X_PER_DEGREE
    lat = 100 * math.sqrt(3) * (r + q / 2) / ht.HEX_Y_PER_DEGREE
    x, y = police_uk.to_bng(lon, lat)
    assert np.allclose(x, cells["x"]) and np.allclose(y, cells["y"])
    gaps = np.hypot(*(np.diff(np.column_stack([x, y])[np.argsort(q * 10_000 + r)], axis=0).T))
    assert np.isclose(np.median(gaps), 100 * math.sqrt(3), rtol=0.05)  # neighbours in a column


def test_gi_star_by_period_matches_local_gi_star_per_column():
    squares = grid(4, 4)
    weights = contiguity(squares, "queen", transform="B", id_column="id")
    rng = np.random.default_rng(5)
    matrix = pd.DataFrame({"m1": rng.poisson(3, 16), "m2": rng.poisson(3, 16)},
                          index=pd.Index(squares["id"], name="unit"))
    matrix.loc[["c0", "c1", "c4", "c5"], "m2"] = 40  # a hot corner in m2
    series = ht.gi_star_by_period(matrix, weights, p_kind="analytical", permutations=0,
                                  correction="none")
    direct = local_gi_star(matrix["m2"], weights, p_kind="analytical", permutations=0,
                           correction="none")
    assert np.allclose(series.z["m2"], direct.z)
    assert series.hot["m2"].tolist() == list(direct.significant & (direct.z > 0))
    assert series.hot.loc["c0", "m2"] and not series.cold.any().any()
    assert series.z.index.name == "unit" and "Getis-Ord Gi*" in series.caption


def test_emerging_categories_test_only_units_ever_significant():
    from hotspots.stats.emerging import emerging_hot_spots

    units = pd.Index(["a", "b", "c"], name="unit")
    z = pd.DataFrame([[3.0, 3.5, 4.0, 4.5, 5.0, 5.5], [0.1, -0.2, 0.3, 0.5, 0.7, 0.9],
                      [-2.5, 0.2, 0.1, 0.3, 2.9, 3.1]], index=units)
    p = pd.DataFrame([[0.001] * 6, [0.5] * 6, [0.01, 0.6, 0.7, 0.6, 0.02, 0.01]], index=units)
    series = ht.GiSeries(z=z, p_adjusted=p, hot=(p < 0.05) & (z > 0), cold=(p < 0.05) & (z < 0),
                         caption="")
    result = ht.emerging_categories(series)
    full = emerging_hot_spots(z, p)
    assert result["category"].astype(str).tolist() == full["category"].astype(str).tolist()
    assert result["category"].astype(str).tolist() == [
        "Intensifying Hot Spot", "No Pattern Detected", "Oscillating Hot Spot"]
    assert result.loc["b", "trend"] == "not tested"
    assert result.loc["a", "trend_tau"] == pytest.approx(full.loc["a", "trend_tau"])


def test_change_by_rank_group_reports_group_means():
    a = pd.Series([10, 8, 0, 2, 0], index=list("vwxyz"))
    b = pd.Series([6, 6, 1, 2, 1], index=list("vwxyz"))
    table = ht.change_by_rank_group(a, b, [0.4, 1.0])
    assert table["units"].tolist() == [2, 3]
    assert table.loc["0–40%", "mean_a"] == 9 and table.loc["0–40%", "mean_b"] == 6
    assert table.loc["0–40%", "change_pct"] == pytest.approx(-100 / 3)
    assert table.loc["40–100%", "mean_a"] == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        ht.change_by_rank_group(a, b, [0.5, 0.9])


def test_proportion_difference_test_finds_the_shifted_unit_only():
    base = pd.Series([100, 100, 100, 100, 0], index=list("abcde"))
    test = pd.Series([100, 100, 100, 300, 0], index=list("abcde"))
    result = ht.proportion_difference_test(base, test)
    assert result.units["change"].tolist() == [-1, -1, -1, 1, 0]
    assert math.isnan(result.units.loc["e", "p"])  # no points: not tested
    assert result.s_index == pytest.approx(0.2) and result.robust_s_index == 0.0
    same = ht.proportion_difference_test(base, base)
    assert same.s_index == 1.0 and (same.units["p"].dropna() == 1).all()


def test_proportion_difference_p_is_the_exact_binomial_test():
    # equal totals: p = 1/2 under the null, where the doubled tail is scipy's exact p-value
    result = ht.proportion_difference_test(pd.Series([30, 10, 5]), pd.Series([12, 28, 5]),
                                           correction="none")
    expected = [stats.binomtest(k, n, 0.5).pvalue for k, n in [(30, 42), (10, 38), (5, 10)]]
    assert result.units["p"].tolist() == pytest.approx(expected)
    assert result.units["change"].tolist() == [-1, 1, 0]


def test_year_pair_changes_rows_per_consecutive_pair():
    yearly = pd.DataFrame({"y1": [50, 10, 5, 1, 0] * 4, "y2": [25, 10, 5, 1, 0] * 4,
                           "y3": [25, 10, 5, 1, 0] * 4})
    table = ht.year_pair_changes(yearly, fraction=0.2)
    assert table[["period_a", "period_b"]].values.tolist() == [["y1", "y2"], ["y2", "y3"]]
    assert table["rho"].tolist() == pytest.approx([1.0, 1.0])
    assert table["kept"].tolist() == [1.0, 1.0]
    assert table.loc[0, "top_change_pct"] == pytest.approx(-50)
    assert table.loc[1, "top_change_pct"] == pytest.approx(0)
    overall = (41 / 66)
    assert table.loc[0, "relative_pct"] == pytest.approx(100 * (0.5 / overall - 1))


@pytest.mark.mirror
def test_mirror_hex_cells_cover_london_and_the_met_lsoa_matrix():
    if not (data_dir() / "geography").is_dir() or not (data_dir() / "met_datastore").is_dir():
        pytest.skip("data mirror not available (set HOTSPOTS_DATA)")
    from hotspots.io import met

    cells = ht.hex_cells_over(police_uk.london_outline())
    london_m2 = shapely.area(police_uk.london_outline())
    assert len(cells) == pytest.approx(london_m2 / (3 * math.sqrt(3) / 2 * 100**2), rel=0.02)
    lsoas = geography.lsoas_2021()
    months = pd.period_range("2024-03", "2026-02", freq="M")
    matrix = ht.unit_month_matrix(met.load_lsoa_counts(), lsoas["lsoa_code"].tolist(), months)
    assert matrix.shape == (4_994, 24)
    assert int((matrix.sum(axis=1) == 0).sum()) == 6  # the City of London's LSOAs
