"""A report's three times from the dates its referral carries, kept within sane bounds.

A referral says when the person reported it (``submitted_at``: the form's or the partner's
submission) and, if known, when the incident happened (``incident.occurred_at``); the hub
adds when it received it. Windowed questions count by the first two (``graph/intel/bounds.py``
``TimeBasis``), so a bulk file or a partner's feed keeps the dates it carries, but not past
sense: a date after the hub received the referral (beyond the clock skew a sender may have),
or before the configured earliest date (``OHCH_EARLIEST_REPORT_DATE``), is corrected to the
receipt time, with a warning on the report naming the field (the date as carried stays in the
raw payload and in ``submitted_at`` / ``occurred_at``). Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from graph.values.unverified import Unverified
from ingest import limits

DATE_FIELDS = ("submitted_at", "incident.occurred_at")  # the fields a correction names


@dataclass(frozen=True, slots=True)
class DateBounds:
    """The dates a referral may carry: from ``earliest`` (a UTC day) up to its receipt plus a
    sender's clock skew."""

    earliest: date
    skew: timedelta = timedelta(seconds=limits.CLOCK_SKEW_SECONDS)

    def problem(self, value: datetime, received_at: datetime) -> str | None:
        """Why ``value`` is out of bounds for a referral received at ``received_at``."""
        if value > received_at + self.skew:
            return "lies after the hub received the referral"
        if value < datetime.combine(self.earliest, time(), tzinfo=UTC):
            return f"lies before the earliest date the hub counts ({self.earliest.isoformat()})"
        return None


@dataclass(frozen=True, slots=True)
class ReportTimes:
    reported_at: datetime
    incident_at: datetime | None
    corrected: tuple[Unverified, ...]  # one warning a corrected field


def report_times(
    submitted_at: datetime,
    occurred_at: datetime | None,
    received_at: datetime,
    bounds: DateBounds | None,
) -> ReportTimes:
    """The times a report is counted by; without ``bounds`` (a referral sent as it is made,
    whose contract refuses a future date), the dates as carried."""
    corrected: list[Unverified] = []

    def kept(field: str, value: datetime) -> datetime:
        problem = bounds.problem(value, received_at) if bounds is not None else None
        if problem is None:
            return value.astimezone(UTC)
        at = received_at.astimezone(UTC).isoformat()
        corrected.append(
            Unverified(field, value.isoformat(), f"{problem}: counted at its receipt ({at})")
        )
        return received_at.astimezone(UTC)

    reported = kept(DATE_FIELDS[0], submitted_at)
    incident = kept(DATE_FIELDS[1], occurred_at) if occurred_at is not None else None
    return ReportTimes(reported, incident, tuple(corrected))
