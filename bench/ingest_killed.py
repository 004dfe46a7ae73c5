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
from graph.neo4j_password import neo4j_password
from graph.settings import Settings
from ingest.bulk import Summary

OHCH = Path(sys.executable).with_name("ohch")


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
        env = cli_environment(settings)
        command = [str(OHCH), "ingest", "referrals", str(source), "--no-progress"]

        start = time.perf_counter()
        try:
            run_until_killed(
                command, Path(scratch), env, graph, args.kill_at, Path(scratch) / "log"
            )
        except RuntimeError as error:
            sys.exit(str(error))
        kept = reports_in(graph)
        print(
            f"killed after {time.perf_counter() - start:.1f} s with {kept:,} reports in the "
            f"graph (SIGKILL to the run and its helper process)"
        )

        start = time.perf_counter()
        rerun = subprocess.run(
            command, cwd=scratch, env=env, capture_output=True, text=True, check=True
        )
        summary = Summary.from_line(rerun.stdout)
        if summary is None:
            sys.exit(f"no summary from the rerun:\n{rerun.stdout}{rerun.stderr}")
        print(f"rerun in {time.perf_counter() - start:.1f} s: {summary.line()}")
        counts = [summary.lines, summary.accepted, summary.already_present, summary.rejected]
        failures = _check(graph, args.size, kept, counts)
        for failure in failures:
            print(f"FAILED: {failure}")
        if failures:
            sys.exit(1)
        print(f"every check passed: {args.size:,} reports, each once, references without gaps")


def cli_environment(settings: Settings) -> dict[str, str]:
    """This process's environment with ``settings``' Neo4j, for an ``ohch`` command."""
    return {
        **os.environ,
        "OHCH_ENV": "test",
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_password(settings),
    }


def reports_in(graph: Graph) -> int:
    (row,) = graph.read(load_query("bench/count_reports"))
    return int(row["n"])


def run_until_killed(
    command: list[str],
    cwd: Path,
    env: dict[str, str],
    graph: Graph,
    kill_at: int,
    log: Path,
    timeout: float | None = None,
) -> int:
    """Run ``command`` in its own process group and SIGKILL the group (the run and its helper
    processes) once ``kill_at`` reports are in the graph; its exit code. RuntimeError if it
    ends first or ``timeout`` seconds pass; it is killed whatever happens while waiting."""
    deadline = None if timeout is None else time.monotonic() + timeout
    with log.open("wb") as output:
        run = subprocess.Popen(
            command, cwd=cwd, env=env, start_new_session=True, stdout=output, stderr=output
        )
        try:
            while reports_in(graph) < kill_at and run.poll() is None:
                if deadline is not None and time.monotonic() > deadline:
                    raise RuntimeError(f"fewer than {kill_at:,} reports in {timeout:.0f} s")
                time.sleep(0.05)
            if run.poll() is not None:
                raise RuntimeError(f"the run ended before it was killed (exit {run.returncode})")
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    return run.returncode


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
