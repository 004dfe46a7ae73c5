"""While the API prepares the graph at start-up (schema, data upgrades, reference data), its
writes wait: a data upgrade rebuilding kept counts must not race the writes that keep them.
A referral that cannot wait is journalled and written once the graph is ready."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import api.app
from api.app import create_app
from graph.db import Graph
from graph.errors import GraphUnavailable
from graph.settings import Settings
from graph.write_gate import WriteGate
from services.startup import prepare_graph
from tests.factories import referral
from tests.integration.intake.helpers import query

URL = "/api/v1/referrals"


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, list[float]]]:
    """Start-up preparation held until the event is set; the times it finished."""
    release = threading.Event()
    finished: list[float] = []

    def slow_prepare(caller: Any) -> Any:
        release.wait(30)
        loaded = prepare_graph(caller)
        finished.append(time.monotonic())
        return loaded

    monkeypatch.setattr(api.app, "prepare_graph", slow_prepare)
    yield release, finished
    release.set()


def _app(settings: Settings, tmp_path: Path, **update: float) -> FastAPI:
    """An API whose writes wait at most ``startup_write_wait_s`` for start-up preparation."""
    return create_app(settings.model_copy(update={"journal_dir": tmp_path / "journal", **update}))


def _reports(graph: Graph) -> list[dict[str, Any]]:
    return query(graph, "MATCH (r:Report) RETURN r.reference AS ref, r.source_ref AS source_ref")


def test_a_referral_waits_for_preparation_then_is_written(
    neo4j_settings: Settings,
    reference_graph: Graph,
    tmp_path: Path,
    held: tuple[threading.Event, list[float]],
) -> None:
    release, finished = held
    with TestClient(_app(neo4j_settings, tmp_path, startup_write_wait_s=20.0)) as client:
        assert client.get("/readyz").status_code == 503  # still preparing
        answers: list[Any] = []
        sending = threading.Thread(
            target=lambda: answers.append(client.post(URL, json=referral(source_ref="WAITED")))
        )
        sending.start()
        sending.join(6)  # far longer than a first referral takes when nothing holds it
        assert sending.is_alive()
        assert _reports(reference_graph) == []
        release.set()
        sending.join(30)
        assert finished
        [response] = answers
        assert response.status_code == 201, response.text
        assert _reports(reference_graph) == [
            {"ref": response.json()["reference"], "source_ref": "WAITED"}
        ]


def test_a_referral_that_cannot_wait_is_journalled_and_written_once_ready(
    neo4j_settings: Settings,
    reference_graph: Graph,
    tmp_path: Path,
    held: tuple[threading.Event, list[float]],
) -> None:
    release, _finished = held
    app = _app(neo4j_settings, tmp_path, startup_write_wait_s=0.2, journal_drain_interval_s=0.2)
    with TestClient(app) as client:
        response = client.post(URL, json=referral(source_ref="EARLY"))
        assert response.status_code == 202, response.text
        journalled = response.json()
        assert journalled["status"] == "journalled"
        time.sleep(0.5)  # the journal's drain is held back too
        assert _reports(reference_graph) == []
        release.set()
        rows = _eventually(lambda: _reports(reference_graph))
        assert rows == [{"ref": journalled["reference"], "source_ref": "EARLY"}]


def test_held_writes_name_why_and_reads_are_not_held(reference_graph: Graph) -> None:
    gate = WriteGate()
    held = reference_graph.writes_held_until(gate, 0.05)
    with pytest.raises(GraphUnavailable, match="still being prepared"):
        held.write_tx(lambda tx: tx.run("CREATE (:Probe)").consume())
    assert held.read_tx(lambda tx: tx.run("RETURN 1 AS one").single()["one"]) == 1
    gate.unreachable("Neo4j is unreachable: refused")
    # Not held (it would fail anyway): refused at once for that reason, not after the wait.
    with pytest.raises(GraphUnavailable, match="could not be prepared: Neo4j is unreachable"):
        reference_graph.writes_held_until(gate, 600).write_tx(lambda tx: None)
    gate.open()
    held.write_tx(lambda tx: tx.run("CREATE (:Probe)").consume())
    assert query(reference_graph, "MATCH (p:Probe) RETURN count(p) AS n") == [{"n": 1}]


def _eventually(read: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    for _ in range(100):
        if rows := read():
            return rows
        time.sleep(0.1)
    return read()
