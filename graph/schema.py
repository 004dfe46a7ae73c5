"""Apply the numbered, idempotent schema files (``queries/schema/NNN_*.cypher``), then the data
upgrades (``queries/upgrades/NNN_*.cypher``: each turns data an older version wrote into the
form the code now reads, and finds nothing to do once it has run)."""

from __future__ import annotations

from graph.cypher import all_queries, load_query, schema_statements
from graph.db import Graph


def apply(graph: Graph) -> int:
    """Run every schema statement in file order, then every upgrade; safe to repeat. Returns
    the count of schema statements run."""
    statements = schema_statements()
    for _name, statement in statements:
        graph.run_schema(statement)
    graph.run_schema(load_query("admin/await_indexes").text)
    for name, query in all_queries().items():
        if name.startswith("upgrades/"):
            # Auto-commit, as schema statements: an upgrade commits in batches of its own.
            graph.run_schema(query.text)
    return len(statements)
