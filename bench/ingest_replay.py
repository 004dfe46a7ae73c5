"""Neo4j's share of intake alone: how fast one transaction stream could go if Python cost nothing.

Ingests ``--size`` generated referrals through the full pipeline (``ingest_file``, as
``bench/ingest.py`` does, after the same JIT warm-up), recording every query each batch's
transaction sent with its parameters. Then it empties the intake part of the graph and replays
those transactions, in order, each as one transaction again: the same queries, parameters and
commits, with no validation, matching or row building in between. Replay sends a transaction's
queries ahead and waits at its end, as intake does; ``--per-query`` replays once more waiting
for each query in turn, which gives each query's time on the server (round trip included).

Recording pickles each query's parameters as it is sent (a little CPU taken from the live run,
which is labelled so). Prints, for the live run and for each replay: referrals/s, Neo4j's CPU a
referral and the ratio of graph writes/s to the raw ``UNWIND CREATE`` baseline (batch 1k)
measured in the same run (the faster of two measurements, before and after the warm-up, as
``bench/ingest.py`` takes it).

Then it ingests the same file once more, on an emptied graph and recording nothing, and prints
issue #28's yardstick: live intake as a share of the fastest replay (aim >= 0.8; the recording
run's share beside it) and the referrals a second end to end (aim >= 1,000).

What it shows: intake cannot be faster than its replay on one transaction stream; the gap
between the two is what the Python side (validation, matching, building rows) costs while it
does not overlap with Neo4j.

Run: ``.venv/bin/python bench/ingest_replay.py [--size 20000] [--replays 3] [--per-query]``
(``NEO4J_BENCH_URI`` names a warm server to use instead of starting one).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_graph, graph_entities, measure_baseline, neo4j_cpu_seconds
from bench.datagen.reports import write_jsonl
from bench.ingest import warm_up
from graph.cypher import all_queries, load_query
from graph.db import Graph
from ingest.bulk import ingest_file

Sent = list[tuple[str, bytes]]  # one transaction: (query text, pickled parameters) in order


class _RecordingTransaction:
    """A transaction that notes each query and its parameters, then runs it."""

    def __init__(self, tx: Any, sent: Sent) -> None:
        self._tx, self._sent = tx, sent

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        # Pickled at once: a list the caller goes on changing must be recorded as it was sent.
        self._sent.append((query, pickle.dumps(parameters or {}, pickle.HIGHEST_PROTOCOL)))
        return self._tx.run(query, parameters, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tx, name)


class RecordingGraph(Graph):
    """The graph, with every write transaction's queries recorded in order."""

    def __init__(self, graph: Graph) -> None:
        super().__init__(graph.driver, graph.database)
        self.transactions: list[Sent] = []

    def write_tx(self, work: Callable[[Any], Any]) -> Any:
        sent: Sent = []
        self.transactions.append(sent)

        def attempt(tx: Any) -> Any:
            sent.clear()  # a retried transaction is recorded once, as it committed
            return work(_RecordingTransaction(tx, sent))

        return super().write_tx(attempt)


@dataclass
class Run:
    referrals: int
    seconds: float
    neo4j_cpu: float
    entities: int
    per_query: dict[str, float] = field(default_factory=dict)

    def line(self, label: str, base: float) -> str:
        rate = self.referrals / self.seconds
        writes = rate * self.entities / self.referrals
        return (
            f"{label:<28} {rate:>7,.0f} referrals/s, Neo4j CPU "
            f"{self.neo4j_cpu * 1e6 / self.referrals:>4,.0f} us a referral, graph writes "
            f"{writes:>7,.0f}/s ({writes / base:.2f}x baseline rows/s)"
        )


def replay(graph: Graph, transactions: list[Sent], referrals: int, per_query: bool) -> Run:
    """Empty the intake part of the graph and run the recorded transactions again."""
    graph.run_schema(load_query("admin/delete_reports").text)
    batches = [
        [(text, pickle.loads(params)) for text, params in sent]  # noqa: S301 - our own
        for sent in transactions
    ]  # before the clock starts: replay times Neo4j, not unpickling
    entities, cpu = graph_entities(graph), neo4j_cpu_seconds(graph)
    times: defaultdict[str, float] = defaultdict(float)
    start = time.perf_counter()
    for batch in batches:

        def work(tx: Any, batch: list[tuple[str, Any]] = batch) -> None:
            if per_query:
                for text, params in batch:
                    began = time.perf_counter()
                    tx.run(text, params).consume()
                    times[text] += time.perf_counter() - began
                return
            for result in [tx.run(text, params) for text, params in batch]:
                result.consume()

        graph.write_tx(work)
    seconds = time.perf_counter() - start
    return Run(
        referrals,
        seconds,
        neo4j_cpu_seconds(graph) - cpu,
        graph_entities(graph) - entities,
        dict(times),
    )


