"""Persons derived from judgements: connected components of SAME_PERSON that respect every
NOT_SAME_PERSON, by the judgement kernel's constrained clustering
(:func:`graph.judgements.clustering.cluster`: analysts' rejections are constraints nothing
crosses, analysts' links join oldest first, then the system's links highest score first unless
a constraint forbids it; skipped ones are in ``conflicts`` and ``blocked``).

A person's id is ``person:<smallest member key>``: deterministic, independent of the order of
judgements, and the same again after an undo restores the earlier judgements. The derivation
is a pure function of (keys, active judgements), so re-running it is idempotent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph.identity.judgements import Judgement
from graph.judgements.clustering import cluster, members_of
from graph.judgements.kinds import PERSON_VERDICTS


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
        return members_of(self.members, person_id, "person")

    def partition(self) -> frozenset[frozenset[str]]:
        """The persons as a set of member sets (for comparing derivations)."""
        return frozenset(frozenset(m) for m in self.members.values())


def derive_persons(keys: Iterable[str], log: Iterable[Judgement]) -> Persons:
    """Persons over ``keys`` (plus any other key named by an active judgement)."""
    judgements = list(log)
    every = set(keys) | {k for j in judgements if j.active for k in j.pair}
    found = cluster(PERSON_VERDICTS, sorted(every), judgements)
    members, person_of = found.named(person_id_for)
    return Persons(members, person_of, found.conflicts, found.blocked)
