"""Starting the local Neo4j while a server of the same home is still stopping
(graph/local_server.py): the start waits for that process to go, then starts a new server,
instead of waiting its whole timeout for an answer that cannot come."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from graph.errors import GraphUnavailable
from graph.local_server import LocalServer


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stopping_server(tmp_path: Path, seconds: float) -> LocalServer:
    """A home whose pid file names a live process that answers nothing and ends soon."""
    process = subprocess.Popen(["sleep", str(seconds)])
    threading.Thread(target=process.wait, daemon=True).start()  # reaped when it ends
    server = LocalServer(home=tmp_path / "home", port=_free_port(), password=None)
    server.home.mkdir()
    server.pid_file.write_text(f"{process.pid}\n")
    return server


def test_waiting_on_a_server_that_goes_away_says_so(tmp_path: Path) -> None:
    server = _stopping_server(tmp_path, 1.0)
    assert server.pid() is not None
    assert server._wait_ready(timeout=60) is False
    assert server.pid() is None


def test_start_launches_a_new_server_once_the_stopping_one_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = _stopping_server(tmp_path, 1.0)

    class Launching(Exception):
        pass

    def classpath(self: LocalServer) -> str:  # the first step of a launch
        raise Launching

    monkeypatch.setattr(LocalServer, "classpath", classpath)
    with pytest.raises(Launching):
        server.start(timeout=60)


def test_a_server_that_neither_answers_nor_ends_times_out(tmp_path: Path) -> None:
    server = _stopping_server(tmp_path, 30.0)
    try:
        with pytest.raises(GraphUnavailable, match="did not answer"):
            server._wait_ready(timeout=1.5)
    finally:
        os.kill(int(server.pid_file.read_text()), signal.SIGKILL)
