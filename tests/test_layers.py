"""The import rules of the package layout (STYLE.md §1), checked on every module."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "pukara"

ALLOWED = {
    "model": {"model"},
    "refdata": {"model", "refdata"},
    "ingest": {"model", "refdata", "ingest", "errors"},
    "extract": {"model", "refdata", "extract", "errors"},
    "store": {"model", "store", "errors"},
    "analyse": {"model", "store", "analyse", "errors"},
    "plan": {"model", "store", "plan", "errors", "analyse"},
    "share": {"model", "store", "share", "errors"},
    "errors": set(),
    "config": set(),
    "demo": set(),  # data only
}
FACES = {"cli", "web", "scale", "pipeline"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "pukara" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_every_layer_imports_only_what_it_may() -> None:
    bad = []
    for path in PKG.rglob("*.py"):
        layer = path.relative_to(PKG).parts[0].removesuffix(".py")
        if layer in FACES or layer == "__init__":
            continue
        allowed = ALLOWED.get(layer)
        assert allowed is not None, f"{path}: layer {layer} has no import rule"
        for imported in _imports(path) - allowed - {layer}:
            bad.append(f"{path.relative_to(PKG)} imports pukara.{imported}")
    assert not bad, "\n".join(bad)


def test_nothing_imports_the_faces() -> None:
    for path in PKG.rglob("*.py"):
        layer = path.relative_to(PKG).parts[0].removesuffix(".py")
        if layer in FACES:
            continue
        assert not (_imports(path) & {"cli", "web", "scale"}), path
