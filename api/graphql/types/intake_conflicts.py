"""Intake conflicts for hub staff: journalled referrals whose (source, source_ref) was written
meanwhile with another payload, kept whole (``services/intake_conflicts.py``). Resolved with a
reason by ``ohch journal conflicts resolve``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.connection import Connection
from api.graphql.types.outcome import ListFailure, paged
from ingest.intake_conflict import ConflictStatus
from ingest.intake_conflict import IntakeConflict as Found  # the type below shows it
from services import intake_conflicts
from services.paging import PageRequest

Info = strawberry.Info[Context, None]

strawberry.enum(
    ConflictStatus, name="IntakeConflictStatus", description="Open, or resolved by an analyst."
)


@strawberry.type(
    description="A referral journalled during an outage whose source and source reference "
    "were written meanwhile with another payload: not a report, kept for an analyst."
)
class IntakeConflict:
    reference: str = strawberry.field(description="The journal reference the sender was given.")
    source: str
    source_ref: str
    raw_payload: str = strawberry.field(description="The journalled referral, verbatim.")
    received_at: datetime = strawberry.field(description="When the journal accepted it.")
    existing_reference: str = strawberry.field(
        description="The report written under the same source and source reference."
    )
    existing_received_at: datetime = strawberry.field(description="When that report came.")
    detected_at: datetime = strawberry.field(description="When the replay found the conflict.")
    status: ConflictStatus
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None = strawberry.field(description="The analyst's reason.")

    @classmethod
    def of(cls, found: Found) -> IntakeConflict:
        return cls(
            reference=found.reference,
            source=found.source,
            source_ref=found.source_ref,
            raw_payload=found.raw_payload,
            received_at=found.received_at,
            existing_reference=found.existing_reference,
            existing_received_at=found.existing_received_at,
            detected_at=found.detected_at,
            status=found.status,
            resolved_at=found.resolved_at,
            resolved_by=found.resolved_by,
            resolution=found.resolution,
        )


IntakeConflictsResult = Annotated[
    Connection[IntakeConflict] | ListFailure, strawberry.union("IntakeConflictsResult")
]


@strawberry.type
class IntakeConflictQueries:
    @strawberry.field(
        description="Journalled referrals that conflict with a report written meanwhile under "
        "their source and source reference, oldest found first: OPEN (default) or RESOLVED."
    )
    async def intake_conflicts(
        self,
        info: Info,
        status: ConflictStatus = ConflictStatus.OPEN,
        first: int = 50,
        after: str | None = None,
    ) -> IntakeConflictsResult:
        return await paged(
            lambda: info.context.run(
                intake_conflicts.intake_conflicts, status, PageRequest(first, after)
            ),
            IntakeConflict.of,
        )
