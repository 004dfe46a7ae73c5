"""The API started as docker-compose.yml starts it serves a working hub.

``docker-compose config`` renders the deployment file (with the test Neo4j's password and the
test Keycloak realm as its issuer, the two values it asks the environment for), and the test
runs the ``api`` service's command, ``ohch serve``, as a real process with exactly that
service's environment and nothing of the test's, as the image's user (uid 10001, when the test
runs as root), in a fresh folder per named volume. Three values differ from a container, and
only these: ``NEO4J_URI`` names the test Neo4j instead of ``bolt://neo4j:7687``, the port is a
free one instead of 8000, and paths under a volume's mount point lead into that volume's folder.

The hub must then load the 46 forces itself (the graph starts empty), and a case a hub analyst
assigns is seen by the force's officer, each signed in through Keycloak.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
import yaml

from graph.db import Graph
from graph.settings import Settings
from tests.factories import referral
from tests.keycloak_provider import KeycloakRealm

REPO = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
CONTAINER_UID = 10001  # the Dockerfile's user
WEST_YORKSHIRE = "E23000010"
CONTENT_OF = """query($ref: String!) { report(sourceRef: $ref) {
  __typename ... on Report { content { case { id } } } ... on ForbiddenError { message } } }"""
ASSIGN = "mutation($c: String!) { assignCase(caseId: $c) { __typename } }"
CASES = "{ forceCases { ... on ForceCaseConnection { nodes { caseId forceCode } } } }"


def _rendered_api(password: str, issuer: str) -> dict[str, Any]:
    compose = shutil.which("docker-compose")
    assert compose, "docker-compose is installed by scripts/ensure-system-deps.sh"
    result = subprocess.run(
        [compose, "-f", str(REPO / "docker-compose.yml"), "config"],
        env={"PATH": os.environ["PATH"], "NEO4J_PASSWORD": password, "OHCH_OIDC_ISSUER": issuer,
             "OHCH_WEB_SECRET": "w" * 32},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    api: dict[str, Any] = yaml.safe_load(result.stdout)["services"]["api"]
    return api


def _run_as() -> int:
    """The image's uid when this test may switch to it (run as root) and that user can run this
    interpreter; else the test's own (a venv whose Python lives in a private home, say)."""
    if os.geteuid() != 0:
        return os.geteuid()
    try:
        probe = subprocess.run(
            [sys.executable, "-c", "import cli.main"], user=CONTAINER_UID, group=CONTAINER_UID,
            cwd="/", capture_output=True, check=False,
        )  # fmt: skip
    except PermissionError:
        return os.geteuid()
    return CONTAINER_UID if probe.returncode == 0 else os.geteuid()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _volumes(api: dict[str, Any], root: Path, uid: int) -> dict[str, Path]:
    """Mount point -> a fresh folder for each writable named volume, owned as the image's."""
    mounts = {}
    for spec in api["volumes"]:
        source, target, *mode = (spec.split(":") if isinstance(spec, str) else
                                 [spec["source"], spec["target"]])  # fmt: skip
        if mode == ["ro"]:
            continue
        folder = root / source
        folder.mkdir(mode=0o700)
        os.chown(folder, uid, uid)
        mounts[target] = folder
    return mounts


def _in_volume(value: str, mounts: dict[str, Path]) -> str:
    for target in sorted(mounts, key=len, reverse=True):
        if value == target or value.startswith(target + "/"):
            return str(mounts[target]) + value[len(target) :]
    return value


@pytest.fixture
def compose_api(
    graph: Graph, neo4j_settings: Settings, keycloak_realm: KeycloakRealm, tmp_path: Path
) -> Iterator[tuple[str, Path, int]]:
    """The API as compose runs it; yields its base URL and the folder holding its volumes."""
    forces = graph.driver.execute_query("MATCH (f:Force) RETURN count(f) AS n", database_="neo4j")
    assert forces.records[0]["n"] == 0, "the hub must load the forces itself"
    assert neo4j_settings.neo4j_password is not None
    password = neo4j_settings.neo4j_password.get_secret_value()
    api = _rendered_api(password, keycloak_realm.issuer)
    assert api["user"] == f"{CONTAINER_UID}:{CONTAINER_UID}"
    uid = _run_as()
    root = tmp_path / "volumes"
    root.mkdir()
    root.chmod(0o755)
    mounts = _volumes(api, root, uid)
    port = _free_port()
    env = {name: _in_volume(str(value), mounts) for name, value in api["environment"].items()}
    env |= {"NEO4J_URI": neo4j_settings.bolt_uri, "OHCH_API_PORT": str(port)}
    env |= {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(mounts["/var/lib/ohch"])}
    [program, *args] = api["command"]
    switch = uid != os.geteuid()
    with (tmp_path / "api.log").open("wb") as log:  # the process keeps its own descriptor
        process = subprocess.Popen(
            [str(BIN / program), *args], env=env, cwd=mounts["/var/lib/ohch"], stdout=log,
            stderr=subprocess.STDOUT, user=uid if switch else None, group=uid if switch else None,
            start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, (tmp_path / "api.log").read_text()
            try:
                if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "api.log").read_text()
            time.sleep(0.5)
        yield base, root, uid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _gql(base: str, query: str, token: str | None = None, **variables: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(
        f"{base}/graphql", json={"query": query, "variables": variables}, headers=headers,
        timeout=30,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def test_the_compose_api_loads_the_forces_and_force_officers_see_their_cases(
    compose_api: tuple[str, Path, int], keycloak_realm: KeycloakRealm
) -> None:
    base, volumes, uid = compose_api
    forces = _gql(base, "{ forces { ... on ForceList { forces { code } } } }")["forces"]["forces"]
    assert len(forces) == 46
    assert WEST_YORKSHIRE in {f["code"] for f in forces}

    payload = referral(source_ref="COMPOSE-LEEDS")
    payload["reporter"]["postcode"] = "LS1 4DY"
    response = httpx.post(f"{base}/api/v1/referrals", json=payload, timeout=30)
    assert response.status_code == 201, response.text

    analyst = keycloak_realm.password_token("analyst.hub")
    case = _gql(base, CONTENT_OF, analyst, ref="COMPOSE-LEEDS")["report"]["content"]["case"]
    assert _gql(base, ASSIGN, analyst, c=case["id"])["assignCase"]["__typename"] == "Assignment"
    officer = keycloak_realm.password_token("officer.wyp")
    assert _gql(base, CASES, officer)["forceCases"]["nodes"] == [
        {"caseId": case["id"], "forceCode": WEST_YORKSHIRE}
    ]

    # What the hub wrote (the audit trail, at least) is in its volumes, the image user's alone.
    written = [p for p in volumes.rglob("*") if p.is_file()]
    assert any(p.name == "audit.jsonl" for p in written), written
    for path in [*volumes.rglob("*")]:
        info = path.stat()
        assert info.st_uid == uid, path
        assert info.st_mode & 0o077 == 0, f"{path}: {oct(info.st_mode)}"
