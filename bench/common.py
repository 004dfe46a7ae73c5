"""What every benchmark shares: a connected graph and the raw-write baseline measured in-run."""

from __future__ import annotations

import time
from dataclasses import dataclass

from graph.cypher import load_query
from graph.db import Graph
from graph.settings import load_settings


def connect() -> Graph:
    """The configured Neo4j (``NEO4J_URI`` or the local one: start it with ``ohch neo4j start``)."""
    graph = Graph.connect(load_settings())
    graph.verify()
    return graph


@dataclass(frozen=True)
class Baseline:
    batch_size: int
    rows: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds


def measure_baseline(graph: Graph, batch_size: int, total: int = 200_000) -> Baseline:
    """Rows/s of ``UNWIND $rows CREATE`` of simple nodes, then clean up."""
    query = load_query("bench/create_baseline_rows")
    batch = [
        {"id": i, "name": f"node-{i}", "at": "2026-06-01T00:00:00Z"} for i in range(batch_size)
    ]
    batches = max(1, total // batch_size)
    graph.write(query, rows=batch)  # warm-up: plan cache, page cache
    start = time.perf_counter()
    for _ in range(batches):
        graph.write(query, rows=batch)
    seconds = time.perf_counter() - start
    graph.run_schema(load_query("bench/delete_baseline_rows").text)
    return Baseline(batch_size, batches * batch_size, seconds)
