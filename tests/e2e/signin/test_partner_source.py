"""A partner authenticates with its client credentials at a real identity provider (Keycloak,
tests/keycloak_provider.py) and writes referrals under its own source only; an anonymous
caller cannot write under a partner's source (issue 21.5)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from tests.factories import referral
from tests.integration.intake.helpers import query
from tests.keycloak_provider import KeycloakRealm, token_claims

PARTNER_CLIENT, PARTNER_SECRET = "ohch-partner-cst", "ohch-partner-cst-test-secret"
URL = "/api/v1/referrals"


@pytest.fixture
def partner_token(keycloak_realm: KeycloakRealm) -> str:
    return keycloak_realm.client_token(PARTNER_CLIENT, PARTNER_SECRET)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _sources(graph: Graph) -> list[Any]:
    rows = query(graph, "MATCH (r:Report) RETURN r.source AS s, r.source_ref AS ref ORDER BY ref")
    return [(row["s"], row["ref"]) for row in rows]


def test_the_partners_token_names_its_source(hub: TestClient, partner_token: str) -> None:
    claims = token_claims(partner_token)
    assert claims["ohch_source"] == "cst"
    assert "partner" in claims["realm_access"]["roles"]
    viewer = hub.post(
        "/graphql",
        json={"query": "{ viewer { role userId forceCode } }"},
        headers=_bearer(partner_token),
    )
    assert viewer.json()["data"]["viewer"] == {
        "role": "PARTNER", "userId": "service-account-ohch-partner-cst", "forceCode": None,
    }  # fmt: skip


def test_a_partner_writes_under_its_source_and_no_other(
    hub: TestClient, partner_token: str, reference_graph: Graph
) -> None:
    own = hub.post(
        URL, json=referral(source="cst", source_ref="CST-1"), headers=_bearer(partner_token)
    )
    assert own.status_code == 201, own.text
    assert own.json()["status"] == "created"

    for other in ("true-vision", "tell-mama"):
        refused = hub.post(
            URL, json=referral(source=other, source_ref="CST-2"), headers=_bearer(partner_token)
        )
        assert refused.status_code == 403, refused.text
        assert refused.json()["detail"].startswith(
            f"source: the partner 'service-account-ohch-partner-cst' writes only under 'cst', "
            f"not '{other}'"
        )
    assert _sources(reference_graph) == [("cst", "CST-1")]


def test_an_anonymous_caller_cannot_write_under_a_partners_source(
    hub: TestClient, reference_graph: Graph
) -> None:
    refused = hub.post(URL, json=referral(source="cst", source_ref="CST-9"))
    assert refused.status_code == 403, refused.text
    assert (
        "source: a referral sent without signing in is written under 'true-vision'"
        in (refused.json()["detail"])
    )
    public = hub.post(URL, json=referral(source_ref="TV-1"))
    assert public.status_code == 201, public.text
    assert _sources(reference_graph) == [("true-vision", "TV-1")]


def test_a_staff_token_is_not_a_partners(hub: TestClient, keycloak_realm: KeycloakRealm) -> None:
    """The exporter's service account holds no partner role: no source of its own, and
    submitting is not among what it may do."""
    exporter = keycloak_realm.client_token()
    assert "ohch_source" not in token_claims(exporter)
    refused = hub.post(URL, json=referral(source="cst"), headers=_bearer(exporter))
    assert refused.status_code == 403
    assert "may not submit a referral" in refused.json()["detail"]
