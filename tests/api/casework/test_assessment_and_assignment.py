"""A case's assessment and force assignment, with their reasons, readable in GraphQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.cases import repository
from graph.db import Graph
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"

CASE_QUERY = """
query($ref: String!) {
  report(sourceRef: $ref) { content { case {
    id
    assessment { recommendation hateFlag reasons
      candidateOffences { offenceId recordable }
      deadlines { name status dueAt } }
    assignment { rule disposition confidence reasons
      leadForce { code name } notified { role reason force { code name } } }
  } } }
}
"""
FACTS = """
mutation($case: String!, $facts: JSON!) {
  recordCaseFacts(caseId: $case, facts: $facts) {
    __typename ... on Assessment { recommendation }
    ... on InvalidInputError { problems { field message } }
  }
}
"""


THREAT = "I know where you live in Wigan and I am going to kill you"


def _submit(
    client: TestClient, occurred: str, text: str = THREAT, **changes: Any
) -> dict[str, Any]:
    payload = referral(source_ref="TV-THREAT")
    payload["submitted_at"] = occurred
    payload["incident"]["occurred_at"] = occurred
    payload["content"][0]["captured_at"] = occurred
    payload["content"][0]["text"] = text
    for key, value in changes.items():
        payload[key] = value
    assert client.post("/api/v1/referrals", json=payload).status_code == 201
    return gql(client, CASE_QUERY, token=ANALYST, ref="TV-THREAT")["data"]["report"]["content"][
        "case"
    ]


THREAT_FACTS = {
    "threat_of_death_or_serious_harm": True,
    "threat_kind": "death",
    "sent_to_victim_directly": True,
    "published_to_public": True,
    "perceived_by": ["victim"],
    "basis_for_intentional_hostility": True,
    "suspect_identified": True,
    "suspects": [{"identified": True, "where": "uk_postcode", "postcode": "LS1 4AP"}],
}


def test_threat_to_kill_leeds_suspect_wigan_victim(client: TestClient) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    assert case["assignment"]["leadForce"]["code"] == "E23000005"  # before facts: victim's force
    result = gql(client, FACTS, token=ANALYST, case=case["id"], facts=THREAT_FACTS)
    assert result["data"]["recordCaseFacts"]["recommendation"] == "crime"

    case = gql(client, CASE_QUERY, token=ANALYST, ref="TV-THREAT")["data"]["report"]["content"][
        "case"
    ]
    assessment, assignment = case["assessment"], case["assignment"]
    assert assessment["recommendation"] == "crime"
    assert assessment["hateFlag"] is True
    assert assessment["candidateOffences"][0] == {"offenceId": "osa2023_s181", "recordable": True}
    assert "crime_recording_decision" in {d["name"] for d in assessment["deadlines"]}
    assert assessment["reasons"]

    assert assignment["leadForce"] == {"code": "E23000010", "name": "West Yorkshire Police"}
    assert assignment["rule"] == "b_identified_suspect_uk"
    assert [(n["force"]["code"], n["role"]) for n in assignment["notified"]] == [
        ("E23000005", "victim_care")
    ]
    assert any("LS1 4AP" in r or "West Yorkshire" in r for r in assignment["reasons"])
    assert all(n["reason"] for n in assignment["notified"])


def test_the_same_message_before_31_january_2024_proposes_the_mca_offence(
    client: TestClient,
) -> None:
    case = _submit(client, "2024-01-20T10:00:00Z")
    gql(client, FACTS, token=ANALYST, case=case["id"], facts=THREAT_FACTS)
    case = gql(client, CASE_QUERY, token=ANALYST, ref="TV-THREAT")["data"]["report"]["content"][
        "case"
    ]
    offences = [o["offenceId"] for o in case["assessment"]["candidateOffences"]]
    assert offences[0] == "mca1988_s1_threat"
    assert "osa2023_s181" not in offences


def test_bystander_report_about_a_public_figure_is_not_a_crime_with_the_perception_reason(
    client: TestClient,
) -> None:
    bystander = {"role": "witness", "consent_to_contact": False, "postcode": "M1 1AD"}
    text = "people like her should not be on television"
    case = _submit(client, "2026-05-31T22:15:00Z", text, reporter=bystander)
    # Offensive abuse, but not "grossly offensive" in law and no threat: offence alone is not
    # enough, and the only person perceiving hostility has no connection to the victim.
    facts = {
        "published_to_public": True,
        "perceived_by": ["bystander_no_connection"],
        "victim_is_public_figure_or_group": True,
        "occasions_targeting_victim": 0,
    }
    result = gql(client, FACTS, token=ANALYST, case=case["id"], facts=facts)
    assert result["data"]["recordCaseFacts"]["recommendation"] in (
        "no_further_action", "non_crime_hate_incident", "intelligence_only",
    )  # fmt: skip
    case = gql(client, CASE_QUERY, token=ANALYST, ref="TV-THREAT")["data"]["report"]["content"][
        "case"
    ]
    assert case["assessment"]["recommendation"] == "no_further_action"  # the shipped policy
    assert any("perception" in r.lower() for r in case["assessment"]["reasons"])
    assert case["assignment"]["rule"] == "d_no_victim_location"


def test_decisions_and_reassignment_keep_their_history(client: TestClient) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    queue = gql(client, "{ casesToAssess { caseId recordingDecisionStatus } }", token=ANALYST)
    assert queue["data"]["casesToAssess"][0]["caseId"] == case["id"]
    decide = """mutation($c: String!) { decideAssessment(caseId: $c, accept: false,
        recommendation: "crime", reason: "registrar's decision") { __typename } }"""
    assert gql(client, decide, token=ANALYST, c=case["id"])["data"]["decideAssessment"] == {
        "__typename": "Assessment"
    }
    assert gql(client, "{ casesToAssess { caseId } }", token=ANALYST)["data"]["casesToAssess"] == []

    assign = "mutation($c: String!) { assignCase(caseId: $c) { __typename } }"
    assert (
        gql(client, assign, token=ANALYST, c=case["id"])["data"]["assignCase"]["__typename"]
        == "Assignment"
    )
    reassign = """mutation($c: String!) { reassignCase(caseId: $c, toForce: "E23000010",
        reason: "suspect identified in Leeds") {
          __typename ... on InvalidInputError { message } } }"""
    assert (
        gql(client, reassign, token=ANALYST, c=case["id"])["data"]["reassignCase"]["__typename"]
        == "Assignment"
    )
    bad = reassign.replace("E23000010", "E99999999")
    assert (
        gql(client, bad, token=ANALYST, c=case["id"])["data"]["reassignCase"]["__typename"]
        == "InvalidInputError"
    )


def test_bad_facts_name_the_field(client: TestClient) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    result = gql(client, FACTS, token=ANALYST, case=case["id"], facts={"threat": True})
    assert result["data"]["recordCaseFacts"]["problems"] == [
        {"field": "facts.threat", "message": "is not a case fact"}
    ]


def test_a_force_sees_its_assigned_and_notified_cases_only(client: TestClient) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    gql(client, FACTS, token=ANALYST, case=case["id"], facts=THREAT_FACTS)
    gql(
        client,
        "mutation($c: String!) { assignCase(caseId: $c) { __typename } }",
        token=ANALYST,
        c=case["id"],
    )
    query = "{ forceCases { caseId how forceCode } }"

    def seen(force: str) -> list[dict[str, str]]:
        token = f"dev:force_officer:pc1:{force}"
        return gql(client, query, token=token)["data"]["forceCases"]  # type: ignore[no-any-return]

    assert seen("E23000010") == [
        {"caseId": case["id"], "how": "ASSIGNED_TO", "forceCode": "E23000010"}
    ]
    assert seen("E23000005") == [
        {"caseId": case["id"], "how": "NOTIFIED", "forceCode": "E23000005"}
    ]
    assert seen("E23000001") == []


def test_outcomes_follow_the_home_office_rules(client: TestClient) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    gql(client, FACTS, token=ANALYST, case=case["id"], facts=THREAT_FACTS)
    gql(
        client,
        "mutation($c: String!) { assignCase(caseId: $c) { __typename } }",
        token=ANALYST,
        c=case["id"],
    )
    report = """mutation($c: String!, $code: String!, $named: Boolean!, $why: String) {
      reportOutcome(caseId: $c, code: $code, namedSuspect: $named, supervisorJustification: $why) {
        __typename ... on OutcomeRecorded { code }
        ... on InvalidInputError { problems { field } } ... on ForbiddenError { message } } }"""
    west_yorkshire = "dev:force_officer:pc9:E23000010"

    def send(token: str, code: str, named: bool, why: str | None = None) -> dict[str, Any]:
        result = gql(client, report, token=token, c=case["id"], code=code, named=named, why=why)
        return result["data"]["reportOutcome"]  # type: ignore[no-any-return]

    assert send("dev:force_officer:pc1:E23000005", "1", True)["__typename"] == "ForbiddenError"
    no_suspect = send(west_yorkshire, "15", False)
    assert no_suspect["problems"] == [{"field": "outcome.named_suspect"}]
    unjustified = send(west_yorkshire, "21", True)
    assert {"field": "outcome.supervisor_justification"} in unjustified["problems"]
    assert send(west_yorkshire, "21", True, "victim's wishes; DS approved")["code"] == "21"
    assert send(west_yorkshire, "99", True)["__typename"] == "InvalidInputError"


def test_a_case_is_assessed_once_a_request_for_its_assessment_and_assignment(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both read the case's evidence (for a viral case, every report's people): once is enough."""
    case = _submit(client, "2026-05-01T10:00:00Z")
    calls: list[str] = []
    view = repository.view

    def counted(graph: Graph, case_id: str, now: datetime | None = None) -> repository.CaseView:
        calls.append(case_id)
        return view(graph, case_id, now)

    monkeypatch.setattr(repository, "view", counted)
    again = gql(client, CASE_QUERY, token=ANALYST, ref="TV-THREAT")["data"]["report"]["content"][
        "case"
    ]
    assert calls == [case["id"]]
    assert again["assessment"] == case["assessment"]
    assert again["assignment"] == case["assignment"]
