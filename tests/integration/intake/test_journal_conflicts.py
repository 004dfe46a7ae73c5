"""A journalled referral whose (source, source_ref) was written meanwhile with another payload
is never dropped silently and never written as a second report: it becomes an intake conflict
an analyst sees (GraphQL ``intakeConflicts``, hub staff only), resolves with a reason, and the
operations gauge counts (issue #21 item 4)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from cli.main import app as ohch
from graph.db import Graph
from graph.errors import Conflict, InvalidInput, NotFound
from graph.settings import Settings
from graph.viewer import ANONYMOUS, Role, Viewer
from ingest.intake_conflict import ConflictStatus
from ingest.journal import Journal
from ingest.service import Acceptance, replay_entries
from services.intake_conflicts import (
    intake_conflicts,
    open_intake_conflicts,
    resolve_intake_conflict,
)
from services.paging import PageRequest
from services.use_case import Caller
from tests.factories import referral
from tests.integration.intake.helpers import query
from tests.integration.intake.journal_world import journal, journalled, outage, reports, send

__all__ = ["journal", "outage"]  # fixtures

ANALYST = Viewer(Role.HUB_ANALYST, "dc-patel")
CONFLICTS = """query($status: IntakeConflictStatus) { intakeConflicts(status: $status) {
  __typename
  ... on IntakeConflictConnection { totalCount nodes {
    reference source sourceRef rawPayload receivedAt existingReference existingReceivedAt
    detectedAt status resolvedBy resolution } }
  ... on ForbiddenError { message } } }"""


def _changed(source_ref: str) -> dict[str, Any]:
    payload = referral(source_ref)
    payload["incident"]["description"] = "Another account of it, from the partner's own system."
    return payload


@pytest.fixture
def conflicted(
    reference_graph: Graph, outage: Graph, journal: Journal, tmp_path: Path
) -> tuple[str, str, str]:
    """A referral journalled here while the same key was written elsewhere with another payload
    (another API process on its own journal, say), then drained: (journal reference, verbatim
    journalled text, the report written meanwhile)."""
    payload = referral("J-CONFLICT-1")
    first = journalled(payload, outage, journal)
    meanwhile = send(_changed("J-CONFLICT-1"), reference_graph, Journal(tmp_path / "elsewhere"))
    assert meanwhile.acceptance is Acceptance.CREATED
    assert journal.drain(lambda batch: replay_entries(reference_graph, batch)) == 1
    return first.reference, json.dumps(payload), meanwhile.reference


def test_a_conflicting_journalled_referral_is_kept_whole_not_written_as_a_report(
    reference_graph: Graph, journal: Journal, conflicted: tuple[str, str, str]
) -> None:
    reference, raw, existing = conflicted
    assert reports(reference_graph) == [{"ref": "J-CONFLICT-1", "reference": existing}]
    kept = query(
        reference_graph,
        "MATCH (c:IntakeConflict)-[:CONFLICTS_WITH]->(r:Report) RETURN c.reference AS ref, "
        "c.raw_payload AS raw, c.status AS status, c.access_code_hash IS NOT NULL AS coded, "
        "c.received_at < r.received_at AS journalled_first, r.reference AS existing",
    )
    assert kept == [
        {"ref": reference, "raw": raw, "status": "open", "coded": True,
         "journalled_first": True, "existing": existing}
    ]  # fmt: skip
    assert journal.backlog() == 0

    page = intake_conflicts(Caller(reference_graph, ANALYST), ConflictStatus.OPEN, PageRequest())
    assert page.total == 1
    (conflict,) = page.values
    assert (conflict.reference, conflict.source, conflict.source_ref) == (
        reference, "true-vision", "J-CONFLICT-1"
    )  # fmt: skip
    assert conflict.raw_payload == raw
    assert conflict.existing_reference == existing
    assert conflict.received_at < conflict.existing_received_at <= conflict.detected_at
    assert open_intake_conflicts(Caller(reference_graph, ANONYMOUS)) == 1


def test_replaying_the_same_conflict_again_keeps_one(
    reference_graph: Graph, journal: Journal, conflicted: tuple[str, str, str], outage: Graph
) -> None:
    reference, raw, _ = conflicted
    # A crash after the write and before the file's deletion replays the entry again.
    entry = {"payload": json.loads(raw), "raw": raw, "reference": reference,
             "received_at": datetime.now(UTC).isoformat(), "access_code_hash": None}  # fmt: skip
    journal.append(entry)
    assert journal.drain(lambda batch: replay_entries(reference_graph, batch)) == 1
    assert query(reference_graph, "MATCH (c:IntakeConflict) RETURN count(c) AS n") == [{"n": 1}]
    assert query(reference_graph, "MATCH (r:Report) RETURN count(r) AS n") == [{"n": 1}]


def test_an_analyst_resolves_a_conflict_with_a_reason(
    reference_graph: Graph, conflicted: tuple[str, str, str]
) -> None:
    reference, _, _ = conflicted
    analyst = Caller(reference_graph, ANALYST)
    now = datetime.now(UTC)
    with pytest.raises(InvalidInput) as blank:
        resolve_intake_conflict(analyst, reference, "   ", now)
    assert [p.field for p in blank.value.problems] == ["reason"]
    with pytest.raises(NotFound):
        resolve_intake_conflict(analyst, "OHCH-2026-JNOSUCH", "checked", now)

    done = resolve_intake_conflict(analyst, reference, "the partner's copy is the later one", now)
    assert (done.status, done.resolved_by) == (ConflictStatus.RESOLVED, "dc-patel")
    assert done.resolution == "the partner's copy is the later one"
    assert open_intake_conflicts(Caller(reference_graph, ANONYMOUS)) == 0
    with pytest.raises(Conflict):
        resolve_intake_conflict(analyst, reference, "again", now)
    resolved = intake_conflicts(analyst, ConflictStatus.RESOLVED, PageRequest())
    assert [c.reference for c in resolved.values] == [reference]
    assert intake_conflicts(analyst, ConflictStatus.OPEN, PageRequest()).total == 0


@pytest.fixture
def client(neo4j_settings: Settings, reference_graph: Graph) -> Iterator[TestClient]:
    with TestClient(create_app(neo4j_settings)) as test_client:
        yield test_client


def _ask(client: TestClient, token: str | None, **variables: Any) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = {"query": CONFLICTS, "variables": variables}
    response = client.post("/graphql", json=body, headers=headers)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    assert "errors" not in answer, answer
    return answer["data"]["intakeConflicts"]  # type: ignore[no-any-return]


def test_hub_staff_see_open_conflicts_others_are_refused_and_metrics_count_them(
    client: TestClient, conflicted: tuple[str, str, str]
) -> None:
    reference, raw, existing = conflicted
    seen = _ask(client, "dev:hub_analyst:dc-patel")
    assert seen["__typename"] == "IntakeConflictConnection"
    assert seen["totalCount"] == 1
    (node,) = seen["nodes"]
    assert (node["reference"], node["rawPayload"], node["existingReference"]) == (
        reference, raw, existing
    )  # fmt: skip
    assert node["status"] == "OPEN"
    assert node["receivedAt"].endswith("Z")
    assert _ask(client, "dev:hub_analyst:dc-patel", status="RESOLVED")["totalCount"] == 0
    for refused in (None, "dev:force_officer:pc-jones:E23000010"):
        assert _ask(client, refused)["__typename"] == "ForbiddenError"

    metrics = client.get("/metrics").text
    assert "ohch_intake_conflicts_open 1.0" in metrics.splitlines()


def test_the_cli_lists_and_resolves_conflicts_and_audits_the_resolution(
    reference_graph: Graph,
    neo4j_settings: Settings,
    conflicted: tuple[str, str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reference, _, existing = conflicted
    assert neo4j_settings.neo4j_password is not None
    audit = tmp_path / "audit" / "audit.jsonl"
    for name, value in {
        "OHCH_ENV": "test", "NEO4J_URI": neo4j_settings.bolt_uri, "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value(),
        "OHCH_AUDIT_LOG": str(audit), "OHCH_JOURNAL_DIR": str(tmp_path / "journal"),
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    listed = runner.invoke(ohch, ["journal", "conflicts", "list"])
    assert listed.exit_code == 0, listed.output
    assert f"{reference}  true-vision J-CONFLICT-1" in listed.output
    assert f"conflicts with {existing}" in listed.output
    assert "1 open intake conflicts" in listed.output

    resolved = runner.invoke(
        ohch, ["journal", "conflicts", "resolve", reference, "--reason", "entered by hand",
               "--by", "sgt-khan"],
    )  # fmt: skip
    assert resolved.exit_code == 0, resolved.output
    assert f"{reference} resolved by cli:sgt-khan" in resolved.output
    assert open_intake_conflicts(Caller(reference_graph, ANONYMOUS)) == 0
    (event,) = [json.loads(line) for line in audit.read_text().splitlines()]
    assert event["endpoint"] == "cli:journal conflicts resolve"
    assert event["reason"] == "entered by hand"

    again = runner.invoke(ohch, ["journal", "conflicts", "resolve", reference, "--reason", "twice"])
    assert again.exit_code == 1
    assert "resolved already" in again.output
