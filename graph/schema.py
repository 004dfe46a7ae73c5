"""Apply the numbered, idempotent schema files (``queries/schema/NNN_*.cypher``), then the data
upgrades (``queries/upgrades/NNN_*.cypher``: each turns data an older version wrote into the
form the code now reads, and finds nothing to do once it has run).

A full run leaves a marker with the fingerprint of those files, so the API's start-up
(:func:`apply_if_changed`) costs one read when nothing changed; ``ohch schema apply`` always
runs them all (:func:`apply`).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from functools import cache

from graph.cypher import all_queries, load_query, schema_statements
from graph.db import Graph

_APPLIED = ("schema/", "upgrades/")


@cache
def fingerprint() -> str:
    """SHA-256 of every schema and upgrade file, by name and text (read once a process, as the
    query files are: the scheduler asks at every look)."""
    digest = hashlib.sha256()
    for name, query in all_queries().items():
        if name.startswith(_APPLIED):
            digest.update(f"{name}\0{query.text}\0".encode())
    return digest.hexdigest()


def apply(graph: Graph) -> int:
    """Run every schema statement in file order, then every upgrade, and record the files'
    fingerprint; safe to repeat. Returns the count of schema statements run."""
    statements = schema_statements()
    for _name, statement in statements:
        graph.run_schema(statement)
    graph.run_schema(load_query("admin/await_indexes").text)
    for name, query in all_queries().items():
        if name.startswith("upgrades/"):
            # Auto-commit, as schema statements: an upgrade commits in batches of its own.
            graph.run_schema(query.text)
    graph.write(
        load_query("admin/mark_schema_applied"),
        fingerprint=fingerprint(),
        applied_at=datetime.now(UTC).isoformat(),
    )
    return len(statements)


def is_current(graph: Graph) -> bool:
    """Whether the graph's marker says these very files were applied in full (the marker is
    written last, so a graph being upgraded is not current until the upgrade has finished)."""
    [row] = graph.read(load_query("admin/schema_state"))
    return bool(row["fingerprint"] == fingerprint())


def apply_if_changed(graph: Graph) -> bool:
    """:func:`apply` unless the graph is current (:func:`is_current`); True when it ran."""
    if is_current(graph):
        return False
    apply(graph)
    return True
