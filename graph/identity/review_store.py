"""Review items' priorities into the graph (the I/O edge of graph/identity/review_priority.py)."""

from __future__ import annotations

from collections.abc import Iterable

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import run
from graph.identity.judgements import Judgement
from graph.identity.persons import Persons
from graph.identity.review_priority import review_priorities


def write_review_priorities(
    tx: ManagedTransaction, added: Iterable[Judgement], persons: Persons
) -> None:
    """Store the priority of every new system UNSURE judgement (the queue orders by it)."""
    rows = [p.row() for p in review_priorities(added, persons)]
    if rows:
        run(tx, load_query("identity/set_review_priority"), rows=rows)
