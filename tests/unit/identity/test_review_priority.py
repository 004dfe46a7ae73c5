"""Review items are ordered by what an analyst's decision is worth."""

from __future__ import annotations

import pytest

from graph.identity.judgements import SYSTEM, Verdict, judge
from graph.identity.persons import derive_persons
from graph.identity.review_priority import priority, review_priorities
from tests.unit.identity._factory import T0


def test_a_likely_pair_joining_big_groups_comes_first() -> None:
    assert priority(0.9, 3, 2) > priority(0.9, 1, 1) > priority(0.2, 1, 1)
    assert priority(0.5, 2, 2) == pytest.approx(2.0)
    with pytest.raises(ValueError, match="probability"):
        priority(1.5, 1, 1)


def test_priorities_use_the_persons_after_the_run() -> None:
    link = judge(
        "x|a", "x|b", Verdict.SAME_PERSON, score=1.0, evidence={}, actor=SYSTEM, at=T0, reason=""
    )
    unsure = judge(
        "x|b", "x|c", Verdict.UNSURE, score=0.5, evidence={}, actor=SYSTEM, at=T0, reason=""
    )
    persons = derive_persons(["x|a", "x|b", "x|c"], [link, unsure])
    (item,) = review_priorities([link, unsure], persons)
    assert (item.id, item.priority) == (unsure.id, pytest.approx(0.5 * 2 * 1))
