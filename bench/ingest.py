"""End-to-end intake throughput: generated referrals -> JSONL file -> validate, clean, write.

Prints referrals/s, the ratio to the raw ``UNWIND CREATE`` baseline measured in the same run,
and the growth of this process's peak memory, at each size. Aim: >= 1,000 referrals/s and >= a
quarter of the baseline's rows/s (batch 1k), in memory that does not grow with the file.

Run: ``.venv/bin/python bench/ingest.py [--sizes 10000 100000]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PeakMemory, bench_graph, measure_baseline
from bench.datagen.reports import write_jsonl
from graph.cypher import load_query
from ingest.bulk import ingest_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    with bench_graph() as graph, tempfile.TemporaryDirectory() as scratch:
        baseline = measure_baseline(graph, 1_000, 100_000)
        print(f"baseline: {baseline.rows_per_second:,.0f} rows/s (UNWIND CREATE, batch 1k)")
        for size in args.sizes:
            graph.run_schema(load_query("admin/delete_reports").text)
            source = Path(scratch) / f"referrals-{size}.jsonl"
            write_jsonl(source, size, seed=size)
            with PeakMemory() as memory:
                start = time.perf_counter()
                summary = ingest_file(
                    graph, source, Path(scratch) / "rejects.jsonl", batch_size=args.batch_size
                )
                seconds = time.perf_counter() - start
            rate = summary.lines / seconds
            print(
                f"{size:>9,} referrals: {rate:>8,.0f} referrals/s "
                f"({rate / baseline.rows_per_second:.2f}x baseline rows/s), "
                f"{seconds:.1f} s, peak memory +{memory.growth_mb:.0f} MB; {summary.line()}"
            )


if __name__ == "__main__":
    main()
