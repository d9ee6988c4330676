"""The import rules of the package layout (README "Layout"), checked on every module, and
the rule that all SQL of Pukara lives in ``pukara/store``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "pukara"

ALLOWED = {
    "model": {"model"},
    "refdata": {"model", "refdata"},
    "ingest": {"model", "refdata", "ingest", "errors"},
    "extract": {"model", "refdata", "extract", "errors"},
    "store": {"model", "store", "errors"},
    "analyse": {"model", "refdata", "store", "analyse", "errors"},
    "plan": {"model", "refdata", "store", "plan", "errors", "analyse"},
    "share": {"model", "refdata", "store", "share", "errors", "analyse"},
    # the pipeline runs readers and extractors and writes through the store
    "pipeline": {"model", "refdata", "ingest", "extract", "store", "errors"},
    "errors": set(),
    "config": set(),
    "demo": set(),  # data only
}
FACES = {"cli", "web", "scale"}

# What SQL looks like in a string: a statement keyword followed by its clause keyword, in
# capitals as the project writes SQL (prose says "select a place from the list").
_SQL = re.compile(
    r"\b(SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)"
    r"|DROP\s+(TABLE|INDEX)|ALTER\s+TABLE|PRAGMA\s+\w+)",
    re.S,
)
_DRIVERS = {"sqlite3", "psycopg", "psycopg2", "psycopg_pool"}


def _layer(path: Path) -> str:
    return path.relative_to(PKG).parts[0].removesuffix(".py")


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """(pukara subpackages, top-level modules) imported by ``path``."""
    tree = ast.parse(path.read_text("utf-8"))
    found, tops = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            tops.add(parts[0])
            if parts[0] == "pukara" and len(parts) > 1:
                found.add(parts[1])
    return found, tops


def test_every_layer_imports_only_what_it_may() -> None:
    bad = []
    for path in PKG.rglob("*.py"):
        layer = _layer(path)
        if layer in FACES or layer == "__init__":
            continue
        allowed = ALLOWED.get(layer)
        assert allowed is not None, f"{path}: layer {layer} has no import rule"
        for imported in _imports(path)[0] - allowed - {layer}:
            bad.append(f"{path.relative_to(PKG)} imports pukara.{imported}")
    assert not bad, "\n".join(bad)


def test_nothing_imports_the_faces() -> None:
    for path in PKG.rglob("*.py"):
        if _layer(path) not in FACES:
            assert not (_imports(path)[0] & FACES), path


def test_no_database_driver_or_sql_outside_the_store() -> None:
    bad = []
    for path in PKG.rglob("*.py"):
        if _layer(path) == "store":
            continue
        drivers = _imports(path)[1] & _DRIVERS
        if drivers:
            bad.append(f"{path.relative_to(PKG)} imports {', '.join(sorted(drivers))}")
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and _SQL.search(node.value):  # type: ignore[attr-defined]
                bad.append(f"{path.relative_to(PKG)}:{node.lineno}: SQL {node.value[:50]!r}")  # type: ignore[attr-defined]
            if isinstance(node, ast.Attribute) and node.attr in {"execute", "executemany",
                                                                  "cursor", "_db", "db"}:  # fmt: skip
                bad.append(f"{path.relative_to(PKG)}:{node.lineno}: reaches .{node.attr}")
    assert not bad, "\n".join(bad)


def test_the_rule_catches_sql() -> None:
    assert _SQL.search("SELECT id FROM facts WHERE x = ?")
    assert _SQL.search("INSERT INTO events VALUES (1)")
    assert not _SQL.search("Select a place from the list")
