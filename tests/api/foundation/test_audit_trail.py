"""Every read of personal data through the API, and every referral collected, is in the audit
trail before the response is sent; refusals reveal nothing and log nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.audit.log import AuditLog
from graph.audit.records import AuditRecord, Operation
from graph.db import Graph
from graph.settings import Settings
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"
SUPERVISOR = "dev:hub_supervisor:ds-okoro"
MANCHESTER, WEST_YORKSHIRE = "E23000005", "E23000010"
OFFICER = f"dev:force_officer:pc1:{MANCHESTER}"
OTHER_OFFICER = f"dev:force_officer:pc2:{WEST_YORKSHIRE}"
CASE_OF = """query($ref: String!) { report(sourceRef: $ref) { __typename
  ... on Report { content { id case { id } } } } }"""
DETAIL = """query($id: String!) { forceCase(id: $id) { __typename
  ... on ForceCaseDetail { id victims { name email phone postcode } } } }"""
REASSIGN = """mutation($c: String!, $f: String!) {
  reassignCase(caseId: $c, toForce: $f, reason: "the victim lives in Wigan") { __typename } }"""


@pytest.fixture
def audited(
    neo4j_settings: Settings, reference_graph: Graph, tmp_path: Path
) -> Iterator[tuple[TestClient, AuditLog]]:
    settings = neo4j_settings.model_copy(update={"audit_log": tmp_path / "audit" / "audit.jsonl"})
    with TestClient(create_app(settings)) as client:
        yield client, AuditLog(settings.audit_log)


def _only(records: list[AuditRecord], endpoint: str) -> AuditRecord:
    (record,) = [r for r in records if r.endpoint == endpoint]
    return record


def test_reads_and_changes_are_logged_with_who_what_and_which_fields(
    audited: tuple[TestClient, AuditLog],
) -> None:
    client, log = audited
    response = client.post("/api/v1/referrals", json=referral(source_ref="AUD-1"))
    assert response.status_code == 201
    reference = response.json()["reference"]

    found = gql(client, CASE_OF, token=ANALYST, ref="AUD-1")["data"]["report"]["content"]
    case_id, content_id = found["case"]["id"], found["id"]
    assert gql(client, REASSIGN, token=ANALYST, c=case_id, f=MANCHESTER)["data"]
    victims = gql(client, DETAIL, token=OFFICER, id=case_id)["data"]["forceCase"]["victims"]
    assert victims[0]["email"]

    records = list(log.records())
    collected = _only(records, "rest:POST /api/v1/referrals")
    assert (collected.operation, collected.actor, collected.role) == (
        Operation.COLLECTION, "anonymous", "public",
    )  # fmt: skip
    assert collected.accessed[0].ids == (reference,)

    looked_up = _only(records, "graphql:report")
    assert (looked_up.operation, looked_up.actor, looked_up.role) == (
        Operation.CONSULTATION, "dc-patel", "hub_analyst",
    )  # fmt: skip
    assert "AUD-1" in looked_up.accessed[0].ids
    assert set(looked_up.accessed[0].fields) == {"content.id", "content.case.id"}

    reassigned = _only(records, "graphql:reassignCase")
    assert reassigned.operation is Operation.ALTERATION
    assert case_id in reassigned.accessed[0].ids
    assert reassigned.reason == "the victim lives in Wigan"

    read = _only(records, "graphql:forceCase")
    assert (read.actor, read.role, read.force_code) == ("pc1", "force_officer", MANCHESTER)
    assert read.accessed[0].ids == (case_id,)
    assert set(read.accessed[0].fields) == {
        "id", "victims.name", "victims.email", "victims.phone", "victims.postcode",
    }  # fmt: skip

    assert [r.seq for r in records] == list(range(1, len(records) + 1))
    assert log.verify().ok
    assert [r.endpoint for r in log.search(entity_id=case_id)] == [
        "graphql:reassignCase", "graphql:forceCase",
    ]  # fmt: skip
    assert content_id


def test_lists_log_the_records_they_returned(audited: tuple[TestClient, AuditLog]) -> None:
    client, log = audited
    for ref, post in (("AUD-L1", "1"), ("AUD-L2", "2")):
        payload = referral(source_ref=ref)
        payload["content"][0]["url"] = f"https://x.com/someone/status/{post}"
        assert client.post("/api/v1/referrals", json=payload).status_code == 201
        found = gql(client, CASE_OF, token=ANALYST, ref=ref)["data"]["report"]["content"]
        assert gql(client, REASSIGN, token=ANALYST, c=found["case"]["id"], f=MANCHESTER)["data"]
    cases = gql(client, "{ forceCases { ... on ForceCaseConnection { nodes { caseId } } } }",
                token=SUPERVISOR)["data"]["forceCases"]["nodes"]  # fmt: skip
    listed = _only(list(log.records()), "graphql:forceCases")
    assert set(listed.accessed[0].ids) == {c["caseId"] for c in cases}
    assert len(cases) == 2


def test_refusals_and_reference_data_are_not_logged(audited: tuple[TestClient, AuditLog]) -> None:
    client, log = audited
    assert client.post("/api/v1/referrals", json=referral(source_ref="AUD-R")).status_code == 201
    found = gql(client, CASE_OF, token=ANALYST, ref="AUD-R")["data"]["report"]["content"]
    before = len(list(log.records()))
    refused = gql(client, CASE_OF, token=OFFICER, ref="AUD-R")
    assert refused["data"] == {"report": {"__typename": "ForbiddenError"}}
    unseen = gql(client, DETAIL, token=OTHER_OFFICER, id=found["case"]["id"])
    assert unseen["data"] == {"forceCase": {"__typename": "NotFoundError"}}  # not this force's
    assert gql(client, "{ forces { ... on ForceList { forces { code } } } }")["data"]["forces"]
    assert len(list(log.records())) == before


def test_a_read_that_cannot_be_logged_reveals_nothing(
    neo4j_settings: Settings, reference_graph: Graph, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the log's folder should be")
    settings = neo4j_settings.model_copy(update={"audit_log": blocked / "audit.jsonl"})
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        payload = referral(source_ref="AUD-X")
        response = client.post("/api/v1/referrals", json=payload)
        assert response.status_code == 503  # stored, but the receipt is withheld: retry
        assert response.json()["error"] == "AuditUnavailable"
        assert "OHCH-" not in response.text
        assert str(tmp_path) not in response.text
        response = client.post(
            "/graphql",
            json={"query": CASE_OF, "variables": {"ref": "AUD-X"}},
            headers={"Authorization": f"Bearer {ANALYST}"},
        )
        assert response.json()["data"] is None
        assert "audit trail cannot be written" in response.json()["errors"][0]["message"]
        assert str(tmp_path) not in response.text

    settings = settings.model_copy(update={"audit_log": tmp_path / "audit.jsonl"})
    with TestClient(create_app(settings)) as client:  # the log is back: the retry is answered
        response = client.post("/api/v1/referrals", json=payload)
        assert response.status_code == 200
        assert response.json()["status"] == "already_received"
        found = gql(client, CASE_OF, token=ANALYST, ref="AUD-X")["data"]["report"]
        assert found["content"]["case"]["id"]


TRAIL = """query($e: String, $a: String, $first: Int! = 50, $after: String) {
  auditTrail(entityId: $e, actor: $a, first: $first, after: $after) { __typename
  ... on AuditEntryConnection { nodes { seq operation actor role endpoint accessed { ids fields } }
    pageInfo { hasNextPage endCursor } }
  ... on ForbiddenError { message } ... on InvalidInputError { problems { field message } } } }"""


def _read_by_an_officer(client: TestClient, source_ref: str, times: int = 1) -> str:
    """A referral's case, reassigned to Manchester and read there ``times``; its id."""
    assert client.post("/api/v1/referrals", json=referral(source_ref=source_ref)).status_code == 201
    found = gql(client, CASE_OF, token=ANALYST, ref=source_ref)["data"]["report"]
    case_id = str(found["content"]["case"]["id"])
    assert gql(client, REASSIGN, token=ANALYST, c=case_id, f=MANCHESTER)["data"]
    for _ in range(times):
        assert gql(client, DETAIL, token=OFFICER, id=case_id)["data"]["forceCase"]
    return case_id


