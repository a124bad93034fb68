"""Tests for hotspots.viz.style: figures saved with a sources line, rewritten only on change."""

from __future__ import annotations

import os

import matplotlib.pyplot as plt

from hotspots.viz import style


def figure() -> plt.Figure:
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1], [1, 0])
    return fig


def test_save_figure_writes_png_and_svg_and_leaves_identical_files_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(style, "figures_dir", lambda: tmp_path)
    style.save_figure(figure(), "probe", "Source: test", svg=True)
    png, svg = tmp_path / "probe.png", tmp_path / "probe.svg"
    assert png.read_bytes()[:4] == b"\x89PNG" and b"Source: test" not in png.read_bytes()
    assert "<svg" in svg.read_text()
    for path in (png, svg):
        os.utime(path, (1_000_000, 1_000_000))
    style.save_figure(figure(), "probe", "Source: test", svg=True)
    assert png.stat().st_mtime == svg.stat().st_mtime == 1_000_000  # same bytes: untouched
    style.save_figure(figure(), "probe", "Source: another line")
    assert png.stat().st_mtime != 1_000_000 and svg.stat().st_mtime == 1_000_000
