"""The intake doors' token bucket: a burst of ``rate``, then one a ``60/rate`` seconds; here
the buckets a process keeps while the shared ones are out of reach (the shared ones:
``tests/integration/limits/``)."""

from __future__ import annotations

import asyncio

import pytest

from api import rate_limit
from api.rate_limit import (
    LEASE_TTL_S,
    Leases,
    LocalBuckets,
    SubmissionLimiter,
    lease_size,
    retry_after,
)
from graph.limits.rules import Bucket, Kind
from graph.viewer import ANONYMOUS


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_the_refill_rate() -> None:
    clock = Clock()
    limiter = LocalBuckets(Bucket.per_minute(6), clock)  # one token every 10 s
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
    limiter = SubmissionLimiter(0, Kind.PUBLIC)
    assert not limiter.enabled

    async def takes() -> list[float]:
        return [await limiter.take(None, ANONYMOUS, "a") for _ in range(1000)]

    assert set(asyncio.run(takes())) == {0.0}


def test_without_a_graph_the_process_counts_on_its_own() -> None:
    limiter = SubmissionLimiter(2, Kind.PUBLIC)

    async def takes() -> list[float]:
        return [await limiter.take(None, ANONYMOUS, "a") for _ in range(3)]

    assert asyncio.run(takes()) == [0.0, 0.0, pytest.approx(30.0, abs=0.1)]


def test_the_least_recently_seen_are_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rate_limit, "MAX_CLIENTS", 2)
    limiter = LocalBuckets(Bucket.per_minute(1), Clock())
    for address in ("a", "b", "c"):
        assert limiter.take(address) == 0.0
    assert limiter.take("a") == 0.0  # forgotten, so a fresh bucket
    assert limiter.take("c") == pytest.approx(60.0)


def test_retry_after_is_whole_seconds() -> None:
    assert (retry_after(0.2), retry_after(10.0), retry_after(10.1)) == ("1", "10", "11")


def test_a_lease_is_at_most_a_tenth_of_the_rate() -> None:
    assert lease_size(1_000_000, 16) == 16
    assert lease_size(600, 16) == 16
    assert lease_size(100, 16) == 10
    assert lease_size(20, 16) == 2  # the public's default rate
    assert lease_size(5, 16) == 1  # never less than one
    assert lease_size(600, 1) == 1


def test_leased_tokens_are_spent_then_dropped_when_old() -> None:
    clock = Clock()
    leases = Leases(clock)
    assert not leases.spend("a")
    leases.keep("a", 2, taken_at=0.0)
    assert [leases.spend("a") for _ in range(3)] == [True, True, False]
    leases.keep("b", 5, taken_at=0.0)
    clock.now = LEASE_TTL_S - 0.1
    assert leases.spend("b")
    clock.now = LEASE_TTL_S
    assert not leases.spend("b")  # too old: dropped, never spent
    assert leases.held("b") == 0
