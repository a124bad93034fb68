"""The layer rules of the package and the rules for notebook sources, checked by reading code.

Layers (``lib/hotspots``): ``io`` reads files, ``geo`` is pure geometry, ``stats`` computes,
``claims`` decides verdicts, ``viz`` draws, ``publish`` builds the site, ``analyses`` composes
them for one notebook each. The rules below are the ones that keep each stage replaceable.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from hotspots.claims.verdicts import VERDICTS
from hotspots.config import PROJECT_ROOT, notebooks_dir

PACKAGE = PROJECT_ROOT / "lib" / "hotspots"

#: layer -> layers it must never import
FORBIDDEN = {
    "stats": ("io", "analyses", "viz", "claims", "publish"),
    "geo": ("io", "analyses", "viz", "claims", "publish", "stats"),
    "claims": ("stats", "analyses", "viz", "publish"),
    "io": ("analyses", "viz", "claims", "publish", "stats"),
    "viz": ("analyses", "publish", "io"),
}
MAX_CELL_LINES = 30
#: Local statistics (hot and cold spots, LISA): only the hot-spot policy may call them.
LOCAL_STATISTICS = {"local_gi_star", "local_moran", "hot_spots", "gi_star_by_period",
                    "emerging_hot_spots", "G_Local", "Moran_Local", "Moran_Local_Rate"}
#: Where an analysis may compute a local statistic outside the policy: ``analyses.cached`` runs
#: the policy itself, and these (module, function) pairs are labelled sensitivity rows.
POLICY_HOME = "cached"
SENSITIVITY = {("moran_getis_ord", "fixed_draws_table")}


def hotspots_imports(path: Path, root: Path = PACKAGE.parent) -> set[str]:
    """Every ``hotspots.*`` module a file under ``root`` imports (absolute or relative)."""
    module = ".".join(path.relative_to(root).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("hotspots")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            if name.startswith("hotspots"):
                found.add(name)
                found |= {f"{name}.{a.name}" for a in node.names}
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_layers_import_only_what_their_rule_allows():
    violations = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = layer_of(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        for imported in hotspots_imports(path):
            if layer in FORBIDDEN and layer_of(imported) in FORBIDDEN[layer]:
                violations.append(f"{path.relative_to(PACKAGE)} imports {imported}")
    assert not violations, "\n".join(sorted(set(violations)))


def test_the_layer_check_sees_violations_absolute_and_relative(tmp_path):
    """The checker itself: a stats module importing a loader is caught, however written."""
    probe = tmp_path / "hotspots" / "stats" / "spatial" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text("from hotspots.io.met import load_counts\nfrom ...viz import maps\n")
    found = hotspots_imports(probe, root=tmp_path)
    assert {"hotspots.io.met", "hotspots.viz.maps"} <= found
    assert {layer_of(m) for m in found} <= {"io", "viz"}
    assert all(layer_of(m) in FORBIDDEN["stats"] for m in found)


def code_cells(path: Path) -> list[str]:
    notebook = json.loads(path.read_text())
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


NOTEBOOKS = sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
VERDICT_LITERAL = re.compile(
    "[\"'](" + "|".join(re.escape(v) for v in VERDICTS) + ")[\"']"
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_only_tell_the_story(path):
    """No function or class definitions, no verdict typed by hand, short cells."""
    problems = []
    for number, source in enumerate(code_cells(path)):
        tree = ast.parse(source)
        defined = [n.name for n in ast.walk(tree)
                   if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)]
        if defined:
            problems.append(f"cell {number} defines {defined}")
        if VERDICT_LITERAL.search(source):
            problems.append(f"cell {number} types a verdict: {VERDICT_LITERAL.search(source)[0]}")
        lines = len(source.strip().splitlines())
        if lines > MAX_CELL_LINES:
            problems.append(f"cell {number} has {lines} lines (at most {MAX_CELL_LINES})")
    assert not problems, "\n".join(problems)


def local_statistic_calls(tree: ast.AST) -> list[tuple[str, int]]:
    """(name, line) of every call of a local statistic or of a policy's ``run``."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        owner = getattr(func, "value", None)
        owner_name = getattr(owner, "id", getattr(owner, "attr", ""))
        if name in LOCAL_STATISTICS or (name == "run" and "policy" in owner_name.lower()):
            found.append((name, node.lineno))
    return found


def test_hot_spots_come_only_from_the_policy():
    """Analyses get hot spots from ``analyses.cached`` (the policy); notebooks from analyses."""
    problems = []
    for path in sorted((PACKAGE / "analyses").glob("*.py")):
        if path.stem == POLICY_HOME:
            continue
        for function in ast.walk(ast.parse(path.read_text())):
            if isinstance(function, ast.FunctionDef) and (path.stem, function.name) \
                    not in SENSITIVITY:
                problems += [f"analyses/{path.name}:{line} {function.name} calls {name}"
                             for name, line in local_statistic_calls(function)]
    for path in NOTEBOOKS:
        for number, source in enumerate(code_cells(path)):
            problems += [f"{path.stem} cell {number} calls {name}"
                         for name, _ in local_statistic_calls(ast.parse(source))]
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_policy_check_sees_direct_calls():
    source = "r = local_gi_star(x, w)\nh = POLICY.run(x, w)\nk = spatial.hot_spots(x, w)\n"
    assert [name for name, _ in local_statistic_calls(ast.parse(source))] == [
        "local_gi_star", "run", "hot_spots"]
