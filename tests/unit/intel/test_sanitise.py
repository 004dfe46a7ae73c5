from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.intel.models import IntelItem
from graph.intel.sanitise import default_policy, sanitise, sanitise_all
from tests.unit.intel.builders import ItemFactory, item_data


def ids(item: IntelItem) -> set[str]:
    return {e.id for e in item.entities}


# purpose -> is the victim (with their account and address) kept?
PURPOSES = [
    ("subject_identification", False),
    ("pattern_analysis", False),
    ("safeguarding", True),
    ("threat_to_life", True),
]


@pytest.mark.parametrize(("purpose", "victim_kept"), PURPOSES)
def test_victims_are_removed_unless_the_purpose_needs_them(
    make_item: ItemFactory, purpose: str, victim_kept: bool
) -> None:
    result = sanitise(make_item(1, purpose=purpose))
    assert ({"v1", "va1", "l1"} <= ids(result.item)) is victim_kept
    assert {"s1", "sa1", "u1", "e1"} <= ids(result.item)  # the subject side always stays


def test_removals_say_what_and_why(make_item: ItemFactory) -> None:
    result = sanitise(make_item(1))
    why = {(r.kind, r.ref): r.reason for r in result.removed}
    assert why == {
        ("person", "v1"): "person is a victim; purpose subject_identification does not need "
        "their data",
        ("object", "va1"): "personal data of removed person v1",
        ("location", "l1"): "personal data of removed person v1",
        ("relationship", "v1 USES va1"): "links a removed entity",
        ("relationship", "v1 RESIDES_AT l1"): "links a removed entity",
        ("relationship", "sa1 TARGETED va1"): "links a removed entity",
    }
    kept = {(r.source_id, r.type, r.target_id) for r in result.item.relationships}
    assert kept == {("s1", "USES", "sa1"), ("sa1", "POSTED", "u1"), ("s1", "INVOLVED_IN", "e1")}


def with_person(categories: list[str], purpose: str = "pattern_analysis") -> dict[str, Any]:
    data = item_data(1, purpose=purpose)
    data["entities"].append(
        {"kind": "person", "id": "r1", "full_name": "Rae Porter", "categories": categories}
    )
    return data


CATEGORIES = [
    (["reporter"], "pattern_analysis", False),
    (["reporter"], "safeguarding", False),  # safeguarding needs victims, not reporters
    (["reporter"], "threat_to_life", True),
    (["witness"], "pattern_analysis", True),  # not a protected category
    (["victim", "suspect"], "pattern_analysis", True),  # a subject in their own right
    (["reporter", "convicted"], "pattern_analysis", True),
    (["victim", "witness"], "pattern_analysis", False),
]


@pytest.mark.parametrize(("categories", "purpose", "kept"), CATEGORIES)
def test_protected_categories_table(categories: list[str], purpose: str, kept: bool) -> None:
    result = sanitise(IntelItem.parse(with_person(categories, purpose)))
    assert ("r1" in ids(result.item)) is kept


def test_an_account_shared_with_a_kept_person_stays() -> None:
    data = item_data(1)
    data["relationships"].append({"source_id": "s1", "type": "USES", "target_id": "va1"})
    result = sanitise(IntelItem.parse(data))
    assert "va1" in ids(result.item)
    assert "v1" not in ids(result.item)


def test_nothing_to_remove_returns_the_item_unchanged(make_item: ItemFactory) -> None:
    item = make_item(1, purpose="safeguarding")
    result = sanitise(item)
    assert result.item is item
    assert result.removed == ()


def test_the_shipped_policy_covers_every_purpose_and_says_it_is_unverified() -> None:
    policy = default_policy()
    assert "UNVERIFIED" in policy.status
    assert {c.value for c in policy.protected} == {"victim", "reporter"}


def test_sanitise_all_is_lazy(make_item: ItemFactory) -> None:
    def source() -> Iterator[IntelItem]:
        yield make_item(1)
        raise AssertionError("pulled more than asked for")

    first = next(sanitise_all(source()))
    assert "v1" not in ids(first.item)
