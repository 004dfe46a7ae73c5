"""A removal referral's life: drafted -> approved (by a supervisor) -> sent -> acknowledged ->
removed | restricted | refused | no response. Pure: no I/O.

Every step is kept with who took it, when and its evidence; a step the table does not allow
is refused by name. A platform that never answered (``no_response``) may still answer late.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime, timedelta

from graph.errors import Conflict, InvalidValue


class Status(enum.StrEnum):
    DRAFTED = "drafted"
    APPROVED = "approved"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    REMOVED = "removed"
    RESTRICTED = "restricted"  # kept up but limited (age-gated, hidden in the UK, demoted)
    REFUSED = "refused"
    NO_RESPONSE = "no_response"


ANSWERS = frozenset({Status.REMOVED, Status.RESTRICTED, Status.REFUSED, Status.NO_RESPONSE})
AWAITING_ANSWER = frozenset({Status.SENT, Status.ACKNOWLEDGED})
OPEN = frozenset({Status.DRAFTED, Status.APPROVED}) | AWAITING_ANSWER

NEXT: Mapping[Status, frozenset[Status]] = {
    Status.DRAFTED: frozenset({Status.APPROVED}),
    Status.APPROVED: frozenset({Status.SENT}),
    Status.SENT: frozenset({Status.ACKNOWLEDGED}) | ANSWERS,
    Status.ACKNOWLEDGED: ANSWERS - {Status.ACKNOWLEDGED},
    Status.NO_RESPONSE: frozenset({Status.REMOVED, Status.RESTRICTED, Status.REFUSED}),
    Status.REMOVED: frozenset(),
    Status.RESTRICTED: frozenset(),
    Status.REFUSED: frozenset(),
}


def check_step(current: Status, to: Status, note: str | None) -> None:
    """Raise :class:`Conflict` for a step the table does not allow, :class:`InvalidValue` for a
    refusal without the platform's reason."""
    if to not in NEXT[current]:
        allowed = ", ".join(sorted(s.value for s in NEXT[current])) or "none: it is closed"
        raise Conflict(f"a {current.value} referral cannot become {to.value} (next: {allowed})")
    if to is Status.REFUSED and not (note and note.strip()):
        raise InvalidValue("note", "a refusal needs the platform's reason")


def due_at(sent_at: datetime, due_hours: int) -> datetime:
    return sent_at + timedelta(hours=due_hours)


def overdue(status: Status, due: datetime | None, now: datetime) -> bool:
    """Sent, not yet answered, and past the time the platform was given."""
    return status in AWAITING_ANSWER and due is not None and now > due
