from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from graph.settings import DEV_PASSWORD, Environment, Settings
from graph.viewer import Role, Viewer, parse_dev_token

DOCS = Path(__file__).parents[3] / "docs" / "SETTINGS.md"


def test_production_refuses_unsafe_defaults() -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(env=Environment.PRODUCTION, neo4j_auth=False)
    message = str(caught.value)
    assert "OHCH_NEO4J_AUTH must be true" in message
    assert "NEO4J_PASSWORD must be set" in message
    assert "OHCH_DEV_VIEWER_TOKEN must be unset" in message
    assert "OHCH_OIDC_ISSUER must name the identity provider" in message
    assert "OHCH_WEB_SECRET must be set" in message


def test_production_accepts_safe_settings() -> None:
    settings = Settings(
        env=Environment.PRODUCTION,
        NEO4J_PASSWORD="a-real-secret-from-the-vault",
        dev_viewer_token=None,
        oidc_issuer="https://sso.hub.police.example/realms/ohch",
        web_secret="w" * 32,
    )
    assert settings.neo4j_auth
    assert settings.neo4j_password is not None
    assert settings.neo4j_password.get_secret_value() != DEV_PASSWORD


def test_external_uri_replaces_the_local_server() -> None:
    assert Settings(NEO4J_URI="bolt://db:7687").bolt_uri == "bolt://db:7687"
    assert Settings(local_neo4j_port=7999).bolt_uri == "bolt://127.0.0.1:7999"


@pytest.mark.parametrize("policy", ["1G size", "500M size", "3 files", "2 days", "keep_none"])
def test_the_local_servers_log_retention_takes_neo4js_forms(policy: str) -> None:
    assert Settings(local_neo4j_tx_log_retention=policy).local_neo4j_tx_log_retention == policy


def test_a_log_retention_neo4j_would_refuse_is_refused_by_name() -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(local_neo4j_tx_log_retention="as much as fits")
    assert "local_neo4j_tx_log_retention" in str(caught.value)


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)`", DOCS.read_text(), re.MULTILINE))
    expected = set()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names = getattr(alias, "choices", None)
        expected.add(str(names[0]) if names else f"OHCH_{name.upper()}")
    assert expected == documented


def test_dev_tokens_name_role_user_and_force() -> None:
    assert parse_dev_token("dev-analyst").role is Role.HUB_ANALYST
    officer = parse_dev_token("dev:force_officer:pc123:E23000005")
    assert officer == Viewer(Role.FORCE_OFFICER, "pc123", "E23000005")
    assert officer.cypher_scope() == {"viewer_force": "E23000005", "viewer_sees_all": False}
    with pytest.raises(ValueError, match="unknown role"):
        parse_dev_token("dev:superuser:x")
    with pytest.raises(ValueError, match="must belong to a force"):
        parse_dev_token("dev:force_officer:pc123")


@pytest.mark.parametrize("role", ["public", "victim", "hub_analyst", "exporter", "admin"])
def test_a_force_code_gives_no_role_a_force(role: str) -> None:
    """Roles decide and the force narrows: only force roles carry a force."""
    with pytest.raises(ValueError, match="only force roles do"):
        parse_dev_token(f"dev:{role}:someone:E23000010")


def test_a_force_hate_crime_lead_belongs_to_a_force() -> None:
    lead = parse_dev_token("dev:force_hate_crime_lead:lead1:E23000010")
    assert lead.is_force_staff
    assert not lead.is_hub_staff
    assert lead.cypher_scope() == {"viewer_force": "E23000010", "viewer_sees_all": False}
    with pytest.raises(ValueError, match="must belong to a force"):
        parse_dev_token("dev:force_hate_crime_lead:lead1")


@pytest.mark.parametrize(
    ("host", "env", "accepted"),
    [
        ("127.0.0.1", Environment.DEVELOPMENT, True),
        ("localhost", Environment.TEST, True),
        ("::1", Environment.DEVELOPMENT, True),
        ("0.0.0.0", Environment.DEVELOPMENT, False),  # noqa: S104 - the case under test
        ("10.1.2.3", Environment.DEVELOPMENT, False),
    ],
)
def test_dev_tokens_only_on_loopback(host: str, env: Environment, accepted: bool) -> None:
    assert Settings(env=env, api_host=host).dev_tokens_accepted is accepted


def test_the_issuer_is_https_except_on_loopback() -> None:
    assert Settings(oidc_issuer="https://sso.example/realms/ohch/").oidc_issuer == (
        "https://sso.example/realms/ohch"
    )
    assert Settings(oidc_issuer="http://127.0.0.1:8080/realms/ohch").oidc_issuer
    with pytest.raises(ValidationError, match="oidc_issuer"):
        Settings(oidc_issuer="http://sso.example/realms/ohch")


def test_production_is_not_explorable_unless_told() -> None:
    safe = {
        "env": Environment.PRODUCTION,
        "NEO4J_PASSWORD": "a-real-secret",
        "dev_viewer_token": None,
        "oidc_issuer": "https://sso.example/realms/ohch",
        "web_secret": "w" * 32,
    }
    assert not Settings(**safe).explorable  # type: ignore[arg-type]
    assert Settings(**safe, graphql_explore=True).explorable  # type: ignore[arg-type]
    assert Settings().explorable
