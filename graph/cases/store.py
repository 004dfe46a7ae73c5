"""Case work against the graph: facts, the live assessment and assignment, decisions, history,
and the reads that list cases (by id, awaiting a decision)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from neo4j import ManagedTransaction

from graph.assessment.engine import assess
from graph.assessment.models import Assessment, Recommendation
from graph.assignment.models import ForceAssignment
from graph.assignment.rules import assign
from graph.cases.course import course_in
from graph.cases.grouping_store import Occasions, joins_from, occasions_around
from graph.cases.inputs import (
    CaseEvidence,
    assignment_input,
    case_facts,
    check_analyst_facts,
    evidence_from_record,
    jurisdiction_of,
)
from graph.cases.models import CaseStatus, CaseSummary, JoinSuggestion
from graph.cypher import load_query
from graph.db import Graph, run
from graph.errors import Conflict, InvalidValue, NotFound
from graph.reference.forces import forces_by_code
from graph.viewer import Viewer


def cases_by_ids(graph: Graph, ids: list[str], viewer: Viewer) -> dict[str, CaseSummary]:
    """The cases asked for that exist and the viewer may see (hub staff: every one)."""
    rows = graph.read(load_query("content/cases_by_ids"), ids=ids, **_hub_scope(viewer))
    return {
        r["id"]: CaseSummary(r["id"], CaseStatus(r["status"]), tuple(r["content_ids"]))
        for r in rows
    }


def awaiting_decision(graph: Graph, limit: int) -> list[str]:
    """Open cases with no recording decision yet, oldest first report first (at most ``limit``)."""
    return [r["id"] for r in graph.read(load_query("cases/assessment_queue"), limit=limit)]


def assigned_force(graph: Graph, case_id: str) -> str | None:
    """The force the case is assigned to now, if any."""
    rows = graph.read(load_query("cases/case_forces"), case_id=case_id)
    return next((r["code"] for r in rows if r["how"] == "ASSIGNED_TO"), None)


def _hub_scope(viewer: Viewer) -> dict[str, bool]:
    return {"viewer_sees_all": viewer.sees_all_forces}


@dataclass(frozen=True, slots=True)
class CaseView:
    evidence: CaseEvidence
    assessment: Assessment
    assignment: ForceAssignment
    joins: tuple[JoinSuggestion, ...] = ()  # read with the course of conduct, from one count


def _evidence_in(tx: ManagedTransaction, case_id: str) -> tuple[CaseEvidence, Occasions]:
    rows = run(tx, load_query("cases/case_inputs"), case_id=case_id)
    if not rows:
        raise NotFound(f"case {case_id!r} does not exist")
    record = rows[0]
    facts = json.loads(record["analyst_facts"]) if record["analyst_facts"] else {}
    around = occasions_around(tx, case_id)
    return evidence_from_record(record, facts, course_in(tx, case_id, around)), around


def load_evidence(graph: Graph, case_id: str) -> CaseEvidence:
    return graph.read_tx(lambda tx: _evidence_in(tx, case_id))[0]


def view(graph: Graph, case_id: str, now: datetime | None = None) -> CaseView:
    """The recommendation and the assignment the rules give now, with their reasons, and the
    join suggestions the same occasions make (one transaction)."""
    now = now or datetime.now(UTC)
    evidence, around = graph.read_tx(lambda tx: _evidence_in(tx, case_id))
    facts = case_facts(evidence)
    assignment = assign(assignment_input(evidence, facts), on=now.date())
    assessment = assess(facts, now, jurisdiction=jurisdiction_of(assignment))
    if evidence.course is not None:
        reasons = (*assessment.reasons, evidence.course.reason)
        assessment = assessment.model_copy(update={"reasons": reasons})
    joins = tuple(joins_from(around, case_id))
    return CaseView(evidence=evidence, assessment=assessment, assignment=assignment, joins=joins)


def record_facts(graph: Graph, case_id: str, facts: object, by: str) -> CaseView:
    checked = check_analyst_facts(facts)
    current = load_evidence(graph, case_id)
    merged = {**current.analyst_facts, **checked}
    case_facts(replace(current, analyst_facts=merged))  # refuse inconsistent facts first
    graph.write(
        load_query("cases/record_facts"),
        case_id=case_id,
        id=f"facts:{uuid.uuid4()}",
        facts=json.dumps(merged, sort_keys=True, default=str),
        by=by,
        at=datetime.now(UTC),
    )
    return view(graph, case_id)


def decide(
    graph: Graph, case_id: str, accept: bool, by: str, reason: str, decided: str | None = None
) -> Assessment:
    """Accept the recommendation, or override it with ``decided`` and a reason."""
    if not reason.strip():
        raise InvalidValue("reason", "is required: say why, for the record")
    current = view(graph, case_id).assessment
    outcome = current.recommendation.value
    if not accept:
        if decided is None:
            raise InvalidValue("recommendation", "is required to override")
        try:
            outcome = Recommendation(decided).value
        except ValueError:
            known = ", ".join(r.value for r in Recommendation)
            raise InvalidValue("recommendation", f"must be one of {known}") from None
        if outcome == current.recommendation.value:
            raise Conflict("that is what the rules recommend: accept it instead")
    graph.write(
        load_query("cases/record_decision"),
        case_id=case_id,
        id=f"decision:{uuid.uuid4()}",
        recommended=current.recommendation.value,
        decided=outcome,
        accepted=accept,
        reason=reason,
        by=by,
        at=datetime.now(UTC),
    )
    return current


def assign_case(
    graph: Graph, case_id: str, by: str, to_force: str | None = None, reason: str = ""
) -> ForceAssignment:
    """Record the rules' assignment, or (with ``to_force``) a reassignment with a reason."""
    proposal = view(graph, case_id).assignment
    lead = proposal.lead_force_code
    rule = proposal.rule.value
    reasons = list(proposal.reasons)
    notified = [
        {"force_code": n.force_code, "role": n.role.value, "reason": n.reason}
        for n in proposal.notified
    ]
    if to_force is not None:
        if not reason.strip():
            raise InvalidValue("reason", "is required to reassign")
        if to_force not in forces_by_code():
            raise InvalidValue("to_force", f"{to_force!r} is not a known force code")
        lead, rule, reasons = to_force, "manual_reassignment", [reason]
        notified = []
    graph.write(
        load_query("cases/record_assignment"),
        case_id=case_id,
        id=f"assignment:{uuid.uuid4()}",
        lead=lead,
        notified=notified,
        rule=rule,
        reasons=reasons,
        reason=reason or "assigned by the rules",
        by=by,
        at=datetime.now(UTC),
    )
    return proposal


def history(graph: Graph, case_id: str) -> list[dict[str, Any]]:
    return graph.read(load_query("cases/assignment_history"), case_id=case_id)
