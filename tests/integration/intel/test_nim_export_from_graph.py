"""Graded items built from a case in the graph, exported for the NIM: verifiable, repeatable,
and C-coded items never reach a destination not cleared for them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from graph.audit.log import AuditLog
from graph.db import Graph
from graph.intel.destinations import destination
from graph.intel.from_case import create_item, items_in_period
from graph.intel.nim_export import ExportPeriod, ExportResult, export_nim, verify_export
from graph.intel.sanitise import sanitise_all
from tests.factories import referral
from tests.integration.intake.helpers import query, write

P_GRADE = {"source_evaluation": "2", "intelligence_assessment": "B", "handling_code": "P"}
C_GRADE = {**P_GRADE, "handling_code": "C", "handling_conditions": ["Police use only"]}


def _case(graph: Graph) -> str:
    payload = referral()
    payload["suspects"][0]["name"] = "John Smith"
    write(graph, payload)
    return str(query(graph, "MATCH (k:Case) RETURN k.id AS id")[0]["id"])


def _export(
    graph: Graph, out: Path, dest: str, period: ExportPeriod, log: AuditLog
) -> ExportResult:
    return export_nim(
        sanitise_all(items_in_period(graph, period.since, period.until)),
        period=period, destination=destination(dest), out_dir=out, actor="IA Morgan",
        audit_log=log,
    )  # fmt: skip


def test_items_from_a_case_export_verifiably_and_identically(
    reference_graph: Graph, tmp_path: Path
) -> None:
    case_id = _case(reference_graph)
    item = create_item(
        reference_graph,
        case_id,
        P_GRADE,
        "Account sends racist abuse",
        "subject_identification",
        "IA Morgan",
    )
    kinds = {e.kind for e in item.entities}
    assert kinds == {"event", "object", "person", "location"}
    create_item(
        reference_graph,
        case_id,
        C_GRADE,
        "Same account, sensitive source",
        "pattern_analysis",
        "IA Morgan",
    )

    period = ExportPeriod(since=None, until=datetime.now(UTC) + timedelta(seconds=1))
    log = AuditLog(tmp_path / "disclosures.jsonl")
    first = _export(reference_graph, tmp_path / "out", "pnd", period, log)
    assert first.counts.items_exported == 2
    assert verify_export(first.export_dir) == []
    files = {p.name: p.read_bytes() for p in first.export_dir.iterdir()}
    assert {"items.jsonl", "manifest.json", "persons.csv", "objects.csv"} <= set(files)
    assert b"Police use only" in files["items.jsonl"]

    again = _export(reference_graph, tmp_path / "out", "pnd", period, log)
    assert again.already_existed
    assert {p.name: p.read_bytes() for p in again.export_dir.iterdir() if p.name != "run.json"} == {
        k: v for k, v in files.items() if k != "run.json"
    }

    partner = _export(reference_graph, tmp_path / "partner", "partner-p-only", period, log)
    assert partner.counts.items_exported == 1
    assert partner.counts.items_withheld_handling_c == 1
    exported = (partner.export_dir / "items.jsonl").read_text()
    assert "Police use only" not in exported
    # every run is logged, the identical rerun too
    assert [r.details["destination_id"] for r in log.records()] == ["pnd", "pnd", "partner-p-only"]
