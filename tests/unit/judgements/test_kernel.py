"""The judgement kernel without a database: records and their log, the verdict rules
(analysts first, undo and supersession), constrained clustering, and the per-kind table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph.cypher import load_query
from graph.errors import Conflict, InvalidValue, NotFound
from graph.judgements.clustering import ConstrainedUnionFind, cluster
from graph.judgements.kinds import (
    CONTENT_VERDICTS,
    KINDS,
    PERSON_VERDICTS,
    ContentVerdict,
    PersonVerdict,
)
from graph.judgements.records import SYSTEM, Judgement, JudgementLog, judge
from graph.judgements.rules import on_pair, overrule, undo

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
T1 = T0 + timedelta(hours=1)
T2 = T0 + timedelta(hours=2)
SAME, NOT_SAME = PersonVerdict.SAME_PERSON, PersonVerdict.NOT_SAME_PERSON


def system(
    a: str, b: str, score: float = 0.9, verdict: PersonVerdict = SAME
) -> Judgement[PersonVerdict]:
    return judge(PERSON_VERDICTS, a, b, verdict, score=score, evidence={"rule": "t"},
                 actor=SYSTEM, at=T0, reason="test")  # fmt: skip


def analyst(
    log: JudgementLog[PersonVerdict], a: str, b: str, verdict: PersonVerdict, at: datetime = T1
) -> Judgement[PersonVerdict]:
    return on_pair(PERSON_VERDICTS, log, a, b, verdict, actor="an:1", at=at, reason="checked")


def groups(log: JudgementLog[PersonVerdict], order: str = "abcd") -> set[tuple[str, ...]]:
    return set(cluster(PERSON_VERDICTS, list(order), log).groups)


# --- records and the log ---------------------------------------------------------------------


def test_ids_are_deterministic_ordered_and_prefixed_by_family() -> None:
    one = system("b", "a")
    assert one == system("a", "b")
    assert (one.left, one.right) == ("a", "b")
    assert one.id.startswith("ij:")
    content = judge(CONTENT_VERDICTS, "a", "b", ContentVerdict.SAME_CONTENT, score=0.9,
                    evidence={}, actor=SYSTEM, at=T0, reason="test")  # fmt: skip
    assert content.id.startswith("j:")
    assert one.id != system("a", "b", score=0.8).id


def test_edge_properties_store_evidence_under_the_familys_name_and_time_as_iso() -> None:
    person = system("a", "b").edge_properties()
    rejected = judge(CONTENT_VERDICTS, "a", "b", ContentVerdict.NOT_SAME, score=1.0,
                     evidence={"x": 1}, actor="an:1", at=T0, reason="no")  # fmt: skip
    content = rejected.edge_properties()
    assert person["evidence"] == '{"rule": "t"}'
    assert "features" not in person
    assert content["features"] == '{"x": 1}'
    assert "evidence" not in content
    assert person["at"] == content["at"] == T0.isoformat()


def test_bad_judgements_are_refused_naming_the_field() -> None:
    with pytest.raises(InvalidValue, match="itself"):
        system("a", "a")
    with pytest.raises(InvalidValue, match="score"):
        system("a", "b", score=1.5)
    with pytest.raises(InvalidValue, match="timezone"):
        judge(PERSON_VERDICTS, "a", "b", SAME, score=1, evidence={}, actor="x",
              at=T0.replace(tzinfo=None), reason="")  # fmt: skip
    with pytest.raises(InvalidValue, match="actor"):
        judge(PERSON_VERDICTS, "a", "b", SAME, score=1, evidence={}, actor=" ", at=T0, reason="")


def test_the_log_supersedes_and_never_deletes() -> None:
    first = system("a", "b")
    log = JudgementLog[PersonVerdict]().add(first)
    second = analyst(log, "a", "b", NOT_SAME)
    log = log.add(second)
    assert len(log) == 2
    assert log.get(first.id).superseded_by == second.id
    assert log.active() == [second]
    assert log.active_on("b", "a") == [second]
    with pytest.raises(Conflict, match="already in the log"):
        log.add(second)
    with pytest.raises(Conflict, match="already superseded"):
        log.add(judge(PERSON_VERDICTS, "a", "b", SAME, score=1, evidence={}, actor="an:2",
                      at=T2, reason="", supersedes=[first.id]))  # fmt: skip
    with pytest.raises(NotFound):
        log.get("ij:nothing")


def test_ordered_sorts_by_time_then_id() -> None:
    late = judge(PERSON_VERDICTS, "c", "d", SAME, score=1, evidence={}, actor="an:1", at=T2,
                 reason="")  # fmt: skip
    early = system("a", "b")
    assert list(JudgementLog((late, early)).ordered()) == [early, late]


# --- verdict rules -----------------------------------------------------------------------------


def test_an_analysts_verdict_supersedes_every_active_judgement_on_the_pair() -> None:
    log = JudgementLog[PersonVerdict]().add(system("a", "b"), system("c", "d"))
    decided = analyst(log, "b", "a", NOT_SAME)
    assert decided.supersedes == (system("a", "b").id,)
    assert decided.score == 1.0
    with pytest.raises(InvalidValue, match="analyst"):
        on_pair(PERSON_VERDICTS, log, "a", "b", SAME, actor=SYSTEM, at=T1, reason="")


def test_overrule_keeps_the_evidence_and_names_what_it_overruled() -> None:
    old = system("a", "b")
    log = JudgementLog[PersonVerdict]().add(old)
    new = overrule(log, old.id, NOT_SAME, actor="an:1", at=T1, reason="no", mark="rejects")
    assert new.evidence == {"rule": "t", "rejects": old.id}
    assert new.supersedes == (old.id,)
    log = log.add(new)
    with pytest.raises(Conflict, match="superseded"):
        overrule(log, old.id, SAME, actor="an:1", at=T2, reason="", mark="confirms")


def test_undo_of_a_first_judgement_leaves_unsure() -> None:
    first = analyst(JudgementLog(), "a", "b", SAME)
    log = JudgementLog[PersonVerdict]().add(first)
    (unsure,) = undo(log, first.id, actor="an:2", at=T2)
    assert unsure.verdict is PersonVerdict.UNSURE
    assert unsure.supersedes == (first.id,)
    assert groups(log.add(unsure)) == {("a",), ("b",), ("c",), ("d",)}


def test_undo_restores_what_was_superseded_on_the_pair_and_on_other_pairs() -> None:
    log = JudgementLog[PersonVerdict]().add(system("a", "b"), system("c", "d", 0.8, NOT_SAME))
    before = groups(log)
    # A merge-like judgement: overrules the pair's link and a rejection between other members.
    merge = judge(PERSON_VERDICTS, "a", "b", NOT_SAME, score=1.0, evidence={}, actor="an:1",
                  at=T1, reason="x", supersedes=[j.id for j in log.active()])  # fmt: skip
    log = log.add(merge)
    restored = undo(log, merge.id, actor="an:2", at=T2)
    assert [(j.pair, j.verdict, j.actor) for j in restored] == [
        (("a", "b"), SAME, SYSTEM),
        (("c", "d"), NOT_SAME, SYSTEM),
    ]
    assert restored[0].supersedes == (merge.id,)
    assert restored[1].supersedes == ()
    assert groups(log.add(*restored)) == before


# --- constrained clustering --------------------------------------------------------------------


def test_union_find_refuses_to_cross_a_constraint_and_roots_at_the_first_ranked() -> None:
    uf = ConstrainedUnionFind({"a": 0, "b": 1, "c": 2})
    assert uf.forbid("a", "c")
    assert uf.union("c", "b")
    assert uf.find("c") == "b"
    assert not uf.union("a", "b")  # b's cluster holds c, which a cannot join
    assert not uf.forbid("b", "c")  # already together


def test_an_analysts_rejection_always_wins_over_system_links() -> None:
    log = JudgementLog[PersonVerdict]().add(system("a", "b", 0.99), system("b", "c", 0.95))
    log = log.add(analyst(log, "a", "c", NOT_SAME))
    found = cluster(PERSON_VERDICTS, list("abc"), log)
    assert set(found.groups) == {("a", "b"), ("c",)}  # the weaker system link is dropped
    assert found.blocked == (system("b", "c", 0.95).id,)


def test_analysts_links_join_before_system_rejections_and_conflicts_are_reported() -> None:
    log = JudgementLog[PersonVerdict]().add(system("a", "b", 1.0, NOT_SAME))
    log = log.add(analyst(log, "a", "c", NOT_SAME, at=T0))
    log = log.add(analyst(log, "a", "b", SAME))
    contradicting = analyst(log, "b", "c", SAME, at=T2)
    log = log.add(contradicting)
    found = cluster(PERSON_VERDICTS, list("abc"), log)
    assert set(found.groups) == {("a", "b"), ("c",)}
    assert found.conflicts == (contradicting.id,)


def test_groups_follow_the_order_given_and_include_judged_records_not_in_it() -> None:
    log = JudgementLog[PersonVerdict]().add(system("b", "a"), system("x", "c"))
    assert cluster(PERSON_VERDICTS, ["b", "a", "c"], log).groups == (("b", "a"), ("c", "x"))


def test_unsure_judgements_do_not_change_clusters() -> None:
    unsure = system("a", "b", 0.5, PersonVerdict.UNSURE)
    assert groups(JudgementLog[PersonVerdict]().add(unsure)) == {("a",), ("b",), ("c",), ("d",)}


# --- the per-kind table ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_names_query_files_with_the_parameters_the_kernel_passes(kind) -> None:  # type: ignore[no-untyped-def]
    assert set(kind.create) == {kind.verdicts.same, kind.verdicts.not_same, kind.verdicts.unsure}
    for name in kind.create.values():
        assert load_query(name).params == {"rows"}
        assert "datetime(row.props.at)" in load_query(name).text  # one time representation
    assert load_query(kind.supersede).params == {"ids", "by"}
    load_query(kind.judgements)
    if kind.assign is not None:
        assert load_query(kind.assign).params == {"rows"}
