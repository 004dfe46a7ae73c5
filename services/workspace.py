"""The staff workspace's home: the queues of work, with how much in each is past due."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.access import Capability
from graph.assessment.policy import policy_on
from graph.cypher import load_query
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "queues": Capability.HUB_CASEWORK,
}


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
