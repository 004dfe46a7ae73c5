"""Content summaries kept between linking batches, used only while the graph still holds them.

Every write of a cluster's summary (``dedup/upsert_clusters``) stamps it with a version token
new to that transaction (:func:`new_version`), and the candidate lookup returns each cluster's
token with its id. A summary kept here is used only when its token equals the graph's, so it is
exactly what ``dedup/clusters_by_ids`` would return; any other writer (an analyst's merge or
split, intake in another process) leaves a token this process never saw, and the summary is
fetched again. Tokens are random, so one from a transaction that rolled back never comes back.

Why: intake fetches the summaries of up to 30 candidates a report, and most were fetched by an
earlier batch (89% over 30,000 generated referrals). The cache is bounded by the characters it
holds (texts may each be 20,000), so memory does not grow with the graph.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping

from graph.dedup.models import ContentSummary

DEFAULT_BUDGET_CHARS = 32_000_000  # about 64 MB of text at two bytes a character, at most
_ENTRY_OVERHEAD_CHARS = 400  # the objects around the text


def new_version() -> str:
    """A version token for one transaction's summary writes."""
    return secrets.token_hex(12)


def _cost(summary: ContentSummary) -> int:
    return (
        _ENTRY_OVERHEAD_CHARS
        + sum(map(len, summary.texts))
        + sum(map(len, summary.handles))
        + sum(map(len, summary.victim_keys))
    )


class SummaryCache:
    """Least recently used summaries by cluster id, each with the version it was read or
    written at. Safe to share between threads."""

    def __init__(self, budget_chars: int = DEFAULT_BUDGET_CHARS) -> None:
        self.budget_chars = budget_chars
        self._entries: OrderedDict[str, tuple[str, ContentSummary, int]] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, versions: Mapping[str, str | None]) -> dict[str, ContentSummary]:
        """The summaries held at exactly the given versions (cluster id -> graph version)."""
        found = {}
        with self._lock:
            for cluster_id, version in versions.items():
                entry = self._entries.get(cluster_id)
                if entry is not None and version is not None and entry[0] == version:
                    found[cluster_id] = entry[1]
                    self._entries.move_to_end(cluster_id)
        return found

    def put(self, versioned: Iterable[tuple[str | None, ContentSummary]]) -> None:
        """Keep summaries as the graph holds them, each at its version (None: not kept)."""
        with self._lock:
            for version, summary in versioned:
                old = self._entries.pop(summary.content_id, None)
                if old is not None:
                    self._chars -= old[2]
                cost = _cost(summary)
                if version is None or cost > self.budget_chars:
                    continue
                self._entries[summary.content_id] = (version, summary, cost)
                self._chars += cost
            while self._chars > self.budget_chars:
                _, (_, _, cost) = self._entries.popitem(last=False)
                self._chars -= cost

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._chars = 0


SUMMARIES = SummaryCache()  # this process's; every linking transaction shares it
