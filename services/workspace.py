"""The staff workspace: the home page's queues of work, with how much in each is past due, and
what the case page shows that no other area reads (the case's timeline, its referrals)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.access import Capability
from graph.assessment.policy import policy_on
from graph.cypher import load_query
from graph.db import Record, native
from graph.removals import store as removals_store
from graph.removals.models import Referral
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "queues": Capability.HUB_CASEWORK,
    "case_timeline": Capability.HUB_CASEWORK,
    "case_referrals": Capability.REFER_CONTENT,
}

TIMELINE_LIMIT = 200  # events of each kind a timeline lists


@dataclass(frozen=True, slots=True)
class Queues:
    to_assess: int
    to_assess_overdue: int  # past the 24-hour crime recording decision
    to_assign: int
    duplicates_to_review: int
    identities_to_review: int
    referrals_to_approve: int
    referrals_overdue: int  # sent to a platform, past their answer's due time
    updates_due: int
    updates_overdue: int  # past the Victims' Code deadline
    updates_failed: int


@use_case
def queues(caller: Caller, now: datetime) -> Queues:
    hours = policy_on(now.date()).crime_recording_hours
    rows = caller.graph.read(
        load_query("workspace/queue_counts"),
        now=now,
        recording_due_before=now - timedelta(hours=hours),
        viewer_sees_all=caller.viewer.sees_all_forces,
    )
    return Queues(**rows[0])


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One thing that happened to a case: when, what kind, by whom, and why if it was said."""

    at: datetime | None
    kind: str  # report, facts, decision, assignment, change, referral, update, outcome
    by: str | None
    what: str
    reason: str | None


def _event(r: Record) -> TimelineEvent:
    return TimelineEvent(native(r["at"]), r["kind"], r["by"], r["what"], r["reason"])


@use_case
def case_timeline(caller: Caller, case_id: str) -> list[TimelineEvent]:
    """What happened to the case, oldest first (at most ``TIMELINE_LIMIT`` events a kind)."""
    rows = caller.graph.read(
        load_query("workspace/case_timeline"),
        case_id=case_id,
        limit=TIMELINE_LIMIT,
        viewer_sees_all=caller.viewer.sees_all_forces,
    )
    return [_event(r) for r in rows]


@use_case
def case_referrals(caller: Caller, case_id: str) -> list[Referral]:
    """The removal referrals made of the case's content, oldest first, with their steps."""
    rows = caller.graph.read(
        load_query("workspace/case_referrals"),
        case_id=case_id,
        viewer_sees_all=caller.viewer.sees_all_forces,
    )
    return removals_store.many(caller.graph, [r["id"] for r in rows])
