"""Data requests to platforms: a legal basis with what it needs, a supervisor's authorisation,
a preservation's expiry in the expiring queue, and the disclosure that answers a request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from graph.data_requests import store
from graph.data_requests.rules import Status
from graph.db import Graph
from ingest.disclosures import disclosure_row
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"
SUPERVISOR = "dev:hub_supervisor:ds-okoro"
CASE_MANAGER = "dev:case_manager:cm-1"
ACCOUNT = "x|jsmith88"
FIELDS = """__typename ... on DataRequest { id status expiresAt expiring disclosures
  authorisedBy steps { status by } }
  ... on InvalidInputError { problems { field message } } ... on ForbiddenError { message }
  ... on NotFoundError { message } ... on ConflictError { message }"""
REQUEST = f"""mutation($a: String!, $k: DataRequestKind!, $b: LegalBasis!, $r: String) {{
  requestPlatformData(accountKey: $a, kind: $k, legalBasis: $b, authorisationReference: $r)
  {{ {FIELDS} }} }}"""
AUTHORISE = f"""mutation($id: String!) {{ authoriseDataRequest(requestId: $id) {{ {FIELDS} }} }}"""
STEP = f"""mutation($id: String!, $s: DataRequestStatus!, $n: String) {{
  recordDataRequestStep(requestId: $id, status: $s, note: $n) {{ {FIELDS} }} }}"""
EXTEND = f"""mutation($id: String!) {{ extendPreservation(requestId: $id) {{ {FIELDS} }} }}"""
LINK = f"""mutation($id: String!, $d: String!) {{
  linkDisclosureToRequest(requestId: $id, disclosureId: $d) {{ {FIELDS} }} }}"""
EXPIRING = """{ dataRequests(expiringOnly: true) {
  ... on DataRequestConnection { nodes { id expiring } } } }"""


def _m(client: TestClient, query: str, token: str, **variables: Any) -> Any:
    result = gql(client, query, token=token, **variables)
    assert "errors" not in result, result["errors"]
    (value,) = result["data"].values()
    return value


def _sent(client: TestClient, kind: str, basis: str, reference: str | None = None) -> str:
    drafted = _m(client, REQUEST, ANALYST, a=ACCOUNT, k=kind, b=basis, r=reference)
    assert drafted["status"] == "DRAFTED", drafted
    assert _m(client, AUTHORISE, SUPERVISOR, id=drafted["id"])["authorisedBy"] == "ds-okoro"
    assert _m(client, STEP, ANALYST, id=drafted["id"], s="SENT", n=None)["status"] == "SENT"
    return str(drafted["id"])


def test_a_request_needs_its_basis_and_a_supervisor(client: TestClient) -> None:
    assert client.post("/api/v1/referrals", json=referral(source_ref="DR-1")).status_code == 201
    missing = _m(client, REQUEST, ANALYST, a=ACCOUNT, k="DISCLOSURE", b="IPA_AUTHORISATION",
                 r=None)  # fmt: skip
    assert missing["problems"][0]["field"] == "authorisationReference"
    unknown = _m(client, REQUEST, ANALYST, a="x|nobody", k="PRESERVATION", b="VOLUNTARY", r=None)
    assert unknown["__typename"] == "NotFoundError"
    drafted = _m(client, REQUEST, ANALYST, a=ACCOUNT, k="PRESERVATION", b="VOLUNTARY", r=None)
    assert _m(client, AUTHORISE, ANALYST, id=drafted["id"])["__typename"] == "ForbiddenError"
    unauthorised = _m(client, STEP, ANALYST, id=drafted["id"], s="SENT", n=None)
    assert unauthorised["__typename"] == "ConflictError"
    refused = gql(client, REQUEST, token=CASE_MANAGER, a=ACCOUNT, k="PRESERVATION",
                  b="VOLUNTARY", r=None)  # fmt: skip
    assert refused["data"]["requestPlatformData"]["__typename"] == "ForbiddenError"


def test_a_preservation_expires_is_listed_before_and_can_be_extended(client: TestClient) -> None:
    assert client.post("/api/v1/referrals", json=referral(source_ref="DR-2")).status_code == 201
    fresh = _sent(client, "PRESERVATION", "VOLUNTARY")
    detail = _m(client, STEP, ANALYST, id=fresh, s="SENT", n=None)
    assert detail["__typename"] == "ConflictError"  # sent once

    graph: Graph = client.app.state.graph  # type: ignore[attr-defined]
    drafted = _m(client, REQUEST, ANALYST, a=ACCOUNT, k="PRESERVATION", b="VOLUNTARY", r=None)
    _m(client, AUTHORISE, SUPERVISOR, id=drafted["id"])
    eighty_days_ago = datetime.now(UTC) - timedelta(days=80)
    old = store.step(graph, drafted["id"], Status.SENT, "dc-patel", eighty_days_ago)
    assert old.expires_at == eighty_days_ago + timedelta(days=90)

    listed = gql(client, EXPIRING, token=ANALYST)["data"]["dataRequests"]["nodes"]
    assert listed == [{"id": drafted["id"], "expiring": True}]  # 10 days left; the fresh one 90
    extended = _m(client, EXTEND, ANALYST, id=drafted["id"])
    assert not extended["expiring"]
    assert gql(client, EXPIRING, token=ANALYST)["data"]["dataRequests"]["nodes"] == []


def test_a_disclosure_answers_its_request(client: TestClient) -> None:
    assert client.post("/api/v1/referrals", json=referral(source_ref="DR-3")).status_code == 201
    request_id = _sent(client, "DISCLOSURE", "IPA_AUTHORISATION", "OCDA/2026/0411")
    # A UTC time as clients write it (Z): the typed input hands it on as written, so the id
    # worked out here from the same document is the one recorded.
    disclosure = {"platform": "x", "handle": "jsmith88", "emails": ["j.smith88@example.com"],
                  "received_at": "2026-06-03T10:00:00Z"}  # fmt: skip
    record = """mutation($d: DisclosureInput!) { submitDisclosure(disclosure: $d) {
      __typename } }"""
    assert gql(client, record, token=ANALYST, d=disclosure)["data"]["submitDisclosure"] == {
        "__typename": "DisclosureRecorded"
    }
    disclosure_id = disclosure_row(disclosure)["id"]
    wrong = _m(client, LINK, ANALYST, id=request_id, d="dsc-not-recorded")
    assert wrong["__typename"] == "NotFoundError"
    answered = _m(client, LINK, ANALYST, id=request_id, d=disclosure_id)
    assert answered["status"] == "ANSWERED"
    assert answered["disclosures"] == [disclosure_id]
    assert [s["status"] for s in answered["steps"]] == [
        "DRAFTED", "AUTHORISED", "SENT", "ANSWERED",
    ]  # fmt: skip


PAGE = """query($first: Int!, $after: String) { dataRequests(statuses: [DRAFTED], first: $first,
  after: $after) { __typename ... on DataRequestConnection { nodes { id }
    pageInfo { hasNextPage endCursor } } ... on ForbiddenError { message } } }"""


def test_the_queue_pages_to_its_end_for_cleared_roles_only(client: TestClient) -> None:
    assert client.post("/api/v1/referrals", json=referral(source_ref="DR-4")).status_code == 201
    ids = [
        _m(client, REQUEST, ANALYST, a=ACCOUNT, k="PRESERVATION", b="VOLUNTARY", r=None)["id"]
        for _ in range(3)
    ]
    first = _m(client, PAGE, ANALYST, first=2, after=None)
    assert (len(first["nodes"]), first["pageInfo"]["hasNextPage"]) == (2, True)
    rest = _m(client, PAGE, ANALYST, first=2, after=first["pageInfo"]["endCursor"])
    assert (len(rest["nodes"]), rest["pageInfo"]["hasNextPage"]) == (1, False)
    assert sorted(n["id"] for n in first["nodes"] + rest["nodes"]) == sorted(ids)

    refused = _m(client, PAGE, CASE_MANAGER, first=2, after=None)
    assert refused["__typename"] == "ForbiddenError"
