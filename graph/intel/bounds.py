"""The limits every analyst's network query keeps: depth, result size and time window, and
which of a report's three times a window is read against.

A query that may touch a bounded part of the graph answers in bounded time however large the
graph grows, so an argument past a limit is refused with the argument named, never quietly
clamped: the analyst learns the answer would have been cut. Pure: no I/O.

A report keeps three times (``Report.reported_at``, ``incident_at``, ``received_at``, each with
its index, ``schema/023_report_times.cypher``); a windowed query reads the one its
:class:`TimeBasis` names. The query files take ``$spans``, a map with one list of
``[from, to)`` pairs per basis, empty for the bases not asked for: each basis is one branch of a
``UNION`` served by its own index, and the branches not asked for seek an empty list, so only
the asked-for index is read (a ``$basis = ...`` guard would still seek all three).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from graph.errors import InvalidValue

MAX_WINDOW = timedelta(days=731)  # two years, a leap day included
MAX_WINDOW_TEXT = "2 years (731 days)"


class TimeBasis(enum.StrEnum):
    """Which of a report's times a window counts it by."""

    REPORTED = "REPORTED"  # when the person reported it (the form's or partner's submission)
    INCIDENT = "INCIDENT"  # when it happened; a report without an incident date is not counted
    RECEIVED = "RECEIVED"  # when the hub received it (a backlog arrives all at once)

    @property
    def key(self) -> str:
        """The basis as ``$spans`` and ``ReportDay.basis`` name it: ``reported``, ..."""
        return self.value.lower()


DEFAULT_BASIS = TimeBasis.REPORTED
Span = tuple[datetime, datetime]


def basis_spans(basis: TimeBasis, spans: list[Span]) -> dict[str, list[list[datetime]]]:
    """``$spans`` for a query: ``spans`` under ``basis``, nothing under the other bases."""
    return {
        b.key: [[lo, hi] for lo, hi in spans if lo < hi] if b is basis else [] for b in TimeBasis
    }


def within(field: str, value: int, low: int, high: int) -> int:
    """``value`` when ``low <= value <= high``; otherwise an error naming ``field``."""
    if not low <= value <= high:
        raise InvalidValue(field, f"must be between {low} and {high}")
    return value


@dataclass(frozen=True, slots=True)
class Window:
    """Reports received at or after ``since`` and before ``until``."""

    since: datetime
    until: datetime

    @classmethod
    def of(cls, since: datetime, until: datetime, longest: timedelta = MAX_WINDOW) -> Window:
        for field, value in (("since", since), ("until", until)):
            if value.tzinfo is None or value.utcoffset() is None:
                raise InvalidValue(field, "needs a time zone (e.g. 2026-06-01T00:00:00Z)")
        if until <= since:
            raise InvalidValue("until", "must be after since")
        if until - since > longest:
            shown = MAX_WINDOW_TEXT if longest == MAX_WINDOW else str(longest)
            raise InvalidValue("until", f"the window from since may span at most {shown}")
        return cls(since, until)

    def params(self) -> dict[str, datetime]:
        return {"since": self.since, "until": self.until}

    def spans(self, basis: TimeBasis) -> dict[str, object]:
        """``$spans``: the whole window, by ``basis``."""
        return {"spans": basis_spans(basis, [(self.since, self.until)])}

    def edge_spans(self, basis: TimeBasis, sees_all: bool) -> dict[str, object]:
        """``$spans`` for the parts of the window a trend counts from the reports (before
        ``whole_from`` and after ``whole_to``, :meth:`counted_days`), and ``$whole_from``,
        ``$whole_to`` for the whole days it adds up from the counts intake keeps."""
        days = self.counted_days(sees_all)
        edges = [(self.since, days["whole_from"]), (days["whole_to"], self.until)]
        weeks = whole_weeks(days["whole_from"], days["whole_to"])
        return {"spans": basis_spans(basis, edges), **days, **weeks}

    def counted_days(self, sees_all: bool) -> dict[str, datetime]:
        """The whole UTC days of the window, from ``whole_from`` up to ``whole_to``, which a
        trend may add up from the per-day counts intake keeps; the parts before and after are
        counted from the reports themselves. Counts are not kept by force, so a viewer who sees
        one force's cases only (or a window with no whole day) gets an empty span at ``until``:
        every report of the window is then counted from the reports."""
        first = _midnight(self.since)
        if first < self.since:
            first += timedelta(days=1)
        last = _midnight(self.until)
        if not sees_all or last <= first:
            return {"whole_from": self.until, "whole_to": self.until}
        return {"whole_from": first, "whole_to": last}


def whole_weeks(whole_from: datetime, whole_to: datetime) -> dict[str, datetime]:
    """The whole ISO weeks (Monday 00:00 UTC to the next Monday) inside the whole days from
    ``whole_from`` up to ``whole_to``: ``weeks_from`` up to ``weeks_to``, added up from the
    counts kept a week; the whole days before and after them come from the counts kept a day.
    With no whole week inside, both are ``whole_to`` (an empty span): every day is read a day
    at a time. So a window costs its weeks plus at most twelve edge days, whatever its length
    and whatever the graph holds."""
    first = whole_from + timedelta(days=(7 - whole_from.weekday()) % 7)
    last = whole_to - timedelta(days=whole_to.weekday())
    if last <= first:
        return {"weeks_from": whole_to, "weeks_to": whole_to}
    return {"weeks_from": first, "weeks_to": last}


def _midnight(moment: datetime) -> datetime:
    """The start (UTC) of the day ``moment`` falls in."""
    return datetime.combine(moment.astimezone(UTC).date(), time(), tzinfo=UTC)
