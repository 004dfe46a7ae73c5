"""Judgement edges between reports: SAME_CONTENT, NOT_SAME or UNSURE, never destructive.

A judgement is stored as one graph edge between two reports, carrying ``verdict``, ``score``,
``features`` (the explanation), ``actor`` (``"system"`` or an analyst's name), ``at``,
``reason``, ``supersedes`` and ``superseded_by``. Nothing is deleted: confirming, rejecting or
undoing adds a judgement that supersedes the old one. Only judgements with
``superseded_by is None`` are *active*; content clusters are derived from the active ones
(:mod:`graph.dedup.clusters`). UNSURE has no effect on clusters: it is what an undo leaves when
there was no earlier judgement to restore.

The records, the log, the rules and undo are the judgement kernel's (:mod:`graph.judgements`);
this module names them for content.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from graph.judgements import records, rules
from graph.judgements.kinds import CONTENT_VERDICTS
from graph.judgements.kinds import ContentVerdict as Verdict
from graph.judgements.records import SYSTEM

__all__ = ["SYSTEM", "Judgement", "JudgementLog", "Verdict", "confirm", "judge", "reject", "undo"]

Judgement = records.Judgement[Verdict]
JudgementLog = records.JudgementLog[Verdict]


def judge(
    a: str, b: str, verdict: Verdict, *, score: float, features: Mapping[str, object],
    actor: str, at: datetime, reason: str, supersedes: Iterable[str] = (),
) -> Judgement:  # fmt: skip
    """A new judgement with a deterministic id (a hash of everything it says); ``features`` is
    content's name for its evidence."""
    return records.judge(
        CONTENT_VERDICTS, a, b, verdict, score=score, evidence=features, actor=actor, at=at,
        reason=reason, supersedes=supersedes,
    )  # fmt: skip


def confirm(log: JudgementLog, judgement_id: str, actor: str, at: datetime) -> Judgement:
    """An analyst's SAME_CONTENT on the pair of a (system) judgement, superseding it."""
    return rules.overrule(
        log, judgement_id, Verdict.SAME_CONTENT, actor=actor, at=at,
        reason="confirmed by analyst", mark="confirms",
    )  # fmt: skip


def reject(
    log: JudgementLog, judgement_id: str, actor: str, at: datetime, reason: str
) -> Judgement:
    """An analyst's NOT_SAME on the pair of a judgement, superseding it. It always beats a
    system match when clusters are derived."""
    return rules.overrule(
        log, judgement_id, Verdict.NOT_SAME, actor=actor, at=at, reason=reason, mark="rejects"
    )


def undo(log: JudgementLog, judgement_id: str, actor: str, at: datetime) -> list[Judgement]:
    """Judgements that undo one (:func:`graph.judgements.rules.undo`)."""
    return rules.undo(log, judgement_id, actor=actor, at=at)
