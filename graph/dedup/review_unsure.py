"""An analyst's "unsure" on a duplicate review item: recorded, and the item stays in the queue.

Consistent with identity review, where an active UNSURE judgement *is* a pair awaiting an
analyst (``queries/identity/review_queue_page.cypher``): an analyst who cannot tell adds an
``UNSURE`` judgement between the report and the candidate content's anchor report (who, when,
why; it never changes clusters, :mod:`graph.dedup.judgements`), and the review item stays
pending, for any analyst, with the earlier doubts shown beside it, until someone answers same
or not same (:func:`graph.dedup.analyst.decide_review`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import Graph, run
from graph.dedup.analyst import pending_review_item
from graph.dedup.judgements import Verdict, judge
from graph.dedup.store import lock_linker, write_judgements
from graph.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class UnsureMark:
    """The review item left open, the judgement recorded, and how many analysts were unsure."""

    review_id: str
    judgement_id: str
    unsure_count: int


def mark_review_unsure(graph: Graph, review_id: str, actor: str, reason: str) -> UnsureMark:
    """Record that ``actor`` could not tell whether the review item's report is the candidate
    content; the item stays pending (:class:`Conflict` if it was answered meanwhile)."""
    if not reason.strip():
        raise InvalidValue("reason", "is required: say what is unclear, for the next analyst")
    if not actor.strip():
        raise InvalidValue("actor", "is required")

    def work(tx: ManagedTransaction) -> UnsureMark:
        lock_linker(tx)
        rows = run(tx, load_query("dedup/review_item"), id=review_id)
        item = pending_review_item(rows, review_id)
        at = datetime.now(UTC)
        judgement = judge(
            item["report_id"], item["candidate_anchor"], Verdict.UNSURE, score=0.0,
            features={"review": review_id, "system_score": item["score"]},
            actor=actor, at=at, reason=reason,
        )  # fmt: skip
        write_judgements(tx, [judgement])
        (marked,) = run(
            tx, load_query("dedup/mark_review_unsure"), id=review_id, actor=actor, at=at,
            reason=reason, judgement_id=judgement.id,
        )  # fmt: skip
        return UnsureMark(review_id, judgement.id, int(marked["unsure_count"]))

    return graph.write_tx(work)
