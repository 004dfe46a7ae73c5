"""Analysts' mutations on duplicates: each adds a judgement with a reason; clusters re-derive.
An UNSURE answer to a review item leaves the clusters and the item as they were."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import Failure, failure
from api.graphql.types.mirror import mirror, mirrors
from api.graphql.types.outcome import outcome
from services import duplicates
from services.duplicates import ReviewAnswer

Info = strawberry.Info[Context, None]

strawberry.enum(
    ReviewAnswer,
    name="ReviewAnswer",
    description="An analyst's answer to a review item: SAME content, NOT_SAME, or UNSURE "
    "(recorded with the reason; the item stays in the queue for another analyst).",
)


@strawberry.type(description="The content clusters after the decision (ids and report ids).")
@mirrors(duplicates.DuplicateDecision)
class DuplicateDecision:
    pass


@strawberry.type(description="An UNSURE answer: the item stays in the review queue.")
@mirrors(duplicates.ReviewLeftOpen)
class ReviewLeftOpen:
    pass


Decided = DuplicateDecision | Failure  # every mutation meets every expected failure
Answered = DuplicateDecision | ReviewLeftOpen | Failure


def _decided(done: duplicates.DuplicateDecision) -> DuplicateDecision:
    return mirror(DuplicateDecision, done)


async def _decide(run: Callable[[], Awaitable[duplicates.DuplicateDecision]]) -> Decided:
    return await outcome(run, _decided, failure)


ConfirmDuplicateResult = Annotated[Decided, strawberry.union("ConfirmDuplicateResult")]
RejectDuplicateResult = Annotated[Decided, strawberry.union("RejectDuplicateResult")]
UndoDuplicateJudgementResult = Annotated[Decided, strawberry.union("UndoDuplicateJudgementResult")]
MergeContentResult = Annotated[Decided, strawberry.union("MergeContentResult")]
SplitContentResult = Annotated[Decided, strawberry.union("SplitContentResult")]
DecideReviewResult = Annotated[Answered, strawberry.union("DecideReviewResult")]


def _answered(done: duplicates.DuplicateDecision | duplicates.ReviewLeftOpen) -> Answered:
    if isinstance(done, duplicates.ReviewLeftOpen):
        return mirror(ReviewLeftOpen, done)
    return _decided(done)


@strawberry.type
class DuplicateMutations:
    @strawberry.mutation(description="Confirm a system's SAME_CONTENT judgement.")
    async def confirm_duplicate(self, info: Info, judgement_id: str) -> ConfirmDuplicateResult:
        return await _decide(lambda: info.context.run(duplicates.confirm_duplicate, judgement_id))

    @strawberry.mutation(description="Reject a judgement; the matcher respects it thereafter.")
    async def reject_duplicate(
        self, info: Info, judgement_id: str, reason: str
    ) -> RejectDuplicateResult:
        return await _decide(
            lambda: info.context.run(duplicates.reject_duplicate, judgement_id, reason)
        )

    @strawberry.mutation(description="Undo a judgement, restoring what it superseded.")
    async def undo_duplicate_judgement(
        self, info: Info, judgement_id: str
    ) -> UndoDuplicateJudgementResult:
        return await _decide(
            lambda: info.context.run(duplicates.undo_duplicate_judgement, judgement_id)
        )

    @strawberry.mutation(description="Merge two content items into one.")
    async def merge_content(
        self, info: Info, content_a: str, content_b: str, reason: str
    ) -> MergeContentResult:
        return await _decide(
            lambda: info.context.run(duplicates.merge_content, content_a, content_b, reason)
        )

    @strawberry.mutation(description="Split reports off a content item.")
    async def split_content(
        self, info: Info, content_id: str, report_ids: list[str], reason: str
    ) -> SplitContentResult:
        return await _decide(
            lambda: info.context.run(duplicates.split_content, content_id, report_ids, reason)
        )

    @strawberry.mutation(
        description="Answer a review item: the same content, not the same, or unsure."
    )
    async def decide_review(
        self, info: Info, review_id: str, answer: ReviewAnswer, reason: str
    ) -> DecideReviewResult:
        return await outcome(
            lambda: info.context.run(duplicates.decide_review, review_id, answer, reason),
            _answered,
            failure,
        )
