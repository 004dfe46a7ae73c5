"""Deciding, for one new report, whether it joins existing content, needs review, or is new.

:func:`match_report` is the incremental path: it takes the candidates from a ``lookup``
callable (the store's index query over the report's blocking keys) and returns a
:class:`MatchDecision`; a join carries the system's SAME_CONTENT :class:`Judgement` between the
report and the content's anchor report. :class:`BatchMatcher` runs the same function over many
reports with an in-memory :class:`BlockIndex`. In batch mode a report sent to review founds its
own content until an analyst decides (the cautious choice: a wrong merge hides a victim), and
that pending content is not offered as a candidate to later reports (``index_reviewed``), so
one doubtful report does not split the reports after it between two copies of one post.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from graph.dedup.blocking import BlockIndex, report_keys
from graph.dedup.clusters import content_id_for
from graph.dedup.judgements import SYSTEM, Judgement, Verdict, judge
from graph.dedup.models import ContentSummary, ReportEvidence
from graph.dedup.policy import DedupPolicy, default_policy
from graph.dedup.scoring import Explanation, Outcome, Scored, score_candidate

Lookup = Callable[[Sequence[str]], Sequence[ContentSummary]]
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Action(StrEnum):
    JOIN = "join"
    REVIEW = "review"
    NEW = "new"


@dataclass(frozen=True, slots=True)
class CandidateScore:
    content_id: str
    score: float
    outcome: Outcome
    rule: str


@dataclass(frozen=True, slots=True)
class MatchDecision:
    """``content_id`` is the content joined (JOIN), the best candidate (REVIEW) or ``None``
    (NEW). ``candidates`` are the top scored candidates, best first, for the review screen."""

    report_key: str
    action: Action
    content_id: str | None
    score: float
    reason: str
    explanation: Explanation
    judgement: Judgement | None
    candidates: tuple[CandidateScore, ...]


def match_report(
    report: ReportEvidence,
    lookup: Lookup,
    policy: DedupPolicy | None = None,
    *,
    now: datetime | None = None,
    keys: Sequence[str] | None = None,
) -> MatchDecision:
    """Decide what ``report`` is; ``now`` stamps the judgement (default: the report's time).

    ``keys`` are the report's blocking keys if the caller already has them.
    """
    policy = policy or default_policy()
    keys = report_keys(report, policy) if keys is None else keys
    candidates = list(lookup(keys))[: policy.max_candidates]
    if report.post_key:
        # An equal post key is decisive (score 1, no ambiguity check; every other candidate
        # scores below 1), so the rest need not be scored: two thirds of reports carry a post
        # key, and scoring was most of the matcher's time.
        same_post = [c for c in candidates if c.is_post(report.post_key)]
        candidates = same_post or candidates
    scored = sorted(
        (score_candidate(report, c, policy) for c in candidates),
        key=lambda s: (-s.score, -s.content.report_count, s.content.content_id),
    )
    top = tuple(
        CandidateScore(s.content.content_id, s.score, s.outcome, s.rule) for s in scored[:5]
    )
    if not scored or scored[0].outcome is Outcome.NONE:
        return MatchDecision(
            report.report_key, Action.NEW, None, 0.0, "no_candidate", {}, None, top
        )  # fmt: skip
    best = scored[0]
    runner_up = next(
        (s for s in scored[1:] if s.outcome is not Outcome.NONE and s.rule != "same_post_key"),
        None,
    )
    if (
        best.rule != "same_post_key"
        and runner_up is not None
        and best.score - runner_up.score < policy.ambiguity_margin
        and not _far_more_reported(best, runner_up, policy)
    ):
        explanation = {**best.explanation, "ambiguous_with": runner_up.explanation}
        return _review(report, best, "ambiguous", explanation, top)
    explanation = best.explanation
    if best.outcome is Outcome.AUTO_MERGE:
        judgement = judge(
            report.report_key,
            best.content.anchor_report_key,
            Verdict.SAME_CONTENT,
            score=min(1.0, best.score),
            features=explanation,
            actor=SYSTEM,
            at=now or report.at or _EPOCH,
            reason=f"matched content {best.content.content_id} ({best.rule})",
        )
        return MatchDecision(
            report.report_key, Action.JOIN, best.content.content_id, best.score, best.rule,
            explanation, judgement, top,
        )  # fmt: skip
    return _review(report, best, best.rule, explanation, top)


def _far_more_reported(best: Scored, runner_up: Scored, policy: DedupPolicy) -> bool:
    """A post already reported many times is far likelier to be what one more report is about
    than a rarely reported post from the same account: break the tie towards it."""
    many, few = best.content.report_count, runner_up.content.report_count
    return many >= policy.popular_min_reports and many >= policy.popular_ratio * few


def _review(
    report: ReportEvidence,
    best: Scored,
    reason: str,
    explanation: Explanation,
    top: tuple[CandidateScore, ...],
) -> MatchDecision:
    return MatchDecision(
        report.report_key, Action.REVIEW, best.content.content_id, best.score, reason,
        explanation, None, top,
    )  # fmt: skip


class BatchMatcher:
    """Matches reports one after another against an in-memory index of the content so far."""

    def __init__(self, policy: DedupPolicy | None = None, *, index_reviewed: bool = False) -> None:
        self.policy = policy or default_policy()
        self.index = BlockIndex(self.policy)
        self.index_reviewed = index_reviewed

    def add(self, report: ReportEvidence, *, now: datetime | None = None) -> MatchDecision:
        """Match one report and fold it into the index; returns the decision."""
        keys = report_keys(report, self.policy)
        decision = match_report(report, self.index.lookup, self.policy, now=now, keys=keys)
        self.apply(decision, report, keys)
        return decision

    def apply(
        self, decision: MatchDecision, report: ReportEvidence, keys: Sequence[str] | None = None
    ) -> ContentSummary:
        """Fold a decided report into the index (join, or found new content)."""
        keys = report_keys(report, self.policy) if keys is None else keys
        if decision.action is Action.JOIN and decision.content_id is not None:
            current = self.index.get(decision.content_id)
            if current is not None:
                summary = current.absorb(report, self.policy.max_texts, self.policy.max_handles)
                self.index.upsert(summary, keys)
                return summary
        summary = ContentSummary.found(content_id_for(report.report_key), report)
        if decision.action is Action.NEW or self.index_reviewed:
            self.index.upsert(summary, keys)
        elif report.post_key:  # pending review: findable by its exact post only
            self.index.upsert(summary, [f"post|{report.post_key}"])
        return summary


def match_batch(
    reports: Iterable[ReportEvidence], policy: DedupPolicy | None = None
) -> Iterator[tuple[MatchDecision, str]]:
    """Match reports in order; yields each decision with the content id the report ended in."""
    matcher = BatchMatcher(policy)
    for report in reports:
        decision = matcher.add(report)
        content_id = (
            decision.content_id
            if decision.action is Action.JOIN and decision.content_id
            else content_id_for(report.report_key)
        )
        yield decision, content_id
