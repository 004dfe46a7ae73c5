"""How often one client may submit to the intake doors: a token bucket per client.

Submissions (``POST /api/v1/referrals`` and GraphQL ``submitReferral``) take one token each
from their client's bucket; a bucket holds ``rate`` tokens and refills at ``rate`` a minute,
so a person reporting several posts is never stopped while a script flooding the door is, with
``429`` and ``Retry-After``. Two limiters, each its own setting (``api/request_guard.py``
applies them): the public's without a token, one bucket per address
(``OHCH_INTAKE_RATE_PER_MINUTE``); a partner's, one bucket per partner account whatever its
address (``OHCH_INTAKE_PARTNER_RATE_PER_MINUTE``), so a feed and a benchmark set their own.
Staff are not limited here.

The buckets live in this process: with several API processes each keeps its own, so the
effective limit is per process (the deployment's proxy can add a shared one). At most
``MAX_CLIENTS`` addresses are remembered, the least recently seen forgotten first.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

MAX_CLIENTS = 100_000


class SubmissionLimiter:
    def __init__(self, rate_per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(rate_per_minute)
        self.refill_per_s = rate_per_minute / 60.0
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    def take(self, client: str) -> float:
        """Take one token for ``client``: 0 if it may go ahead, else the seconds until it may
        (nothing is taken then)."""
        if not self.enabled:
            return 0.0
        with self._lock:
            now = self._clock()
            tokens, seen = self._buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - seen) * self.refill_per_s)
            wait = 0.0
            if tokens >= 1.0:
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self.refill_per_s
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
        return wait


def retry_after(wait_s: float) -> str:
    """The ``Retry-After`` header's whole seconds (at least 1)."""
    return str(max(1, math.ceil(wait_s)))
