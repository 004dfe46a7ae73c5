"""Identity judgements: SAME_PERSON, NOT_SAME_PERSON or UNSURE between two record keys.

A judgement is one graph edge ``(:Account)-[:JUDGED]-(:Account)`` (or between two named
people), with properties ``id``, ``verdict``, ``score`` (match probability), ``evidence`` (the
explanation: a list of :class:`~graph.identity.evidence.Evidence` dicts), ``actor``
(``"system"`` or an analyst id), ``at``, ``reason``, ``supersedes`` (ids) and
``superseded_by``. Nothing is deleted: linking, rejecting or undoing adds a judgement that
supersedes the earlier ones on the pair. Only *active* judgements (``superseded_by is None``)
count; persons are derived from them (:mod:`graph.identity.persons`). UNSURE has no effect on
persons: the system uses it for the review queue.
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
    SAME_PERSON = "SAME_PERSON"
    NOT_SAME_PERSON = "NOT_SAME_PERSON"
    UNSURE = "UNSURE"


@dataclass(frozen=True, slots=True)
class Judgement:
    """One edge ``left -- right`` between two record keys (``left < right``)."""

    id: str
    left: str
    right: str
    verdict: Verdict
    score: float
    evidence: Mapping[str, object]
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
        """Properties for the graph edge (evidence as JSON text, time as ISO text)."""
        return {
            "id": self.id,
            "verdict": self.verdict.value,
            "score": self.score,
            "evidence": json.dumps(self.evidence, sort_keys=True),
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
    evidence: Mapping[str, object],
    actor: str,
    at: datetime,
    reason: str,
    supersedes: Iterable[str] = (),
) -> Judgement:
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
        id=f"ij:{digest}",
        left=left,
        right=right,
        verdict=verdict,
        score=score,
        evidence=dict(evidence),
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

    def active_on(self, a: str, b: str) -> list[Judgement]:
        pair = (min(a, b), max(a, b))
        return [j for j in self.judgements if j.active and j.pair == pair]

    def add(self, *new: Judgement) -> JudgementLog:
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


def analyst_judgement(
    log: JudgementLog,
    a: str,
    b: str,
    verdict: Verdict,
    *,
    actor: str,
    at: datetime,
    reason: str,
    evidence: Mapping[str, object] | None = None,
) -> Judgement:
    """An analyst's verdict on a pair, superseding every active judgement on it. Use
    ``Verdict.SAME_PERSON`` to link, ``NOT_SAME_PERSON`` to reject (always wins)."""
    if actor == SYSTEM:
        raise InvalidValue("actor", "an analyst judgement needs the analyst's id, not 'system'")
    previous = log.active_on(a, b)
    return judge(
        a,
        b,
        verdict,
        score=1.0 if verdict is not Verdict.UNSURE else 0.0,
        evidence=dict(evidence or {}),
        actor=actor,
        at=at,
        reason=reason,
        supersedes=[j.id for j in previous],
    )


def undo(log: JudgementLog, judgement_id: str, *, actor: str, at: datetime) -> list[Judgement]:
    """Judgements that undo one: copies of whatever it superseded (so the pair is as it was
    before), or an UNSURE on the pair when it superseded nothing. Adding them to the log
    restores the earlier persons exactly."""
    old = log.get(judgement_id)
    if not old.active:
        raise Conflict(f"judgement {judgement_id!r} is superseded by {old.superseded_by!r}")
    reason = f"undo of {old.id} by {actor}"
    previous = [log.get(i) for i in old.supersedes]
    if not previous:
        return [
            judge(
                old.left,
                old.right,
                Verdict.UNSURE,
                score=0.0,
                evidence={"undoes": old.id},
                actor=actor,
                at=at,
                reason=reason,
                supersedes=[old.id],
            )
        ]
    out = []
    for i, prev in enumerate(previous):
        out.append(
            judge(
                prev.left,
                prev.right,
                prev.verdict,
                score=prev.score,
                evidence={**prev.evidence, "restored": prev.id},
                actor=prev.actor,
                at=at,
                reason=f"{reason}; restores {prev.id}",
                supersedes=[old.id] if i == 0 else [],
            )
        )
    return out
