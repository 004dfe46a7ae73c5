"""The summary cache answers only at the graph's version, and stays within its budget."""

from __future__ import annotations

from datetime import UTC, datetime

from graph.dedup.models import ContentSummary
from graph.dedup.summary_cache import SummaryCache, new_version


def _summary(content_id: str, text: str = "some words of abuse") -> ContentSummary:
    at = datetime(2026, 6, 1, tzinfo=UTC)
    return ContentSummary(
        content_id=content_id,
        anchor_report_key=f"report:{content_id}",
        platform="x",
        post_key=None,
        handles=("jsmith88",),
        texts=(text,),
        first_at=at,
        last_at=at,
        victim_keys=frozenset(),
        report_count=1,
    )


def test_a_summary_is_used_only_at_the_version_it_was_kept_at() -> None:
    cache = SummaryCache()
    v1, v2 = new_version(), new_version()
    assert v1 != v2
    cache.put([(v1, _summary("c1")), (v2, _summary("c2"))])
    assert set(cache.get({"c1": v1, "c2": v2})) == {"c1", "c2"}
    assert cache.get({"c1": v2}) == {}  # written since by another transaction
    assert cache.get({"c1": None}) == {}  # the graph has no version for it
    assert cache.get({"c3": v1}) == {}


def test_a_newer_version_replaces_the_older_and_none_forgets() -> None:
    cache = SummaryCache()
    v1, v2 = new_version(), new_version()
    cache.put([(v1, _summary("c1", "first"))])
    cache.put([(v2, _summary("c1", "second"))])
    assert cache.get({"c1": v1}) == {}
    assert cache.get({"c1": v2})["c1"].texts == ("second",)
    cache.put([(None, _summary("c1"))])
    assert len(cache) == 0


def test_the_least_recently_used_go_first_when_the_budget_is_reached() -> None:
    one = 400 + len("some words of abuse") + len("jsmith88")
    cache = SummaryCache(budget_chars=3 * one)
    v = new_version()
    cache.put((v, _summary(f"c{i}")) for i in range(3))
    assert cache.get({"c0": v})  # c0 is now the most recently used
    cache.put([(v, _summary("c3"))])
    assert len(cache) == 3
    assert set(cache.get({f"c{i}": v for i in range(4)})) == {"c0", "c2", "c3"}


def test_a_summary_larger_than_the_budget_is_not_kept() -> None:
    cache = SummaryCache(budget_chars=1000)
    cache.put([(new_version(), _summary("big", "x" * 5000))])
    assert len(cache) == 0
