"""A real Keycloak for the end-to-end tests, started the way the tests start Neo4j.

The server is the Keycloak Quarkus distribution from Maven Central (no Docker needed), fetched
with Maven and extracted once into ``.ohch/keycloak/`` (kept across runs). Each run starts
``kc.sh start-dev`` on a free loopback port (``OHCH_TEST_KEYCLOAK_PORT`` overrides) with an
in-memory database (``--db=dev-mem``), so no run sees another's users, sessions or tokens, and
imports ``deploy/keycloak/ohch-realm.json`` from a per-run copy: the same realm a deployment
imports, but for one more sign-in redirect address (any loopback port, where the staff
pages' tests serve the hub). Keycloak 26 needs a JDK 21 or later
(``OHCH_KEYCLOAK_JAVA_HOME``, else the newest suitable one under ``/usr/lib/jvm``); the
machine's default ``java`` may be older.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tarfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEYCLOAK_VERSION = "26.5.6"
KEYCLOAK_ARTIFACT = f"org.keycloak:keycloak-quarkus-dist:{KEYCLOAK_VERSION}:tar.gz"
MIN_JAVA = 21
REALM = "ohch"
AUDIENCE = "ohch-api"
WEB_CLIENT = "ohch-web"
EXPORTER_CLIENT = "ohch-exporter"
EXPORTER_TEST_SECRET = "ohch-exporter-test-secret"
TEST_PASSWORD = "ohch-test-password-1"
BOOTSTRAP_ADMIN = ("ohch-admin", "ohch-admin-test-password")
START_TIMEOUT = 180.0
JVM_FLAGS = (
    # Two cores and a shared machine: the quick (C1) compiler only, which starts sooner and is
    # fast enough for a few dozen token requests (first start here: the Quarkus build step took
    # 6 s with it, 27 s without).
    "-XX:TieredStopAtLevel=1",
    # JBoss threads' thread-local reset needs java.lang open on Java 24 and later (without it,
    # stopping logs an IllegalAccessError).
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
)
STOP_GRACE = 20.0

REPO = Path(__file__).resolve().parent.parent
REALM_FILE = REPO / "deploy" / "keycloak" / "ohch-realm.json"
WEB_CLIENT = "ohch-web"
LOOPBACK_ANY_PORT = "http://127.0.0.1:*"  # tests only: a deployment lists its own address
CACHE = REPO / ".ohch" / "keycloak"
DIST = CACHE / f"keycloak-{KEYCLOAK_VERSION}"
# Written last by the extraction: a half-extracted tree (an interrupted run) has none.
EXTRACTED_STAMP = DIST / ".ohch-extracted"


class KeycloakTokenRefused(RuntimeError):
    """Keycloak's token endpoint refused the grant (wrong password, unknown client...)."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(
            f"Keycloak refused the token request (HTTP {status}): {error}: {description}"
        )
        self.status = status
        self.error = error
        self.description = description


