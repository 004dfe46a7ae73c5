"""Incremental and batch matching: join, review or new content, and the judgement it makes."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from graph.dedup.blocking import BlockIndex
from graph.dedup.judgements import SYSTEM, Verdict
from graph.dedup.matcher import Action, BatchMatcher, match_batch, match_report
from graph.dedup.models import ContentSummary, ReportEvidence
from graph.dedup.policy import default_policy

T0 = datetime(2026, 6, 1, 12, tzinfo=UTC)
ABUSE = "People like you should never be allowed anywhere near decent folk, go back home"
ACCOUNT = "angry_patriot1234"


def ev(
    key: str,
    *,
    post: str | None = None,
    handles: tuple[str, ...] = (ACCOUNT,),
    text: str | None = ABUSE,
    hours: float = 0.0,
    victim: str | None = None,
) -> ReportEvidence:
    return ReportEvidence.build(
        report_key=key, platform="x", reporter_key=f"reporter-{key}", post_key=post,
        raw_handles=handles, text=text, captured_at=T0 + timedelta(hours=hours),
        victim_key=victim,
    )  # fmt: skip


def contents_of(reports: Sequence[ReportEvidence]) -> list[str]:
    return [content_id for _, content_id in match_batch(reports)]


def test_join_makes_a_system_same_content_judgement_to_the_anchor() -> None:
    existing = ContentSummary.found("content:first", ev("first", post="x:post:1"))
    seen: list[Sequence[str]] = []

    def lookup(keys: Sequence[str]) -> list[ContentSummary]:
        seen.append(keys)
        return [existing]

    decision = match_report(ev("second", post="x:post:1", text=None), lookup)
    assert seen[0][0] == "post|x:post:1"
    assert (decision.action, decision.content_id, decision.reason) == (
        Action.JOIN, "content:first", "same_post_key",
    )  # fmt: skip
    judgement = decision.judgement
    assert judgement is not None
    assert (judgement.pair, judgement.verdict, judgement.actor) == (
        ("first", "second"), Verdict.SAME_CONTENT, SYSTEM,
    )  # fmt: skip
    assert judgement.score == 1.0
    assert judgement.features["rule"] == "same_post_key"
    assert judgement.at == T0


def test_no_candidates_means_new_content() -> None:
    decision = match_report(ev("lonely"), lambda keys: [])
    assert (decision.action, decision.content_id, decision.judgement) == (Action.NEW, None, None)


def test_one_account_sending_the_same_abuse_to_three_victims_is_three_contents() -> None:
    reports = [
        ev(f"to-{name}", post=f"x:post:{i}", text=f"@{name}_{i}0 {ABUSE}", hours=i, victim=name)
        for i, name in enumerate(("amina", "ben", "chloe"), start=1)
    ]
    # Witnesses report each message without a link or a victim's name.
    reports += [
        ev(f"witness-{name}", text=f"They wrote: @{name}_{i}0 {ABUSE}", hours=i + 0.5)
        for i, name in enumerate(("amina", "ben", "chloe"), start=1)
    ]
    ids = contents_of(reports)
    assert len(set(ids[:3])) == 3
    assert ids[3:] == ids[:3]


def test_viral_post_reported_many_ways_is_one_content() -> None:
    variants = [
        ev("v0", post="x:post:77"),
        ev("v1", post="x:post:77", handles=("@Angry_Patriot1234",), text=None),
        ev("v2", handles=(), text=ABUSE[:50] + "…", hours=1),
        ev("v3", handles=("angry_patriiot1234",), text=f'They wrote: "{ABUSE}"', hours=2),
        ev("v4", post="x:post:77", handles=(), text=None, hours=3),
    ] + [ev(f"w{i}", post="x:post:77", hours=i / 10) for i in range(200)]
    assert len(set(contents_of(variants))) == 1


def test_post_key_report_never_joins_content_with_another_post_key() -> None:
    ids = contents_of([ev("a", post="x:post:1"), ev("b", post="x:post:2", hours=0.1)])
    assert ids[0] != ids[1]


def test_two_equally_good_contents_send_the_report_to_review() -> None:
    index = BlockIndex(default_policy())
    for key, hour in (("one", 0.0), ("two", 0.5)):
        index.upsert(ContentSummary.found(f"content:{key}", ev(key, text=None, hours=hour)))
    decision = match_report(ev("which", text=None, hours=1), index.lookup)
    assert decision.action is Action.REVIEW
    assert decision.reason == "ambiguous"
    assert {c.content_id for c in decision.candidates} == {"content:one", "content:two"}
    assert decision.judgement is None


def test_batch_and_incremental_take_the_same_decisions() -> None:
    reports = [
        ev("a", post="x:post:1"),
        ev("b", handles=(), hours=1),
        ev("c", post="x:post:2", text="Watch yourself, we know where you live", hours=2),
        ev("d", text=None, hours=12),
    ]
    batch = [d for d, _ in match_batch(reports)]
    matcher = BatchMatcher()
    incremental = []
    for report in reports:
        decision = match_report(report, matcher.index.lookup, matcher.policy)
        matcher.apply(decision, report)
        incremental.append(decision)
    assert [(d.action, d.content_id) for d in batch] == [
        (d.action, d.content_id) for d in incremental
    ]
    assert [d.action for d in batch] == [Action.NEW, Action.JOIN, Action.NEW, Action.REVIEW]


def test_content_learns_the_post_key_from_a_fuzzy_joined_report() -> None:
    matcher = BatchMatcher()
    matcher.add(ev("no-link"))
    matcher.add(ev("with-link", post="x:post:5", hours=1))
    later = matcher.add(ev("link-only", post="x:post:5", handles=(), text=None, hours=2))
    assert (later.action, later.content_id) == (Action.JOIN, "content:no-link")


def test_tie_goes_to_the_post_already_reported_many_times() -> None:
    index = BlockIndex(default_policy())
    viral = ContentSummary.found("content:viral", ev("viral", text=None, hours=0.5))
    index.upsert(dataclasses.replace(viral, report_count=40))
    index.upsert(ContentSummary.found("content:quiet", ev("quiet", text=None)))
    decision = match_report(ev("one-more", text=None, hours=1), index.lookup)
    assert (decision.action, decision.content_id) == (Action.JOIN, "content:viral")
