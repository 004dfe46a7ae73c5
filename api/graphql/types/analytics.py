"""The scale and nature of online hate, for analysts: prolific accounts and persons, repeat
victims, most-reported content and weekly trends, each over a bounded window of reports
(``services/analytics.py``), each a connection paged with ``first``/``after``.

Hub staff only. Victims are personal data: they appear as identity keys and counts, never
names or contact details.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import ForbiddenError, InvalidInputError
from api.graphql.types.connection import Connection
from api.graphql.types.content import Content, content_of
from api.graphql.types.outcome import paged
from services import analytics as service
from services.paging import DEFAULT_PAGE, PageRequest

Info = strawberry.Info[Context, None]

strawberry.enum(
    service.ProlificOrder,
    description="What ranks prolific accounts and persons first: REPORTS, the reports naming "
    "them; CONTENT, the distinct content reported.",
)
strawberry.enum(
    service.TrendDimension,
    description="What weekly trends are broken down by: STRAND, the hate strand (a report "
    "under each); PLATFORM, the platform of the content; FORCE, the case's assigned force, "
    "else the chosen force, else unassigned.",
)


@strawberry.type(description="An account named as the suspect in reports of the window.")
class ProlificAccount:
    key: str
    platform: str
    handle: str | None
    person_id: str
    reports: int
    contents: int = strawberry.field(description="Distinct content (clusters) reported.")

    @classmethod
    def of(cls, v: service.ProlificAccount) -> ProlificAccount:
        return cls(
            key=v.key,
            platform=v.platform,
            handle=v.handle,
            person_id=v.person_id,
            reports=v.reports,
            contents=v.contents,
        )


@strawberry.type(description="A person behind accounts named in reports of the window.")
class ProlificPerson:
    person_id: str
    reports: int
    contents: int
    account_count: int
    accounts: list[str] = strawberry.field(
        description=f"Up to {service.ACCOUNTS_SHOWN} account keys."
    )
    platforms: list[str]

    @classmethod
    def of(cls, v: service.ProlificPerson) -> ProlificPerson:
        return cls(
            person_id=v.person_id,
            reports=v.reports,
            contents=v.contents,
            account_count=v.account_count,
            accounts=list(v.accounts),
            platforms=list(v.platforms),
        )


@strawberry.type(description="A victim identity in several reports: a key and counts only.")
class RepeatVictim:
    victim: str = strawberry.field(description="Identity key (person id, else Person id).")
    reports: int
    cases: int
    first_reported_at: datetime
    last_reported_at: datetime

    @classmethod
    def of(cls, v: service.RepeatVictim) -> RepeatVictim:
        return cls(
            victim=v.victim,
            reports=v.reports,
            cases=v.cases,
            first_reported_at=v.first_reported_at,
            last_reported_at=v.last_reported_at,
        )


@strawberry.type(description="Content by reports received in the window.")
class ReportedContent:
    content_id: str
    reports: int
    reporters: int = strawberry.field(description="Distinct named reporters in the window.")

    @classmethod
    def of(cls, v: service.ReportedContent) -> ReportedContent:
        return cls(content_id=v.content_id, reports=v.reports, reporters=v.reporters)

    @strawberry.field(description="The content itself (all its reports, not only the window's).")
    async def content(self, info: Info) -> Content | None:
        return await content_of(info, self.content_id)


@strawberry.type(description="Reports received in one ISO week (Monday, UTC) under one key.")
class TrendRow:
    week_start: date
    key: str
    reports: int

    @classmethod
    def of(cls, v: service.TrendRow) -> TrendRow:
        return cls(week_start=v.week_start, key=v.key, reports=v.reports)


ProlificAccountsResult = Annotated[
    Connection[ProlificAccount] | InvalidInputError | ForbiddenError,
    strawberry.union("ProlificAccountsResult"),
]
ProlificPersonsResult = Annotated[
    Connection[ProlificPerson] | InvalidInputError | ForbiddenError,
    strawberry.union("ProlificPersonsResult"),
]
RepeatVictimsResult = Annotated[
    Connection[RepeatVictim] | InvalidInputError | ForbiddenError,
    strawberry.union("RepeatVictimsResult"),
]
MostReportedContentResult = Annotated[
    Connection[ReportedContent] | InvalidInputError | ForbiddenError,
    strawberry.union("MostReportedContentResult"),
]
TrendsResult = Annotated[
    Connection[TrendRow] | InvalidInputError | ForbiddenError,
    strawberry.union("TrendsResult"),
]


async def prolific_accounts(
    info: Info,
    since: datetime,
    until: datetime,
    platform: str | None = None,
    order_by: service.ProlificOrder = service.ProlificOrder.REPORTS,
    first: int = DEFAULT_PAGE,
    after: str | None = None,
) -> ProlificAccountsResult:
    return await paged(
        lambda: info.context.run(
            service.prolific_accounts, since, until, platform, order_by, PageRequest(first, after)
        ),
        ProlificAccount.of,
    )


async def prolific_persons(
    info: Info,
    since: datetime,
    until: datetime,
    order_by: service.ProlificOrder = service.ProlificOrder.REPORTS,
    first: int = DEFAULT_PAGE,
    after: str | None = None,
) -> ProlificPersonsResult:
    return await paged(
        lambda: info.context.run(
            service.prolific_persons, since, until, order_by, PageRequest(first, after)
        ),
        ProlificPerson.of,
    )


async def repeat_victims(
    info: Info,
    since: datetime,
    until: datetime,
    min_reports: int = 2,
    min_cases: int = 1,
    first: int = DEFAULT_PAGE,
    after: str | None = None,
) -> RepeatVictimsResult:
    return await paged(
        lambda: info.context.run(
            service.repeat_victims,
            since,
            until,
            min_reports,
            min_cases,
            PageRequest(first, after),
        ),
        RepeatVictim.of,
    )


async def most_reported_content(
    info: Info,
    since: datetime,
    until: datetime,
    first: int = DEFAULT_PAGE,
    after: str | None = None,
) -> MostReportedContentResult:
    return await paged(
        lambda: info.context.run(
            service.most_reported_content, since, until, PageRequest(first, after)
        ),
        ReportedContent.of,
    )


async def trends(
    info: Info,
    dimension: service.TrendDimension,
    since: datetime,
    until: datetime,
    first: int = DEFAULT_PAGE,
    after: str | None = None,
) -> TrendsResult:
    return await paged(
        lambda: info.context.run(
            service.trends, dimension, since, until, PageRequest(first, after)
        ),
        TrendRow.of,
    )


@strawberry.type
class AnalyticsQueries:
    prolific_accounts: ProlificAccountsResult = strawberry.field(
        resolver=prolific_accounts,
        description="Accounts named as the suspect in the most reports of a window.",
    )
    prolific_persons: ProlificPersonsResult = strawberry.field(
        resolver=prolific_persons,
        description="Persons behind accounts named in the most reports of a window.",
    )
    repeat_victims: RepeatVictimsResult = strawberry.field(
        resolver=repeat_victims,
        description="Victim identities in several reports of a window (keys and counts only).",
    )
    most_reported_content: MostReportedContentResult = strawberry.field(
        resolver=most_reported_content,
        description="Content with the most reports received in a window.",
    )
    trends: TrendsResult = strawberry.field(
        resolver=trends,
        description="Reports per ISO week (Monday, UTC) by strand, platform or force, by week "
        "then key.",
    )
