"""The batch path: link every report that has no content cluster (e.g. loaded before linking
existed, or after a policy change cleared clusters), with the same code as intake uses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import Graph, run
from graph.dedup.evidence_props import evidence_from_record
from graph.dedup.store import link_in_tx


def link_unlinked(
    graph: Graph, batch_size: int = 1000, on_progress: Callable[[int], object] | None = None
) -> int:
    """Link every report without a content cluster, a batch a transaction; ``on_progress`` is
    told how many each batch linked."""
    total = 0

    def work(tx: ManagedTransaction) -> int:
        rows = run(tx, load_query("dedup/unlinked_reports"), page=batch_size)
        batch = [
            (evidence_from_record(r["id"], r), datetime.fromisoformat(r["received_at"]))
            for r in rows
        ]
        link_in_tx(tx, batch)
        return len(batch)

    while count := graph.write_tx(work):
        total += count
        if on_progress is not None:
            on_progress(count)
    return total
