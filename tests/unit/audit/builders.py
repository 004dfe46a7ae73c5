"""Audit events for the tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph.audit.chain import GENESIS, line_bytes, seal
from graph.audit.records import Accessed, AuditEvent, AuditRecord, Operation

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def event(
    n: int = 1,
    actor: str = "analyst.jones",
    entity: str = "victim-1",
    operation: Operation = Operation.CONSULTATION,
) -> AuditEvent:
    return AuditEvent(
        operation=operation,
        actor=actor,
        role="hub_analyst",
        force_code=None,
        endpoint="graphql:case",
        accessed=(
            Accessed(kind="victim", ids=(entity,), fields=("name", "address")),
            Accessed(kind="case", ids=(f"case:{n}",)),
        ),
        reason="review of case é" if n % 2 else None,  # non-ASCII text too
        details={"n": n, "note": None},
    )


def sealed(count: int) -> list[AuditRecord]:
    """A chain of ``count`` records, a minute apart from T0."""
    records: list[AuditRecord] = []
    prev = GENESIS
    for n in range(1, count + 1):
        record = seal(event(n), n, T0 + timedelta(minutes=n), prev)
        records.append(record)
        prev = record.hash
    return records


def lines(records: list[AuditRecord]) -> list[bytes]:
    return [line_bytes(r) for r in records]
