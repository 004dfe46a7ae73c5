"""Facts the assessment reads from the graph, end to end: a recorded decision meets the
recording deadline, the victim's own report is their perception of hostility, and the course of
conduct is the occasions suggestedJoins counts (across linked and merged cases), with the
harassment time limit running from its last incident."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from graph.assessment.calendars import end_of_uk_day
from graph.assessment.models import DeadlineStatus
from graph.cases import store as cases_store
from graph.cases.grouping_store import merge_cases, suggested_joins
from graph.db import Graph
from ingest.load import write_reports
from tests.factories import referral
from tests.integration.intake.helpers import query, row

POSTS = [f"https://x.com/jsmith88/status/17965123456789{n:05d}" for n in (101, 202, 303)]
TEXTS = ["go back where you came from", "nobody wants your family here", "leave or else"]


def _report(ref: str, n: int, occurred: str, role: str = "victim") -> dict[str, Any]:
    payload = referral(source_ref=ref)
    payload["incident"]["occurred_at"] = occurred
    payload["reporter"]["role"] = role
    payload["content"][0].update({"url": POSTS[n], "text": TEXTS[n]})
    return payload


def _write(graph: Graph, payload: dict[str, Any], received: datetime) -> str:
    write_reports(graph, [row(payload, received)])
    (found,) = query(
        graph,
        "MATCH (r:Report {source_ref: $ref}) MATCH (k:Case)-[:CONCERNS]->(c:ContentCluster "
        "{id: r.cluster_id}) RETURN k.id AS id",
        ref=payload["source_ref"],
    )
    return str(found["id"])


def _recording(view: cases_store.CaseView) -> DeadlineStatus:
    return next(d.status for d in view.assessment.deadlines if d.name == "crime_recording_decision")


@pytest.mark.parametrize(
    ("received_hours_ago", "before", "after"),
    [
        (2, DeadlineStatus.DUE, DeadlineStatus.MET),
        (30, DeadlineStatus.OVERDUE, DeadlineStatus.MET_LATE),
    ],
)
def test_a_recorded_decision_is_read_back_into_the_recording_deadline(
    reference_graph: Graph,
    received_hours_ago: int,
    before: DeadlineStatus,
    after: DeadlineStatus,
) -> None:
    g = reference_graph
    received = datetime.now(UTC) - timedelta(hours=received_hours_ago)
    case_id = _write(g, _report("TV-1", 0, received.isoformat()), received)
    assert _recording(cases_store.view(g, case_id)) is before
    cases_store.decide(g, case_id, accept=True, by="dc-patel", reason="crime, as recommended")
    assert _recording(cases_store.view(g, case_id)) is after


@pytest.mark.parametrize(("role", "perceived"), [("victim", True), ("witness", False)])
def test_the_victims_own_report_meets_the_perception_test(
    reference_graph: Graph, role: str, perceived: bool
) -> None:
    g = reference_graph
    at = datetime(2026, 3, 5, 9, tzinfo=UTC)
    case_id = _write(g, _report("TV-1", 0, "2026-03-04T20:00:00Z", role), at)
    assessment = cases_store.view(g, case_id, at + timedelta(hours=1)).assessment
    assert assessment.perception_satisfied is perceived


def test_the_course_of_conduct_is_counted_across_linked_and_merged_cases(
    reference_graph: Graph,
) -> None:
    g = reference_graph
    at = datetime(2026, 3, 5, 9, tzinfo=UTC)
    one = _write(g, _report("TV-1", 0, "2026-01-10T20:00:00Z"), at)
    now = at + timedelta(hours=1)
    alone = cases_store.view(g, one, now)
    assert alone.evidence.course is None
    assert "pha1997_s2" not in {c.offence_id for c in alone.assessment.candidates}

    two = _write(g, _report("TV-2", 1, "2026-02-20T20:00:00Z"), at + timedelta(minutes=5))
    three = _write(g, _report("TV-3", 2, "2026-03-04T20:00:00Z"), at + timedelta(minutes=10))
    joins = suggested_joins(g, one)
    linked = cases_store.view(g, one, now)
    course = linked.evidence.course
    assert course is not None
    assert course.occasions == max(s.occasions for s in joins) == 3
    assert course.linked_case_ids == tuple(sorted((two, three)))
    assert (course.first_on, course.last_on) == (date(2026, 1, 10), date(2026, 3, 4))
    assert any(r.startswith("Course of conduct from the graph") for r in linked.assessment.reasons)
    deadline = next(
        d for d in linked.assessment.deadlines
        if d.name == "prosecution_time_limit" and d.offence_id == "pha1997_s2"
    )  # fmt: skip
    assert deadline.due_at == end_of_uk_day(date(2026, 9, 4))  # six months from the last

    merge_cases(g, one, [two, three], "dc-patel", "one course of conduct")
    merged = cases_store.view(g, one, now).evidence.course
    assert merged is not None
    assert merged.occasions == 3
    assert merged.linked_case_ids == ()
