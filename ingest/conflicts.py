"""Intake conflicts: a journalled referral whose (source, source_ref) was written meanwhile with
another payload (the same key sent again by a partner while Neo4j was down here, or by a bulk
file). Never written as a second report and never dropped: kept as an ``IntakeConflict`` with
the journalled payload verbatim, the reference and access code hash it was given, when it was
received, and the report it conflicts with (``CONFLICTS_WITH``), open until an analyst resolves
it with a reason.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from graph.cypher import load_query
from graph.db import Graph, from_wire_time, wire_time
from ingest.intake_conflict import ConflictStatus, IntakeConflict
from ingest.intake_row import IntakeRow


def _at(text: str | None) -> datetime:
    found = from_wire_time(text)
    if found is None:
        raise ValueError("an intake conflict without a time")
    return found


def _conflict(r: dict[str, Any]) -> IntakeConflict:
    return IntakeConflict(
        reference=r["reference"],
        source=r["source"],
        source_ref=r["source_ref"],
        raw_payload=r["raw_payload"],
        received_at=_at(r["received_at"]),
        existing_reference=r["existing_reference"],
        existing_received_at=_at(r["existing_received_at"]),
        detected_at=_at(r["detected_at"]),
        status=ConflictStatus(r["status"]),
        resolved_at=from_wire_time(r["resolved_at"]),
        resolved_by=r["resolved_by"],
        resolution=r["resolution"],
    )


def record_conflicts(graph: Graph, rows: list[IntakeRow]) -> int:
    """Keep journalled rows whose key holds a report with another payload (idempotent)."""
    if not rows:
        return 0
    params = [
        {
            "intake_key": row.intake_key,
            "source": row.source,
            "source_ref": row.source_ref,
            "reference": row.receipt.reference,
            "raw_payload": row.receipt.raw_payload,
            "payload_hash": row.receipt.payload_hash,
            "access_code_hash": row.receipt.access_code_hash,
            "received_at": wire_time(row.received_at),
        }
        for row in rows
    ]
    found = graph.write(
        load_query("intake/record_intake_conflicts"),
        rows=params,
        detected_at=wire_time(datetime.now(UTC)),
    )
    kept: int = found[0]["kept"]
    return kept


def conflicts_after(
    graph: Graph,
    status: ConflictStatus,
    after_at: str | None,
    after_reference: str | None,
    limit: int,
) -> tuple[list[IntakeConflict], int]:
    """Up to ``limit`` conflicts in ``status`` after the cursor, and how many there are."""
    (found,) = graph.read(
        load_query("intake/list_intake_conflicts"),
        status=status.value,
        after_at=after_at,
        after_reference=after_reference,
        limit=limit,
    )
    return [_conflict(item) for item in found["items"]], found["total"]


def resolve(
    graph: Graph, reference: str, reason: str, actor: str, at: datetime
) -> tuple[IntakeConflict, bool] | None:
    """Close the conflict ``reference``; None when there is none, else it and whether it was
    still open (False: it was resolved before, and nothing changed)."""
    found = graph.write(
        load_query("intake/resolve_intake_conflict"),
        reference=reference,
        reason=reason,
        actor=actor,
        at=wire_time(at),
    )
    if not found:
        return None
    row = dict(found[0])
    return _conflict(row), row["was"] == ConflictStatus.OPEN.value


def count_open(graph: Graph) -> int:
    found: int = graph.read(load_query("intake/count_open_intake_conflicts"))[0]["open"]
    return found
