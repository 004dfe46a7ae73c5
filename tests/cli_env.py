"""The environment that makes an ``ohch`` subprocess use the test hub."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from graph.settings import Settings

OHCH = Path(sys.executable).with_name("ohch")


def cli_env(settings: Settings, audit_log: Path, **extra: str) -> dict[str, str]:
    """This process's environment without any OHCH_ or NEO4J_ setting, then the test graph's
    address and credentials, ``audit_log``, and ``extra`` (``OHCH_...`` names)."""
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OHCH_", "NEO4J_"))}
    return env | {
        "OHCH_ENV": "test",
        "NEO4J_URI": settings.bolt_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": password,
        "OHCH_AUDIT_LOG": str(audit_log),
        **extra,
    }
