"""Persons derived from judgements: rejections win, analysts outrank the system, undo
restores, re-runs are idempotent, ids are deterministic."""

from __future__ import annotations

from datetime import timedelta

import pytest

from graph.errors import Conflict, InvalidValue
from graph.identity.judgements import (
    SYSTEM,
    JudgementLog,
    Verdict,
    analyst_judgement,
    judge,
    undo,
)
from graph.identity.linker import link_accounts
from graph.identity.persons import derive_persons
from tests.unit.identity._factory import T0, acct, filler

LATER = T0 + timedelta(days=1)


def _sys(a: str, b: str, score: float = 0.999, verdict: Verdict = Verdict.SAME_PERSON):  # type: ignore[no-untyped-def]
    return judge(a, b, verdict, score=score, evidence={}, actor=SYSTEM, at=T0, reason="test")


def test_components_and_deterministic_ids() -> None:
    log = JudgementLog().add(_sys("c", "b"), _sys("b", "a"), _sys("x", "y"))
    persons = derive_persons(["a", "b", "c", "x", "y", "z"], log)
    assert persons.members == {
        "person:a": ("a", "b", "c"),
        "person:x": ("x", "y"),
        "person:z": ("z",),
    }
    reordered = JudgementLog().add(_sys("x", "y"), _sys("b", "a"), _sys("c", "b"))
    assert derive_persons(["z", "y", "x", "c", "b", "a"], reordered).members == persons.members


def test_unsure_does_not_link() -> None:
    log = JudgementLog().add(_sys("a", "b", 0.8, Verdict.UNSURE))
    assert len(derive_persons(["a", "b"], log).members) == 2


def test_rejection_respected_when_a_later_strong_match_arrives() -> None:
    a = acct("x|wolfking77")
    b = acct("instagram|nightraven")
    first = link_accounts([a, b, *filler(20)], at=T0)
    assert first.persons.person_of[a.key] != first.persons.person_of[b.key]
    rejected = first.log.add(
        analyst_judgement(
            first.log,
            a.key,
            b.key,
            Verdict.NOT_SAME_PERSON,
            actor="analyst:7",
            at=T0,
            reason="different people (interviewed both)",
        )
    )
    # later disclosures: the two accounts now share an email
    a2 = acct("x|wolfking77", emails=("kay@example.org",))
    b2 = acct("instagram|nightraven", emails=("kay@example.org",))
    second = link_accounts([a2, b2, *filler(20)], rejected, at=LATER)
    assert second.added == ()  # the system does not re-judge a pair an analyst has judged
    assert second.persons.person_of[a.key] != second.persons.person_of[b.key]


def test_rejection_wins_over_a_transitive_chain_of_system_links() -> None:
    log = JudgementLog().add(_sys("a", "c", 0.999), _sys("c", "b", 0.995))
    log = log.add(
        analyst_judgement(
            log, "a", "b", Verdict.NOT_SAME_PERSON, actor="analyst:1", at=LATER, reason="checked"
        )
    )
    persons = derive_persons(["a", "b", "c"], log)
    assert persons.person_of["a"] != persons.person_of["b"]
    assert persons.person_of["a"] == persons.person_of["c"]  # the stronger link survives
    assert len(persons.blocked) == 1


def test_analyst_link_outranks_system_rejection_and_conflicts_are_reported() -> None:
    log = JudgementLog().add(_sys("a", "b", 1.0, Verdict.NOT_SAME_PERSON))
    log = log.add(
        analyst_judgement(log, "a", "c", Verdict.NOT_SAME_PERSON, actor="an:1", at=T0, reason="no")
    )
    log = log.add(
        analyst_judgement(log, "a", "b", Verdict.SAME_PERSON, actor="an:2", at=LATER, reason="yes")
    )
    log = log.add(
        analyst_judgement(
            log, "b", "c", Verdict.SAME_PERSON, actor="an:3", at=LATER, reason="contradicts an:1"
        )
    )
    persons = derive_persons(["a", "b", "c"], log)
    assert persons.person_of["a"] == persons.person_of["b"] != persons.person_of["c"]
    assert len(persons.conflicts) == 1


def test_unlink_restores_previous_persons_exactly() -> None:
    log = JudgementLog().add(_sys("a", "b"), _sys("c", "d"))
    before = derive_persons("abcd", log)
    link = analyst_judgement(log, "b", "c", Verdict.SAME_PERSON, actor="an:1", at=T0, reason="r")
    linked = log.add(link)
    assert len(derive_persons("abcd", linked).members) == 1
    restored = linked.add(*undo(linked, link.id, actor="an:1", at=LATER))
    assert derive_persons("abcd", restored).members == before.members


def test_undoing_a_rejection_restores_the_system_link() -> None:
    log = JudgementLog().add(_sys("a", "b"))
    before = derive_persons("ab", log)
    rej = analyst_judgement(log, "a", "b", Verdict.NOT_SAME_PERSON, actor="an:1", at=T0, reason="r")
    log = log.add(rej)
    assert len(derive_persons("ab", log).members) == 2
    log = log.add(*undo(log, rej.id, actor="an:1", at=LATER))
    assert derive_persons("ab", log).members == before.members
    assert [j.actor for j in log.active()] == [SYSTEM]


def test_rerun_is_idempotent() -> None:
    records = [
        acct("x|wolfking77", emails=("kay@example.org",)),
        acct("instagram|wolf.king.77", emails=("kay@example.org",)),
        acct("tiktok|jsmith88", links=("x|wolfking77",)),
        *filler(30),
    ]
    first = link_accounts(records, at=T0)
    assert first.added
    second = link_accounts(records, first.log, at=LATER)
    assert second.added == ()
    assert second.log == first.log
    assert second.persons == first.persons


def test_judgement_validation_and_log_rules() -> None:
    with pytest.raises(InvalidValue, match="itself"):
        _sys("a", "a")
    with pytest.raises(InvalidValue, match="timezone"):
        judge(
            "a",
            "b",
            Verdict.SAME_PERSON,
            score=1,
            evidence={},
            actor="x",
            at=T0.replace(tzinfo=None),
            reason="",
        )
    with pytest.raises(InvalidValue, match="analyst"):
        analyst_judgement(
            JudgementLog(), "a", "b", Verdict.SAME_PERSON, actor=SYSTEM, at=T0, reason=""
        )
    j = _sys("a", "b")
    log = JudgementLog().add(j)
    with pytest.raises(Conflict):
        log.add(j)
    log = log.add(*undo(log, j.id, actor="an:1", at=LATER))
    with pytest.raises(Conflict, match="superseded"):
        undo(log, j.id, actor="an:1", at=LATER)


def test_edge_properties_carry_score_evidence_actor_time() -> None:
    run = link_accounts([acct("x|a1", emails=("e@x",)), acct("x|b2", emails=("e@x",))], at=T0)
    props = run.added[0].edge_properties()
    assert props["verdict"] == "SAME_PERSON"
    assert props["actor"] == SYSTEM
    assert '"email"' in str(props["evidence"])
    assert props["at"] == T0.isoformat()
