"""End-to-end intake throughput: generated referrals -> JSONL file -> validate, clean, write.

After an untimed warm-up, prints, at each size:

- referrals/s, and the ratio to the raw ``UNWIND CREATE`` baseline measured in the same run
  (the faster of two measurements, before and after the warm-up), both per referral and per
  graph write: a referral adds twelve to fourteen nodes and relationships, where a baseline
  row is one node;
- the CPU a referral costs in this process, in the validating helper processes and in Neo4j;
- the growth of peak memory (this process and its helpers);
- the share of the wall time Neo4j's JIT compilers spent compiling meanwhile.

The warm-up ingests rounds of ``--warmup-round`` referrals until Neo4j's JIT compilers spent
under ``--warm-jit-share`` of a round's wall time compiling, or ``--warmup-max`` referrals have
gone in. A Neo4j just started runs intake at a third of its warm speed, and 5,000 referrals did
not warm it: the first 10,000 after them spent 0.53 ms a referral in the JIT's C2 compiler
threads, 42% of Neo4j's CPU (the second 10,000: 0.16 ms).

Aim (issue #3): >= 1,000 referrals/s and >= a quarter of the baseline's rows/s (batch 1k), in
memory that does not grow with the file.

Run: ``.venv/bin/python bench/ingest.py [--sizes 10000 100000] [--processes 1]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    PeakMemory,
    bench_graph,
    graph_entities,
    measure_baseline,
    neo4j_cpu_seconds,
    neo4j_jit_ms,
)
from bench.datagen.reports import write_jsonl
from graph.cypher import load_query
from graph.db import Graph
from ingest.bulk import ingest_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=1, help="validating helper processes")
    parser.add_argument(
        "--warmup-round", type=int, default=5000, help="referrals a warm-up round ingests"
    )
    parser.add_argument(
        "--warmup-max", type=int, default=40_000, help="most referrals the warm-up ingests"
    )
    parser.add_argument(
        "--warm-jit-share",
        type=float,
        default=0.10,
        help="warm once the JIT compiled for less than this share of a round's wall time",
    )
    parser.add_argument(
        "--look-ahead",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="match each batch while the one before commits (ingest_file's look_ahead)",
    )
    args = parser.parse_args()
    with bench_graph() as graph, tempfile.TemporaryDirectory() as scratch:
        # The baseline is measured on either side of the warm-up and the faster taken: on a
        # server just started it has measured from 24,000 to 75,000 rows/s (its JIT is busy).
        before = measure_baseline(graph, 1_000, 100_000).rows_per_second
        warm = warm_up(graph, Path(scratch), args)
        after = measure_baseline(graph, 1_000, 100_000).rows_per_second
        base = max(before, after)
        print(
            f"baseline: {base:,.0f} rows/s (UNWIND CREATE, batch 1k; the faster of "
            f"{before:,.0f} before the warm-up and {after:,.0f} after it)"
        )
        print(f"warm-up: {warm}")
        for size in args.sizes:
            graph.run_schema(load_query("admin/delete_reports").text)
            source = Path(scratch) / f"referrals-{size}.jsonl"
            write_jsonl(source, size, seed=size)
            entities, neo4j_cpu = graph_entities(graph), neo4j_cpu_seconds(graph)
            jit_ms = neo4j_jit_ms(graph)
            with PeakMemory() as memory:
                start, cpu = time.perf_counter(), time.process_time()
                summary = ingest_file(
                    graph,
                    source,
                    Path(scratch) / "rejects.jsonl",
                    batch_size=args.batch_size,
                    processes=args.processes,
                    look_ahead=args.look_ahead,
                )
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            neo4j_cpu = neo4j_cpu_seconds(graph) - neo4j_cpu
            jit_share = (neo4j_jit_ms(graph) - jit_ms) / 1000 / seconds
            added = graph_entities(graph) - entities
            rate = summary.lines / seconds
            per_referral = added / summary.lines
            ms = 1000 / summary.lines
            batches = -(-summary.lines // args.batch_size)
            print(
                f"{size:>9,} referrals: {rate:>8,.0f} referrals/s "
                f"({rate / base:.2f}x baseline rows/s), "
                f"{seconds:.1f} s, peak memory +{memory.growth_mb:.0f} MB; {summary.line()}\n"
                f"           graph writes: {per_referral:.1f} nodes and relationships added a "
                f"referral, {rate * per_referral:,.0f}/s ({rate * per_referral / base:.2f}x "
                f"baseline rows/s)\n"
                f"           CPU a referral: {cpu * ms:.2f} ms this process, "
                f"{memory.helper_cpu_s * ms:.2f} ms helpers, {neo4j_cpu * ms:.2f} ms Neo4j; "
                f"wall {seconds * ms:.2f} ms; Neo4j's JIT compiling {jit_share:.0%} of it\n"
                f"           batches linked as matched while the one before committed: "
                f"{summary.batches_matched_ahead:,} of {batches - 1:,} after the first"
            )


def warm_up(graph: Graph, scratch: Path, args: argparse.Namespace) -> str:
    """Ingest rounds of one generated stream (each round new referrals) until Neo4j's JIT has
    all but stopped compiling; say how far it went."""
    if args.warmup_max <= 0:
        return "none (--warmup-max 0): the figures below include the JIT's first compiling"
    source = scratch / "warm-up.jsonl"
    write_jsonl(source, args.warmup_max, seed=1)
    done, share = 0, 1.0
    with source.open("rb") as lines:
        while done < args.warmup_max and share >= args.warm_jit_share:
            chunk = list(islice(lines, min(args.warmup_round, args.warmup_max - done)))
            if not chunk:
                break
            round_file = scratch / "warm-up-round.jsonl"
            round_file.write_bytes(b"".join(chunk))
            jit_ms, start = neo4j_jit_ms(graph), time.perf_counter()
            ingest_file(graph, round_file, scratch / "rejects.jsonl", processes=args.processes)
            share = (neo4j_jit_ms(graph) - jit_ms) / 1000 / (time.perf_counter() - start)
            done += len(chunk)
    settled = "settled" if share < args.warm_jit_share else "not settled: the cap was reached"
    return (
        f"{done:,} referrals; Neo4j's JIT compiled for {share:.0%} of the last round's wall "
        f"time ({settled})"
    )


if __name__ == "__main__":
    main()
