"""The public door's token bucket: a burst of ``rate``, then one a ``60/rate`` seconds."""

from __future__ import annotations

import pytest

from api import rate_limit
from api.rate_limit import SubmissionLimiter, retry_after


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_the_refill_rate() -> None:
    clock = Clock()
    limiter = SubmissionLimiter(6, clock)  # one token every 10 s
    assert [limiter.take("a") for _ in range(6)] == [0.0] * 6
    assert limiter.take("a") == pytest.approx(10.0)
    assert limiter.take("b") == 0.0  # another address has its own bucket
    clock.now = 9.0
    assert limiter.take("a") == pytest.approx(1.0)  # refused: nothing taken
    clock.now = 10.0
    assert limiter.take("a") == 0.0
    clock.now = 1000.0  # a bucket never holds more than its rate
    assert [limiter.take("a") for _ in range(7)][-2:] == [0.0, pytest.approx(10.0)]


def test_zero_is_no_limit() -> None:
    limiter = SubmissionLimiter(0)
    assert not limiter.enabled
    assert all(limiter.take("a") == 0.0 for _ in range(1000))


def test_the_least_recently_seen_are_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rate_limit, "MAX_CLIENTS", 2)
    limiter = SubmissionLimiter(1, Clock())
    for address in ("a", "b", "c"):
        assert limiter.take(address) == 0.0
    assert limiter.take("a") == 0.0  # forgotten, so a fresh bucket
    assert limiter.take("c") == pytest.approx(60.0)


def test_retry_after_is_whole_seconds() -> None:
    assert (retry_after(0.2), retry_after(10.0), retry_after(10.1)) == ("1", "10", "11")
