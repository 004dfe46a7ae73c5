"""The public door's limits (issue 21.6): 413 for an oversize body on every intake door, the
same size limit on submitReferral as on REST, 415 for a body that is not JSON, nesting refused
by name, a rate for the public and another for each partner, and never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.request_guard import QUERY_ALLOWANCE_BYTES, STATUS_MAX_BODY_BYTES
from graph.db import Graph
from graph.settings import Settings
from ingest.limits import MAX_BODY_BYTES, MAX_CONTENT_TEXT_CHARS
from tests.api.intake.inputs import referral_input
from tests.factories import referral

REFERRALS, STATUS, GRAPHQL = "/api/v1/referrals", "/api/v1/status", "/graphql"
AS_JSON = {"content-type": "application/json"}
SUBMIT = """mutation($r: ReferralInput!) { submitReferral(referral: $r) {
  __typename ... on ReferralAccepted { status reference }
  ... on InvalidInputError { problems { field message } } } }"""


def _of_size(source_ref: str, items: int, last_text: int = MAX_CONTENT_TEXT_CHARS) -> Any:
    """A valid referral of ``items`` content items of the longest text each."""
    payload = referral(source_ref=source_ref)
    payload["content"] = [
        {"platform": "X", "text": "x" * (last_text if n == items - 1 else MAX_CONTENT_TEXT_CHARS)}
        for n in range(items)
    ]
    return payload


def _too_large(response: Any, limit: int) -> None:
    assert response.status_code == 413, response.text[:300]
    assert response.json()["problems"] == [
        {"field": "body", "message": f"is larger than {limit} bytes"}
    ]


def test_an_oversize_body_is_413_on_every_intake_door(client: TestClient) -> None:
    big = b'{"a": "' + b"x" * MAX_BODY_BYTES + b'"}'
    _too_large(client.post(REFERRALS, content=big, headers=AS_JSON), MAX_BODY_BYTES)
    chunks = iter([big[:65536]] * (len(big) // 65536 + 1))  # no Content-Length: counted
    _too_large(client.post(REFERRALS, content=chunks, headers=AS_JSON), MAX_BODY_BYTES)
    status = b'{"reference": "OHCH-2026-000001", "access_code": "' + b"A" * 5000 + b'"}'
    _too_large(client.post(STATUS, content=status, headers=AS_JSON), STATUS_MAX_BODY_BYTES)
    huge = _of_size("BIG-1", 30)  # 600,000 characters of text
    submit = client.post(GRAPHQL, json={"query": SUBMIT, "variables": {"r": referral_input(huge)}})
    _too_large(submit, MAX_BODY_BYTES + QUERY_ALLOWANCE_BYTES)


def test_graphql_takes_a_referral_as_large_as_rest_does(client: TestClient) -> None:
    """20 items of 20,000 characters: ~400 KB, past GraphQL's own 256 KB body limit."""
    rest = client.post(REFERRALS, json=_of_size("LARGE-REST", 20))
    assert rest.status_code == 201, rest.text[:300]
    typed = referral_input(_of_size("LARGE-GQL", 20))
    response = client.post(GRAPHQL, json={"query": SUBMIT, "variables": {"r": typed}})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["data"]["submitReferral"]["status"] == "CREATED"


def test_a_referral_just_past_the_limit_is_refused_on_both_doors(client: TestClient) -> None:
    """26 full items and one of 5,000: about 527 KB as JSON, past 512 KiB (524,288 bytes)."""
    payload = _of_size("PAST-1", 27, last_text=5_000)
    _too_large(client.post(REFERRALS, json=payload), MAX_BODY_BYTES)
    typed = referral_input(payload)
    response = client.post(GRAPHQL, json={"query": SUBMIT, "variables": {"r": typed}})
    assert response.status_code == 200, response.text[:300]
    answer = response.json()["data"]["submitReferral"]
    assert answer["__typename"] == "InvalidInputError"
    assert answer["problems"] == [
        {
            "field": "referral",
            "message": f"is larger than {MAX_BODY_BYTES} bytes as JSON, the limit on every door",
        }
    ]


