"""Roll a period's reports up into the rows police statistics are published in.

One row a (breakdown, category): the reports, the distinct posts (content clusters: a viral
post counts once however many report it) and the cases among the period's reports in that
category, and the counting rule in words. A report falls in every category it has (a report
with two strands is counted under each), so the categories of a breakdown add up to more than
the total where a report may have several; the ``TOTAL`` row counts each report once. Sorted by
breakdown, then category, so the same facts always give the same rows. Pure: no I/O.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from graph.intel.bounds import TimeBasis
from graph.statistics.periods import Period, Status

UNKNOWN = "unknown"
UNASSIGNED = "unassigned"
NOT_ASSESSED = "not yet assessed"
NO_OUTCOME = "no outcome reported"


class Breakdown(enum.StrEnum):
    TOTAL = "TOTAL"
    STRAND = "STRAND"
    PLATFORM = "PLATFORM"
    FORCE = "FORCE"
    OFFENCE = "OFFENCE"
    OUTCOME = "OUTCOME"
    ONLINE = "ONLINE"


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What the statistics count of one report (``queries/statistics/report_facts.cypher``)."""

    id: str
    content: str  # its content cluster, or the report itself when unclustered
    case_id: str | None
    strands: tuple[str, ...]
    platforms: tuple[str, ...]
    force: str | None
    offences: tuple[str, ...] | None  # None: its case has not been assigned on offences
    outcome: str | None
    online: bool | None


CATEGORIES: Mapping[Breakdown, Callable[[ReportFacts], Iterable[str]]] = {
    Breakdown.TOTAL: lambda f: ("all reports",),
    Breakdown.STRAND: lambda f: f.strands or (UNKNOWN,),
    Breakdown.PLATFORM: lambda f: f.platforms or (UNKNOWN,),
    Breakdown.FORCE: lambda f: (f.force or UNASSIGNED,),
    Breakdown.OFFENCE: lambda f: f.offences or (NOT_ASSESSED,),
    Breakdown.OUTCOME: lambda f: (f.outcome or NO_OUTCOME,),
    Breakdown.ONLINE: lambda f: (
        UNKNOWN if f.online is None else "online" if f.online else "offline",
    ),
}

_COUNTS = (
    "reports: referrals received; posts: distinct content (a post reported many times counts "
    "once); cases: distinct cases of the hub"
)
RULES: Mapping[Breakdown, str] = {
    Breakdown.TOTAL: f"Each report once. {_COUNTS}",
    Breakdown.STRAND: f"A report under each hate strand it names (they add up to more than the "
    f"total). {_COUNTS}",
    Breakdown.PLATFORM: f"A report under each platform of the content it is about. {_COUNTS}",
    Breakdown.FORCE: f"A report under its case's assigned force, else the force the reporter "
    f"chose, else unassigned, as at the export. {_COUNTS}",
    Breakdown.OFFENCE: f"A report under each offence its case's latest assignment was made on, "
    f"else not yet assessed. {_COUNTS}",
    Breakdown.OUTCOME: f"A report under its case's latest outcome (Home Office outcome code), "
    f"else no outcome reported, as at the export. {_COUNTS}",
    Breakdown.ONLINE: f"A report as online or offline (issue 25: a post or a named platform is "
    f"online). {_COUNTS}",
}

COLUMNS = (
    "period", "period_start", "period_end", "status", "counted_by", "breakdown", "category",
    "reports", "posts", "cases", "counting_rule",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StatisticsRow:
    period: str
    period_start: str  # ISO date, included
    period_end: str  # ISO date, excluded
    status: Status
    counted_by: TimeBasis
    breakdown: Breakdown
    category: str
    reports: int
    posts: int
    cases: int
    counting_rule: str

    def cells(self) -> tuple[str | int, ...]:
        return (
            self.period, self.period_start, self.period_end, self.status.value,
            self.counted_by.value, self.breakdown.value, self.category, self.reports,
            self.posts, self.cases, self.counting_rule,
        )  # fmt: skip


def roll_up(
    facts: Iterable[ReportFacts], period: Period, status: Status, basis: TimeBasis
) -> list[StatisticsRow]:
    """The period's rows: every breakdown, every category with at least one report."""
    seen: dict[tuple[Breakdown, str], tuple[set[str], set[str], set[str]]] = defaultdict(
        lambda: (set(), set(), set())
    )
    for fact in facts:
        for breakdown, categories in CATEGORIES.items():
            for category in set(categories(fact)):
                reports, posts, cases = seen[breakdown, category]
                reports.add(fact.id)
                posts.add(fact.content)
                if fact.case_id is not None:
                    cases.add(fact.case_id)
    if not any(b is Breakdown.TOTAL for b, _ in seen):
        seen[Breakdown.TOTAL, "all reports"] = (set(), set(), set())
    order = list(Breakdown)
    return [
        StatisticsRow(
            period=period.label,
            period_start=period.start.date().isoformat(),
            period_end=period.end.date().isoformat(),
            status=status,
            counted_by=basis,
            breakdown=breakdown,
            category=category,
            reports=len(reports),
            posts=len(posts),
            cases=len(cases),
            counting_rule=RULES[breakdown],
        )
        for (breakdown, category), (reports, posts, cases) in sorted(
            seen.items(), key=lambda item: (order.index(item[0][0]), item[0][1])
        )
    ]
