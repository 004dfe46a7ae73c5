"""Limits of the network queries are refused with the argument named, never clamped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph.errors import InvalidValue
from graph.intel.bounds import MAX_WINDOW, Window, within

T0 = datetime(2026, 6, 1, tzinfo=UTC)


def test_within_names_the_argument() -> None:
    assert within("depth", 3, 1, 3) == 3
    with pytest.raises(InvalidValue) as error:
        within("depth", 4, 1, 3)
    assert str(error.value) == "depth: must be between 1 and 3"


def test_a_two_year_window_is_accepted() -> None:
    window = Window.of(T0, T0 + MAX_WINDOW)
    assert window.params() == {"since": T0, "until": T0 + MAX_WINDOW}


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        (T0, T0 + MAX_WINDOW + timedelta(seconds=1), "until: the window from since may span"),
        (T0, T0, "until: must be after since"),
        (T0 + timedelta(days=1), T0, "until: must be after since"),
        (T0.replace(tzinfo=None), T0 + timedelta(days=1), "since: needs a time zone"),
        (T0, (T0 + timedelta(days=1)).replace(tzinfo=None), "until: needs a time zone"),
    ],
)
def test_bad_windows_are_refused(since: datetime, until: datetime, message: str) -> None:
    with pytest.raises(InvalidValue) as error:
        Window.of(since, until)
    assert str(error.value).startswith(message)


def _day(day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("since", "until", "whole"),
    [
        (_day(1), _day(8), (_day(1), _day(8))),  # midnight to midnight: every day whole
        (_day(1, 9), _day(8, 17), (_day(2), _day(8))),  # partial first and last days
        (_day(1, 0, 1), _day(2, 23), None),  # no whole day: all counted from the reports
        (_day(1, 9), _day(1, 17), None),  # within one day
        (_day(1, 23), _day(2, 1), None),  # across one midnight
        # In another zone: the days are UTC days (01:00 BST is midnight UTC).
        (datetime.fromisoformat("2026-06-01T01:00:00+01:00"),
         datetime.fromisoformat("2026-06-03T01:00:00+01:00"), (_day(1), _day(3))),
    ],
)  # fmt: skip
def test_the_whole_utc_days_of_a_window(
    since: datetime, until: datetime, whole: tuple[datetime, datetime] | None
) -> None:
    days = Window.of(since, until).counted_days(sees_all=True)
    if whole is None:
        assert days == {"whole_from": until, "whole_to": until}
    else:
        assert days == {"whole_from": whole[0], "whole_to": whole[1]}


def test_a_force_viewer_has_no_days_counted_for_the_hub() -> None:
    days = Window.of(_day(1, 9), _day(20)).counted_days(sees_all=False)
    assert days == {"whole_from": _day(20), "whole_to": _day(20)}
