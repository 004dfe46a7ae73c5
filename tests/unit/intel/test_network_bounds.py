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
