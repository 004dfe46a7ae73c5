"""Apply the numbered, idempotent schema files (``queries/schema/NNN_*.cypher``)."""

from __future__ import annotations

from graph.cypher import load_query, schema_statements
from graph.db import Graph


def apply(graph: Graph) -> int:
    """Run every schema statement in file order; safe to repeat. Returns the count run."""
    statements = schema_statements()
    for _name, statement in statements:
        graph.run_schema(statement)
    graph.run_schema(load_query("admin/await_indexes").text)
    return len(statements)
