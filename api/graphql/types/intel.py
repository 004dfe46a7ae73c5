"""Graded intelligence items, created by analysts from cases."""

from __future__ import annotations

import asyncio
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
from graph.errors import InvalidInput, Problem
from graph.intel.from_case import create_item
from graph.viewer import Role

Info = strawberry.Info[Context, None]
INTEL_ROLES = frozenset({Role.INTELLIGENCE_ANALYST, Role.HUB_ANALYST, Role.ADMIN})


@strawberry.type(description="A graded (3x5x2) intelligence item.")
class IntelItemCreated:
    id: str
    grade: str = strawberry.field(description="e.g. 2BC")
    handling_conditions: list[str]
    entity_count: int


IntelResult = Annotated[
    IntelItemCreated | InvalidInputError | NotFoundError | ConflictError | ForbiddenError,
    strawberry.union("CreateIntelItemResult"),
]


@strawberry.type
class IntelMutations:
    @strawberry.mutation(description="Create a graded intelligence item from a case.")
    async def create_intel_item(
        self, info: Info, case_id: str, grade: JSON, summary: str, purpose: str
    ) -> IntelResult:
        viewer = info.context.viewer
        if viewer.role not in INTEL_ROLES:
            return ForbiddenError(message="only analysts create intelligence items")
        if not isinstance(grade, dict):
            return InvalidInputError.of(InvalidInput([Problem("grade", "must be a JSON object")]))
        try:
            item = await asyncio.to_thread(
                create_item, info.context.graph, case_id, grade, summary, purpose, viewer.user_id
            )
        except EXPECTED as error:
            return failure(error)
        return IntelItemCreated(
            id=item.id,
            grade=item.grade.code,
            handling_conditions=list(item.grade.handling_conditions),
            entity_count=len(item.entities),
        )
