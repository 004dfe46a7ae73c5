"""What a delivery attempt's result does to a message (pure): sent, tried again later with
exponential backoff, or failed for good and left in the queue for an operator."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.updates.policy import Retry


class MessageStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for its (next) attempt
    SENDING = "sending"  # claimed by a run that is delivering it now
    SENT = "sent"
    FAILED = "failed"  # out of attempts, refused for good, or interrupted: an operator looks
    CANCELLED = "cancelled"  # the recipient can no longer be contacted (consent, address)


INTERRUPTED = (
    "a run claimed this message and stopped before recording the result: it may have been "
    "sent; check the mail server's log, then `ohch updates retry` it if it was not"
)


def backoff(attempts: int, retry: Retry) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: first_delay_s, then ``factor``
    times longer each time, capped at max_delay_s."""
    seconds = retry.first_delay_s * retry.factor ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, retry.max_delay_s))


@dataclass(frozen=True, slots=True)
class AfterFailure:
    status: MessageStatus
    next_attempt_at: datetime | None


def after_failure(attempts: int, permanent: bool, now: datetime, retry: Retry) -> AfterFailure:
    """A message whose ``attempts``-th attempt failed: tried again later, or failed."""
    if permanent or attempts >= retry.max_attempts:
        return AfterFailure(MessageStatus.FAILED, None)
    return AfterFailure(MessageStatus.PENDING, now + backoff(attempts, retry))
