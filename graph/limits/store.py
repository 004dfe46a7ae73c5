"""The shared counters in Neo4j: one statement a check, run by ``queries/limits/*.cypher``
under the counter's write lock (the arithmetic is ``graph/limits/rules.py``)."""

from __future__ import annotations

from collections.abc import Sequence

from graph.cypher import load_query
from graph.db import Graph
from graph.limits.rules import Bucket, Window, wait_s

CLEAN_BATCH = 10_000


def take_attempts(graph: Graph, windows: Sequence[Window], now: float) -> bool:
    """Take a slot at ``now`` in every window, or in none when one is full; True if taken."""
    counters = [{"key": w.key, "limit": w.limit, "window_s": w.window_s} for w in windows]
    rows = graph.write(load_query("limits/take_attempts"), counters=counters, now=now)
    return bool(rows[0]["taken"])


def give_back(graph: Graph, key: str, at: float) -> None:
    graph.write(load_query("limits/give_back_attempt"), key=key, at=at)


def clear(graph: Graph, key: str) -> None:
    graph.write(load_query("limits/clear_attempts"), key=key)


def take_token(graph: Graph, key: str, bucket: Bucket, now: float) -> float:
    """Take a token from the bucket ``key``: 0 if taken, else the seconds until one is there."""
    return take_tokens(graph, key, bucket, now, 1)[1]


def take_tokens(graph: Graph, key: str, bucket: Bucket, now: float, want: int) -> tuple[int, float]:
    """Take up to ``want`` whole tokens from the bucket ``key`` at once: (how many were taken,
    0 if any was, else the seconds until one is there)."""
    rows = graph.write(
        load_query("limits/take_tokens"),
        key=key, now=now, capacity=bucket.capacity, per_s=bucket.per_s, want=want,
    )  # fmt: skip
    taken = int(rows[0]["taken"])
    return taken, 0.0 if taken else wait_s(bucket, float(rows[0]["have"]))


def delete_expired(graph: Graph, now: float) -> int:
    """Delete every counter expired before ``now``, a batch at a time; the count deleted."""
    deleted = 0
    while True:
        rows = graph.write(load_query("limits/delete_expired"), now=now, batch=CLEAN_BATCH)
        deleted += int(rows[0]["deleted"])
        if int(rows[0]["deleted"]) < CLEAN_BATCH:
            return deleted
