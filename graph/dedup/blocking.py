"""Blocking: the few keys under which a report looks for candidate content (never all pairs).

Keys (strings, stable across processes so a store can index them):

- ``post|<post_key>``: the canonical post identity, when the report has one;
- ``acct|<platform>|<skeleton>``, ``acctp|<platform>|<first n>``, ``accts|<platform>|<last n>``:
  the suspect handle's skeleton and its ends (one typo rarely hits both ends);
- ``mh|<platform>|<band>``: MinHash LSH bands over the captured words;
- ``pre|<platform>|<first words>``: the first words, which a truncated copy keeps.

:class:`BlockIndex` is the in-memory index the linker matches a batch against, and batch mode's;
each key keeps only the ``max_per_block`` content ids most recently listed under it, so a viral
post or a prolific account cannot make a lookup expensive.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence

from graph.dedup.models import ContentSummary, ReportEvidence
from graph.dedup.policy import DedupPolicy
from graph.dedup.text import handle_skeleton, minhash_bands, prefix_key


def handle_keys(platform: str, handle: str, affix: int) -> list[str]:
    skeleton = handle_skeleton(handle)
    if not skeleton:
        return []
    keys = [f"acct|{platform}|{skeleton}"]
    if len(skeleton) > affix:
        keys += [f"acctp|{platform}|{skeleton[:affix]}", f"accts|{platform}|{skeleton[-affix:]}"]
    return keys


def text_keys(platform: str, normalised: str, policy: DedupPolicy) -> list[str]:
    keys = [
        f"mh|{platform}|{band}"
        for band in minhash_bands(normalised, policy.minhash_bands, policy.minhash_rows)
    ]
    prefix = prefix_key(normalised, policy.prefix_tokens)
    if prefix:
        keys.append(f"pre|{platform}|{prefix}")
    return keys


def report_keys(report: ReportEvidence, policy: DedupPolicy) -> list[str]:
    """Every blocking key of one report, without duplicates, post key first."""
    keys: list[str] = []
    if report.post_key:
        keys.append(f"post|{report.post_key}")
    for handle in report.handles:
        keys += handle_keys(report.platform, handle, policy.handle_affix_chars)
    if report.normalised_text:
        keys += text_keys(report.platform, report.normalised_text, policy)
    return list(dict.fromkeys(keys))


def content_keys(content: ContentSummary, policy: DedupPolicy) -> list[str]:
    """Every blocking key a content item should be found under."""
    keys: list[str] = []
    if content.post_key:
        keys.append(f"post|{content.post_key}")
    keys += [f"post|{key}" for key in content.other_post_keys]
    for handle in content.handles:
        keys += handle_keys(content.platform, handle, policy.handle_affix_chars)
    for text in content.texts:
        keys += text_keys(content.platform, text, policy)
    return list(dict.fromkeys(keys))


def most_shared(hits: Counter[str], cap: int) -> list[str]:
    """The ``cap`` content ids sharing most keys with a report (``hits``: id -> keys shared),
    most first, ties by id: the order every lookup offers candidates in.

    Two sorts with keys Python need not call back into (by id, then a stable sort by count,
    most first) cost half of one sort by a (count, id) key function; hits are a few dozen."""
    return sorted(sorted(hits), key=hits.__getitem__, reverse=True)[:cap]


class BlockIndex:
    """In-memory blocking index: key -> the content ids most recently listed under it (capped)."""

    def __init__(self, policy: DedupPolicy) -> None:
        self._policy = policy
        self._blocks: dict[str, OrderedDict[str, None]] = {}
        self._changed: dict[str, None] = {}  # keys listing a content they did not list before
        self._contents: dict[str, ContentSummary] = {}

    def __len__(self) -> int:
        return len(self._contents)

    def contents(self) -> list[ContentSummary]:
        """Every content item indexed so far, in the order first indexed."""
        return list(self._contents.values())

    def get(self, content_id: str) -> ContentSummary | None:
        return self._contents.get(content_id)

    def lookup(self, keys: Sequence[str]) -> list[ContentSummary]:
        """Candidates sharing any key, most shared keys first, at most ``max_candidates``."""
        hits: Counter[str] = Counter()
        for key in keys:
            block = self._blocks.get(key)
            if block:
                hits.update(block.keys())
        return [self._contents[cid] for cid in most_shared(hits, self._policy.max_candidates)]

    def upsert(self, content: ContentSummary, keys: Iterable[str] | None = None) -> None:
        """Store (or replace) a summary and list it under its keys (all of them by default).

        Under a key that does not list it yet it goes first, and beyond ``max_per_block`` the
        one listed longest ago goes; under a key that lists it already it keeps its place. The
        graph's lists (``graph/dedup/store.py``) are written from these blocks, so a batch of
        any size, one report or a thousand, sees and leaves the same lists."""
        self._contents[content.content_id] = content
        cap = self._policy.max_per_block
        for key in content_keys(content, self._policy) if keys is None else keys:
            block = self._blocks.setdefault(key, OrderedDict())
            if content.content_id in block:
                continue
            block[content.content_id] = None
            self._changed[key] = None
            while len(block) > cap:
                block.popitem(last=False)

    def list_under(self, key: str, content_ids: Sequence[str]) -> None:
        """Set a key's block as the graph lists it (most recent first; at most
        ``max_per_block`` kept). Each content's summary is given with :meth:`upsert`."""
        kept = content_ids[: self._policy.max_per_block]
        self._blocks[key] = OrderedDict.fromkeys(reversed(kept))
        self._changed.pop(key, None)

    def listed(self, key: str) -> list[str]:
        """The content ids a key lists, most recent first (as the graph keeps them)."""
        return list(reversed(self._blocks.get(key, ())))

    def changed_keys(self) -> list[str]:
        """The keys that have listed a new content since they were set or created, in the
        order they first did."""
        return list(self._changed)
