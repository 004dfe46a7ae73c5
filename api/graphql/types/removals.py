"""Removal referrals to platforms: the queues, the statistics, and each step as a mutation."""

from __future__ import annotations

import asyncio
import enum
from datetime import UTC, datetime
from typing import Annotated, TypeVar

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import (
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    guarded,
)
from graph.errors import InvalidValue
from graph.removals import reuploads, store
from graph.removals import stats as stats_model
from graph.removals.lifecycle import ANSWERS, OPEN, Status

Info = strawberry.Info[Context, None]
T = TypeVar("T")
MAX_PAGE = 200

# Registers the domain's own enum with GraphQL (the annotations below use Status itself).
strawberry.enum(Status, name="RemovalStatus", description="A referral's state.")


@strawberry.type(description="One step of a referral's life: who took it, when, with what.")
class RemovalStep:
    status: Status
    at: datetime
    by: str
    note: str | None
    evidence: str | None


@strawberry.type(description="Content referred to the platform that hosts it, for removal.")
class RemovalReferral:
    id: str
    content_id: str
    platform: str
    status: Status
    url: str | None
    text: str | None = strawberry.field(description="The content's text as first reported.")
    evidence_sha256: list[str] = strawberry.field(description="Hashes of the evidence files.")
    accounts: list[str]
    case_id: str | None
    offences: list[str] = strawberry.field(description="Recordable offences (ids) it is for.")
    reason: str
    reports: int = strawberry.field(description="Reports of the content when it was drafted.")
    drafted_at: datetime
    drafted_by: str
    approved_by: str | None
    sent_at: datetime | None
    due_at: datetime | None = strawberry.field(description="When the platform's answer is due.")
    overdue: bool
    pack_id: str | None
    answered_at: datetime | None
    answer_note: str | None
    steps: list[RemovalStep]

    @classmethod
    def of(cls, r: store.Referral, now: datetime) -> RemovalReferral:
        return cls(
            id=r.id, content_id=r.content_id, platform=r.platform, status=r.status, url=r.url,
            text=r.text, evidence_sha256=list(r.evidence), accounts=list(r.accounts),
            case_id=r.case_id, offences=list(r.offences), reason=r.reason, reports=r.reports,
            drafted_at=r.drafted_at, drafted_by=r.drafted_by, approved_by=r.approved_by,
            sent_at=r.sent_at, due_at=r.due_at, overdue=r.overdue(now), pack_id=r.pack_id,
            answered_at=r.answered_at, answer_note=r.answer_note,
            steps=[RemovalStep(status=s.status, at=s.at, by=s.by, note=s.note,
                               evidence=s.evidence) for s in r.steps],
        )  # fmt: skip


@strawberry.type(description="A page of referrals; pass endCursor as `after` for the next.")
class RemovalReferralPage:
    items: list[RemovalReferral]
    end_cursor: str | None
    has_next_page: bool


@strawberry.type(description="A content item's referral, and whether this call drafted it.")
class RemovalReferralDrafted:
    referral: RemovalReferral
    created: bool


@strawberry.enum(description="What removal statistics are grouped by.")
class RemovalStatsBy(enum.Enum):
    PLATFORM = "platform"
    OFFENCE = "offence"


@strawberry.type(description="How a platform (or the referrals for an offence) were answered.")
class RemovalStatsRow:
    key: str
    sent: int
    answered: int
    removed: int = strawberry.field(description="Removed or restricted.")
    refused: int
    no_response: int
    refusal_rate: float | None
    median_hours_to_removal: float | None
    p90_hours_to_removal: float | None


@strawberry.enum(description="Where a re-upload alert stands.")
class ReuploadStatus(enum.Enum):
    OPEN = "open"
    REFERRED = "referred"
    DISMISSED = "dismissed"


@strawberry.enum(description="How removed content was found to be back.")
class ReuploadHow(enum.Enum):
    REPORTED_AGAIN = "reported_again"  # the same post, reported after its removal
    SAME_TEXT = "same_text"  # new content whose text, past evasion tricks, is the removed one's


