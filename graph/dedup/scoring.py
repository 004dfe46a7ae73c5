"""Scoring one report against one candidate content item, with the explanation kept.

Hard rules come first, because no amount of similar text may override them:

1. equal post keys: the same post (score 1);
2. different post keys: different posts, never a fuzzy join;
3. different platforms: different content;
4. the report names a victim the content does not have, and post keys are not equal: different
   content. One account often sends near-identical abuse to several people; each message is a
   separate incident with its own victim;
5. more than ``max_gap_hours`` between the report and the content: no fuzzy match;
6. the texts address different people (their ``@mentions`` do not match): different content,
   for the same reason as rule 4.

Otherwise the score is the weighted sum of text, account and time similarity, a missing feature
counting at its ``missing`` score, plus a bonus when the victim is the same. Then:

- text that contradicts (below ``contradicting_below``) caps the score below review;
- a different account (both known, below ``account_contradicts_below``) caps it below auto-merge;
- a long, near-identical text with no contradicting account and close in time auto-merges
  (``strong_text``);
- the same account within ``account_only_hours`` when one side has no text auto-merges
  (``same_account_close_in_time``), unless another candidate is as good (the matcher's
  ambiguity check).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from graph.dedup.models import ContentSummary, ReportEvidence
from graph.dedup.policy import DedupPolicy
from graph.dedup.text import handle_similarity, mention_similarity, text_similarity

Explanation = dict[str, object]


class Outcome(StrEnum):
    AUTO_MERGE = "auto_merge"
    REVIEW = "review"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate's score and outcome, and how to explain them on the judgement edge.

    The explanation is built on demand (``explanation``): the matcher scores about sixteen
    candidates a report and reads the explanation of at most two; building it for every
    candidate cost up to a tenth of matching."""

    content: ContentSummary
    score: float
    outcome: Outcome
    rule: str
    explain: Callable[[], Explanation] = field(repr=False, compare=False)

    @property
    def explanation(self) -> Explanation:
        """A new dict each time: read it once and keep it."""
        return self.explain()


def _gap_hours(at: datetime | None, content: ContentSummary) -> float | None:
    if at is None or content.first_at is None or content.last_at is None:
        return None
    if at < content.first_at:
        return (content.first_at - at).total_seconds() / 3600.0
    if at > content.last_at:
        return (at - content.last_at).total_seconds() / 3600.0
    return 0.0


def _best_handle(report: ReportEvidence, content: ContentSummary) -> tuple[float, str, str]:
    best = (0.0, "", "")
    for a in report.handles:
        for b in content.handles:
            sim = handle_similarity(a, b)
            if sim > best[0]:
                best = (sim, a, b)
    return best


def _best_text(report: ReportEvidence, content: ContentSummary, min_chars: int) -> float:
    best = 0.0
    for text in content.texts:
        best = max(best, text_similarity(report.normalised_text, text, min_chars))
        if best >= 1.0:  # the most a similarity can be: the other texts cannot beat it
            break
    return best


def _best_mentions(report: ReportEvidence, content: ContentSummary) -> float | None:
    """Best similarity of the people the texts address, or None if either names nobody."""
    if not report.normalised_text:
        return None
    best: float | None = None
    for text in content.texts:
        sim = mention_similarity(report.normalised_text, text)
        if sim is not None and (best is None or sim > best):
            best = sim
    return best


def _outcome(score: float, policy: DedupPolicy) -> Outcome:
    if score >= policy.auto_merge:
        return Outcome.AUTO_MERGE
    if score >= policy.review:
        return Outcome.REVIEW
    return Outcome.NONE


def _base(report: ReportEvidence, content: ContentSummary, policy: DedupPolicy) -> Explanation:
    return {
        "report_post_key": report.post_key,
        "content_post_key": content.post_key,
        "content_other_post_keys": list(content.other_post_keys),
        "platform": report.platform,
        "policy_version": policy.version,
    }


