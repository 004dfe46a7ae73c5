"""The layers, read from the imports: every interface reaches the graph through ``services/``.

``api`` and ``pages`` (the interfaces) -> ``services`` (one function per use case) ->
``graph`` and ``ingest`` (rules, stores, repositories, Cypher). An interface may import pure
modules of ``graph`` and ``ingest`` (errors, values, enums, models, rules) but no module that
touches the database, i.e. one that imports ``graph.db`` or ``graph.cypher`` directly or through
another such module; it may hold a :class:`graph.db.Graph` to hand to a use case, no more.
The running half of this check is ``tests/one_way_in.py``: no request calls the graph outside a
use case.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).parents[3]
INTERFACES = ("api", "pages")
LOWER = ("graph", "ingest")
DATABASE = frozenset({"graph.db", "graph.cypher"})
# Layers each package may not import.
FORBIDDEN = {
    "graph": ("api", "pages", "cli", "services", "ingest"),
    "ingest": ("api", "pages", "cli", "services"),
    "services": ("api", "pages", "cli"),
    "api": ("cli",),
    "pages": ("cli",),
}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _files(package: str) -> Iterator[Path]:
    yield from sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path) -> Iterator[tuple[str, str, int]]:
    """(module, imported name or "", line) for each import, TYPE_CHECKING blocks included."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, "", node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                yield node.module, alias.name, node.lineno


@cache
def _lower_modules() -> dict[str, Path]:
    return {_module(p): p for package in LOWER for p in _files(package)}


def _resolve(module: str, name: str) -> str:
    """``from graph.cases import store as cases_store`` imports the module ``graph.cases.store``."""
    candidate = f"{module}.{name}" if name else module
    return candidate if candidate in _lower_modules() else module


@cache
def _touches_database(module: str) -> bool:
    if module in DATABASE:
        return True
    path = _lower_modules().get(module)
    if path is None:
        return False
    return any(
        _resolve(m, n) != module and _touches_database(_resolve(m, n))
        for m, n, _ in _imports(path)
        if m.startswith(LOWER)
    )


def test_each_layer_imports_only_the_layers_below_it() -> None:
    wrong = [
        f"{p.relative_to(ROOT)}:{line} imports {module}"
        for package, banned in FORBIDDEN.items()
        for p in _files(package)
        for module, _, line in _imports(p)
        if module.split(".")[0] in banned
    ]
    assert not wrong, "\n".join(wrong)


def test_interfaces_reach_the_database_only_through_services() -> None:
    wrong = [
        f"{p.relative_to(ROOT)}:{line} imports {_resolve(module, name)}"
        for package in INTERFACES
        for p in _files(package)
        for module, name, line in _imports(p)
        if module.startswith(LOWER)
        and (module, name) != ("graph.db", "Graph")
        and _touches_database(_resolve(module, name))
    ]
    assert not wrong, "these interface modules import database modules:\n" + "\n".join(wrong)


def test_the_check_knows_a_database_module_when_it_sees_one() -> None:
    assert _touches_database("graph.cases.store")
    assert _touches_database("ingest.service")
    assert not _touches_database("graph.errors")
    assert not _touches_database("graph.access")
