"""Verdict rules every kind shares (pure): an analyst's verdict on a pair, an analyst
overruling one judgement, and undo. Each returns new judgements; adding them to the log
supersedes (never deletes) the old ones."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from graph.errors import Conflict, InvalidValue
from graph.judgements.records import SYSTEM, Judgement, JudgementLog, V, Verdicts, judge


def active(log: JudgementLog[V], judgement_id: str) -> Judgement[V]:
    """The judgement, which must still be in force."""
    j = log.get(judgement_id)
    if not j.active:
        raise Conflict(f"judgement {judgement_id!r} is superseded by {j.superseded_by!r}")
    return j


def on_pair(
    verdicts: Verdicts[V],
    log: JudgementLog[V],
    a: str,
    b: str,
    verdict: V,
    *,
    actor: str,
    at: datetime,
    reason: str,
    evidence: Mapping[str, object] | None = None,
) -> Judgement[V]:
    """An analyst's verdict on a pair, superseding every active judgement on it."""
    if actor == SYSTEM:
        raise InvalidValue("actor", "an analyst judgement needs the analyst's id, not 'system'")
    return judge(
        verdicts, a, b, verdict, score=0.0 if verdict is verdicts.unsure else 1.0,
        evidence=dict(evidence or {}), actor=actor, at=at, reason=reason,
        supersedes=[j.id for j in log.active_on(a, b)],
    )  # fmt: skip


def overrule(
    log: JudgementLog[V],
    judgement_id: str,
    verdict: V,
    *,
    actor: str,
    at: datetime,
    reason: str,
    mark: str,
) -> Judgement[V]:
    """An analyst's verdict on the pair of one active judgement, superseding it; its evidence
    is kept, with ``mark`` (e.g. ``"confirms"``) naming the judgement overruled."""
    old = active(log, judgement_id)
    return judge(
        old.verdicts, old.left, old.right, verdict, score=1.0,
        evidence={**old.evidence, mark: old.id}, actor=actor, at=at, reason=reason,
        supersedes=[old.id],
    )  # fmt: skip


def undo(
    log: JudgementLog[V], judgement_id: str, *, actor: str, at: datetime
) -> list[Judgement[V]]:
    """Judgements that undo one, so adding them restores what was derived before it: copies
    of the judgements it superseded on its own pair (the first superseding it), or an UNSURE
    on the pair when there were none; then copies of those it superseded on other pairs (a
    merge or a split overrules judgements between other members)."""
    old = active(log, judgement_id)
    verdicts = old.verdicts
    reason = f"undo of {old.id} by {actor}"
    superseded = [log.get(i) for i in old.supersedes]
    same_pair = [s for s in superseded if s.pair == old.pair]
    other_pairs = [s for s in superseded if s.pair != old.pair]
    out: list[Judgement[V]] = []
    if not same_pair:
        out.append(
            judge(verdicts, old.left, old.right, verdicts.unsure, score=0.0,
                  evidence={"undoes": old.id}, actor=actor, at=at, reason=reason,
                  supersedes=[old.id])
        )  # fmt: skip
    for prev in same_pair + other_pairs:
        out.append(
            judge(verdicts, prev.left, prev.right, prev.verdict, score=prev.score,
                  evidence={**prev.evidence, "restored": prev.id}, actor=prev.actor, at=at,
                  reason=f"{reason}; restores {prev.id}",
                  supersedes=[old.id] if not out else [])
        )  # fmt: skip
    return out
