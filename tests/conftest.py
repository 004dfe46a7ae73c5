"""Fixtures: a real Neo4j for integration tests, emptied before each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import schema
from graph.cypher import load_query
from graph.db import Graph
from graph.reference.loader import ensure_reference
from graph.settings import Settings
from tests.neo4j_provider import provide_neo4j

pytest_plugins = ["tests.one_way_in"]

INTEGRATION_DIRS = ("integration", "api", "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).parts
        if any(d in parts for d in INTEGRATION_DIRS):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    with provide_neo4j() as settings:
        yield settings


@pytest.fixture(scope="session")
def _session_graph(neo4j_settings: Settings) -> Iterator[Graph]:
    graph = Graph.connect(neo4j_settings)
    graph.verify()
    graph.run_schema(load_query("admin/delete_all").text)
    schema.apply(graph)
    yield graph
    graph.close()


@pytest.fixture
def graph(_session_graph: Graph) -> Graph:
    """The test database, empty (schema applied, and marked so)."""
    _session_graph.run_schema(load_query("admin/delete_data").text)
    return _session_graph


@pytest.fixture
def reference_graph(graph: Graph) -> Graph:
    """The test database with the forces and postcode districts loaded (and marked loaded, as
    an app's start-up leaves them)."""
    ensure_reference(graph)
    return graph
