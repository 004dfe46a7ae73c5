"""Suggestions to join content items into one case (never applied automatically): when the
same account targets the same victim on enough occasions, a possible course of conduct
(harassment, Protection from Harassment Act 1997 s7(3)). An analyst accepts or declines each
one; ``graph/cases/grouping_store.py`` finds them around a case, and ``graph/cases/course.py``
reads the largest as the case's course of conduct.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from graph.dedup.models import ContentSummary
from graph.dedup.policy import DedupPolicy, default_policy
from graph.dedup.text import handle_skeleton


@dataclass(frozen=True, slots=True)
class CaseSuggestion:
    """Content items that look like one course of conduct against one victim."""

    suggestion_id: str
    platform: str
    account: str
    victim_key: str
    content_ids: tuple[str, ...]
    first_at: datetime | None
    last_at: datetime | None
    reason: str
    source: str

    @property
    def occasions(self) -> int:
        return len(self.content_ids)


def suggest_cases(
    contents: Iterable[ContentSummary], policy: DedupPolicy | None = None
) -> list[CaseSuggestion]:
    """Suggestions, one per distinct set of content items, in a deterministic order.

    Accounts are compared by handle skeleton (so ``@J0hn_Smith`` and ``johnsmith`` meet);
    each content item counts as one occasion. ``account`` shows one canonical handle.
    """
    policy = policy or default_policy()
    contents = list(contents)
    if len({c.content_id for c in contents}) < policy.course_min_occasions:
        # No (account, victim) can reach the occasions needed: a viral case's one content with
        # thousands of victims would otherwise group and sort every victim for nothing.
        return []
    groups: dict[tuple[str, str, str], dict[str, ContentSummary]] = {}
    shown: dict[tuple[str, str, str], set[str]] = {}
    for content in contents:
        for victim in content.victim_keys:
            for handle in content.handles:
                skeleton = handle_skeleton(handle)
                if not skeleton:
                    continue
                key = (content.platform, skeleton, victim)
                groups.setdefault(key, {})[content.content_id] = content
                shown.setdefault(key, set()).add(handle)
    seen: set[tuple[str, ...]] = set()
    out: list[CaseSuggestion] = []
    enough = sorted(k for k, items in groups.items() if len(items) >= policy.course_min_occasions)
    for key in enough:
        items = groups[key]
        platform, _, victim = key
        account = min(shown[key])  # a handle as typed (canonical), not the blocking skeleton
        ids = tuple(sorted(items))
        if ids in seen:
            continue
        seen.add(ids)
        starts = [c.first_at for c in items.values() if c.first_at is not None]
        ends = [c.last_at for c in items.values() if c.last_at is not None]
        digest = hashlib.blake2b("|".join(ids).encode(), digest_size=8).hexdigest()
        out.append(
            CaseSuggestion(
                suggestion_id=f"cs:{digest}",
                platform=platform,
                account=account,
                victim_key=victim,
                content_ids=ids,
                first_at=min(starts, default=None),
                last_at=max(ends, default=None),
                reason=(
                    f"account {account!r} on {platform} targeted the same victim on "
                    f"{len(ids)} occasions (possible course of conduct)"
                ),
                source=policy.course_source,
            )
        )
    return out
