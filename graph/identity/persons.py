"""Persons derived from judgements: connected components of SAME_PERSON that respect every
NOT_SAME_PERSON.

Derivation, in this order of precedence:

1. analysts' NOT_SAME_PERSON judgements are constraints nothing can cross;
2. analysts' SAME_PERSON judgements join persons, oldest first (one that would cross an
   analyst rejection is reported in ``conflicts`` and skipped);
3. the system's NOT_SAME_PERSON judgements become constraints for the system's links;
4. the system's SAME_PERSON judgements join persons, highest score first, unless a constraint
   forbids it (skipped ones are in ``blocked``). So an analyst rejection always wins, and a
   rejection between two accounts joined through a third drops the weakest system link.

A person's id is ``person:<smallest member key>``: deterministic, independent of the order of
judgements, and the same again after an undo restores the earlier judgements. The derivation
is a pure function of (keys, active judgements), so re-running it is idempotent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph.errors import NotFound
from graph.identity.judgements import Judgement, JudgementLog, Verdict


def person_id_for(members: Iterable[str]) -> str:
    return f"person:{min(members)}"


@dataclass(frozen=True, slots=True)
class Persons:
    """Members of each person (sorted) and each record's person."""

    members: Mapping[str, tuple[str, ...]]
    person_of: Mapping[str, str]
    conflicts: tuple[str, ...] = ()
    blocked: tuple[str, ...] = ()

    def person(self, person_id: str) -> tuple[str, ...]:
        try:
            return self.members[person_id]
        except KeyError:
            raise NotFound(f"person {person_id!r} does not exist") from None

    def partition(self) -> frozenset[frozenset[str]]:
        """The persons as a set of member sets (for comparing derivations)."""
        return frozenset(frozenset(m) for m in self.members.values())


class _UnionFind:
    """Union-find with 'cannot join' constraints between roots."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}
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
        root, other = (ra, rb) if ra < rb else (rb, ra)
        self.parent[other] = root
        for x in self.cannot.pop(other, set()):
            self.cannot[x].discard(other)
            self.cannot[x].add(root)
            self.cannot.setdefault(root, set()).add(x)
        return True


def derive_persons(keys: Iterable[str], log: JudgementLog | Iterable[Judgement]) -> Persons:
    """Persons over ``keys`` (plus any other key named by an active judgement)."""
    active = [j for j in log if j.active]
    all_keys = set(keys) | {k for j in active for k in j.pair}
    uf = _UnionFind(all_keys)
    conflicts: list[str] = []
    blocked: list[str] = []
    by_time = sorted(active, key=lambda j: (j.at, j.id))
    for j in by_time:
        if j.by_analyst and j.verdict is Verdict.NOT_SAME_PERSON:
            uf.forbid(j.left, j.right)
    for j in by_time:
        if j.by_analyst and j.verdict is Verdict.SAME_PERSON and not uf.union(j.left, j.right):
            conflicts.append(j.id)
    for j in by_time:
        if not j.by_analyst and j.verdict is Verdict.NOT_SAME_PERSON:
            uf.forbid(j.left, j.right)
    system = [j for j in active if not j.by_analyst and j.verdict is Verdict.SAME_PERSON]
    for j in sorted(system, key=lambda j: (-j.score, j.at, j.id)):
        if not uf.union(j.left, j.right):
            blocked.append(j.id)
    groups: dict[str, list[str]] = {}
    for key in sorted(all_keys):
        groups.setdefault(uf.find(key), []).append(key)
    members = {person_id_for(m): tuple(m) for m in groups.values()}
    person_of = {k: pid for pid, m in members.items() for k in m}
    return Persons(members, person_of, tuple(conflicts), tuple(blocked))
