"""A complainant's status through the API: the same plain timeline by REST and GraphQL, the
same answer for a wrong code and a made-up reference, guessing stopped, every check audited."""

from __future__ import annotations

from pathlib import Path

import orjson
from fastapi.testclient import TestClient

from graph.cases.outcome_store import record_outcome
from graph.cases.store import assign_case
from graph.db import Graph
from graph.viewer import Role, Viewer
from services.attempts import LIMIT
from tests.api.conftest import gql
from tests.factories import referral
from tests.integration.intake.helpers import query
from tests.integration.updates.world import case_of

STATUS = """query($r: String!, $c: String!) { reportStatus(reference: $r, accessCode: $c) {
  __typename
  ... on ReportStatus { reference timeline { step at text } }
  ... on NotFoundError { message }
  ... on TooManyAttemptsError { message retryAfterSeconds } } }"""


def _submitted(client: TestClient) -> tuple[str, str]:
    body = client.post("/api/v1/referrals", json=referral(source_ref="ST-1")).json()
    return body["reference"], body["access_code"]


def test_the_right_code_gives_the_same_timeline_by_rest_and_graphql(
    hub: tuple[TestClient, Path],
) -> None:
    client, _ = hub
    reference, code = _submitted(client)
    rest = client.post("/api/v1/status", json={"reference": reference, "access_code": code})
    assert rest.status_code == 200
    body = rest.json()
    assert [s["step"] for s in body["timeline"]] == ["received", "assessed", "passed_to_force"]
    assert body["timeline"][0]["at"] is not None
    assert body["timeline"][1] == {
        "step": "assessed", "at": None,
        "text": "Hub officers have not finished assessing your report yet.",
    }  # fmt: skip
    typed = f" {reference.lower()} "  # as a person may type it
    answer = gql(client, STATUS, r=typed, c=code)["data"]["reportStatus"]
    assert answer["__typename"] == "ReportStatus"
    assert [(s["step"], s["text"]) for s in answer["timeline"]] == [
        (s["step"].upper(), s["text"]) for s in body["timeline"]
    ]


def test_a_wrong_code_and_a_made_up_reference_get_the_same_answer_and_are_audited(
    hub: tuple[TestClient, Path],
) -> None:
    client, audit = hub
    reference, _ = _submitted(client)
    wrong = client.post("/api/v1/status", json={"reference": reference, "access_code": "AAAA"})
    made_up = client.post(
        "/api/v1/status", json={"reference": "OHCH-2026-999999", "access_code": "AAAA"}
    )
    assert wrong.status_code == made_up.status_code == 404
    assert wrong.json() == made_up.json()
    by_graphql = [
        gql(client, STATUS, r=r, c="AAAA")["data"]["reportStatus"]
        for r in (reference, "OHCH-2026-999999")
    ]
    assert by_graphql[0] == by_graphql[1]
    assert by_graphql[0]["__typename"] == "NotFoundError"
    checks = [
        e for e in map(orjson.loads, audit.read_text().splitlines())
        if e["accessed"][0]["kind"] == "ReportStatus"
    ]  # fmt: skip
    assert len(checks) == 4
    assert {c["details"]["refused"] for c in checks} == {"not_matched"}
    assert all(c["actor"].startswith("complainant@") for c in checks)


def test_guessing_one_reference_is_stopped_and_the_right_code_waits_too(
    hub: tuple[TestClient, Path],
) -> None:
    client, _ = hub
    reference, code = _submitted(client)
    for _ in range(LIMIT):
        assert (
            client.post(
                "/api/v1/status", json={"reference": reference, "access_code": "BBBB"}
            ).status_code
            == 404
        )
    refused = client.post("/api/v1/status", json={"reference": reference, "access_code": code})
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    stopped = gql(client, STATUS, r=reference, c=code)["data"]["reportStatus"]
    assert stopped["__typename"] == "TooManyAttemptsError"


def test_a_question_missing_its_code_is_named(hub: tuple[TestClient, Path]) -> None:
    client, _ = hub
    response = client.post("/api/v1/status", json={"reference": "OHCH-2026-000001"})
    assert response.status_code == 422
    assert [p["field"] for p in response.json()["problems"]] == ["access_code"]


def test_a_closed_case_shows_its_outcome_last_by_rest_and_graphql(
    client: TestClient, reference_graph: Graph
) -> None:
    reference, code = _submitted(client)
    case = case_of(reference_graph, reference)
    assign_case(reference_graph, case, "dc-patel")
    force = query(reference_graph, "MATCH (:Case {id: $k})-[:ASSIGNED_TO]->(f:Force) "
                  "RETURN f.code AS code", k=case)[0]["code"]  # fmt: skip
    officer = Viewer(Role.FORCE_OFFICER, "pc-smith", force)
    record_outcome(reference_graph, case, "18", named_suspect=False, viewer=officer)
    body = client.post("/api/v1/status", json={"reference": reference, "access_code": code}).json()
    closed = body["timeline"][-1]
    assert closed["step"] == "closed"
    assert closed["text"] == (
        "The police closed the case about your report. "
        "The outcome they recorded is: Investigation complete: no suspect identified."
    )
    assert closed["at"] is not None
    answer = gql(client, STATUS, r=reference, c=code)["data"]["reportStatus"]
    assert answer["timeline"][-1]["step"] == "CLOSED"
