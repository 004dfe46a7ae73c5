"""A case as a force officer (or hub staff) may see it: one query decides visibility, masks
other forces' victims and lists linked cases (``queries/cases/case_detail.cypher``)."""

from __future__ import annotations

import enum
from datetime import datetime

import strawberry

from api.graphql.context import Context, read
from graph.cases import force_view as model
from graph.errors import Forbidden

Info = strawberry.Info[Context, None]


@strawberry.enum(description="How the viewer sees a case.")
class CaseVisibility(enum.Enum):
    ASSIGNED = "ASSIGNED"
    NOTIFIED = "NOTIFIED"
    LINKED = "LINKED"
    HUB = "HUB"


@strawberry.enum(description="Why two cases are linked.")
class CaseLinkReason(enum.Enum):
    SAME_CONTENT = "SAME_CONTENT"
    SAME_ACCOUNT = "SAME_ACCOUNT"
    SAME_PERSON = "SAME_PERSON"


@strawberry.type(description="A force, by code and name.")
class ForceRef:
    code: str
    name: str

    @classmethod
    def of(cls, force: model.ForceRef | None) -> ForceRef | None:
        return cls(code=force.code, name=force.name) if force else None


@strawberry.type(description="One report of the case.")
class ForceCaseReport:
    id: str
    reference: str
    received_at: datetime | None
    strands: list[str]


@strawberry.type(description="A post the case is about.")
class ForceCaseContent:
    id: str
    platform: str | None
    url: str | None


@strawberry.type(description="An account named as the suspect, or that posted the content.")
class ForceCaseAccount:
    key: str
    platform: str | None
    handle: str | None
    person_id: str | None = strawberry.field(description="The offender person, if linked.")


@strawberry.type(
    description="A victim. Masked (no name, email, phone or postcode) when the case is seen "
    "only as linked and the victim lives in another force: ask that force (forceCode)."
)
class ForceCaseVictim:
    id: str
    force_code: str | None
    masked: bool
    name: str | None
    email: str | None
    phone: str | None
    postcode: str | None


@strawberry.type(description="A case linked to this one, and why.")
class ForceCaseLink:
    case_id: str
    status: str | None
    how: CaseVisibility = strawberry.field(description="How the viewer sees the linked case.")
    force: ForceRef | None = strawberry.field(description="The force it is assigned to.")
    reasons: list[CaseLinkReason]


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
    status: str | None
    how: CaseVisibility
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

    @classmethod
    def of(cls, d: model.CaseDetail, linked_limit: int) -> ForceCaseDetail:
        return cls(
            id=d.id, status=d.status, how=CaseVisibility(d.how.value),
            assigned_force=ForceRef.of(d.force),
            reports=[
                ForceCaseReport(
                    id=r.id, reference=r.reference, received_at=r.received_at,
                    strands=list(r.strands),
                )
                for r in d.reports
            ],
            reports_capped=d.reports_capped,
            contents=[
                ForceCaseContent(id=c.id, platform=c.platform, url=c.url) for c in d.contents
            ],
            suspect_accounts=[
                ForceCaseAccount(
                    key=a.key, platform=a.platform, handle=a.handle, person_id=a.person_id
                )
                for a in d.accounts
            ],
            victims=[
                ForceCaseVictim(
                    id=v.id, force_code=v.force_code, masked=v.masked, name=v.name,
                    email=v.email, phone=v.phone, postcode=v.postcode,
                )
                for v in d.victims
            ],
            linked_cases=ForceCaseLinks(
                cases=[
                    ForceCaseLink(
                        case_id=k.id, status=k.status, how=CaseVisibility(k.how.value),
                        force=ForceRef.of(k.force),
                        reasons=[CaseLinkReason(r.value) for r in k.reasons],
                    )
                    for k in d.linked
                ],
                limit=linked_limit,
                capped=d.linked_capped,
            ),
        )  # fmt: skip


def require_case_viewer(info: Info) -> None:
    viewer = info.context.viewer
    if not (viewer.is_hub_staff or viewer.force_code):
        raise Forbidden("only hub staff and force officers see cases")


async def force_case(
    info: Info,
    id: str,
    linked_limit: int = model.CAPS.linked,
) -> ForceCaseDetail | None:
    """One round trip; the query returns nothing (so this returns null, never an error) when
    the case does not exist or the viewer may not see it: existence is not leaked."""
    require_case_viewer(info)
    case_id = model.check_case_id(id)
    limit = model.check_limit(linked_limit, "linked_limit", model.CAPS.linked)
    records = await read(
        info.context.graph,
        "cases/case_detail",
        **model.detail_params(info.context.viewer, case_id, limit),
    )
    return ForceCaseDetail.of(model.detail_from_record(records[0]), limit) if records else None


@strawberry.type
class ForceViewQueries:
    force_case: ForceCaseDetail | None = strawberry.field(
        resolver=force_case,
        description="One case as the viewer may see it, with linked cases and other forces' "
        "victims masked; null when it does not exist or the viewer may not see it.",
    )
