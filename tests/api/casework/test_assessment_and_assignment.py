"""A case's assessment and force assignment, with their reasons, readable in GraphQL."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.assessment.calendars import UK
from graph.cases import store as cases_store
from graph.cases.outcome_rules import MAX_NOTE
from graph.db import Graph
from tests.api.conftest import gql
from tests.factories import referral
from tests.integration.intake.helpers import query

ANALYST = "dev:hub_analyst:dc-patel"

CASE_QUERY = """
query($ref: String!) {
  report(sourceRef: $ref) { ... on Report { content { case {
    id
    assessment { recommendation hateFlag reasons
      candidateOffences { offenceId recordable }
      deadlines { name status dueAt } }
    assignment { rule disposition confidence reasons
      leadForce { code name } notified { role reason force { code name } } }
  } } } }
}
"""
FACTS = """
mutation($case: String!, $facts: CaseFactsInput!) {
  recordCaseFacts(caseId: $case, facts: $facts) {
    __typename ... on Assessment { recommendation }
    ... on InvalidInputError { problems { field message } }
  }
}
"""


QUEUE = """{ casesToAssess { ... on CaseToAssessConnection {
  nodes { caseId recordingDecisionStatus } } } }"""
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
    return _case(client)


def _case(client: TestClient) -> dict[str, Any]:
    found = gql(client, CASE_QUERY, token=ANALYST, ref="TV-THREAT")["data"]["report"]
    return found["content"]["case"]  # type: ignore[no-any-return]


THREAT_FACTS = {
    "threatOfDeathOrSeriousHarm": True,
    "threatKind": "DEATH",
    "sentToVictimDirectly": True,
    "publishedToPublic": True,
    "perceivedBy": ["VICTIM"],
    "basisForIntentionalHostility": True,
    "suspectIdentified": True,
    "suspects": [{"identified": True, "where": "UK_POSTCODE", "postcode": "LS1 4AP"}],
}


def test_threat_to_kill_leeds_suspect_wigan_victim(client: TestClient) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    assert case["assignment"]["leadForce"]["code"] == "E23000005"  # before facts: victim's force
    result = gql(client, FACTS, token=ANALYST, case=case["id"], facts=THREAT_FACTS)
    assert result["data"]["recordCaseFacts"]["recommendation"] == "CRIME"

    case = _case(client)
    assessment, assignment = case["assessment"], case["assignment"]
    assert assessment["recommendation"] == "CRIME"
    assert assessment["hateFlag"] is True
    assert assessment["candidateOffences"][0] == {"offenceId": "osa2023_s181", "recordable": True}
    assert "CRIME_RECORDING_DECISION" in {d["name"] for d in assessment["deadlines"]}
    assert assessment["reasons"]

    assert assignment["leadForce"] == {"code": "E23000010", "name": "West Yorkshire Police"}
    assert assignment["rule"] == "SUSPECT_FORCE"
    assert [(n["force"]["code"], n["role"]) for n in assignment["notified"]] == [
        ("E23000005", "VICTIM_CARE")
    ]
    assert any("LS1 4AP" in r or "West Yorkshire" in r for r in assignment["reasons"])
    assert all(n["reason"] for n in assignment["notified"])


def test_the_same_message_before_31_january_2024_proposes_the_mca_offence(
    client: TestClient,
) -> None:
    case = _submit(client, "2024-01-20T10:00:00Z")
    gql(client, FACTS, token=ANALYST, case=case["id"], facts=THREAT_FACTS)
    case = _case(client)
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
        "publishedToPublic": True,
        "perceivedBy": ["BYSTANDER_NO_CONNECTION"],
        "victimIsPublicFigureOrGroup": True,
        "occasionsTargetingVictim": 0,
    }
    result = gql(client, FACTS, token=ANALYST, case=case["id"], facts=facts)
    assert result["data"]["recordCaseFacts"]["recommendation"] in (
        "NO_FURTHER_ACTION", "NON_CRIME_HATE_INCIDENT", "INTELLIGENCE_ONLY",
    )  # fmt: skip
    case = _case(client)
    assert case["assessment"]["recommendation"] == "NO_FURTHER_ACTION"  # the shipped policy
    assert any("perception" in r.lower() for r in case["assessment"]["reasons"])
    assert case["assignment"]["rule"] == "NO_VICTIM_LOCATION"


def test_decisions_and_reassignment_keep_their_history(client: TestClient) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    queue = gql(client, QUEUE, token=ANALYST)["data"]["casesToAssess"]["nodes"]
    assert queue[0]["caseId"] == case["id"]
    decide = """mutation($c: String!) { decideAssessment(caseId: $c, accept: false,
        recommendation: CRIME, reason: "registrar's decision") { __typename } }"""
    assert gql(client, decide, token=ANALYST, c=case["id"])["data"]["decideAssessment"] == {
        "__typename": "Assessment"
    }
    assert gql(client, QUEUE, token=ANALYST)["data"]["casesToAssess"]["nodes"] == []

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
    facts = {"occasionsTargetingVictim": -1}
    result = gql(client, FACTS, token=ANALYST, case=case["id"], facts=facts)
    assert result["data"]["recordCaseFacts"]["problems"] == [
        {"field": "facts.occasionsTargetingVictim",
         "message": "Input should be greater than or equal to 0"}
    ]  # fmt: skip
    unknown = """mutation($case: String!) { recordCaseFacts(caseId: $case, facts: {threat: true})
      { __typename } }"""
    refused = gql(client, unknown, token=ANALYST, case=case["id"])
    assert refused["data"] is None
    assert "threat" in refused["errors"][0]["message"]  # not a case fact: the input has none


def test_a_force_sees_its_assigned_and_notified_cases_only(client: TestClient) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    gql(client, FACTS, token=ANALYST, case=case["id"], facts=THREAT_FACTS)
    gql(
        client,
        "mutation($c: String!) { assignCase(caseId: $c) { __typename } }",
        token=ANALYST,
        c=case["id"],
    )
    query = "{ forceCases { ... on ForceCaseConnection { nodes { caseId how forceCode } } } }"

    def seen(force: str) -> list[dict[str, str]]:
        token = f"dev:force_officer:pc1:{force}"
        nodes = gql(client, query, token=token)["data"]["forceCases"]["nodes"]
        assert isinstance(nodes, list)
        return nodes

    assert seen("E23000010") == [
        {"caseId": case["id"], "how": "ASSIGNED", "forceCode": "E23000010"}
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
    report = """mutation($c: String!, $code: OutcomeType!, $named: Boolean!, $why: String) {
      reportOutcome(caseId: $c, code: $code, namedSuspect: $named, supervisorJustification: $why) {
        __typename ... on OutcomeRecorded { code }
        ... on InvalidInputError { problems { field } } ... on ForbiddenError { message } } }"""
    west_yorkshire = "dev:force_officer:pc9:E23000010"

    def send(token: str, code: str, named: bool, why: str | None = None) -> dict[str, Any]:
        result = gql(client, report, token=token, c=case["id"], code=code, named=named, why=why)
        return result["data"]["reportOutcome"]  # type: ignore[no-any-return]

    manchester = "dev:force_officer:pc1:E23000005"
    assert send(manchester, "OUTCOME_1", True)["__typename"] == "ForbiddenError"
    no_suspect = send(west_yorkshire, "OUTCOME_15", False)
    assert no_suspect["problems"] == [{"field": "outcome.named_suspect"}]
    unjustified = send(west_yorkshire, "OUTCOME_21", True)
    assert {"field": "outcome.supervisor_justification"} in unjustified["problems"]
    justified = send(west_yorkshire, "OUTCOME_21", True, "victim's wishes; DS approved")
    assert justified["code"] == "OUTCOME_21"
    unknown = report.replace("$code: OutcomeType!, ", "").replace("$code", "OUTCOME_99")
    refused = gql(client, unknown, token=west_yorkshire, c=case["id"], named=True)
    assert refused["data"] is None
    assert "OUTCOME_99" in refused["errors"][0]["message"]  # not an outcome type at all


DATED = """mutation($c: String!, $on: Date, $note: String) {
  reportOutcome(caseId: $c, code: OUTCOME_1, namedSuspect: true, outcomeOn: $on, note: $note) {
    __typename ... on OutcomeRecorded { code outcomeOn note }
    ... on InvalidInputError { problems { field message } } } }"""


def test_an_outcome_keeps_its_date_and_note_and_refuses_impossible_dates(
    client: TestClient, reference_graph: Graph
) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    gql(client, "mutation($c: String!) { reassignCase(caseId: $c, toForce: \"E23000010\", "
        "reason: \"test\") { __typename } }", token=ANALYST, c=case["id"])  # fmt: skip
    officer = "dev:force_officer:pc9:E23000010"
    today = datetime.now(UK).date()

    def send(on: str | None, note: str | None = None) -> dict[str, Any]:
        found = gql(client, DATED, token=officer, c=case["id"], on=on, note=note)
        return found["data"]["reportOutcome"]  # type: ignore[no-any-return]

    future = send((today + timedelta(days=1)).isoformat())
    assert [p["field"] for p in future["problems"]] == ["outcome.date"]
    assert "today" in future["problems"][0]["message"]
    early = send("2020-01-01", "x" * (MAX_NOTE + 1))
    assert [p["field"] for p in early["problems"]] == ["outcome.date", "outcome.note"]
    assert "when the case was opened" in early["problems"][0]["message"]
    assert query(reference_graph, "MATCH (o:Outcome) RETURN o") == []  # nothing kept

    note = "charged at Leeds; CPS file ref 12/34"
    recorded = send(today.isoformat(), f"  {note}  ")
    assert recorded == {
        "__typename": "OutcomeRecorded",
        "code": "OUTCOME_1",
        "outcomeOn": today.isoformat(),
        "note": note,
    }
    undated = send(None)
    assert (undated["outcomeOn"], undated["note"]) == (today.isoformat(), None)
    stored = query(
        reference_graph,
        "MATCH (:Case {id: $id})-[:HAS_OUTCOME]->(o:Outcome) RETURN o.outcome_on AS on, "
        "o.note AS note, o.force_code AS force ORDER BY o.reported_at", id=case["id"],
    )  # fmt: skip
    assert [(str(r["on"]), r["note"], r["force"]) for r in stored] == [
        (today.isoformat(), note, "E23000010"),
        (today.isoformat(), None, "E23000010"),
    ]


def test_a_case_is_assessed_once_a_request_for_its_assessment_and_assignment(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both read the case's evidence (for a viral case, every report's people): once is enough."""
    case = _submit(client, "2026-05-01T10:00:00Z")
    calls: list[str] = []
    view = cases_store.view

    def counted(graph: Graph, case_id: str, now: datetime | None = None) -> cases_store.CaseView:
        calls.append(case_id)
        return view(graph, case_id, now)

    monkeypatch.setattr(cases_store, "view", counted)
    again = _case(client)
    assert calls == [case["id"]]
    assert again["assessment"] == case["assessment"]
    assert again["assignment"] == case["assignment"]


