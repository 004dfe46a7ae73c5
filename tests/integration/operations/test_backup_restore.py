"""A hub with reports, cases, judgements, an audit trail, a journalled referral and a NIM export
is backed up with ``ohch backup create`` and restored with ``ohch backup restore`` into an empty
Neo4j: the same nodes and relationships, the same answers to GraphQL, the same files.

Two Neo4j servers of its own (ports ``OHCH_TEST_NEO4J_PORT`` + 1 and + 3, homes under
``.ohch/``): the backup stops and restarts its hub's server, which the session's test server
must never be.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import schema
from graph.audit.log import AuditLog
from graph.cases import store as cases_store
from graph.cypher import load_query
from graph.db import Graph
from graph.identity.named_store import link_people_in_graph
from graph.identity.store import judge_accounts
from graph.intel.destinations import destination
from graph.intel.from_case import create_item, items_in_period
from graph.intel.nim_export import export_nim, next_period
from graph.intel.sanitise import sanitise_all
from graph.local_server import LocalServer, from_settings
from graph.reference.loader import ensure_reference
from graph.settings import Environment, Settings
from ingest.journal import Journal
from ingest.service import Acceptance, accept, replay_entries
from tests.factories import referral

REPO = Path(__file__).resolve().parents[3]
OHCH = Path(sys.executable).with_name("ohch")
BASE_PORT = int(os.environ.get("OHCH_TEST_NEO4J_PORT", "7697"))
SOURCE_PORT, TARGET_PORT = BASE_PORT + 1, BASE_PORT + 3
PASSWORD = "ohch-backup-test-password"
SUPERVISOR = "dev:hub_supervisor:sup.backup"
ANSWERS = """query($case: ID!) {
  forces { ... on ForceList { forces { code } } }
  forceCases { ... on ForceCaseConnection { nodes { caseId forceCode } } }
  case(id: $case) { ... on Case {
    id status contents { id reportCount reports(first: 500) { nodes { id reference } } } } }
  account(platform: "x", handle: "jsmith88") {
    ... on AccountIdentity { key personId linkedAccounts } }
}"""


def _settings(port: int, root: Path) -> Settings:
    return Settings(
        env=Environment.TEST,
        NEO4J_URI=None,
        NEO4J_PASSWORD=PASSWORD,
        local_neo4j_port=port,
        local_neo4j_dir=REPO / ".ohch" / f"backup-test-{port}",
        local_neo4j_heap_mb=512,
        local_neo4j_pagecache_mb=128,
        launcher_dir=REPO / "neo4j-launcher",
        journal_dir=root / "journal",
        audit_log=root / "audit" / "audit.jsonl",
    )


def _env(config: Settings) -> dict[str, str]:
    """The environment that makes ``ohch`` use ``config``'s hub."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OHCH_", "NEO4J_"))}
    return env | {
        "OHCH_ENV": "test",
        "NEO4J_PASSWORD": PASSWORD,
        "OHCH_LOCAL_NEO4J_PORT": str(config.local_neo4j_port),
        "OHCH_LOCAL_NEO4J_DIR": str(config.local_neo4j_dir),
        "OHCH_LOCAL_NEO4J_HEAP_MB": str(config.local_neo4j_heap_mb),
        "OHCH_LOCAL_NEO4J_PAGECACHE_MB": str(config.local_neo4j_pagecache_mb),
        "OHCH_LAUNCHER_DIR": str(config.launcher_dir),
        "OHCH_JOURNAL_DIR": str(config.journal_dir),
        "OHCH_AUDIT_LOG": str(config.audit_log),
    }


def _ohch(config: Settings, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(OHCH), *args], env=_env(config), cwd=cwd, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[tuple[Settings, Settings]]:
    """The hub's settings (its server started, empty) and the restore target's (never started)."""
    source = _settings(SOURCE_PORT, tmp_path / "hub")
    target = _settings(TARGET_PORT, tmp_path / "restored")
    made = [from_settings(source), from_settings(target)]
    for server in made:
        server.stop()
        shutil.rmtree(server.home, ignore_errors=True)
    made[0].start(timeout=180)
    try:
        yield source, target
    finally:
        for server in made:
            server.stop()
            shutil.rmtree(server.home, ignore_errors=True)


