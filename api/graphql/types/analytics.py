"""The scale and nature of online hate, for analysts: prolific accounts and persons, repeat
victims, most-reported content and weekly trends, each over a bounded window of reports.

Hub staff only, with the force filter inside each query as the first layer. Victims are
personal data: they appear as identity keys and counts, never names or contact details.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

import strawberry

from api.graphql.context import Context, read
from api.graphql.permissions import require_hub_staff
from api.graphql.types.content import Content
from graph.db import native
from graph.intel.bounds import Window, within
from graph.platforms import resolve_platform_name

Info = strawberry.Info[Context, None]
MAX_ROWS = 500
MAX_THRESHOLD = 1_000
ACCOUNTS_SHOWN = 20


@strawberry.enum(description="What ranks prolific accounts and persons first.")
class ProlificOrder(enum.Enum):
    REPORTS = strawberry.enum_value("REPORTS", description="Reports naming them.")
    CONTENT = strawberry.enum_value("CONTENT", description="Distinct content reported.")


@strawberry.enum(description="What weekly trends are broken down by.")
class TrendDimension(enum.Enum):
    STRAND = strawberry.enum_value("STRAND", description="Hate strand (a report under each).")
    PLATFORM = strawberry.enum_value("PLATFORM", description="Platform of the content.")
    FORCE = strawberry.enum_value(
        "FORCE", description="The case's assigned force, else the chosen force, else unassigned."
    )


TREND_QUERIES = {
    TrendDimension.STRAND: "intel/trends_by_strand",
    TrendDimension.PLATFORM: "intel/trends_by_platform",
    TrendDimension.FORCE: "intel/trends_by_force",
}
# Intake keeps a day's reports by strand and by platform (schema/006_report_days.cypher). Not
# by force: a report's force follows its case's reassignment, so a day's count would change.
COUNTED_DAILY = frozenset({TrendDimension.STRAND, TrendDimension.PLATFORM})


@strawberry.type(description="An account named as the suspect in reports of the window.")
class ProlificAccount:
    key: str
    platform: str
    handle: str | None
    person_id: str
    reports: int
    contents: int = strawberry.field(description="Distinct content (clusters) reported.")


@strawberry.type(description="A person behind accounts named in reports of the window.")
class ProlificPerson:
    person_id: str
    reports: int
    contents: int
    account_count: int
    accounts: list[str] = strawberry.field(description=f"Up to {ACCOUNTS_SHOWN} account keys.")
    platforms: list[str]


@strawberry.type(description="A victim identity in several reports: a key and counts only.")
class RepeatVictim:
    victim: str = strawberry.field(description="Identity key (person id, else Person id).")
    reports: int
    cases: int
    first_reported_at: datetime
    last_reported_at: datetime


@strawberry.type(description="Content by reports received in the window.")
class ReportedContent:
    content_id: str
    reports: int
    reporters: int = strawberry.field(description="Distinct named reporters in the window.")

    @strawberry.field(description="The content itself (all its reports, not only the window's).")
    async def content(self, info: Info) -> Content | None:
        record = await info.context.loaders.content.load(self.content_id)
        return Content.of(record) if record else None


@strawberry.type(description="Reports received in one ISO week (Monday, UTC) under one key.")
class TrendRow:
    week_start: date
    key: str
    reports: int


def _window(info: Info, since: datetime, until: datetime, limit: int) -> dict[str, object]:
    require_hub_staff(info.context.viewer)
    within("limit", limit, 1, MAX_ROWS)
    return {**Window.of(since, until).params(), **info.context.viewer.cypher_scope()}


async def prolific_accounts(
    info: Info,
    since: datetime,
    until: datetime,
    platform: str | None = None,
    order_by: ProlificOrder = ProlificOrder.REPORTS,
    limit: int = 50,
) -> list[ProlificAccount]:
    params = _window(info, since, until, limit)
    platform_id = resolve_platform_name(platform).id if platform is not None else None
    rows = await read(
        info.context.graph, "intel/prolific_accounts", platform=platform_id,
        by_content=order_by is ProlificOrder.CONTENT, limit=limit, **params,
    )  # fmt: skip
    return [
        ProlificAccount(
            key=r["key"], platform=r["platform"], handle=r["handle"], person_id=r["person_id"],
            reports=r["reports"], contents=r["contents"],
        )
        for r in rows
    ]  # fmt: skip


async def prolific_persons(
    info: Info,
    since: datetime,
    until: datetime,
    order_by: ProlificOrder = ProlificOrder.REPORTS,
    limit: int = 50,
) -> list[ProlificPerson]:
    params = _window(info, since, until, limit)
    rows = await read(
        info.context.graph, "intel/prolific_persons", accounts_shown=ACCOUNTS_SHOWN,
        by_content=order_by is ProlificOrder.CONTENT, limit=limit, **params,
    )  # fmt: skip
    return [
        ProlificPerson(
            person_id=r["person_id"], reports=r["reports"], contents=r["contents"],
            account_count=r["account_count"], accounts=sorted(r["accounts"]),
            platforms=sorted(r["platforms"]),
        )
        for r in rows
    ]  # fmt: skip


async def repeat_victims(
    info: Info,
    since: datetime,
    until: datetime,
    min_reports: int = 2,
    min_cases: int = 1,
    limit: int = 50,
) -> list[RepeatVictim]:
    params = _window(info, since, until, limit)
    within("minReports", min_reports, 2, MAX_THRESHOLD)
    within("minCases", min_cases, 1, MAX_THRESHOLD)
    rows = await read(
        info.context.graph, "intel/repeat_victims", min_reports=min_reports,
        min_cases=min_cases, limit=limit, **params,
    )  # fmt: skip
    return [
        RepeatVictim(
            victim=r["victim"], reports=r["reports"], cases=r["cases"],
            first_reported_at=native(r["first_at"]), last_reported_at=native(r["last_at"]),
        )
        for r in rows
    ]  # fmt: skip


async def most_reported_content(
    info: Info, since: datetime, until: datetime, limit: int = 50
) -> list[ReportedContent]:
    params = _window(info, since, until, limit)
    rows = await read(info.context.graph, "intel/most_reported_content", limit=limit, **params)
    return [
        ReportedContent(content_id=r["content_id"], reports=r["reports"], reporters=r["reporters"])
        for r in rows
    ]


async def trends(
    info: Info, dimension: TrendDimension, since: datetime, until: datetime
) -> list[TrendRow]:
    require_hub_staff(info.context.viewer)
    viewer = info.context.viewer
    window = Window.of(since, until)
    params: dict[str, object] = {**window.params(), **viewer.cypher_scope()}
    if dimension in COUNTED_DAILY:
        params |= window.counted_days(sees_all=viewer.sees_all_forces)
    rows = await read(info.context.graph, TREND_QUERIES[dimension], **params)
    return [
        TrendRow(week_start=native(r["week"]), key=r["key"], reports=r["reports"]) for r in rows
    ]


@strawberry.type
class AnalyticsQueries:
    prolific_accounts: list[ProlificAccount] = strawberry.field(
        resolver=prolific_accounts,
        description="Accounts named as the suspect in the most reports of a window.",
    )
    prolific_persons: list[ProlificPerson] = strawberry.field(
        resolver=prolific_persons,
        description="Persons behind accounts named in the most reports of a window.",
    )
    repeat_victims: list[RepeatVictim] = strawberry.field(
        resolver=repeat_victims,
        description="Victim identities in several reports of a window (keys and counts only).",
    )
    most_reported_content: list[ReportedContent] = strawberry.field(
        resolver=most_reported_content,
        description="Content with the most reports received in a window.",
    )
    trends: list[TrendRow] = strawberry.field(
        resolver=trends,
        description="Reports per ISO week (Monday, UTC) by strand, platform or force.",
    )
