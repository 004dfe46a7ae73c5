"""The shared counters' arithmetic, with no database: the same rules the Cypher runs under the
counter's lock (``tests/integration/limits/`` runs this table through the statements)."""

from __future__ import annotations

import pytest

from graph.limits.rules import (
    DEVELOPMENT_KEY,
    Bucket,
    Kind,
    Window,
    counter_key,
    derive_secret,
    give_back,
    recent,
    take_attempts,
    take_token,
    take_tokens,
)

A = Window("a", limit=2, window_s=60)
B = Window("b", limit=3, window_s=60)

# (times in A before, times in B before, now) -> (taken, A after, B after)
ATTEMPTS = [
    ([], [], 0.0, True, [0.0], [0.0]),
    ([0.0], [0.0], 10.0, True, [0.0, 10.0], [0.0, 10.0]),
    ([0.0, 10.0], [0.0], 59.0, False, [0.0, 10.0], [0.0]),  # A is full: B takes nothing either
    ([0.0, 10.0], [0.0], 61.0, True, [10.0, 61.0], [61.0]),  # the first failure left the window
    ([5.0], [1.0, 2.0, 3.0], 30.0, False, [5.0], [1.0, 2.0, 3.0]),  # B is full
    ([5.0], [1.0, 2.0, 3.0], 62.0, True, [5.0, 62.0], [3.0, 62.0]),
]


@pytest.mark.parametrize(("a", "b", "now", "taken", "a_after", "b_after"), ATTEMPTS)
def test_a_check_takes_a_slot_in_every_counter_or_none(
    a: list[float],
    b: list[float],
    now: float,
    taken: bool,
    a_after: list[float],
    b_after: list[float],
) -> None:
    assert take_attempts([(A, a), (B, b)], now) == (taken, [a_after, b_after])


def test_a_counter_never_holds_more_than_its_limit() -> None:
    times: list[float] = []
    for second in range(30):
        _, [times] = take_attempts([(A, times)], float(second))
        assert len(times) <= A.limit
    assert recent(times, 100.0, 60.0) == []  # taken at 0 s and 1 s: gone by 100 s


def test_a_right_code_gives_its_slot_back() -> None:
    assert give_back([1.0, 2.0, 3.0], 2.0) == [1.0, 3.0]
    assert give_back([1.0, 2.0, 2.0], 2.0) == [1.0, 2.0]  # one slot, not every one at that time
    assert give_back([1.0], 5.0) == [1.0]


def test_a_bucket_bursts_then_refills_at_its_rate() -> None:
    bucket = Bucket.per_minute(6)  # one token every 10 s
    tokens, seen = bucket.capacity, 0.0
    waits = []
    for _ in range(7):
        wait, tokens = take_token(bucket, tokens, seen, 0.0)
        waits.append(wait)
    assert waits == [0.0] * 6 + [pytest.approx(10.0)]
    assert take_token(bucket, tokens, 0.0, 9.0) == pytest.approx((1.0, 0.9))
    assert take_token(bucket, tokens, 0.0, 10.0)[0] == 0.0
    assert take_token(bucket, 0.0, 0.0, 1e6) == (0.0, 5.0)  # never more than its capacity
    assert take_token(bucket, 0.5, 100.0, 50.0) == pytest.approx((5.0, 0.5))  # a clock behind
    assert bucket.full_after_s() == 60.0


# (tokens before, seen, now, wanted) -> (taken, left); a bucket of 6 a minute, 1 every 10 s
LEASES = [
    (6.0, 0.0, 0.0, 4, 4, 2.0),  # a lease of 4 out of 6
    (2.0, 0.0, 0.0, 4, 2, 0.0),  # as many as there are, fewer than wanted
    (0.5, 0.0, 0.0, 4, 0, 0.5),  # less than one: none taken, nothing changed
    (0.5, 0.0, 5.0, 4, 1, 0.0),  # refilled to 1 by 5 s later
    (0.0, 0.0, 1e6, 10, 6, 0.0),  # never more than its capacity
    (3.0, 100.0, 50.0, 2, 2, 1.0),  # a clock behind adds nothing
]


@pytest.mark.parametrize(("tokens", "seen", "now", "want", "taken", "left"), LEASES)
def test_a_lease_takes_the_whole_tokens_there_are_up_to_those_wanted(
    tokens: float, seen: float, now: float, want: int, taken: int, left: float
) -> None:
    bucket = Bucket.per_minute(6)
    assert take_tokens(bucket, tokens, seen, now, want) == (taken, pytest.approx(left))


def test_a_counter_is_named_by_a_keyed_hash_never_the_value() -> None:
    name = counter_key(b"k" * 32, Kind.CLIENT, "203.0.113.7")
    assert len(name) == 64
    assert "203" not in name
    assert name == counter_key(b"k" * 32, Kind.CLIENT, "203.0.113.7")  # every worker agrees
    assert name != counter_key(b"j" * 32, Kind.CLIENT, "203.0.113.7")  # the key matters
    assert name != counter_key(b"k" * 32, Kind.REFERENCE, "203.0.113.7")  # so does the kind


def test_the_key_is_the_setting_else_derived_from_the_web_secret() -> None:
    assert derive_secret("L" * 32, "w" * 32) == b"L" * 32
    derived = derive_secret(None, "w" * 32)
    assert derived not in (b"w" * 32, DEVELOPMENT_KEY)
    assert derived == derive_secret(None, "w" * 32)
    assert derive_secret(None, None) == DEVELOPMENT_KEY
