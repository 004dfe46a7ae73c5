"""Statistics periods, and the bounds a bulk file's report and incident dates are kept within."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from graph.errors import InvalidInput, InvalidValue
from graph.intel.bounds import TimeBasis, Window, basis_spans
from graph.statistics.periods import Period, PeriodKind, Status
from ingest.report_dates import DateBounds, report_times
from ingest.take_in import take_in
from tests.factories import referral

RECEIVED = datetime(2026, 12, 7, 10, tzinfo=UTC)
BOUNDS = DateBounds(earliest=date(2020, 1, 1))


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2026-Q3", PeriodKind.QUARTER, (2026, 7), (2026, 10)),
        ("2026-q4", PeriodKind.QUARTER, (2026, 10), (2027, 1)),
        ("2026-09", PeriodKind.MONTH, (2026, 9), (2026, 10)),
        ("2026-12", PeriodKind.MONTH, (2026, 12), (2027, 1)),
    ],
)
def test_a_period_is_a_calendar_month_or_quarter_in_utc(
    text: str, kind: PeriodKind, start: tuple[int, int], end: tuple[int, int]
) -> None:
    period = Period.parse(text)
    first, after = datetime(*start, 1, tzinfo=UTC), datetime(*end, 1, tzinfo=UTC)
    assert (period.kind, period.start, period.end) == (kind, first, after)


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "2026", "Q3-2026", "2026-9", ""])
def test_a_bad_period_names_the_field(text: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        Period.parse(text)
    assert raised.value.problems[0].field == "period"
    assert "2026-Q3" in raised.value.problems[0].message


def test_a_period_not_yet_ended_is_provisional() -> None:
    quarter = Period.parse("2026-Q4")
    assert quarter.status(datetime(2026, 12, 31, 23, 59, tzinfo=UTC)) is Status.PROVISIONAL
    assert quarter.status(datetime(2027, 1, 1, tzinfo=UTC)) is Status.FINAL


def test_dates_within_bounds_are_kept_as_carried() -> None:
    reported, incident = datetime(2026, 6, 3, 9, tzinfo=UTC), datetime(2026, 6, 1, tzinfo=UTC)
    times = report_times(reported, incident, RECEIVED, BOUNDS)
    assert (times.reported_at, times.incident_at, times.corrected) == (reported, incident, ())
    # A sender's clock a little ahead of ours is not a mistake.
    ahead = RECEIVED + timedelta(minutes=4)
    assert report_times(ahead, None, RECEIVED, BOUNDS).reported_at == ahead


def test_a_date_after_receipt_or_before_the_earliest_is_counted_at_receipt_and_named() -> None:
    times = report_times(
        RECEIVED + timedelta(minutes=6), datetime(2019, 12, 31, 23, tzinfo=UTC), RECEIVED, BOUNDS
    )
    assert (times.reported_at, times.incident_at) == (RECEIVED, RECEIVED)
    assert [c.field for c in times.corrected] == ["submitted_at", "incident.occurred_at"]
    assert "after the hub received" in times.corrected[0].reason
    assert "before the earliest date the hub counts (2020-01-01)" in times.corrected[1].reason
    assert times.corrected[1].value == "2019-12-31T23:00:00+00:00"  # as carried


def test_without_bounds_the_dates_are_as_carried() -> None:
    early = datetime(1999, 1, 1, tzinfo=UTC)
    assert report_times(early, None, RECEIVED, None).reported_at == early


def test_the_spans_name_only_the_basis_asked_for() -> None:
    window = Window.of(datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC))
    assert window.spans(TimeBasis.INCIDENT) == {
        "spans": {"reported": [], "incident": [[window.since, window.until]], "received": []}
    }
    assert basis_spans(TimeBasis.REPORTED, [(window.until, window.until)])["reported"] == []
    edges = window.edge_spans(TimeBasis.RECEIVED, sees_all=False)
    assert edges["spans"]["received"] == [[window.since, window.until]]  # all from the reports


def test_an_incident_known_by_its_day_is_read_as_that_day() -> None:
    payload = referral()
    payload["incident"]["occurred_at"] = "2026-05-30"
    written = take_in(payload, "{}", RECEIVED).row.written
    assert written["incident_at"] == "2026-05-30T00:00:00+00:00"


def test_a_future_report_date_is_refused_as_sent_and_corrected_in_a_bulk_file() -> None:
    payload = referral(submitted_at="2099-01-01T00:00:00Z")
    with pytest.raises(InvalidInput) as refused:
        take_in(payload, "{}", RECEIVED)
    assert [p.field for p in refused.value.problems] == ["submitted_at"]
    row = take_in(payload, "{}", RECEIVED, dates=BOUNDS).row
    assert row.written["reported_at"] == RECEIVED.isoformat()
    assert row.written["submitted_at"] == "2099-01-01T00:00:00+00:00"  # as carried
    assert [u.field for u in row.unverified] == ["submitted_at"]
