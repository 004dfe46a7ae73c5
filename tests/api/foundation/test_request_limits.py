"""What could stall or confuse the API is refused before it is parsed, with an error naming
the body and the limit; every response carries the security headers."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from graphql.language import Lexer, Source, TokenKind

from api.app import create_app
from api.request_guard import json_depth_exceeds, query_tokens_exceed
from graph.settings import Settings
from tests.api.intake.inputs import referral_input
from tests.factories import referral

FORCES = "{ forces { ... on ForceList { forces { code } } } }"


def test_a_320_kb_query_is_refused_unread(client: TestClient) -> None:
    query = "{ forces { code } }" + " " * (320 * 1024)
    response = client.post("/graphql", json={"query": query})
    assert response.status_code == 413
    assert response.json()["problems"] == [
        {"field": "body", "message": "is larger than 262144 bytes"}
    ]


def test_a_variable_nested_2000_deep_is_refused(client: TestClient) -> None:
    deep = "[" * 2000 + "]" * 2000
    body = '{"query": "query($v: JSON) { forces { code } }", "variables": {"v": ' + deep + "}}"
    response = client.post(
        "/graphql", content=body.encode(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["problems"][0]["message"] == "nests arrays or objects deeper than 32"


def test_a_query_of_too_many_tokens_is_refused_before_it_is_parsed(client: TestClient) -> None:
    query = "{ forces { " + "code " * 6000 + "} }"
    response = client.post("/graphql", json={"query": query})
    assert response.status_code == 400
    assert response.json()["problems"][0]["message"] == "the query has more than 5000 tokens"
    at_the_limit = "{ forces { " + "code " * 4994 + "} }"  # 5,000 tokens with the braces
    assert client.post("/graphql", json={"query": at_the_limit}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "{ forces { code } }",
        "query($p: String!) { forceForPostcode(postcode: $p) { ... on X { a } } }",
        '{ a(s: "x { y } z", t: """block "quoted" text""", n: -1.5e3, m: [1, 2]) }',
        "{ a, b # a comment { } \n c }",
        '{ a(s: "a # not a comment") @include(if: true) }',
    ],
)
def test_the_token_count_agrees_with_graphql_cores_lexer(query: str) -> None:
    lexer, tokens = Lexer(Source(query)), 0
    while lexer.advance().kind is not TokenKind.EOF:
        tokens += 1
    body = json.dumps({"query": query}).encode()
    assert not query_tokens_exceed(body, tokens)
    assert query_tokens_exceed(body, tokens - 1)


def test_an_ordinary_request_passes_with_its_headers(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": FORCES})
    assert response.status_code == 200
    assert len(response.json()["data"]["forces"]["forces"]) >= 43
    for name, value in {
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
        "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    }.items():
        assert response.headers[name] == value
    assert "strict-transport-security" not in response.headers  # production only
    assert client.get("/healthz").headers["x-content-type-options"] == "nosniff"


def test_brackets_inside_strings_are_text() -> None:
    assert not json_depth_exceeds(json.dumps({"q": "[" * 100, "v": [[1]]}).encode(), 4)
    assert not json_depth_exceeds(json.dumps({"q": '\\"[[[[[['}).encode(), 2)
    assert json_depth_exceeds(json.dumps({"v": [[[[1]]]]}).encode(), 4)
    assert not json_depth_exceeds(json.dumps({"v": [[[1]]]}).encode(), 4)


def test_development_tokens_are_refused_on_an_api_others_can_reach(
    neo4j_settings: Settings,
) -> None:
    exposed = neo4j_settings.model_copy(update={"api_host": "0.0.0.0"})  # noqa: S104
    with TestClient(create_app(exposed)) as client:
        response = client.post(
            "/graphql",
            json={"query": "{ viewer { role } }"},
            headers={"Authorization": "Bearer dev:admin:mallory"},
        )
    assert response.status_code == 401
    assert "development tokens are refused" in response.json()["detail"]


def test_a_referral_that_is_not_json_is_415(client: TestClient) -> None:
    response = client.post(
        "/api/v1/referrals", content=b"name=x", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 415
    assert response.json()["problems"][0]["field"] == "body"


def test_one_address_flooding_the_public_door_gets_429(neo4j_settings: Settings) -> None:
    limited = neo4j_settings.model_copy(update={"intake_rate_per_minute": 3})
    submit = """mutation($r: ReferralInput!) { submitReferral(referral: $r) { __typename } }"""
    with TestClient(create_app(limited)) as client:
        statuses = [
            client.post("/api/v1/referrals", json=referral(source_ref=f"RL-{n}")).status_code
            for n in range(3)
        ]
        assert statuses == [201, 201, 201]
        refused = client.post("/api/v1/referrals", json=referral(source_ref="RL-3"))
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 20
        over_graphql = client.post(
            "/graphql",
            json={"query": submit, "variables": {"r": referral_input(referral(source_ref="RL-4"))}},
        )
        assert over_graphql.status_code == 429
        assert (
            client.post(
                "/graphql", json={"query": "{ forces { ... on ForceList { forces { code } } } }"}
            ).status_code
            == 200
        )
        signed_in = client.post(
            "/api/v1/referrals",
            json=referral(source_ref="RL-5"),
            headers={"Authorization": "Bearer dev-analyst"},
        )
        assert signed_in.status_code == 201
