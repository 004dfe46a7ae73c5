"""The audit trail as supervisors read it: who looked at this victim, what did this user see.

Reading the trail is itself a consultation of personal data, so it is logged like any other
(its root field carries an audit tap, ``api/graphql/gate.py``).
"""

from __future__ import annotations

import asyncio
from datetime import datetime

import strawberry

from api.graphql.context import Context
from graph.audit.records import AuditRecord, Operation
from graph.errors import InvalidValue

Info = strawberry.Info[Context, None]
MAX_RECORDS = 500

AuditOperation = strawberry.enum(Operation, name="AuditOperation")


@strawberry.type(description="Which records of one kind were touched, and which fields.")
class AuditAccessed:
    kind: str
    ids: list[str]
    fields: list[str]


@strawberry.type(description="One act on personal data (DPA 2018 s62), as logged.")
class AuditEntry:
    seq: int
    logged_at: datetime
    operation: AuditOperation  # type: ignore[valid-type]
    actor: str
    role: str
    force_code: str | None
    endpoint: str
    reason: str | None
    recipients: list[str]
    accessed: list[AuditAccessed]
    hash: str

    @classmethod
    def of(cls, record: AuditRecord) -> AuditEntry:
        return cls(
            seq=record.seq, logged_at=record.logged_at, operation=record.operation,
            actor=record.actor, role=record.role, force_code=record.force_code,
            endpoint=record.endpoint, reason=record.reason, recipients=list(record.recipients),
            accessed=[AuditAccessed(kind=a.kind, ids=list(a.ids), fields=list(a.fields))
                      for a in record.accessed],
            hash=record.hash,
        )  # fmt: skip


async def audit_trail(
    info: Info,
    entity_id: str | None = None,
    actor: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    operation: AuditOperation | None = None,  # type: ignore[valid-type]
    limit: int = 100,
) -> list[AuditEntry]:
    """Records matching every filter given (``since`` inclusive, ``until`` exclusive), oldest
    first. At least one of ``entityId`` and ``actor`` is required."""
    if entity_id is None and actor is None:
        raise InvalidValue("entityId", "name a record (entityId) or a user (actor) to look for")
    if not 1 <= limit <= MAX_RECORDS:
        raise InvalidValue("limit", f"must be between 1 and {MAX_RECORDS}")
    for name, moment in (("since", since), ("until", until)):
        if moment is not None and moment.tzinfo is None:
            raise InvalidValue(name, "must carry a time zone (e.g. Z)")
    records = await asyncio.to_thread(
        info.context.audit_log.search,
        entity_id=entity_id,
        actor=actor,
        since=since,
        until=until,
        operation=Operation(operation.value) if operation is not None else None,
        limit=limit,
    )
    return [AuditEntry.of(r) for r in records]


@strawberry.type
class AuditQueries:
    audit_trail: list[AuditEntry] = strawberry.field(
        resolver=audit_trail,
        description="The audit trail (DPA 2018 s62): who consulted, changed or disclosed a "
        "record (entityId), or what one user did (actor). Supervisors and administrators.",
    )
