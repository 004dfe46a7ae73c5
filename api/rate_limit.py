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

The buckets are counters in the graph (``services/attempts.py`` ``take_submissions``, one
statement under the bucket's lock), so N workers give a client the limit once, not N times,
and a restart forgets nothing. A worker takes a client's tokens from the graph several at a
time (a *lease*, ``OHCH_INTAKE_RATE_LEASE`` at most and never more than a tenth of the rate)
and spends them itself, so a busy client costs the graph one write per lease, not one per
submission. Every token spent was taken from the shared bucket, at most ``LEASE_TTL_S``
before (a token left longer is dropped, never given back), so:

- **over-admission**: in any interval a client is admitted at most ``workers x (lease - 1)``
  submissions more than the shared bucket alone would admit (tokens leased before a refill,
  spent after it), and never more than ``rate x LEASE_TTL_S / 60`` more;
- **under-admission**: a client may be refused while up to ``lease - 1`` of its tokens sit in
  each other worker's lease, unspent (its requests landed elsewhere), until they are dropped.

A lease of 1 takes one token a submission, as before leases. Each process also keeps buckets
of its own (``LocalBuckets``, the same arithmetic), asked first: a client past the rate at one
process alone is past it for all, so a flood is refused there without a write to the graph.
While Neo4j is unreachable (intake is journalled then) those buckets alone limit the door, per
process, until the graph is back.
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
from services.attempts import take_submissions
from services.use_case import Caller

MAX_CLIENTS = 100_000  # remembered by a process's fallback buckets and its leases
LEASE_TTL_S = 10.0  # a leased token unspent this long is dropped
LEASE_SHARE = 10  # a lease is never more than a tenth of the rate
REFILL_LOCKS = 64  # one client's lease is refilled by one request at a time (striped locks)


def lease_size(rate_per_minute: int, most: int) -> int:
    """Tokens a worker takes at once: ``most``, but never more than a tenth of the rate (a
    public rate of 20 leases 2), and at least one."""
    return max(1, min(most, rate_per_minute // LEASE_SHARE))


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


class Leases:
    """Tokens this process took from clients' shared buckets and has not spent yet: each
    client's count and when they were taken; at most ``MAX_CLIENTS`` clients."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._held: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()
        self._refilling = [threading.Lock() for _ in range(REFILL_LOCKS)]

    def spend(self, client: str) -> bool:
        """Spend one of ``client``'s leased tokens; False when none is left or they are older
        than ``LEASE_TTL_S`` (dropped then)."""
        with self._lock:
            count, taken_at = self._held.pop(client, (0, 0.0))
            if count <= 0 or self._clock() - taken_at >= LEASE_TTL_S:
                return False
            if count > 1:
                self._held[client] = (count - 1, taken_at)
            return True

    def keep(self, client: str, count: int, taken_at: float) -> None:
        """Hold ``count`` more of ``client``'s tokens, taken at ``taken_at``."""
        if count <= 0:
            return
        with self._lock:
            self._held[client] = (count, taken_at)
            while len(self._held) > MAX_CLIENTS:
                self._held.popitem(last=False)

    def held(self, client: str) -> int:
        with self._lock:
            return self._held.get(client, (0, 0.0))[0]

    def refilling(self, client: str) -> threading.Lock:
        """The lock one refill of ``client``'s lease holds, so requests arriving together take
        one lease, not one each."""
        return self._refilling[hash(client) % REFILL_LOCKS]


class SubmissionLimiter:
    def __init__(
        self,
        rate_per_minute: int,
        kind: Kind,
        lease: int = 1,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.rate = rate_per_minute
        self.kind = kind
        self.lease = lease_size(rate_per_minute, lease)
        self.local = LocalBuckets(Bucket.per_minute(rate_per_minute)) if self.enabled else None
        self.leases = Leases(clock)
        self._clock = clock

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
        if self.leases.spend(client):
            return 0.0
        try:
            return await asyncio.to_thread(self.take_shared, graph, viewer, client)
        except GraphUnavailable:
            return wait  # this process's bucket alone, until the graph is back

    def take_shared(self, graph: Any, viewer: Viewer, client: str) -> float:
        """Take a lease from ``client``'s shared bucket and spend one token of it: 0, or the
        seconds to wait when the bucket is empty. Blocks (a worker thread's)."""
        with self.leases.refilling(client):
            if self.leases.spend(client):  # another request refilled it meanwhile
                return 0.0
            now = self._clock()
            taken = take_submissions(
                Caller(graph, viewer), self.kind, client, self.rate, self.lease, now
            )
            self.leases.keep(client, taken.count - 1, now)
            return 0.0 if taken.count else taken.wait_s


def retry_after(wait_s: float) -> str:
    """The ``Retry-After`` header's whole seconds (at least 1)."""
    return str(max(1, math.ceil(wait_s)))
