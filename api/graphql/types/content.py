"""Content items (duplicate clusters), their reports and accounts: ``content`` and ``report``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import ForbiddenError, InvalidInputError, NotFoundError
from api.graphql.types.connection import Connection
from api.graphql.types.enums import Strand
from api.graphql.types.evidence_files import EvidenceFile
from api.graphql.types.mirror import mirror, mirrors
from api.graphql.types.outcome import lookup_failure, outcome, paged
from services import attachments, cases, duplicates
from services import content as contents
from services.duplicates import ReviewReason
from services.paging import DEFAULT_PAGE, PageRequest

Info = strawberry.Info[Context, None]

strawberry.enum(
    ReviewReason,
    name="ReviewReason",
    description="Why the matcher asked an analyst: two candidates too close to call "
    "(AMBIGUOUS), or the rule that scored the best candidate.",
)

if TYPE_CHECKING:
    from api.graphql.types.case import Case


@strawberry.type(description="An account on a platform.")
@mirrors(contents.AccountValue)
class Account:
    pass


@strawberry.type(description="One report as received.")
@mirrors(contents.ReportValue)
class Report:
    id: strawberry.ID
    strands: list[Strand] = strawberry.field(description="As the reporter ticked them.")
    content_id: strawberry.Private[str | None]

    @classmethod
    def of(cls, value: contents.ReportValue) -> Report:
        return mirror(cls, value)

    @strawberry.field(description="The content this report is about (its duplicate cluster).")
    async def content(self, info: Info) -> Content | None:
        return await content_of(info, self.content_id)

    @strawberry.field(
        description="Files its sender sent with it, first sent first: metadata only (hub "
        "staff download them, audited, at GET /api/v1/evidence/{sha256})."
    )
    async def evidence_files(self, info: Info) -> list[EvidenceFile]:
        found = await info.context.loader(attachments.evidence_files_of_reports).load(str(self.id))
        return [EvidenceFile.of(f) for f in found]


@strawberry.type(description="One piece of content (a post), however many reports name it.")
@mirrors(contents.ContentValue)
class Content:
    id: strawberry.ID
    other_post_keys: list[str] = strawberry.field(
        description="The other posts an analyst merged into this content: a later report of "
        "any of them joins it."
    )
    reporters_count: int = strawberry.field(
        description="Distinct people who reported it. Once `ohch link people` has linked their "
        "reports, a person who reported it twice counts once; until then each report's "
        "reporter counts."
    )
    case_id: strawberry.Private[str | None]

    @classmethod
    def of(cls, value: contents.ContentValue) -> Content:
        return mirror(cls, value)

    @strawberry.field(description="Its reports, oldest first.")
    async def reports(
        self, info: Info, first: int = DEFAULT_PAGE, after: str | None = None
    ) -> Connection[Report]:
        asked = contents.ReportsOf(str(self.id), PageRequest(first, after))
        page = await info.context.loader(contents.reports_of_contents).load(asked)
        return Connection.of(page, Report.of)

    @strawberry.field(description="Accounts that posted it or that reporters named (at most 100).")
    async def accounts(self, info: Info) -> list[Account]:
        found = await info.context.loader(contents.accounts_of_contents).load(str(self.id))
        return [mirror(Account, a) for a in found]

    @strawberry.field(name="case", description="The case this content belongs to.")
    async def case_(
        self, info: Info
    ) -> Annotated[Case, strawberry.lazy("api.graphql.types.case")] | None:
        if self.case_id is None:
            return None
        from api.graphql.types.case import Case

        found = await info.context.loader(cases.cases_by_ids).load(self.case_id)
        return Case.of(found) if found else None


async def content_of(info: Info, content_id: str | None) -> Content | None:
    """The content item by id through the request's loader (for nested fields)."""
    if content_id is None:
        return None
    value = await info.context.loader(contents.contents_by_ids).load(content_id)
    return Content.of(value) if value else None


async def report_of(info: Info, report_id: str) -> Report | None:
    """The report by id through the request's loader (for nested fields)."""
    value = await info.context.loader(contents.reports_by_ids).load(report_id)
    return Report.of(value) if value else None


@strawberry.type(description="An analyst who answered a review item UNSURE, and why.")
@mirrors(duplicates.UnsureAnswer)
class UnsureAnswer:
    pass


@strawberry.type(description="A possible duplicate the matcher was not sure of.")
@mirrors(duplicates.ReviewItemValue, nested={duplicates.UnsureAnswer: UnsureAnswer})
class ReviewItem:
    id: strawberry.ID
    explanation: str = strawberry.field(description="The features and values compared (JSON).")
    report_id: strawberry.Private[str]
    candidate_id: strawberry.Private[str | None]

    @classmethod
    def of(cls, value: duplicates.ReviewItemValue) -> ReviewItem:
        return mirror(cls, value)

    @strawberry.field(description="The report that may be a duplicate.")
    async def report(self, info: Info) -> Report | None:
        return await report_of(info, self.report_id)

    @strawberry.field(description="The content the report may be a duplicate of.")
    async def candidate(self, info: Info) -> Content | None:
        return await content_of(info, self.candidate_id)


ContentResult = Annotated[
    Content | NotFoundError | ForbiddenError, strawberry.union("ContentResult")
]
ReportResult = Annotated[
    Report | NotFoundError | InvalidInputError | ForbiddenError, strawberry.union("ReportResult")
]
ReviewQueueResult = Annotated[
    Connection[ReviewItem] | InvalidInputError | ForbiddenError,
    strawberry.union("ReviewQueueResult"),
]


async def content(info: Info, id: strawberry.ID) -> ContentResult:
    found = await content_of(info, str(id))
    return found if found else NotFoundError(message=f"no content has the id {id!r}")


async def report(info: Info, source_ref: str, source: str | None = None) -> ReportResult:
    return await outcome(
        lambda: info.context.run(contents.report_by_source_ref, source_ref, source),
        Report.of,
        lookup_failure,
    )


async def review_queue(
    info: Info,
    first: Annotated[int, strawberry.argument(description="At most 500.")] = DEFAULT_PAGE,
    after: str | None = None,
) -> ReviewQueueResult:
    return await paged(
        lambda: info.context.run(duplicates.review_queue, PageRequest(first, after)),
        ReviewItem.of,
    )


@strawberry.type
class ContentQueries:
    content: ContentResult = strawberry.field(
        resolver=content, description="One content item (duplicate cluster)."
    )
    report: ReportResult = strawberry.field(
        resolver=report,
        description="A report by its sender's reference (and the sender, where several systems "
        "used the reference).",
    )
    review_queue: ReviewQueueResult = strawberry.field(
        resolver=review_queue,
        description="Possible duplicates awaiting a decision, oldest first.",
    )
