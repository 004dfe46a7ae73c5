"""Raw write throughput of the running Neo4j: the yardstick every ingest benchmark divides by.

Run: ``.venv/bin/python bench/neo4j_baseline.py [--rows N]`` (starts its own Neo4j: see
``bench/common.py``; ``NEO4J_BENCH_URI`` names another one it may empty).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_graph, measure_baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000, help="rows per batch size")
    args = parser.parse_args()
    with bench_graph() as graph:
        print(f"Neo4j raw UNWIND $rows CREATE baseline ({args.rows:,} rows per batch size)")
        for batch_size in (1_000, 10_000):
            result = measure_baseline(graph, batch_size, args.rows)
            print(
                f"  batch {batch_size:>6,}: {result.rows_per_second:>10,.0f} rows/s "
                f"({result.rows:,} rows in {result.seconds:.2f} s)"
            )


if __name__ == "__main__":
    main()
