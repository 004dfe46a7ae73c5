"""Where the tests' Neo4j comes from, in order of preference.

1. ``NEO4J_TEST_URI`` (with ``NEO4J_TEST_USER`` / ``NEO4J_TEST_PASSWORD``): a server kept for tests.
2. ``NEO4J_URI``: the configured server. The tests empty it between tests, so never point this
   at a hub holding real data.
3. A testcontainers Neo4j, when a Docker engine answers.
4. The project's own launcher on a separate port (``OHCH_TEST_NEO4J_PORT``, default 7697) and a
   fresh data directory (``.ohch/neo4j-test-<port>``), so a running ``make run`` hub is never
   touched.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.local_server import LocalServer
from graph.settings import Environment, Settings

TEST_PASSWORD = "ohch-test-password"
REPO = Path(__file__).resolve().parent.parent


def _settings(uri: str, user: str, password: str) -> Settings:
    return Settings(
        env=Environment.TEST,
        NEO4J_URI=uri,
        NEO4J_USER=user,
        NEO4J_PASSWORD=password,
        journal_dir=REPO / ".ohch" / "test-journal",
        audit_log=REPO / ".ohch" / "test-audit" / "audit.jsonl",
        intake_rate_per_minute=0,  # the tests send many referrals from one address
    )


def _docker_answers() -> bool:
    """True when a Docker engine answers its ping (plain socket: no client library state)."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    request = b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
    try:
        if host.startswith("unix://"):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(2)
                sock.connect(host.removeprefix("unix://"))
                sock.sendall(request)
                reply = sock.recv(1024)
        elif host.startswith("tcp://"):
            name, _, port = host.removeprefix("tcp://").partition(":")
            with socket.create_connection((name, int(port or 2375)), timeout=2) as sock:
                sock.sendall(request)
                reply = sock.recv(1024)
        else:
            return False
    except OSError:
        return False
    return reply.startswith(b"HTTP/1.") and b" 200 " in reply.split(b"\r\n", 1)[0]


@contextmanager
def provide_neo4j() -> Iterator[Settings]:
    if uri := os.environ.get("NEO4J_TEST_URI"):
        yield _settings(
            uri,
            os.environ.get("NEO4J_TEST_USER", "neo4j"),
            os.environ.get("NEO4J_TEST_PASSWORD", TEST_PASSWORD),
        )
        return
    if uri := os.environ.get("NEO4J_URI"):
        yield _settings(
            uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")
        )
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer(image="neo4j:5.26", password=TEST_PASSWORD) as container:
            yield _settings(container.get_connection_url(), "neo4j", TEST_PASSWORD)
        return
    port = int(os.environ.get("OHCH_TEST_NEO4J_PORT", "7697"))
    home = REPO / ".ohch" / f"neo4j-test-{port}"  # per port: test runs side by side never meet
    server = LocalServer(
        home=home,
        port=port,
        password=TEST_PASSWORD,
        heap_mb=1536,
        pagecache_mb=512,
        launcher_dir=REPO / "neo4j-launcher",
    )
    server.stop()  # a server left over from an interrupted run
    shutil.rmtree(home, ignore_errors=True)
    server.start(timeout=180)
    try:
        yield _settings(server.uri, "neo4j", TEST_PASSWORD)
    finally:
        server.stop()
