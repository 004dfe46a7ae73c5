"""Valid referrals to start tests from; override what a test is about."""

from __future__ import annotations

import copy
from typing import Any


def referral(source_ref: str = "TV-2026-0000123", **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "source": "true-vision",
        "source_ref": source_ref,
        "submitted_at": "2026-06-01T04:08:00Z",
        "reporter": {
            "role": "victim",
            "name": "Amara Okafor",
            "email": "Amara.Okafor@Example.org",
            "phone": "07911 123456",
            "postcode": "wn1 1aa",
            "consent_to_contact": True,
        },
        "incident": {
            "occurred_at": "2026-05-31T22:15:00+01:00",
            "description": "A reply to my post told me to go back where I came from.",
            "location_type": "online",
            "strands": ["race"],
        },
        "content": [
            {
                "url": "https://mobile.twitter.com/jsmith88/status/1796512345678901234?s=20",
                "platform": "Twitter",
                "text": "go back where you came from",
                "captured_at": "2026-05-31T22:20:00Z",
            }
        ],
        "suspects": [{"platform": "X", "handle": "@JSmith88", "display_name": "J Smith"}],
    }
    for key, value in overrides.items():
        payload[key] = copy.deepcopy(value)
    return payload
