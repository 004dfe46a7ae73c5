"""The audit trail as supervisors read it: who looked at this victim, what did this user see.

The trail is the append-only log on disk (``graph/audit/log.py``), not the graph: the use case
takes the log it reads. Reading it is itself a consultation of personal data, which the
interface logs like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from graph.access import Capability
from graph.audit.log import AuditLog
from graph.audit.records import AuditRecord, Operation
from graph.errors import InvalidInput, Problem
from services.paging import Page, PageRequest, keyed_page
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "audit_trail": Capability.READ_AUDIT,
}


@dataclass(frozen=True, slots=True)
class TrailQuery:
    """What to look for: records of an entity, or of an actor (at least one), in a period
    (``since`` inclusive, ``until`` exclusive), of one operation."""

    entity_id: str | None = None
    actor: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    operation: Operation | None = None

    def problems(self) -> list[Problem]:
        found = []
        if self.entity_id is None and self.actor is None:
            found.append(
                Problem("entityId", "name a record (entityId) or a user (actor) to look for")
            )
        for name, moment in (("since", self.since), ("until", self.until)):
            if moment is not None and moment.tzinfo is None:
                found.append(Problem(name, "must carry a time zone (e.g. Z)"))
        return found


@use_case
def audit_trail(
    caller: Caller, log: AuditLog, query: TrailQuery, request: PageRequest
) -> Page[AuditRecord]:
    """Records matching every filter given, oldest first, a page at a time."""
    problems = query.problems()
    if problems:
        raise InvalidInput(problems)
    records = log.search(
        entity_id=query.entity_id,
        actor=query.actor,
        since=query.since,
        until=query.until,
        operation=query.operation,
        limit=request.first + 1,
        after_seq=_after_seq(request),
    )
    return keyed_page(records, request, key=lambda record: str(record.seq))


def _after_seq(request: PageRequest) -> int:
    key = request.after_key
    if key is None:
        return 0
    if not key.isdigit():
        raise InvalidInput([Problem("after", "not a cursor of this list")])
    return int(key)
