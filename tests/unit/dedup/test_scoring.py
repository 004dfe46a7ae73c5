"""Scoring a report against one content item: the hard rules first, then the weighted features."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph.dedup.models import ContentSummary, ReportEvidence
from graph.dedup.policy import default_policy
from graph.dedup.scoring import Outcome, score_candidate

T0 = datetime(2026, 6, 1, 12, tzinfo=UTC)
ABUSE = "People like you should never be allowed anywhere near decent folk, go back home"
OTHER = "Watch yourself, we know where you live and next time you will regret it"
ACCOUNT = "angry_patriot1234"


def ev(
    key: str,
    *,
    platform: str = "x",
    post: str | None = None,
    handles: tuple[str, ...] = (ACCOUNT,),
    text: str | None = ABUSE,
    hours: float = 0.0,
    victim: str | None = None,
) -> ReportEvidence:
    return ReportEvidence.build(
        report_key=key, platform=platform, reporter_key=f"reporter-{key}", post_key=post,
        raw_handles=handles, text=text, captured_at=T0 + timedelta(hours=hours),
        victim_key=victim,
    )  # fmt: skip


def content(report: ReportEvidence) -> ContentSummary:
    return ContentSummary.found(f"content:{report.report_key}", report)


P = default_policy()


@pytest.mark.parametrize(
    ("case", "report", "existing", "rule", "outcome"),
    [
        ("same post key, nothing else alike", ev("r", post="x:post:1", handles=(), text=OTHER),
         ev("c", post="x:post:1"), "same_post_key", Outcome.AUTO_MERGE),
        ("different post keys, identical text and account", ev("r", post="x:post:2"),
         ev("c", post="x:post:1"), "different_post_key", Outcome.NONE),
        ("different platform", ev("r", platform="facebook"), ev("c"),
         "different_platform", Outcome.NONE),
        ("same account, same text, different victims", ev("r", victim="v:amina"),
         ev("c", victim="v:ben"), "different_victim", Outcome.NONE),
        ("same text addressed to different people", ev("r", text="@aminakhan12 " + ABUSE),
         ev("c", text="@bencohen99 " + ABUSE), "different_mentions", Outcome.NONE),
        ("a month apart", ev("r", hours=24 * 31), ev("c"), "too_far_apart_in_time", Outcome.NONE),
        ("same account, other words", ev("r", text=OTHER), ev("c"),
         "contradicting_text", Outcome.NONE),
        ("same words, another account", ev("r", handles=("quiet_lion77",)), ev("c"),
         "different_account", Outcome.REVIEW),
        ("truncated copy, no account", ev("r", handles=(), text=ABUSE[:60] + "..."), ev("c"),
         "strong_text", Outcome.AUTO_MERGE),
        ("account only, an hour later", ev("r", text=None, hours=1), ev("c"),
         "same_account_close_in_time", Outcome.AUTO_MERGE),
        ("account only, half a day later", ev("r", text=None, hours=12), ev("c"),
         "weighted", Outcome.REVIEW),
        ("account only, named victim, untargeted post", ev("r", text=None, victim="v:amina"),
         ev("c"), "weighted", Outcome.REVIEW),
        ("mistyped handle with @, retyped text", ev("r", handles=("@angry_patriiot1234",),
         text="people like you shuold never be allowed anywhere near decent folk go back home"),
         ev("c"), "strong_text", Outcome.AUTO_MERGE),
    ],
)  # fmt: skip
def test_rules(
    case: str, report: ReportEvidence, existing: ReportEvidence, rule: str, outcome: Outcome
) -> None:
    scored = score_candidate(report, content(existing), P)
    assert (scored.rule, scored.outcome) == (rule, outcome), case
    assert scored.explanation["rule"] == rule


def test_only_an_equal_post_key_scores_one() -> None:
    fuzzy = score_candidate(ev("r", victim="v:amina"), content(ev("c", victim="v:amina")), P)
    assert fuzzy.score < 1.0
    assert (
        score_candidate(ev("r", post="x:post:1"), content(ev("c", post="x:post:1")), P).score == 1
    )


def test_explanation_names_features_scores_and_values() -> None:
    scored = score_candidate(ev("r", hours=2), content(ev("c")), P)
    features = scored.explanation["features"]
    assert isinstance(features, dict)
    assert features["account"] == {"score": 1.0, "report": ACCOUNT, "content": ACCOUNT}
    assert features["text"]["score"] == 1.0
    assert features["time"]["gap_hours"] == 2.0
    assert scored.explanation["score"] == scored.score


def test_missing_feature_is_explained_as_missing() -> None:
    scored = score_candidate(ev("r", handles=(), text=None), content(ev("c")), P)
    assert scored.explanation["features"]["account"]["score"] is None  # type: ignore[index]
    assert scored.outcome is not Outcome.AUTO_MERGE


def test_report_with_post_key_may_fuzzy_join_content_without_one() -> None:
    scored = score_candidate(ev("r", post="x:post:9"), content(ev("c")), P)
    assert scored.outcome is Outcome.AUTO_MERGE


def test_a_content_merged_from_two_posts_is_either_post() -> None:
    """An analyst's merge folds a second post into a content (graph/dedup/analyst.py): both
    posts are then the content's, and a third is still another post."""
    merged = content(ev("a", post="x:post:1")).absorb(
        ev("b", post="x:post:2", text=OTHER), P.max_texts, P.max_handles
    )
    assert (merged.post_key, merged.other_post_keys) == ("x:post:1", ("x:post:2",))
    again = merged.absorb(ev("c", post="x:post:2"), P.max_texts, P.max_handles)
    assert again.other_post_keys == ("x:post:2",)

    for post in ("x:post:1", "x:post:2"):
        scored = score_candidate(ev("r", post=post, handles=(), text=None), merged, P)
        assert (scored.rule, scored.score) == ("same_post_key", 1.0), post
    other = score_candidate(ev("r", post="x:post:3"), merged, P)
    assert (other.rule, other.outcome) == ("different_post_key", Outcome.NONE)
    assert other.explanation["content_other_post_keys"] == ["x:post:2"]
