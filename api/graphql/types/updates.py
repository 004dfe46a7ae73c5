"""Complainant updates for hub staff: the outbox (due, overdue, failed, sent, cancelled) with
each message's deadline and delivery state. No contact details: who (report reference, role),
what (event), by when, and how delivery went (``services/updates.py``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.connection import Connection
from api.graphql.types.mirror import mirror, mirrors
from api.graphql.types.outcome import ListFailure, paged
from graph.updates.events import ChannelKind
from graph.updates.outbox import OutboxMessage, OutboxView
from graph.updates.policy import EventKind, RecipientRole
from graph.updates.retry import MessageStatus
from graph.updates.templates import Language
from services import updates
from services.paging import PageRequest

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
