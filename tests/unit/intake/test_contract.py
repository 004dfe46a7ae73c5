"""The referral contract: each kind of malformed referral is refused, naming field and problem."""

from __future__ import annotations

from typing import Any

import pytest

from graph.errors import InvalidInput
from ingest.contract import parse_referral
from ingest.limits import MAX_CONTENT_ITEMS, MAX_CONTENT_TEXT_CHARS
from ingest.normalise import validate_referral
from tests.factories import referral


def _problems(payload: Any) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        parse_referral(payload)
    return {p.field: p.message for p in caught.value.problems}


def test_a_valid_referral_parses() -> None:
    parsed = parse_referral(referral())
    assert parsed.source_ref == "TV-2026-0000123"
    assert parsed.incident.strands[0].value == "race"


def test_missing_field() -> None:
    payload = referral()
    del payload["submitted_at"]
    assert _problems(payload) == {"submitted_at": "is required"}


def test_unknown_field_at_any_depth() -> None:
    payload = referral(priority="high")
    payload["content"][0]["likes"] = 3
    assert _problems(payload) == {
        "priority": "is not a field of the referral contract",
        "content[0].likes": "is not a field of the referral contract",
    }


def test_date_without_zone_and_date_in_future() -> None:
    payload = referral(submitted_at="2026-06-01T04:08:00")
    payload["content"][0]["captured_at"] = "2099-01-01T00:00:00Z"
    problems = _problems(payload)
    assert problems["submitted_at"].startswith("must carry a time zone")
    assert problems["content[0].captured_at"] == "lies in the future"


def test_unknown_strand_names_the_item() -> None:
    payload = referral()
    payload["incident"]["strands"] = ["race", "football"]
    assert "must be one of" in _problems(payload)["incident.strands[1]"]


def test_no_strand() -> None:
    payload = referral()
    payload["incident"]["strands"] = []
    assert _problems(payload) == {"incident.strands": "needs at least 1 item(s)"}


def test_oversized_text() -> None:
    payload = referral()
    payload["content"][0]["text"] = "x" * (MAX_CONTENT_TEXT_CHARS + 1)
    assert _problems(payload) == {
        "content[0].text": f"is too long (at most {MAX_CONTENT_TEXT_CHARS} characters)"
    }


def test_too_many_items() -> None:
    payload = referral()
    payload["content"] += [{"platform": "x", "text": "t"}] * MAX_CONTENT_ITEMS
    assert _problems(payload) == {"content": f"has too many items (at most {MAX_CONTENT_ITEMS})"}


def test_content_needs_url_or_text() -> None:
    payload = referral(content=[{"platform": "x"}])
    assert _problems(payload) == {"content[0]": "each content item needs a url or a text"}


def test_consent_required_unless_anonymous() -> None:
    payload = referral(reporter={"role": "witness"})
    assert "consent_to_contact is required" in _problems(payload)["reporter"]
    assert parse_referral(referral(reporter={"role": "anonymous"})).reporter.role == "anonymous"


def test_anonymous_reporter_gives_no_identity() -> None:
    """Issue 21.1: contact details never refuse a report. An anonymous reporter's email is no
    longer a contract problem (it refused the report); it is kept off the person, with a
    warning that says so."""
    payload = referral(reporter={"role": "anonymous", "email": "a@b.org", "name": "A B"})
    clean = validate_referral(payload)
    assert (clean.reporter.email, clean.reporter.name) == (None, None)
    assert {u.field: "anonymous" in u.reason for u in clean.unverified} == {
        "reporter.email": True,
        "reporter.name": True,
    }


def test_all_problems_are_reported_at_once() -> None:
    payload = referral(source="TRUE VISION", submitted_at="yesterday", victim={"role": "witness"})
    assert set(_problems(payload)) >= {"source", "submitted_at", "victim.role"}


def test_not_an_object() -> None:
    assert _problems([1, 2]) == {"referral": "must be a JSON object"}