def checked(run: Run, live: Run) -> Run:
    """A replay that wrote another graph than the live run measured something else: stop."""
    if run.entities != live.entities:
        raise SystemExit(
            f"replay added {run.entities:,} nodes and relationships, the live run "
            f"{live.entities:,}: the recording is incomplete"
        )
    return run


def live_again(graph: Graph, source: Path, scratch: Path, processes: int) -> Run:
    """The same file ingested again on an emptied graph, nothing recorded: live intake as it
    runs (recording pickles every query's parameters, CPU taken from the live run)."""
    graph.run_schema(load_query("admin/delete_reports").text)
    entities, cpu = graph_entities(graph), neo4j_cpu_seconds(graph)
    start = time.perf_counter()
    summary = ingest_file(graph, source, scratch / "rejects-again.jsonl", processes=processes)
    return Run(
        summary.accepted,
        time.perf_counter() - start,
        neo4j_cpu_seconds(graph) - cpu,
        graph_entities(graph) - entities,
    )


def aims(recording: Run, live: Run, replayed: float) -> str:
    """Issue #28's yardstick: live intake as a share of the fastest replay of its own
    transactions (how much of Python's work is not hidden behind Neo4j's), and end to end."""
    rate = live.referrals / live.seconds
    recorded = recording.referrals / recording.seconds
    return (
        f"live intake / its replay: {rate / replayed:.2f} (aim >= 0.8; recording "
        f"{recorded / replayed:.2f}); end to end {rate:,.0f} referrals/s (aim >= 1,000)"
    )


def query_names() -> dict[str, str]:
    """Query text as sent -> its name (its file under ``queries/``)."""
    return {query.text: name for name, query in all_queries().items()}


def load_average() -> str:
    """The machine's load (``/proc/loadavg``: 1, 5 and 15 minutes), printed beside the figures:
    on the shared development machine it changes them more than most changes to intake."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=20_000, help="referrals recorded")
    parser.add_argument("--replays", type=int, default=3)
    parser.add_argument("--per-query", action="store_true", help="also time each query")
    parser.add_argument("--processes", type=int, default=1, help="validating helper processes")
    parser.add_argument("--warmup-round", type=int, default=5000)
    parser.add_argument("--warmup-max", type=int, default=40_000)
    parser.add_argument("--warm-jit-share", type=float, default=0.10)
    args = parser.parse_args()
    with bench_graph() as graph, tempfile.TemporaryDirectory() as scratch:
        print(f"load average at the start: {load_average()}", flush=True)
        before = measure_baseline(graph, 1_000, 100_000).rows_per_second
        print(f"warm-up: {warm_up(graph, Path(scratch), args)}")
        after = measure_baseline(graph, 1_000, 100_000).rows_per_second
        base = max(before, after)
        print(f"baseline: {base:,.0f} rows/s (faster of {before:,.0f} and {after:,.0f})")

        graph.run_schema(load_query("admin/delete_reports").text)
        source = Path(scratch) / "referrals.jsonl"
        write_jsonl(source, args.size, seed=args.size)
        recording = RecordingGraph(graph)
        entities, cpu = graph_entities(graph), neo4j_cpu_seconds(graph)
        start = time.perf_counter()
        summary = ingest_file(
            recording, source, Path(scratch) / "rejects.jsonl", processes=args.processes
        )
        live = Run(
            summary.accepted,
            time.perf_counter() - start,
            neo4j_cpu_seconds(graph) - cpu,
            graph_entities(graph) - entities,
        )
        sent = recording.transactions
        print(
            f"recorded {len(sent):,} transactions, {sum(map(len, sent)):,} queries, "
            f"{live.entities / live.referrals:.1f} graph writes a referral; {summary.line()}"
        )
        print(live.line("live intake (recording)", base))
        replays = [
            checked(replay(graph, sent, live.referrals, False), live) for _ in range(args.replays)
        ]
        for number, done in enumerate(replays, start=1):
            print(done.line(f"replay {number}", base))
        again = live_again(graph, source, Path(scratch), args.processes)
        print(again.line("live intake (not recording)", base))
        fastest = max(r.referrals / r.seconds for r in replays)
        print(aims(live, again, fastest))
        print(f"load average at the end: {load_average()}")
        if args.per_query:
            timed = checked(replay(graph, sent, live.referrals, True), live)
            print(timed.line("replay, each query waited", base))
            names = query_names()
            for text, seconds in sorted(timed.per_query.items(), key=lambda item: -item[1]):
                name = names.get(text, text.strip().splitlines()[0][:60])
                print(f"    {seconds * 1e6 / live.referrals:>6.0f} us a referral  {name}")


if __name__ == "__main__":
    main()
