"""Working days, months, and the deadlines an assessment sets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from graph.assessment.calendars import (
    add_months,
    end_of_uk_day,
    england_and_wales,
    northern_ireland,
    parse_calendar,
    scotland,
)
from graph.assessment.deadlines import (
    DeadlineStatus,
    crime_recording_deadline,
    prosecution_deadline,
    victim_notification_deadline,
)
from graph.assessment.engine import assess
from graph.assessment.policy import policy_on
from graph.errors import InvalidValue
from graph.law.offences import TimeLimitKind, TimeLimitRule, offence_table
from tests.unit.assessment.builders import facts

CAL = england_and_wales()


def test_calendar_has_eight_bank_holidays_a_year_and_nine_in_coronation_year() -> None:
    by_year: dict[int, int] = {}
    for year in range(2023, 2032):
        days = CAL.bank_holidays(year)
        by_year[year] = len(days)
        assert all(d.weekday() < 5 for d in days), days  # substitute days are weekdays
    assert by_year == {2023: 9} | dict.fromkeys(range(2024, 2032), 8)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday -> Monday
        (date(2026, 11, 30), 5, date(2026, 12, 7)),
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # Christmas + Boxing Day substitute
        (date(2025, 4, 17), 1, date(2025, 4, 22)),  # Good Friday and Easter Monday
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # coronation bank holiday
        (date(2024, 3, 2), 0, date(2024, 3, 2)),
    ],
)
def test_add_working_days(start: date, days: int, expected: date) -> None:
    assert CAL.add_working_days(start, days) == expected


def test_a_fixed_calendar_refuses_days_outside_it() -> None:
    fixed = parse_calendar('coverage_from = "2030-01-01"\ncoverage_to = "2030-12-31"\n')
    with pytest.raises(InvalidValue) as caught:
        fixed.add_working_days(date(2030, 12, 29), 3)
    assert caught.value.field == "calendar"


def test_the_maintained_calendar_has_no_end() -> None:
    # issue 25: the shipped table ended in 2028 and refused this deadline
    assert CAL.add_working_days(date(2028, 12, 29), 3) == date(2029, 1, 4)
    assert CAL.add_working_days(date(2040, 12, 24), 1) == date(2040, 12, 27)


# (event in 2030, working days) -> due day on the England and Wales, Scotland, NI calendars
IN_2030: list[tuple[datetime, int, date, date, date]] = [
    # Friday 2 August; Scotland's summer bank holiday is Monday 5 August
    (datetime(2030, 8, 2, 15, tzinfo=UTC), 1, date(2030, 8, 5), date(2030, 8, 6),
     date(2030, 8, 5)),
    # Friday 23 August; England and Wales' (and NI's) is Monday 26 August
    (datetime(2030, 8, 23, 15, tzinfo=UTC), 1, date(2030, 8, 27), date(2030, 8, 26),
     date(2030, 8, 27)),
    # Tuesday 31 December: New Year's Day everywhere, 2 January too in Scotland
    (datetime(2030, 12, 31, 15, tzinfo=UTC), 1, date(2031, 1, 2), date(2031, 1, 3),
     date(2031, 1, 2)),
    # Thursday 18 April: Good Friday everywhere, Easter Monday not in Scotland
    (datetime(2030, 4, 18, 15, tzinfo=UTC), 1, date(2030, 4, 23), date(2030, 4, 22),
     date(2030, 4, 23)),
    # Friday 29 November: St Andrew's Day (Saturday 30th) is Monday 2 December in Scotland
    (datetime(2030, 11, 29, 15, tzinfo=UTC), 1, date(2030, 12, 2), date(2030, 12, 3),
     date(2030, 12, 2)),
    # Friday 15 March: St Patrick's Day (Sunday 17th) is Monday 18 March in Northern Ireland
    (datetime(2030, 3, 15, 15, tzinfo=UTC), 5, date(2030, 3, 22), date(2030, 3, 22),
     date(2030, 3, 25)),
]  # fmt: skip


@pytest.mark.parametrize(("event", "days", "england_wales", "scot", "ni"), IN_2030)
def test_victims_code_deadlines_in_2030_on_each_calendar(
    event: datetime, days: int, england_wales: date, scot: date, ni: date
) -> None:
    policy = policy_on(event.date()).model_copy(
        update={"victims_code_working_days": days, "victims_code_working_days_enhanced": days}
    )
    for calendar, due_day in ((CAL, england_wales), (scotland(), scot), (northern_ireland(), ni)):
        deadline = victim_notification_deadline(
            event, enhanced=False, now=event, policy=policy, calendar=calendar
        )
        assert deadline.due_at == end_of_uk_day(due_day), calendar.division


def test_calendar_parses_its_own_format() -> None:
    cal = parse_calendar(
        'coverage_from = "2030-01-01"\ncoverage_to = "2030-12-31"\n'
        'holiday = [{ day = "2030-01-01", name = "New Year", announced = false }]\n'
    )
    assert cal.is_bank_holiday(date(2030, 1, 1))
    assert not cal.is_working_day(date(2030, 1, 1))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 3, 1), 6, date(2024, 9, 1)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 11, 15), 3, date(2025, 2, 15)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_end_of_uk_day_follows_summer_time() -> None:
    assert end_of_uk_day(date(2024, 7, 1)) == datetime(2024, 7, 1, 22, 59, 59, tzinfo=UTC)
    assert end_of_uk_day(date(2024, 1, 1)) == datetime(2024, 1, 1, 23, 59, 59, tzinfo=UTC)


RECEIVED = datetime(2024, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now_after", "decided_after", "status"),
    [
        (timedelta(hours=23), None, DeadlineStatus.DUE),
        (timedelta(hours=25), None, DeadlineStatus.OVERDUE),
        (timedelta(hours=30), timedelta(hours=20), DeadlineStatus.MET),
        (timedelta(hours=30), timedelta(hours=26), DeadlineStatus.MET_LATE),
    ],
)
def test_crime_recording_24_hours(
    now_after: timedelta, decided_after: timedelta | None, status: DeadlineStatus
) -> None:
    decided = RECEIVED + decided_after if decided_after else None
    case = facts(received_at=RECEIVED, crime_recording_decided_at=decided)
    deadline = crime_recording_deadline(case, RECEIVED + now_after, 24)
    assert deadline.due_at == RECEIVED + timedelta(hours=24)
    assert deadline.status is status


NOW = datetime(2024, 3, 2, 12, tzinfo=UTC)

# offence, sufficient-evidence date -> last day proceedings may start (None: no date)
LIMITS = [
    ("pha1997_s2", None, date(2024, 9, 1), DeadlineStatus.DUE),
    # CA 2003 s127(5): 3 years "beginning with" 1 March 2024 end on 28 February 2027
    ("ca2003_s127_1", None, date(2027, 2, 28), DeadlineStatus.DUE),  # long-stop only
    ("ca2003_s127_1", date(2024, 4, 10), date(2024, 10, 9), DeadlineStatus.DUE),
    ("ca2003_s127_1", date(2026, 12, 1), date(2027, 2, 28), DeadlineStatus.DUE),  # long-stop
    ("osa2023_s179", date(2024, 4, 10), date(2024, 10, 9), DeadlineStatus.DUE),
    ("osa2023_s181", None, None, DeadlineStatus.NO_LIMIT),
]


@pytest.mark.parametrize(("offence_id", "evidence", "last_day", "status"), LIMITS)
def test_prosecution_time_limits(
    offence_id: str, evidence: date | None, last_day: date | None, status: DeadlineStatus
) -> None:
    case = facts(occurred_on=date(2024, 3, 1), sufficient_evidence_on=evidence)
    deadline = prosecution_deadline(offence_table().get(offence_id), case, NOW)
    assert deadline.status is status
    assert deadline.due_at == (end_of_uk_day(last_day) if last_day else None)


def test_time_limit_expired_is_overdue() -> None:
    case = facts(occurred_on=date(2024, 3, 1))
    later = datetime(2024, 9, 2, 0, 30, tzinfo=UTC)
    deadline = prosecution_deadline(offence_table().get("pha1997_s2"), case, later)
    assert deadline.status is DeadlineStatus.OVERDUE


def test_evidence_only_rule_starts_with_the_evidence_date() -> None:
    s179 = offence_table().get("osa2023_s179")
    rule = TimeLimitRule(kind=TimeLimitKind.EVIDENCE_ONLY, months=6)
    evidence_only = s179.model_copy(update={"time_limit": rule})
    waiting = prosecution_deadline(evidence_only, facts(), NOW)
    assert waiting.status is DeadlineStatus.NOT_STARTED
    assert waiting.due_at is None
    running = prosecution_deadline(
        evidence_only, facts(sufficient_evidence_on=date(2024, 3, 2)), NOW
    )
    assert running.due_at == end_of_uk_day(date(2024, 9, 1))


def test_assessment_carries_one_deadline_per_candidate_plus_recording() -> None:
    result = assess(facts(grossly_offensive=True), NOW)
    names = [(d.name, d.offence_id) for d in result.deadlines]
    assert names[0] == ("crime_recording_decision", None)
    assert {o for _, o in names[1:]} == {c.offence_id for c in result.candidates}


@pytest.mark.parametrize(
    ("enhanced", "event", "due_day"),
    [
        (False, datetime(2026, 12, 21, 15, tzinfo=UTC), date(2026, 12, 30)),
        (True, datetime(2026, 12, 24, 15, tzinfo=UTC), date(2026, 12, 29)),
    ],
)
def test_victims_code_right_6(enhanced: bool, event: datetime, due_day: date) -> None:
    policy = policy_on(event.date())
    deadline = victim_notification_deadline(
        event, enhanced=enhanced, now=event, policy=policy, calendar=CAL
    )
    assert deadline.due_at == end_of_uk_day(due_day)
    assert deadline.status is DeadlineStatus.DUE
