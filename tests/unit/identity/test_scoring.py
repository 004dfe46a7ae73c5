"""The key promises: a shared email links with the email as evidence; namesakes stay apart;
a shared IP never links by itself; scores are calibrated sums that can be redone by hand."""

from __future__ import annotations

import math

import pytest

from graph.identity.features import account_frequencies
from graph.identity.linker import link_accounts
from graph.identity.policy import default_policy
from graph.identity.scoring import Decision, probability_of, score_accounts
from graph.identity.weights import HAND, default_weights
from tests.unit.identity._factory import T0, acct, filler

POLICY = default_policy()


def _score(a, b, population=(), weights=None):  # type: ignore[no-untyped-def]
    records = [a, b, *population]
    return score_accounts(a, b, account_frequencies(records, POLICY), POLICY, weights)


def test_shared_email_links_automatically_with_the_email_as_evidence() -> None:
    a = acct("x|wolfking77", emails=("kay@example.org",))
    b = acct("instagram|nightraven", emails=("kay@example.org",))
    result = link_accounts([a, b, *filler(50)], at=T0)
    assert result.persons.person_of[a.key] == result.persons.person_of[b.key]
    (judgement,) = [j for j in result.added if j.pair == (b.key, a.key)]
    email = [e for e in judgement.evidence["evidence"] if e["feature"] == "email"]  # type: ignore[union-attr]
    assert email
    assert email[0]["left"] == "kay@example.org"
    assert email[0]["weight"] > 0


def test_two_john_smiths_with_unrelated_handles_stay_apart() -> None:
    smiths = [
        acct(f"{p}|{h}", display="John Smith", names=("John Smith",))
        for p, h in (("x", "stormviper"), ("instagram", "gamer.fox"), ("tiktok", "ironhawk9"))
    ]
    others = [acct(f"x|js{i}", display="John Smith", names=("John Smith",)) for i in range(30)]
    result = link_accounts([*smiths, *others, *filler(50)], at=T0)
    assert len({result.persons.person_of[s.key] for s in smiths}) == 3
    assert all(s.decision is Decision.NONE for s in [_score(smiths[0], smiths[1], others)])


def test_a_shared_common_name_weighs_less_than_a_rare_one() -> None:
    common = [acct(f"x|a{i}", names=("John Smith",)) for i in range(40)]
    rare = [
        acct("x|r1", names=("Oluwaseun Fairweather",)),
        acct("x|r2", names=("Oluwaseun Fairweather",)),
    ]
    population = common + rare
    # the policy's frequency rule (the estimate keeps it in bands, and may discount names)
    w_common = _score(common[0], common[1], population[2:], HAND).evidence
    w_rare = _score(rare[0], rare[1], common, HAND).evidence
    name = lambda ev: next(e.weight for e in ev if e.feature == "registered_name")  # noqa: E731
    assert name(w_rare) > name(w_common) + 2


@pytest.mark.parametrize("n_ips", [1, 2, 5])
def test_shared_ips_alone_never_link(n_ips: int) -> None:
    ips = tuple((f"10.0.0.{i}", 1.0) for i in range(n_ips))
    a, b = acct("x|qwerty", ips=ips), acct("tiktok|zxcvb", ips=ips)
    assert _score(a, b, filler(100)).decision is not Decision.LINK


def test_an_ip_used_by_thousands_is_worth_nothing() -> None:
    nat = [acct(f"x|student{i}", ips=(("203.0.113.1", 2.0),)) for i in range(2000)]
    (ip,) = [e for e in _score(nat[0], nat[1], nat[2:]).evidence if e.feature == "ip"]
    assert ip.weight == 0.0
    assert "2000 accounts" in ip.note


def test_ip_seen_far_apart_weighs_less_than_within_the_window() -> None:
    near = _score(acct("x|aa1", ips=(("10.1.1.1", 0),)), acct("x|bb2", ips=(("10.1.1.1", 5),)))
    far = _score(acct("x|aa1", ips=(("10.1.1.1", 0),)), acct("x|bb2", ips=(("10.1.1.1", 900),)))
    ip_near = next(e for e in near.evidence if e.feature == "ip")
    ip_far = next(e for e in far.evidence if e.feature == "ip")
    assert ip_near.level == "same_window"
    assert ip_far.level == "outside_window"
    assert ip_far.weight < ip_near.weight


def test_profile_link_plus_similar_handle_links_but_alone_only_reviews() -> None:
    a = acct("x|jsmith88", links=("instagram|j.smith.88",))
    b = acct("instagram|j.smith.88")
    c = acct("tiktok|qqzzyy", links=("x|jsmith88",))
    assert _score(a, b, filler(30)).decision is Decision.LINK
    assert _score(a, c, filler(30)).decision is Decision.REVIEW


def test_score_is_prior_plus_sum_of_weights() -> None:
    a = acct("x|jsmith88", display="John Smith", emails=("j@x.org",))
    b = acct("instagram|j.smith.88", display="John Smith", emails=("j@x.org",))
    s = _score(a, b, filler(20))
    prior = default_weights().prior()
    assert prior is not None
    assert s.bits == pytest.approx(prior + sum(e.weight for e in s.evidence))
    assert s.probability == pytest.approx(1 / (1 + 2**-s.bits))
    assert s.explanation()["evidence"]
    hand = _score(a, b, filler(20), HAND)
    assert hand.bits == pytest.approx(POLICY.prior_log2_odds + sum(e.weight for e in hand.evidence))


@pytest.mark.parametrize(("bits", "p"), [(0.0, 0.5), (1.0, 2 / 3), (-1.0, 1 / 3), (2000.0, 1.0)])
def test_probability_of_bits(bits: float, p: float) -> None:
    assert math.isclose(probability_of(bits), p, rel_tol=1e-9)
