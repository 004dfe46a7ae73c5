"""Fixtures for end-to-end tests: a real Keycloak, started only when a test asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.keycloak_provider import KeycloakRealm, provide_keycloak


@pytest.fixture(scope="session")
def keycloak_realm() -> Iterator[KeycloakRealm]:
    """The ``ohch`` realm of a Keycloak started for this session (about half a minute, paid
    once, and only by sessions that run a test using it)."""
    with provide_keycloak() as realm:
        yield realm
