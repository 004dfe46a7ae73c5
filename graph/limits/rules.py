"""The arithmetic of the shared counters, pure: what ``queries/limits/*.cypher`` does under
the counter's lock, written once here so it is tested without a database (and an integration
test runs the same table through the statements).

- **Attempts** (``take_attempts``): each counter keeps the times of its recent failures; a
  check takes a slot in every counter it names, or in none, when any already holds ``limit``
  failures newer than ``window_s``. Older times are dropped as they are read, so a counter
  never holds more than its limit.
- **Rates** (``take_token``): a bucket of ``capacity`` tokens refilled at ``per_s``; a
  submission takes one, or waits ``(1 - tokens) / per_s`` seconds when none is left. An API
  worker takes several at once (``take_tokens``) and spends them itself (a lease).

A counter in the graph is deleted once it can no longer refuse anything (``expires_at``): a
window with no failure younger than ``window_s``, a bucket full again.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import math
from collections.abc import Sequence
from dataclasses import dataclass

# Keys a development hub's counters when neither OHCH_LIMITS_KEY nor OHCH_WEB_SECRET is set:
# the counters are still shared, but anyone can compute their names.
DEVELOPMENT_KEY = b"ohch-development-limits-key-not-secret"


class Kind(enum.StrEnum):
    """What a counter counts; part of its hashed name, so one value never meets another kind's
    counter."""

    REFERENCE = "reference"  # failed access codes for one typed reference
    CLIENT = "client"  # failed access codes from one address
    PUBLIC = "public"  # submissions from one address without a token
    PARTNER = "partner"  # submissions from one partner account


def counter_key(secret: bytes, kind: Kind, value: str) -> str:
    """The name a counter is kept under: HMAC-SHA256 of its kind and value, hex."""
    return hmac.new(secret, f"{kind.value}\x00{value}".encode(), hashlib.sha256).hexdigest()


def derive_secret(limits_key: str | None, web_secret: str | None) -> bytes:
    """The counters' key: ``OHCH_LIMITS_KEY``, else one derived from ``OHCH_WEB_SECRET`` (the
    same on every worker), else the development key."""
    if limits_key:
        return limits_key.encode()
    if web_secret:
        return hmac.new(web_secret.encode(), b"ohch-limits", hashlib.sha256).digest()
    return DEVELOPMENT_KEY


@dataclass(frozen=True, slots=True)
class Window:
    """One attempts counter a check takes a slot in: at most ``limit`` within ``window_s``."""

    key: str
    limit: int
    window_s: float


def recent(times: Sequence[float], now: float, window_s: float) -> list[float]:
    """The failure times still inside the window ending at ``now``."""
    return [t for t in times if t > now - window_s]


def take_attempts(
    counters: Sequence[tuple[Window, Sequence[float]]], now: float
) -> tuple[bool, list[list[float]]]:
    """Take a slot at ``now`` in every counter, or in none when one is full: (taken, each
    counter's times afterwards)."""
    kept = [recent(times, now, w.window_s) for w, times in counters]
    taken = all(len(times) < w.limit for (w, _), times in zip(counters, kept, strict=True))
    return taken, [[*times, now] if taken else times for times in kept]


def give_back(times: Sequence[float], at: float) -> list[float]:
    """The times without the slot taken at ``at`` (a check that turned out right)."""
    if at not in times:
        return list(times)
    i = list(times).index(at)
    return [*times[:i], *times[i + 1 :]]


@dataclass(frozen=True, slots=True)
class Bucket:
    """A rate: ``capacity`` tokens, refilled at ``per_s`` a second."""

    capacity: float
    per_s: float

    @classmethod
    def per_minute(cls, rate: int) -> Bucket:
        return cls(capacity=float(rate), per_s=rate / 60.0)

    def full_after_s(self) -> float:
        """How long an empty bucket takes to fill: the counter's lifetime after its last use."""
        return self.capacity / self.per_s


def refilled(bucket: Bucket, tokens: float, seen: float, now: float) -> float:
    """The tokens at ``now`` of a bucket that held ``tokens`` at ``seen`` (a clock behind
    ``seen`` adds nothing)."""
    return min(bucket.capacity, tokens + max(0.0, now - seen) * bucket.per_s)


def take_token(bucket: Bucket, tokens: float, seen: float, now: float) -> tuple[float, float]:
    """(seconds to wait, tokens left): 0 and one token fewer when one is there, else the wait
    and nothing taken."""
    have = refilled(bucket, tokens, seen, now)
    if have >= 1.0:
        return 0.0, have - 1.0
    return wait_s(bucket, have), have


def take_tokens(
    bucket: Bucket, tokens: float, seen: float, now: float, want: int
) -> tuple[int, float]:
    """(whole tokens taken, tokens left): up to ``want`` of those the bucket holds at ``now``,
    none when it holds less than one (a worker's lease: ``api/rate_limit.py``)."""
    have = refilled(bucket, tokens, seen, now)
    taken = max(0, min(want, math.floor(have)))
    return taken, have - taken


def wait_s(bucket: Bucket, have: float) -> float:
    """The seconds until a bucket holding ``have`` tokens holds one."""
    return 0.0 if have >= 1.0 else (1.0 - have) / bucket.per_s
