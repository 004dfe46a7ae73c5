"""Constrained clustering of records from active judgements (pure): union-find that no
cannot-link constraint can cross, applied with analysts first.

In this order of precedence:

1. analysts' not-same judgements are constraints nothing can cross;
2. analysts' same judgements join clusters, oldest first (one that would cross an analyst's
   rejection is reported in ``conflicts`` and skipped);
3. the system's not-same judgements become constraints for the system's links (one between
   records already joined is reported in ``conflicts``);
4. the system's same judgements join clusters, highest score first, unless a constraint
   forbids it (those are in ``blocked``). So an analyst's rejection always wins, and a
   rejection between two records joined through a third drops the weakest system link.

A pure function of (record order, active judgements): re-running it is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from graph.errors import NotFound
from graph.judgements.records import Judgement, V, Verdicts


class ConstrainedUnionFind:
    """Union-find with 'cannot join' constraints between roots; the root of a union is the
    member ranked first, so a cluster's first member does not depend on the order of unions."""

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
        """Keep ``a`` and ``b`` apart; False when they are already together."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.cannot.setdefault(ra, set()).add(rb)
        self.cannot.setdefault(rb, set()).add(ra)
        return True

    def union(self, a: str, b: str) -> bool:
        """Join ``a`` and ``b``; False when a constraint forbids it."""
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


@dataclass(frozen=True, slots=True)
class Clustering:
    """Each cluster's members in record order (a cluster is named by its first member), the
    analysts' judgements that could not apply (``conflicts``) and the system's same judgements
    a constraint refused (``blocked``)."""

    groups: tuple[tuple[str, ...], ...]
    conflicts: tuple[str, ...] = ()
    blocked: tuple[str, ...] = ()

    def named(
        self, name_of: Callable[[tuple[str, ...]], str]
    ) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
        """The clusters by the name ``name_of`` gives their members, and each record's name."""
        members = {name_of(group): group for group in self.groups}
        return members, {key: name for name, group in members.items() for key in group}


def members_of(
    members: Mapping[str, tuple[str, ...]], cluster_id: str, noun: str
) -> tuple[str, ...]:
    """One derived cluster's members, or :class:`NotFound` naming it as ``noun``."""
    try:
        return members[cluster_id]
    except KeyError:
        raise NotFound(f"{noun} {cluster_id!r} does not exist") from None


def cluster(
    verdicts: Verdicts[V], order: Sequence[str], judgements: Iterable[Judgement[V]]
) -> Clustering:
    """Clusters over the records in ``order`` (plus any other record an active judgement
    names, ranked after them in key order), from the active judgements."""
    active = [j for j in judgements if j.active]
    rank: dict[str, int] = {key: i for i, key in enumerate(dict.fromkeys(order))}
    for key in sorted({k for j in active for k in j.pair} - rank.keys()):
        rank[key] = len(rank)
    uf = ConstrainedUnionFind(rank)
    conflicts: list[str] = []
    blocked: list[str] = []
    by_time = sorted(active, key=lambda j: (j.at, j.id))
    for j in by_time:
        if j.by_analyst and j.verdict is verdicts.not_same:
            uf.forbid(j.left, j.right)
    for j in by_time:
        if j.by_analyst and j.verdict is verdicts.same and not uf.union(j.left, j.right):
            conflicts.append(j.id)
    for j in by_time:
        if not j.by_analyst and j.verdict is verdicts.not_same and not uf.forbid(j.left, j.right):
            conflicts.append(j.id)
    system_same = [j for j in active if not j.by_analyst and j.verdict is verdicts.same]
    for j in sorted(system_same, key=lambda j: (-j.score, j.at, j.id)):
        if not uf.union(j.left, j.right):
            blocked.append(j.id)
    groups: dict[str, list[str]] = {}
    for key in sorted(rank, key=rank.__getitem__):
        groups.setdefault(uf.find(key), []).append(key)
    return Clustering(tuple(tuple(g) for g in groups.values()), tuple(conflicts), tuple(blocked))
