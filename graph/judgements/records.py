"""Judgement records and the supersede-only log they form (pure).

A :class:`Judgement` is one edge ``left -- right`` (``left < right``) carrying ``verdict``,
``score``, ``evidence`` (the explanation), ``actor`` (:data:`SYSTEM` or an analyst), ``at``
(timezone-aware; stored as a Neo4j ``DATETIME``), ``reason``, ``supersedes`` and
``superseded_by``. Only judgements with ``superseded_by is None`` are *active*.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

from graph.errors import Conflict, InvalidValue, NotFound

SYSTEM = "system"

V = TypeVar("V", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class Verdicts(Generic[V]):
    """What one family of judgements calls same, not same and unsure, the prefix of its ids,
    and the edge property its evidence is stored under."""

    same: V
    not_same: V
    unsure: V
    id_prefix: str
    evidence_property: str


@dataclass(frozen=True, slots=True)
class Judgement(Generic[V]):
    """One edge ``left -- right`` between two record keys (``left < right``)."""

    id: str
    left: str
    right: str
    verdict: V
    score: float
    evidence: Mapping[str, object]
    actor: str
    at: datetime
    reason: str
    supersedes: tuple[str, ...] = ()
    superseded_by: str | None = field(default=None, compare=False)
    verdicts: Verdicts[V] = field(kw_only=True, compare=False, repr=False)

    @property
    def by_analyst(self) -> bool:
        return self.actor != SYSTEM

    @property
    def active(self) -> bool:
        return self.superseded_by is None

    @property
    def pair(self) -> tuple[str, str]:
        return (self.left, self.right)

    @property
    def features(self) -> Mapping[str, object]:
        """The evidence, by the name content judgements give it."""
        return self.evidence

    def edge_properties(self) -> dict[str, object]:
        """Flat properties for a graph edge (Neo4j properties cannot be maps, so the evidence
        is JSON text; ``at`` is ISO text the create query stores with ``datetime()``)."""
        return {
            "id": self.id,
            "verdict": self.verdict.value,
            "score": self.score,
            self.verdicts.evidence_property: json.dumps(self.evidence, sort_keys=True, default=str),
            "actor": self.actor,
            "at": self.at.isoformat(),
            "reason": self.reason,
            "supersedes": list(self.supersedes),
            "superseded_by": self.superseded_by,
        }


def judge(
    verdicts: Verdicts[V],
    a: str,
    b: str,
    verdict: V,
    *,
    score: float,
    evidence: Mapping[str, object],
    actor: str,
    at: datetime,
    reason: str,
    supersedes: Iterable[str] = (),
) -> Judgement[V]:
    """A new judgement with a deterministic id (a hash of everything it says)."""
    if a == b:
        raise InvalidValue("judgement", f"a record cannot be judged against itself ({a!r})")
    if not actor.strip():
        raise InvalidValue("actor", "is empty")
    if at.tzinfo is None:
        raise InvalidValue("at", "must be timezone-aware")
    if not 0.0 <= score <= 1.0:
        raise InvalidValue("score", f"{score} is outside 0..1")
    left, right = sorted((a, b))
    superseded = tuple(sorted(set(supersedes)))
    payload = [left, right, verdict.value, score, actor, at.isoformat(), reason, superseded]
    digest = hashlib.blake2b(json.dumps(payload).encode(), digest_size=10).hexdigest()
    return Judgement(
        f"{verdicts.id_prefix}{digest}", left, right, verdict, score, dict(evidence), actor, at,
        reason, superseded, verdicts=verdicts,
    )  # fmt: skip


@dataclass(frozen=True)  # no slots: a kind's alias (``JudgementLog[Verdict]()``) must construct
class JudgementLog(Generic[V]):
    """Every judgement ever made, in the order made; adding returns a new log."""

    judgements: tuple[Judgement[V], ...] = ()

    def __iter__(self) -> Iterator[Judgement[V]]:
        return iter(self.judgements)

    def __len__(self) -> int:
        return len(self.judgements)

    def get(self, judgement_id: str) -> Judgement[V]:
        for j in self.judgements:
            if j.id == judgement_id:
                return j
        raise NotFound(f"judgement {judgement_id!r} does not exist")

    def active(self) -> list[Judgement[V]]:
        return [j for j in self.judgements if j.active]

    def active_on(self, a: str, b: str) -> list[Judgement[V]]:
        pair = (min(a, b), max(a, b))
        return [j for j in self.judgements if j.active and j.pair == pair]

    def add(self, *new: Judgement[V]) -> JudgementLog[V]:
        """Append judgements and mark what they supersede (which must exist and be active)."""
        known = {j.id: j for j in self.judgements}
        by_new: dict[str, str] = {}
        seen: set[str] = set()
        for n in new:
            if n.id in known or n.id in seen:
                raise Conflict(f"judgement {n.id} is already in the log")
            for old in n.supersedes:
                if old not in known:
                    raise NotFound(f"judgement {old!r} (superseded by {n.id}) does not exist")
                if not known[old].active or old in by_new:
                    raise Conflict(f"judgement {old!r} is already superseded")
                by_new[old] = n.id
            seen.add(n.id)
        updated = tuple(
            replace(j, superseded_by=by_new[j.id]) if j.id in by_new else j for j in self.judgements
        )
        return JudgementLog(updated + tuple(new))

    def ordered(self) -> JudgementLog[V]:
        """The same judgements in the order made (time, then id), as read from a graph."""
        return JudgementLog(tuple(sorted(self.judgements, key=lambda j: (j.at, j.id))))
