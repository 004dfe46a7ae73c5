"""Merging and splitting cases, their history, and suggestions to join them (hub staff)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import (
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    failure,
)
from api.graphql.types.mirror import mirror, mirrors
from api.graphql.types.outcome import outcome
from graph.cases.models import CaseChange, ChangeKind
from graph.cases.models import JoinSuggestion as JoinSuggestionValue
from services import cases

Info = strawberry.Info[Context, None]

strawberry.enum(ChangeKind, name="CaseChangeKind", description="A merge or a split of cases.")


@strawberry.type(description="A content item moved to a case by a merge or split.")
class ContentMove:
    content_id: str
    case_id: str


@strawberry.type(description="One merge or split: who, when, why, and what moved.")
class CaseChangeRecord:
    id: str
    kind: ChangeKind
    subject_case_id: str = strawberry.field(description="The case merged into, or split")
    actor: str
    at: datetime
    reason: str
    moves: list[ContentMove]
    closed_case_ids: list[str] = strawberry.field(description="Cases merged away")
    reopened_case_ids: list[str] = strawberry.field(description="Dormant cases a split reopened")
    created_case_id: str | None

    @classmethod
    def of(cls, c: CaseChange) -> CaseChangeRecord:
        return cls(
            id=c.id, kind=c.kind, subject_case_id=c.case_id, actor=c.actor, at=c.at,
            reason=c.reason, moves=[ContentMove(content_id=a, case_id=b) for a, b in c.moves],
            closed_case_ids=list(c.closed), reopened_case_ids=list(c.reopened),
            created_case_id=c.created,
        )  # fmt: skip


@strawberry.type(description="Other open cases that may be one course of conduct with this one.")
@mirrors(JoinSuggestionValue)
class JoinSuggestion:
    @classmethod
    def of(cls, s: JoinSuggestionValue) -> JoinSuggestion:
        return mirror(cls, s)


async def history(info: Info, case_id: str) -> list[CaseChangeRecord]:
    changes = await info.context.loader(cases.case_histories).load(case_id)
    return [CaseChangeRecord.of(c) for c in changes]


async def joins(info: Info, case_id: str) -> list[JoinSuggestion]:
    """The case's join suggestions: those read with its assessment when this request asked for
    that first (one count of the occasions, not two), else read on their own."""
    if info.context.asked(cases.assessed_cases, case_id):
        assessed = await info.context.loader(cases.assessed_cases).load(case_id)
        if not isinstance(assessed, Exception):
            return [JoinSuggestion.of(s) for s in assessed.joins]
    found = await info.context.run(cases.suggested_joins, case_id)
    return [JoinSuggestion.of(s) for s in found]


MergeCasesResult = Annotated[
    CaseChangeRecord | InvalidInputError | NotFoundError | ConflictError | ForbiddenError,
    strawberry.union("MergeCasesResult"),
]
SplitCaseResult = Annotated[
    CaseChangeRecord | InvalidInputError | NotFoundError | ConflictError | ForbiddenError,
    strawberry.union("SplitCaseResult"),
]


@strawberry.type
class CaseGroupMutations:
    @strawberry.mutation(
        description="Merge other cases into one (their content moves), with a reason."
    )
    async def merge_cases(
        self, info: Info, into: str, others: list[str], reason: str
    ) -> MergeCasesResult:
        return await outcome(
            lambda: info.context.run(cases.merge_cases, into, others, reason),
            CaseChangeRecord.of,
            failure,
        )

    @strawberry.mutation(description="Split content items off a case into a case of their own.")
    async def split_case(
        self, info: Info, case_id: str, content_ids: list[str], reason: str
    ) -> SplitCaseResult:
        return await outcome(
            lambda: info.context.run(cases.split_case, case_id, content_ids, reason),
            CaseChangeRecord.of,
            failure,
        )
