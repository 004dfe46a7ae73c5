"""The outbox as hub staff read it: which messages to list, and each message. Pure.

No contact details: who (report reference, role), what (event), by when, and how delivery went.
``store.py`` reads them from the graph.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from graph.updates.events import ChannelKind
from graph.updates.policy import EventKind, RecipientRole
from graph.updates.retry import MessageStatus
from graph.updates.templates import Language


class OutboxView(enum.StrEnum):
    DUE = "due"  # waiting, deadline not passed
    OVERDUE = "overdue"  # not sent and past its deadline
    FAILED = "failed"
    SENT = "sent"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One message to a complainant about one case event."""

    id: str
    key: str  # the outbox key: a hash of (contact, event), so the address stays out of it
    case_id: str
    reference: str  # the recipient's report reference
    report_id: str
    recipient_role: RecipientRole
    channel: ChannelKind
    event_kind: EventKind
    event_id: str
    event_at: datetime  # when the clock started
    due_at: datetime  # the Victims' Code deadline
    deadline_rule: str
    status: MessageStatus
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    sent_at: datetime | None
    language: Language | None  # the language it was sent in
    created_at: datetime

    def overdue(self, now: datetime) -> bool:
        """Not sent, and past its deadline (a message sent late is not overdue: it is sent)."""
        done = self.status in (MessageStatus.SENT, MessageStatus.CANCELLED)
        return not done and now > self.due_at

    @property
    def cursor_key(self) -> str:
        """Where it stands in the outbox's order (deadline, then key)."""
        return f"{self.due_at.isoformat()}|{self.key}"
