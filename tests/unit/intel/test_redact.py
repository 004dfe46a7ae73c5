"""Free text loses what the structured sanitiser removed, and stray identifiers."""

from __future__ import annotations

from typing import Any

import pytest

from graph.intel.models import IntelItem
from graph.intel.redact import Secret, name_secrets, redact
from graph.intel.sanitise import sanitise
from tests.unit.intel.builders import item_data


def with_text(summary: str, description: str = "", purpose: str = "pattern_analysis") -> IntelItem:
    data: dict[str, Any] = item_data(1, purpose=purpose)
    data["summary"] = summary
    for entity in data["entities"]:
        if entity["kind"] == "event" and description:
            entity["description"] = description
    return IntelItem.parse(data)


def test_a_removed_victims_name_account_and_postcode_leave_the_summary() -> None:
    item = with_text("@abuser targeted Vic  Tim (@target), M46 9XF; Ms Tim reported it")
    result = sanitise(item)
    assert result.item.summary == (
        "@abuser targeted [removed person v1] ([removed object va1]), [removed location l1]; "
        "[removed person v1] reported it"
    )
    text = {(r.ref, r.reason) for r in result.removed if r.kind == "text"}
    assert text == {
        ("summary", "named removed person v1"),
        ("summary", "named removed object va1"),
        ("summary", "named removed location l1"),
    }


def test_a_victim_kept_for_safeguarding_stays_named() -> None:
    summary = "Vic Tim (@target) at M46 9XF needs a safeguarding visit"
    result = sanitise(with_text(summary, purpose="safeguarding"))
    assert result.item.summary == summary
    assert [r for r in result.removed if r.kind == "text"] == []


def test_stray_emails_phones_and_postcodes_are_removed_from_descriptions() -> None:
    item = with_text(
        "Posts by @abuser",
        description="Friend on 07700 900123 / +44 7700-900-456, vic@example.org, lives SW1A 1AA",
    )
    result = sanitise(item)
    event = next(e for e in result.item.entities if e.kind == "event")
    assert event.description == (  # type: ignore[union-attr]
        "Friend on [phone removed] / [phone removed], [email removed], lives [postcode removed]"
    )
    reasons = {r.reason for r in result.removed if r.ref == "e1.description"}
    assert reasons == {
        "email not among the item's kept entities",
        "phone not among the item's kept entities",
        "postcode not among the item's kept entities",
    }


def test_identifiers_of_kept_entities_may_stay() -> None:
    text, reasons = redact("write to sam@example.org", [], kept_identifiers=["Sam@Example.org"])
    assert (text, reasons) == ("write to sam@example.org", ())


def test_names_match_whole_words_only() -> None:
    secrets = name_secrets("Al Best", "removed person p1")
    text, _ = redact("Albert Bestwick met Al Best and MR BEST", secrets, [])
    assert text == "Albert Bestwick met [removed person p1] and [removed person p1]"


@pytest.mark.parametrize(
    "number",
    ["07700 900123", "(07700) 900 123", "+447700900123", "0044 7700 900123", "020 7946 0018"],
)
def test_uk_phone_forms_are_found(number: str) -> None:
    text, _ = redact(f"call {number} now", [Secret("x", "y")], [])
    assert text == "call [phone removed] now"


def test_dates_and_references_are_not_phone_numbers() -> None:
    text = "Reported 2026-03-01, ref OHCH-2026-000123, 12 posts"
    assert redact(text, [], []) == (text, ())
