"""Blocking: candidates from shared keys, never all pairs, and the supernode cap."""

from __future__ import annotations

from dataclasses import replace

from graph.identity.blocking import account_keys, block, block_accounts
from graph.identity.linker import link_accounts
from graph.identity.policy import default_policy
from tests.unit.identity._factory import T0, acct

POLICY = default_policy()
NAT = "203.0.113.9"


def test_supernode_ip_is_not_expanded_and_is_reported() -> None:
    students = [acct(f"x|student{i:04d}zz", ips=((NAT, 1.0),)) for i in range(3000)]
    result = block_accounts(students, POLICY)
    assert result.oversized[f"ip|{NAT}"] == 3000
    assert result.pairs == ()  # not 4.5 million comparisons
    assert all(size > POLICY.max_block_size for size in result.oversized.values())


def test_pairs_behind_a_supernode_are_still_found_through_rarer_keys() -> None:
    students = [acct(f"x|student{i:04d}zz", ips=((NAT, 1.0),)) for i in range(500)]
    a = acct("x|wolfking77", emails=("kay@example.org",), ips=((NAT, 1.0),))
    b = acct("reddit|nightraven", emails=("kay@example.org",), ips=((NAT, 2.0),))
    pairs = block_accounts([*students, a, b], POLICY).pairs
    assert (b.key, a.key) in pairs


def test_a_nat_full_of_students_links_nobody() -> None:
    students = [acct(f"x|s{i:03d}{chr(97 + i % 26)}", ips=((NAT, 1.0),)) for i in range(80)]
    result = link_accounts(students, at=T0)
    assert len(result.persons.members) == 80


def test_block_cap_boundary() -> None:
    keys = {f"r{i}": ["k"] for i in range(POLICY.max_block_size)}
    assert len(block(keys, POLICY.max_block_size).pairs) == 50 * 49 // 2
    keys["extra"] = ["k"]
    over = block(keys, POLICY.max_block_size)
    assert over.pairs == ()
    assert over.oversized == {"k": POLICY.max_block_size + 1}


def test_profile_links_give_pairs_directly() -> None:
    a, b = acct("x|aaa111", links=("tiktok|zzz999",)), acct("tiktok|zzz999")
    assert block_accounts([a, b], POLICY).pairs == ((b.key, a.key),)


def test_handle_variants_share_a_key() -> None:
    keys = [
        set(account_keys(acct(k), POLICY))
        for k in ("x|jsmith88", "instagram|j.smith.88", "tiktok|johnsmith88")
    ]
    assert keys[0] & keys[1]
    assert keys[0] & keys[2]


def test_linking_only_the_accounts_touched_scores_their_pairs_as_a_whole_run_does() -> None:
    accounts = [
        acct("x|jsmith88", emails=("js@example.org",)),
        acct("instagram|j.smith.88", emails=("js@example.org",)),
        acct("tiktok|wolfking", emails=("wk@example.org",)),
        acct("reddit|wolf.king", emails=("wk@example.org",)),
    ]
    whole = link_accounts(accounts, at=T0)
    touched = link_accounts(accounts, at=T0, touching={"x|jsmith88"})
    assert {s.pair for s in touched.scores} == {
        s.pair for s in whole.scores if "x|jsmith88" in s.pair
    }
    assert {(s.pair, s.probability) for s in touched.scores} <= {
        (s.pair, s.probability) for s in whole.scores
    }
    assert (
        touched.persons.person_of["x|jsmith88"] == touched.persons.person_of["instagram|j.smith.88"]
    )
    assert (
        touched.persons.person_of["tiktok|wolfking"]
        != touched.persons.person_of["reddit|wolf.king"]
    )  # not touched: left for the batch job


def test_a_handle_one_typo_from_another_shares_a_key() -> None:
    # no shared skeleton, ends or initial key: only the one-letter-deleted forms meet
    left, right = acct("facebook|peterrobinson"), acct("tiktok|peter_robinsn")
    shared = set(account_keys(left, POLICY)) & set(account_keys(right, POLICY))
    assert shared
    assert all(k.startswith(("hd|", "hp|")) for k in shared)
    assert any(k.startswith("hd|") for k in shared)


def test_accounts_reported_together_or_after_one_victim_weeks_apart_are_candidates() -> None:
    together = [
        replace(acct("x|aaa111"), incidents=frozenset({"incident:7"})),
        replace(acct("tiktok|zzz999"), incidents=frozenset({"incident:7"})),
    ]
    assert block_accounts(together, POLICY).pairs == (("tiktok|zzz999", "x|aaa111"),)
    victim = [acct("x|aaa111", victims=("victim:3",)), acct("tiktok|zzz999", victims=("victim:3",))]
    assert block_accounts(victim, POLICY).pairs == (("tiktok|zzz999", "x|aaa111"),)
    assert block_accounts(victim, POLICY, behaviour=False).pairs == ()
