"""The case: the unit of police work, its content, assessment, assignment and history."""

from __future__ import annotations

import strawberry

from api.graphql.context import Context
from api.graphql.permissions import require_hub_staff
from api.graphql.types import case_groups, casework
from api.graphql.types.content import Content
from graph.db import Record

Info = strawberry.Info[Context, None]


@strawberry.type(description="The unit of police work: by default one per content item.")
class Case:
    id: strawberry.ID
    status: str
    content_ids: strawberry.Private[list[str]]

    @classmethod
    def of(cls, r: Record) -> Case:
        return cls(id=strawberry.ID(r["id"]), status=r["status"], content_ids=r["content_ids"])

    @strawberry.field(description="What the rules recommend now, with reasons and deadlines.")
    async def assessment(self, info: Info) -> casework.Assessment:
        return await casework.assessment_of(info, str(self.id))

    @strawberry.field(description="Which force the rules say acts, and why.")
    async def assignment(self, info: Info) -> casework.Assignment:
        return await casework.assignment_of(info, str(self.id))

    @strawberry.field(description="The content items the case concerns.")
    async def contents(self, info: Info) -> list[Content]:
        records = await info.context.loaders.content.load_many(self.content_ids)
        return [Content.of(r) for r in records if r is not None]

    @strawberry.field(description="Merges and splits that touched this case, newest first.")
    async def history(self, info: Info) -> list[case_groups.CaseChangeRecord]:
        return await case_groups.history(info, str(self.id))

    @strawberry.field(
        description="Open cases the same account targeted the same victim in (a possible course "
        "of conduct): suggestions only, an analyst decides."
    )
    async def suggested_joins(self, info: Info) -> list[case_groups.JoinSuggestion]:
        return await case_groups.joins(info, str(self.id))


async def case(info: Info, id: strawberry.ID) -> Case | None:
    require_hub_staff(info.context.viewer)
    record = await info.context.loaders.case.load(str(id))
    return Case.of(record) if record else None


@strawberry.type
class CaseQueries:
    case: Case | None = strawberry.field(resolver=case, description="One case.")
