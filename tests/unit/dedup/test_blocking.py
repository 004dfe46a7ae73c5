"""Blocking keys and the capped in-memory index."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from datetime import UTC, datetime

from graph.dedup.blocking import BlockIndex, candidates_in_graph, most_shared, report_keys
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


def test_the_graph_path_fetches_exactly_what_each_report_could_be_offered() -> None:
    """``candidates_in_graph`` picks, per report, the clusters an index holding every cluster
    under those keys would offer: so fetching only those summaries changes no lookup."""
    policy = dataclasses.replace(default_policy(), max_candidates=2)
    ids_of_key = {"k1": ["c:a", "c:b", "c:c"], "k2": ["c:b", "c:c", "c:d"], "k3": ["c:e"]}
    reports = [["k1", "k2"], ["k3", "k9"], ["k2"]]
    index = BlockIndex(policy)
    for cid in ("c:a", "c:b", "c:c", "c:d", "c:e"):
        keys = [key for key, ids in ids_of_key.items() if cid in ids]
        index.upsert(ContentSummary.found(cid, ev(cid)), keys)
    offered = {c.content_id for keys in reports for c in index.lookup(keys)}
    assert candidates_in_graph(reports, ids_of_key, policy.max_candidates) == offered
    assert offered == {"c:b", "c:c", "c:e"}  # c:a and c:d share one key, c:b and c:c two


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
