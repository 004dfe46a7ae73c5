"""Recording that no enforcement action is possible on a case: from the reviewed library only,
hub staff only, every record kept and audited, and the complainant's status says so plainly."""

from __future__ import annotations

from pathlib import Path

import orjson
from fastapi.testclient import TestClient

from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"
FORCE_OFFICER = "dev:force_officer:pc-jones:E23000005"

CASE = """query($ref: String!) { report(sourceRef: $ref) { ... on Report {
  content { case { id } } } } }"""
RECORD = """mutation($case: String!, $reason: String!, $note: String) {
  recordNoEnforcement(caseId: $case, reason: $reason, note: $note) {
    __typename
    ... on NoEnforcementRecorded { caseId recordedAt reason { code title approved } }
    ... on InvalidInputError { problems { field message } }
    ... on NotFoundError { message }
  } }"""
REASONS = """{ noEnforcementReasons { __typename
  ... on NoEnforcementReasonList { reasons { code title approved } } } }"""


def _case(client: TestClient) -> tuple[str, str, str]:
    body = client.post("/api/v1/referrals", json=referral(source_ref="NE-1")).json()
    found = gql(client, CASE, token=ANALYST, ref="NE-1")["data"]["report"]
    return found["content"]["case"]["id"], body["reference"], body["access_code"]


def test_the_library_is_listed_for_hub_staff(hub: tuple[TestClient, Path]) -> None:
    client, _ = hub
    listed = gql(client, REASONS, token=ANALYST)["data"]["noEnforcementReasons"]["reasons"]
    assert {"code": "suspect_abroad", "title": "The suspect is outside the United Kingdom",
            "approved": False} in listed  # fmt: skip
    assert [r["code"] for r in listed] == sorted(r["code"] for r in listed)


def test_a_record_is_kept_audited_and_shown_to_the_complainant(
    hub: tuple[TestClient, Path],
) -> None:
    client, audit = hub
    case_id, reference, code = _case(client)
    note = "Account run from outside the UK per the platform's disclosure."
    answer = gql(client, RECORD, token=ANALYST, case=case_id, reason="suspect_abroad", note=note)
    recorded = answer["data"]["recordNoEnforcement"]
    assert recorded["__typename"] == "NoEnforcementRecorded"
    assert recorded["caseId"] == case_id
    assert recorded["reason"]["code"] == "suspect_abroad"

    status = client.post("/api/v1/status", json={"reference": reference, "access_code": code})
    steps = status.json()["timeline"]
    assert [s["step"] for s in steps][-1] == "no_enforcement"
    assert steps[-1]["text"].startswith("The police cannot take any enforcement action")
    assert "outside the United Kingdom" in steps[-1]["text"]
    assert note not in status.text  # the note stays with the record

    records = [orjson.loads(line) for line in audit.read_bytes().splitlines()]
    altered = [r for r in records if r["endpoint"].endswith("recordNoEnforcement")]
    assert len(altered) == 1
    assert altered[0]["operation"] == "alteration"
    assert altered[0]["actor"] == "dc-patel"


def test_only_a_reason_of_the_library_for_a_case_that_exists(
    hub: tuple[TestClient, Path],
) -> None:
    client, _ = hub
    case_id, _, _ = _case(client)
    typed = gql(client, RECORD, token=ANALYST, case=case_id, reason="he lives in Spain")
    problems = typed["data"]["recordNoEnforcement"]["problems"]
    assert [p["field"] for p in problems] == ["reason"]
    assert "suspect_abroad" in problems[0]["message"]
    missing = gql(client, RECORD, token=ANALYST, case="case:nothing", reason="suspect_abroad")
    assert missing["data"]["recordNoEnforcement"]["__typename"] == "NotFoundError"


def test_a_force_officer_is_refused(hub: tuple[TestClient, Path]) -> None:
    client, _ = hub
    case_id, _, _ = _case(client)
    refused = gql(client, RECORD, token=FORCE_OFFICER, case=case_id, reason="suspect_abroad")
    assert refused["data"]["recordNoEnforcement"]["__typename"] == "ForbiddenError"