@strawberry.type(description="Removed content that came back, linked to the earlier referral.")
class ReuploadAlert:
    id: str
    content_id: str
    referral_id: str = strawberry.field(description="The referral whose content was removed.")
    how: ReuploadHow
    score: float | None = strawberry.field(description="Text similarity (0-100), same_text.")
    accounts: list[str]
    raised_at: datetime
    status: ReuploadStatus
    note: str | None
    referral_made: str | None = strawberry.field(description="The new referral, if referred.")

    @classmethod
    def of(cls, a: reuploads.Alert) -> ReuploadAlert:
        return cls(
            id=a.id, content_id=a.content_id, referral_id=a.referral_id,
            how=ReuploadHow(a.how), score=a.score, accounts=list(a.accounts),
            raised_at=a.raised_at, status=ReuploadStatus(a.status), note=a.note,
            referral_made=a.referral_made,
        )  # fmt: skip


@strawberry.type(description="A page of re-upload alerts, newest first.")
class ReuploadAlertPage:
    items: list[ReuploadAlert]
    end_cursor: str | None
    has_next_page: bool


@strawberry.type(description="An account whose removed content keeps coming back.")
class RepeatReuploader:
    account_key: str
    alerts: int
    content_ids: list[str]


Failure = InvalidInputError | NotFoundError | ConflictError | ForbiddenError
DraftResult = Annotated[RemovalReferralDrafted | Failure, strawberry.union("ReferContentResult")]
StepResult = Annotated[RemovalReferral | Failure, strawberry.union("RemovalStepResult")]
AlertResult = Annotated[ReuploadAlert | Failure, strawberry.union("ReuploadAlertResult")]


async def removal_referrals(
    info: Info,
    statuses: list[Status] | None = None,
    platform: str | None = None,
    overdue_only: bool = False,
    first: int = 50,
    after: str | None = None,
) -> RemovalReferralPage:
    """Referrals in the given states (default: every open one), soonest due first; with
    ``overdueOnly``, those sent and unanswered past the time their platform was given."""
    if not 1 <= first <= MAX_PAGE:
        raise InvalidValue("first", f"must be between 1 and {MAX_PAGE}")
    now = datetime.now(UTC)
    wanted = list(statuses) if statuses else sorted(OPEN)
    items, cursor = await asyncio.to_thread(
        store.queue, info.context.graph, wanted, now, platform, overdue_only, first, after
    )
    return RemovalReferralPage(
        items=[RemovalReferral.of(r, now) for r in items],
        end_cursor=cursor,
        has_next_page=cursor is not None,
    )


async def removal_stats(
    info: Info, by: RemovalStatsBy = RemovalStatsBy.PLATFORM, platform: str | None = None
) -> list[RemovalStatsRow]:
    """Referrals sent and how they were answered: time to removal (median, 90th percentile,
    in hours from sending) and the refusal rate."""
    answered = await asyncio.to_thread(store.answered, info.context.graph, platform)
    group = stats_model.by_platform if by is RemovalStatsBy.PLATFORM else stats_model.by_offence
    return [
        RemovalStatsRow(
            key=s.key,
            sent=s.sent,
            answered=s.answered,
            removed=s.removed,
            refused=s.refused,
            no_response=s.no_response,
            refusal_rate=s.refusal_rate,
            median_hours_to_removal=s.median_hours_to_removal,
            p90_hours_to_removal=s.p90_hours_to_removal,
        )
        for s in group(answered)
    ]


async def reupload_alerts(
    info: Info,
    statuses: list[ReuploadStatus] | None = None,
    first: int = 50,
    after: str | None = None,
) -> ReuploadAlertPage:
    """Removed content that came back (default: the open alerts), newest first."""
    if not 1 <= first <= MAX_PAGE:
        raise InvalidValue("first", f"must be between 1 and {MAX_PAGE}")
    wanted = [s.value for s in statuses] if statuses else [ReuploadStatus.OPEN.value]
    items, cursor = await asyncio.to_thread(
        reuploads.alerts, info.context.graph, wanted, first, after
    )
    return ReuploadAlertPage(
        items=[ReuploadAlert.of(a) for a in items], end_cursor=cursor,
        has_next_page=cursor is not None,
    )  # fmt: skip


