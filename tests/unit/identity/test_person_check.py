"""Person-level evidence against an automatic link (graph/identity/person_check.py)."""

from __future__ import annotations

import pytest

from graph.identity.person_check import PERSON_CHECK, check_links, hold
from graph.identity.scoring import Decision, PairScore

VETO = 0.01


def score(a: str, b: str, p: float, decision: Decision) -> PairScore:
    left, right = sorted((a, b))
    return PairScore(left, right, 0.0, p, decision, ())


def link(a: str, b: str, p: float = 0.99) -> PairScore:
    return score(a, b, p, Decision.LINK)


def test_a_link_the_other_pairs_across_the_persons_speak_against_is_held_for_review() -> None:
    # a1-a2 is one person (strongest link first); b joins a2 strongly, but a1-b scores 0.001
    scores = [
        link("a1", "a2", 0.999),
        link("a2", "b", 0.98),
        score("a1", "b", 0.001, Decision.NONE),
    ]
    checked = check_links(scores, VETO)
    assert [(h.link, h.against) for h in checked.held] == [(("a2", "b"), ("a1", "b"))]
    out = {s.pair: s for s in hold(scores, checked)}
    held = out[("a2", "b")]
    assert held.decision is Decision.REVIEW
    item = held.evidence[-1]
    assert (item.feature, item.left, item.right, item.weight) == (PERSON_CHECK, "a1", "b", 0.0)
    assert "p=0.0010" in item.note
    assert out[("a1", "a2")].decision is Decision.LINK


def test_a_link_with_no_pair_against_it_joins_the_persons() -> None:
    scores = [link("a1", "a2", 0.999), link("a2", "b", 0.98), score("a1", "b", 0.2, Decision.NONE)]
    checked = check_links(scores, VETO)
    assert checked.held == ()
    assert [s.decision for s in hold(scores, checked)] == [s.decision for s in scores]


def test_a_zero_veto_holds_nothing() -> None:
    scores = [link("a1", "a2", 0.999), link("a2", "b", 0.98), score("a1", "b", 0.0, Decision.NONE)]
    assert check_links(scores, 0.0).held == ()


def test_analysts_links_make_the_persons_the_check_starts_from() -> None:
    # a1-a2 is joined only by an analyst; a2-b would join b to a1, which scores 0.001
    scores = [link("a2", "b", 0.98), score("a1", "b", 0.001, Decision.NONE)]
    assert check_links(scores, VETO).held == ()
    held = check_links(scores, VETO, joined=[("a1", "a2")]).held
    assert [h.link for h in held] == [("a2", "b")]


def test_a_held_link_joins_nothing_so_later_links_see_the_persons_as_they_are() -> None:
    # a2-b is held; b-c then joins two lone accounts and is kept
    scores = [
        link("a1", "a2", 0.999),
        link("a2", "b", 0.98),
        score("a1", "b", 0.001, Decision.NONE),
        link("b", "c", 0.97),
    ]
    checked = check_links(scores, VETO)
    assert [h.link for h in checked.held] == [("a2", "b")]


def test_a_review_pair_the_links_already_make_one_person_leaves_the_queue() -> None:
    scores = [link("a", "b"), link("b", "c"), score("a", "c", 0.3, Decision.REVIEW)]
    checked = check_links(scores, VETO)
    assert checked.joined == {("a", "c")}
    out = {s.pair: s.decision for s in hold(scores, checked)}
    assert out[("a", "c")] is Decision.NONE


def test_a_review_pair_across_two_persons_stays_in_the_queue() -> None:
    scores = [link("a", "b"), score("b", "c", 0.3, Decision.REVIEW)]
    checked = check_links(scores, VETO)
    assert checked.joined == frozenset()
    assert {s.pair: s.decision for s in hold(scores, checked)}[("b", "c")] is Decision.REVIEW


@pytest.mark.parametrize("veto", [-0.1, 1.0])
def test_a_veto_outside_zero_to_one_is_refused_naming_the_setting(veto: float) -> None:
    with pytest.raises(ValueError, match="person_veto"):
        check_links([], veto)
