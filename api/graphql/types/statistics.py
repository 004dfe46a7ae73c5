"""The hub's periodic statistics (``services/statistics.py``): a month's or a quarter's rows,
a row a breakdown and category, each with its counting rule. Hub staff only."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.analytics import BASIS_DESCRIPTION
from api.graphql.types.common import ForbiddenError, InvalidInputError
from api.graphql.types.outcome import list_failure, outcome
from graph.intel.bounds import DEFAULT_BASIS, TimeBasis
from graph.statistics.periods import PeriodKind, Status
from graph.statistics.rollup import Breakdown
from services import statistics as service

Info = strawberry.Info[Context, None]

strawberry.enum(PeriodKind, description="A calendar month or quarter (UTC).")
strawberry.enum(
    Status,
    name="StatisticsStatus",
    description="FINAL: the period has ended; PROVISIONAL: it has not, and its figures will "
    "still grow.",
)
strawberry.enum(
    Breakdown,
    name="StatisticsBreakdown",
    description="What a row is broken down by; TOTAL counts each report once.",
)


@strawberry.type(description="One statistic: a period, a breakdown and a category.")
class StatisticsRow:
    breakdown: Breakdown
    category: str
    reports: int = strawberry.field(description="Reports (referrals received).")
    posts: int = strawberry.field(description="Distinct content: a viral post counts once.")
    cases: int = strawberry.field(description="Distinct cases of the hub.")
    counting_rule: str


@strawberry.type(description="A period's statistics, in the shape police statistics are published.")
class PeriodStatistics:
    period: str
    kind: PeriodKind
    status: Status
    counted_by: TimeBasis
    rows: list[StatisticsRow]

    @classmethod
    def of(cls, v: service.PeriodStatistics) -> PeriodStatistics:
        return cls(
            period=v.period.label, kind=v.period.kind, status=v.status, counted_by=v.counted_by,
            rows=[
                StatisticsRow(
                    breakdown=r.breakdown, category=r.category, reports=r.reports,
                    posts=r.posts, cases=r.cases, counting_rule=r.counting_rule,
                )
                for r in v.rows
            ],
        )  # fmt: skip


PeriodStatisticsResult = Annotated[
    PeriodStatistics | InvalidInputError | ForbiddenError,
    strawberry.union("PeriodStatisticsResult"),
]


async def period_statistics(
    info: Info,
    period: Annotated[
        str, strawberry.argument(description="A month (2026-09) or a quarter (2026-Q3).")
    ],
    basis: Annotated[TimeBasis, strawberry.argument(description=BASIS_DESCRIPTION)] = DEFAULT_BASIS,
) -> PeriodStatisticsResult:
    return await outcome(
        lambda: info.context.run(service.period_statistics, period, basis),
        PeriodStatistics.of,
        list_failure,
    )


@strawberry.type
class StatisticsQueries:
    period_statistics: PeriodStatisticsResult = strawberry.field(
        resolver=period_statistics,
        description="The monthly or quarterly statistics by strand, platform, force, offence, "
        "outcome and online flag; a period not yet ended is marked PROVISIONAL.",
    )
