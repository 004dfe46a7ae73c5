"""The duplicate review queue, and analysts' decisions on duplicates.

The matcher puts a report it is not sure of in the review queue; an analyst answers it, or
confirms, rejects or undoes a judgement, or merges and splits content. Each decision adds a
judgement with its reason and the clusters re-derive (``graph/dedup/analyst.py``); what comes
back is the content items the decision left, each with its reports.

An analyst who cannot tell answers a review item UNSURE: an UNSURE judgement is recorded (who,
when, why) and the item stays in the queue, for any analyst, with the doubts shown beside it,
until someone answers SAME or NOT_SAME. This is how identity review treats a pair: an active
UNSURE judgement is an item awaiting an analyst (``graph/dedup/review_unsure.py``).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from graph.access import Capability
from graph.cypher import load_query
from graph.db import Record, from_wire_time
from graph.dedup import analyst
from graph.dedup.clusters import Clusters
from graph.dedup.review_unsure import mark_review_unsure
from services.paging import Page, PageRequest, keyed_page, time_and_id
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "review_queue": Capability.HUB_CASEWORK,
    "confirm_duplicate": Capability.HUB_CASEWORK,
    "reject_duplicate": Capability.HUB_CASEWORK,
    "undo_duplicate_judgement": Capability.HUB_CASEWORK,
    "merge_content": Capability.HUB_CASEWORK,
    "split_content": Capability.HUB_CASEWORK,
    "decide_review": Capability.HUB_CASEWORK,
}


class ReviewAnswer(enum.StrEnum):
    """An analyst's answer to a review item."""

    SAME = "SAME"  # the report is about the candidate content: it joins it
    NOT_SAME = "NOT_SAME"  # it is not: the matcher respects that thereafter
    UNSURE = "UNSURE"  # cannot tell: recorded, and the item stays for a second analyst


class ReviewReason(enum.StrEnum):
    """Why the matcher asked an analyst: two candidates scored too close to call
    (``ambiguous``), or the rule that scored the best candidate between the review and the
    auto-merge thresholds (``graph/dedup/matcher.py``). Every rule the scorer can name is here
    (``graph/dedup/scoring.py``), though with the shipped policy only a weighted score, or one
    capped by a different account, lands between the two."""

    AMBIGUOUS = "ambiguous"
    WEIGHTED = "weighted"
    DIFFERENT_ACCOUNT = "different_account"
    CONTRADICTING_TEXT = "contradicting_text"
    STRONG_TEXT = "strong_text"
    SAME_ACCOUNT_CLOSE_IN_TIME = "same_account_close_in_time"
    SAME_POST_KEY = "same_post_key"
    DIFFERENT_POST_KEY = "different_post_key"
    DIFFERENT_PLATFORM = "different_platform"
    DIFFERENT_VICTIM = "different_victim"
    TOO_FAR_APART_IN_TIME = "too_far_apart_in_time"
    DIFFERENT_MENTIONS = "different_mentions"


@dataclass(frozen=True, slots=True)
class UnsureAnswer:
    """An analyst who answered a review item UNSURE, and what was unclear."""

    actor: str
    reason: str


@dataclass(frozen=True, slots=True)
class ReviewItemValue:
    """A possible duplicate waiting for an analyst, with the analysts who were unsure of it."""

    id: str
    reason: ReviewReason
    score: float
    explanation: str  # the features and values compared, as JSON
    created_at: datetime | None
    report_id: str
    candidate_id: str | None
    candidate_ids: tuple[str, ...]
    unsure: tuple[UnsureAnswer, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewLeftOpen:
    """An UNSURE answer: the item stays in the queue; ``unsure_count`` analysts were unsure."""

    review_id: str
    judgement_id: str
    unsure_count: int


@dataclass(frozen=True, slots=True)
class DuplicateDecision:
    """The content items a decision left, by id, each with its report ids in report order."""

    content_ids: tuple[str, ...]
    report_ids_by_content: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, clusters: Clusters) -> DuplicateDecision:
        ids = tuple(sorted(clusters.members))
        return cls(ids, tuple(tuple(clusters.members[i]) for i in ids))


def _review_item(r: Record) -> ReviewItemValue:
    return ReviewItemValue(
        id=r["id"],
        reason=ReviewReason(r["reason"]),
        score=r["score"],
        explanation=r["explanation"],
        created_at=from_wire_time(r["created_at"]),
        report_id=r["report_id"],
        candidate_id=r["candidate_id"],
        candidate_ids=tuple(r["candidate_ids"] or ()),
        unsure=tuple(
            UnsureAnswer(actor, reason)
            for actor, reason in zip(r["unsure_by"], r["unsure_reasons"], strict=True)
        ),
    )


@use_case
def review_queue(caller: Caller, page: PageRequest) -> Page[ReviewItemValue]:
    """A page of the pending reviews, oldest first, keyed on (created, id) so a page is stable
    while items are answered or added."""
    after_at, after_id = page.after_time_and_id
    rows = caller.graph.read(
        load_query("content/review_queue"),
        after_at=after_at,
        after_id=after_id,
        limit=page.first + 1,
        viewer_sees_all=caller.viewer.sees_all_forces,
    )
    keys = {r["id"]: time_and_id(r["created_at"], r["id"]) for r in rows}
    return keyed_page([_review_item(r) for r in rows], page, lambda item: keys[item.id])


@use_case
def confirm_duplicate(caller: Caller, judgement_id: str) -> DuplicateDecision:
    """Confirm a system's SAME_CONTENT judgement."""
    return DuplicateDecision.of(
        analyst.confirm_judgement(caller.graph, judgement_id, caller.viewer.user_id)
    )


@use_case
def reject_duplicate(caller: Caller, judgement_id: str, reason: str) -> DuplicateDecision:
    """Reject a judgement; the matcher respects it thereafter."""
    return DuplicateDecision.of(
        analyst.reject_judgement(caller.graph, judgement_id, caller.viewer.user_id, reason)
    )


@use_case
def undo_duplicate_judgement(caller: Caller, judgement_id: str) -> DuplicateDecision:
    """Undo a judgement, restoring what it superseded."""
    return DuplicateDecision.of(
        analyst.undo_judgement(caller.graph, judgement_id, caller.viewer.user_id)
    )


@use_case
def merge_content(caller: Caller, content_a: str, content_b: str, reason: str) -> DuplicateDecision:
    """Merge two content items into one."""
    return DuplicateDecision.of(
        analyst.merge_contents(caller.graph, content_a, content_b, caller.viewer.user_id, reason)
    )


@use_case
def split_content(
    caller: Caller, content_id: str, report_ids: Sequence[str], reason: str
) -> DuplicateDecision:
    """Split reports off a content item."""
    return DuplicateDecision.of(
        analyst.split_content(caller.graph, content_id, report_ids, caller.viewer.user_id, reason)
    )


@use_case
def decide_review(
    caller: Caller, review_id: str, answer: ReviewAnswer, reason: str
) -> DuplicateDecision | ReviewLeftOpen:
    """Answer a review item: the report is the candidate content, or it is not (the content
    items after it), or the analyst cannot tell (the item stays in the queue)."""
    actor = caller.viewer.user_id
    if answer is ReviewAnswer.UNSURE:
        mark = mark_review_unsure(caller.graph, review_id, actor, reason)
        return ReviewLeftOpen(mark.review_id, mark.judgement_id, mark.unsure_count)
    same = answer is ReviewAnswer.SAME
    return DuplicateDecision.of(analyst.decide_review(caller.graph, review_id, same, actor, reason))
