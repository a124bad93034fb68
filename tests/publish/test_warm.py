"""Tests for hotspots.publish.warm: the warm-up steps of ``make setup``."""

from __future__ import annotations

import sys
import types

import pytest

from hotspots.publish import warm


@pytest.fixture
def fake_module(monkeypatch):
    module = types.ModuleType("hotspots_fake_kernels")
    module.calls = []
    module.warm = lambda: module.calls.append("warm")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module


def test_steps_run_in_order(fake_module, capsys):
    assert warm.main(["hotspots_fake_kernels:warm", "hotspots_fake_kernels:warm"]) == 0
    assert fake_module.calls == ["warm", "warm"]
    assert capsys.readouterr().out.startswith("warm-up hotspots_fake_kernels:warm: ")


def test_a_missing_module_or_function_is_one_clear_message(fake_module, capsys):
    assert warm.main(["hotspots_fake_kernels:compile_all"]) == 1
    assert "hotspots_fake_kernels has no function compile_all()" in capsys.readouterr().err
    assert warm.main(["hotspots.no_such_module:warm"]) == 1
    assert "module hotspots.no_such_module does not exist" in capsys.readouterr().err
    assert fake_module.calls == []
