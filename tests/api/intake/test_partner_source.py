"""Who sends decides the source (issue 21.5): the public writes under the public site's source,
a partner under its own only, by REST, GraphQL and the report form alike (development tokens;
the same against a real Keycloak: tests/e2e/signin/test_partner_source.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from tests.api.conftest import gql
from tests.api.intake.inputs import referral_input
from tests.factories import referral
from tests.integration.intake.helpers import query

URL = "/api/v1/referrals"
PUBLIC_SITE = "true-vision"  # OHCH_INTAKE_PUBLIC_SOURCE's default
CST = {"Authorization": "Bearer dev:partner:cst-feed:cst"}
SUBMIT = """mutation($r: ReferralInput!) { submitReferral(referral: $r) {
  __typename ... on ReferralAccepted { status reference }
  ... on ForbiddenError { message } ... on InvalidInputError { problems { field message } } } }"""


def _stored(graph: Graph, reference: str) -> tuple[str, str]:
    (row,) = query(
        graph,
        "MATCH (r:Report {reference: $ref}) RETURN r.source AS source, r.source_ref AS ref",
        ref=reference,
    )
    return row["source"], row["ref"]


def _without_source(source_ref: str) -> dict[str, Any]:
    payload = referral(source_ref=source_ref)
    del payload["source"]
    return payload


def test_a_partner_writes_under_its_own_source(client: TestClient, reference_graph: Graph) -> None:
    named = client.post(URL, json=referral(source="cst", source_ref="CST-1"), headers=CST)
    assert named.status_code == 201, named.text
    left_out = client.post(URL, json=_without_source("CST-2"), headers=CST)
    assert left_out.status_code == 201, left_out.text
    assert _stored(reference_graph, named.json()["reference"]) == ("cst", "CST-1")
    assert _stored(reference_graph, left_out.json()["reference"]) == ("cst", "CST-2")


@pytest.mark.parametrize("source", [PUBLIC_SITE, "tell-mama"])
def test_a_partner_is_refused_under_another_source(
    client: TestClient, reference_graph: Graph, source: str
) -> None:
    response = client.post(URL, json=referral(source=source, source_ref="CST-3"), headers=CST)
    assert response.status_code == 403
    assert response.json()["detail"].startswith(
        f"source: the partner 'cst-feed' writes only under 'cst', not '{source}'"
    )
    assert query(reference_graph, "MATCH (r:Report) RETURN count(r) AS n") == [{"n": 0}]


def test_an_anonymous_caller_cannot_write_under_a_partners_source(
    client: TestClient, reference_graph: Graph
) -> None:
    response = client.post(URL, json=referral(source="cst", source_ref="CST-1"))
    assert response.status_code == 403
    assert response.json()["error"] == "Forbidden"
    assert response.json()["detail"].startswith(
        "source: a referral sent without signing in is written under 'true-vision', not 'cst'"
    )
    typed = referral_input(referral(source="cst", source_ref="CST-1"))
    answer = gql(client, SUBMIT, r=typed)["data"]["submitReferral"]
    assert answer["__typename"] == "ForbiddenError"
    assert answer["message"].startswith("source: a referral sent without signing in")
    assert query(reference_graph, "MATCH (r:Report) RETURN count(r) AS n") == [{"n": 0}]


def test_an_anonymous_referral_gets_the_public_sites_source(
    client: TestClient, reference_graph: Graph
) -> None:
    rest = client.post(URL, json=_without_source("PUB-1"))
    assert rest.status_code == 201, rest.text
    typed = referral_input(_without_source("PUB-2"))
    answer = gql(client, SUBMIT, r=typed)["data"]["submitReferral"]
    assert answer["__typename"] == "ReferralAccepted", answer
    assert _stored(reference_graph, rest.json()["reference"]) == (PUBLIC_SITE, "PUB-1")
    assert _stored(reference_graph, answer["reference"]) == (PUBLIC_SITE, "PUB-2")


def test_graphql_keeps_the_partner_to_its_source(
    client: TestClient, reference_graph: Graph
) -> None:
    own = gql(client, SUBMIT, "dev:partner:cst-feed:cst", r=referral_input(_without_source("G-1")))
    assert own["data"]["submitReferral"]["__typename"] == "ReferralAccepted"
    other = gql(client, SUBMIT, "dev:partner:cst-feed:cst", r=referral_input(referral()))
    assert other["data"]["submitReferral"]["__typename"] == "ForbiddenError"
    assert "writes only under 'cst'" in other["data"]["submitReferral"]["message"]
    (row,) = query(reference_graph, "MATCH (r:Report) RETURN collect(r.source) AS sources")
    assert row == {"sources": ["cst"]}


def test_a_partner_token_without_a_source_writes_nowhere(client: TestClient) -> None:
    response = client.post(
        URL, json=_without_source("N-1"), headers={"Authorization": "Bearer dev:partner:feed"}
    )
    assert response.status_code == 403
    assert "has no source of its own" in response.json()["detail"]


def test_staff_name_the_source_as_operators_do(client: TestClient, reference_graph: Graph) -> None:
    response = client.post(
        URL,
        json=referral(source="cst", source_ref="PHONE-1"),
        headers={"Authorization": "Bearer dev-analyst"},
    )
    assert response.status_code == 201, response.text
    assert _stored(reference_graph, response.json()["reference"]) == ("cst", "PHONE-1")


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, name
    return found.group(1)


def test_the_report_form_writes_under_the_public_sites_source(
    client: TestClient, reference_graph: Graph
) -> None:
    page = client.get("/report").text
    answers = {
        "csrf_token": _hidden(page, "csrf_token"),
        "form_token": _hidden(page, "form_token"),
        "role": "third_party", "description": "A post calling for attacks.",
        "platform": "facebook", "content_text": "the post", "contact": "no", "strands": "race",
    }  # fmt: skip
    sent = client.post("/report", data=answers)
    assert sent.status_code == 200, sent.text
    (row,) = query(reference_graph, "MATCH (r:Report) RETURN r.source AS source")
    assert row == {"source": PUBLIC_SITE}
