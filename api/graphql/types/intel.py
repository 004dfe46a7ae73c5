"""Graded intelligence items, created by analysts from cases (``services/intel.py``)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from api.graphql.context import Context
from api.graphql.types.common import (
    EXPECTED,
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    failure,
)
from graph.errors import InvalidValue
from graph.intel.models import IntelItem
from services import intel as service

Info = strawberry.Info[Context, None]


@strawberry.type(description="A graded (3x5x2) intelligence item.")
class IntelItemCreated:
    id: str
    grade: str = strawberry.field(description="e.g. 2BC")
    handling_conditions: list[str]
    entity_count: int

    @classmethod
    def of(cls, item: IntelItem) -> IntelItemCreated:
        return cls(
            id=item.id,
            grade=item.grade.code,
            handling_conditions=list(item.grade.handling_conditions),
            entity_count=len(item.entities),
        )


CreateIntelItemResult = Annotated[
    IntelItemCreated | InvalidInputError | NotFoundError | ConflictError | ForbiddenError,
    strawberry.union("CreateIntelItemResult"),
]


@strawberry.type
class IntelMutations:
    @strawberry.mutation(description="Create a graded intelligence item from a case.")
    async def create_intel_item(
        self, info: Info, case_id: str, grade: JSON, summary: str, purpose: str
    ) -> CreateIntelItemResult:
        try:
            if not isinstance(grade, dict):
                raise InvalidValue("grade", "must be a JSON object")
            item = await info.context.run(
                service.create_intel_item, case_id, grade, summary, purpose
            )
        except EXPECTED as error:
            return failure(error)
        return IntelItemCreated.of(item)
