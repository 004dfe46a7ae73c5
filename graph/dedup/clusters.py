"""Content clusters derived from judgements (union-find that respects NOT_SAME), and the
cluster-level analyst operations merge and split.

Derivation, in this order of precedence:

1. analysts' NOT_SAME judgements are constraints that nothing can cross;
2. analysts' SAME_CONTENT judgements join clusters, oldest first (one that would cross an
   analyst NOT_SAME is reported as a conflict and skipped);
3. the system's NOT_SAME judgements become constraints for the system's matches;
4. the system's SAME_CONTENT judgements join clusters, highest score first, unless a
   constraint forbids it. So an analyst rejection always wins over a system match.

A cluster's id is ``content:<founder>``, where the founder is the member that came first in the
report order given (arrival order). Ids are therefore deterministic, survive new members
joining, and come back unchanged when a split undoes a merge.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from graph.dedup.judgements import Judgement, JudgementLog, Verdict, judge
from graph.errors import InvalidValue, NotFound


def content_id_for(founder_report_key: str) -> str:
    return f"content:{founder_report_key}"


@dataclass(frozen=True, slots=True)
class Clusters:
    """Members of each content cluster (in report order) and each report's cluster."""

    members: Mapping[str, tuple[str, ...]]
    content_of: Mapping[str, str]
    conflicts: tuple[str, ...] = ()

    def founder(self, content_id: str) -> str:
        return self.cluster(content_id)[0]

    def cluster(self, content_id: str) -> tuple[str, ...]:
        try:
            return self.members[content_id]
        except KeyError:
            raise NotFound(f"content {content_id!r} does not exist") from None


class _UnionFind:
    def __init__(self, rank: Mapping[str, int]) -> None:
        self.rank = rank
        self.parent = {k: k for k in rank}
        self.cannot: dict[str, set[str]] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def forbid(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.cannot.setdefault(ra, set()).add(rb)
        self.cannot.setdefault(rb, set()).add(ra)
        return True

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if rb in self.cannot.get(ra, ()):
            return False
        root, other = (ra, rb) if self.rank[ra] < self.rank[rb] else (rb, ra)
        self.parent[other] = root
        for x in self.cannot.pop(other, set()):
            self.cannot[x].discard(other)
            self.cannot[x].add(root)
            self.cannot.setdefault(root, set()).add(x)
        return True


def derive_clusters(order: Sequence[str], log: JudgementLog | Iterable[Judgement]) -> Clusters:
    """Clusters over the reports in ``order`` (plus any others judged, sorted after them)."""
    active = [j for j in log if j.active]
    rank: dict[str, int] = {key: i for i, key in enumerate(dict.fromkeys(order))}
    for key in sorted({k for j in active for k in j.pair} - rank.keys()):
        rank[key] = len(rank)
    uf = _UnionFind(rank)
    conflicts: list[str] = []
    by_time = sorted(active, key=lambda j: (j.at, j.id))
    for j in by_time:
        if j.by_analyst and j.verdict is Verdict.NOT_SAME:
            uf.forbid(j.left, j.right)
    for j in by_time:
        if j.by_analyst and j.verdict is Verdict.SAME_CONTENT and not uf.union(j.left, j.right):
            conflicts.append(j.id)
    for j in by_time:
        if not j.by_analyst and j.verdict is Verdict.NOT_SAME and not uf.forbid(j.left, j.right):
            conflicts.append(j.id)
    system_same = [j for j in active if not j.by_analyst and j.verdict is Verdict.SAME_CONTENT]
    for j in sorted(system_same, key=lambda j: (-j.score, j.at, j.id)):
        uf.union(j.left, j.right)
    groups: dict[str, list[str]] = {}
    for key in sorted(rank, key=rank.__getitem__):
        groups.setdefault(uf.find(key), []).append(key)
    members = {content_id_for(keys[0]): tuple(keys) for keys in groups.values()}
    content_of = {k: cid for cid, keys in members.items() for k in keys}
    return Clusters(members=members, content_of=content_of, conflicts=tuple(conflicts))


def merge(
    log: JudgementLog,
    clusters: Clusters,
    content_a: str,
    content_b: str,
    *,
    actor: str,
    at: datetime,
    reason: str,
) -> Judgement:
    """An analyst's SAME_CONTENT between two clusters' founders, superseding every active
    NOT_SAME between their members (the analyst has overruled them)."""
    a, b = clusters.cluster(content_a), clusters.cluster(content_b)
    if content_a == content_b:
        raise InvalidValue("content_b", "is the same content as content_a")
    sa, sb = set(a), set(b)
    crossing = [
        j.id
        for j in log.active()
        if j.verdict is Verdict.NOT_SAME
        and ((j.left in sa and j.right in sb) or (j.left in sb and j.right in sa))
    ]
    return judge(
        a[0], b[0], Verdict.SAME_CONTENT, score=1.0,
        features={"merge": [content_a, content_b], "sizes": [len(a), len(b)]},
        actor=actor, at=at, reason=reason, supersedes=crossing,
    )  # fmt: skip


def split(
    log: JudgementLog,
    clusters: Clusters,
    content_id: str,
    part: Iterable[str],
    *,
    actor: str,
    at: datetime,
    reason: str,
) -> Judgement:
    """An analyst's NOT_SAME between ``part`` and the rest of a cluster, superseding every
    active SAME_CONTENT that crosses the cut. Splitting off exactly what a merge added restores
    the clusters as they were before it (same members, same ids); a part that is not itself
    connected by the remaining judgements falls into its connected pieces."""
    members = clusters.cluster(content_id)
    cut = set(part)
    if not cut or not cut < set(members):
        raise InvalidValue("part", f"must be a non-empty proper subset of {content_id}")
    inside = set(members)
    crossing = [
        j.id
        for j in log.active()
        if j.verdict is Verdict.SAME_CONTENT
        and j.left in inside
        and j.right in inside
        and (j.left in cut) != (j.right in cut)
    ]
    part_founder = next(k for k in members if k in cut)
    rest_founder = next(k for k in members if k not in cut)
    return judge(
        part_founder, rest_founder, Verdict.NOT_SAME, score=1.0,
        features={"split": content_id, "part": sorted(cut)},
        actor=actor, at=at, reason=reason, supersedes=crossing,
    )  # fmt: skip
