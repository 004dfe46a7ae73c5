"""Judgement edges between reports: SAME_CONTENT, NOT_SAME or UNSURE, never destructive.

A judgement is stored as one graph edge between two reports, carrying ``verdict``, ``score``,
``features`` (the explanation), ``actor`` (``"system"`` or an analyst's name), ``at``,
``reason``, ``supersedes`` and ``superseded_by``. Nothing is deleted: confirming, rejecting or
undoing adds a judgement that supersedes the old one. Only judgements with
``superseded_by is None`` are *active*; content clusters are derived from the active ones
(:mod:`graph.dedup.clusters`). UNSURE has no effect on clusters: it is what an undo leaves when
there was no earlier judgement to restore.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from graph.errors import Conflict, InvalidValue, NotFound

SYSTEM = "system"


class Verdict(StrEnum):
    SAME_CONTENT = "SAME_CONTENT"
    NOT_SAME = "NOT_SAME"
    UNSURE = "UNSURE"


@dataclass(frozen=True, slots=True)
class Judgement:
    """One edge ``left -- right`` between two report keys (``left < right``)."""

    id: str
    left: str
    right: str
    verdict: Verdict
    score: float
    features: Mapping[str, object]
    actor: str
    at: datetime
    reason: str
    supersedes: tuple[str, ...] = ()
    superseded_by: str | None = field(default=None, compare=False)

    @property
    def by_analyst(self) -> bool:
        return self.actor != SYSTEM

    @property
    def active(self) -> bool:
        return self.superseded_by is None

    @property
    def pair(self) -> tuple[str, str]:
        return (self.left, self.right)

    def edge_properties(self) -> dict[str, object]:
        """Flat properties for a graph edge (Neo4j properties cannot be maps, so ``features``
        is JSON text; ``at`` is ISO text the query stores with ``datetime()``)."""
        return {
            "id": self.id,
            "verdict": self.verdict.value,
            "score": self.score,
            "features": json.dumps(self.features, sort_keys=True, default=str),
            "actor": self.actor,
            "at": self.at.isoformat(),
            "reason": self.reason,
            "supersedes": list(self.supersedes),
            "superseded_by": self.superseded_by,
        }


def judge(
    a: str,
    b: str,
    verdict: Verdict,
    *,
    score: float,
    features: Mapping[str, object],
    actor: str,
    at: datetime,
    reason: str,
    supersedes: Iterable[str] = (),
) -> Judgement:
    """A new judgement with a deterministic id (a hash of everything it says)."""
    if a == b:
        raise InvalidValue("judgement", f"a report cannot be judged against itself ({a!r})")
    if not actor.strip():
        raise InvalidValue("actor", "is empty")
    if at.tzinfo is None:
        raise InvalidValue("at", "must be timezone-aware")
    if not 0.0 <= score <= 1.0:
        raise InvalidValue("score", f"{score} is outside 0..1")
    left, right = sorted((a, b))
    superseded = tuple(sorted(set(supersedes)))
    digest = hashlib.blake2b(
        json.dumps(
            [left, right, verdict.value, score, actor, at.isoformat(), reason, superseded],
            sort_keys=True,
        ).encode(),
        digest_size=10,
    ).hexdigest()
    return Judgement(
        id=f"j:{digest}",
        left=left,
        right=right,
        verdict=verdict,
        score=score,
        features=dict(features),
        actor=actor,
        at=at,
        reason=reason,
        supersedes=superseded,
    )


@dataclass(frozen=True, slots=True)
class JudgementLog:
    """Every judgement ever made, in the order made; adding returns a new log."""

    judgements: tuple[Judgement, ...] = ()

    def __iter__(self) -> Iterator[Judgement]:
        return iter(self.judgements)

    def __len__(self) -> int:
        return len(self.judgements)

    def get(self, judgement_id: str) -> Judgement:
        for j in self.judgements:
            if j.id == judgement_id:
                return j
        raise NotFound(f"judgement {judgement_id!r} does not exist")

    def active(self) -> list[Judgement]:
        return [j for j in self.judgements if j.active]

    def active_between(self, a: str, b: str) -> list[Judgement]:
        pair = tuple(sorted((a, b)))
        return [j for j in self.judgements if j.active and j.pair == pair]

    def add(self, *new: Judgement) -> JudgementLog:
        """Append judgements and mark what they supersede (which must exist and be active)."""
        known = {j.id: j for j in self.judgements}
        by_new: dict[str, str] = {}
        for n in new:
            if n.id in known:
                raise Conflict(f"judgement {n.id} is already in the log")
            for old in n.supersedes:
                if old not in known:
                    raise NotFound(f"judgement {old!r} (superseded by {n.id}) does not exist")
                if not known[old].active or old in by_new:
                    raise Conflict(f"judgement {old!r} is already superseded")
                by_new[old] = n.id
        updated = tuple(
            replace(j, superseded_by=by_new[j.id]) if j.id in by_new else j for j in self.judgements
        )
        return JudgementLog(updated + tuple(new))


def confirm(log: JudgementLog, judgement_id: str, actor: str, at: datetime) -> Judgement:
    """An analyst's SAME_CONTENT on the pair of a (system) judgement, superseding it."""
    old = _active(log, judgement_id)
    return judge(
        old.left, old.right, Verdict.SAME_CONTENT, score=1.0,
        features={**old.features, "confirms": old.id}, actor=actor, at=at,
        reason="confirmed by analyst", supersedes=[old.id],
    )  # fmt: skip


def reject(
    log: JudgementLog, judgement_id: str, actor: str, at: datetime, reason: str
) -> Judgement:
    """An analyst's NOT_SAME on the pair of a judgement, superseding it. It always beats a
    system match when clusters are derived."""
    old = _active(log, judgement_id)
    return judge(
        old.left, old.right, Verdict.NOT_SAME, score=1.0,
        features={**old.features, "rejects": old.id}, actor=actor, at=at,
        reason=reason, supersedes=[old.id],
    )  # fmt: skip


def undo(log: JudgementLog, judgement_id: str, actor: str, at: datetime) -> list[Judgement]:
    """Judgements that undo one: an UNSURE on its pair (or a copy of the judgement it had
    superseded on that pair), plus copies of the judgements it superseded on other pairs."""
    old = _active(log, judgement_id)
    superseded = [log.get(i) for i in old.supersedes]
    same_pair = [s for s in superseded if s.pair == old.pair]
    reason = f"undo of {old.id}"
    out: list[Judgement] = []
    if same_pair:
        prev = same_pair[0]
        out.append(
            judge(prev.left, prev.right, prev.verdict, score=prev.score,
                  features={**prev.features, "restored": prev.id}, actor=prev.actor,
                  at=at, reason=f"{reason} by {actor}; restores {prev.id}", supersedes=[old.id])
        )  # fmt: skip
    else:
        out.append(
            judge(old.left, old.right, Verdict.UNSURE, score=0.0, features={"undoes": old.id},
                  actor=actor, at=at, reason=reason, supersedes=[old.id])
        )  # fmt: skip
    for prev in superseded:
        if prev.pair != old.pair:
            out.append(
                judge(prev.left, prev.right, prev.verdict, score=prev.score,
                      features={**prev.features, "restored": prev.id}, actor=prev.actor,
                      at=at, reason=f"{reason} by {actor}; restores {prev.id}")
            )  # fmt: skip
    return out


def _active(log: JudgementLog, judgement_id: str) -> Judgement:
    j = log.get(judgement_id)
    if not j.active:
        raise Conflict(f"judgement {judgement_id!r} is superseded by {j.superseded_by!r}")
    return j
