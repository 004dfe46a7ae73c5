"""A hate crime lead entry: a reachable lead, contact details checked, every problem named."""

from __future__ import annotations

import pytest

from graph.advice.leads import lead_entry
from graph.errors import InvalidInput

GOOD = {
    "force_code": "E23000010",
    "role_title": "Force hate crime lead",
    "contact_route": "Secure email in office hours; the force control room out of hours",
}


def test_contact_details_are_cleaned() -> None:
    entry = lead_entry(
        {**GOOD, "email": " Hate.Crime@Example.police.uk ", "phone": "0113 496 0000"}
    )
    assert entry.email == "hate.crime@example.police.uk"
    assert entry.phone == "+441134960000"


def test_a_lead_nobody_can_reach_is_refused() -> None:
    with pytest.raises(InvalidInput, match="give an email address or a phone number"):
        lead_entry(GOOD)


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        lead_entry({**GOOD, "email": "not-an-address", "phone": "12", "role_title": ""})
    assert {p.field for p in caught.value.problems} == {"email", "phone", "role_title"}
