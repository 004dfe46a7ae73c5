"""Counting against guessing and flooding, in counters every API worker shares
(``graph/limits/``): failed access codes (``services/status.py``, ``services/attachments.py``)
and submission rates (``api/rate_limit.py``).

**Guesses.** A status check or an evidence sending first takes a slot in two counters, the
typed reference's (``LIMIT`` a window) and the client's (``CLIENT_LIMIT``), both or neither, in
one statement under the counters' locks, so two workers cannot both pass the last slot. A wrong
code keeps its slots; a right one clears the reference's count and gives the client's slot
back. The reference is counted whatever was typed, known or not, so the answer never tells
which exist. ``WINDOW_S`` after a failure it no longer counts.

**Rates.** ``take_submissions`` takes tokens from the submitter's bucket (per address without a
token, per partner account with one), several at once for a worker to spend itself, or answers
the seconds to wait when none is left.

Counters are named by an HMAC of what they count, keyed by ``OHCH_LIMITS_KEY`` (else derived
from ``OHCH_WEB_SECRET``): no address or reference is stored. The key is configuration, the same
in every worker (``use_settings``, called by the app factory), not state.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from graph.access import Capability
from graph.db import Graph
from graph.limits import store
from graph.limits.rules import Bucket, Kind, Window, counter_key, derive_secret
from graph.settings import Settings
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "take_submissions": Capability.SUBMIT_REFERRAL,
}
LIMIT = 5
CLIENT_LIMIT = 20  # one address trying many references
WINDOW_S = 15 * 60.0

_secret = [derive_secret(None, None)]  # the development key until the app factory sets one


def use_settings(settings: Settings) -> None:
    """Key the counters with the deployment's secret (every worker derives the same)."""
    limits_key = settings.limits_key.get_secret_value() if settings.limits_key else None
    web_secret = settings.web_secret.get_secret_value() if settings.web_secret else None
    _secret[0] = derive_secret(limits_key, web_secret)


def key(kind: Kind, value: str) -> str:
    return counter_key(_secret[0], kind, value)


@dataclass(frozen=True, slots=True)
class Slot:
    """The slots one check took: the reference's, the client's, and when."""

    reference_key: str
    client_key: str
    at: float


def take_guess(graph: Graph, reference: str, client: str) -> Slot | None:
    """A slot for one more guess at ``reference`` from ``client``, or None when either has
    failed too often within the window (nothing taken then)."""
    slot = Slot(key(Kind.REFERENCE, reference), key(Kind.CLIENT, client), time.time())
    windows = [
        Window(slot.reference_key, LIMIT, WINDOW_S),
        Window(slot.client_key, CLIENT_LIMIT, WINDOW_S),
    ]
    return slot if store.take_attempts(graph, windows, slot.at) else None


def guessed_right(graph: Graph, slot: Slot) -> None:
    """The code matched: the reference's failures are forgotten, the client's slot given back."""
    store.clear(graph, slot.reference_key)
    store.give_back(graph, slot.client_key, slot.at)


@dataclass(frozen=True, slots=True)
class Taken:
    """Tokens taken from a submitter's bucket at once: how many (0: none left), and the seconds
    until one is there when none was."""

    count: int
    wait_s: float


@use_case
def take_submissions(
    caller: Caller, kind: Kind, who: str, rate_per_minute: int, want: int, now: float
) -> Taken:
    """Take up to ``want`` submissions at once from ``who``'s bucket, at ``now`` (wall-clock
    seconds): the worker that asked spends them itself (its lease, ``api/rate_limit.py``)."""
    bucket = Bucket.per_minute(rate_per_minute)
    return Taken(*store.take_tokens(caller.graph, key(kind, who), bucket, now, want))
