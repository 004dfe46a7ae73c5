"""Cases as a force officer (or hub staff) may see them: one case, with other forces' victims
masked and its linked cases, and the force's case list (``services/force_view.py``; visibility
and masking are decided inside the queries)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.advice import GuidanceNote
from api.graphql.types.common import ForbiddenError, InvalidInputError, NotFoundError
from api.graphql.types.connection import Connection
from api.graphql.types.enums import Strand
from api.graphql.types.mirror import mirror, mirrors
from api.graphql.types.outcome import list_failure, lookup_failure, outcome
from graph.cases import force_view as model
from graph.cases.force_view import LinkReason, Visibility
from graph.cases.models import CaseStatus
from services import advice, force_view
from services.paging import DEFAULT_PAGE, PageRequest

Info = strawberry.Info[Context, None]

strawberry.enum(
    Visibility,
    name="CaseVisibility",
    description="How the viewer sees a case (in forceCases: how the listed force holds it): "
    "assigned or notified to the force, linked to one of its cases, or every case (hub staff).",
)
strawberry.enum(LinkReason, name="CaseLinkReason", description="Why two cases are linked.")


@strawberry.type(description="A force, by code and name.")
@mirrors(model.ForceRef)
class ForceRef:
    @classmethod
    def of(cls, force: model.ForceRef | None) -> ForceRef | None:
        return mirror(cls, force) if force else None


@strawberry.type(description="One report of the case.")
class ForceCaseReport:
    id: str
    reference: str
    received_at: datetime | None
    strands: list[Strand]


@strawberry.type(description="A post the case is about.")
@mirrors(model.ContentLine)
class ForceCaseContent:
    pass


@strawberry.type(description="An account named as the suspect, or that posted the content.")
@mirrors(model.SuspectAccount)
class ForceCaseAccount:
    person_id: str | None = strawberry.field(description="The offender person, if linked.")


@strawberry.type(
    description="A victim. Masked (no name, email, phone or postcode) when the case is seen "
    "only as linked and the victim lives in another force: ask that force (forceCode)."
)
@mirrors(model.VictimLine)
class ForceCaseVictim:
    pass


@strawberry.type(description="A case linked to this one, and why.")
class ForceCaseLink:
    case_id: str
    status: CaseStatus | None
    how: Visibility = strawberry.field(description="How the viewer sees the linked case.")
    force: ForceRef | None = strawberry.field(description="The force it is assigned to.")
    reasons: list[LinkReason]


@strawberry.type(description="Linked cases, most reasons first, at most `limit` of them.")
class ForceCaseLinks:
    cases: list[ForceCaseLink]
    limit: int
    capped: bool = strawberry.field(
        description="More linked cases exist than listed, or the search reached its fan-out cap."
    )


@strawberry.type(description="A case as a force officer (or hub staff) may see it.")
class ForceCaseDetail:
    id: str
    status: CaseStatus | None
    how: Visibility
    assigned_force: ForceRef | None
    reports: list[ForceCaseReport] = strawberry.field(description="Oldest first.")
    reports_capped: bool = strawberry.field(description="The case has more reports than listed.")
    contents: list[ForceCaseContent] = strawberry.field(description="Of the listed reports.")
    suspect_accounts: list[ForceCaseAccount] = strawberry.field(
        description="Of the listed reports; links to other cases are drawn from them."
    )
    victims: list[ForceCaseVictim] = strawberry.field(description="Of the listed reports.")
    linked_cases: ForceCaseLinks = strawberry.field(
        description="Cases linked to this one; seen as LINKED: the viewer's own cases it links to."
    )

    @strawberry.field(description="The guidance notes the hub sent with the case's assignment.")
    async def guidance(self, info: Info) -> list[GuidanceNote]:
        notes = await info.context.loader(advice.carried_guidance).load(self.id)
        return [GuidanceNote.of(n) for n in notes]

    @classmethod
    def of(cls, d: model.CaseDetail, linked_limit: int) -> ForceCaseDetail:
        return cls(
            id=d.id, status=d.status, how=d.how, assigned_force=ForceRef.of(d.force),
            reports=[
                ForceCaseReport(
                    id=r.id, reference=r.reference, received_at=r.received_at,
                    strands=[Strand(s) for s in r.strands],
                )
                for r in d.reports
            ],
            reports_capped=d.reports_capped,
            contents=[mirror(ForceCaseContent, c) for c in d.contents],
            suspect_accounts=[mirror(ForceCaseAccount, a) for a in d.accounts],
            victims=[mirror(ForceCaseVictim, v) for v in d.victims],
            linked_cases=ForceCaseLinks(
                cases=[
                    ForceCaseLink(
                        case_id=k.id, status=k.status, how=k.how, force=ForceRef.of(k.force),
                        reasons=list(k.reasons),
                    )
                    for k in d.linked
                ],
                limit=linked_limit,
                capped=d.linked_capped,
            ),
        )  # fmt: skip


ForceCaseResult = Annotated[
    ForceCaseDetail | NotFoundError | InvalidInputError | ForbiddenError,
    strawberry.union("ForceCaseResult"),
]


async def force_case(
    info: Info,
    id: str,
    linked_limit: Annotated[
        int, strawberry.argument(description=f"Linked cases listed, 1-{model.CAPS.linked}")
    ] = model.CAPS.linked,
) -> ForceCaseResult:
    """One round trip. A case the viewer may not see is not found, like a missing one:
    existence is not leaked."""
    return await outcome(
        lambda: info.context.run(force_view.force_case, id, linked_limit),
        lambda found: ForceCaseDetail.of(found, linked_limit),
        lookup_failure,
    )


@strawberry.type(description="A case as a force sees it: assigned or notified to it, or linked.")
@mirrors(model.ForceCaseLine)
class ForceCase:
    how: Visibility = strawberry.field(
        description="ASSIGNED or NOTIFIED to the force in forceCode, or LINKED to its cases."
    )
    force_code: str | None = strawberry.field(
        description="The viewer's force (hub staff: each force in turn); for a LINKED case the "
        "force it is assigned to."
    )
    linked_to: list[str] = strawberry.field(
        description="For a LINKED case: the force's cases on this page it is linked to."
    )
    reasons: list[LinkReason] = strawberry.field(description="For a LINKED case: why.")

    @classmethod
    def of(cls, line: model.ForceCaseLine) -> ForceCase:
        return mirror(cls, line)


ForceCasesResult = Annotated[
    Connection[ForceCase] | InvalidInputError | ForbiddenError,
    strawberry.union("ForceCasesResult"),
]


async def force_cases(
    info: Info,
    first: Annotated[
        int, strawberry.argument(description="Own cases a page (each with its linked cases)")
    ] = DEFAULT_PAGE,
    after: str | None = None,
    linked_per_case: Annotated[
        int,
        strawberry.argument(
            description=f"Linked cases listed after each own case, 0-{model.MAX_LINKED_PER_CASE}"
        ),
    ] = force_view.LINKED_PER_CASE,
    status: Annotated[
        CaseStatus | None,
        strawberry.argument(
            description="Only own cases of this status (any when absent); their linked cases "
            "are listed whatever their status"
        ),
    ] = None,
) -> ForceCasesResult:
    """The viewer's force's cases, each followed by cases linked to it; one query, filtered
    inside Cypher (hub staff see every assigned or notified case, with no LINKED lines)."""
    return await outcome(
        lambda: info.context.run(
            force_view.force_cases, PageRequest(first, after), linked_per_case, status
        ),
        lambda page: Connection.of(page, ForceCase.of),
        list_failure,
    )


@strawberry.type
class ForceViewQueries:
    force_case: ForceCaseResult = strawberry.field(
        resolver=force_case,
        description="One case as the viewer may see it, with linked cases and other forces' "
        "victims masked; NotFoundError when it does not exist or the viewer may not see it.",
    )
    force_cases: ForceCasesResult = strawberry.field(
        resolver=force_cases,
        description="Cases assigned or notified to the viewer's force, each with the cases "
        "linked to it (same suspect, same content); all forces for hub staff.",
    )
