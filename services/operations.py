"""What the people who keep the hub running read: the state /metrics reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.access import Capability
from graph.assessment.policy import policy_on
from graph.cypher import load_query
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    # Counts only, nothing about anyone: /metrics guards them with its own token.
    "hub_state": Capability.REFERENCE_DATA,
}


@dataclass(frozen=True, slots=True)
class HubState:
    review_pending: int
    decisions_overdue: int


@use_case
def hub_state(caller: Caller, now: datetime) -> HubState:
    hours = policy_on(now.date()).crime_recording_hours
    rows = caller.graph.read(
        load_query("operations/hub_state"), overdue_before=now - timedelta(hours=hours)
    )
    return HubState(rows[0]["review_pending"], rows[0]["decisions_overdue"])