def _refer(graph: Graph, journal: Journal, ref: str, **changes: Any) -> Acceptance:
    payload = referral(source_ref=ref, **changes)
    return accept(payload, json.dumps(payload), graph, journal).acceptance


def _build_hub(config: Settings, nim_dir: Path) -> str:
    """Reports (two of one post), a decision and assignments, an identity judgement, named
    people linked, a graded item exported to the NIM; returns the first report's case."""
    graph = Graph.connect(config)
    journal = Journal(config.journal_dir)
    try:
        schema.apply(graph)
        ensure_reference(graph)
        leeds = referral()["reporter"] | {"postcode": "LS1 4DY", "name": "Ben Ade"}
        facebook = [{"platform": "Facebook", "handle": "j.smith.88"}]
        text_only = [{"platform": "X", "text": "people like you should go back"}]
        assert _refer(graph, journal, "BK-1") is Acceptance.CREATED
        assert _refer(graph, journal, "BK-2", reporter=leeds) is Acceptance.CREATED
        assert _refer(graph, journal, "BK-3", suspects=facebook, content=text_only) is (
            Acceptance.CREATED
        )
        [first, other] = [
            "case:" + graph.driver.execute_query(
                "MATCH (r:Report {source_ref: $ref}) RETURN r.cluster_id AS c", ref=ref,
                database_=graph.database,
            ).records[0]["c"]
            for ref in ("BK-1", "BK-3")
        ]  # fmt: skip
        cases_store.decide(graph, first, True, "dc-patel", "as recommended")
        cases_store.assign_case(graph, first, "dc-patel")
        cases_store.assign_case(graph, other, "dc-patel", "E23000001", "suspect lives in London")
        judge_accounts(graph, "x|jsmith88", "facebook|j.smith.88", True, "ia-morgan", "same email")
        link_people_in_graph(graph)
        grade = {"source_evaluation": "2", "intelligence_assessment": "B", "handling_code": "P",
                 "handling_conditions": []}  # fmt: skip
        create_item(graph, first, grade, "Account sends abuse", "pattern_analysis", "ia-morgan")
        target = destination("pnd")
        period = next_period(nim_dir, target.id, until=datetime.now(UTC))
        export_nim(
            sanitise_all(items_in_period(graph, period.since, period.until)), period=period,
            destination=target, out_dir=nim_dir, actor="nim-export",
            audit_log=AuditLog(config.audit_log),
        )  # fmt: skip
    finally:
        graph.close()
    return str(first)


def _journal_one_referral(config: Settings) -> None:
    """A referral accepted while Neo4j does not answer: it waits in the journal."""
    down = Settings(
        env=Environment.TEST, NEO4J_URI="bolt://127.0.0.1:9", NEO4J_PASSWORD=PASSWORD,
        neo4j_retry_s=0,
    )  # fmt: skip
    graph = Graph.connect(down)
    try:
        assert _refer(graph, Journal(config.journal_dir), "BK-OUTAGE") is Acceptance.JOURNALLED
    finally:
        graph.close()


