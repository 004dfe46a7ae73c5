"""The project's own Neo4j: clean stop keeps data, a kill is recovered, a running server reused,
and its settings are the ones it was given."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from neo4j import GraphDatabase

from graph.local_server import LocalServer

REPO = Path(__file__).parents[3]


def _count(server: LocalServer) -> int:
    with GraphDatabase.driver(server.uri, auth=("neo4j", server.password or "")) as driver:
        records, _, _ = driver.execute_query("MATCH (n:Probe) RETURN count(n) AS c")
        return int(records[0]["c"])


def _create(server: LocalServer) -> None:
    with GraphDatabase.driver(server.uri, auth=("neo4j", server.password or "")) as driver:
        driver.execute_query("CREATE (:Probe {at: datetime()})")


def _setting(server: LocalServer, name: str) -> str:
    with GraphDatabase.driver(server.uri, auth=("neo4j", server.password or "")) as driver:
        records, _, _ = driver.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name = $name RETURN value", name=name
        )
        return str(records[0]["value"])


def test_restart_keeps_data_and_kill_is_recovered(tmp_path: Path) -> None:
    server = LocalServer(
        home=tmp_path / "neo4j",
        port=7698,
        password="lifecycle-password",
        heap_mb=512,
        pagecache_mb=64,
        launcher_dir=REPO / "neo4j-launcher",
        tx_log_retention="3 files",
    )
    try:
        assert "started" in server.start(timeout=180)
        assert "already running" in server.start()
        assert _setting(server, "db.tx_log.rotation.retention_policy") == "3 files"
        _create(server)

        assert "stopped" in server.stop()
        assert server.status().startswith("stopped")
        assert not server.answers()

        server.start(timeout=180)
        assert _count(server) == 1  # the password survives too: set only on first start

        pid = server.pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        while server.pid() is not None:
            time.sleep(0.1)
        _ = server.stop()  # clears the stale pid file
        server.start(timeout=180)  # recovery runs from the transaction log
        assert _count(server) == 1
    finally:
        server.stop()
