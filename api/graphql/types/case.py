"""The case: the unit of police work, its content, its assessment (crime / NCHI / NFA, offences,
deadlines) and force assignment with their reasons, and its history (``services/cases.py``)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types import case_groups
from api.graphql.types.advice import GuidanceMatch
from api.graphql.types.common import ForbiddenError, NotFoundError
from api.graphql.types.content import Content
from api.graphql.types.enums import Strand
from api.graphql.types.force import Force, force_by_code
from api.graphql.types.mirror import mirror, mirrors
from graph.assessment.models import Assessment as AssessmentValue
from graph.assessment.models import (
    CandidateOffence as CandidateOffenceValue,
)
from graph.assessment.models import (
    Deadline,
    DeadlineStatus,
    PointAssessment,
    PointStatus,
    Recommendation,
)
from graph.assignment.models import (
    Disposition,
    ForceAssignment,
    ForceRole,
    InputUsed,
    Rule,
)
from graph.assignment.models import (
    NotifiedForce as NotifiedForceValue,
)
from graph.cases.models import AssessedCase, CaseStatus, CaseSummary, DeadlineName
from graph.errors import NotFound
from graph.law.offences import PointKind
from services import advice, cases
from services import content as contents

Info = strawberry.Info[Context, None]

strawberry.enum(CaseStatus, name="CaseStatus", description="Where a case stands.")
strawberry.enum(Recommendation, name="Recommendation", description="What the rules recommend.")
strawberry.enum(PointKind, name="PointKind", description="What a point to prove is about.")
strawberry.enum(PointStatus, name="PointStatus", description="Whether a point is evidenced.")
strawberry.enum(DeadlineName, name="DeadlineName", description="A clock the assessment starts.")
strawberry.enum(DeadlineStatus, name="DeadlineStatus", description="Where a deadline stands.")
strawberry.enum(Disposition, name="Disposition", description="Who acts on the case.")
strawberry.enum(Rule, name="AssignmentRule", description="The assignment rule that decided.")
strawberry.enum(ForceRole, name="NotifiedRole", description="Why a force is told of a case.")


@strawberry.type(description="A point to prove, and whether the facts evidence it.")
@mirrors(PointAssessment)
class OffencePoint:
    pass


@strawberry.type(description="An offence that may apply, with its points to prove.")
@mirrors(
    CandidateOffenceValue,
    omit=("ag_consent", "verified", "sentencing_uplift"),
    nested={PointAssessment: OffencePoint},
)
class CandidateOffence:
    hocr_class: str | None = strawberry.field(
        description="The Home Office Counting Rules class a force records the crime under "
        '(e.g. "9B"); null where the offence table found no source for one.'
    )
    hocr_code: str | None = strawberry.field(
        description='The Counting Rules sub-code (e.g. "125/9"); null where no source gave one.'
    )
    cjs_code: str | None = strawberry.field(
        description='The CJS offence code a charge is laid under (e.g. "PU86004"); null where '
        "no source gave one."
    )
    codes_verified: bool = strawberry.field(
        description="Whether the codes shown are each confirmed in their primary source (the "
        "Counting Rules, the CJS Offence Index); false: confirm with the force crime registrar "
        "before recording against them."
    )
    attorney_general_consent: bool


@strawberry.type(description="A computed deadline and whether it is due, overdue or met.")
@mirrors(Deadline)
class CaseDeadline:
    name: DeadlineName


@strawberry.type(description="What the rules recommend, and why.")
class Assessment:
    recommendation: Recommendation
    nchi_with_personal_data: bool | None
    hate_flag: bool
    strands: list[Strand]
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
    def of(cls, a: AssessmentValue) -> Assessment:
        return cls(
            recommendation=a.recommendation, nchi_with_personal_data=a.nchi_with_personal_data,
            hate_flag=a.hate_flag, strands=list(a.strands),
            perception_satisfied=a.perception_satisfied, online_flag=a.online_flag,
            candidate_offences=[
                mirror(CandidateOffence, c, attorney_general_consent=c.ag_consent)
                for c in a.candidates
            ],
            aggravated_forms=list(a.aggravated_forms),
            sentencing_uplift=a.sentencing_uplift.note if a.sentencing_uplift else None,
            enhanced_rights=a.enhanced_rights,
            deadlines=[mirror(CaseDeadline, d, name=DeadlineName(d.name)) for d in a.deadlines],
            reasons=list(a.reasons), policy_id=a.policy_id,
        )  # fmt: skip


@strawberry.type(description="A force told of the case, in what role, and why.")
@mirrors(NotifiedForceValue)
class NotifiedForce:
    force_code: strawberry.Private[str]

    @strawberry.field
    async def force(self, info: Info) -> Force | None:
        return await force_by_code(info, self.force_code)


@strawberry.type(description="One input the assignment rested on, and how it resolved.")
@mirrors(InputUsed)
class AssignmentInputUsed:
    pass


@strawberry.type(description="Which force acts, under which rule, from which inputs, and why.")
@mirrors(
    ForceAssignment,
    omit=("policy_id",),
    nested={InputUsed: AssignmentInputUsed, NotifiedForceValue: NotifiedForce},
)
class Assignment:
    lead_force_code: strawberry.Private[str | None]

    @strawberry.field
    async def lead_force(self, info: Info) -> Force | None:
        code = self.lead_force_code
        return None if code is None else await force_by_code(info, code)

    @classmethod
    def of(cls, a: ForceAssignment) -> Assignment:
        return mirror(cls, a)


async def _assessed(info: Info, case_id: str) -> AssessedCase:
    found = await info.context.loader(cases.assessed_cases).load(case_id)
    if isinstance(found, Exception):  # the loader raises a case's error; this narrows the type
        raise found
    return found


@strawberry.type(description="The unit of police work: by default one per content item.")
class Case:
    id: strawberry.ID
    status: CaseStatus
    content_ids: strawberry.Private[tuple[str, ...]]

    @classmethod
    def of(cls, c: CaseSummary) -> Case:
        return cls(id=strawberry.ID(c.id), status=c.status, content_ids=c.content_ids)

    @strawberry.field(description="What the rules recommend now, with reasons and deadlines.")
    async def assessment(self, info: Info) -> Assessment:
        return Assessment.of((await _assessed(info, str(self.id))).assessment)

    @strawberry.field(description="Which force the rules say acts, and why.")
    async def assignment(self, info: Info) -> Assignment:
        return Assignment.of((await _assessed(info, str(self.id))).assignment)

    @strawberry.field(description="The content items the case concerns.")
    async def contents(self, info: Info) -> list[Content]:
        found = await info.context.loader(contents.contents_by_ids).load_many(self.content_ids)
        return [Content.of(c) for c in found if c is not None]

    @strawberry.field(description="Guidance notes that match the case now, most specific first.")
    async def guidance(self, info: Info) -> list[GuidanceMatch]:
        matches = await info.context.run(advice.guidance_for_case, str(self.id))
        return [GuidanceMatch.of(m) for m in matches]

    @strawberry.field(description="Merges and splits that touched this case, newest first.")
    async def history(self, info: Info) -> list[case_groups.CaseChangeRecord]:
        return await case_groups.history(info, str(self.id))

    @strawberry.field(
        description="Open cases the same account targeted the same victim in (a possible course "
        "of conduct): suggestions only, an analyst decides."
    )
    async def suggested_joins(self, info: Info) -> list[case_groups.JoinSuggestion]:
        return await case_groups.joins(info, str(self.id))


async def case_of(info: Info, case_id: str | None) -> Case | None:
    """The case by id through the request's loader (for nested fields: a content's case)."""
    if case_id is None:
        return None
    found = await info.context.loader(cases.cases_by_ids).load(case_id)
    return Case.of(found) if found else None


CaseResult = Annotated[Case | NotFoundError | ForbiddenError, strawberry.union("CaseResult")]


@strawberry.type
class CaseQueries:
    @strawberry.field(description="One case.")
    async def case(self, info: Info, id: strawberry.ID) -> CaseResult:
        try:
            return Case.of(await info.context.run(cases.read_case, str(id)))
        except NotFound as error:
            return NotFoundError.of(error)
