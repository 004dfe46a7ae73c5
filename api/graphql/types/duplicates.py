"""Analysts' mutations on duplicates: each adds a judgement with a reason; clusters re-derive."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import (
    EXPECTED,
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    failure,
)
from graph.dedup import analyst
from graph.dedup.clusters import Clusters
from graph.errors import Forbidden

Info = strawberry.Info[Context, None]


@strawberry.type(description="The content clusters after the decision (ids and report ids).")
class DuplicateDecision:
    content_ids: list[str]
    report_ids_by_content: list[list[str]]


DecisionResult = Annotated[
    DuplicateDecision | InvalidInputError | NotFoundError | ConflictError | ForbiddenError,
    strawberry.union("DuplicateDecisionResult"),
]


async def _run(info: Info, action: Callable[[str], Clusters]) -> DecisionResult:
    viewer = info.context.viewer
    try:
        if not viewer.is_hub_staff:
            raise Forbidden("only hub staff may decide duplicates")
        result = await asyncio.to_thread(action, viewer.user_id)
    except EXPECTED as error:
        return failure(error)
    ids = sorted(result.members)
    return DuplicateDecision(
        content_ids=ids, report_ids_by_content=[list(result.members[i]) for i in ids]
    )


@strawberry.type
class DuplicateMutations:
    @strawberry.mutation(description="Confirm a system's SAME_CONTENT judgement.")
    async def confirm_duplicate(self, info: Info, judgement_id: str) -> DecisionResult:
        graph = info.context.graph
        return await _run(info, lambda who: analyst.confirm_judgement(graph, judgement_id, who))

    @strawberry.mutation(description="Reject a judgement; the matcher respects it thereafter.")
    async def reject_duplicate(self, info: Info, judgement_id: str, reason: str) -> DecisionResult:
        graph = info.context.graph
        return await _run(
            info, lambda who: analyst.reject_judgement(graph, judgement_id, who, reason)
        )

    @strawberry.mutation(description="Undo a judgement, restoring what it superseded.")
    async def undo_duplicate_judgement(self, info: Info, judgement_id: str) -> DecisionResult:
        graph = info.context.graph
        return await _run(info, lambda who: analyst.undo_judgement(graph, judgement_id, who))

    @strawberry.mutation(description="Merge two content items into one.")
    async def merge_content(
        self, info: Info, content_a: str, content_b: str, reason: str
    ) -> DecisionResult:
        graph = info.context.graph
        return await _run(
            info, lambda who: analyst.merge_contents(graph, content_a, content_b, who, reason)
        )

    @strawberry.mutation(description="Split reports off a content item.")
    async def split_content(
        self, info: Info, content_id: str, report_ids: list[str], reason: str
    ) -> DecisionResult:
        graph = info.context.graph
        return await _run(
            info, lambda who: analyst.split_content(graph, content_id, report_ids, who, reason)
        )

    @strawberry.mutation(description="Answer a review item: the same content, or not.")
    async def decide_review(
        self, info: Info, review_id: str, same: bool, reason: str
    ) -> DecisionResult:
        graph = info.context.graph
        return await _run(
            info, lambda who: analyst.decide_review(graph, review_id, same, who, reason)
        )
