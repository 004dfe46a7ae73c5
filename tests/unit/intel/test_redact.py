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


# issue 25: the UK-only pattern found 2 of these 5; every country's numbers are found
@pytest.mark.parametrize(
    "number",
    [
        "+1 (415) 555-2671",  # United States
        "+33 6 12 34 56 78",  # France, mobile
        "+49 30 901820",  # Germany, Berlin
        "+91 98765 43210",  # India, mobile
        "+353 87 123 4567",  # Ireland, mobile
        "+61 412 345 678",  # Australia, mobile
        "0033 6 12 34 56 78",  # France, dialled from the UK
    ],
)
def test_phone_numbers_of_any_country_are_found(number: str) -> None:
    text, reasons = redact(f"call {number} now", [], [])
    assert text == "call [phone removed] now"
    assert reasons == ("phone not among the item's kept entities",)


@pytest.mark.parametrize(
    "email",
    [
        "josé.garcía@correo.es",
        "иван@пример.рф",
        "用户@例子.广告",
        "müller@bücher.de",
        "plain.ascii+tag@example.org",
    ],
)
def test_email_addresses_with_non_ascii_characters_are_found(email: str) -> None:
    text, reasons = redact(f"write to {email}, today", [], [])
    assert text == "write to [email removed], today"
    assert reasons == ("email not among the item's kept entities",)


# a kept phone number stays however the text writes it
@pytest.mark.parametrize(
    ("kept", "written"),
    [
        ("+447911123456", "07911 123456"),
        ("07911 123456", "+44 7911 123456"),
        ("+33612345678", "+33 6 12 34 56 78"),
    ],
)
def test_a_kept_phone_number_stays_in_any_format(kept: str, written: str) -> None:
    text = f"call {written} now"
    assert redact(text, [], [kept]) == (text, ())


def test_handles_and_post_ids_are_not_emails_or_phones() -> None:
    text = "@abuser posted https://x.com/abuser/status/1796512345678900101 on 12/03/2026"
    assert redact(text, [], []) == (text, ())
