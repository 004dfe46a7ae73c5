"""Failed status checks, counted per reference typed and per client, to stop guessing access
codes (``services/status.py``).

After ``LIMIT`` failures for one reference within ``WINDOW``, that reference is refused until
the oldest failure is older than the window; a correct code clears its count. The count is kept
for whatever reference was typed, known or not, so the answer never tells which exist.

In memory, per process: a restart forgets the counts and each worker process counts on its own
(with N workers, up to N x LIMIT guesses a window). A code has 60 random bits, so even that
leaves guessing hopeless; a shared store (Neo4j or Redis) is the step when the hub runs several
processes. At most ``MAX_REFERENCES`` references are tracked; past that the stalest are dropped.
"""

from __future__ import annotations

from collections import OrderedDict, deque

LIMIT = 5
CLIENT_LIMIT = 20  # one address trying many references
WINDOW_S = 15 * 60.0
MAX_REFERENCES = 100_000


class FailedAttempts:
    def __init__(
        self, limit: int = LIMIT, window_s: float = WINDOW_S, max_references: int = MAX_REFERENCES
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self.max_references = max_references
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.get(key, deque())
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        return failures

    def blocked(self, key: str, now: float) -> bool:
        return len(self._recent(key, now)) >= self.limit

    def fail(self, key: str, now: float) -> None:
        failures = self._recent(key, now)
        failures.append(now)
        self._failures[key] = failures
        self._failures.move_to_end(key)
        while len(self._failures) > self.max_references:
            self._failures.popitem(last=False)

    def clear(self, key: str) -> None:
        self._failures.pop(key, None)

    def clear_all(self) -> None:
        self._failures.clear()
