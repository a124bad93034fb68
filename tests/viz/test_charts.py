"""TODO docstring."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from hotspots.claims import scorecard as sc
from hotspots.claims.registry import FIELDS, VERDICTS, Claim
from hotspots.viz import charts


def claim(claim_id: str, verdict: str, section: str, words: str, notebook: str = "01_test",
          **more) -> Claim:
    values = {"claimed_value": None, "claimed_text": words, "our_value": None, "unit": "x",
              "reason": f"Because of {claim_id}.", "data_source": "test"}
    values.update(more)
    return Claim(claim_id=claim_id, section=section, article_words=words, verdict=verdict,
                 notebook=notebook, **values)


def registry(*claims: Claim) -> pd.DataFrame:
    return pd.DataFrame([c.to_dict() for c in claims], columns=list(FIELDS))


SAMPLE = registry(
    claim("rate", "close", "Statistics & Broader Context", "432 crimes per 1,000 residents"),
    claim("wards", "reproduced", "1. Mobile Phone Theft in Tourist Areas", "high-risk wards"),
    claim("change", "contradicted", "statistics and broader context", "a 2% increase"),
    claim("odd", "close", "Something else entirely", "a thing"),
)


def test_forest_plot_draws_one_row_per_line():
    rows = pd.DataFrame({"label": ["a", "b", "c"], "group": ["x", "x", "y"],
                         "estimate": [-10.0, np.nan, 5.0], "low": [-20.0, -13.0, np.nan],
                         "high": [0.0, -6.0, np.nan], "interval": ["95% CI", "range", ""]})
    fig, ax = plt.subplots()
    charts.forest_plot(ax, rows, colours={"x": "red", "y": "blue"})
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    assert ax.get_yticks().tolist() == [2, 1, 0]  # first row at the top
    assert len(ax.lines) == 2 + 1 + 1 + 1  # two intervals, two points, the zero line
    plt.close(fig)


def test_tile_figures_and_verdict_bars(tmp_path):
    import matplotlib.pyplot as plt

    paths = []
    for i in range(4):
        path = tmp_path / f"f{i}.png"
        plt.imsave(path, np.full((20, 30, 3), i / 4))
        paths.append(path)
    fig = charts.tile_figures(paths, ncols=3)
    assert len(fig.axes) == 6 and sum(bool(ax.images) for ax in fig.axes) == 4
    assert fig.axes[0].get_title() == "f0"
    plt.close(fig)
    fig, ax = plt.subplots()
    charts.verdict_bars(ax, sc.counts_by_section(sc.scorecard_table(SAMPLE)))
    assert len(ax.patches) == 3 * len(VERDICTS)
    plt.close(fig)
