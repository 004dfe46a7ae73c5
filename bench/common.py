"""What every benchmark shares: a connected graph and the raw-write baseline measured in-run."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psutil

from graph import schema
from graph.cypher import load_query
from graph.db import Graph
from graph.local_server import LocalServer
from graph.reference.loader import load_reference
from graph.settings import Environment, Settings

REPO = Path(__file__).resolve().parent.parent
BENCH_PASSWORD = "ohch-bench-password"  # noqa: S105 - a throwaway local database


@contextmanager
def bench_graph(heap_mb: int = 4096, pagecache_mb: int = 4096) -> Iterator[Graph]:
    """A Neo4j the benchmark may empty: ``NEO4J_BENCH_URI``, else its own local server (port
    ``OHCH_BENCH_NEO4J_PORT``, default 7699; data in ``.ohch/neo4j-bench-PORT``), never the
    hub's. The database is emptied, the schema applied and reference data loaded."""
    with bench_settings(heap_mb, pagecache_mb) as settings, prepared_graph(settings) as graph:
        yield graph


@contextmanager
def bench_settings(heap_mb: int = 4096, pagecache_mb: int = 4096) -> Iterator[Settings]:
    """The settings of the benchmark's Neo4j (see :func:`bench_graph`), started if it is the
    bench's own, and stopped after."""
    if uri := os.environ.get("NEO4J_BENCH_URI"):
        yield Settings(
            env=Environment.TEST,
            NEO4J_URI=uri,
            NEO4J_PASSWORD=os.environ.get("NEO4J_BENCH_PASSWORD", BENCH_PASSWORD),
        )
        return
    port = int(os.environ.get("OHCH_BENCH_NEO4J_PORT", "7699"))
    server = LocalServer(
        home=REPO / ".ohch" / f"neo4j-bench-{port}",
        port=port,
        password=BENCH_PASSWORD,
        heap_mb=heap_mb,
        pagecache_mb=pagecache_mb,
        launcher_dir=REPO / "neo4j-launcher",
    )
    server.start(timeout=180)
    try:
        yield Settings(env=Environment.TEST, NEO4J_URI=server.uri, NEO4J_PASSWORD=BENCH_PASSWORD)
    finally:
        server.stop()


@contextmanager
def prepared_graph(settings: Settings) -> Iterator[Graph]:
    """A graph on ``settings``' Neo4j, emptied, with the schema and reference data."""
    graph = Graph.connect(settings)
    try:
        graph.verify()
        graph.run_schema(load_query("admin/delete_relationships").text)
        graph.run_schema(load_query("admin/delete_all").text)
        schema.apply(graph)
        load_reference(graph)
        yield graph
    finally:
        graph.close()


class PeakMemory:
    """Samples the resident memory of this process and its helper processes in a thread;
    ``growth_mb`` is the peak above this process's memory at the start. Also sums the CPU time
    the helper processes used (``helper_cpu_s``), read while they run.

    The helpers are listed afresh only every ``list_every`` seconds: listing walks every
    process on the machine (psutil reads each one's parent), and at every 50 ms sample it was
    9% of the measured process's samples (py-spy), CPU taken from the threads it measures.
    The helpers of a run live for all of it, so a new one is seen within ``list_every``."""

    def __init__(self, interval: float = 0.05, list_every: float = 1.0) -> None:
        self._process = psutil.Process()
        self._interval = interval
        self._list_every = list_every
        self._listed_at = -float("inf")
        self._children: list[psutil.Process] = []
        self._stop = threading.Event()
        self._helper_cpu: dict[int, float] = {}
        self.start_mb = self._sample()
        self.peak_mb = self.start_mb
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self, list_now: bool = False) -> float:
        """Resident memory (MB) of this process and its helpers; notes the helpers' CPU."""
        now = time.monotonic()
        if list_now or now - self._listed_at >= self._list_every:
            self._children = self._process.children(recursive=True)
            self._listed_at = now
        rss = self._process.memory_info().rss
        for child in self._children:
            with suppress(psutil.Error):
                rss += child.memory_info().rss
                times = child.cpu_times()
                self._helper_cpu[child.pid] = times.user + times.system
        return float(rss) / 2**20

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.peak_mb = max(self.peak_mb, self._sample())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, self._sample(list_now=True))

    @property
    def growth_mb(self) -> float:
        return self.peak_mb - self.start_mb

    @property
    def helper_cpu_s(self) -> float:
        return sum(self._helper_cpu.values())


def neo4j_cpu_seconds(graph: Graph) -> float:
    """CPU time the Neo4j server process has used so far (from its JVM)."""
    (row,) = graph.read(load_query("bench/neo4j_cpu"))
    return float(row["cpu_ns"]) / 1e9


def neo4j_jit_ms(graph: Graph) -> float:
    """Time the Neo4j server's JIT compilers have spent compiling so far, in ms (JMX)."""
    (row,) = graph.read(load_query("bench/neo4j_jit_ms"))
    return float(row["ms"])


def graph_entities(graph: Graph) -> int:
    """Nodes plus relationships in the graph."""
    (row,) = graph.read(load_query("bench/count_entities"))
    return int(row["nodes"]) + int(row["relationships"])


@dataclass(frozen=True)
class Baseline:
    batch_size: int
    rows: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds


def measure_baseline(
    graph: Graph, batch_size: int, total: int = 200_000, warmup: int = 50_000
) -> Baseline:
    """Rows/s of ``UNWIND $rows CREATE`` of simple nodes, then clean up.

    ``warmup`` rows are written first, untimed: on a JVM just started the same writes run at
    about a third of their warm rate (the JIT has not compiled them yet), and a ratio against
    a cold baseline would flatter whatever is measured warm against it."""
    query = load_query("bench/create_baseline_rows")
    batch = [
        {"id": i, "name": f"node-{i}", "at": "2026-06-01T00:00:00Z"} for i in range(batch_size)
    ]
    batches = max(1, total // batch_size)
    for _ in range(max(1, warmup // batch_size)):  # plan cache, page cache, JIT
        graph.write(query, rows=batch)
    start = time.perf_counter()
    for _ in range(batches):
        graph.write(query, rows=batch)
    seconds = time.perf_counter() - start
    graph.run_schema(load_query("bench/delete_baseline_rows").text)
    return Baseline(batch_size, batches * batch_size, seconds)