def _answers(config: Settings, case_id: str, quiet_journal: Path) -> dict[str, Any]:
    """The answers to ``ANSWERS``; the API is given an empty journal of its own, or it would
    replay the hub's into the graph while it answers."""
    with TestClient(create_app(config.model_copy(update={"journal_dir": quiet_journal}))) as client:
        response = client.post(
            "/graphql",
            json={"query": ANSWERS, "variables": {"case": case_id}},
            headers={"Authorization": f"Bearer {SUPERVISOR}"},
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def _counts(config: Settings) -> dict[str, int]:
    graph = Graph.connect(config)
    try:
        [row] = graph.read(load_query("operations/count_graph"))
        labels = graph.driver.execute_query(
            "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label",
            database_=graph.database,
        ).records
    finally:
        graph.close()
    return {"nodes": row["nodes"], "relationships": row["relationships"]} | {
        r["label"]: r["n"] for r in labels
    }


def _private(root: Path) -> list[str]:
    """Every path under ``root`` not 0700 (folders) or 0600 (files)."""
    return [
        f"{p}: {oct(stat.S_IMODE(p.stat().st_mode))}"
        for p in [root, *root.rglob("*")]
        if stat.S_IMODE(p.stat().st_mode) != (0o700 if p.is_dir() else 0o600)
    ]


def test_a_backup_restored_into_an_empty_neo4j_answers_the_same(
    servers: tuple[Settings, Settings], tmp_path: Path
) -> None:
    source, target = servers
    nim_dir = tmp_path / "hub" / "nim"
    case_id = _build_hub(source, nim_dir)
    before = _answers(source, case_id, tmp_path / "quiet")
    assert {"E23000005", "E23000001"} <= {c["forceCode"] for c in before["forceCases"]["nodes"]}
    assert len(before["forces"]["forces"]) == 46
    assert len(before["account"]["linkedAccounts"]) == 1
    _journal_one_referral(source)
    counts = _counts(source)
    assert counts["Report"] == 3
    assert counts["Case"] >= 2
    assert counts["IntelItem"] == 1
    audit = AuditLog(source.audit_log).verify()
    assert audit.ok
    assert audit.records >= 2

    backup = tmp_path / "backup"
    began = time.monotonic()
    made = _ohch(source, "backup", "create", "--out", str(backup), "--nim-out", str(nim_dir),
                 cwd=tmp_path)  # fmt: skip
    backup_s = time.monotonic() - began
    assert made.returncode == 0, made.stdout + made.stderr
    assert "journal 1 entries" in made.stdout, made.stdout
    assert from_settings(source).answers(), "the hub's Neo4j runs again after the dump"
    assert _private(backup) == []
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["graph"]["method"] == "neo4j-admin database dump (offline)"
    assert manifest["audit"]["records"] == audit.records
    assert manifest["audit"]["intact"]
    size = sum(f["bytes"] for f in manifest["files"].values())

    began = time.monotonic()
    restored = _ohch(target, "backup", "restore", str(backup), "--nim-out",
                     str(tmp_path / "restored" / "nim"), cwd=tmp_path)  # fmt: skip
    restore_s = time.monotonic() - began
    assert restored.returncode == 0, restored.stdout + restored.stderr
    print(f"\nbackup {backup_s:.1f}s, restore {restore_s:.1f}s, {size} bytes, {counts}")

    assert _counts(target) == counts
    after_audit = AuditLog(target.audit_log).verify()
    assert (after_audit.records, after_audit.last_hash) == (audit.records, audit.last_hash)
    assert (tmp_path / "restored" / "nim" / "state.json").read_bytes() == (
        nim_dir / "state.json"
    ).read_bytes()
    assert Journal(target.journal_dir).backlog() == 1
    assert _answers(target, case_id, tmp_path / "quiet") == before
    # The journalled referral is restored too, and written once its hub drains the journal.
    graph = Graph.connect(target)
    try:
        assert Journal(target.journal_dir).drain(lambda batch: replay_entries(graph, batch)) == 1
    finally:
        graph.close()
    assert _counts(target)["Report"] == 4


def test_restore_refuses_a_damaged_backup_and_an_existing_graph(
    servers: tuple[Settings, Settings], tmp_path: Path
) -> None:
    source, _ = servers
    graph = Graph.connect(source)
    try:
        schema.apply(graph)
        assert _refer(graph, Journal(source.journal_dir), "BK-ONE") is Acceptance.CREATED
    finally:
        graph.close()
    backup = tmp_path / "backup"
    made = _ohch(source, "backup", "create", "--out", str(backup), cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    again = _ohch(source, "backup", "create", "--out", str(backup), cwd=tmp_path)
    assert again.returncode == 1
    assert "not an empty folder" in again.stderr

    onto_itself = _ohch(source, "backup", "restore", str(backup), cwd=tmp_path)
    assert onto_itself.returncode == 1
    assert "already holds a graph; restore with --replace" in onto_itself.stderr

    damaged = tmp_path / "damaged"
    shutil.copytree(backup, damaged)
    dump = damaged / "graph" / "neo4j.dump"
    data = dump.read_bytes()
    dump.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))  # always a change, whatever it was
    refused = _ohch(source, "backup", "restore", str(damaged), "--replace", cwd=tmp_path)
    assert refused.returncode == 1
    assert "graph/neo4j.dump: changed since the backup was made" in refused.stderr
    assert from_settings(source).answers(), "a refused restore leaves the hub running"
    assert isinstance(from_settings(source), LocalServer)
