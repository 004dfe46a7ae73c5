"""A window's whole ISO weeks, added up from the counts kept a week, and the edge days around
them, added up from the counts kept a day: every whole day exactly once, whatever the window."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta

import pytest

from graph.intel.bounds import MAX_WINDOW, TimeBasis, Window, whole_weeks

MONDAY = datetime(2026, 6, 1, tzinfo=UTC)  # 1 June 2026 is a Monday


def _days(lo: datetime, hi: datetime) -> list[datetime]:
    found, day = [], lo
    while day < hi:
        found.append(day)
        day += timedelta(days=1)
    return found


@pytest.mark.parametrize(
    ("whole_from", "whole_to", "weeks"),
    [
        (MONDAY, MONDAY + timedelta(days=14), (MONDAY, MONDAY + timedelta(days=14))),
        # Wednesday to the Tuesday two weeks on: one whole week inside, edge days both sides.
        (MONDAY + timedelta(days=2), MONDAY + timedelta(days=16),
         (MONDAY + timedelta(days=7), MONDAY + timedelta(days=14))),
        # Six days from a Tuesday: no whole week, every day a day at a time.
        (MONDAY + timedelta(days=1), MONDAY + timedelta(days=7), None),
        # Exactly one week, Sunday to Sunday: not whole either.
        (MONDAY - timedelta(days=1), MONDAY + timedelta(days=6), None),
    ],
)  # fmt: skip
def test_the_whole_weeks_inside_the_whole_days(
    whole_from: datetime, whole_to: datetime, weeks: tuple[datetime, datetime] | None
) -> None:
    found = whole_weeks(whole_from, whole_to)
    if weeks is None:
        assert found == {"weeks_from": whole_to, "weeks_to": whole_to}
    else:
        assert found == {"weeks_from": weeks[0], "weeks_to": weeks[1]}


def test_every_moment_of_any_window_is_counted_once_by_exactly_one_part() -> None:
    rng = random.Random(28)
    for _ in range(500):
        since = MONDAY + timedelta(minutes=rng.randrange(60 * 24 * 30))
        until = since + timedelta(minutes=rng.randrange(1, int(MAX_WINDOW.total_seconds() / 60)))
        params = Window.of(since, until).edge_spans(TimeBasis.REPORTED, sees_all=True)
        spans = params["spans"]
        assert isinstance(spans, dict)
        edges = [(lo, hi) for lo, hi in spans["reported"]]
        wf, wt = params["whole_from"], params["whole_to"]
        kf, kt = params["weeks_from"], params["weeks_to"]
        assert isinstance(wf, datetime)
        assert isinstance(wt, datetime)
        assert isinstance(kf, datetime)
        assert isinstance(kt, datetime)
        # Weeks start on Mondays at midnight and lie within the whole days.
        assert kf.weekday() == 0 or kf == kt
        assert kt.weekday() == 0 or kf == kt
        assert wf <= kf <= kt <= wt or kf == kt == wt
        # Edge days: fewer than a week each side; the parts tile the window without overlap.
        day_spans = [(wf, kf), (kt, wt)] if kf < kt else [(wf, wt)]
        assert all((hi - lo) < timedelta(days=7) for lo, hi in day_spans) or kf == kt
        parts = sorted([*edges, *day_spans, *([(kf, kt)] if kf < kt else [])])
        parts = [(lo, hi) for lo, hi in parts if lo < hi]
        assert parts[0][0] == since
        assert parts[-1][1] == until
        assert all(a[1] == b[0] for a, b in itertools.pairwise(parts))
        # Each whole day is a day count or inside a week count, never both.
        weekly = set(_days(kf, kt))
        daily = {d for lo, hi in day_spans for d in _days(lo, hi)}
        assert not weekly & daily
        assert weekly | daily == set(_days(wf, wt))
