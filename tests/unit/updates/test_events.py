"""The pure rule: a case's timeline facts -> the messages due, each with its deadline."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from graph.assessment.calendars import england_and_wales, working_days_after
from graph.updates import events
from graph.updates.events import ChannelKind, Timeline
from graph.updates.policy import EventKind, RecipientRole, updates_policy

POLICY = updates_policy()
CAL = england_and_wales()
# Friday 27 March 2026, 10:00 UTC; Good Friday is 3 April, Easter Monday 6 April.
FRI = datetime(2026, 3, 27, 10, 0, tzinfo=UTC)


def person(n: int, role: str = "victim", **over: Any) -> events.Recipient:
    values: dict[str, Any] = {
        "person_id": f"r{n}:reporter", "report_id": f"r{n}", "reference": f"OHCH-2026-{n:07d}",
        "received_at": FRI + timedelta(minutes=n), "role": role, "anonymous_report": False,
        "consent": True, "email": f"p{n}@example.org", "phone": None,
    }  # fmt: skip
    return events.Recipient(**(values | over))


def timeline(*recipients: events.Recipient, hate: bool = False, **facts: Any) -> Timeline:
    return Timeline(case_id="case:c1", hate_reported=hate, recipients=recipients, **facts)


def kinds(messages: list[events.DueMessage]) -> list[tuple[str, str]]:
    return sorted((m.recipient_id, m.event_kind.value) for m in messages)


ASSIGNED = events.Assignment(
    id="a1", force_code="E23000005", force_name="Greater Manchester Police",
    at=FRI + timedelta(hours=1),
)  # fmt: skip
OUTCOME = events.Outcome(id="o1", code="18", name="Investigation complete", at=FRI + timedelta(3))


def test_a_consenting_victim_is_told_of_receipt_and_assignment_with_reference_and_force() -> None:
    due = events.messages_due(timeline(person(1), assignments=(ASSIGNED,)), False, POLICY, CAL)
    assert kinds(due) == [("r1:reporter", "assigned"), ("r1:reporter", "received")]
    assigned = next(m for m in due if m.event_kind is EventKind.ASSIGNED)
    assert assigned.params == {
        "reference": "OHCH-2026-0000001",
        "force_name": "Greater Manchester Police",
    }
    assert assigned.channel is ChannelKind.EMAIL


@pytest.mark.parametrize(
    ("who", "why"),
    [
        (person(1, role="anonymous", consent=None), "an anonymous reporter"),
        (person(1, anonymous_report=True), "anyone on an anonymous report"),
        (person(1, consent=False), "no consent"),
        (person(1, consent=None), "consent not given"),
        (person(1, email=None, phone=None), "no address"),
        (person(1, role="named_victim"), "a named victim (policy: nothing by default)"),
    ],
)
def test_nobody_is_told_without_consent_and_contact(who: events.Recipient, why: str) -> None:
    assert events.messages_due(timeline(who, assignments=(ASSIGNED,)), True, POLICY, CAL) == [], why


def test_witnesses_and_third_parties_get_what_the_policy_says() -> None:
    t = timeline(
        person(1, role="witness"), person(2, role="third_party"), person(3, role="organisation"),
        assignments=(ASSIGNED,), outcomes=(OUTCOME,),
        decisions=(events.Decision(id="d1", decided="crime", at=FRI),),
    )  # fmt: skip
    assert kinds(events.messages_due(t, False, POLICY, CAL)) == [
        ("r1:reporter", "closed"), ("r1:reporter", "received"),
        ("r2:reporter", "assigned"), ("r2:reporter", "closed"), ("r2:reporter", "received"),
        ("r3:reporter", "assigned"), ("r3:reporter", "closed"), ("r3:reporter", "received"),
    ]  # fmt: skip


def test_a_phone_only_reporter_gets_text_messages() -> None:
    (due,) = events.messages_due(
        timeline(person(1, email=None, phone="+447700900123")), False, POLICY, CAL
    )
    assert due.channel is ChannelKind.SMS


def test_one_contact_is_told_of_a_case_event_once_quoting_their_first_report() -> None:
    first, again = person(1), person(2, email="p1@example.org")  # same address, later report
    due = events.messages_due(timeline(again, first, assignments=(ASSIGNED,)), False, POLICY, CAL)
    assert kinds(due) == [
        ("r1:reporter", "assigned"), ("r1:reporter", "received"), ("r2:reporter", "received"),
    ]  # fmt: skip
    (assigned,) = [m for m in due if m.event_kind is EventKind.ASSIGNED]
    assert assigned.reference == "OHCH-2026-0000001"


def test_keys_are_stable_and_name_one_contact_and_one_event() -> None:
    t = timeline(person(1), assignments=(ASSIGNED,))
    once = {m.key for m in events.messages_due(t, False, POLICY, CAL)}
    assert once == {m.key for m in events.messages_due(t, True, POLICY, CAL)}
    assert len(once) == 2
    assert all("example.org" not in k for k in once)


def test_news_only_decision_changes_and_force_changes_and_answers() -> None:
    t = timeline(
        person(1),
        decisions=(
            events.Decision(id="d1", decided="crime", at=FRI),
            events.Decision(id="d2", decided="crime", at=FRI + timedelta(1)),
            events.Decision(id="d3", decided="no_further_action", at=FRI + timedelta(2)),
        ),
        assignments=(ASSIGNED, ASSIGNED.model_copy(update={"id": "a2", "at": FRI + timedelta(1)}),
                     events.Assignment(id="a3", force_code="E23000010", force_name="West "
                                       "Yorkshire Police", at=FRI + timedelta(2))),
        referrals=(
            events.Referral(id="x1", platform_name="X", sent_at=FRI, status="removed",
                            answered_at=FRI + timedelta(1)),
            events.Referral(id="x2", platform_name="X", sent_at=FRI, status="refused",
                            answered_at=FRI + timedelta(1)),
            events.Referral(id="x3", platform_name="X", sent_at=FRI, status="acknowledged",
                            answered_at=None),
        ),
        no_enforcement=(events.NoEnforcement(id="n1", reason="suspect_abroad", at=FRI),),
    )  # fmt: skip
    ids = sorted(m.event_id for m in events.messages_due(t, False, POLICY, CAL))
    assert ids == [
        "assessed:d1", "assessed:d3", "assigned:a1", "assigned:a3", "content_removed:x1",
        "no_enforcement:n1", "no_enforcement:x2", "received:r1", "referred:x1", "referred:x2",
        "referred:x3",
    ]  # fmt: skip
    refused = next(
        m for m in events.messages_due(t, False, POLICY, CAL) if m.event_id == "no_enforcement:x2"
    )
    assert refused.params["reason"] == "platform_refused"


def test_deadlines_one_working_day_with_enhanced_rights_else_five() -> None:
    t = timeline(person(1))
    (standard,) = events.messages_due(t, False, POLICY, CAL)
    (enhanced,) = events.messages_due(t, True, POLICY, CAL)
    (hate,) = events.messages_due(timeline(person(1), hate=True), False, POLICY, CAL)
    start = FRI + timedelta(minutes=1)
    # Friday + 1 working day = Monday 30 March; + 5 = Monday 6 April is Easter Monday: Tuesday 7.
    assert enhanced.due_at == working_days_after(start, 1, CAL)
    assert enhanced.due_at.date() == date(2026, 3, 30)
    assert standard.due_at.date() == date(2026, 4, 7)
    assert hate.due_at == enhanced.due_at
    assert "hate crime reported" in hate.deadline_rule
    assert "within 5 working day(s)" in standard.deadline_rule
    strict = POLICY.model_copy(update={"enhanced_when_hate_reported": False})
    (only_assessed,) = events.messages_due(timeline(person(1), hate=True), False, strict, CAL)
    assert only_assessed.due_at == standard.due_at


def test_a_report_joining_later_starts_its_clock_when_it_was_received() -> None:
    late = person(1, received_at=FRI + timedelta(days=3))  # Monday 30 March
    due = events.messages_due(timeline(late, assignments=(ASSIGNED,)), True, POLICY, CAL)
    assigned = next(m for m in due if m.event_kind is EventKind.ASSIGNED)
    assert assigned.event_at == late.received_at
    assert assigned.due_at.date() == date(2026, 3, 31)


def test_events_before_the_policy_starts_make_no_message() -> None:
    old = person(1, received_at=datetime(2025, 12, 31, 12, tzinfo=UTC))
    assert events.messages_due(timeline(old), False, POLICY, CAL) == []


def test_policy_roles_cover_every_reporter_role_but_anonymous() -> None:
    from ingest.contract import ReporterRole

    reporter_roles = {r.value for r in ReporterRole} - {"anonymous"}
    assert reporter_roles <= {r.value for r in RecipientRole}
    assert "anonymous" not in {r.value for r in RecipientRole}


@pytest.mark.parametrize(
    ("outcome", "dated"),
    [
        (OUTCOME.model_copy(update={"on": date(2026, 3, 24)}), "2026-03-24"),  # reached earlier
        (OUTCOME, "2026-03-30"),  # recorded before the date was kept: the UK day it was recorded
        (OUTCOME.model_copy(update={"at": datetime(2026, 6, 1, 23, 30, tzinfo=UTC)}),
         "2026-06-02"),  # 00:30 on 2 June in London (BST)
    ],
)  # fmt: skip
def test_a_closed_message_dates_the_outcome_by_when_it_was_reached(
    outcome: events.Outcome, dated: str
) -> None:
    (closed,) = [
        m for m in events.messages_due(timeline(person(1), outcomes=(outcome,)), False, POLICY, CAL)
        if m.event_kind is EventKind.CLOSED
    ]  # fmt: skip
    assert closed.params["outcome_on"] == dated
    assert closed.event_at == outcome.at  # the complainant's clock starts when it was recorded