@pytest.mark.parametrize("door", [REFERRALS, STATUS, GRAPHQL])
@pytest.mark.parametrize("kind", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_body_that_is_not_json_is_415(client: TestClient, door: str, kind: str | None) -> None:
    headers = {"content-type": kind} if kind else {}
    response = client.post(door, content=b'{"query": "{ __typename }"}', headers=headers)
    assert response.status_code == 415, response.text
    assert response.json()["problems"] == [
        {"field": "body", "message": "must be sent as JSON (Content-Type: application/json)"}
    ]


@pytest.mark.parametrize(("door", "status"), [(REFERRALS, 422), (STATUS, 422), (GRAPHQL, 400)])
def test_nesting_is_refused_by_name(client: TestClient, door: str, status: int) -> None:
    # 1,500 deep fits in the status door's 4 KiB, and is past Python's recursion limit.
    deep = b'{"reference": ' + b"[" * 1500 + b"]" * 1500 + b"}"
    response = client.post(door, content=deep, headers=AS_JSON)
    assert response.status_code == status, response.text
    assert response.json()["problems"] == [
        {"field": "body", "message": "nests arrays or objects deeper than 32"}
    ]


ODD_BODIES = [
    b"", b"null", b"[]", b'"text"', b"1e999999", b"\xff\xfe\x00", b"{", b'{"a": NaN}',
    b'{"query": 5}', b'{"query": "{ __typename }", "variables": [1]}',
    b'{"query": "{ __typename }", "operationName": 5}', b'{"reference": 1, "access_code": []}',
    b'{"source": 5, "source_ref": {}, "content": "x"}', b'{"reference": "x", "access_code": "y"}',
    b'{"query": "mutation { submitReferral(referral: {}) { __typename } }"}',
]  # fmt: skip


@pytest.mark.parametrize("door", [REFERRALS, STATUS, GRAPHQL])
def test_odd_bodies_never_make_a_500(client: TestClient, door: str) -> None:
    statuses = {
        body: client.post(door, content=body, headers=AS_JSON).status_code for body in ODD_BODIES
    }
    assert all(400 <= code < 500 or code == 200 for code in statuses.values()), statuses


@pytest.fixture
def limited(neo4j_settings: Settings, reference_graph: Graph) -> Iterator[TestClient]:
    rates = {"intake_rate_per_minute": 1, "intake_partner_rate_per_minute": 2}
    with TestClient(create_app(neo4j_settings.model_copy(update=rates))) as client:
        yield client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_each_partner_has_its_own_rate_apart_from_the_publics(limited: TestClient) -> None:
    cst, mama = _bearer("dev:partner:cst-feed:cst"), _bearer("dev:partner:mama-feed:tell-mama")
    sent = [
        limited.post(REFERRALS, json=referral(source="cst", source_ref=f"C-{n}"), headers=cst)
        for n in range(3)
    ]
    assert [r.status_code for r in sent] == [201, 201, 429]
    assert 1 <= int(sent[2].headers["retry-after"]) <= 30  # one token each 30 s at 2 a minute
    assert sent[2].json()["problems"][0]["message"] == (
        "too many referrals from this partner; try again shortly"
    )
    over_graphql = limited.post(
        GRAPHQL,
        json={"query": SUBMIT, "variables": {"r": referral_input(referral(source="cst"))}},
        headers=cst,
    )
    assert over_graphql.status_code == 429
    other = limited.post(REFERRALS, json=referral(source="tell-mama"), headers=mama)
    assert other.status_code == 201  # another partner's bucket
    public = [limited.post(REFERRALS, json=referral(source_ref=f"P-{n}")) for n in range(2)]
    assert [r.status_code for r in public] == [201, 429]  # the public's own, at 1 a minute
    assert public[1].json()["problems"][0]["message"] == (
        "too many referrals from this address; try again shortly"
    )
    staff = limited.post(REFERRALS, json=referral(source_ref="S-1"), headers=_bearer("dev-analyst"))
    assert staff.status_code == 201  # staff are not limited


def test_a_partner_rate_of_zero_is_no_limit(
    neo4j_settings: Settings, reference_graph: Graph
) -> None:
    unlimited = {"intake_rate_per_minute": 1, "intake_partner_rate_per_minute": 0}
    cst = _bearer("dev:partner:bench:cst")
    with TestClient(create_app(neo4j_settings.model_copy(update=unlimited))) as client:
        statuses = [
            client.post(REFERRALS, json=referral(source="cst", source_ref=f"B-{n}"), headers=cst)
            for n in range(5)
        ]
    assert [r.status_code for r in statuses] == [201] * 5


def test_a_bad_token_is_not_counted_against_a_partner_but_refused(limited: TestClient) -> None:
    refused = [
        limited.post(REFERRALS, json=referral(), headers=_bearer("dev:partner")) for _ in range(4)
    ]
    assert {r.status_code for r in refused} == {401}
