"""Merging and splitting cases, their history, and suggestions to join them (hub staff)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
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
from graph.cases.grouping import CaseChange
from graph.cases.grouping_store import merge_cases, split_case, suggested_joins
from graph.db import Record, native
from graph.errors import Forbidden

Info = strawberry.Info[Context, None]


@strawberry.type(description="A content item moved to a case by a merge or split.")
class ContentMove:
    content_id: str
    case_id: str


@strawberry.type(description="One merge or split: who, when, why, and what moved.")
class CaseChangeRecord:
    id: str
    kind: str = strawberry.field(description="merge or split")
    subject_case_id: str = strawberry.field(description="The case merged into, or split")
    actor: str
    at: datetime
    reason: str
    moves: list[ContentMove]
    closed_case_ids: list[str] = strawberry.field(description="Cases merged away")
    reopened_case_ids: list[str] = strawberry.field(description="Dormant cases a split reopened")
    created_case_id: str | None

    @classmethod
    def of_change(cls, c: CaseChange) -> CaseChangeRecord:
        return cls(
            id=c.id, kind=c.kind, subject_case_id=c.case_id, actor=c.actor, at=c.at,
            reason=c.reason, moves=[ContentMove(content_id=a, case_id=b) for a, b in c.moves],
            closed_case_ids=list(c.closed), reopened_case_ids=list(c.reopened),
            created_case_id=c.created,
        )  # fmt: skip

    @classmethod
    def of_record(cls, r: Record) -> CaseChangeRecord:
        moves = zip(r["moved_contents"], r["moved_to"], strict=True)
        return cls(
            id=r["id"], kind=r["kind"], subject_case_id=r["subject_case"], actor=r["actor"],
            at=native(r["at"]), reason=r["reason"],
            moves=[ContentMove(content_id=a, case_id=b) for a, b in moves],
            closed_case_ids=list(r["closed"]), reopened_case_ids=list(r["reopened"]),
            created_case_id=r["created"],
        )  # fmt: skip


@strawberry.type(description="Other open cases that may be one course of conduct with this one.")
class JoinSuggestion:
    id: str
    case_ids: list[str]
    content_ids: list[str]
    platform: str
    account: str
    occasions: int
    reason: str


async def history(info: Info, case_id: str) -> list[CaseChangeRecord]:
    records = await info.context.loaders.history_of_case.load(case_id)
    return [CaseChangeRecord.of_record(r) for r in records]


async def joins(info: Info, case_id: str) -> list[JoinSuggestion]:
    found = await asyncio.to_thread(suggested_joins, info.context.graph, case_id)
    return [
        JoinSuggestion(
            id=s.id, case_ids=list(s.case_ids), content_ids=list(s.content_ids),
            platform=s.platform, account=s.account, occasions=s.occasions, reason=s.reason,
        )
        for s in found
    ]  # fmt: skip


RegroupResult = Annotated[
    CaseChangeRecord | InvalidInputError | NotFoundError | ConflictError | ForbiddenError,
    strawberry.union("CaseRegroupResult"),
]


async def _regroup(info: Info, verb: str, work: Callable[[str], CaseChange]) -> RegroupResult:
    """Run a merge or split for hub staff as the viewer; expected failures as union members."""
    viewer = info.context.viewer
    try:
        if not viewer.is_hub_staff:
            raise Forbidden(f"only hub staff may {verb} cases")
        change = await asyncio.to_thread(work, viewer.user_id)
    except EXPECTED as error:
        return failure(error)
    return CaseChangeRecord.of_change(change)


@strawberry.type
class CaseGroupMutations:
    @strawberry.mutation(
        description="Merge other cases into one (their content moves), with a reason."
    )
    async def merge_cases(
        self, info: Info, into: str, others: list[str], reason: str
    ) -> RegroupResult:
        graph = info.context.graph
        return await _regroup(
            info, "merge", lambda who: merge_cases(graph, into, others, who, reason)
        )

    @strawberry.mutation(description="Split content items off a case into a case of their own.")
    async def split_case(
        self, info: Info, case_id: str, content_ids: list[str], reason: str
    ) -> RegroupResult:
        graph = info.context.graph
        return await _regroup(
            info, "split", lambda who: split_case(graph, case_id, content_ids, who, reason)
        )
