"""Issue 21.2: shape problems and value problems come back together, each with its field path
and a message a person can act on (no regular expressions)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from graph.errors import InvalidInput
from ingest.normalise import validate_referral
from tests.factories import referral

RAW_PATTERN = re.compile(r"[\^$\\]|\{\d|\[[a-z0-9]-|String should|Input should")


def _problems(payload: Any) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        validate_referral(payload)
    return {p.field: p.message for p in caught.value.problems}


def test_a_bad_strand_and_a_bad_url_are_named_in_one_answer() -> None:
    payload = referral()
    payload["incident"]["strands"] = ["gender"]  # shape: not one of the strands
    payload["content"][0]["url"] = "ftp://files.example/x"  # value: not an http(s) URL
    problems = _problems(payload)
    assert set(problems) == {"incident.strands[0]", "content[0].url"}
    assert "one of" in problems["incident.strands[0]"]
    assert "http" in problems["content[0].url"]


def test_value_problems_of_every_content_item_come_with_the_shape_problems() -> None:
    payload = referral(source="TRUE VISION")
    payload["content"] = [
        {"platform": "MySpace", "text": "go home", "likes": 3},  # shape and value in one item
        {"platform": "x", "url": "javascript:alert(1)"},
        {"platform": "x", "url": "https://x.com/a/status/1"},  # fine
    ]
    assert set(_problems(payload)) == {
        "source",
        "content[0].likes",
        "content[0].platform",
        "content[1].url",
    }


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda p: p.update(source="TRUE VISION"), "source", "lower-case letters"),
        (lambda p: p.update(source_ref="has a space"), "source_ref", "without spaces"),
        (
            lambda p: p["content"][0].update(
                attachments=[{"sha256": "abc", "media_type": "png", "filename": "a.png"}]
            ),
            "content[0].attachments[0].sha256",
            "64 hexadecimal digits",
        ),
        (
            lambda p: p["content"][0].update(
                attachments=[{"sha256": "a" * 64, "media_type": "png", "filename": "a.png"}]
            ),
            "content[0].attachments[0].media_type",
            "image/png",
        ),
        (lambda p: p.update(victim={"role": "witness"}), "victim.role", "'victim'"),
        (lambda p: p.update(reporter="Amara"), "reporter", "JSON object"),
        (lambda p: p["incident"].update(strands="race"), "incident.strands", "JSON array"),
        (lambda p: p.update(submitted_at="yesterday"), "submitted_at", "2026-06-01T04:08:00Z"),
        (
            lambda p: p["reporter"].update(consent_to_contact="maybe"),
            "reporter.consent_to_contact",
            "true or false",
        ),
    ],
    ids=[
        "source",
        "source-ref",
        "sha256",
        "media-type",
        "victim-role",
        "not-object",
        "not-list",
        "not-date",
        "not-bool",
    ],
)
def test_messages_say_what_to_send_not_which_pattern_failed(
    change: Any, field: str, words: str
) -> None:
    payload = referral()
    change(payload)
    problems = _problems(payload)
    assert words in problems[field], problems
    assert not any(RAW_PATTERN.search(m) for m in problems.values()), problems
