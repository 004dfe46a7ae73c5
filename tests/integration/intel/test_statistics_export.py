"""The quarterly statistics of a closed quarter: the same files when produced twice (by the
use case and by ``ohch export statistics``), totals equal to counts made here directly from the
graph, a quarter not yet ended marked provisional (issue 29)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.db import Graph
from graph.intel.bounds import TimeBasis
from graph.settings import Settings
from graph.statistics.periods import Status
from graph.statistics.rollup import Breakdown
from graph.viewer import Role, Viewer
from ingest.load import write_reports
from services.statistics import period_statistics
from services.use_case import Caller
from tests.factories import referral
from tests.integration.intake.helpers import query, row

ANALYST = Viewer(Role.INTELLIGENCE_ANALYST, "ia-morgan")
LEEDS = "E23000010"
VIRAL = "https://x.com/someone/status/1860000000000000001"

# (source_ref, reported, url, platform, strands)
REPORTS = [
    ("TV-S1", "2026-07-02T10:00:00Z", VIRAL, "x", ["race"]),
    ("TV-S2", "2026-07-03T10:00:00Z", VIRAL, "x", ["race"]),
    ("TV-S3", "2026-08-20T10:00:00Z", VIRAL, "x", ["race", "religion"]),
    ("TV-S4", "2026-08-21T10:00:00Z", "https://www.instagram.com/p/CxStats4/", "instagram",
     ["religion"]),
    ("TV-S5", "2026-09-30T23:30:00Z", "https://www.tiktok.com/@a/video/7400000000000000005",
     "tiktok", ["disability"]),
    ("TV-S6", "2026-10-01T00:30:00Z", "https://x.com/b/status/1860000000000000006", "x",
     ["race"]),  # Q4
    ("TV-S7", "2026-06-30T22:00:00Z", "https://x.com/b/status/1860000000000000007", "x",
     ["race"]),  # Q2
]  # fmt: skip


@pytest.fixture
def world(reference_graph: Graph) -> Graph:
    rows = []
    for ref, reported, url, platform, strands in REPORTS:
        payload = referral(source_ref=ref, submitted_at=reported)
        payload["content"][0].update({"url": url, "platform": platform, "text": f"at {url}"})
        payload["incident"]["strands"] = strands
        rows.append(row(payload, datetime.now(UTC)))
    write_reports(reference_graph, rows)
    # The viral post's case: assigned to Leeds on an offence, and its outcome reported.
    query(
        reference_graph,
        "MATCH (r:Report {source_ref: 'TV-S1'}) "
        "MATCH (k:Case)-[:CONCERNS]->(:ContentCluster {id: r.cluster_id}) "
        "MATCH (f:Force {code: $leeds}) "
        "CREATE (k)-[:ASSIGNED_TO]->(f) "
        "CREATE (k)-[:ASSIGNMENT_HISTORY]->(:Assignment {id: 'asg-1', to_force: $leeds, "
        "  offence_ids: ['POA-4A'], assigned_at: datetime('2026-07-04T09:00:00Z')}) "
        "CREATE (k)-[:HAS_OUTCOME]->(:Outcome {id: 'out-1', code: '1', "
        "  reported_at: datetime('2026-08-01T09:00:00Z')})",
        leeds=LEEDS,
    )
    return reference_graph


def _direct(graph: Graph, cypher: str) -> dict[str, Any]:
    """A count made straight from the graph, over Q3 2026 by report date."""
    found = query(
        graph,
        "MATCH (r:Report) WHERE r.reported_at >= datetime('2026-07-01T00:00:00Z') "
        "AND r.reported_at < datetime('2026-10-01T00:00:00Z') " + cypher,
    )
    return found[0]


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_a_closed_quarter_gives_the_same_files_and_the_graphs_own_counts(
    world: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    caller = Caller(world, ANALYST)
    first = period_statistics(caller, "2026-Q3")
    second = period_statistics(caller, "2026-Q3")
    assert first.status is Status.FINAL
    assert first.files() == second.files()
    assert set(first.files()) == {
        "ohch-statistics-2026-Q3-reported.csv", "ohch-statistics-2026-Q3-reported.ods",
    }  # fmt: skip

    rows = _csv(first.files()["ohch-statistics-2026-Q3-reported.csv"])
    total = next(r for r in rows if r["breakdown"] == "TOTAL")
    direct = _direct(
        world,
        "OPTIONAL MATCH (k:Case)-[:CONCERNS]->(:ContentCluster {id: r.cluster_id}) "
        "RETURN count(DISTINCT r) AS reports, count(DISTINCT coalesce(r.cluster_id, r.id)) AS "
        "posts, count(DISTINCT k) AS cases",
    )
    assert (int(total["reports"]), int(total["posts"]), int(total["cases"])) == (
        direct["reports"], direct["posts"], direct["cases"],
    )  # fmt: skip
    assert (direct["reports"], direct["posts"]) == (5, 3)  # the viral post once among posts

    strands = {r["category"]: int(r["reports"]) for r in rows if r["breakdown"] == "STRAND"}
    by_strand = _direct(
        world, "UNWIND r.strands AS s WITH s, count(DISTINCT r) AS n "
        "RETURN collect([s, n]) AS counts",
    )["counts"]  # fmt: skip
    assert strands == dict(by_strand)
    forces = {r["category"]: int(r["reports"]) for r in rows if r["breakdown"] == "FORCE"}
    assert forces == {LEEDS: 3, "unassigned": 2}
    assert {r["category"]: int(r["cases"]) for r in rows if r["breakdown"] == "OFFENCE"} == {
        "POA-4A": 1, "not yet assessed": 2,
    }  # fmt: skip
    assert {r["category"] for r in rows if r["breakdown"] == "OUTCOME"} == {
        "1", "no outcome reported",
    }  # fmt: skip
    assert all(r["status"] == "final" and r["counting_rule"] for r in rows)

    # From the command line, twice: the same bytes.
    env = {
        "OHCH_ENV": "test", "NEO4J_URI": str(neo4j_settings.neo4j_uri),
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value()
        if neo4j_settings.neo4j_password else "",
        "OHCH_AUDIT_LOG": str(tmp_path / "audit.jsonl"),
    }  # fmt: skip
    for out in (tmp_path / "one", tmp_path / "two"):
        done = CliRunner().invoke(
            app, ["export", "statistics", "--period", "2026-Q3", "--out", str(out)], env=env
        )
        assert done.exit_code == 0, done.output
    for name, data in first.files().items():
        assert (tmp_path / "one" / name).read_bytes() == data
        assert (tmp_path / "two" / name).read_bytes() == data


def test_a_month_by_incident_or_receipt_and_a_quarter_not_yet_ended(world: Graph) -> None:
    caller = Caller(world, ANALYST)
    september = period_statistics(caller, "2026-09")
    assert [(r.breakdown, r.reports) for r in september.rows if r.breakdown is Breakdown.TOTAL] == [
        (Breakdown.TOTAL, 1)
    ]
    # Every report was received today: by receipt, none of them falls in Q3.
    by_receipt = period_statistics(caller, "2026-Q3", TimeBasis.RECEIVED)
    assert [r.reports for r in by_receipt.rows] == [0]
    # The factory's incident date (31 May 2026) is the same for all: Q2 by incident date.
    by_incident = period_statistics(caller, "2026-Q2", TimeBasis.INCIDENT)
    assert by_incident.rows[0].reports == len(REPORTS)

    open_quarter = period_statistics(caller, "2026-Q4", now=datetime(2026, 12, 7, tzinfo=UTC))
    assert open_quarter.status is Status.PROVISIONAL
    assert {r.status for r in open_quarter.rows} == {Status.PROVISIONAL}
    assert all("provisional" in name for name in open_quarter.files())
