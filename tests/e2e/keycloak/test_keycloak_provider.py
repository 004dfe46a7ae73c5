"""The test Keycloak issues the tokens the API will be given: right issuer, audience, roles
and force code, and it refuses a wrong password."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.keycloak_provider import (
    REALM_FILE,
    KeycloakRealm,
    KeycloakTokenRefused,
    find_java_home,
    token_claims,
)

WEST_YORKSHIRE = "E23000010"  # the realm's officer.wyp: West Yorkshire Police's ONS PFA code


def test_discovery_names_the_realm_as_issuer(keycloak_realm: KeycloakRealm) -> None:
    with urllib.request.urlopen(keycloak_realm.discovery_url, timeout=10) as reply:  # noqa: S310
        document = json.loads(reply.read())
    assert document["issuer"] == keycloak_realm.issuer
    assert document["jwks_uri"] == keycloak_realm.jwks_uri


def test_force_officer_token_carries_audience_role_and_force(
    keycloak_realm: KeycloakRealm,
) -> None:
    claims = token_claims(keycloak_realm.password_token("officer.wyp"))
    aud = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    assert "ohch-api" in aud
    assert keycloak_realm.audience in aud
    assert claims["iss"] == keycloak_realm.issuer
    assert "force_officer" in claims["realm_access"]["roles"]
    assert claims["force_code"] == WEST_YORKSHIRE
    assert claims["preferred_username"] == "officer.wyp"


def test_supervisor_token_carries_hub_supervisor(keycloak_realm: KeycloakRealm) -> None:
    claims = token_claims(keycloak_realm.password_token("supervisor.hub"))
    assert "hub_supervisor" in claims["realm_access"]["roles"]
    assert "force_code" not in claims


def test_force_code_alone_grants_no_hub_role(keycloak_realm: KeycloakRealm) -> None:
    claims = token_claims(keycloak_realm.password_token("public.withforce"))
    hub_roles = {
        "hub_analyst",
        "hub_supervisor",
        "case_manager",
        "intelligence_analyst",
        "force_officer",
        "force_hate_crime_lead",
        "exporter",
        "partner",  # a partner organisation's client, writing under its own source
        "admin",
    }
    assert claims["force_code"] == WEST_YORKSHIRE
    assert hub_roles.isdisjoint(claims["realm_access"]["roles"])


def test_exporter_client_token_carries_exporter(keycloak_realm: KeycloakRealm) -> None:
    claims = token_claims(keycloak_realm.client_token())
    aud = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    assert "ohch-api" in aud
    assert "exporter" in claims["realm_access"]["roles"]
    assert claims["azp"] == "ohch-exporter"


def test_wrong_password_is_refused(keycloak_realm: KeycloakRealm) -> None:
    with pytest.raises(KeycloakTokenRefused) as refused:
        keycloak_realm.password_token("norole.user", password="not-the-password")
    assert refused.value.status == 401
    assert refused.value.error == "invalid_grant"


def test_realm_file_declares_exactly_the_hub_roles() -> None:
    realm = json.loads(REALM_FILE.read_text())
    assert {r["name"] for r in realm["roles"]["realm"]} == {
        "hub_analyst",
        "hub_supervisor",
        "case_manager",
        "intelligence_analyst",
        "force_officer",
        "force_hate_crime_lead",
        "exporter",
        "partner",  # a partner organisation's client, writing under its own source
        "admin",
    }


def test_a_too_old_configured_jdk_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OHCH_KEYCLOAK_JAVA_HOME", "/nonexistent-jdk")
    with pytest.raises(RuntimeError, match="OHCH_KEYCLOAK_JAVA_HOME=/nonexistent-jdk"):
        find_java_home()
