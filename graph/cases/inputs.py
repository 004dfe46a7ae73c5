"""Turn what the graph knows about a case, plus what an analyst established, into the inputs of
the pure rules (:func:`graph.assessment.engine.assess`, :func:`graph.assignment.rules.assign`).

The graph gives the dates, strands, online flag, victims' and reporters' postcodes and any force
the reporter chose, whether a victim reported it with a strand ticked (their own perception of
hostility), the course of conduct (``course.py``: occasions and the last incident) and when the
recording decision was made. The analyst's facts (``recordCaseFacts``) give the rest: what the
message says (a threat, its kind), who else perceived hostility, suspects' locations, and
victims' locations learnt after intake (added to the reports' victims for assignment). Analyst
values win, except that a victim's own report stays a perception of hostility and a recorded
decision is when the recording decision was made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from graph.assessment.calendars import uk_date
from graph.assessment.models import CaseFacts, Jurisdiction, PerceivedBy
from graph.assignment.models import (
    AssignmentInput,
    ForceAssignment,
    SuspectLocation,
    VictimLocation,
)
from graph.cases.course import CourseOfConduct
from graph.db import native
from graph.errors import InvalidInput, InvalidValue, NotFound, Problem
from graph.reference.forces import Country, forces_by_code
from graph.validation import problems_of
from graph.values.postcode import Postcode

ASSESSMENT_FIELDS = frozenset(CaseFacts.model_fields)
ANALYST_ONLY = frozenset({"suspects", "victims"})


@dataclass(frozen=True, slots=True)
class CaseEvidence:
    """The case as the graph records it."""

    case_id: str
    received_at: datetime  # the first report's receipt
    occurred_on: date  # the earliest incident, a report giving none counting at its receipt
    strands: tuple[str, ...]
    online: bool
    victim_postcodes: tuple[str, ...]
    reporter_postcodes: tuple[str, ...]
    chosen_forces: tuple[str, ...]
    analyst_facts: dict[str, Any]
    victim_reported_hostility: bool = False
    recording_decided_at: datetime | None = None
    course: CourseOfConduct | None = None


def evidence_from_record(
    record: dict[str, Any], analyst_facts: dict[str, Any], course: CourseOfConduct | None = None
) -> CaseEvidence:
    first = native(record["first_received"])
    if first is None:
        raise NotFound(f"case {record['id']} has no reports")
    occurred = native(record["first_occurred"])
    # A sender's clock may run ahead of ours (intake allows limits.CLOCK_SKEW_SECONDS), so an
    # incident "just now" can carry a time after the hub's receipt, and past midnight a day
    # after it; the incident cannot have happened after the hub received the report.
    occurred_on = uk_date(min(occurred, first) if occurred is not None else first)
    return CaseEvidence(
        case_id=record["id"],
        received_at=first,
        occurred_on=occurred_on,
        strands=tuple(record["strands"]),  # OTHER too: the assessment reads the monitored ones
        online=bool(record["online"]),
        victim_postcodes=tuple(p for p in record["victim_postcodes"] if p),
        reporter_postcodes=tuple(p for p in record["reporter_postcodes"] if p),
        chosen_forces=tuple(f for f in record["chosen_forces"] if f),
        analyst_facts=analyst_facts,
        victim_reported_hostility=bool(record.get("victim_reported_hostility")),
        recording_decided_at=native(record.get("recording_decided_at")),
        course=course,
    )


def check_analyst_facts(facts: object) -> dict[str, Any]:
    """Validate an analyst's facts (unknown fields refused) without the graph's part."""
    if not isinstance(facts, dict):
        raise InvalidInput([Problem("facts", "must be a JSON object")])
    unknown = sorted(set(facts) - ASSESSMENT_FIELDS - ANALYST_ONLY)
    if unknown:
        raise InvalidInput([Problem(f"facts.{u}", "is not a case fact") for u in unknown])
    problems: list[Problem] = []
    for index, suspect in enumerate(facts.get("suspects", [])):
        try:
            SuspectLocation.model_validate(suspect)
        except ValidationError as error:
            problems.extend(problems_of(error, f"facts.suspects[{index}]"))
    for index, victim in enumerate(facts.get("victims", [])):
        problems.extend(_victim_problems(victim, f"facts.victims[{index}]"))
    if problems:
        raise InvalidInput(problems)
    return facts


def _victim_problems(victim: object, where: str) -> list[Problem]:
    """A victim location an analyst added after intake: a postcode that cleans, or a force the
    hub knows (assignment would otherwise fail later, far from the mistake)."""
    try:
        location = VictimLocation.model_validate(victim)
    except ValidationError as error:
        return problems_of(error, where)
    problems = []
    if location.postcode:
        try:
            Postcode.clean(location.postcode)
        except InvalidValue as error:
            problems.append(Problem(f"{where}.postcode", error.reason))
    if location.force_code and location.force_code not in forces_by_code():
        problems.append(Problem(f"{where}.force_code", "is not a force the hub knows"))
    return problems


def _from_graph(evidence: CaseEvidence) -> dict[str, Any]:
    base: dict[str, Any] = {
        "occurred_on": evidence.occurred_on,
        "received_at": evidence.received_at,
        "strands": list(evidence.strands),
        "online": evidence.online,
    }
    course = evidence.course
    if course is not None:
        base["occasions_targeting_victim"] = course.occasions
        if course.last_on is not None:
            base["last_incident_on"] = max(course.last_on, evidence.occurred_on)
    return base


def case_facts(evidence: CaseEvidence) -> CaseFacts:
    given = {k: v for k, v in evidence.analyst_facts.items() if k in ASSESSMENT_FIELDS}
    merged = {**_from_graph(evidence), **given}
    if evidence.victim_reported_hostility:
        merged["perceived_by"] = sorted({*merged.get("perceived_by", ()), PerceivedBy.VICTIM})
    if evidence.recording_decided_at is not None:
        merged["crime_recording_decided_at"] = evidence.recording_decided_at
    try:
        return CaseFacts.model_validate(merged)
    except ValidationError as error:
        raise InvalidInput(problems_of(error, "facts")) from None


def assignment_input(evidence: CaseEvidence, facts: CaseFacts) -> AssignmentInput:
    suspects = tuple(
        SuspectLocation.model_validate(s) for s in evidence.analyst_facts.get("suspects", [])
    )
    return AssignmentInput(
        reporter_chosen_force=evidence.chosen_forces[0] if evidence.chosen_forces else None,
        victims=(
            *(
                VictimLocation(postcode=p, label=f"victim {i + 1}")
                for i, p in enumerate(evidence.victim_postcodes)
            ),
            *(
                VictimLocation.model_validate(
                    {**v, "label": v.get("label") or f"victim located by an analyst {i + 1}"}
                )
                for i, v in enumerate(evidence.analyst_facts.get("victims", []))
            ),
        ),
        suspects=suspects,
        reporter_postcode=evidence.reporter_postcodes[0] if evidence.reporter_postcodes else None,
        victim_is_public_figure_or_group=facts.victim_is_public_figure_or_group,
    )


_JURISDICTION = {
    Country.SCOTLAND: Jurisdiction.SCOTLAND,
    Country.NORTHERN_IRELAND: Jurisdiction.NORTHERN_IRELAND,
}


def jurisdiction_of(assignment: ForceAssignment) -> Jurisdiction:
    """The law the lead force applies: Scotland's, Northern Ireland's, else England and Wales'."""
    lead = forces_by_code().get(assignment.lead_force_code or "")
    return (
        _JURISDICTION.get(lead.country, Jurisdiction.ENGLAND_AND_WALES)
        if lead
        else (Jurisdiction.ENGLAND_AND_WALES)
    )
