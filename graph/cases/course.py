"""Course of conduct, worked out from the graph (PHA 1997 s7(3): conduct on at least two
occasions, the offence table's ``[course_of_conduct] min_occasions``, the one threshold the
suggestions and the assessment read), so the harassment offences see it without an analyst
typing a number.

The occasions are the ones ``case.suggestedJoins`` counts: content items in which one account
(compared by handle skeleton, on one platform) targeted one victim, over the case's own content
(a merged case's included) and the content of other open cases found under the same account's
blocking keys (linked, not yet merged). The largest such group touching the case is its course
of conduct; its incidents' days give the first and last incident (time limits of a course of
conduct run from the last, ``graph/assessment/deadlines.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from neo4j import ManagedTransaction

from graph.assessment.calendars import uk_date
from graph.cases.grouping_store import Occasions
from graph.cases.suggestions import CaseSuggestion
from graph.cypher import load_query
from graph.db import native, run


@dataclass(frozen=True, slots=True)
class CourseOfConduct:
    occasions: int
    platform: str
    account: str
    content_ids: tuple[str, ...]
    linked_case_ids: tuple[str, ...]  # other open cases holding some of the occasions
    first_on: date | None
    last_on: date | None

    @property
    def reason(self) -> str:
        where = (
            " (with linked cases " + ", ".join(self.linked_case_ids) + ")"
            if self.linked_case_ids
            else ""
        )
        span = f", {self.first_on} to {self.last_on}" if self.first_on and self.last_on else ""
        return (
            f"Course of conduct from the graph: account {self.account!r} on {self.platform} "
            f"targeted the same victim on {self.occasions} occasions{span}{where}."
        )


def largest(groups: Iterable[CaseSuggestion]) -> CaseSuggestion | None:
    """The group with the most occasions (ties: the first by suggestion id)."""
    return min(groups, key=lambda g: (-g.occasions, g.suggestion_id), default=None)


def course_from(
    group: CaseSuggestion,
    cases_of: Mapping[str, str],
    case_id: str,
    incident_days: Mapping[str, date],
) -> CourseOfConduct:
    days = sorted(incident_days[c] for c in group.content_ids if c in incident_days)
    linked = sorted({cases_of[c] for c in group.content_ids if cases_of.get(c, case_id) != case_id})
    return CourseOfConduct(
        occasions=group.occasions,
        platform=group.platform,
        account=group.account,
        content_ids=group.content_ids,
        linked_case_ids=tuple(linked),
        first_on=days[0] if days else None,
        last_on=days[-1] if days else None,
    )


def course_in(tx: ManagedTransaction, case_id: str, around: Occasions) -> CourseOfConduct | None:
    """The case's course of conduct from the occasions around it (``occasions_around``), or
    ``None`` when no account targeted one victim on the occasions a course needs."""
    group = largest(around.groups)
    if group is None:
        return None
    rows = run(tx, load_query("cases/content_incidents"), ids=list(group.content_ids))
    days = {r["id"]: uk_date(native(r["at"])) for r in rows if r["at"] is not None}
    return course_from(group, around.cases_of, case_id, days)
