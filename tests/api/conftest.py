"""An API client wired to the test Neo4j; one with an audit trail of its own, for tests that
read what was logged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.settings import Settings


@pytest.fixture
def client(neo4j_settings: Settings, reference_graph: Graph) -> Iterator[TestClient]:
    with TestClient(create_app(neo4j_settings)) as test_client:
        yield test_client


@pytest.fixture
def hub(
    neo4j_settings: Settings, reference_graph: Graph, tmp_path: Path
) -> Iterator[tuple[TestClient, Path]]:
    """A client and the audit trail it writes (failed status checks are counted in the graph,
    emptied for each test)."""
    audit = tmp_path / "audit.jsonl"
    with TestClient(create_app(neo4j_settings.model_copy(update={"audit_log": audit}))) as client:
        yield client, audit


def gql(client: TestClient, query: str, token: str | None = None, **variables: object) -> dict:  # type: ignore[type-arg]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]
