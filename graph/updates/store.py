"""The outbox in the graph: cases' timeline facts read, messages written once, the queue read,
and what hub staff record for updates (a language choice, no enforcement possible)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import orjson

from graph.cases import store as cases_store
from graph.cypher import load_query
from graph.db import Graph, Record, native
from graph.errors import Conflict, InvalidValue, NotFound, OhchError
from graph.platforms import platform
from graph.updates import events
from graph.updates.events import ChannelKind, DueMessage, Timeline
from graph.updates.outbox import OutboxMessage as OutboxMessage
from graph.updates.outbox import OutboxView as OutboxView
from graph.updates.policy import EventKind, RecipientRole
from graph.updates.retry import MessageStatus
from graph.updates.templates import Language, Reason, check_reason


def contactable_cases(graph: Graph) -> list[str]:
    """Ids of every case with someone who may be told of its events."""
    rows = graph.read(load_query("updates/contactable_cases"))
    return list(rows[0]["ids"]) if rows else []


def _platform_name(platform_id: str) -> str:
    try:
        return platform(platform_id).name
    except InvalidValue:
        return platform_id


def _timeline(r: Record) -> Timeline:
    def times(items: Iterable[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
        return [{**i, **{n: native(i[n]) for n in names}} for i in items]

    return Timeline(
        case_id=r["case_id"],
        hate_reported=bool(r["hate_reported"]),
        recipients=tuple(
            events.Recipient.model_validate(i) for i in times(r["recipients"], "received_at")
        ),
        decisions=tuple(events.Decision.model_validate(i) for i in times(r["decisions"], "at")),
        assignments=tuple(
            events.Assignment.model_validate(i) for i in times(r["assignments"], "at")
        ),
        referrals=tuple(
            events.Referral(
                id=i["id"],
                platform_name=_platform_name(i["platform"]),
                sent_at=i["sent_at"],
                status=i["status"],
                answered_at=i["answered_at"],
            )
            for i in times(r["referrals"], "sent_at", "answered_at")
        ),
        no_enforcement=tuple(
            events.NoEnforcement.model_validate(i) for i in times(r["no_enforcement"], "at")
        ),
        outcomes=tuple(events.Outcome.model_validate(i) for i in times(r["outcomes"], "at", "on")),
    )


def timelines(graph: Graph, case_ids: Sequence[str]) -> list[Timeline]:
    rows = graph.read(load_query("updates/case_timelines"), case_ids=list(case_ids))
    return [_timeline(r) for r in rows]


def existing_keys(graph: Graph, keys: Sequence[str]) -> set[str]:
    if not keys:
        return set()
    rows = graph.read(load_query("updates/existing_keys"), keys=list(keys))
    return set(rows[0]["keys"]) if rows else set()


def assessed_enhanced(graph: Graph, case_id: str, now: datetime) -> bool:
    """Whether the case's assessment gives its victims Enhanced Rights (False when the rules
    cannot assess it yet, e.g. no force can be found for it)."""
    try:
        return cases_store.view(graph, case_id, now).assessment.enhanced_rights
    except OhchError:
        return False


def create_messages(graph: Graph, messages: Sequence[DueMessage], at: datetime) -> int:
    """Write the messages not yet in the outbox; returns how many this call made."""
    if not messages:
        return 0
    rows = [
        {
            "key": m.key,
            "case_id": m.case_id,
            "recipient_id": m.recipient_id,
            "recipient_role": m.recipient_role.value,
            "report_id": m.report_id,
            "reference": m.reference,
            "channel": m.channel.value,
            "event_kind": m.event_kind.value,
            "event_id": m.event_id,
            "event_at": m.event_at,
            "due_at": m.due_at,
            "deadline_rule": m.deadline_rule,
            "params": orjson.dumps(m.params, option=orjson.OPT_SORT_KEYS).decode(),
        }
        for m in messages
    ]
    run = f"run:{uuid.uuid4()}"
    written = graph.write(load_query("updates/create_messages"), rows=rows, run=run, at=at)
    return int(written[0]["created"]) if written else 0


_VIEWS: dict[OutboxView, tuple[MessageStatus, ...]] = {
    OutboxView.DUE: (MessageStatus.PENDING, MessageStatus.SENDING),
    OutboxView.OVERDUE: (MessageStatus.PENDING, MessageStatus.SENDING, MessageStatus.FAILED),
    OutboxView.FAILED: (MessageStatus.FAILED,),
    OutboxView.SENT: (MessageStatus.SENT,),
    OutboxView.CANCELLED: (MessageStatus.CANCELLED,),
}


def _message(r: Record) -> OutboxMessage:
    language = r["language"]
    return OutboxMessage(
        id=r["id"], key=r["key"], case_id=r["case_id"], reference=r["reference"],
        report_id=r["report_id"], recipient_role=RecipientRole(r["recipient_role"]),
        channel=ChannelKind(r["channel"]), event_kind=EventKind(r["event_kind"]),
        event_id=r["event_id"], event_at=native(r["event_at"]), due_at=native(r["due_at"]),
        deadline_rule=r["deadline_rule"], status=MessageStatus(r["status"]),
        attempts=r["attempts"], last_error=r["last_error"],
        next_attempt_at=native(r["next_attempt_at"]), sent_at=native(r["sent_at"]),
        language=None if language is None else Language(language),
        created_at=native(r["created_at"]),
    )  # fmt: skip


def outbox(
    graph: Graph,
    view: OutboxView,
    now: datetime,
    case_id: str | None = None,
    first: int = 50,
    after: str | None = None,
) -> tuple[list[OutboxMessage], str | None]:
    """A page of the outbox, soonest deadline first, and the ``cursor_key`` of its last message
    (None when there is no more)."""
    rows = outbox_after(graph, view, now, case_id, first + 1, after)
    page = rows[:first]
    return page, page[-1].cursor_key if page and len(rows) > first else None


def outbox_after(
    graph: Graph,
    view: OutboxView,
    now: datetime,
    case_id: str | None,
    limit: int,
    after_key: str | None = None,
) -> list[OutboxMessage]:
    """At most ``limit`` messages of the view, soonest deadline first, after the one whose
    ``cursor_key`` is ``after_key``."""
    after_due, after_message = None, None
    if after_key is not None:
        due_text, _, after_message = after_key.partition("|")
        try:
            after_due = datetime.fromisoformat(due_text)
        except ValueError:
            raise InvalidValue("after", "is not a cursor this query returned") from None
    rows = graph.read(
        load_query("updates/outbox"),
        statuses=[s.value for s in _VIEWS[view]],
        due_before=now if view is OutboxView.OVERDUE else None,
        due_from=now if view is OutboxView.DUE else None,
        case_id=case_id, after_due=after_due, after_key=after_message, limit=limit,
    )  # fmt: skip
    return [_message(r) for r in rows]


def requeue(graph: Graph, message_id: str, by: str, now: datetime) -> None:
    """Send a failed message again (an operator, after checking why it failed)."""
    if not graph.write(load_query("updates/requeue_message"), id=message_id, by=by, at=now):
        raise Conflict(f"{message_id} is not a failed message")


def record_preference(
    graph: Graph, reference: str, language: Language, by: str, now: datetime
) -> str:
    """Record the language the complainant of ``reference`` chose; returns their person id."""
    rows = graph.write(
        load_query("updates/record_preference"),
        reference=reference, id=f"preference:{uuid.uuid4()}", language=language.value, by=by,
        at=now,
    )  # fmt: skip
    if not rows:
        raise NotFound(f"no report with reference {reference!r} has a reporter")
    return str(rows[0]["person_id"])


def record_no_enforcement(
    graph: Graph, case_id: str, reason: str, by: str, now: datetime, note: str | None = None
) -> Reason:
    """Record that no enforcement action is possible on a case, for a reason of the library."""
    chosen = check_reason(reason)
    rows = graph.write(
        load_query("updates/record_no_enforcement"),
        case_id=case_id, id=f"no-enforcement:{uuid.uuid4()}", reason=reason, note=note, by=by,
        at=now,
    )  # fmt: skip
    if not rows:
        raise NotFound(f"case {case_id!r} does not exist")
    return chosen