CASE_BY_ID = """query($id: ID!) { case(id: $id) { __typename ... on Case { id status }
  ... on NotFoundError { message } ... on ForbiddenError { message } } }"""


def test_a_case_by_id_is_found_or_not_found_and_only_for_hub_staff(client: TestClient) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    found = gql(client, CASE_BY_ID, token=ANALYST, id=case["id"])["data"]["case"]
    assert found == {"__typename": "Case", "id": case["id"], "status": "OPEN"}
    missing = gql(client, CASE_BY_ID, token=ANALYST, id="case:nothing")["data"]["case"]
    assert missing == {
        "__typename": "NotFoundError",
        "message": "case 'case:nothing' does not exist",
    }
    officer = "dev:force_officer:pc1:E23000005"
    refused = gql(client, CASE_BY_ID, token=officer, id=case["id"])["data"]["case"]
    assert refused["__typename"] == "ForbiddenError"


PAGE = """query($after: String) { casesToAssess(first: 2, after: $after) {
  __typename ... on CaseToAssessConnection {
    nodes { caseId } pageInfo { hasNextPage endCursor } }
  ... on InvalidInputError { problems { field } } } }"""


def test_the_cases_to_assess_page_to_their_end(client: TestClient) -> None:
    for n in range(5):
        payload = referral(source_ref=f"TV-Q{n}")
        payload["submitted_at"] = f"2026-05-0{n + 1}T10:00:00Z"
        payload["incident"]["occurred_at"] = f"2026-05-0{n + 1}T09:00:00Z"
        payload["content"][0]["url"] = f"https://x.com/someone/status/{1000 + n}"
        assert client.post("/api/v1/referrals", json=payload).status_code == 201
    listed: list[str] = []
    after = None
    for _ in range(5):
        page = gql(client, PAGE, token=ANALYST, after=after)["data"]["casesToAssess"]
        listed.extend(n["caseId"] for n in page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    everything = gql(client, QUEUE, token=ANALYST)["data"]["casesToAssess"]["nodes"]
    assert listed == [n["caseId"] for n in everything]
    assert len(listed) == 5
    bad = gql(client, PAGE, token=ANALYST, after="not a cursor")["data"]["casesToAssess"]
    assert bad == {"__typename": "InvalidInputError", "problems": [{"field": "after"}]}


def test_a_victims_location_learnt_after_intake_decides_the_force(client: TestClient) -> None:
    witness = {**referral()["reporter"], "role": "witness"}  # in Wigan; the victim unplaced
    case = _submit(client, "2026-05-31T22:15:00Z", reporter=witness)
    assert case["assignment"]["leadForce"]["code"] == "E23000005"  # the reporter's force
    facts = {"victims": [{"postcode": "cf10 1aa", "label": "A. Jones"}]}
    result = gql(client, FACTS, token=ANALYST, case=case["id"], facts=facts)
    assert result["data"]["recordCaseFacts"]["__typename"] == "Assessment"

    assignment = _case(client)["assignment"]
    assert assignment["leadForce"] == {"code": "W15000003", "name": "South Wales Police"}
    assert any("South Wales Police" in r for r in assignment["reasons"])


def test_a_victim_location_that_cannot_be_used_is_named_with_every_other_problem(
    client: TestClient,
) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    facts = {
        "victims": [{"postcode": "not a postcode"}, {"forceCode": "E99999999"}, {}],
        "suspects": [{"identified": True, "where": "UK_POSTCODE"}],
    }
    result = gql(client, FACTS, token=ANALYST, case=case["id"], facts=facts)
    fields = [p["field"] for p in result["data"]["recordCaseFacts"]["problems"]]
    assert fields == [
        "facts.suspects[0]",
        "facts.victims[0].postcode",
        "facts.victims[1].forceCode",
        "facts.victims[2]",
    ]


def test_a_suspect_under_the_age_of_criminal_responsibility_cannot_be_prosecuted(
    client: TestClient,
) -> None:
    case = _submit(client, "2026-05-31T22:15:00Z")
    result = gql(client, FACTS, token=ANALYST, case=case["id"], facts={**THREAT_FACTS,
                 "suspectAge": 9})  # fmt: skip
    assert result["data"]["recordCaseFacts"]["recommendation"] == "CRIME"
    reasons = _case(client)["assessment"]["reasons"]
    assert any("Suspect aged 9" in r and "No prosecution is possible" in r for r in reasons)
