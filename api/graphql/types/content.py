"""Reports, content clusters, cases and the duplicate review queue."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Context, read
from api.graphql.permissions import require_hub_staff
from graph.db import Record, from_wire_time, native
from graph.errors import InvalidValue

Info = strawberry.Info[Context, None]

if TYPE_CHECKING:
    from api.graphql.types.case import Case


@strawberry.type(description="An account on a platform.")
class Account:
    key: str
    platform: str
    handle: str


@strawberry.type(description="One report as received.")
class Report:
    id: strawberry.ID
    source: str
    source_ref: str
    reference: str
    received_at: datetime | None
    strands: list[str]
    content_id: strawberry.Private[str | None]

    @classmethod
    def of(cls, r: Record) -> Report:
        return cls(
            id=strawberry.ID(r["id"]), source=r["source"], source_ref=r["source_ref"],
            reference=r["reference"], received_at=from_wire_time(r["received_at"]),
            strands=list(r["strands"] or []), content_id=r["content_id"],
        )  # fmt: skip

    @strawberry.field(description="The content this report is about (its duplicate cluster).")
    async def content(self, info: Info) -> Content | None:
        if self.content_id is None:
            return None
        record = await info.context.loaders.content.load(self.content_id)
        return Content.of(record) if record else None


@strawberry.type(description="One piece of content (a post), however many reports name it.")
class Content:
    id: strawberry.ID
    platform: str | None
    post_key: str | None
    other_post_keys: list[str] = strawberry.field(
        description="The other posts an analyst merged into this content: a later report of "
        "any of them joins it."
    )
    report_count: int
    reporters_count: int = strawberry.field(
        description="Distinct people who reported it. Once `ohch link people` has linked their "
        "reports, a person who reported it twice counts once; until then each report's "
        "reporter counts."
    )
    first_seen_at: datetime | None
    last_seen_at: datetime | None
    case_id: strawberry.Private[str | None]

    @classmethod
    def of(cls, r: Record) -> Content:
        return cls(
            id=strawberry.ID(r["id"]), platform=r["platform"], post_key=r["post_key"],
            other_post_keys=list(r["other_post_keys"]), report_count=r["report_count"],
            reporters_count=r["reporters_count"],
            first_seen_at=native(r["first_at"]), last_seen_at=native(r["last_at"]),
            case_id=r["case_id"],
        )  # fmt: skip

    @strawberry.field(description="Its reports, oldest first (at most 500).")
    async def reports(self, info: Info) -> list[Report]:
        return [Report.of(r) for r in await info.context.loaders.reports_of_content.load(self.id)]

    @strawberry.field(description="Accounts that posted it or that reporters named.")
    async def accounts(self, info: Info) -> list[Account]:
        records = await info.context.loaders.accounts_of_content.load(self.id)
        return [Account(key=r["key"], platform=r["platform"], handle=r["handle"]) for r in records]

    @strawberry.field(name="case", description="The case this content belongs to.")
    async def case_(
        self, info: Info
    ) -> Annotated[Case, strawberry.lazy("api.graphql.types.case")] | None:
        if self.case_id is None:
            return None
        from api.graphql.types.case import Case

        record = await info.context.loaders.case.load(self.case_id)
        return Case.of(record) if record else None


@strawberry.type(description="A possible duplicate the system was not sure of.")
class ReviewItem:
    id: strawberry.ID
    reason: str
    score: float
    explanation: str = strawberry.field(description="The features and values compared (JSON).")
    created_at: datetime | None
    report_id: strawberry.Private[str]
    candidate_id: strawberry.Private[str | None]
    candidate_ids: list[str]

    @strawberry.field
    async def report(self, info: Info) -> Report | None:
        record = await info.context.loaders.report.load(self.report_id)
        return Report.of(record) if record else None

    @strawberry.field(description="The content the report may be a duplicate of.")
    async def candidate(self, info: Info) -> Content | None:
        if self.candidate_id is None:
            return None
        record = await info.context.loaders.content.load(self.candidate_id)
        return Content.of(record) if record else None


async def content(info: Info, id: strawberry.ID) -> Content | None:
    require_hub_staff(info.context.viewer)
    record = await info.context.loaders.content.load(str(id))
    return Content.of(record) if record else None


async def report(info: Info, source_ref: str, source: str | None = None) -> Report | None:
    require_hub_staff(info.context.viewer)
    records = await read(
        info.context.graph, "content/reports_by_source_ref", source_ref=source_ref, source=source
    )
    if len(records) > 1:
        raise InvalidValue("source", "several systems used this source_ref: name the source")
    return Report.of(records[0]) if records else None


async def review_queue(
    info: Info, limit: Annotated[int, strawberry.argument(description="At most 200")] = 50
) -> list[ReviewItem]:
    require_hub_staff(info.context.viewer)
    records = await read(info.context.graph, "content/review_queue", limit=max(1, min(limit, 200)))
    return [
        ReviewItem(
            id=strawberry.ID(r["id"]),
            reason=r["reason"],
            score=r["score"],
            explanation=r["explanation"],
            created_at=native(r["created_at"]),
            report_id=r["report_id"],
            candidate_id=r["candidate_id"],
            candidate_ids=list(r["candidate_ids"] or []),
        )
        for r in records
    ]


@strawberry.type
class ContentQueries:
    content: Content | None = strawberry.field(
        resolver=content, description="One content item (duplicate cluster)."
    )
    report: Report | None = strawberry.field(
        resolver=report, description="A report by its sender's reference."
    )
    review_queue: list[ReviewItem] = strawberry.field(
        resolver=review_queue, description="Possible duplicates awaiting a decision."
    )
