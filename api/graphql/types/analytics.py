"""The scale and nature of online hate, for analysts: prolific accounts and persons, repeat
victims, most-reported content and weekly trends, each over a bounded window of reports
(``services/analytics.py``), each a connection paged with ``first``/``after``. Each window is
read by the time ``basis`` names: when the person reported it unless asked otherwise.

Hub staff only. Victims are personal data: they appear as identity keys and counts, never
names or contact details.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated, Any

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import ForbiddenError, InvalidInputError
from api.graphql.types.connection import Connection
from api.graphql.types.content import Content, content_of
from api.graphql.types.outcome import paged
from graph.intel.bounds import DEFAULT_BASIS, TimeBasis
from services import analytics as service
from services.paging import DEFAULT_PAGE, PageRequest

Info = strawberry.Info[Context, None]

strawberry.enum(
    TimeBasis,
    description="Which of a report's times a window counts it by: REPORTED, when the person "
    "reported it (the form's or partner's submission; the default); INCIDENT, when the incident "
    "happened (reports without an incident date are not counted); RECEIVED, when the hub "
    "received it (a backlog or a partner's file arrives all at once).",
)
BASIS_DESCRIPTION = "Which time of each report the window is read against (default REPORTED)."
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
    reports: int = strawberry.field(
        description="Reports naming them in the window (each report once)."
    )
    contents: int = strawberry.field(
        description="Distinct content (clusters: a viral post counts once) reported."
    )

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
    reports: int = strawberry.field(
        description="Reports naming them in the window (each report once)."
    )
    contents: int = strawberry.field(
        description="Distinct content (clusters: a viral post counts once) reported."
    )
    account_count: int = strawberry.field(description="Distinct accounts of the person named.")
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
    reports: int = strawberry.field(description="Reports naming the victim in the window.")
    cases: int = strawberry.field(description="Distinct cases of those reports.")
    first_reported_at: datetime = strawberry.field(
        description="The earliest of those reports, by the window's time basis."
    )
    last_reported_at: datetime = strawberry.field(
        description="The latest of those reports, by the window's time basis."
    )

    @classmethod
    def of(cls, v: service.RepeatVictim) -> RepeatVictim:
        return cls(
            victim=v.victim,
            reports=v.reports,
            cases=v.cases,
            first_reported_at=v.first_reported_at,
            last_reported_at=v.last_reported_at,
        )


@strawberry.type(description="Content by its reports in the window.")
class ReportedContent:
    content_id: str
    reports: int = strawberry.field(description="Reports of the content in the window.")
    reporters: int = strawberry.field(description="Distinct named reporters in the window.")

    @classmethod
    def of(cls, v: service.ReportedContent) -> ReportedContent:
        return cls(content_id=v.content_id, reports=v.reports, reporters=v.reporters)

    @strawberry.field(description="The content itself (all its reports, not only the window's).")
    async def content(self, info: Info) -> Content | None:
        return await content_of(info, self.content_id)


@strawberry.type(
    description="One ISO week (Monday, UTC) under one key: its reports, and its distinct posts."
)
class TrendRow:
    week_start: date
    key: str
    reports: int = strawberry.field(description="Reports (a viral post's every report counts).")
    posts: int | None = strawberry.field(
        description="Distinct posts (content clusters: a viral post counts once) with reports "
        "in the week; counted only when asked for."
    )

    @classmethod
    def of(cls, v: service.TrendRow) -> TrendRow:
        return cls(week_start=v.week_start, key=v.key, reports=v.reports, posts=v.posts)


def _asks_for(selections: Iterable[Any], name: str) -> bool:
    """Whether ``name`` is selected anywhere below ``selections`` (fragments included)."""
    return any(
        getattr(s, "name", None) == name or _asks_for(getattr(s, "selections", ()), name)
        for s in selections
    )


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
    basis: Annotated[TimeBasis, strawberry.argument(description=BASIS_DESCRIPTION)] = DEFAULT_BASIS,
) -> ProlificAccountsResult:
    return await paged(
        lambda: info.context.run(
            service.prolific_accounts,
            since,
            until,
            platform,
            order_by,
            PageRequest(first, after),
            basis,
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
    basis: Annotated[TimeBasis, strawberry.argument(description=BASIS_DESCRIPTION)] = DEFAULT_BASIS,
) -> ProlificPersonsResult:
    return await paged(
        lambda: info.context.run(
            service.prolific_persons, since, until, order_by, PageRequest(first, after), basis
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
    basis: Annotated[TimeBasis, strawberry.argument(description=BASIS_DESCRIPTION)] = DEFAULT_BASIS,
) -> RepeatVictimsResult:
    return await paged(
        lambda: info.context.run(
            service.repeat_victims,
            since,
            until,
            min_reports,
            min_cases,
            PageRequest(first, after),
            basis,
        ),
        RepeatVictim.of,
    )


async def most_reported_content(
    info: Info,
    since: datetime,
    until: datetime,
    first: int = DEFAULT_PAGE,
    after: str | None = None,
    basis: Annotated[TimeBasis, strawberry.argument(description=BASIS_DESCRIPTION)] = DEFAULT_BASIS,
) -> MostReportedContentResult:
    return await paged(
        lambda: info.context.run(
            service.most_reported_content, since, until, PageRequest(first, after), basis
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
    basis: Annotated[TimeBasis, strawberry.argument(description=BASIS_DESCRIPTION)] = DEFAULT_BASIS,
) -> TrendsResult:
    posts = _asks_for(info.selected_fields, "posts")
    return await paged(
        lambda: info.context.run(
            service.trends, dimension, since, until, PageRequest(first, after), basis, posts
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
        description="Content with the most reports in a window.",
    )
    trends: TrendsResult = strawberry.field(
        resolver=trends,
        description="Reports and distinct posts per ISO week (Monday, UTC) by strand, platform "
        "or force, by week then key.",
    )
