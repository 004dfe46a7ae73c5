"""POST /api/v1/referrals: 201 committed, 200 repeat, 409 conflict, 422 named, 202 in an outage."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.settings import Settings
from ingest.access_codes import verify_code
from ingest.limits import MAX_BODY_BYTES
from tests.api.conftest import gql
from tests.api.intake.inputs import referral_input
from tests.factories import referral
from tests.integration.intake.helpers import query

URL = "/api/v1/referrals"


def test_valid_referral_is_committed_with_its_raw_payload(
    client: TestClient, reference_graph: Graph
) -> None:
    response = client.post(URL, json=referral())
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "created"
    assert body["reference"].startswith("OHCH-")
    (stored,) = query(
        reference_graph,
        "MATCH (r:Report {reference: $ref}) RETURN r.raw_payload AS raw, r.access_code_hash AS h",
        ref=body["reference"],
    )
    assert '"TV-2026-0000123"' in stored["raw"]
    assert verify_code(body["access_code"], stored["h"])
    assert body["access_code"] not in stored["h"]


def test_repeat_is_200_with_the_same_reference_and_no_new_code(client: TestClient) -> None:
    first = client.post(URL, json=referral()).json()
    again = client.post(URL, json=referral())
    assert again.status_code == 200
    assert again.json() == {"status": "already_received", "reference": first["reference"]}


def test_same_key_with_different_payload_is_409(client: TestClient) -> None:
    client.post(URL, json=referral())
    changed = referral(submitted_at="2026-06-01T05:00:00Z")
    response = client.post(URL, json=changed)
    assert response.status_code == 409
    assert "already received" in response.json()["detail"]


def _problem_fields(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.text
    return {p["field"]: p["message"] for p in response.json()["problems"]}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda p: p.pop("source_ref"), "source_ref", "is required"),
        (lambda p: p["content"][0].update(url="ftp://files.example/x"), "content[0].url", "http"),
        (lambda p: p.update(submitted_at="2026-13-45T00:00:00Z"), "submitted_at", "datetime"),
        (lambda p: p["incident"].update(strands=["gender"]), "incident.strands[0]", "one of"),
        (
            lambda p: p["incident"].update(description="x" * 20_001),
            "incident.description",
            "too long",
        ),
        (lambda p: p.update(urgent=True), "urgent", "not a field"),
        (lambda p: p["content"][0].update(platform="MySpace"), "content[0].platform", "known"),
    ],
    ids=[
        "missing",
        "bad-url",
        "bad-date",
        "unknown-strand",
        "oversized",
        "unknown-field",
        "unknown-platform",
    ],
)
def test_each_kind_of_malformed_referral_names_field_and_problem(
    client: TestClient, change: Any, field: str, words: str
) -> None:
    payload = referral()
    change(payload)
    problems = _problem_fields(client.post(URL, json=payload))
    assert field in problems, problems
    assert words.lower() in problems[field].lower()


def test_a_bad_strand_and_a_bad_url_get_one_422_naming_both(client: TestClient) -> None:
    """Issue 21.2: a shape problem and a value problem in one answer."""
    payload = referral()
    payload["incident"]["strands"] = ["gender"]
    payload["content"][0]["url"] = "ftp://files.example/x"
    problems = _problem_fields(client.post(URL, json=payload))
    assert set(problems) == {"incident.strands[0]", "content[0].url"}


def test_contact_details_that_do_not_validate_are_kept_and_returned_as_warnings(
    client: TestClient, reference_graph: Graph
) -> None:
    """Issue 21.1. These were 422s (the bad-postcode and bad-email cases above): a mistyped
    contact detail cost the hub the whole report."""
    payload = referral()
    payload["reporter"].update(email="amara@", phone="07700 900123", postcode="ZZ99 ZZZ9")
    response = client.post(URL, json=payload)
    assert response.status_code == 201, response.text
    warnings = {w["field"]: w["message"] for w in response.json()["warnings"]}
    assert set(warnings) == {"reporter.email", "reporter.phone", "reporter.postcode"}
    assert "+447700900123" in warnings["reporter.phone"]
    (stored,) = query(
        reference_graph,
        "MATCH (p:Person)-[:REPORTED]->(r:Report {reference: $ref}) "
        "RETURN r.unverified_fields AS fields, p.unverified_email AS email, "
        "p.possible_phone AS phone, p.unverified_postcode AS postcode, "
        "COUNT { (p)-[:HAS_EMAIL|HAS_PHONE|LIVES_IN]->() } AS linked",
        ref=response.json()["reference"],
    )
    assert stored == {
        "fields": ["reporter.email", "reporter.phone", "reporter.postcode"],
        "email": "amara@",
        "phone": "+447700900123",
        "postcode": "ZZ99 ZZZ9",
        "linked": 0,
    }
    again = client.post(URL, json=payload)
    assert again.status_code == 200
    assert len(again.json()["warnings"]) == 3


def test_submit_referral_returns_the_warnings(client: TestClient) -> None:
    payload = referral()
    payload["reporter"]["email"] = "José.García@example"
    payload["suspects"] = [{"handle": "@jsmith88"}]
    data = gql(
        client,
        """mutation($r: ReferralInput!) { submitReferral(referral: $r) {
             __typename ... on ReferralAccepted { status warnings { field message possibleNumber } }
           } }""",
        r=referral_input(payload),
    )["data"]["submitReferral"]
    assert data["__typename"] == "ReferralAccepted"
    assert data["status"] == "CREATED"
    assert [w["field"] for w in data["warnings"]] == ["reporter.email", "suspects[0].handle"]
    assert "platform" in data["warnings"][1]["message"]


def test_body_that_is_not_json_or_too_large(client: TestClient) -> None:
    as_json = {"content-type": "application/json"}
    assert "body" in _problem_fields(client.post(URL, content=b"{nope", headers=as_json))
    untyped = client.post(URL, content=b"{nope")  # no JSON content type at all: 415
    assert untyped.status_code == 415
    assert untyped.json()["problems"][0]["field"] == "body"
    big = b"[" + b"1," * (MAX_BODY_BYTES // 2) + b"1]"
    too_large = client.post(URL, content=big, headers=as_json)
    assert too_large.status_code == 413  # issue 21.6: refused before it is parsed
    assert too_large.json()["problems"] == [
        {"field": "body", "message": f"is larger than {MAX_BODY_BYTES} bytes"}
    ]


def test_outage_answers_202_and_the_report_appears_once_after_recovery(
    neo4j_settings: Settings, reference_graph: Graph, tmp_path: Path
) -> None:
    journal_dir = tmp_path / "journal"
    down = neo4j_settings.model_copy(
        update={"neo4j_uri": "bolt://127.0.0.1:1", "journal_dir": journal_dir, "neo4j_retry_s": 0.5}
    )
    with TestClient(create_app(down)) as outage:
        response = outage.post(URL, json=referral())
        assert response.status_code == 202, response.text
        journalled = response.json()
        assert journalled["status"] == "journalled"
        assert journalled["access_code"]
    assert query(reference_graph, "MATCH (r:Report) RETURN count(r) AS n") == [{"n": 0}]

    up = neo4j_settings.model_copy(
        update={"journal_dir": journal_dir, "journal_drain_interval_s": 0.2}
    )
    with TestClient(create_app(up)) as recovered:
        for _ in range(100):
            rows = query(reference_graph, "MATCH (r:Report) RETURN r.reference AS ref")
            if rows:
                break
            time.sleep(0.1)
        assert rows == [{"ref": journalled["reference"]}]
        again = recovered.post(URL, json=referral())
        assert again.status_code == 200
        assert again.json()["reference"] == journalled["reference"]
    assert query(reference_graph, "MATCH (r:Report) RETURN count(r) AS n") == [{"n": 1}]
