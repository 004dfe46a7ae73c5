"""The audit trail as supervisors read it: who looked at this victim, what did this user see
(``services/audit.py``).

Reading the trail is itself a consultation of personal data, so it is logged like any other
(its root field carries an audit tap, ``api/graphql/gate.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.connection import Connection
from api.graphql.types.enums import Role
from api.graphql.types.mirror import mirror, mirrors
from api.graphql.types.outcome import ListFailure, paged
from graph.audit.records import Accessed, AuditRecord, Operation
from services import audit
from services.paging import PageRequest

Info = strawberry.Info[Context, None]

strawberry.enum(Operation, name="AuditOperation", description="A kind of processing (s62).")


@strawberry.type(description="Which records of one kind were touched, and which fields.")
@mirrors(Accessed)
class AuditAccessed:
    pass


@strawberry.type(description="One act on personal data (DPA 2018 s62), as logged.")
@mirrors(AuditRecord, omit={"details", "prev_hash"}, nested={Accessed: AuditAccessed})
class AuditEntry:
    role: Role

    @classmethod
    def of(cls, record: AuditRecord) -> AuditEntry:
        return mirror(cls, record, role=Role(record.role))


AuditTrailResult = Annotated[
    Connection[AuditEntry] | ListFailure,
    strawberry.union("AuditTrailResult"),
]


@strawberry.type
class AuditQueries:
    @strawberry.field(
        description="The audit trail (DPA 2018 s62): who consulted, changed or disclosed a "
        "record (entityId), or what one user did (actor), oldest first; records matching every "
        "filter given (`since` inclusive, `until` exclusive). Supervisors and administrators."
    )
    async def audit_trail(
        self,
        info: Info,
        entity_id: str | None = None,
        actor: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        operation: Operation | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> AuditTrailResult:
        query = audit.TrailQuery(entity_id, actor, since, until, operation)
        return await paged(
            lambda: info.context.run(
                audit.audit_trail, info.context.audit_log, query, PageRequest(first, after)
            ),
            AuditEntry.of,
        )
