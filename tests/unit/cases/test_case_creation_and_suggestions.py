"""One case per content item, and course-of-conduct suggestions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from graph.cases.creation import default_case_id
from graph.cases.suggestions import suggest_cases
from graph.dedup.models import ContentSummary, ReportEvidence

T0 = datetime(2026, 6, 1, 12, tzinfo=UTC)


def content(cid: str, handle: str, victim: str | None, days: int) -> ContentSummary:
    report = ReportEvidence.build(
        report_key=cid, platform="x", reporter_key="r", raw_handles=(handle,),
        text="whatever", captured_at=T0 + timedelta(days=days), victim_key=victim,
    )  # fmt: skip
    return ContentSummary.found(f"content:{cid}", report)


def test_default_case_is_one_per_content() -> None:
    assert default_case_id("content:r1") == "case:content:r1"


def test_same_account_same_victim_twice_is_suggested_not_applied() -> None:
    contents = [
        content("a", "angry_patriot1", "v:amina", 0),
        content("b", "@Angry_Patriot1", "v:amina", 3),  # typed differently, same account
        content("c", "angry_patriot1", "v:ben", 4),  # another victim: not this course
        content("d", "quiet_lion", "v:amina", 5),  # another account
    ]
    [suggestion] = suggest_cases(contents)
    assert suggestion.content_ids == ("content:a", "content:b")
    assert suggestion.victim_key == "v:amina"
    assert suggestion.account == "angry_patriot1"
    assert suggestion.occasions == 2
    assert suggestion.first_at == T0
    assert suggestion.last_at == T0 + timedelta(days=3)
    assert "course of conduct" in suggestion.reason
    assert suggest_cases(list(reversed(contents))) == [suggestion]  # deterministic


def test_one_occasion_or_no_victim_suggests_nothing() -> None:
    assert suggest_cases([content("a", "x1", "v:amina", 0)]) == []
    assert suggest_cases([content("a", "x1", None, 0), content("b", "x1", None, 1)]) == []


def test_a_viral_content_with_many_victims_is_one_occasion_for_each() -> None:
    """A post reported by a thousand victims is one occasion for each of them: alone it
    suggests nothing, and beside a second post it is suggested only with the victims they
    share."""
    viral = replace(
        content("a", "angry_patriot1", None, 0),
        victim_keys=frozenset(f"v:{n}" for n in range(1000)),
    )
    assert suggest_cases([viral]) == []
    [suggestion] = suggest_cases([viral, content("b", "angry_patriot1", "v:7", 2)])
    assert suggestion.content_ids == ("content:a", "content:b")
    assert suggestion.victim_key == "v:7"
