"""Which messages a case's timeline makes due: a pure function, so the outbox is idempotent.

A case's timeline facts (read from the graph by ``store.py``) become events, each with an id
that names what happened once (``assigned:<assignment id>``, ``received:<report id>``, ...).
Each event is offered to every recipient the policy tells of it, and each (contact, event) is
one message whose key is a hash of the two: writing the outbox is a ``MERGE`` on that key, so a
second run, or a run after cases merge, makes no second message.

Rules, stated so a reviewer can check them:

* Only reporters and named victims who consented to contact, with an address for a channel
  (email first, else phone), are recipients; an anonymous report's people never are.
* One contact (one address) is told of a case event once, however many of its reports are in
  the case; the message quotes the reference of its first report. ``received`` is per report.
* A recipient whose report joined the case after an event is told of it from when their
  report was received: the deadline runs from the later of the two.
* A decision is news when it differs from the one before; an assignment when the force changes.
* Deadlines: ``working_days`` (5) working days after the event, ``working_days_enhanced`` (1)
  with Enhanced Rights, on the policy's calendar, due at the end of the UK day.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from graph.assessment.calendars import WorkingDays, uk_date, working_days_after
from graph.assessment.models import UtcDatetime
from graph.updates.policy import EventKind, RecipientRole, UpdatesPolicy

ANONYMOUS = "anonymous"


class ChannelKind(enum.StrEnum):
    EMAIL = "email"
    SMS = "sms"  # GOV.UK Notify's text messages: no channel is configured for it yet


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Recipient(_Frozen):
    """A person on one of the case's reports who may be told: its reporter (``role`` is the
    role they reported in) or a victim it names (``named_victim``)."""

    person_id: str
    report_id: str
    reference: str
    received_at: UtcDatetime
    role: str
    anonymous_report: bool
    consent: bool | None
    email: str | None
    phone: str | None


class Decision(_Frozen):
    id: str
    decided: str  # a Recommendation value
    at: UtcDatetime


class Assignment(_Frozen):
    id: str
    force_code: str | None
    force_name: str | None
    at: UtcDatetime


class Referral(_Frozen):
    id: str
    platform_name: str
    sent_at: UtcDatetime
    status: str  # graph.removals.lifecycle.Status value
    answered_at: UtcDatetime | None


class NoEnforcement(_Frozen):
    id: str
    reason: str  # a code of the reviewed reason library (templates.py)
    at: UtcDatetime


class Outcome(_Frozen):
    id: str
    code: str
    name: str
    at: UtcDatetime  # when the force recorded it: the complainant's clock starts then
    on: date | None = None  # the date the outcome was reached (None: recorded before it was kept)

    @property
    def reached_on(self) -> date:
        """The date the outcome was reached; an outcome recorded before that date was kept is
        dated by the day it was recorded, in UK time."""
        return self.on or uk_date(self.at)


class Timeline(_Frozen):
    case_id: str
    hate_reported: bool  # a report ticked a monitored strand (not only "other")
    recipients: tuple[Recipient, ...] = ()
    decisions: tuple[Decision, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    referrals: tuple[Referral, ...] = ()
    no_enforcement: tuple[NoEnforcement, ...] = ()
    outcomes: tuple[Outcome, ...] = ()


class Event(_Frozen):
    kind: EventKind
    id: str
    at: UtcDatetime
    params: dict[str, str]
    report_id: str | None = None  # an event about one report only (received)


class Planned(_Frozen):
    """A message the timeline calls for, before its deadline is worked out."""

    key: str
    recipient: Recipient
    recipient_role: RecipientRole
    channel: ChannelKind
    event: Event
    starts_at: UtcDatetime  # the later of the event and the recipient's report

    @property
    def params(self) -> dict[str, str]:
        return {"reference": self.recipient.reference, **self.event.params}


class Enhanced(_Frozen):
    enhanced: bool
    why: str


class DueMessage(_Frozen):
    key: str
    case_id: str
    recipient_id: str
    recipient_role: RecipientRole
    report_id: str
    reference: str
    channel: ChannelKind
    event_kind: EventKind
    event_id: str
    event_at: UtcDatetime
    due_at: UtcDatetime
    deadline_rule: str
    params: dict[str, str]


def _changes(items: Iterable[tuple[str, str | None, datetime]]) -> list[tuple[str, str]]:
    """(id, value) of the items whose value differs from the one before, oldest first."""
    changed, previous = [], None
    for item_id, value, _at in sorted(items, key=lambda i: (i[2], i[0])):
        if value is not None and value != previous:
            changed.append((item_id, value))
        previous = value if value is not None else previous
    return changed


def case_events(timeline: Timeline) -> list[Event]:
    """The case's events, with the parameters their messages need (received ones included)."""
    events = [
        Event(
            kind=EventKind.RECEIVED,
            id=f"received:{r.report_id}",
            at=r.received_at,
            params={},
            report_id=r.report_id,
        )
        for r in {r.report_id: r for r in timeline.recipients}.values()
    ]
    decisions = {d.id: d for d in timeline.decisions}
    for decision_id, decided in _changes((d.id, d.decided, d.at) for d in timeline.decisions):
        events.append(
            Event(
                kind=EventKind.ASSESSED,
                id=f"assessed:{decision_id}",
                at=decisions[decision_id].at,
                params={"decision": decided},
            )
        )
    assignments = {a.id: a for a in timeline.assignments}
    for assignment_id, code in _changes((a.id, a.force_code, a.at) for a in timeline.assignments):
        a = assignments[assignment_id]
        events.append(
            Event(
                kind=EventKind.ASSIGNED,
                id=f"assigned:{assignment_id}",
                at=a.at,
                params={"force_name": a.force_name or code},
            )
        )
    for ref in timeline.referrals:
        platform = {"platform_name": ref.platform_name}
        events.append(
            Event(kind=EventKind.REFERRED, id=f"referred:{ref.id}", at=ref.sent_at, params=platform)
        )
        if ref.answered_at is None:
            continue
        answer = _ANSWERS.get(ref.status)
        if answer is EventKind.NO_ENFORCEMENT:
            events.append(
                Event(
                    kind=answer,
                    id=f"no_enforcement:{ref.id}",
                    at=ref.answered_at,
                    params={**platform, "reason": "platform_refused"},
                )
            )
        elif answer is not None:
            events.append(
                Event(
                    kind=answer, id=f"{answer.value}:{ref.id}", at=ref.answered_at, params=platform
                )
            )
    for n in timeline.no_enforcement:
        events.append(
            Event(
                kind=EventKind.NO_ENFORCEMENT,
                id=f"no_enforcement:{n.id}",
                at=n.at,
                params={"reason": n.reason},
            )
        )
    for o in timeline.outcomes:
        events.append(
            Event(
                kind=EventKind.CLOSED,
                id=f"closed:{o.id}",
                at=o.at,
                params={
                    "outcome_code": o.code,
                    "outcome_name": o.name,
                    "outcome_on": o.reached_on.isoformat(),
                },
            )
        )
    return sorted(events, key=lambda e: (e.at, e.id))


