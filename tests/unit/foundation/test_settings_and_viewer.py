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
    assert "development default" in message
    assert "OHCH_DEV_VIEWER_TOKEN must be unset" in message


def test_production_accepts_safe_settings() -> None:
    settings = Settings(
        env=Environment.PRODUCTION,
        NEO4J_PASSWORD="a-real-secret-from-the-vault",
        dev_viewer_token=None,
    )
    assert settings.neo4j_auth
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
