"""How often one client may submit to the intake doors: a token bucket per client, shared by
every API worker.

Submissions (``POST /api/v1/referrals`` and GraphQL ``submitReferral``) take one token each
from their client's bucket; a bucket holds ``rate`` tokens and refills at ``rate`` a minute,
so a person reporting several posts is never stopped while a script flooding the door is, with
``429`` and ``Retry-After``. Two limiters, each its own setting (``api/request_guard.py``
applies them): the public's without a token, one bucket per address
(``OHCH_INTAKE_RATE_PER_MINUTE``); a partner's, one bucket per partner account whatever its
address (``OHCH_INTAKE_PARTNER_RATE_PER_MINUTE``), so a feed and a benchmark set their own.
Staff are not limited here.

The buckets are counters in the graph (``services/attempts.py`` ``take_submission``, one
statement under the bucket's lock), so N workers give a client the limit once, not N times,
and a restart forgets nothing. Each process also keeps buckets of its own (``LocalBuckets``,
the same arithmetic), asked first: a client past the rate at one process alone is past it for
all, so a flood is refused there without a write to the graph. While Neo4j is unreachable
(intake is journalled then) those buckets alone limit the door, per process, until the graph
is back.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from graph.errors import GraphUnavailable
from graph.limits.rules import Bucket, Kind, take_token
from graph.viewer import Viewer
from services.attempts import take_submission
from services.use_case import Caller

MAX_CLIENTS = 100_000  # remembered by a process's fallback buckets


class LocalBuckets:
    """This process's buckets, while the shared ones cannot be reached; at most
    ``MAX_CLIENTS`` clients, the least recently seen forgotten first."""

    def __init__(self, bucket: Bucket, clock: Callable[[], float] = time.monotonic) -> None:
        self.bucket = bucket
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        with self._lock:
            now = self._clock()
            tokens, seen = self._buckets.pop(client, (self.bucket.capacity, now))
            wait, left = take_token(self.bucket, tokens, seen, now)
            self._buckets[client] = (left, now)
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
        return wait


class SubmissionLimiter:
    def __init__(self, rate_per_minute: int, kind: Kind) -> None:
        self.rate = rate_per_minute
        self.kind = kind
        self.local = LocalBuckets(Bucket.per_minute(rate_per_minute)) if self.enabled else None

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    async def take(self, graph: Any, viewer: Viewer, client: str) -> float:
        """Take one token for ``client`` (an address, or a partner account): 0 if it may go
        ahead, else the seconds until it may (nothing is taken then). ``graph`` is the app's,
        None before the app has started."""
        if self.local is None:
            return 0.0
        wait = self.local.take(client)
        if wait > 0 or graph is None:
            return wait  # past the rate at this process alone: past it for all of them
        try:
            return await asyncio.to_thread(
                take_submission, Caller(graph, viewer), self.kind, client, self.rate
            )
        except GraphUnavailable:
            return wait  # this process's bucket alone, until the graph is back


def retry_after(wait_s: float) -> str:
    """The ``Retry-After`` header's whole seconds (at least 1)."""
    return str(max(1, math.ceil(wait_s)))