_ANSWERS = {
    "removed": EventKind.CONTENT_REMOVED,
    "restricted": EventKind.CONTENT_RESTRICTED,
    "refused": EventKind.NO_ENFORCEMENT,
}


def recipient_role(recipient: Recipient) -> RecipientRole | None:
    """The recipient's role for the policy, or None when they may never be told anything."""
    if recipient.anonymous_report or recipient.role == ANONYMOUS:
        return None
    try:
        return RecipientRole(recipient.role)
    except ValueError:
        return None


def channel_of(recipient: Recipient) -> tuple[ChannelKind, str] | None:
    """Their channel and address: email when they gave one, else a phone (text message)."""
    if recipient.email:
        return ChannelKind.EMAIL, recipient.email
    if recipient.phone:
        return ChannelKind.SMS, recipient.phone
    return None


def message_key(channel: ChannelKind, address: str, event_id: str) -> str:
    """The outbox key of one (contact, event): the address stays out of ids and logs."""
    return hashlib.sha256(f"{channel.value}:{address}|{event_id}".encode()).hexdigest()[:32]


def planned(timeline: Timeline, policy: UpdatesPolicy) -> list[Planned]:
    """Every message the timeline calls for, one per (contact, event)."""
    contactable = []
    for r in sorted(timeline.recipients, key=lambda r: (r.received_at, r.report_id, r.person_id)):
        role, reachable = recipient_role(r), channel_of(r)
        if role is not None and reachable is not None and r.consent is True:
            contactable.append((r, role, reachable))
    found: dict[str, Planned] = {}
    for event in case_events(timeline):
        if uk_date(event.at) < policy.events_from:
            continue
        for r, role, (channel, address) in contactable:
            if event.report_id not in (None, r.report_id) or not policy.tells(role, event.kind):
                continue
            key = message_key(channel, address, event.id)
            if key not in found:  # the contact's first report speaks for them
                found[key] = Planned(
                    key=key,
                    recipient=r,
                    recipient_role=role,
                    channel=channel,
                    event=event,
                    starts_at=max(event.at, r.received_at),
                )
    return list(found.values())


def enhanced_rights(assessed: bool, hate_reported: bool, policy: UpdatesPolicy) -> Enhanced:
    """Whether the 1-day clock applies, and why."""
    if assessed:
        return Enhanced(enhanced=True, why="Enhanced Rights (the case's assessment)")
    if hate_reported and policy.enhanced_when_hate_reported:
        return Enhanced(enhanced=True, why="Enhanced Rights (hate crime reported; updates policy)")
    return Enhanced(enhanced=False, why="standard")


def due(
    case_id: str,
    plans: Sequence[Planned],
    enhanced: Enhanced,
    policy: UpdatesPolicy,
    calendar: WorkingDays,
) -> list[DueMessage]:
    """The planned messages with their deadlines."""
    days = policy.working_days_enhanced if enhanced.enhanced else policy.working_days
    rule = f"Victims' Code Right 6: within {days} working day(s), {enhanced.why}"
    return [
        DueMessage(
            key=p.key,
            case_id=case_id,
            recipient_id=p.recipient.person_id,
            recipient_role=p.recipient_role,
            report_id=p.recipient.report_id,
            reference=p.recipient.reference,
            channel=p.channel,
            event_kind=p.event.kind,
            event_id=p.event.id,
            event_at=p.starts_at,
            due_at=working_days_after(p.starts_at, days, calendar),
            deadline_rule=rule,
            params=p.params,
        )
        for p in plans
    ]


def messages_due(
    timeline: Timeline, assessed_enhanced: bool, policy: UpdatesPolicy, calendar: WorkingDays
) -> list[DueMessage]:
    """The whole rule: a case's timeline facts -> the messages due, each with its deadline."""
    enhanced = enhanced_rights(assessed_enhanced, timeline.hate_reported, policy)
    return due(timeline.case_id, planned(timeline, policy), enhanced, policy, calendar)
