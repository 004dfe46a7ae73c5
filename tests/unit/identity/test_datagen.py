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
