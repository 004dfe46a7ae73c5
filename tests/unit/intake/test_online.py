"""Issue 25, defect 1: "At a specific location" on the reporting form routes a report to a
force; it does not say the content was offline. A post on a platform stays online (the HOCR
online flag, and with it the communications offences)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from ingest.take_in import take_in
from tests.factories import referral

POST = {"url": "https://x.com/jsmith88/status/1796512345678901234", "platform": "x"}
PROFILE = {"url": "https://www.instagram.com/j.smith.88/", "platform": "instagram"}
TEXT_ON_PLATFORM = {"platform": "facebook", "text": "said in a group chat"}
LINK_ON_OTHER = {"platform": "other", "url": "https://forum.example.org/t/123"}
TEXT_ONLY = {"platform": "n/a", "text": "shouted at me in the street"}

# (form's location, content items, online?)
RULES = [
    ("online", [POST], True),
    ("online", [TEXT_ONLY], True),  # the form says online: nothing contradicts it
    ("specific_location", [POST], True),
    ("specific_location", [PROFILE], True),
    ("specific_location", [TEXT_ON_PLATFORM], True),
    ("specific_location", [LINK_ON_OTHER], True),
    ("specific_location", [TEXT_ONLY, POST], True),  # any item posted online
    ("specific_location", [TEXT_ONLY], False),  # no link, no platform: not shown online
]


@pytest.mark.parametrize(("location", "content", "online"), RULES)
def test_online_follows_the_content_not_the_forms_location_choice(
    location: str, content: list[dict[str, Any]], online: bool
) -> None:
    payload = referral()
    payload["incident"].update(location_type=location, force_code="E23000005")
    payload["content"] = content
    row = take_in(payload, str(payload), datetime(2026, 6, 2, tzinfo=UTC)).row.params(None)
    assert row["online"] is online
    assert row["location_type"] == location  # what the form said is kept
    assert row["chosen_force_code"] == "E23000005"  # and still routes the report
