"""Issue 21.1: contact and location details never refuse a report.

A detail that does not validate is kept exactly as typed, with the reason, and is used for no
node, no matching key and no force; a detail that validates is used as before.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from ingest.intake_row import IntakeRow
from ingest.normalise import validate_referral
from ingest.take_in import take_in
from tests.factories import referral

RAW_PATTERN = re.compile(r"[\^$\\]|\{\d|\[[a-z0-9]-")  # ^ $ \ {1, [a-: a regex shown


def _set(path: str, value: object) -> dict[str, Any]:
    payload = referral()
    node: Any = payload
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
    node[last] = value
    return payload


# (field, what was typed, words the reason must contain, the parsed form of a possible number)
UNVERIFIED = [
    ("reporter.email", "amara@", "after the @", None),
    ("reporter.email", "amara.okafor@example", "period", None),
    ("reporter.email", "amara okafor@example.org", "invalid characters", None),
    ("reporter.email", "someone@printer.local", "special-use", None),
    ("reporter.phone", "07700 900123", "range", "+447700900123"),  # Ofcom's drama range
    ("reporter.phone", "07911 12345", "range", "+44791112345"),
    ("reporter.phone", "12", "too short", "+4412"),
    ("reporter.phone", "not a phone", "not a phone number", None),
    ("reporter.postcode", "ZZ99 ZZZ9", "not a UK postcode", None),
    ("reporter.postcode", "WN1 1A", "not a UK postcode", None),
    ("reporter.postcode", "ZZ1 1AA", "outside the areas", None),
    ("victim.email", "victim(at)example", "period", None),
    ("incident.force_code", "E99999999", "not a known force code", None),
    ("suspects.0.handle", "J Smith on the bus", "not a valid X handle", None),
    ("suspects.0.handle", "j.smith.88", "still used", None),  # breaks X's rules: flagged
    ("suspects.0.platform", "MySpace", "not a known platform", None),
    ("suspects.0.profile_url", "javascript:alert(1)", "http", None),
]


@pytest.mark.parametrize(("path", "typed", "words", "parsed"), UNVERIFIED)
def test_a_detail_that_does_not_validate_is_kept_unverified(
    path: str, typed: str, words: str, parsed: str | None
) -> None:
    payload = _set(path, typed)
    if path.startswith("victim"):
        payload["victim"].update(role="victim", consent_to_contact=True)
    clean = validate_referral(payload)  # accepted: no InvalidInput
    field = path.replace(".0.", "[0].")
    found = {u.field: u for u in clean.unverified}
    assert field in found, clean.unverified
    assert found[field].value == typed
    assert words.lower() in found[field].reason.lower()
    assert found[field].parsed == parsed
    assert not RAW_PATTERN.search(found[field].reason)


@pytest.mark.parametrize(
    ("path", "typed", "key"),
    [
        ("reporter.email", "José.García@example.es", "josé.garcía@example.es"),
        ("reporter.email", "用户@例子.广告", "用户@xn--fsqu00a.xn--4rr70v"),
        ("reporter.email", "amara [at] example [dot] org", "amara@example.org"),
        ("reporter.phone", "+44 7911 123456", "+447911123456"),
    ],
)
def test_a_detail_that_validates_is_used(path: str, typed: str, key: str) -> None:
    clean = validate_referral(_set(path, typed))
    assert clean.unverified == ()
    value = clean.reporter.email if path.endswith("email") else clean.reporter.phone
    assert value is not None
    assert value.key == key


def _row(payload: dict[str, Any]) -> IntakeRow:
    return take_in(payload, str(payload), datetime(2026, 6, 2, tzinfo=UTC)).row


def _written(payload: dict[str, Any]) -> dict[str, Any]:
    """The row as ``create_reports`` writes it."""
    return _row(payload).params(None)


def test_unverified_details_make_no_node_no_matching_key_and_no_force() -> None:
    payload = referral()
    payload["reporter"].update(email="amara@", phone="07700 900123", postcode="ZZ99 ZZZ9")
    payload["suspects"] = [{"handle": "@jsmith88"}]  # no platform: it cannot name an account
    payload["content"] = [{"platform": "x", "text": "go back where you came from"}]
    built = _row(payload)
    row = built.params(None)
    (reporter,) = row["parties"]
    assert (reporter["email"], reporter["phone"], reporter["postcode"]) == (None, None, None)
    assert (reporter["district"], reporter["force_code"]) == (None, None)
    assert reporter["unverified_email"] == "amara@"
    assert reporter["unverified_phone"] == "07700 900123"
    assert reporter["possible_phone"] == "+447700900123"
    assert reporter["unverified_postcode"] == "ZZ99 ZZZ9"
    assert row["accounts"] == []
    # Matching knows the reporter by name only, and no handle
    assert built.evidence.reporter_key == "name:amara okafor"
    assert row["match"]["match_handles"] == []
    assert row["unverified_fields"] == [
        "reporter.email",
        "reporter.phone",
        "reporter.postcode",
        "suspects[0].handle",
    ]
    assert all(r.startswith("kept as typed, unverified") for r in row["unverified_reasons"])
    assert "+447700900123" in row["unverified_reasons"][1]


def test_a_report_without_unverified_details_writes_none() -> None:
    row = _written(referral())
    assert (row["unverified_fields"], row["unverified_reasons"]) == (None, None)
    (reporter,) = row["parties"]
    assert reporter["email"] == "amara.okafor@example.org"
    assert reporter["unverified_email"] is None


def test_an_anonymous_reporters_contact_details_stay_off_the_person() -> None:
    payload = referral(reporter={"role": "anonymous", "email": "a@b.org", "postcode": "ZZ"})
    (reporter,) = _written(payload)["parties"]
    assert reporter["unverified_email"] is None  # not even as typed: they chose anonymity
    assert reporter["unverified_postcode"] == "ZZ"


def test_a_handle_that_breaks_its_platforms_rules_is_flagged_and_still_names_the_account() -> None:
    payload = referral()
    payload["suspects"] = [{"platform": "X", "handle": "J.Smith.88"}]
    row = _written(payload)
    assert [a["key"] for a in row["accounts"]] == ["x|j.smith.88"]
    assert row["accounts"][0]["handle_conforms"] is False
    assert row["unverified_fields"] == ["suspects[0].handle"]
