"""Start, stop and inspect the project's own Neo4j (for machines with no Docker engine).

The server is Neo4j Community 5.26 run by the small Java launcher in ``neo4j-launcher/`` (built
with Maven from Maven Central on first use). A pid file and a log file live in the server's home
directory. ``start`` reuses a server that already answers; it waits until the driver's
``verify_connectivity()`` succeeds. Not used at all when ``NEO4J_URI`` is set.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

from graph.errors import GraphUnavailable, OhchError
from graph.neo4j_password import neo4j_password
from graph.settings import Settings

LAUNCHER_CLASS = "ohch.launcher.Neo4jLauncher"
READY_LINE = "OHCH-NEO4J-READY"
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
)


class LocalServerError(OhchError):
    """The local Neo4j could not be built, started or stopped."""


@dataclass(frozen=True, slots=True)
class LocalServer:
    """One local Neo4j: where it lives, how it listens, how big it may grow."""

    home: Path
    port: int
    password: str | None  # None: auth disabled
    heap_mb: int = 2048
    pagecache_mb: int = 1024
    launcher_dir: Path = Path("neo4j-launcher")
    # Transaction log kept once recovery no longer needs it (db.tx_log.rotation.retention_policy).
    # Neo4j's default keeps two days: a bench run of 100,000 referrals writes gigabytes of it.
    tx_log_retention: str = "1G size"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "neo4j.log"

    # -- state --------------------------------------------------------------------------

    def pid(self) -> int | None:
        """The pid of our server process if it is alive."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            return pid
        return pid

    def answers(self, timeout: float = 3.0) -> bool:
        auth = ("neo4j", self.password) if self.password is not None else None
        try:
            with GraphDatabase.driver(self.uri, auth=auth, connection_timeout=timeout) as driver:
                driver.verify_connectivity()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
            return False
        return True

    def status(self) -> str:
        pid = self.pid()
        if self.answers():
            owner = f"pid {pid}" if pid else "not started by this home"
            return f"running at {self.uri} ({owner}), data in {self.home}"
        if pid:
            return f"starting or unresponsive (pid {pid}) at {self.uri}; log: {self.log_file}"
        return f"stopped (data in {self.home})"

    # -- build --------------------------------------------------------------------------

    @property
    def _built_stamp(self) -> Path:
        return self.launcher_dir / "target" / "ohch-built"

    def classpath(self) -> str:
        """The launcher's classpath, built first if it is missing or older than its sources (a
        checkout that pulled a change to the launcher rebuilds it rather than run the old one
        without the change)."""
        target = self.launcher_dir / "target"
        if not (target / "lib").is_dir() or self._sources_newer():
            self.build()
        return f"{target / 'classes'}{os.pathsep}{target / 'lib'}/*"

    def _sources_newer(self) -> bool:
        """Whether a source changed since the last build that succeeded (or none is known)."""
        if not self._built_stamp.exists():
            return True
        sources = [self.launcher_dir / "pom.xml", *(self.launcher_dir / "src").rglob("*")]
        newest = max((p.stat().st_mtime for p in sources if p.is_file()), default=0.0)
        return newest > self._built_stamp.stat().st_mtime

    def build(self) -> None:
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LocalServerError("Maven (mvn) is not installed; see README.md")
        result = subprocess.run(  # noqa: S603 - fixed argument list
            [mvn, "-q", "-B", "package", "-DskipTests"],
            cwd=self.launcher_dir,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise LocalServerError(
                "building the Neo4j launcher failed:\n"
                + result.stdout[-3000:]
                + result.stderr[-3000:]
            )
        self._built_stamp.write_text("built by graph/local_server.py after mvn package\n")

    # -- start / stop -------------------------------------------------------------------

    def start(self, timeout: float = 120.0) -> str:
        """Start (or reuse) the server; return a line saying which."""
        if self.answers():
            return f"Neo4j already running at {self.uri}"
        # A server of this home still starting answers soon; one still stopping goes away,
        # and then a new one is started.
        if self.pid() is not None and self._wait_ready(timeout):
            return f"Neo4j at {self.uri} is up"
        classpath = self.classpath()
        java = _java()
        self.home.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "OHCH_NEO4J_HOME": str(self.home.resolve()),
            "OHCH_NEO4J_BOLT_PORT": str(self.port),
            "OHCH_NEO4J_PAGECACHE_MB": str(self.pagecache_mb),
            "OHCH_NEO4J_AUTH": "true" if self.password is not None else "false",
            "OHCH_NEO4J_PASSWORD": self.password or "",
            "OHCH_NEO4J_TX_LOG_RETENTION": self.tx_log_retention,
            "OHCH_NEO4J_PID_FILE": str(self.pid_file.resolve()),
        }
        command = [
            java,
            f"-Xms{self.heap_mb}m",
            f"-Xmx{self.heap_mb}m",
            *JVM_FLAGS,
            "-cp",
            classpath,
            LAUNCHER_CLASS,
        ]
        self.pid_file.unlink(missing_ok=True)
        # A shell starts the JVM in the background and exits at once: the server belongs to
        # no Python process (it outlives the API or test run that started it) and writes its
        # own pid file.
        with self.log_file.open("ab") as log:
            subprocess.run(  # noqa: S603 - fixed argument list
                ["/bin/sh", "-c", '"$@" &', "ohch-neo4j", *command],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
                check=True,
            )
        self._wait_ready(timeout, launched=True)
        return f"Neo4j started at {self.uri} (pid {self.pid()}), data in {self.home}"

    def _wait_ready(self, timeout: float, launched: bool = False) -> bool:
        """True once the server answers. If its process ends first: an error when this call
        ``launched`` it, else False (a server that was stopping)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.pid() is None:
                if not launched:
                    return False  # it was stopping, and is gone
                if self.pid_file.exists():  # it wrote its pid, then exited
                    raise LocalServerError(
                        "Neo4j exited during start; last log lines:\n" + self._log_tail()
                    )
            if self.answers(timeout=2.0):
                return True
            time.sleep(0.5)
        raise GraphUnavailable(
            f"Neo4j did not answer at {self.uri} within {timeout:.0f}s; log: {self.log_file}\n"
            + self._log_tail()
        )

    def stop(self, timeout: float = 60.0) -> str:
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return "Neo4j is not running (from this home)"
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.pid() is None:
                self.pid_file.unlink(missing_ok=True)
                return f"Neo4j stopped (pid {pid})"
            time.sleep(0.2)
        os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return (
            f"Neo4j did not stop in {timeout:.0f}s and was killed (pid {pid}); "
            "recovery runs at the next start"
        )

    def _log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise LocalServerError("Java 17 or later is not installed; see README.md")
    return java


def from_settings(settings: Settings) -> LocalServer:
    """The local server the settings describe."""
    return LocalServer(
        home=settings.local_neo4j_dir,
        port=settings.local_neo4j_port,
        password=neo4j_password(settings) if settings.neo4j_auth else None,
        heap_mb=settings.local_neo4j_heap_mb,
        pagecache_mb=settings.local_neo4j_pagecache_mb,
        tx_log_retention=settings.local_neo4j_tx_log_retention,
        launcher_dir=settings.launcher_dir,
    )
