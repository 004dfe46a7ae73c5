"""The order an analyst's decision re-derives clusters in (``graph.dedup.analyst``): founders
first, so a derived cluster has the id its founder gave it, whatever order the reports came."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph.dedup.analyst import derivation_order
from graph.dedup.clusters import derive_clusters
from graph.dedup.judgements import Verdict, judge

T1 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
T2 = T1 + timedelta(hours=1)


def test_a_founder_that_arrived_after_a_member_still_ranks_first_and_names_the_cluster() -> None:
    # 'early' reached the hub before 'late', but the linker linked 'late' first.
    arrivals = [("early", "content:late"), ("late", "content:late"), ("more", "content:late")]
    order = derivation_order(arrivals, {"late": T1})
    assert order == ["late", "early", "more"]
    joins = [
        judge(r, "late", Verdict.SAME_CONTENT, score=0.9, features={}, actor="system", at=T2,
              reason="same post")
        for r in ("early", "more")
    ]  # fmt: skip
    assert dict(derive_clusters(order, joins).members) == {
        "content:late": ("late", "early", "more")
    }


def test_founders_rank_by_when_they_founded_then_former_founders_then_arrivals() -> None:
    arrivals = [
        ("a", "content:b"),  # arrived first, founded nothing
        ("b", "content:b"),  # founded its cluster second
        ("c", "content:c"),  # founded its cluster first
        ("d", "content:c"),  # founded a cluster since merged into c's
        ("e", "content:e"),  # a founder the graph gives no time for
        ("f", "content:b"),
    ]
    founded = {"b": T2, "c": T1, "d": T1 + timedelta(minutes=5), "e": None}
    assert derivation_order(arrivals, founded) == ["c", "b", "e", "d", "a", "f"]


def test_founders_of_one_moment_rank_in_arrival_order() -> None:
    arrivals = [("x", "content:x"), ("y", "content:y"), ("z", "content:x")]
    assert derivation_order(arrivals, {"x": T1, "y": T1}) == ["x", "y", "z"]
    assert derivation_order(arrivals[::-1], {"x": T1, "y": T1}) == ["y", "x", "z"]
