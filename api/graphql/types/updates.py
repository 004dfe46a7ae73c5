"""Complainant updates for hub staff: the outbox (due, overdue, failed, sent, cancelled) with
each message's deadline and delivery state. No contact details: who (report reference, role),
what (event), by when, and how delivery went."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import strawberry

from api.graphql.context import Context
from graph.errors import InvalidValue
from graph.updates import store
from graph.updates.retry import MessageStatus
from graph.updates.store import OutboxView

Info = strawberry.Info[Context, None]
MAX_PAGE = 200

strawberry.enum(OutboxView, name="UpdateOutboxView", description="Which messages to list.")
strawberry.enum(MessageStatus, name="UpdateMessageStatus", description="A message's state.")


@strawberry.type(description="One message to a complainant about one case event.")
class UpdateMessage:
    id: str
    case_id: str
    reference: str = strawberry.field(description="The recipient's report reference.")
    report_id: str
    recipient_role: str = strawberry.field(description="victim, witness, third_party, ...")
    channel: str
    event_kind: str
    event_id: str
    event_at: datetime = strawberry.field(description="When the clock started.")
    due_at: datetime = strawberry.field(description="The Victims' Code deadline.")
    deadline_rule: str
    status: MessageStatus
    overdue: bool
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    sent_at: datetime | None
    language: str | None = strawberry.field(description="The language it was sent in.")
    created_at: datetime

    @classmethod
    def of(cls, m: store.OutboxMessage, now: datetime) -> UpdateMessage:
        return cls(
            id=m.id, case_id=m.case_id, reference=m.reference, report_id=m.report_id,
            recipient_role=m.recipient_role, channel=m.channel, event_kind=m.event_kind,
            event_id=m.event_id, event_at=m.event_at, due_at=m.due_at,
            deadline_rule=m.deadline_rule, status=m.status, overdue=m.overdue(now),
            attempts=m.attempts, last_error=m.last_error, next_attempt_at=m.next_attempt_at,
            sent_at=m.sent_at, language=m.language, created_at=m.created_at,
        )  # fmt: skip


@strawberry.type(description="A page of the outbox; pass endCursor as `after` for the next.")
class UpdateMessagePage:
    items: list[UpdateMessage]
    end_cursor: str | None
    has_next_page: bool


async def update_outbox(
    info: Info,
    view: OutboxView = OutboxView.DUE,
    case_id: str | None = None,
    first: int = 50,
    after: str | None = None,
) -> UpdateMessagePage:
    """Messages to complainants, soonest deadline first: ``due`` (waiting, in time),
    ``overdue`` (not sent, past the deadline), ``failed`` (an operator must look), ``sent``,
    ``cancelled``."""
    if not 1 <= first <= MAX_PAGE:
        raise InvalidValue("first", f"must be between 1 and {MAX_PAGE}")
    now = datetime.now(UTC)
    items, cursor = await asyncio.to_thread(
        store.outbox, info.context.graph, view, now, case_id, first, after
    )
    return UpdateMessagePage(
        items=[UpdateMessage.of(m, now) for m in items],
        end_cursor=cursor,
        has_next_page=cursor is not None,
    )


@strawberry.type
class UpdateQueries:
    update_outbox: UpdateMessagePage = strawberry.field(
        resolver=update_outbox,
        description="Messages to complainants: due, overdue, failed, sent, cancelled.",
    )
