"""Neo4j's admin tool (``neo4j-admin``) from the launcher's jars: offline dump and load.

``org.neo4j.cli.AdminTool`` ships in the ``neo4j-command-line`` and ``neo4j-dbms`` jars the local
server already runs from; it finds the store through ``NEO4J_HOME`` (the server's home:
``data/databases/<db>`` and ``data/transactions/<db>``) and reads ``neo4j.conf`` from
``NEO4J_CONF`` (an empty folder: the launcher keeps Neo4j's default layout). Dump and load need
the server stopped (the store is locked while it runs).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from graph.errors import OhchError
from graph.local_server import JVM_FLAGS, LocalServer, _java

ADMIN_CLASS = "org.neo4j.cli.AdminTool"
HEAP_MB = 512


class Neo4jAdminError(OhchError):
    """``neo4j-admin`` failed; its output says why."""


def run_admin(server: LocalServer, *args: str) -> str:
    """Run ``neo4j-admin ARGS`` on ``server``'s home: its output, or :class:`Neo4jAdminError`."""
    classpath = server.classpath()
    with tempfile.TemporaryDirectory(prefix="ohch-neo4j-admin-") as conf:
        env = {**os.environ, "NEO4J_HOME": str(server.home.resolve()), "NEO4J_CONF": conf}
        result = subprocess.run(  # noqa: S603 - fixed argument list
            [_java(), f"-Xmx{HEAP_MB}m", *JVM_FLAGS, "-cp", classpath, ADMIN_CLASS, *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        lines = (result.stdout + result.stderr).strip().splitlines()
        raise Neo4jAdminError(
            f"neo4j-admin {' '.join(args[:2])} failed (exit {result.returncode}):\n"
            + "\n".join(line for line in lines[-15:] if not line.startswith("Files: "))
        )
    return result.stdout


def version(server: LocalServer) -> str:
    """The Neo4j version of the jars (``neo4j-admin --version``)."""
    return run_admin(server, "--version").strip().splitlines()[-1].strip()


def dump(server: LocalServer, database: str, to_dir: Path) -> Path:
    """Dump ``database`` of the stopped ``server`` to ``to_dir/<database>.dump``."""
    to_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    run_admin(server, "database", "dump", database, f"--to-path={to_dir.resolve()}")
    dumped = to_dir / f"{database}.dump"
    if not dumped.is_file():
        raise Neo4jAdminError(f"neo4j-admin reported success but wrote no {dumped}")
    return dumped


def load(server: LocalServer, database: str, from_dir: Path, *, overwrite: bool) -> None:
    """Load ``from_dir/<database>.dump`` into the stopped ``server`` (replacing its store only
    with ``overwrite``)."""
    run_admin(
        server,
        "database",
        "load",
        database,
        f"--from-path={from_dir.resolve()}",
        f"--overwrite-destination={'true' if overwrite else 'false'}",
    )


def store_exists(server: LocalServer, database: str) -> bool:
    """Whether the server's home holds a store for ``database`` (a server started once does)."""
    return (server.home / "data" / "databases" / database).is_dir()
