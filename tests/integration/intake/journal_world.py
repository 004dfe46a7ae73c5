"""What the journal tests share: a graph whose Neo4j does not answer (an outage, for this
process), referrals accepted through it into a journal, and the graph read back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.db import Graph
from graph.settings import Settings
from ingest.journal import Journal
from ingest.service import Acceptance, Accepted, accept
from tests.integration.intake.helpers import query


@pytest.fixture
def outage(neo4j_settings: Settings) -> Iterator[Graph]:
    """A graph on a port nothing listens on: every write fails as it does in an outage."""
    down = neo4j_settings.model_copy(
        update={"neo4j_uri": "bolt://127.0.0.1:1", "neo4j_retry_s": 0.5}
    )
    graph = Graph.connect(down)
    yield graph
    graph.close()


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "journal")


def send(payload: dict[str, Any], graph: Graph, journal: Journal) -> Accepted:
    """What the intake path does with one referral sent as JSON."""
    return accept(payload, json.dumps(payload), graph, journal)


def journalled(payload: dict[str, Any], outage: Graph, journal: Journal) -> Accepted:
    answer = send(payload, outage, journal)
    assert answer.acceptance is Acceptance.JOURNALLED
    assert answer.reference.split("-")[2].startswith("J")
    assert answer.access_code
    return answer


def reports(graph: Graph) -> list[dict[str, Any]]:
    return query(
        graph,
        "MATCH (r:Report) RETURN r.source_ref AS ref, r.reference AS reference "
        "ORDER BY ref, reference",
    )
