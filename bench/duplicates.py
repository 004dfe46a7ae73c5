"""Duplicate combination through the real pipeline and graph: quality and time per 1,000.

Generates labelled referrals (``bench/datagen/reports.py``), ingests them with the full intake
path (validation, URL canonicalisation, graph write, incremental linking in the same
transaction), exports the clusters (``graph/dedup/export.py``) and prints pairwise precision
and recall against the labels, and the time per 1,000 reports, at each size. Targets:
precision >= 0.999, recall >= 0.99, time per 1,000 at the largest size within twice the
smallest. ``bench/dedup_quality.py`` measures the matcher alone, without the database.

Run: ``.venv/bin/python bench/duplicates.py [--sizes 10000 100000 1000000] [--warmup 5000]``
(the warm-up ingests and deletes other reports first, untimed, so a cold Neo4j does not slow
the smallest size).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_graph
from bench.datagen.reports import write_jsonl
from bench.dedup_quality import pairs
from graph.cypher import load_query
from graph.db import Graph
from graph.dedup.export import report_clusters
from ingest.bulk import ingest_file


class Progress:
    """Prints the running rate to stderr every 50,000 reports, so a long run shows its pace."""

    def __init__(self, size: int, start: float, every: int = 50_000) -> None:
        self.size, self.start, self.every, self.done = size, start, every, 0

    def __call__(self, count: int) -> None:
        before, self.done = self.done, self.done + count
        if self.done // self.every > before // self.every:
            seconds = time.perf_counter() - self.start
            print(
                f"  {self.done:,}/{self.size:,} reports, {seconds / self.done * 1000:.2f} s "
                f"per 1,000 so far",
                file=sys.stderr,
                flush=True,
            )


def warm_up(graph: Graph, scratch: Path, size: int, seed: int) -> None:
    """Ingest (then delete) a small file of other reports, untimed: a fresh Neo4j compiles its
    plans and JIT-compiles its code on the first thousands of reports, which would make the
    smallest size look slower than it is and flatter the largest-to-smallest ratio."""
    if size <= 0:
        return
    source = scratch / "warm-up.jsonl"
    write_jsonl(source, size, seed)
    ingest_file(graph, source, scratch / "warm-up-rejects.jsonl")
    graph.run_schema(load_query("admin/delete_reports").text)
    print(f"warm-up: {size:,} other reports ingested and deleted, untimed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=5_000, help="untimed reports first")
    # A deployment sizes Neo4j's page cache to its store; 1M reports with their raw payloads
    # make a store of about 7 GB, which the shared 4 GB default would read from disk.
    parser.add_argument("--pagecache-mb", type=int, default=10_240)
    args = parser.parse_args()
    per_thousand: list[float] = []
    with (
        bench_graph(pagecache_mb=args.pagecache_mb) as graph,
        tempfile.TemporaryDirectory() as scratch,
    ):
        warm_up(graph, Path(scratch), args.warmup, args.seed + 1)
        for size in args.sizes:
            graph.run_schema(load_query("admin/delete_reports").text)
            source = Path(scratch) / f"labelled-{size}.jsonl"
            truth = write_jsonl(source, size, args.seed)
            start = time.perf_counter()
            summary = ingest_file(
                graph, source, Path(scratch) / "rejects.jsonl", on_progress=Progress(size, start)
            )
            seconds = time.perf_counter() - start
            cells: Counter[tuple[str, str]] = Counter()
            found: Counter[str] = Counter()
            for source_ref, cluster in report_clusters(graph):
                cells[(cluster, truth[source_ref])] += 1
                found[cluster] += 1
            true_sizes = Counter(truth.values())
            together = pairs(cells.values())
            precision = together / max(1, pairs(found.values()))
            recall = together / max(1, pairs(true_sizes.values()))
            per_thousand.append(seconds / size * 1000)
            print(
                f"{size:>9,} reports: precision {precision:.5f}, recall {recall:.5f}, "
                f"{len(found):,} content found / {len(true_sizes):,} true, "
                f"{per_thousand[-1]:.2f} s per 1,000 reports; {summary.line()}"
            )
    if len(per_thousand) > 1:
        print(f"time per 1,000: largest / smallest = {per_thousand[-1] / per_thousand[0]:.2f}")


if __name__ == "__main__":
    main()
