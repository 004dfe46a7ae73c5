"""A 409 never tells a caller another report's hub reference (issue 21.5): not by REST, not by
GraphQL's submitReferral, not by the report form."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.api.conftest import gql
from tests.api.intake.inputs import referral_input
from tests.factories import referral

URL = "/api/v1/referrals"
SUBMIT = """mutation($r: ReferralInput!) { submitReferral(referral: $r) {
  __typename ... on ReferralAccepted { reference } ... on ConflictError { message } } }"""


def test_rest_and_graphql_conflicts_name_the_key_not_the_reference(
    client: TestClient,
) -> None:
    first = client.post(URL, json=referral(source_ref="TV-9"))
    reference = first.json()["reference"]
    changed = referral(source_ref="TV-9", submitted_at="2026-06-01T05:00:00Z")
    conflict = client.post(URL, json=changed)
    assert conflict.status_code == 409
    assert conflict.json() == {
        "error": "Conflict",
        "detail": "a different referral was already received as true-vision TV-9; nothing was "
        "changed (send a new source_ref for a new report)",
    }
    answer = gql(client, SUBMIT, r=referral_input(changed))["data"]["submitReferral"]
    assert answer["__typename"] == "ConflictError"
    for text in (conflict.text, answer["message"]):
        assert reference not in text
        assert "OHCH-" not in text


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, name
    return found.group(1)


def test_the_form_sent_again_with_other_answers_shows_no_reference(client: TestClient) -> None:
    page = client.get("/report").text
    answers = {
        "csrf_token": _hidden(page, "csrf_token"),
        "form_token": _hidden(page, "form_token"),
        "role": "third_party", "description": "A post calling for attacks.",
        "platform": "facebook", "content_text": "the post", "contact": "no", "strands": "race",
    }  # fmt: skip
    first = client.post("/report", data=answers)
    assert first.status_code == 200, first.text
    reference = re.search(r"OHCH-\d{4}-\d+", first.text)
    assert reference is not None
    again = client.post("/report", data=answers | {"description": "Something else."})
    assert again.status_code == 409
    assert "already sent this report" in again.text
    assert reference.group(0) not in again.text
    assert "OHCH-" not in again.text
