"""The local Neo4j's password is its own, made at first use; an external one is configured."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from graph.errors import InvalidValue
from graph.neo4j_password import neo4j_password
from graph.settings import DEV_PASSWORD, Environment, Settings


def test_a_new_local_store_gets_a_random_private_password(tmp_path: Path) -> None:
    home = tmp_path / "neo4j"
    first = neo4j_password(Settings(local_neo4j_dir=home))
    assert len(first) >= 32
    assert first != DEV_PASSWORD
    assert stat.S_IMODE((home / "password").stat().st_mode) == 0o600
    assert neo4j_password(Settings(local_neo4j_dir=home)) == first  # kept, not remade
    other = neo4j_password(Settings(local_neo4j_dir=tmp_path / "elsewhere"))
    assert other != first


def test_a_store_made_before_keeps_the_password_it_was_given(tmp_path: Path) -> None:
    home = tmp_path / "neo4j"
    home.mkdir()
    (home / "password-set").write_text("initial password set by ohch\n")
    assert neo4j_password(Settings(local_neo4j_dir=home)) == DEV_PASSWORD
    assert (home / "password").read_text().strip() == DEV_PASSWORD


def test_a_configured_password_wins(tmp_path: Path) -> None:
    settings = Settings(NEO4J_PASSWORD="from-the-vault", local_neo4j_dir=tmp_path)
    assert neo4j_password(settings) == "from-the-vault"
    assert not (tmp_path / "password").exists()


def test_an_external_neo4j_needs_its_password(tmp_path: Path) -> None:
    with pytest.raises(InvalidValue, match="NEO4J_PASSWORD: is required"):
        neo4j_password(Settings(NEO4J_URI="bolt://db:7687", local_neo4j_dir=tmp_path))


def test_production_refuses_the_old_development_default() -> None:
    with pytest.raises(ValidationError, match="must not be the development default"):
        Settings(
            env=Environment.PRODUCTION,
            NEO4J_PASSWORD=DEV_PASSWORD,
            dev_viewer_token=None,
            oidc_issuer="https://sso.example/realms/ohch",
            web_secret="w" * 32,
        )
