"""A partner's feed, like a bulk file, keeps the dates it carries within bounds: a report dated
after its receipt is corrected to the receipt and warned, not refused (issue #29). The
public's live form still refuses a future date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from tests.factories import referral

PARTNER = {"authorization": "Bearer dev:partner:cst-feed:cst"}


def _dated(days_ahead: int) -> dict[str, object]:
    later = (datetime.now(UTC) + timedelta(days=days_ahead)).isoformat()
    payload = referral(source_ref="CST-DATES-1")
    payload["submitted_at"] = later
    return payload


def test_a_partners_future_date_is_corrected_and_warned(client: TestClient) -> None:
    sent = client.post("/api/v1/referrals", json=_dated(2) | {"source": "cst"}, headers=PARTNER)
    assert sent.status_code == 201, sent.text
    warned = {w["field"] for w in sent.json()["warnings"]}
    assert "submitted_at" in warned


def test_the_public_form_still_refuses_a_future_date(client: TestClient) -> None:
    refused = client.post("/api/v1/referrals", json=_dated(2))
    assert refused.status_code == 422
    assert "submitted_at" in {p["field"] for p in refused.json()["problems"]}
