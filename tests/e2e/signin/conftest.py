"""The production hub the sign-in tests call: the test Neo4j, trusting the test realm."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.neo4j_password import neo4j_password
from graph.settings import Environment, Settings
from tests.keycloak_provider import KeycloakRealm


@pytest.fixture
def hub(
    neo4j_settings: Settings, reference_graph: Graph, keycloak_realm: KeycloakRealm
) -> Iterator[TestClient]:
    """A production hub on the test Neo4j, trusting the test realm."""
    settings = Settings(
        env=Environment.PRODUCTION,
        NEO4J_URI=neo4j_settings.bolt_uri,
        NEO4J_USER=neo4j_settings.neo4j_user,
        NEO4J_PASSWORD=neo4j_password(neo4j_settings),
        journal_dir=neo4j_settings.journal_dir,
        audit_log=neo4j_settings.audit_log,
        dev_viewer_token=None,
        oidc_issuer=keycloak_realm.issuer,
        web_secret="w" * 32,
    )
    with TestClient(create_app(settings)) as client:
        yield client
