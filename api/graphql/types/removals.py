"""Removal referrals to platforms: the queues, the statistics, and each step as a mutation.

Each field calls one use case of ``services/removals.py``; the types mirror its values
(``graph/removals/models.py``, ``graph/removals/stats.py``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import Failure, ForbiddenError
from api.graphql.types.connection import Connection
from api.graphql.types.mirror import mirror, mirrors
from api.graphql.types.outcome import ListFailure, mutated, paged
from graph.removals import models
from graph.removals.lifecycle import Status
from graph.removals.models import AlertStatus, ReuploadHow
from graph.removals.stats import RemovalStats, StatsBy
from services import removals
from services.paging import PageRequest

Info = strawberry.Info[Context, None]

# The domain's own enums, registered with GraphQL.
strawberry.enum(Status, name="RemovalStatus", description="A referral's state.")
strawberry.enum(
    StatsBy, name="RemovalStatsBy", description="What removal statistics are grouped by."
)
strawberry.enum(AlertStatus, name="ReuploadStatus", description="Where a re-upload alert stands.")
strawberry.enum(
    ReuploadHow, name="ReuploadHow", description="How removed content was found to be back."
)


@strawberry.type(description="One step of a referral's life: who took it, when, with what.")
@mirrors(models.Step)
class RemovalStep:
    pass


@strawberry.type(description="Content referred to the platform that hosts it, for removal.")
@mirrors(models.Referral, nested={models.Step: RemovalStep})
class RemovalReferral:
    text: str | None = strawberry.field(description="The content's text as first reported.")
    evidence: list[str] = strawberry.field(
        name="evidenceSha256", description="Hashes of the evidence files."
    )
    offences: list[str] = strawberry.field(description="Recordable offences (ids) it is for.")
    reports: int = strawberry.field(description="Reports of the content when it was drafted.")
    due_at: datetime | None = strawberry.field(description="When the platform's answer is due.")
    overdue: bool = strawberry.field(description="Sent, unanswered, past its due time.")

    @classmethod
    def of(cls, referral: models.Referral, now: datetime) -> RemovalReferral:
        return mirror(cls, referral, overdue=referral.overdue(now))


@strawberry.type(description="A content item's referral, and whether this call drafted it.")
class RemovalReferralDrafted:
    referral: RemovalReferral
    created: bool

    @classmethod
    def of(cls, drafted: models.ReferralDrafted, now: datetime) -> RemovalReferralDrafted:
        return cls(referral=RemovalReferral.of(drafted.referral, now), created=drafted.created)


@strawberry.type(description="How a platform (or the referrals for an offence) were answered.")
@mirrors(RemovalStats)
class RemovalStatsRow:
    removed: int = strawberry.field(description="Removed or restricted.")
    refusal_rate: float | None

    @classmethod
    def of(cls, row: RemovalStats) -> RemovalStatsRow:
        return mirror(cls, row, refusal_rate=row.refusal_rate)


@strawberry.type(description="Removal statistics, a row a platform or offence.")
class RemovalStatsTable:
    by: StatsBy
    rows: list[RemovalStatsRow]


@strawberry.type(description="Removed content that came back, linked to the earlier referral.")
@mirrors(models.Alert)
class ReuploadAlert:
    referral_id: str = strawberry.field(description="The referral whose content was removed.")
    score: float | None = strawberry.field(
        description="Text similarity (0-100) for same_text; PDQ distance in bits (0-256, "
        "lower is nearer) for same_image."
    )
    referral_made: str | None = strawberry.field(description="The new referral, if referred.")


@strawberry.type(description="An account whose removed content keeps coming back.")
@mirrors(models.RepeatReuploader)
class RepeatReuploader:
    pass


RemovalReferralsResult = Annotated[
    Connection[RemovalReferral] | ListFailure,
    strawberry.union("RemovalReferralsResult"),
]
RemovalStatsResult = Annotated[
    RemovalStatsTable | ForbiddenError, strawberry.union("RemovalStatsResult")
]
ReuploadAlertsResult = Annotated[
    Connection[ReuploadAlert] | ListFailure,
    strawberry.union("ReuploadAlertsResult"),
]
RepeatReuploadersResult = Annotated[
    Connection[RepeatReuploader] | ListFailure,
    strawberry.union("RepeatReuploadersResult"),
]
ReferContentResult = Annotated[
    RemovalReferralDrafted | Failure, strawberry.union("ReferContentResult")
]
ApproveRemovalReferralResult = Annotated[
    RemovalReferral | Failure, strawberry.union("ApproveRemovalReferralResult")
]
RecordRemovalAnswerResult = Annotated[
    RemovalReferral | Failure, strawberry.union("RecordRemovalAnswerResult")
]
ReferReuploadResult = Annotated[
    RemovalReferralDrafted | Failure, strawberry.union("ReferReuploadResult")
]
DismissReuploadAlertResult = Annotated[
    ReuploadAlert | Failure, strawberry.union("DismissReuploadAlertResult")
]


@strawberry.type
class RemovalQueries:
    @strawberry.field(
        description="Removal referrals to platforms: to approve, awaiting an answer, overdue. "
        "In the given states (default: every open one), soonest due first; with "
        "`overdueOnly`, those sent and unanswered past the time their platform was given."
    )
    async def removal_referrals(
        self,
        info: Info,
        statuses: list[Status] | None = None,
        platform: str | None = None,
        overdue_only: bool = False,
        first: int = 50,
        after: str | None = None,
    ) -> RemovalReferralsResult:
        now = datetime.now(UTC)
        return await paged(
            lambda: info.context.run(
                removals.removal_referrals,
                statuses or [],
                platform,
                overdue_only,
                PageRequest(first, after),
                now,
            ),
            lambda r: RemovalReferral.of(r, now),
        )

    @strawberry.field(
        description="How platforms answer removal referrals, by platform or by offence: time "
        "to removal (median, 90th percentile, in hours from sending) and the refusal rate."
    )
    async def removal_stats(
        self, info: Info, by: StatsBy = StatsBy.PLATFORM, platform: str | None = None
    ) -> RemovalStatsResult:
        rows = await info.context.run(removals.removal_stats, by, platform)
        return RemovalStatsTable(by=by, rows=[RemovalStatsRow.of(r) for r in rows])

    @strawberry.field(
        description="Removed content that came back (ohch link reuploads raises them): in the "
        "given states (default: open), newest first."
    )
    async def reupload_alerts(
        self,
        info: Info,
        statuses: list[AlertStatus] | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> ReuploadAlertsResult:
        return await paged(
            lambda: info.context.run(
                removals.reupload_alerts, statuses or [], PageRequest(first, after)
            ),
            lambda a: mirror(ReuploadAlert, a),
        )

    @strawberry.field(
        description="Accounts whose removed content keeps coming back: those on at least "
        "`minAlerts` re-upload alerts, most first."
    )
    async def repeat_reuploaders(
        self, info: Info, min_alerts: int = 2, first: int = 50, after: str | None = None
    ) -> RepeatReuploadersResult:
        return await paged(
            lambda: info.context.run(
                removals.repeat_reuploaders, min_alerts, PageRequest(first, after)
            ),
            lambda r: mirror(RepeatReuploader, r),
        )


@strawberry.type
class RemovalMutations:
    @strawberry.mutation(
        description="Draft the removal referral of a content item (once: a second call returns "
        "the first). Its reason is the case's recordable offences, or the platform policy "
        "named here."
    )
    async def refer_content(
        self, info: Info, content_id: str, policy_breached: str | None = None
    ) -> ReferContentResult:
        return await mutated(
            lambda now: info.context.run(removals.refer_content, content_id, policy_breached, now),
            RemovalReferralDrafted.of,
        )

    @strawberry.mutation(description="A supervisor approves a drafted referral for sending.")
    async def approve_removal_referral(
        self, info: Info, referral_id: str, note: str | None = None
    ) -> ApproveRemovalReferralResult:
        return await mutated(
            lambda now: info.context.run(removals.approve_removal_referral, referral_id, note, now),
            RemovalReferral.of,
        )

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
    ) -> RecordRemovalAnswerResult:
        return await mutated(
            lambda now: info.context.run(
                removals.record_removal_answer, referral_id, status, note, evidence, now
            ),
            RemovalReferral.of,
        )

    @strawberry.mutation(
        description="Refer re-uploaded content in one action, with the earlier referral's "
        "reason; the alert is closed as referred."
    )
    async def refer_reupload(self, info: Info, alert_id: str) -> ReferReuploadResult:
        return await mutated(
            lambda now: info.context.run(removals.refer_reupload, alert_id, now),
            RemovalReferralDrafted.of,
        )

    @strawberry.mutation(description="Dismiss a re-upload alert, saying why.")
    async def dismiss_reupload_alert(
        self, info: Info, alert_id: str, note: str
    ) -> DismissReuploadAlertResult:
        return await mutated(
            lambda now: info.context.run(removals.dismiss_reupload_alert, alert_id, note, now),
            lambda alert, _: mirror(ReuploadAlert, alert),
        )
