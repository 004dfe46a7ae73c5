"""UK calendars: working days by bank-holiday division, calendar months, the UK day.

Working days come from the maintained ``holidays`` package (GB subdivisions ENG, SCT, NIR;
the gov.uk divisions "england-and-wales", "scotland" and "northern-ireland"), which computes any
year, so no deadline fails when a shipped table runs out; a one-off bank holiday announced
after the installed release can be added with ``extra``. The deadlines counted with them are in
``deadlines.py``.

Conventions (stated so an officer can check them):

* A deadline that falls on a day is due at the end of that day in UK local time
  (23:59:59 Europe/London), returned in UTC.
* "N months from" a date is the same day of the month N months later (the month's last day when
  that day does not exist, e.g. 31 August + 6 months = 28/29 February).
* "Within N working days" of a moment counts N working days (Monday-Friday, not a bank holiday
  of the calendar's division) after the moment's local date; day 0 is the day of the moment.
"""

from __future__ import annotations

import calendar
import enum
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays
from pydantic import BaseModel, ConfigDict, Field

from graph.errors import InvalidValue
from graph.policy_files import parse_policy

UK = ZoneInfo("Europe/London")


class BankHoliday(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    day: date
    name: str
    announced: bool  # published on gov.uk when written; false = projected from the usual pattern


class WorkingDays(Protocol):
    def is_working_day(self, day: date) -> bool: ...

    def add_working_days(self, start: date, days: int) -> date: ...


def _add_working_days(cal: WorkingDays, start: date, days: int) -> date:
    if days < 0:
        raise InvalidValue("days", "must not be negative")
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if cal.is_working_day(current):
            counted += 1
    return current


class Division(enum.StrEnum):
    """The UK's bank-holiday divisions (gov.uk's names)."""

    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


_SUBDIVISION = {
    Division.ENGLAND_AND_WALES: "ENG",  # Wales (WLS) has the same bank holidays
    Division.SCOTLAND: "SCT",
    Division.NORTHERN_IRELAND: "NIR",
}


class HolidayCalendar:
    """Working days of one division, any year, from the ``holidays`` package (special days such
    as the 2023 coronation and substitute days included), plus any ``extra`` holidays."""

    def __init__(self, division: Division, extra: tuple[BankHoliday, ...] = ()) -> None:
        self.division = division
        self._days = holidays.country_holidays("GB", subdiv=_SUBDIVISION[division])
        self._extra = {h.day: h.name for h in extra}

    def holiday_name(self, day: date) -> str | None:
        return self._extra.get(day) or self._days.get(day)

    def is_bank_holiday(self, day: date) -> bool:
        return self.holiday_name(day) is not None

    def bank_holidays(self, year: int) -> tuple[date, ...]:
        """The year's bank holidays as gov.uk lists them: weekdays (a holiday falling at a
        weekend is listed by its substitute day)."""
        listed = holidays.country_holidays("GB", subdiv=_SUBDIVISION[self.division], years=year)
        days = {d for d in listed if d.year == year} | {d for d in self._extra if d.year == year}
        return tuple(sorted(d for d in days if d.weekday() < 5))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_bank_holiday(day)

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself is day 0)."""
        return _add_working_days(self, start, days)


@cache
def calendar_for(division: Division) -> HolidayCalendar:
    return HolidayCalendar(division)


def england_and_wales() -> HolidayCalendar:
    return calendar_for(Division.ENGLAND_AND_WALES)


def scotland() -> HolidayCalendar:
    return calendar_for(Division.SCOTLAND)


def northern_ireland() -> HolidayCalendar:
    return calendar_for(Division.NORTHERN_IRELAND)


class WorkingDayCalendar(BaseModel):
    """Working days over a covered range of dates from a fixed list of holidays (a calendar
    given as data, e.g. for a test or a division the package does not know)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    coverage_from: date
    coverage_to: date
    holidays: tuple[BankHoliday, ...] = Field(default=(), alias="holiday")

    def _check(self, day: date) -> None:
        if not self.coverage_from <= day <= self.coverage_to:
            raise InvalidValue(
                "calendar",
                f"{day} is outside the bank-holiday calendar "
                f"({self.coverage_from} to {self.coverage_to}); add the year's holidays",
            )

    def is_bank_holiday(self, day: date) -> bool:
        self._check(day)
        return day in {h.day for h in self.holidays}

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_bank_holiday(day)

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself is day 0)."""
        return _add_working_days(self, start, days)


def parse_calendar(text: str) -> WorkingDayCalendar:
    """A calendar given as TOML: ``coverage_from``, ``coverage_to`` and ``[[holiday]]``s."""
    return parse_policy(text, "calendar.toml", WorkingDayCalendar)


def add_months(day: date, months: int) -> date:
    """Same day of the month ``months`` later, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def end_of_uk_day(day: date) -> datetime:
    """23:59:59 UK local time on ``day``, in UTC."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=UK).astimezone(UTC)


def uk_date(moment: datetime) -> date:
    """The UK local date of an aware moment."""
    return moment.astimezone(UK).date()


def working_days_after(moment: datetime, days: int, cal: WorkingDays) -> datetime:
    """End of the UK day ``days`` working days after ``moment``."""
    return end_of_uk_day(cal.add_working_days(uk_date(moment), days))
