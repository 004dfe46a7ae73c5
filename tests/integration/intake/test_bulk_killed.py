"""A bulk run killed outright (SIGKILL, its helper process too) and run again gives every line
exactly once: each committed batch is kept, the batch in flight is rolled back whole (its
reports, their links and the references they took), and the rerun writes the rest.

The run is the real command, ``ohch ingest referrals``, in its own process group."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from bench.datagen.reports import write_jsonl
from bench.ingest_killed import OHCH, cli_environment, reports_in, run_until_killed
from graph.db import Graph
from graph.settings import Settings
from ingest.bulk import Summary
from tests.integration.intake.helpers import query

LINES = 4000
BATCH = 250


def _command(source: Path) -> list[str]:
    return [str(OHCH), "ingest", "referrals", str(source), "--batch-size", str(BATCH),
            "--no-progress"]  # fmt: skip


def test_a_killed_bulk_run_and_a_rerun_give_every_line_exactly_once(
    reference_graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    source = tmp_path / "backlog.jsonl"
    write_jsonl(source, LINES, seed=11)
    env = cli_environment(neo4j_settings)

    log = tmp_path / "killed-run.log"
    returncode = run_until_killed(
        _command(source), tmp_path, env, reference_graph, 3 * BATCH, log, timeout=120
    )
    assert returncode == -signal.SIGKILL, log.read_text()
    kept = reports_in(reference_graph)
    assert 3 * BATCH <= kept < LINES
    assert kept % BATCH == 0  # whole batches only: the one in flight was rolled back

    rerun = subprocess.run(
        _command(source), cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    summary = Summary.from_line(rerun.stdout)
    assert summary, rerun.stdout + rerun.stderr
    lines, accepted, present, rejected = (
        summary.lines,
        summary.accepted,
        summary.already_present,
        summary.rejected,
    )
    assert (lines, accepted, present, rejected) == (LINES, LINES - kept, kept, 0)

    (totals,) = query(
        reference_graph,
        "MATCH (r:Report) RETURN count(r) AS n, count(DISTINCT r.source_ref) AS refs, "
        "count(DISTINCT r.reference) AS references, count(r.cluster_id) AS linked",
    )
    assert totals == {"n": LINES, "refs": LINES, "references": LINES, "linked": LINES}
    # Every report's content exists, and the references run without a gap or a repeat.
    unlinked = query(
        reference_graph,
        "MATCH (r:Report) WHERE NOT EXISTS { MATCH (c:ContentCluster {id: r.cluster_id}) } "
        "RETURN count(r) AS n",
    )
    assert unlinked == [{"n": 0}]
    numbers = query(
        reference_graph,
        "MATCH (r:Report) WITH split(r.reference, '-') AS part "
        "RETURN part[1] AS year, collect(toInteger(part[2])) AS numbers",
    )
    counters = {
        row["year"]: row["last"]
        for row in query(
            reference_graph,
            "MATCH (c:ReferenceCounter) RETURN toString(c.year) AS year, c.last AS last",
        )
    }
    for row in numbers:
        assert sorted(row["numbers"]) == list(range(1, len(row["numbers"]) + 1)), row["year"]
        assert counters[row["year"]] == len(row["numbers"])
