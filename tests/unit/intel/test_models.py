from __future__ import annotations

from typing import Any

import pytest

from graph.errors import InvalidInput
from graph.intel.models import IntelItem
from tests.unit.intel.builders import item_data


def problems(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        IntelItem.parse(data)
    return {p.field: p.message for p in caught.value.problems}


def test_a_typical_item_parses_to_utc_and_canonical_order() -> None:
    data = item_data(1)
    data["updated_at"] = "2026-03-01T14:00:00+01:00"
    data["entities"].reverse()
    data["relationships"].reverse()
    item = IntelItem.parse(data)
    assert item.updated_at.isoformat() == "2026-03-01T13:00:00+00:00"
    assert [e.kind for e in item.entities] == [
        "event", "location", "object", "object", "object", "person", "person",
    ]  # fmt: skip
    assert item == IntelItem.parse(item_data(1) | {"updated_at": "2026-03-01T13:00:00Z"})


def test_naive_datetimes_are_refused() -> None:
    assert problems(item_data(1) | {"created_at": "2026-03-01T12:00:00"}) == {
        "created_at": "must include a timezone"
    }


def test_updated_before_created_is_refused() -> None:
    found = problems(item_data(1) | {"updated_at": "2020-01-01T00:00:00Z"})
    assert found == {"updated_at": "is before created_at"}


def test_relationship_to_a_missing_entity_names_the_relationship() -> None:
    data = item_data(1)
    data["relationships"].append({"source_id": "s1", "type": "USES", "target_id": "ghost"})
    assert problems(data) == {"relationships[6].target_id": "no entity with that id"}


def test_personal_data_links_must_start_at_a_person() -> None:
    data = item_data(1)
    data["relationships"].append({"source_id": "e1", "type": "RESIDES_AT", "target_id": "l1"})
    assert list(problems(data)) == ["relationships[6].source_id"]


def test_duplicate_entity_ids_are_refused() -> None:
    data = item_data(1)
    data["entities"].append({"kind": "event", "id": "s1", "event_type": "incident"})
    assert "appears more than once" in problems(data)["entities"]


def test_a_person_needs_a_category_and_an_unknown_kind_is_named() -> None:
    data = item_data(1)
    data["entities"][0]["categories"] = []
    data["entities"].append({"kind": "vehicle", "id": "x"})
    assert set(problems(data)) == {"entities[0].person.categories", "entities[7]"}
