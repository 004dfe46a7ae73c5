"""Working days, months, and the clocks an assessment starts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from graph.assessment.clocks import (
    crime_recording_deadline,
    prosecution_deadline,
    victim_notification_deadline,
)
from graph.assessment.deadlines import (
    DeadlineStatus,
    add_months,
    end_of_uk_day,
    england_and_wales,
    parse_calendar,
)
from graph.assessment.engine import assess
from graph.assessment.policy import policy_on
from graph.errors import InvalidValue
from graph.law.offences import TimeLimitKind, TimeLimitRule, offence_table
from tests.unit.assessment.builders import facts

CAL = england_and_wales()


def test_calendar_covers_2023_to_2028_with_eight_or_nine_holidays_a_year() -> None:
    by_year: dict[int, int] = {}
    for holiday in CAL.holidays:
        by_year[holiday.day.year] = by_year.get(holiday.day.year, 0) + 1
        assert holiday.day.weekday() < 5, holiday  # substitute days are weekdays
    assert by_year == {2023: 9, 2024: 8, 2025: 8, 2026: 8, 2027: 8, 2028: 8}


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


def test_outside_the_calendar_is_refused() -> None:
    with pytest.raises(InvalidValue) as caught:
        CAL.add_working_days(date(2028, 12, 29), 3)
    assert caught.value.field == "calendar"


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
    ("ca2003_s127_1", None, date(2027, 3, 1), DeadlineStatus.DUE),  # long-stop only
    ("ca2003_s127_1", date(2024, 4, 10), date(2024, 10, 9), DeadlineStatus.DUE),
    ("ca2003_s127_1", date(2026, 12, 1), date(2027, 3, 1), DeadlineStatus.DUE),  # long-stop first
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
