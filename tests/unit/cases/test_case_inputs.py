"""What the graph gives the assessment without an analyst re-typing it: the victim's own
perception, the recorded decision time, the course of conduct and the lead force's law."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from graph.assessment.deadlines import DeadlineStatus
from graph.assessment.engine import assess
from graph.assessment.models import Jurisdiction, PerceivedBy
from graph.assignment.models import AssignmentInput, VictimLocation
from graph.assignment.rules import assign
from graph.cases.course import CourseOfConduct, course_from, largest
from graph.cases.inputs import CaseEvidence, case_facts, evidence_from_record, jurisdiction_of
from graph.cases.suggestions import CaseSuggestion

RECEIVED = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


def evidence(**overrides: Any) -> CaseEvidence:
    data: dict[str, Any] = {
        "case_id": "case:content:1",
        "received_at": RECEIVED,
        "occurred_on": date(2026, 3, 4),
        "strands": ("race",),
        "online": True,
        "victim_postcodes": (),
        "reporter_postcodes": (),
        "chosen_forces": (),
        "analyst_facts": {},
    }
    data.update(overrides)
    return CaseEvidence(**data)


# the victim reported it (with a strand ticked), the analyst's perceived_by -> perceived by
PERCEPTION: list[tuple[bool, list[str], set[PerceivedBy]]] = [
    (True, [], {PerceivedBy.VICTIM}),  # the victim's own report is their perception
    (True, ["officer"], {PerceivedBy.VICTIM, PerceivedBy.OFFICER}),
    (True, ["bystander_no_connection"], {PerceivedBy.VICTIM, PerceivedBy.BYSTANDER_NO_CONNECTION}),
    (False, [], set()),  # a witness's or third party's report: an analyst records who
    (False, ["third_party_organisation"], {PerceivedBy.THIRD_PARTY_ORGANISATION}),
]


@pytest.mark.parametrize(("victim_reported", "recorded", "perceived"), PERCEPTION)
def test_a_victims_own_report_meets_the_perception_test(
    victim_reported: bool, recorded: list[str], perceived: set[PerceivedBy]
) -> None:
    case = evidence(
        victim_reported_hostility=victim_reported, analyst_facts={"perceived_by": recorded}
    )
    facts = case_facts(case)
    assert facts.perceived_by == perceived
    result = assess(facts, RECEIVED + timedelta(hours=1))
    expected = bool(perceived - {PerceivedBy.BYSTANDER_NO_CONNECTION})
    assert result.perception_satisfied is expected


# hours after receipt the decision was recorded (None: not yet), hours after receipt now
# -> the crime-recording deadline's status
DECISIONS: list[tuple[float | None, float, DeadlineStatus]] = [
    (None, 2, DeadlineStatus.DUE),
    (None, 30, DeadlineStatus.OVERDUE),
    (3, 30, DeadlineStatus.MET),  # the decision recorded is read back
    (26, 30, DeadlineStatus.MET_LATE),
]


@pytest.mark.parametrize(("decided_after", "now_after", "status"), DECISIONS)
def test_a_recorded_decision_meets_the_recording_deadline(
    decided_after: float | None, now_after: float, status: DeadlineStatus
) -> None:
    decided = RECEIVED + timedelta(hours=decided_after) if decided_after is not None else None
    facts = case_facts(evidence(recording_decided_at=decided))
    result = assess(facts, RECEIVED + timedelta(hours=now_after))
    deadline = next(d for d in result.deadlines if d.name == "crime_recording_decision")
    assert deadline.status is status


def course(occasions: int, last_on: date | None) -> CourseOfConduct:
    return CourseOfConduct(
        occasions=occasions, platform="x", account="jsmith88",
        content_ids=tuple(f"content:{i}" for i in range(occasions)), linked_case_ids=(),
        first_on=date(2026, 1, 10), last_on=last_on,
    )  # fmt: skip


# the graph's course of conduct, the analyst's number -> occasions, last incident day
COURSES: list[tuple[CourseOfConduct | None, dict[str, Any], int, date]] = [
    (None, {}, 1, date(2026, 3, 4)),  # no course: one occasion, the offence day
    (course(3, date(2026, 3, 4)), {}, 3, date(2026, 3, 4)),
    (course(2, date(2026, 2, 1)), {}, 2, date(2026, 3, 4)),  # never before the offence day
    (course(2, None), {}, 2, date(2026, 3, 4)),
    (course(2, date(2026, 3, 4)), {"occasions_targeting_victim": 5}, 5, date(2026, 3, 4)),
]


@pytest.mark.parametrize(("found", "recorded", "occasions", "last"), COURSES)
def test_the_course_of_conduct_comes_from_the_graph(
    found: CourseOfConduct | None, recorded: dict[str, Any], occasions: int, last: date
) -> None:
    facts = case_facts(evidence(course=found, analyst_facts=recorded))
    assert facts.occasions_targeting_victim == occasions
    assert facts.last_incident == last


def test_two_occasions_from_the_graph_propose_harassment() -> None:
    facts = case_facts(
        evidence(course=course(2, date(2026, 3, 4)), analyst_facts={"grossly_offensive": True})
    )
    result = assess(facts, RECEIVED + timedelta(hours=1))
    s2 = next(c for c in result.candidates if c.offence_id == "pha1997_s2")
    assert s2.recordable


def _suggestion(ids: tuple[str, ...], sid: str) -> CaseSuggestion:
    return CaseSuggestion(
        suggestion_id=sid, platform="x", account="jsmith88", victim_key="v", content_ids=ids,
        first_at=None, last_at=None, reason="", source="",
    )  # fmt: skip


def test_the_largest_group_is_the_course_and_linked_cases_are_named() -> None:
    two = _suggestion(("a", "b"), "cs:2")
    three = _suggestion(("a", "c", "d"), "cs:3")
    assert largest([two, three]) is three
    assert largest([]) is None
    days = {"a": date(2026, 1, 1), "c": date(2026, 2, 1), "d": date(2026, 3, 1)}
    found = course_from(three, {"c": "case:other", "d": "case:other"}, "case:mine", days)
    assert found.occasions == 3
    assert (found.first_on, found.last_on) == (date(2026, 1, 1), date(2026, 3, 1))
    assert found.linked_case_ids == ("case:other",)
    assert "3 occasions" in found.reason
    assert "case:other" in found.reason


# the victim's postcode -> lead force -> jurisdiction of the offence list
JURISDICTIONS: list[tuple[str, Jurisdiction]] = [
    ("WN1 1AA", Jurisdiction.ENGLAND_AND_WALES),  # Greater Manchester
    ("CF10 1AA", Jurisdiction.ENGLAND_AND_WALES),  # South Wales
    ("EH1 1YZ", Jurisdiction.SCOTLAND),
    ("BT1 1AA", Jurisdiction.NORTHERN_IRELAND),
]


@pytest.mark.parametrize(("postcode", "jurisdiction"), JURISDICTIONS)
def test_the_lead_forces_country_decides_the_jurisdiction(
    postcode: str, jurisdiction: Jurisdiction
) -> None:
    found = assign(
        AssignmentInput(victims=(VictimLocation(postcode=postcode),)), on=date(2026, 3, 5)
    )
    assert jurisdiction_of(found) is jurisdiction


def _record(first_occurred: datetime | None) -> dict[str, Any]:
    """A case_inputs record of one report received at 23:58 on 31 May (UK time, BST)."""
    return {
        "id": "case:content:1", "first_received": datetime(2026, 5, 31, 22, 58, tzinfo=UTC),
        "first_occurred": first_occurred, "strands": ["race"], "online": True,
        "victim_postcodes": [], "reporter_postcodes": [], "chosen_forces": [],
        "victim_reported_hostility": False, "recording_decided_at": None,
    }  # fmt: skip


# the report's incident time -> the day the rules count the offence on
OCCURRED: list[tuple[datetime | None, date]] = [
    (None, date(2026, 5, 31)),  # none given: the day it was received
    (datetime(2026, 5, 30, 12, 0, tzinfo=UTC), date(2026, 5, 30)),
    # the sender's clock ran 3 minutes ahead (intake's skew allows 5): past midnight UK time,
    # but never after the hub received it, so the case can still be assessed
    (datetime(2026, 5, 31, 23, 1, tzinfo=UTC), date(2026, 5, 31)),
]


@pytest.mark.parametrize(("occurred", "day"), OCCURRED)
def test_the_offence_day_is_never_after_the_hub_received_the_report(
    occurred: datetime | None, day: date
) -> None:
    found = evidence_from_record(_record(occurred), {})
    assert found.occurred_on == day
    assert case_facts(found).occurred_on == day
