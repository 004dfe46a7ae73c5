"""Blocking keys and the capped in-memory index."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from datetime import UTC, datetime

from graph.dedup.blocking import BlockIndex, content_keys, most_shared, report_keys
from graph.dedup.models import ContentSummary, ReportEvidence
from graph.dedup.policy import default_policy

T0 = datetime(2026, 6, 1, 12, tzinfo=UTC)
TEXT = "people like you should never be allowed anywhere near decent folk"


def ev(key: str, **kwargs: object) -> ReportEvidence:
    fields: dict[str, object] = {
        "report_key": key, "platform": "x", "reporter_key": "r", "captured_at": T0,
    }  # fmt: skip
    fields.update(kwargs)
    return ReportEvidence.build(**fields)  # type: ignore[arg-type]


def test_keys_cover_post_account_and_text() -> None:
    keys = report_keys(ev("a", post_key="x:post:1", raw_handles=("@J0hn_Smith",), text=TEXT),
                       default_policy())  # fmt: skip
    assert keys[0] == "post|x:post:1"
    plain = report_keys(ev("b", raw_handles=("johnsmith",)), default_policy())
    assert plain[0].startswith("acct|x|")
    assert plain[0] in keys  # look-alikes, case, @ and _ folded away
    assert "pre|x|people like you should" in keys
    assert sum(k.startswith("mh|x|") for k in keys) == default_policy().minhash_bands


def test_a_content_merged_from_two_posts_is_found_under_both() -> None:
    policy = default_policy()
    merged = ContentSummary.found("content:a", ev("a", post_key="x:post:1")).absorb(
        ev("b", post_key="x:post:2"), policy.max_texts, policy.max_handles
    )
    keys = content_keys(merged, policy)
    assert keys[:2] == ["post|x:post:1", "post|x:post:2"]


def test_mistyped_handle_still_shares_a_key() -> None:
    policy = default_policy()
    right = set(report_keys(ev("a", raw_handles=("angry_patriot1234",)), policy))
    typo = set(report_keys(ev("b", raw_handles=("@angry_patriiot1234",)), policy))
    assert right & typo


def test_a_block_keeps_only_the_most_recent_contents() -> None:
    policy = dataclasses.replace(default_policy(), max_per_block=3)
    index = BlockIndex(policy)
    for i in range(10):
        index.upsert(ContentSummary.found(f"content:{i}", ev(str(i), raw_handles=("prolific",))))
    found = index.lookup(report_keys(ev("new", raw_handles=("prolific",)), policy))
    assert [c.content_id for c in found] == ["content:7", "content:8", "content:9"]
    assert len(index) == 10


def test_lookup_caps_candidates_and_ranks_by_shared_keys() -> None:
    policy = dataclasses.replace(default_policy(), max_candidates=2)
    index = BlockIndex(policy)
    index.upsert(ContentSummary.found("content:text", ev("t", text=TEXT)))
    index.upsert(ContentSummary.found("content:both", ev("b", text=TEXT, raw_handles=("abc",))))
    index.upsert(ContentSummary.found("content:acct", ev("a", raw_handles=("abc",))))
    found = index.lookup(report_keys(ev("q", text=TEXT, raw_handles=("abc",)), policy))
    assert next(c.content_id for c in found) == "content:both"
    assert len(found) == 2


def test_a_content_listed_already_keeps_its_place_and_a_new_one_goes_first() -> None:
    """As the graph keeps a key's list: joining a listed content again does not move it, so
    the list changes only when a content is listed under the key for the first time."""
    policy = dataclasses.replace(default_policy(), max_per_block=3)
    index = BlockIndex(policy)
    for cid in ("c:1", "c:2", "c:3"):
        index.upsert(ContentSummary.found(cid, ev(cid)), ["k"])
    assert index.listed("k") == ["c:3", "c:2", "c:1"]
    index.upsert(ContentSummary.found("c:1", ev("again")), ["k"])  # joined again
    assert index.listed("k") == ["c:3", "c:2", "c:1"]
    index.upsert(ContentSummary.found("c:4", ev("c:4")), ["k"])
    assert index.listed("k") == ["c:4", "c:3", "c:2"]  # the one listed longest ago goes


def test_a_block_set_from_the_graph_keeps_its_order_and_cap() -> None:
    policy = dataclasses.replace(default_policy(), max_per_block=3)
    index = BlockIndex(policy)
    for cid in ("c:a", "c:b", "c:c", "c:d"):
        index.upsert(ContentSummary.found(cid, ev(cid)), ())
    index.list_under("k", ["c:b", "c:a", "c:c", "c:d"])  # most recent first, one too many
    assert index.listed("k") == ["c:b", "c:a", "c:c"]
    index.upsert(ContentSummary.found("c:d", ev("c:d")), ["k"])
    assert index.listed("k") == ["c:d", "c:b", "c:a"]
    assert index.listed("unknown") == []


def test_candidates_rank_by_shared_keys_then_id() -> None:
    hits = Counter({"c:z": 3, "c:b": 1, "c:a": 1, "c:y": 3})
    assert most_shared(hits, 3) == ["c:y", "c:z", "c:a"]


def test_ranking_is_count_then_id_for_any_hits() -> None:
    rng = random.Random(29)
    for _ in range(200):
        hits = Counter({f"c:{rng.randrange(60)}": rng.randint(1, 6) for _ in range(40)})
        cap = rng.randint(1, 50)
        expected = [cid for cid, _ in sorted(hits.items(), key=lambda i: (-i[1], i[0]))][:cap]
        assert most_shared(hits, cap) == expected