@dataclass(frozen=True, slots=True)
class KeycloakRealm:
    """The ``ohch`` realm of a running Keycloak, and how to get tokens from it."""

    base_url: str
    jwks_uri: str  # read from the discovery document
    token_endpoint: str  # likewise
    audience: str = AUDIENCE

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/realms/{REALM}"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def password_token(
        self, username: str, password: str = TEST_PASSWORD, client_id: str = WEB_CLIENT
    ) -> str:
        """An access token for a user, by the password grant on the public client ``ohch-web``
        (the realm allows that grant for the tests and the CLI), or on another client."""
        return self._token(
            {
                "grant_type": "password",
                "client_id": client_id,
                "username": username,
                "password": password,
            }
        )

    def client_token(
        self, client_id: str = EXPORTER_CLIENT, secret: str = EXPORTER_TEST_SECRET
    ) -> str:
        """An access token for a confidential client's service account (client credentials)."""
        return self._token(
            {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
        )

    def _token(self, form: dict[str, str]) -> str:
        try:
            reply = _post_form(self.token_endpoint, form)
        except urllib.error.HTTPError as refused:
            body = _json_or_empty(refused.read())
            raise KeycloakTokenRefused(
                refused.code,
                str(body.get("error", "unknown")),
                str(body.get("error_description", "")),
            ) from None
        return str(reply["access_token"])


def token_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, NOT verified: for tests that inspect what Keycloak issued."""
    payload = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    )
    return decoded


# -- HTTP (standard library only: the provider must not depend on the API's client stack) ----


def _get_json(url: str, timeout: float = 5.0) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=timeout) as reply:  # noqa: S310 - http(s) URL we built
        return _json_or_empty(reply.read())


def _post_form(url: str, form: dict[str, str], timeout: float = 30.0) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 - http(s) URL we built
        url,
        data=urllib.parse.urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310
        return _json_or_empty(reply.read())


def _json_or_empty(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# -- the distribution -------------------------------------------------------------------------


@contextmanager
def _locked(name: str) -> Iterator[None]:
    """An exclusive lock shared by every pytest process on this checkout (fcntl, so a killed
    process releases it)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / name).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tarball() -> Path:
    """The distribution's tar.gz, fetched with Maven (Maven Central) if not cached."""
    target = CACHE / "download"
    tarball = target / f"keycloak-quarkus-dist-{KEYCLOAK_VERSION}.tar.gz"
    if tarball.is_file():
        return tarball
    mvn = shutil.which("mvn")
    if mvn is None:
        raise RuntimeError("Maven (mvn) is not installed; it fetches Keycloak from Maven Central")
    result = subprocess.run(
        [
            mvn,
            "-q",
            "-B",
            "dependency:copy",
            f"-Dartifact={KEYCLOAK_ARTIFACT}",
            f"-DoutputDirectory={target}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not tarball.is_file():
        raise RuntimeError(
            f"fetching {KEYCLOAK_ARTIFACT} with Maven failed:\n"
            + result.stdout[-3000:]
            + result.stderr[-3000:]
        )
    return tarball


def ensure_distribution() -> Path:
    """The extracted Keycloak home, fetched and extracted on first use only. Extraction goes
    to a temporary directory renamed into place, under a lock, so a second pytest process
    waits for it rather than start a half-extracted server."""
    if EXTRACTED_STAMP.is_file():
        return DIST
    with _locked("extract.lock"):
        if EXTRACTED_STAMP.is_file():
            return DIST
        tarball = _tarball()
        staging = CACHE / "extracting"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        with tarfile.open(tarball) as archive:
            archive.extractall(staging, filter="tar")
        shutil.rmtree(DIST, ignore_errors=True)
        (staging / DIST.name).rename(DIST)
        staging.rmdir()
        EXTRACTED_STAMP.write_text(f"extracted from {tarball.name}\n")
    return DIST


# -- Java -------------------------------------------------------------------------------------


def java_major(java: Path) -> int | None:
    """The major version ``java -version`` reports (``1.8`` counts as 8), or None."""
    try:
        result = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if found is None:
        return None
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major


def find_java_home() -> Path:
    """A JDK that can run Keycloak 26: ``OHCH_KEYCLOAK_JAVA_HOME``, else the newest JDK under
    ``/usr/lib/jvm`` of version 21 or later. The default ``java`` is not used: on our machines
    it is 17, which Keycloak 26 refuses."""
    if configured := os.environ.get("OHCH_KEYCLOAK_JAVA_HOME"):
        home = Path(configured)
        major = java_major(home / "bin" / "java")
        if major is None or major < MIN_JAVA:
            raise RuntimeError(
                f"OHCH_KEYCLOAK_JAVA_HOME={configured} is not a JDK {MIN_JAVA} or later "
                f"(found: {major or 'no working bin/java'})"
            )
        return home
    candidates: list[tuple[int, Path]] = []
    for home in sorted(Path("/usr/lib/jvm").glob("*")):
        java = home / "bin" / "java"
        if home.is_symlink() or not java.is_file():
            continue
        major = java_major(java)
        if major is not None and major >= MIN_JAVA:
            candidates.append((major, home))
    if not candidates:
        raise RuntimeError(
            f"Keycloak {KEYCLOAK_VERSION} needs a JDK {MIN_JAVA} or later and none was found "
            "under /usr/lib/jvm. Install one (e.g. Debian's openjdk-21-jdk-headless, or "
            "Temurin 21/25) or set OHCH_KEYCLOAK_JAVA_HOME to its home directory."
        )
    return max(candidates)[1]


# -- the server -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _alive(pid_file: Path) -> bool:
    try:
        os.kill(int(pid_file.read_text().strip()), 0)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _prepare_run_dir(port: int) -> Path:
    """A fresh directory for this run: the realm to import and the server's log. Per port, so
    test runs side by side never meet. A finished run's directory stays (its log can be read)
    until the next run starts, which removes those whose server is gone."""
    for old in CACHE.glob("run-*"):
        if not _alive(old / "keycloak.pid"):
            shutil.rmtree(old, ignore_errors=True)
    run_dir = CACHE / f"run-{port}"
    shutil.rmtree(run_dir, ignore_errors=True)
    (run_dir / "import").mkdir(parents=True)
    realm = json.loads(REALM_FILE.read_text())
    for client in realm["clients"]:
        if client["clientId"] == WEB_CLIENT:  # the staff pages' tests serve on any free port
            client["redirectUris"].append(LOOPBACK_ANY_PORT)
    (run_dir / "import" / REALM_FILE.name).write_text(json.dumps(realm))
    return run_dir


def _server_env(java_home: Path) -> dict[str, str]:
    """The environment for ``kc.sh``: ours, without any Keycloak or JVM settings of the
    caller's shell that would change what the tests get."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KC_", "KEYCLOAK_", "JAVA_OPTS", "JAVA_ADD_OPENS", "QUARKUS_"))
    }
    env.update(
        {
            "JAVA_HOME": str(java_home),
            "KC_BOOTSTRAP_ADMIN_USERNAME": BOOTSTRAP_ADMIN[0],
            "KC_BOOTSTRAP_ADMIN_PASSWORD": BOOTSTRAP_ADMIN[1],
            "JAVA_OPTS_KC_HEAP": "-Xms64m -Xmx512m",
            "JAVA_OPTS_APPEND": " ".join(JVM_FLAGS),
        }
    )
    return env


def _start(dist: Path, java_home: Path, port: int, run_dir: Path) -> subprocess.Popen[bytes]:
    command = [
        str(dist / "bin" / "kc.sh"),
        "start-dev",
        "--http-host=127.0.0.1",
        f"--http-port={port}",
        "--db=dev-mem",
        # What --import-realm sets, pointed at this run's own copy of the realm rather than the
        # shared distribution's data/import.
        f"-Dkeycloak.migration.dir={run_dir / 'import'}",
    ]
    with (run_dir / "keycloak.log").open("ab") as log:
        return subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=_server_env(java_home),
            cwd=run_dir,
            start_new_session=True,  # its own process group: stopped whole, JVM included
        )


def _log_tail(run_dir: Path, lines: int = 40) -> str:
    try:
        text = (run_dir / "keycloak.log").read_text(errors="replace")
    except FileNotFoundError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def _wait_ready(process: subprocess.Popen[bytes], base_url: str, run_dir: Path) -> KeycloakRealm:
    """The realm once its discovery document answers 200; an error with the log's tail if the
    server exits or does not answer within ``START_TIMEOUT``."""
    discovery = f"{base_url}/realms/{REALM}/.well-known/openid-configuration"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"Keycloak exited with status {process.returncode} during start; "
                f"log {run_dir / 'keycloak.log'}:\n{_log_tail(run_dir)}"
            )
        with suppress(OSError, ValueError):
            document = _get_json(discovery, timeout=3.0)
            if document.get("jwks_uri") and document.get("token_endpoint"):
                return KeycloakRealm(
                    base_url=base_url,
                    jwks_uri=str(document["jwks_uri"]),
                    token_endpoint=str(document["token_endpoint"]),
                )
        time.sleep(0.5)
    raise RuntimeError(
        f"Keycloak did not serve {discovery} within {START_TIMEOUT:.0f}s; "
        f"log {run_dir / 'keycloak.log'}:\n{_log_tail(run_dir)}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the whole process group (``kc.sh`` and its JVM), SIGKILL if it is still
    there after ``STOP_GRACE`` seconds."""
    if process.poll() is not None:
        return
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_GRACE)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextmanager
def provide_keycloak() -> Iterator[KeycloakRealm]:
    """A Keycloak with the ``ohch`` realm imported, stopped when the context ends."""
    java_home = find_java_home()  # first: a missing JDK is reported before any download
    dist = ensure_distribution()
    port = int(os.environ.get("OHCH_TEST_KEYCLOAK_PORT") or _free_port())
    run_dir = _prepare_run_dir(port)
    base_url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    # start-dev rewrites the distribution's lib/quarkus build on start: one start at a time.
    with _locked("start.lock"):
        process = _start(dist, java_home, port, run_dir)
        (run_dir / "keycloak.pid").write_text(f"{process.pid}\n")
        try:
            realm = _wait_ready(process, base_url, run_dir)
        except BaseException:
            _stop(process)
            raise
    (run_dir / "started-in-seconds").write_text(f"{time.monotonic() - started:.1f}\n")
    try:
        yield realm
    finally:
        _stop(process)
