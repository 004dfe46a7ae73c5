"""A bulk file killed mid-way and run again (issue #3): exactly N reports, none twice.

Generates ``--size`` referrals (default 100,000) as JSONL, runs the real command
``ohch ingest referrals`` in its own process group, kills it and its helper process with
SIGKILL once ``--kill-at`` reports are in the graph, runs it again to the end, and checks
the graph: N reports, N distinct source refs and references, every report linked to a content
that exists, and each year's references numbered 1..n without a gap. Prints what it found and
exits non-zero if any check fails.

Run: ``.venv/bin/python bench/ingest_killed.py [--size 100000] [--kill-at 40000]``
(``tests/integration/intake/test_bulk_killed.py`` is the same check on 4,000 lines.)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_settings, prepared_graph
from bench.datagen.reports import write_jsonl
from graph.cypher import load_query
from graph.db import Graph

OHCH = Path(sys.executable).with_name("ohch")
SUMMARY = re.compile(
    r"([\d,]+) lines: ([\d,]+) accepted, ([\d,]+) already present, ([\d,]+) rejected"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--kill-at", type=int, default=40_000, help="reports in, then SIGKILL")
    args = parser.parse_args()
    with (
        bench_settings() as settings,
        prepared_graph(settings) as graph,
        tempfile.TemporaryDirectory() as scratch,
    ):
        source = Path(scratch) / "backlog.jsonl"
        write_jsonl(source, args.size, seed=args.size)
        env = {
            **os.environ,
            "OHCH_ENV": "test",
            "NEO4J_URI": settings.neo4j_uri,
            "NEO4J_USER": settings.neo4j_user,
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        }
        command = [str(OHCH), "ingest", "referrals", str(source), "--no-progress"]

        start = time.perf_counter()
        with (Path(scratch) / "killed.log").open("wb") as log:
            run = subprocess.Popen(
                command, cwd=scratch, env=env, start_new_session=True, stdout=log, stderr=log
            )
            try:
                while _reports(graph) < args.kill_at and run.poll() is None:
                    time.sleep(0.2)
                if run.poll() is not None:
                    sys.exit(f"the run ended before it was killed (exit {run.returncode})")
            finally:  # the run and its helper process, also if this script is interrupted
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(run.pid, signal.SIGKILL)
                run.wait()
        kept = _reports(graph)
        print(
            f"killed after {time.perf_counter() - start:.1f} s with {kept:,} reports in the "
            f"graph (SIGKILL to the run and its helper process)"
        )

        start = time.perf_counter()
        rerun = subprocess.run(
            command, cwd=scratch, env=env, capture_output=True, text=True, check=True
        )
        found = SUMMARY.search(rerun.stdout)
        if found is None:
            sys.exit(f"no summary from the rerun:\n{rerun.stdout}{rerun.stderr}")
        print(f"rerun in {time.perf_counter() - start:.1f} s: {found.group(0)}")
        failures = _check(graph, args.size, kept, [int(g.replace(",", "")) for g in found.groups()])
        for failure in failures:
            print(f"FAILED: {failure}")
        if failures:
            sys.exit(1)
        print(f"every check passed: {args.size:,} reports, each once, references without gaps")


def _reports(graph: Graph) -> int:
    (row,) = graph.read(load_query("bench/count_reports"))
    return int(row["n"])


def _check(graph: Graph, size: int, kept: int, summary: list[int]) -> list[str]:
    failures = []
    if summary != [size, size - kept, kept, 0]:
        failures.append(f"rerun summary {summary}, expected {[size, size - kept, kept, 0]}")
    (totals,) = graph.read(load_query("bench/killed_run_totals"))
    expected = {"reports": size, "source_refs": size, "references": size, "linked": size}
    got = {key: int(totals[key]) for key in expected}
    if got != expected:
        failures.append(f"graph totals {got}, expected {expected}")
    if int(totals["unlinked"]):
        failures.append(f"{totals['unlinked']} reports name a content that does not exist")
    for row in graph.read(load_query("bench/reference_numbers")):
        numbers = sorted(row["numbers"])
        if numbers != list(range(1, len(numbers) + 1)) or row["last"] != len(numbers):
            failures.append(
                f"{row['year']}: references are not 1..{len(numbers)} (counter {row['last']})"
            )
    return failures


if __name__ == "__main__":
    main()
