"""The Neo4j password: the one configured, or the local server's own, made at its first start.

A local Neo4j (the one ``make run`` starts) gets a random password the first time it is
needed, kept in ``<OHCH_LOCAL_NEO4J_DIR>/password`` (0600) beside the store it protects, so no
two machines share one. A store made before this file existed was given the old development
default, which is then written there so the store keeps working. An external Neo4j
(``NEO4J_URI``) needs ``NEO4J_PASSWORD``.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from graph.durable_files import create_private
from graph.errors import InvalidValue
from graph.settings import DEV_PASSWORD, Settings

PASSWORD_FILE = "password"  # noqa: S105 - a file name
SET_MARKER = "password-set"  # written by the launcher once it has set the initial password


def neo4j_password(settings: Settings) -> str:
    if settings.neo4j_password is not None:
        return settings.neo4j_password.get_secret_value()
    if settings.uses_external_neo4j:
        raise InvalidValue("NEO4J_PASSWORD", f"is required for the Neo4j at {settings.bolt_uri}")
    return local_password(settings.local_neo4j_dir)


def local_password(home: Path) -> str:
    """The local store's password, made (or, for an older store, recorded) on first use."""
    path = home / PASSWORD_FILE
    if not path.exists():
        made_before = (home / SET_MARKER).exists()
        password = DEV_PASSWORD if made_before else secrets.token_urlsafe(24)
        create_private(path, (password + "\n").encode())
    return path.read_text(encoding="utf-8").strip()
