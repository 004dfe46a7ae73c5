"""Two API processes on one journal folder and one Neo4j, with referrals sent to both before,
during and after an outage (this test stops its own Neo4j and starts it again): every report is
in the graph exactly once, each under the reference its sender was given (issue #27 item 5,
issue #21 item 4).

Each process is ``ohch serve`` as deployed, with the settings of the environment only, in a
folder of its own; the Neo4j is the project's launcher on a free port with a fresh home, so the
session's shared server is never stopped.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from graph.db import Graph
from graph.local_server import LocalServer
from graph.settings import Environment, Settings
from tests.factories import referral
from tests.neo4j_provider import TEST_PASSWORD

REPO = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
EACH = 4  # referrals per process per phase


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _until(check: Callable[[], bool], what: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"not within {seconds:.0f}s: {what}"
        time.sleep(0.5)


@pytest.fixture
def own_neo4j(tmp_path: Path) -> Iterator[LocalServer]:
    server = LocalServer(
        home=tmp_path / "neo4j", port=_free_port(), password=TEST_PASSWORD, heap_mb=512,
        pagecache_mb=128, launcher_dir=REPO / "neo4j-launcher",
    )  # fmt: skip
    server.start(timeout=240)
    try:
        yield server
    finally:
        server.stop()


def _ready(base: str) -> bool:
    try:
        return httpx.get(f"{base}/readyz", timeout=5).status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture
def two_apis(own_neo4j: LocalServer, tmp_path: Path) -> Iterator[tuple[list[str], Path]]:
    """Two ``ohch serve`` processes sharing one journal folder; yields their base URLs and it."""
    journal = tmp_path / "journal"
    processes, bases = [], []
    for name in ("a", "b"):
        home = tmp_path / f"api-{name}"
        home.mkdir()
        port = _free_port()
        env = {
            "PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(home), "OHCH_ENV": "test",
            "NEO4J_URI": own_neo4j.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": TEST_PASSWORD,
            "OHCH_NEO4J_RETRY_S": "1", "OHCH_JOURNAL_DIR": str(journal),
            "OHCH_JOURNAL_DRAIN_INTERVAL_S": "0.5", "OHCH_AUDIT_LOG": str(home / "audit.jsonl"),
            "OHCH_INTAKE_RATE_PER_MINUTE": "0", "OHCH_API_PORT": str(port),
        }  # fmt: skip
        with (tmp_path / f"api-{name}.log").open("wb") as log:
            process = subprocess.Popen(
                [str(BIN / "ohch"), "serve"], env=env, cwd=home, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
            processes.append(process)
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for base, process, name in zip(bases, processes, "ab", strict=True):
            log = tmp_path / f"api-{name}.log"
            _until(lambda p=process, b=base: p.poll() is not None or _ready(b), f"{base} ready")
            assert process.poll() is None, log.read_text()
        yield bases, journal
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _send(base: str, source_ref: str) -> httpx.Response:
    return httpx.post(f"{base}/api/v1/referrals", json=referral(source_ref), timeout=60)


def _send_each(bases: list[str], phase: str, status: int) -> dict[str, str]:
    """``EACH`` referrals to each process; the reference each was given, by source_ref."""
    given = {}
    for n in range(EACH):
        for name, base in zip("ab", bases, strict=True):
            ref = f"TWO-{phase}-{name}-{n}"
            response = _send(base, ref)
            assert response.status_code == status, response.text
            given[ref] = response.json()["reference"]
    return given


def _waiting(journal: Path) -> list[Path]:
    return [p for p in journal.glob("*.jsonl") if p.name == "pending.jsonl"
            or p.name.startswith("draining-")]  # fmt: skip


def test_two_api_processes_write_every_referral_once_through_an_outage(
    two_apis: tuple[list[str], Path], own_neo4j: LocalServer, neo4j_settings: Settings
) -> None:
    bases, journal = two_apis
    before = _send_each(bases, "before", 201)

    own_neo4j.stop()
    during = _send_each(bases, "during", 202)
    assert all("-J" in reference for reference in during.values())
    assert len(set(during.values())) == len(during)

    own_neo4j.start(timeout=240)
    # Sent again by the site, each to the other process than the one that journalled it.
    again = {"TWO-during-a-0": bases[1], "TWO-during-b-0": bases[0]}
    for ref, base in again.items():
        response = _send(base, ref)
        assert response.status_code == 200, response.text
        assert response.json()["reference"] == during[ref]
    after = _send_each(bases, "after", 201)
    _until(lambda: not any(p.stat().st_size for p in _waiting(journal)), "journal drained")

    settings = Settings(
        env=Environment.TEST, NEO4J_URI=own_neo4j.uri, NEO4J_USER="neo4j",
        NEO4J_PASSWORD=TEST_PASSWORD,
    )  # fmt: skip
    graph = Graph.connect(settings)
    try:
        records, _, _ = graph.driver.execute_query(
            "MATCH (r:Report) RETURN r.source_ref AS ref, r.reference AS reference",
            database_=graph.database,
        )
    finally:
        graph.close()
    found: dict[str, Any] = {}
    for record in records:
        assert record["ref"] not in found, f"{record['ref']} written twice"
        found[record["ref"]] = record["reference"]
    assert found == before | during | after
    assert len(records) == 6 * EACH
    assert not (journal / "quarantine.jsonl").exists()
