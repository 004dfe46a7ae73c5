"""Staff sign in through a real identity provider (Keycloak, tests/keycloak_provider.py) and a
production hub gives each exactly their role's view; bad tokens are refused."""

from __future__ import annotations

import base64
import json
from typing import Any

from fastapi.testclient import TestClient

from tests.factories import referral
from tests.keycloak_provider import KeycloakRealm

WEST_YORKSHIRE, MANCHESTER = "E23000010", "E23000005"
VIEWER = "{ viewer { role userId forceCode } }"
CASES = "{ forceCases { ... on ForceCaseConnection { nodes { caseId forceCode } } } }"
CONTENT_OF = """query($ref: String!) { report(sourceRef: $ref) {
  __typename ... on Report { content { case { id } } } ... on ForbiddenError { message } } }"""


def _post(client: TestClient, query: str, token: str | None, **variables: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)


def _data(client: TestClient, query: str, token: str | None, **variables: Any) -> Any:
    response = _post(client, query, token, **variables)
    assert response.status_code == 200, response.text
    return response.json()


def _refer(client: TestClient, ref: str, postcode: str) -> None:
    payload = referral(source_ref=ref)
    payload["reporter"]["postcode"] = postcode
    response = client.post("/api/v1/referrals", json=payload)
    assert response.status_code == 201, response.text


def test_three_roles_each_get_their_view(hub: TestClient, keycloak_realm: KeycloakRealm) -> None:
    analyst = keycloak_realm.password_token("analyst.hub")
    supervisor = keycloak_realm.password_token("supervisor.hub")
    officer = keycloak_realm.password_token("officer.wyp")

    assert _data(hub, VIEWER, analyst)["data"]["viewer"] == {
        "role": "HUB_ANALYST", "userId": "analyst.hub", "forceCode": None,
    }  # fmt: skip
    assert _data(hub, VIEWER, supervisor)["data"]["viewer"]["role"] == "HUB_SUPERVISOR"
    assert _data(hub, VIEWER, officer)["data"]["viewer"] == {
        "role": "FORCE_OFFICER", "userId": "officer.wyp", "forceCode": WEST_YORKSHIRE,
    }  # fmt: skip

    _refer(hub, "KC-LEEDS", "LS1 4DY")  # West Yorkshire
    _refer(hub, "KC-WIGAN", "WN1 1AA")  # Greater Manchester
    for ref in ("KC-LEEDS", "KC-WIGAN"):
        case = _data(hub, CONTENT_OF, analyst, ref=ref)["data"]["report"]["content"]["case"]
        assign = "mutation($c: String!) { assignCase(caseId: $c) { __typename } }"
        assert _data(hub, assign, analyst, c=case["id"])["data"]["assignCase"]["__typename"] == (
            "Assignment"
        )

    hub_cases = _data(hub, CASES, supervisor)["data"]["forceCases"]["nodes"]
    assert {c["forceCode"] for c in hub_cases} == {WEST_YORKSHIRE, MANCHESTER}
    own = _data(hub, CASES, officer)["data"]["forceCases"]["nodes"]
    assert [c["forceCode"] for c in own] == [WEST_YORKSHIRE]

    refused = _data(hub, CONTENT_OF, officer, ref="KC-LEEDS")["data"]["report"]
    assert refused["__typename"] == "ForbiddenError"
    assert "only hub staff" in refused["message"]


def test_a_force_code_without_a_role_gives_nothing(
    hub: TestClient, keycloak_realm: KeycloakRealm
) -> None:
    for user in ("public.withforce", "norole.user"):
        response = _post(hub, CASES, keycloak_realm.password_token(user))
        assert response.status_code == 403, response.text
        assert "carries no role of this hub" in response.json()["detail"]


def test_the_exporter_service_account_signs_in(
    hub: TestClient, keycloak_realm: KeycloakRealm
) -> None:
    token = keycloak_realm.client_token()
    assert _data(hub, VIEWER, token)["data"]["viewer"]["role"] == "EXPORTER"
    refused = _data(hub, "{ forceCases { ... on ForbiddenError { message } } }", token)
    assert "only hub staff and force officers" in refused["data"]["forceCases"]["message"]


def _tampered(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["realm_access"]["roles"].append("admin")
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_bad_tokens_are_refused(hub: TestClient, keycloak_realm: KeycloakRealm) -> None:
    good = keycloak_realm.password_token("officer.wyp")
    cases = {
        "tampered": (_tampered(good), "signature does not verify"),
        "development": ("dev:admin:mallory", "development tokens are refused"),
        "not a JWT": ("not-a-token", "not a JWT"),
        "unsigned": (
            base64.urlsafe_b64encode(b'{"alg":"none"}').decode().rstrip("=")
            + "."
            + good.split(".")[1]
            + ".",
            "'none' is not accepted",
        ),
    }
    for name, (token, message) in cases.items():
        response = _post(hub, VIEWER, token)
        assert response.status_code == 401, name
        assert message in response.json()["detail"], name
        assert response.headers["www-authenticate"].startswith("Bearer"), name


def test_a_token_for_another_audience_is_refused(
    hub: TestClient, keycloak_realm: KeycloakRealm
) -> None:
    """Keycloak's own admin-cli client issues tokens without the hub's audience."""
    token = keycloak_realm.password_token("analyst.hub", client_id="admin-cli")
    response = _post(hub, VIEWER, token)
    assert response.status_code == 401
    assert "not for this hub" in response.json()["detail"]


def test_a_production_hub_does_not_describe_itself(hub: TestClient) -> None:
    introspection = _data(hub, "{ __schema { types { name } } }", None)
    assert introspection["data"] is None
    assert "introspection" in introspection["errors"][0]["message"].lower()
    typo = _data(hub, "{ forcs { code } }", None)
    assert "Did you mean" not in typo["errors"][0]["message"]
    assert hub.get("/graphql", headers={"accept": "text/html"}).status_code in (404, 405)
    assert hub.get("/openapi.json").status_code == 404
    forces = _data(hub, "{ forces { ... on ForceList { forces { code } } } }", None)
    assert forces["data"]["forces"]["forces"]
