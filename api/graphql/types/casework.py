"""A case's assessment (crime / NCHI / NFA, offences, deadlines) and force assignment, each with
its reasons; the analyst's facts, decisions and (re)assignments as mutations."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from api.graphql.context import Context, read
from api.graphql.permissions import require_hub_staff
from api.graphql.types.common import (
    EXPECTED,
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    failure,
)
from api.graphql.types.force import Force
from api.graphql.types.force_view import CaseLinkReason, require_case_viewer
from graph.assessment.models import Assessment as AssessmentModel
from graph.assignment.models import ForceAssignment
from graph.cases import force_view as force_view_model
from graph.cases import repository

Info = strawberry.Info[Context, None]


@strawberry.type
class OffencePoint:
    id: str
    text: str
    kind: str
    status: str


@strawberry.type(description="An offence that may apply, with its points to prove.")
class CandidateOffence:
    offence_id: str
    title: str
    citation: str
    recordable: bool
    aggravated_form: bool
    attorney_general_consent: bool
    points: list[OffencePoint]


@strawberry.type(description="A computed deadline and whether it is due, overdue or met.")
class CaseDeadline:
    name: str
    rule: str
    offence_id: str | None
    due_at: datetime | None
    status: str
    note: str | None


@strawberry.type(description="What the rules recommend, and why.")
class Assessment:
    recommendation: str
    nchi_with_personal_data: bool | None
    hate_flag: bool
    strands: list[str]
    perception_satisfied: bool
    online_flag: bool
    candidate_offences: list[CandidateOffence]
    aggravated_forms: list[str]
    sentencing_uplift: str | None
    enhanced_rights: bool
    deadlines: list[CaseDeadline]
    reasons: list[str]
    policy_id: str

    @classmethod
    def of(cls, a: AssessmentModel) -> Assessment:
        return cls(
            recommendation=a.recommendation.value,
            nchi_with_personal_data=a.nchi_with_personal_data,
            hate_flag=a.hate_flag,
            strands=[s.value for s in a.strands],
            perception_satisfied=a.perception_satisfied,
            online_flag=a.online_flag,
            candidate_offences=[
                CandidateOffence(
                    offence_id=c.offence_id,
                    title=c.title,
                    citation=c.citation,
                    recordable=c.recordable,
                    aggravated_form=c.aggravated_form,
                    attorney_general_consent=c.ag_consent,
                    points=[
                        OffencePoint(id=p.id, text=p.text, kind=p.kind.value, status=p.status.value)
                        for p in c.points
                    ],
                )
                for c in a.candidates
            ],
            aggravated_forms=list(a.aggravated_forms),
            sentencing_uplift=a.sentencing_uplift.note if a.sentencing_uplift else None,
            enhanced_rights=a.enhanced_rights,
            deadlines=[
                CaseDeadline(
                    name=d.name,
                    rule=d.rule,
                    offence_id=d.offence_id,
                    due_at=d.due_at,
                    status=d.status.value,
                    note=d.note,
                )
                for d in a.deadlines
            ],
            reasons=list(a.reasons),
            policy_id=a.policy_id,
        )


@strawberry.type
class NotifiedForce:
    role: str
    reason: str
    force_code: strawberry.Private[str]

    @strawberry.field
    async def force(self, info: Info) -> Force | None:
        record = await info.context.loaders.force.load(self.force_code)
        return Force.from_record(record) if record else None


@strawberry.type
class AssignmentInputUsed:
    field: str
    value: str
    force_code: str | None
    confidence: str | None
    basis: str


@strawberry.type(description="Which force acts, under which rule, from which inputs, and why.")
class Assignment:
    disposition: str
    rule: str
    confidence: str
    possible_other_forces: list[str]
    reasons: list[str]
    inputs_used: list[AssignmentInputUsed]
    notified: list[NotifiedForce]
    lead_force_code: strawberry.Private[str | None]

    @strawberry.field
    async def lead_force(self, info: Info) -> Force | None:
        if self.lead_force_code is None:
            return None
        record = await info.context.loaders.force.load(self.lead_force_code)
        return Force.from_record(record) if record else None

    @classmethod
    def of(cls, a: ForceAssignment) -> Assignment:
        return cls(
            disposition=a.disposition.value, rule=a.rule.value, confidence=a.confidence.value,
            possible_other_forces=list(a.possible_other_forces), reasons=list(a.reasons),
            inputs_used=[
                AssignmentInputUsed(
                    field=i.field, value=i.value, force_code=i.force_code,
                    confidence=i.confidence.value if i.confidence else None, basis=i.basis,
                )
                for i in a.inputs_used
            ],
            notified=[
                NotifiedForce(role=n.role.value, reason=n.reason, force_code=n.force_code)
                for n in a.notified
            ],
            lead_force_code=a.lead_force_code,
        )  # fmt: skip


@strawberry.type(description="A case waiting for its recording decision.")
class CaseToAssess:
    case_id: str
    first_received_at: datetime | None
    recording_decision_due_at: datetime | None
    recording_decision_status: str


async def assessment_of(info: Info, case_id: str) -> Assessment:
    require_hub_staff(info.context.viewer)
    found = await info.context.loaders.case_view.load(case_id)
    return Assessment.of(found.assessment)


async def assignment_of(info: Info, case_id: str) -> Assignment:
    require_hub_staff(info.context.viewer)
    found = await info.context.loaders.case_view.load(case_id)
    return Assignment.of(found.assignment)


async def cases_to_assess(info: Info, limit: int = 50) -> list[CaseToAssess]:
    require_hub_staff(info.context.viewer)
    records = await read(
        info.context.graph, "cases/assessment_queue", limit=max(1, min(limit, 200))
    )
    views = await info.context.loaders.case_view.load_many([r["id"] for r in records])
    queue = []
    for record, found in zip(records, views, strict=True):
        deadline = next(
            d for d in found.assessment.deadlines if d.name == "crime_recording_decision"
        )
        queue.append(
            CaseToAssess(
                case_id=record["id"],
                first_received_at=found.evidence.received_at,
                recording_decision_due_at=deadline.due_at,
                recording_decision_status=deadline.status.value,
            )
        )
    return queue


@strawberry.type(description="A case as a force sees it: assigned or notified to it, or linked.")
class ForceCase:
    case_id: str
    status: str
    how: str = strawberry.field(description="ASSIGNED_TO, NOTIFIED or LINKED")
    force_code: str | None = strawberry.field(
        description="The viewer's force; for a LINKED case the force it is assigned to."
    )
    linked_to: list[str] = strawberry.field(
        description="For a LINKED case: the force's cases on this page it is linked to."
    )
    reasons: list[CaseLinkReason] = strawberry.field(description="For a LINKED case: why.")


async def force_cases(
    info: Info,
    limit: Annotated[int, strawberry.argument(description="Own cases a page, 1-500")] = 100,
    after: Annotated[
        str | None, strawberry.argument(description="The last own case id of the page before")
    ] = None,
    linked_per_case: Annotated[
        int, strawberry.argument(description="Linked cases listed after each own case, 0-20")
    ] = 5,
) -> list[ForceCase]:
    """The viewer's force's cases, each followed by cases linked to it; one query, filtered
    inside Cypher (hub staff see every assigned or notified case, with no LINKED rows)."""
    require_case_viewer(info)
    params = force_view_model.list_params(
        info.context.viewer,
        after,
        force_view_model.check_limit(limit, "limit", force_view_model.MAX_PAGE),
        force_view_model.check_limit(
            linked_per_case, "linked_per_case", force_view_model.MAX_LINKED_PER_CASE, least=0
        ),
    )
    records = await read(info.context.graph, "cases/force_cases", **params)
    return [
        ForceCase(
            case_id=r["id"], status=r["status"], how=r["how"], force_code=r["force_code"],
            linked_to=list(r["linked_to"]),
            reasons=[
                CaseLinkReason(x.value) for x in force_view_model.reasons_of(r["reasons"])
            ],
        )
        for r in records
    ]  # fmt: skip


@strawberry.type(description="An outcome a force reported (Home Office outcome code).")
class OutcomeRecorded:
    code: str
    name: str


CaseworkResult = Annotated[
    Assessment
    | Assignment
    | OutcomeRecorded
    | InvalidInputError
    | NotFoundError
    | ConflictError
    | ForbiddenError,
    strawberry.union("CaseworkResult"),
]


async def _guarded(info: Info, work: Any, hub_only: bool = True) -> CaseworkResult:
    try:
        if hub_only:
            require_hub_staff(info.context.viewer)
        return await asyncio.to_thread(work, info.context.viewer.user_id)
    except EXPECTED as error:
        return failure(error)


@strawberry.type
class CaseworkMutations:
    @strawberry.mutation(description="Record facts an analyst established; returns the assessment.")
    async def record_case_facts(self, info: Info, case_id: str, facts: JSON) -> CaseworkResult:
        graph = info.context.graph
        return await _guarded(
            info,
            lambda who: Assessment.of(
                repository.record_facts(graph, case_id, facts, who).assessment
            ),
        )

    @strawberry.mutation(description="Accept the recommendation, or override it, with a reason.")
    async def decide_assessment(
        self,
        info: Info,
        case_id: str,
        accept: bool,
        reason: str,
        recommendation: str | None = None,
    ) -> CaseworkResult:
        graph = info.context.graph
        return await _guarded(
            info,
            lambda who: Assessment.of(
                repository.decide(graph, case_id, accept, who, reason, recommendation)
            ),
        )

    @strawberry.mutation(description="Assign the case as the rules say (recorded with reasons).")
    async def assign_case(self, info: Info, case_id: str) -> CaseworkResult:
        graph = info.context.graph
        return await _guarded(
            info, lambda who: Assignment.of(repository.assign_case(graph, case_id, who))
        )

    @strawberry.mutation(description="Reassign the case to another force, with a reason.")
    async def reassign_case(
        self, info: Info, case_id: str, to_force: str, reason: str
    ) -> CaseworkResult:
        graph = info.context.graph
        return await _guarded(
            info,
            lambda who: Assignment.of(
                repository.assign_case(graph, case_id, who, to_force, reason)
            ),
        )

    @strawberry.mutation(description="A force reports the case's outcome (Home Office code).")
    async def report_outcome(
        self,
        info: Info,
        case_id: str,
        code: str,
        named_suspect: bool,
        supervisor_justification: str | None = None,
    ) -> CaseworkResult:
        graph, viewer = info.context.graph, info.context.viewer

        def work(_who: str) -> OutcomeRecorded:
            outcome = repository.report_outcome(
                graph, case_id, code, named_suspect, viewer, supervisor_justification
            )
            return OutcomeRecorded(code=outcome.code, name=outcome.name)

        return await _guarded(info, work, hub_only=False)


@strawberry.type
class CaseworkQueries:
    force_cases: list[ForceCase] = strawberry.field(
        resolver=force_cases,
        description="Cases assigned or notified to the viewer's force, each with the cases "
        "linked to it (same suspect, same content); all forces for hub staff.",
    )
    cases_to_assess: list[CaseToAssess] = strawberry.field(
        resolver=cases_to_assess,
        description="Cases awaiting a recording decision, with the 24-hour deadline's status.",
    )
