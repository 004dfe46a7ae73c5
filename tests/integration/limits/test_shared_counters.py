"""The shared counters in a real Neo4j: the statements follow the pure rules, take the last
slot once however many threads race for it, store no address, and are cleaned up."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from graph.cypher import load_query
from graph.db import Graph
from graph.limits import rules, store
from graph.limits.rules import Bucket, Kind, Window
from graph.scheduling.jobs import JOBS
from graph.scheduling.plan import JobName
from graph.settings import Settings
from graph.viewer import ANONYMOUS
from services import attempts
from services.use_case import Caller
from tests.unit.limits.test_limit_rules import ATTEMPTS

A = Window("a" * 64, limit=2, window_s=60)
B = Window("b" * 64, limit=3, window_s=60)


def _times(graph: Graph, key: str) -> list[float]:
    rows = graph.read(load_query("limits/read_counter"), key=key)
    return list(rows[0]["times"]) if rows else []


def _seed(graph: Graph, window: Window, times: list[float]) -> None:
    """Fill a counter to ``times`` through the statement itself, one take at each time."""
    for t in times:
        assert store.take_attempts(graph, [Window(window.key, 99, 1e9)], t)


@pytest.mark.parametrize(("a", "b", "now", "taken", "a_after", "b_after"), ATTEMPTS)
def test_the_statement_follows_the_rules_table(
    graph: Graph, a: list[float], b: list[float], now: float, taken: bool,
    a_after: list[float], b_after: list[float],
) -> None:  # fmt: skip
    _seed(graph, A, a)
    _seed(graph, B, b)
    assert store.take_attempts(graph, [A, B], now) is taken
    assert (_times(graph, A.key), _times(graph, B.key)) == (a_after, b_after)
    assert rules.take_attempts([(A, a), (B, b)], now) == (taken, [a_after, b_after])


def test_racing_threads_take_the_last_slot_once(graph: Graph) -> None:
    window = Window("c" * 64, limit=5, window_s=600)
    now = datetime.now(UTC).timestamp()
    with ThreadPoolExecutor(8) as pool:
        taken = list(pool.map(lambda i: store.take_attempts(graph, [window], now + i), range(40)))
    assert taken.count(True) == 5
    assert len(_times(graph, window.key)) == 5


def test_racing_threads_empty_a_bucket_once(graph: Graph) -> None:
    bucket = Bucket.per_minute(10)
    now = datetime.now(UTC).timestamp()
    with ThreadPoolExecutor(8) as pool:
        waits = list(pool.map(lambda _: store.take_token(graph, "d" * 64, bucket, now), range(30)))
    assert waits.count(0.0) == 10
    assert all(w == pytest.approx(6.0) for w in waits if w)  # one token every 6 s


def test_a_right_code_clears_the_reference_and_gives_the_client_its_slot(graph: Graph) -> None:
    wrong = attempts.take_guess(graph, "HUB-1", "203.0.113.9")
    right = attempts.take_guess(graph, "HUB-1", "203.0.113.9")
    assert wrong is not None
    assert right is not None
    attempts.guessed_right(graph, right)
    assert _times(graph, right.reference_key) == []
    assert _times(graph, right.client_key) == [wrong.at]


def test_no_address_or_reference_is_stored(graph: Graph, neo4j_settings: Settings) -> None:
    attempts.take_guess(graph, "HUB-2026-000042", "203.0.113.9")
    taken = attempts.take_submissions(
        Caller(graph, ANONYMOUS), Kind.PUBLIC, "198.51.100.4", 20, 1, datetime.now(UTC).timestamp()
    )
    assert taken == attempts.Taken(1, 0.0)
    rows = graph.read(
        load_query("limits/read_counter"), key=attempts.key(Kind.PUBLIC, "198.51.100.4")
    )
    assert rows
    assert rows[0]["tokens"] == 19.0
    with graph.driver.session(database=graph.database) as session:
        stored = [
            str(dict(r["c"]))
            for r in session.run("MATCH (c:LimitCounter) RETURN c")  # every counter
        ]
    assert len(stored) == 3
    assert not any(v in s for s in stored for v in ("203.0.113", "198.51.100", "HUB-2026"))


def test_expired_counters_are_deleted_by_the_scheduled_job(
    graph: Graph, neo4j_settings: Settings
) -> None:
    now = datetime.now(UTC)
    old = now.timestamp() - 3600
    assert store.take_attempts(graph, [Window("e" * 64, 5, 900)], old)  # expired 45 minutes ago
    store.take_token(graph, "f" * 64, Bucket.per_minute(20), old)  # full again 59 minutes ago
    assert store.take_attempts(graph, [Window("g" * 64, 5, 900)], now.timestamp())  # live
    summary = JOBS[JobName.CLEAN_LIMITS](graph, neo4j_settings, now)
    assert summary == "2 expired rate and attempt counters deleted"
    with graph.driver.session(database=graph.database) as session:
        keys = [r["k"] for r in session.run("MATCH (c:LimitCounter) RETURN c.key AS k")]
    assert keys == ["g" * 64]