def _hard(
    report: ReportEvidence, content: ContentSummary, policy: DedupPolicy, score: float, rule: str
) -> Scored:
    def explain() -> Explanation:
        return {**_base(report, content, policy), "rule": rule, "score": score}

    outcome = Outcome.AUTO_MERGE if score >= 1.0 else Outcome.NONE
    return Scored(content, score, outcome, rule, explain)


def score_candidate(report: ReportEvidence, content: ContentSummary, policy: DedupPolicy) -> Scored:
    """Score ``report`` against ``content``; the explanation names every feature used."""
    if report.post_key and content.is_post(report.post_key):
        return _hard(report, content, policy, 1.0, "same_post_key")
    if report.post_key and content.post_key:
        return _hard(report, content, policy, 0.0, "different_post_key")
    if report.platform != content.platform:
        return _hard(report, content, policy, 0.0, "different_platform")
    if report.victim_key and content.victim_keys and report.victim_key not in content.victim_keys:
        return _hard(report, content, policy, 0.0, "different_victim")
    gap = _gap_hours(report.at, content)
    if gap is not None and gap > policy.max_gap_hours:
        return _hard(report, content, policy, 0.0, "too_far_apart_in_time")
    mentions = _best_mentions(report, content)
    if mentions is not None and mentions < policy.mentions_differ_below:
        return _hard(report, content, policy, 0.0, "different_mentions")

    has_text = bool(report.normalised_text and content.texts)
    if has_text:
        text_score = _best_text(report, content, policy.min_chars_for_partial)
    else:
        text_score = policy.missing_text
    has_account = bool(report.handles and content.handles)
    if has_account:
        account_score, mine, theirs = _best_handle(report, content)
    else:
        account_score, mine, theirs = policy.missing_account, "", ""
    if gap is not None:
        time_score = math.pow(0.5, gap / policy.half_life_hours)
    else:
        time_score = policy.missing_time
    total = (
        policy.weight_text * text_score
        + policy.weight_account * account_score
        + policy.weight_time * time_score
    )
    same_victim = bool(report.victim_key and report.victim_key in content.victim_keys)
    if same_victim:
        total += policy.same_victim_bonus

    rule = "weighted"
    close = gap is None or gap <= policy.strong_text_hours
    if has_text and text_score < policy.contradicting_text_below:
        # Same account, but the words say it is another post: never merge on account alone.
        total = min(total, policy.review - 1e-4)
        rule = "contradicting_text"
    elif has_account and account_score < policy.account_contradicts_below:
        total = min(total, policy.auto_merge - 1e-4)
        rule = "different_account"
    elif (
        has_text
        and text_score >= policy.strong_text_score
        and len(report.normalised_text) >= policy.strong_text_min_chars
        and close
    ):
        total = max(total, policy.auto_merge)
        rule = "strong_text"
    elif (
        not has_text
        and has_account
        and (
            report.victim_key in content.victim_keys
            if report.victim_key
            else not content.victim_keys
        )
        and account_score >= policy.account_only_score
        and gap is not None
        and gap <= policy.account_only_hours
    ):
        total = max(total, policy.auto_merge)
        rule = "same_account_close_in_time"
    score = round(min(total, 0.999), 4)  # only an equal post key scores 1

    def explain() -> Explanation:
        features: dict[str, object] = {}
        if has_text:
            features["text"] = {"score": round(text_score, 4), "report": report.normalised_text}
        else:
            features["text"] = {"score": None, "missing_counts_as": text_score}
        if has_account:
            features["account"] = {
                "score": round(account_score, 4),
                "report": mine,
                "content": theirs,
            }
        else:
            features["account"] = {"score": None, "missing_counts_as": account_score}
        if gap is not None:
            features["time"] = {"score": round(time_score, 4), "gap_hours": round(gap, 2)}
        else:
            features["time"] = {"score": None, "missing_counts_as": time_score}
        if same_victim:
            features["victim"] = {"same": True, "bonus": policy.same_victim_bonus}
        if mentions is not None:
            features["mentions"] = {"score": round(mentions, 4)}
        return {
            **_base(report, content, policy),
            "rule": rule,
            "score": score,
            "features": features,
        }

    return Scored(content, score, _outcome(score, policy), rule, explain)
