"""The limits every analyst's network query keeps: depth, result size and time window.

A query that may touch a bounded part of the graph answers in bounded time however large the
graph grows, so an argument past a limit is refused with the argument named, never quietly
clamped: the analyst learns the answer would have been cut. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.errors import InvalidValue

MAX_WINDOW = timedelta(days=731)  # two years, a leap day included
MAX_WINDOW_TEXT = "2 years (731 days)"


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