def test_a_supervisor_asks_who_looked_at_a_case(audited: tuple[TestClient, AuditLog]) -> None:
    client, log = audited
    case_id = _read_by_an_officer(client, "AUD-S")

    who = gql(client, TRAIL, token=SUPERVISOR, e=case_id)["data"]["auditTrail"]["nodes"]
    assert [(w["actor"], w["endpoint"], w["operation"]) for w in who] == [
        ("dc-patel", "graphql:reassignCase", "ALTERATION"),
        ("pc1", "graphql:forceCase", "CONSULTATION"),
    ]
    what = gql(client, TRAIL, token=SUPERVISOR, a="pc1")["data"]["auditTrail"]["nodes"]
    assert [w["endpoint"] for w in what] == ["graphql:forceCase"]

    refused = gql(client, TRAIL, token=ANALYST, e=case_id)["data"]["auditTrail"]
    assert refused["__typename"] == "ForbiddenError"
    assert "only supervisors and administrators" in refused["message"]
    asked = [r for r in log.records() if r.endpoint == "graphql:auditTrail"]
    assert [(r.actor, r.accessed[0].ids) for r in asked] == [
        ("ds-okoro", (case_id,)), ("ds-okoro", ("pc1",)),
    ]  # fmt: skip
    unnamed = gql(client, TRAIL, token=SUPERVISOR)["data"]["auditTrail"]
    assert unnamed["__typename"] == "InvalidInputError"
    assert unnamed["problems"][0]["field"] == "entityId"


def test_the_trail_pages_to_its_end(audited: tuple[TestClient, AuditLog]) -> None:
    client, log = audited
    case_id = _read_by_an_officer(client, "AUD-P", times=3)
    expected = [r.seq for r in log.search(actor="pc1")]
    assert len(expected) == 3

    seen, after = [], None
    while True:
        page = gql(client, TRAIL, token=SUPERVISOR, a="pc1", first=2, after=after)
        trail = page["data"]["auditTrail"]
        seen += [n["seq"] for n in trail["nodes"]]
        if not trail["pageInfo"]["hasNextPage"]:
            break
        after = trail["pageInfo"]["endCursor"]
    assert seen == expected  # oldest first, each once
    bad = gql(client, TRAIL, token=SUPERVISOR, e=case_id, after="bm90LWEtc2Vx")  # "not-a-seq"
    assert bad["data"]["auditTrail"]["problems"][0]["field"] == "after"
