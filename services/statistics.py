"""The hub's periodic statistics: a month's or a quarter's reports rolled up by hate strand,
platform, force, offence, outcome and the online flag, in the shape police statistics are
published (``graph/statistics/``, docs/STATISTICS.md).

Hub staff only (analysts, supervisors, case managers, intelligence analysts): figures, no
personal data. Counted by when the person reported each report unless asked otherwise. A
period not yet ended is answered, marked provisional in every row and in the file names; a
closed period gives the same rows, and the same files byte for byte, from the same graph.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from graph.access import Capability
from graph.intel.bounds import DEFAULT_BASIS, TimeBasis
from graph.statistics.files import csv_bytes, ods_bytes
from graph.statistics.periods import Period, Status
from graph.statistics.rollup import StatisticsRow, roll_up
from graph.statistics.store import report_facts
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "period_statistics": Capability.HUB_CASEWORK,
}


@dataclass(frozen=True, slots=True)
class PeriodStatistics:
    period: Period
    status: Status
    counted_by: TimeBasis
    rows: tuple[StatisticsRow, ...]

    @property
    def file_stem(self) -> str:
        """``ohch-statistics-2026-Q3`` (``-reported``: its basis; ``-provisional`` while open)."""
        stem = f"ohch-statistics-{self.period.label}-{self.counted_by.key}"
        return stem + ("-provisional" if self.status is Status.PROVISIONAL else "")

    def files(self) -> dict[str, bytes]:
        """The CSV and the ODS, by file name."""
        return {
            f"{self.file_stem}.csv": csv_bytes(self.rows),
            f"{self.file_stem}.ods": ods_bytes(self.rows, sheet=self.period.label),
        }


@use_case
def period_statistics(
    caller: Caller,
    period: str,
    basis: TimeBasis = DEFAULT_BASIS,
    now: datetime | None = None,
) -> PeriodStatistics:
    """The statistics of ``period`` (``2026-09``, ``2026-Q3``), by ``basis``."""
    found = Period.parse(period)
    status = found.status(now or datetime.now(UTC))
    facts = report_facts(caller.graph, found, basis)
    return PeriodStatistics(found, status, basis, tuple(roll_up(facts, found, status, basis)))
