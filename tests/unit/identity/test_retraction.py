"""Withdrawing a disclosure: which judgements are retracted and which flagged for review."""

from __future__ import annotations

from graph.identity.judgements import (
    SYSTEM,
    Judgement,
    JudgementLog,
    Verdict,
    analyst_judgement,
    judge,
)
from graph.identity.retraction import WithdrawnValues, plan_retraction, used_withdrawn
from tests.unit.identity._factory import T0

A, B, C = "instagram|j.smith.88", "x|jsmith88", "tiktok|johnsmith88"


def _system(left: str, right: str, feature: str, lv: str, rv: str, when: int = 0) -> Judgement:
    evidence = {
        "bits": 20.0, "probability": 0.99,
        "evidence": [{"feature": feature, "left": lv, "right": rv, "level": "x", "weight": 20.0}],
    }  # fmt: skip
    return judge(
        left, right, Verdict.SAME_PERSON, score=0.99, evidence=evidence, actor=SYSTEM,
        at=T0.replace(minute=when), reason="system link",
    )  # fmt: skip


EMAIL = WithdrawnValues(account=B, emails=frozenset({"j.smith88@example.com"}))


def test_system_judgements_using_a_withdrawn_value_are_retracted() -> None:
    by_email = _system(A, B, "email", "j.smith88@example.com", "j.smith88@example.com")
    by_phone = _system(A, B, "phone", "+447400123456", "+447400123456", when=1)
    elsewhere = _system(A, C, "email", "j.smith88@example.com", "j.smith88@example.com", 2)
    log = JudgementLog((by_email, by_phone, elsewhere))
    plan = plan_retraction(log, [EMAIL])
    assert [j.id for j in plan.retract] == [by_email.id]
    assert plan.review == ()


def test_a_registered_name_counts_only_on_the_withdrawn_accounts_side() -> None:
    judgement = _system(A, B, "registered_name", "John Smith", "Jon Smith")
    name = WithdrawnValues(account=B, names=frozenset({"Jon Smith"}))
    assert used_withdrawn(judgement, name)
    other_side = WithdrawnValues(account=B, names=frozenset({"John Smith"}))
    assert not used_withdrawn(judgement, other_side)


def test_analysts_judgements_on_a_touched_pair_are_kept_for_review() -> None:
    system = _system(A, B, "email", "j.smith88@example.com", "j.smith88@example.com")
    log = JudgementLog((system,))
    confirmed = analyst_judgement(
        log, A, B, Verdict.SAME_PERSON, actor="DS Khan", at=T0.replace(hour=13), reason="OPO"
    )
    log = log.add(confirmed)
    plan = plan_retraction(log, [EMAIL])
    assert plan.retract == ()  # the system judgement is already superseded
    assert [j.id for j in plan.review] == [confirmed.id]
    assert plan_retraction(log, [WithdrawnValues(account=B)]) == plan_retraction(log, [])
