"""A statistics period: a calendar month (``2026-09``) or quarter (``2026-Q3``), in UTC.

A period is closed once its end has passed; figures for a period not yet closed are marked
provisional (every row and the file names say so), never refused. Pure: no I/O.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from graph.errors import InvalidValue

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


class PeriodKind(enum.StrEnum):
    MONTH = "MONTH"
    QUARTER = "QUARTER"


class Status(enum.StrEnum):
    FINAL = "final"  # the period has ended
    PROVISIONAL = "provisional"  # it has not: its figures will still grow


@dataclass(frozen=True, slots=True)
class Period:
    label: str  # 2026-09 or 2026-Q3
    kind: PeriodKind
    start: datetime  # included, UTC midnight
    end: datetime  # excluded

    @classmethod
    def parse(cls, text: str, field: str = "period") -> Period:
        """``2026-09`` (a month) or ``2026-Q3`` (a quarter); anything else names ``field``."""
        value = text.strip().upper()
        if found := _QUARTER.match(value):
            year, quarter = int(found[1]), int(found[2])
            first = 3 * (quarter - 1) + 1
            return cls(value, PeriodKind.QUARTER, _first(year, first), _first(year, first + 3))
        if (found := _MONTH.match(value)) and 1 <= int(found[2]) <= 12:
            year, month = int(found[1]), int(found[2])
            return cls(value, PeriodKind.MONTH, _first(year, month), _first(year, month + 1))
        raise InvalidValue(field, "must be a month (2026-09) or a quarter (2026-Q3)")

    def status(self, now: datetime) -> Status:
        return Status.FINAL if now >= self.end else Status.PROVISIONAL


def _first(year: int, month: int) -> datetime:
    """Midnight UTC on the first of ``month`` (13 is January of the next year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    if not 1 <= year <= 9998:
        raise InvalidValue("period", "must be a year between 1 and 9998")
    return datetime(year, month, 1, tzinfo=UTC)
