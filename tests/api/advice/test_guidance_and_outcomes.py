"""Guidance follows a case: matched to its assessment, carried by its assignment to the force,
and counted with the outcome the force reports, by offence, strand, force and note."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.casework.test_assessment_and_assignment import FACTS, THREAT_FACTS, _submit
from tests.api.conftest import gql

ANALYST = "dev:hub_analyst:dc-patel"
WEST_YORKSHIRE = "dev:force_officer:pc9:E23000010"

CASE_GUIDANCE = """query($id: ID!) { case(id: $id) { ... on Case {
  guidance { reasons note { id reviewOverdue } } } } }"""
FORCE_GUIDANCE = """query($id: String!) { forceCase(id: $id) { ... on ForceCaseDetail {
  guidance { id title version } } } }"""
ASSIGN = "mutation($c: String!) { assignCase(caseId: $c) { __typename } }"
OUTCOME = """mutation($c: String!) { reportOutcome(caseId: $c, code: OUTCOME_1, namedSuspect: true)
  { __typename } }"""
REPORT = """query($by: OutcomeDimension!) {
  outcomeReport(since: "2026-01-01T00:00:00Z", until: "2027-06-01T00:00:00Z", by: $by) {
    __typename
    ... on OutcomeReport { rows { key cases chargedShare groups { group label cases } } }
    ... on InvalidInputError { problems { field message } }
  } }"""


def _rows(client: TestClient, by: str) -> dict[str, dict[str, Any]]:
    answer = gql(client, REPORT, token=ANALYST, by=by)["data"]["outcomeReport"]
    return {row["key"]: row for row in answer["rows"]}


def test_a_threat_case_carries_its_guidance_to_the_force_and_its_outcome_is_counted(
    client: TestClient,
) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    gql(client, FACTS, token=ANALYST, case=case["id"], facts=THREAT_FACTS)

    matched = gql(client, CASE_GUIDANCE, token=ANALYST, id=case["id"])["data"]["case"]
    ids = [m["note"]["id"] for m in matched["guidance"]]
    kinds = [m["reasons"][0].split(" ")[0] for m in matched["guidance"]]
    assert kinds == sorted(kinds, key=["offence", "strand", "general"].index)  # specific first
    reasons = {m["note"]["id"]: m["reasons"] for m in matched["guidance"]}
    assert "offence osa2023_s181" in reasons["threats-to-kill-online"]
    assert reasons["hostility-at-sentence"] == ["strand race"]
    assert ids[-1] == "preserving-online-evidence"  # general guidance comes last
    assert "course-of-conduct" not in ids  # one message: no harassment offence is a candidate

    assert gql(client, ASSIGN, token=ANALYST, c=case["id"])["data"]["assignCase"] == {
        "__typename": "Assignment"
    }
    carried = gql(client, FORCE_GUIDANCE, token=WEST_YORKSHIRE, id=case["id"])["data"]
    assert sorted(n["id"] for n in carried["forceCase"]["guidance"]) == sorted(ids)
    assert all(len(n["version"]) == 12 for n in carried["forceCase"]["guidance"])

    outcome = gql(client, OUTCOME, token=WEST_YORKSHIRE, c=case["id"])["data"]["reportOutcome"]
    assert outcome["__typename"] == "OutcomeRecorded"

    by_note = _rows(client, "GUIDANCE")
    assert by_note["threats-to-kill-online"]["cases"] == 1
    assert by_note["threats-to-kill-online"]["chargedShare"] == 1.0
    assert by_note["threats-to-kill-online"]["groups"] == [
        {"group": "charged", "label": "Charged or summonsed", "cases": 1}
    ]
    assert _rows(client, "OFFENCE")["osa2023_s181"]["cases"] == 1
    assert _rows(client, "STRAND")["race"]["cases"] == 1
    assert _rows(client, "FORCE")["E23000010"]["cases"] == 1


def test_the_outcome_report_is_for_hub_staff_and_names_a_bad_window(client: TestClient) -> None:
    refused = gql(client, REPORT, token=WEST_YORKSHIRE, by="FORCE")["data"]["outcomeReport"]
    assert refused["__typename"] == "ForbiddenError"
    backwards = REPORT.replace("2027-06-01", "2025-06-01")
    answer = gql(client, backwards, token=ANALYST, by="FORCE")["data"]["outcomeReport"]
    assert answer["problems"] == [{"field": "until", "message": "must be after since"}]
