"""Find the messages due: read every contactable case's timeline, work out its messages
(``events.messages_due``), and put the new ones in the outbox. Safe to repeat: a message
already there is left as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from graph.assessment.calendars import WorkingDays, calendar_for
from graph.db import Graph
from graph.updates import events, store
from graph.updates.policy import UpdatesPolicy, updates_policy

BATCH = 200  # cases read in one query


@dataclass(frozen=True, slots=True)
class Found:
    cases: int  # cases with someone who may be told
    new: int  # messages this run put in the outbox


def find_due(
    graph: Graph,
    now: datetime,
    policy: UpdatesPolicy | None = None,
    calendar: WorkingDays | None = None,
) -> Found:
    policy = policy or updates_policy()
    calendar = calendar or calendar_for(policy.calendar)
    case_ids = store.contactable_cases(graph)
    created = 0
    for start in range(0, len(case_ids), BATCH):
        for timeline in store.timelines(graph, case_ids[start : start + BATCH]):
            plans = events.planned(timeline, policy)
            known = store.existing_keys(graph, [p.key for p in plans])
            new = [p for p in plans if p.key not in known]
            if not new:
                continue  # the assessment is worked out only for cases with something new
            assessed = store.assessed_enhanced(graph, timeline.case_id, now)
            enhanced = events.enhanced_rights(assessed, timeline.hate_reported, policy)
            due = events.due(timeline.case_id, new, enhanced, policy, calendar)
            created += store.create_messages(graph, due, now)
    return Found(cases=len(case_ids), new=created)
