"""``ohch doctor`` against the test Neo4j: each check fails when what it checks is wrong, and a
healthy hub is all OK with exit 0; reference data is loaded once and only again when it changed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cli.doctor_cmd import Status, run_checks
from graph import schema
from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.db import Graph
from graph.reference.loader import ensure_reference, reference_state
from graph.settings import Settings
from ingest.journal import Journal
from tests.cli_env import OHCH, cli_env


@pytest.fixture
def config(neo4j_settings: Settings, tmp_path: Path) -> Settings:
    return neo4j_settings.model_copy(
        update={"journal_dir": tmp_path / "journal", "audit_log": tmp_path / "audit" / "a.jsonl"}
    )


def _statuses(config: Settings, warn_below_mb: int) -> dict[str, Status]:
    return {c.name: c.status for c in run_checks(lambda: config, warn_below_mb=warn_below_mb)}


def _doctor(config: Settings, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = cli_env(config, config.audit_log, OHCH_JOURNAL_DIR=str(config.journal_dir))
    return subprocess.run(
        [str(OHCH), "doctor", "--warn-below-mb", "1"], env=env, cwd=cwd, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip


def _audit_event() -> AuditEvent:
    return AuditEvent(
        operation=Operation.CONSULTATION, actor="sup.doctor", role="hub_supervisor",
        endpoint="test", accessed=(Accessed(kind="case", ids=("case:x",)),),
    )  # fmt: skip


def test_a_fresh_graph_fails_until_upgrades_and_reference_data_are_there(
    graph: Graph, config: Settings, tmp_path: Path
) -> None:
    # The fixture emptied the graph after the schema was applied (reference data gone); with the
    # markers of the upgrades and of the schema gone too, it is a hub whose API never started on
    # this version.
    graph.run_schema("MATCH (m) WHERE m:DataUpgrade OR m:SchemaState DELETE m")
    found = _statuses(config, warn_below_mb=1)
    assert found["settings"] is Status.OK
    assert found["neo4j"] is Status.OK
    assert found["schema"] is Status.OK
    assert found["upgrades"] is Status.FAIL
    assert found["reference data"] is Status.FAIL
    failed = _doctor(config, tmp_path)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "FAIL reference data: 0/46 forces" in failed.stdout
    assert "FAIL upgrades: not applied: 002_report_days" in failed.stdout

    schema.apply(graph)
    assert ensure_reference(graph) == {"forces": 46, "postcode districts": 2951}
    # Every upgrade done, but the graph marked prepared by another version: jobs would wait.
    graph.run_schema("MATCH (s:SchemaState) SET s.fingerprint = 'an older version'")
    assert _statuses(config, warn_below_mb=1)["upgrades"] is Status.WARN
    schema.apply(graph)
    healthy = _doctor(config, tmp_path)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    lines = healthy.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["OK"] * len(lines), healthy.stdout
    assert [line.split()[1].rstrip(":") for line in lines][:4] == [
        "settings", "neo4j", "schema", "upgrades",
    ]  # fmt: skip
    assert "Neo4j Kernel 5.26" in lines[1]


def test_journal_backlog_warns_and_a_broken_audit_chain_fails(
    reference_graph: Graph, config: Settings
) -> None:
    schema.apply(reference_graph)
    ensure_reference(reference_graph)
    log = AuditLog(config.audit_log)
    log.append(_audit_event())
    log.append(_audit_event())
    assert _statuses(config, warn_below_mb=1)["audit log"] is Status.OK
    Journal(config.journal_dir).append({"payload": {}, "raw": "{}"})
    assert _statuses(config, warn_below_mb=1)["journal"] is Status.WARN

    lines = config.audit_log.read_bytes().splitlines(keepends=True)
    config.audit_log.write_bytes(lines[0].replace(b"sup.doctor", b"someone.else") + lines[1])
    checks = {c.name: c for c in run_checks(lambda: config, warn_below_mb=1)}
    assert checks["audit log"].status is Status.FAIL
    assert "broken at line 1" in checks["audit log"].detail


def test_disk_below_the_threshold_fails(reference_graph: Graph, config: Settings) -> None:
    huge = 1 << 40  # a petabyte, in MB
    disk = [c for c in run_checks(lambda: config, fail_below_mb=huge) if c.name == "disk"]
    assert disk
    assert {c.status for c in disk} == {Status.FAIL}
    assert str(config.journal_dir) in " ".join(c.detail for c in disk)


def test_reference_data_is_loaded_once_and_again_when_it_changes(graph: Graph) -> None:
    assert not reference_state(graph).current
    assert ensure_reference(graph) is not None
    assert reference_state(graph).current
    assert ensure_reference(graph) is None  # a restart: one read, nothing written
    graph.driver.execute_query(
        "MATCH (m:ReferenceData) SET m.fingerprint = 'an older version'", database_=graph.database
    )
    assert not reference_state(graph).current
    assert ensure_reference(graph) is not None
    graph.driver.execute_query("MATCH (f:Force {code: 'E23000010'}) DETACH DELETE f",
                               database_=graph.database)  # fmt: skip
    assert ensure_reference(graph) is not None  # a force missing: loaded again
    assert reference_state(graph).forces == 46
