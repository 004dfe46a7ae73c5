"""docker-compose.yml validates, and the API service's environment is an accepted production one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from graph.settings import Environment, Settings

REPO = Path(__file__).parents[3]
ISSUER = "https://sso.hub.police.example/realms/ohch"


def _compose_config() -> dict[str, object]:
    compose = shutil.which("docker-compose")
    assert compose, "docker-compose is installed by scripts/ensure-system-deps.sh"
    result = subprocess.run(
        [compose, "-f", str(REPO / "docker-compose.yml"), "config"],
        env={
            **os.environ,
            "NEO4J_PASSWORD": "a-deployment-secret",
            "OHCH_OIDC_ISSUER": ISSUER,
            "OHCH_WEB_SECRET": "w" * 32,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    config: dict[str, object] = yaml.safe_load(result.stdout)
    return config


def test_compose_file_validates_and_wires_the_api_to_neo4j(monkeypatch: pytest.MonkeyPatch) -> None:
    services = _compose_config()["services"]
    assert isinstance(services, dict)
    assert services["neo4j"]["image"] == "neo4j:5.26-community"
    assert "healthcheck" in services["neo4j"]
    api_env = services["api"]["environment"]
    assert api_env["NEO4J_URI"] == "bolt://neo4j:7687"
    for name, value in api_env.items():
        monkeypatch.setenv(name, str(value))
    settings = Settings()
    assert settings.metrics_token is None  # OHCH_METRICS_TOKEN unset: "" is no token
    assert settings.env is Environment.PRODUCTION
    assert settings.dev_viewer_token is None
    assert settings.oidc_issuer == ISSUER
    assert not settings.explorable


def test_the_scheduler_runs_with_the_api_environment_after_the_api_is_healthy() -> None:
    services = _compose_config()["services"]
    assert isinstance(services, dict)
    scheduler = services["scheduler"]
    assert scheduler["command"] == ["ohch", "scheduler", "run"]
    assert scheduler["environment"] == services["api"]["environment"]
    assert scheduler["depends_on"]["api"]["condition"] == "service_healthy"
    assert scheduler["user"] == services["api"]["user"]
