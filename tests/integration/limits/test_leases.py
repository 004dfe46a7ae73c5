"""A worker's lease of a client's shared submission tokens (issue #28 item 3): taken from the
bucket in the graph several at a time and spent by the worker itself, with the bounds
``api/rate_limit.py`` states: every token admitted was taken from the shared bucket; in any
interval at most ``workers x (lease - 1)`` more than the bucket alone would admit; leased
tokens older than ``LEASE_TTL_S`` are dropped. Each limiter here stands for one API worker."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

from api.rate_limit import LEASE_TTL_S, SubmissionLimiter
from graph.cypher import load_query
from graph.db import Graph
from graph.limits.rules import Kind
from graph.viewer import ANONYMOUS
from services import attempts

RATE = 600  # a minute: 10 tokens a second, a bucket of 600
LEASE = 16
CLIENT = "198.51.100.20"
T0 = 1_900_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


def workers(count: int, clock: Clock, lease: int = LEASE) -> list[SubmissionLimiter]:
    return [SubmissionLimiter(RATE, Kind.PUBLIC, lease, clock) for _ in range(count)]


def admit(graph: Graph, worker: SubmissionLimiter, times: int) -> int:
    """Submissions ``worker`` admits out of ``times`` asked for, one after the other."""
    return sum(worker.take_shared(graph, ANONYMOUS, CLIENT) == 0.0 for _ in range(times))


def drain(graph: Graph, worker: SubmissionLimiter) -> int:
    """Submissions ``worker`` admits until it is refused."""
    admitted = 0
    while worker.take_shared(graph, ANONYMOUS, CLIENT) == 0.0:
        admitted += 1
    return admitted


def shared_tokens(graph: Graph) -> float:
    (row,) = graph.read(load_query("limits/read_counter"), key=attempts.key(Kind.PUBLIC, CLIENT))
    return float(row["tokens"])


def test_a_lease_is_one_write_for_many_submissions(graph: Graph) -> None:
    clock = Clock()
    (worker,) = workers(1, clock)
    assert admit(graph, worker, 5) == 5
    assert shared_tokens(graph) == RATE - LEASE  # one lease taken, not five tokens
    assert worker.leases.held(CLIENT) == LEASE - 5
    (one_each,) = workers(1, clock, lease=1)
    assert admit(graph, one_each, 3) == 3
    assert shared_tokens(graph) == RATE - LEASE - 3  # a lease of 1: one token a submission


def test_a_burst_on_many_workers_admits_the_bucket_and_no_more(graph: Graph) -> None:
    clock = Clock()
    three = workers(3, clock)
    asked = 3 * RATE
    with ThreadPoolExecutor(12) as pool:
        answers = list(
            pool.map(lambda i: three[i % 3].take_shared(graph, ANONYMOUS, CLIENT), range(asked))
        )
    admitted = answers.count(0.0)
    held = sum(w.leases.held(CLIENT) for w in three)
    # every token admitted or held was taken from the shared bucket, and it held RATE
    assert admitted + held == RATE
    assert shared_tokens(graph) < 1.0
    assert admitted >= RATE - 3 * (LEASE - 1)  # refused early by at most what others hold


def test_requests_arriving_together_at_one_worker_take_one_lease(graph: Graph) -> None:
    (worker,) = workers(1, Clock())
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: worker.take_shared(graph, ANONYMOUS, CLIENT), range(8)))
    assert answers == [0.0] * 8
    assert shared_tokens(graph) == RATE - LEASE
    assert worker.leases.held(CLIENT) == LEASE - 8


def test_over_admission_is_at_most_the_other_workers_leases(graph: Graph) -> None:
    """Two workers lease and a third drains the bucket; a moment later the bucket has earned a
    few tokens. In that moment the bucket alone admits those few; the workers admit them plus
    what the two leases still hold: (lease - 1) each, within the stated workers x (lease - 1)."""
    clock = Clock()
    first, second, third = workers(3, clock)
    assert admit(graph, first, 1) == admit(graph, second, 1) == 1  # each holds LEASE - 1 now
    assert drain(graph, third) == RATE - 2 * LEASE
    clock.now += 1.5  # the bucket earns 15 tokens
    earned = math.floor(1.5 * RATE / 60)
    admitted = drain(graph, third) + drain(graph, first) + drain(graph, second)
    assert admitted == earned + 2 * (LEASE - 1)
    assert admitted - earned <= 3 * (LEASE - 1)
    assert admitted - earned <= RATE * LEASE_TTL_S / 60  # and never past the lease's lifetime


def test_a_lease_unspent_too_long_is_dropped(graph: Graph) -> None:
    clock = Clock()
    holder, other = workers(2, clock)
    assert admit(graph, holder, 1) == 1
    assert drain(graph, other) == RATE - LEASE
    # under-admission: the bucket is empty while the holder keeps LEASE - 1 of its tokens
    assert other.take_shared(graph, ANONYMOUS, CLIENT) > 0
    clock.now += LEASE_TTL_S
    assert holder.take_shared(graph, ANONYMOUS, CLIENT) == 0.0  # the bucket earned 100 since
    assert holder.leases.held(CLIENT) == LEASE - 1  # a new lease: the old tokens were dropped
    assert shared_tokens(graph) == LEASE_TTL_S * RATE / 60 - LEASE
