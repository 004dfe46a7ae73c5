"""The labelled account generator is deterministic and has the traps it promises."""

from __future__ import annotations

from collections import Counter

from bench.datagen.accounts import generate_accounts


def test_generator_is_deterministic_and_labelled() -> None:
    a, b = generate_accounts(600, seed=3), generate_accounts(600, seed=3)
    assert a.records == b.records
    assert a.person_of == b.person_of
    assert len(a.records) == 600
    assert set(a.person_of) == {r.key for r in a.records}
    assert len({r.key for r in a.records}) == 600


def test_generator_has_decoys_shared_nats_and_multi_account_persons() -> None:
    data = generate_accounts(3000, seed=5)
    smiths = {data.person_of[r.key] for r in data.records if "John Smith" in r.registered_names}
    assert len(smiths) >= 5
    ips = Counter(s.ip for r in data.records for s in r.ips)
    nat, users = ips.most_common(1)[0]
    assert users > 30
    assert len({data.person_of[r.key] for r in data.records if nat in {s.ip for s in r.ips}}) > 30
    sizes = Counter(data.person_of.values())
    assert max(sizes.values()) >= 4


def test_behaviour_is_evidence_not_proof() -> None:
    """Strangers pile on one victim in one day and repeat slogans; one person's accounts
    often share nothing of the kind."""
    data = generate_accounts(3000, seed=5, hard=True)
    by_victim_day: dict[tuple[str, int], set[str]] = {}
    texts: dict[str, set[str]] = {}
    for r in data.records:
        for p in r.posts:
            if p.victim and p.at:
                by_victim_day.setdefault((p.victim, p.at.toordinal()), set()).add(r.key)
            texts.setdefault(p.text, set()).add(data.person_of[r.key])
    pile_ons = [ks for ks in by_victim_day.values() if len({data.person_of[k] for k in ks}) > 5]
    assert pile_ons
    assert max(len(people) for people in texts.values()) > 20  # a slogan
    with_posts = Counter(data.person_of[r.key] for r in data.records if r.posts)
    without = Counter(data.person_of[r.key] for r in data.records if not r.posts)
    assert set(with_posts) & set(without)  # a person with one account seen posting, one not
