"""Complainant updates for hub staff: the outbox (due, overdue, failed, sent, cancelled) with
each message's deadline and delivery state. No contact details: who (report reference, role),
what (event), by when, and how delivery went (``services/updates.py``). And the record that no
enforcement action is possible on a case, for a reason of the reviewed library."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import Failure
from api.graphql.types.connection import Connection
from api.graphql.types.mirror import mirror, mirrors
from api.graphql.types.outcome import ListFailure, list_failure, mutated, outcome, paged
from graph.updates.events import ChannelKind
from graph.updates.outbox import OutboxMessage, OutboxView
from graph.updates.policy import EventKind, RecipientRole
from graph.updates.retry import MessageStatus
from graph.updates.templates import Language
from services import updates
from services.paging import PageRequest
from services.updates import NoEnforcementReason as NoEnforcementReasonValue

Info = strawberry.Info[Context, None]

# The domain's own enums, registered with GraphQL.
strawberry.enum(OutboxView, name="UpdateOutboxView", description="Which messages to list.")
strawberry.enum(MessageStatus, name="UpdateMessageStatus", description="A message's state.")
strawberry.enum(RecipientRole, name="UpdateRecipientRole", description="Who may be told.")
strawberry.enum(ChannelKind, name="UpdateChannel", description="How a message is sent.")
strawberry.enum(EventKind, name="UpdateEventKind", description="What happened on the case.")
strawberry.enum(Language, name="UpdateLanguage", description="A language updates are sent in.")


@strawberry.type(description="One message to a complainant about one case event.")
@mirrors(OutboxMessage, omit={"key"})
class UpdateMessage:
    reference: str = strawberry.field(description="The recipient's report reference.")
    event_at: datetime = strawberry.field(description="When the clock started.")
    due_at: datetime = strawberry.field(description="The Victims' Code deadline.")
    language: Language | None = strawberry.field(description="The language it was sent in.")
    overdue: bool = strawberry.field(description="Not sent, and past its deadline.")

    @classmethod
    def of(cls, message: OutboxMessage, now: datetime) -> UpdateMessage:
        return mirror(cls, message, overdue=message.overdue(now))


@strawberry.type(
    description="A reason a complainant may be given when no enforcement action is possible "
    "(the reviewed library, graph/updates/data/no_enforcement_reasons.toml)."
)
@mirrors(NoEnforcementReasonValue)
class NoEnforcementReason:
    code: str = strawberry.field(description="The reason's code, as recordNoEnforcement takes.")
    approved: bool = strawberry.field(
        description="Its wording is signed off; a draft can be recorded, and says so."
    )

    @classmethod
    def of(cls, reason: NoEnforcementReasonValue) -> NoEnforcementReason:
        return mirror(cls, reason)


@strawberry.type(description="The reasons a complainant may be given.")
class NoEnforcementReasonList:
    reasons: list[NoEnforcementReason]


@strawberry.type(description="No enforcement action is possible on the case, for this reason.")
class NoEnforcementRecorded:
    case_id: str
    reason: NoEnforcementReason
    recorded_at: datetime


NoEnforcementReasonsResult = Annotated[
    NoEnforcementReasonList | ListFailure, strawberry.union("NoEnforcementReasonsResult")
]
RecordNoEnforcementResult = Annotated[
    NoEnforcementRecorded | Failure, strawberry.union("RecordNoEnforcementResult")
]
UpdateOutboxResult = Annotated[
    Connection[UpdateMessage] | ListFailure,
    strawberry.union("UpdateOutboxResult"),
]


@strawberry.type
class UpdateQueries:
    @strawberry.field(
        description="Messages to complainants, soonest deadline first: DUE (waiting, in "
        "time), OVERDUE (not sent, past the deadline), FAILED (an operator must look), SENT, "
        "CANCELLED."
    )
    async def update_outbox(
        self,
        info: Info,
        view: OutboxView = OutboxView.DUE,
        case_id: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> UpdateOutboxResult:
        now = datetime.now(UTC)
        return await paged(
            lambda: info.context.run(
                updates.update_outbox, view, case_id, PageRequest(first, after), now
            ),
            lambda m: UpdateMessage.of(m, now),
        )

    @strawberry.field(
        description="The reasons a complainant may be given when no enforcement action is "
        "possible, for recordNoEnforcement."
    )
    async def no_enforcement_reasons(self, info: Info) -> NoEnforcementReasonsResult:
        return await outcome(
            lambda: info.context.run(updates.no_enforcement_reasons),
            lambda found: NoEnforcementReasonList(
                reasons=[NoEnforcementReason.of(r) for r in found]
            ),
            list_failure,
        )


@strawberry.type
class UpdateMutations:
    @strawberry.mutation(
        description="Record that no enforcement action is possible on a case (the suspect is "
        "abroad, could not be identified, ...), for a reason of the library "
        "(noEnforcementReasons). Every record is kept; the case's complainants are told why, "
        "in the reason's reviewed words. The note stays with the record and is never sent."
    )
    async def record_no_enforcement(
        self, info: Info, case_id: str, reason: str, note: str | None = None
    ) -> RecordNoEnforcementResult:
        return await mutated(
            lambda now: info.context.run(updates.record_no_enforcement, case_id, reason, note, now),
            lambda chosen, now: NoEnforcementRecorded(
                case_id=case_id, reason=NoEnforcementReason.of(chosen), recorded_at=now
            ),
        )
