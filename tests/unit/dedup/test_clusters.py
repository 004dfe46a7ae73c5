"""Judgements, derived clusters, and the analyst operations (all pure, all undoable)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph.dedup.clusters import derive_clusters, merge, split
from graph.dedup.judgements import (
    SYSTEM,
    JudgementLog,
    Verdict,
    confirm,
    judge,
    reject,
    undo,
)
from graph.errors import Conflict, InvalidValue

T0 = datetime(2026, 6, 1, 12, tzinfo=UTC)
ORDER = ["r1", "r2", "r3", "r4", "r5"]
ANALYST = "analyst:jdoe"


def system_same(a: str, b: str, score: float = 0.9, minutes: int = 0):  # type: ignore[no-untyped-def]
    return judge(a, b, Verdict.SAME_CONTENT, score=score, features={"rule": "test"},
                 actor=SYSTEM, at=T0 + timedelta(minutes=minutes), reason="matched")  # fmt: skip


def members(log: JudgementLog) -> set[tuple[str, ...]]:
    return set(derive_clusters(ORDER, log).members.values())


def test_judgement_ids_are_deterministic_and_pairs_ordered() -> None:
    one, two = system_same("r2", "r1"), system_same("r1", "r2")
    assert one.id == two.id
    assert one.pair == ("r1", "r2")
    assert one.id != system_same("r1", "r2", score=0.8).id
    with pytest.raises(InvalidValue):
        system_same("r1", "r1")


def test_clusters_from_system_matches_with_founder_ids() -> None:
    log = JudgementLog().add(system_same("r1", "r2"), system_same("r3", "r2"))
    clusters = derive_clusters(ORDER, log)
    assert clusters.members == {
        "content:r1": ("r1", "r2", "r3"), "content:r4": ("r4",), "content:r5": ("r5",),
    }  # fmt: skip
    assert clusters.content_of["r3"] == "content:r1"


def test_analyst_rejection_beats_system_matches() -> None:
    a, b = system_same("r1", "r2", 0.95), system_same("r2", "r3", 0.9)
    log = JudgementLog().add(a, b)
    log = log.add(reject(log, b.id, ANALYST, T0 + timedelta(hours=1), "different victims"))
    assert members(log) >= {("r1", "r2"), ("r3",)}
    # A system match along another path cannot re-join what the analyst separated: the
    # strongest system match wins r1, and r2 stays apart from r3.
    log = log.add(system_same("r1", "r3", 0.99, minutes=90))
    clusters = derive_clusters(ORDER, log)
    assert clusters.content_of["r2"] != clusters.content_of["r3"]
    assert set(clusters.members.values()) >= {("r1", "r3"), ("r2",)}


def test_confirm_supersedes_the_system_judgement() -> None:
    a = system_same("r1", "r2")
    log = JudgementLog().add(a)
    confirmed = confirm(log, a.id, ANALYST, T0)
    log = log.add(confirmed)
    assert log.get(a.id).superseded_by == confirmed.id
    assert [j.id for j in log.active()] == [confirmed.id]
    assert confirmed.by_analyst
    assert confirmed.verdict is Verdict.SAME_CONTENT
    with pytest.raises(Conflict):
        confirm(log, a.id, ANALYST, T0)


def test_undo_of_reject_restores_the_system_match() -> None:
    a = system_same("r1", "r2")
    log = JudgementLog().add(a)
    rejection = reject(log, a.id, ANALYST, T0, "not the same post")
    log = log.add(rejection)
    assert ("r2",) in members(log)
    log = log.add(*undo(log, rejection.id, ANALYST, T0 + timedelta(hours=1)))
    assert ("r1", "r2") in members(log)
    assert len(log) == 3  # nothing deleted


def test_undo_of_a_first_judgement_leaves_unsure_which_changes_nothing() -> None:
    merged = judge("r1", "r2", Verdict.SAME_CONTENT, score=1.0, features={}, actor=ANALYST,
                   at=T0, reason="same screenshot")  # fmt: skip
    log = JudgementLog().add(merged)
    undone = undo(log, merged.id, ANALYST, T0 + timedelta(minutes=5))
    assert [j.verdict for j in undone] == [Verdict.UNSURE]
    assert members(log.add(*undone)) == {(k,) for k in ORDER}


def test_merge_then_split_restores_previous_clusters_exactly() -> None:
    log = JudgementLog().add(system_same("r1", "r2"), system_same("r3", "r4"))
    before = derive_clusters(ORDER, log)
    merged_j = merge(log, before, "content:r1", "content:r3", actor=ANALYST, at=T0,
                     reason="same post, two links")  # fmt: skip
    log = log.add(merged_j)
    merged = derive_clusters(ORDER, log)
    assert merged.members["content:r1"] == ("r1", "r2", "r3", "r4")
    split_j = split(log, merged, "content:r1", ["r3", "r4"], actor=ANALYST,
                    at=T0 + timedelta(hours=1), reason="two different posts")  # fmt: skip
    assert split_j.supersedes == (merged_j.id,)
    log = log.add(split_j)
    assert derive_clusters(ORDER, log).members == before.members


def test_merge_overrules_an_earlier_rejection_and_undo_brings_it_back() -> None:
    a = system_same("r1", "r2")
    log = JudgementLog().add(a)
    log = log.add(reject(log, a.id, ANALYST, T0, "looked different"))
    clusters = derive_clusters(ORDER, log)
    merged = merge(log, clusters, "content:r1", "content:r2", actor="analyst:other",
                   at=T0 + timedelta(hours=1), reason="same post after all")  # fmt: skip
    log = log.add(merged)
    assert ("r1", "r2") in members(log)
    log = log.add(*undo(log, merged.id, "analyst:other", T0 + timedelta(hours=2)))
    assert ("r2",) in members(log)


def test_split_needs_a_proper_part() -> None:
    log = JudgementLog().add(system_same("r1", "r2"))
    clusters = derive_clusters(ORDER, log)
    with pytest.raises(InvalidValue, match="part"):
        split(log, clusters, "content:r1", ["r1", "r2"], actor=ANALYST, at=T0, reason="x")


def test_conflicting_analyst_judgements_are_reported() -> None:
    no = judge("r1", "r2", Verdict.NOT_SAME, score=1.0, features={}, actor=ANALYST, at=T0,
               reason="no")  # fmt: skip
    yes = judge("r1", "r2", Verdict.SAME_CONTENT, score=1.0, features={}, actor="analyst:b",
                at=T0 + timedelta(minutes=1), reason="yes")  # fmt: skip
    clusters = derive_clusters(ORDER, JudgementLog().add(no, yes))
    assert clusters.conflicts == (yes.id,)
    assert clusters.content_of["r2"] == "content:r2"


def test_edge_properties_are_flat_for_the_graph() -> None:
    props = system_same("r1", "r2").edge_properties()
    assert props["verdict"] == "SAME_CONTENT"
    assert props["actor"] == SYSTEM
    assert props["features"] == '{"rule": "test"}'
    assert all(not isinstance(v, dict) for v in props.values())
