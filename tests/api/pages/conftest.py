"""The workspace's pages without a browser: a TestClient signed in by a sealed session cookie
(what the sign-in callback sets), and the CSRF field each form carries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.settings import Settings
from graph.viewer import Role
from pages.staff.session import COOKIE, StaffSession

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def hub(neo4j_settings: Settings, reference_graph: Graph) -> Iterator[TestClient]:
    """The hub, its graph emptied but for the forces and postcode districts."""
    with TestClient(create_app(neo4j_settings)) as client:
        yield client


@pytest.fixture
def sign_in(hub: TestClient) -> Callable[[Role, str, str | None], TestClient]:
    """``sign_in(role, user, force)``: the client now carries that staff session."""

    def signed(role: Role, user: str, force: str | None = None) -> TestClient:
        session = StaffSession(user, role, force, datetime.now(UTC) + timedelta(hours=1))
        hub.cookies.clear()
        hub.cookies.set(COOKIE, session.seal(), path="/staff")
        return hub

    return signed


def csrf_of(html: str) -> str:
    found = CSRF_FIELD.search(html)
    assert found, "the page has no form with a CSRF field"
    return found.group(1)
