"""Deliver the outbox's pending messages: claim them, log the use of contact details in the
audit trail, render each in its recipient's language, send it through its channel, and record
the result (sent; tried again later with backoff; failed; cancelled).

At most once: a message is claimed (``sending``) under the outbox lock before it is sent, so
two runs never send it both; a claim a run never finished is marked failed for an operator,
not sent again blindly. The audit event is written before anything is sent; if it cannot be,
the claims are released and nothing is sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import orjson
from neo4j import ManagedTransaction

from graph.assessment.calendars import uk_date
from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.cypher import load_query
from graph.db import Graph, Record, native, run
from graph.errors import AuditUnavailable, InvalidInput
from graph.updates.channels import Channel, DeliveryError, Outgoing
from graph.updates.events import ChannelKind
from graph.updates.policy import EventKind, UpdatesPolicy, updates_policy
from graph.updates.retry import INTERRUPTED, MessageStatus, after_failure, backoff
from graph.updates.templates import Language, render

LIMIT = 500  # messages one run claims
ENDPOINT = "cli:updates run"


@dataclass
class Delivered:
    sent: int = 0
    retrying: int = 0  # failed this time, pending for a later attempt
    failed: int = 0  # failed for good (or out of attempts)
    cancelled: int = 0  # recipient no longer contactable
    interrupted: int = 0  # claims an earlier run never finished, now failed
    deferred: int = 0  # claimed but not tried: their channel failed first
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Claimed:
    id: str
    key: str
    kind: EventKind
    params: dict[str, str]
    channel: ChannelKind
    attempts: int
    report_id: str
    address: str | None
    language: Language
    event_at: datetime | None = None

    @classmethod
    def of(cls, r: Record) -> Claimed:
        channel = ChannelKind(r["channel"])
        address = r["email"] if channel is ChannelKind.EMAIL else r["phone"]
        try:
            language = Language(r["language"] or Language.ENGLISH)
        except ValueError:
            language = Language.ENGLISH
        return cls(
            id=r["id"], key=r["key"], kind=EventKind(r["event_kind"]),
            params=orjson.loads(r["params"]), channel=channel, attempts=int(r["attempts"]),
            report_id=r["report_id"], address=address if r["consent"] is True else None,
            language=language, event_at=native(r["event_at"]),
        )  # fmt: skip

    def filled_params(self) -> dict[str, str]:
        """Its parameters; a closing message queued before the outcome's date was one of them
        is dated by the day its event was recorded, in UK time."""
        if self.kind is EventKind.CLOSED and "outcome_on" not in self.params and self.event_at:
            return {**self.params, "outcome_on": uk_date(self.event_at).isoformat()}
        return self.params


def _claim(
    graph: Graph, run_id: str, kinds: list[str], now: datetime, until: datetime, limit: int
) -> list[Claimed]:
    def work(tx: ManagedTransaction) -> list[Record]:
        run(tx, load_query("updates/lock_outbox"), at=now)
        return run(
            tx, load_query("updates/claim_messages"),
            now=now, until=until, run=run_id, channels=kinds, limit=limit,
        )  # fmt: skip

    return [Claimed.of(r) for r in graph.write_tx(work)]


def _audit(audit_log: AuditLog, messages: list[Claimed], now: datetime) -> None:
    report_ids = tuple(dict.fromkeys(m.report_id for m in messages))
    audit_log.append(
        AuditEvent(
            operation=Operation.CONSULTATION,
            actor="system:updates",
            role="admin",
            endpoint=ENDPOINT,
            accessed=(Accessed(kind="Reporter", ids=report_ids, fields=("email",)),),
            reason="complainant updates (Victims' Code Right 6), sent with consent",
            details={"messages": len(messages)},
        ),
        now=now,
    )


class _Run:
    def __init__(self, graph: Graph, run_id: str, policy: UpdatesPolicy, now: datetime) -> None:
        self.graph, self.run_id, self.policy, self.now = graph, run_id, policy, now
        self.result = Delivered()

    def write(self, name: str, **params: Any) -> list[Record]:
        return self.graph.write(load_query(f"updates/{name}"), run=self.run_id, **params)

    def release(self, ids: list[str], error: str, at: datetime) -> None:
        if ids:
            self.write("release_claims", ids=ids, next_attempt_at=at, error=error)

    def failed(self, message: Claimed, error: str, permanent: bool) -> None:
        outcome = after_failure(message.attempts + 1, permanent, self.now, self.policy.retry)
        self.write(
            "record_failure", id=message.id, at=self.now, status=outcome.status.value,
            next_attempt_at=outcome.next_attempt_at, error=error[:500],
        )  # fmt: skip
        if outcome.status is MessageStatus.FAILED:
            self.result.failed += 1
        else:
            self.result.retrying += 1
        self.result.errors.append(f"{message.id}: {error}")

    def send(self, channel: Channel, message: Claimed) -> str | None:
        """Try one message; the channel's error when the channel itself failed (the caller
        stops using it), else None."""
        assert message.address is not None
        try:
            rendered = render(message.kind, message.language, message.filled_params())
        except InvalidInput as error:
            self.failed(message, f"cannot be written: {error}", permanent=True)
            return None
        try:
            channel.send(Outgoing(key=message.key, address=message.address, rendered=rendered))
        except DeliveryError as error:
            self.failed(message, str(error), error.permanent)
            return str(error) if error.channel_down else None
        self.write("record_sent", id=message.id, at=self.now, language=rendered.language.value)
        self.result.sent += 1
        return None


def deliver(
    graph: Graph,
    channels: Mapping[ChannelKind, Channel],
    audit_log: AuditLog,
    now: datetime,
    policy: UpdatesPolicy | None = None,
    limit: int = LIMIT,
) -> Delivered:
    """Send up to ``limit`` pending messages whose next attempt is due, through ``channels``
    (a message for a channel not given waits, pending)."""
    policy = policy or updates_policy()
    run_id = f"delivery:{uuid.uuid4()}"
    job = _Run(graph, run_id, policy, now)
    expired = graph.write(load_query("updates/expire_claims"), now=now, error=INTERRUPTED)
    job.result.interrupted = int(expired[0]["expired"]) if expired else 0
    if not channels:
        return job.result
    until = now + timedelta(seconds=policy.retry.claim_lease_s)
    claimed = _claim(graph, run_id, sorted(channels), now, until, limit)
    gone = [m.id for m in claimed if m.address is None]
    if gone:
        reason = "the recipient no longer consents to contact or has no address for the channel"
        job.write("cancel_messages", ids=gone, at=now, reason=reason)
        job.result.cancelled = len(gone)
    sendable = [m for m in claimed if m.address is not None]
    if not sendable:
        return job.result
    try:
        _audit(audit_log, sendable, now)
    except AuditUnavailable:
        job.release([m.id for m in sendable], "the audit trail could not be written", now)
        raise
    down: dict[ChannelKind, str] = {}
    later = now + backoff(1, policy.retry)
    for message in sendable:
        if message.channel in down:
            why = f"not tried: the {message.channel} channel failed ({down[message.channel]})"
            job.release([message.id], why, later)
            job.result.deferred += 1
        elif (failure := job.send(channels[message.channel], message)) is not None:
            down[message.channel] = failure
    return job.result