async def repeat_reuploaders(info: Info, min_alerts: int = 2) -> list[RepeatReuploader]:
    """Accounts on at least ``minAlerts`` re-upload alerts, most first."""
    if min_alerts < 1:
        raise InvalidValue("minAlerts", "must be at least 1")
    rows = await asyncio.to_thread(reuploads.repeat_reuploaders, info.context.graph, min_alerts)
    return [RepeatReuploader(account_key=a, alerts=n, content_ids=list(c)) for a, n, c in rows]


@strawberry.type
class RemovalMutations:
    @strawberry.mutation(
        description="Draft the removal referral of a content item (once: a second call returns "
        "the first). Its reason is the case's recordable offences, or the platform policy "
        "named here."
    )
    async def refer_content(
        self, info: Info, content_id: str, policy_breached: str | None = None
    ) -> DraftResult:
        graph, who, now = info.context.graph, info.context.viewer.user_id, datetime.now(UTC)

        def work() -> RemovalReferralDrafted:
            referral, created = store.draft(graph, content_id, who, now, policy_breached)
            return RemovalReferralDrafted(referral=RemovalReferral.of(referral, now),
                                          created=created)  # fmt: skip

        return await guarded(work)

    @strawberry.mutation(description="A supervisor approves a drafted referral for sending.")
    async def approve_removal_referral(
        self, info: Info, referral_id: str, note: str | None = None
    ) -> StepResult:
        return await _step(info, referral_id, Status.APPROVED, note, None)

    @strawberry.mutation(
        description="Record the platform's answer: acknowledged, removed, restricted, refused "
        "(with its reason) or no response; evidence names what shows it (a ticket, a capture)."
    )
    async def record_removal_answer(
        self,
        info: Info,
        referral_id: str,
        status: Status,
        note: str | None = None,
        evidence: str | None = None,
    ) -> StepResult:
        answer = status
        if answer not in ANSWERS | {Status.ACKNOWLEDGED}:
            return InvalidInputError.of(
                InvalidValue(
                    "status",
                    "an answer is acknowledged, removed, restricted, refused or no_response",
                )
            )
        return await _step(info, referral_id, answer, note, evidence)

    @strawberry.mutation(
        description="Refer re-uploaded content in one action, with the earlier referral's "
        "reason; the alert is closed as referred."
    )
    async def refer_reupload(self, info: Info, alert_id: str) -> DraftResult:
        graph, who, now = info.context.graph, info.context.viewer.user_id, datetime.now(UTC)

        def work() -> RemovalReferralDrafted:
            referral = reuploads.refer_again(graph, alert_id, who, now)
            return RemovalReferralDrafted(referral=RemovalReferral.of(referral, now), created=True)

        return await guarded(work)

    @strawberry.mutation(description="Dismiss a re-upload alert, saying why.")
    async def dismiss_reupload_alert(self, info: Info, alert_id: str, note: str) -> AlertResult:
        graph, who, now = info.context.graph, info.context.viewer.user_id, datetime.now(UTC)
        if not note.strip():
            return InvalidInputError.of(InvalidValue("note", "say why the alert is dismissed"))
        return await guarded(
            lambda: ReuploadAlert.of(reuploads.dismiss(graph, alert_id, note, who, now))
        )


async def _step(
    info: Info, referral_id: str, to: Status, note: str | None, evidence: str | None
) -> StepResult:
    graph, who, now = info.context.graph, info.context.viewer.user_id, datetime.now(UTC)
    return await guarded(
        lambda: RemovalReferral.of(
            store.step(graph, referral_id, to, who, now, note, evidence), now
        )
    )


@strawberry.type
class RemovalQueries:
    removal_referrals: RemovalReferralPage = strawberry.field(
        resolver=removal_referrals,
        description="Removal referrals to platforms: to approve, awaiting an answer, overdue.",
    )
    removal_stats: list[RemovalStatsRow] = strawberry.field(
        resolver=removal_stats,
        description="How platforms answer removal referrals, by platform or by offence.",
    )
    reupload_alerts: ReuploadAlertPage = strawberry.field(
        resolver=reupload_alerts,
        description="Removed content that came back (ohch link reuploads raises them).",
    )
    repeat_reuploaders: list[RepeatReuploader] = strawberry.field(
        resolver=repeat_reuploaders,
        description="Accounts whose removed content keeps coming back.",
    )
