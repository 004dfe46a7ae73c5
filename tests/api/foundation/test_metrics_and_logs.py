"""Watching the hub run: /metrics counts requests and intake and reads the hub's queues, and
every log line a request causes is JSON with its request id and, once signed in, the user."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.logs import handler
from graph.db import Graph
from graph.settings import Settings
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"


def _sample(text: str, name: str, **labels: str) -> float | None:
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        if all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_metrics_count_requests_and_intake_and_show_the_queues(client: TestClient) -> None:
    client.get("/healthz")
    assert client.post("/api/v1/referrals", json=referral(source_ref="M-1")).status_code == 201
    bad = referral(source_ref="M-2")
    del bad["content"]
    assert client.post("/api/v1/referrals", json=bad).status_code == 422
    text = client.get("/metrics").text
    healthz = _sample(text, "ohch_http_requests_total", route="/healthz", status="200")
    assert (healthz or 0) >= 1
    assert (_sample(text, "ohch_intake_referrals_total", outcome="created") or 0) >= 1
    assert (_sample(text, "ohch_intake_referrals_total", outcome="rejected") or 0) >= 1
    assert _sample(text, "ohch_journal_backlog") == 0
    assert _sample(text, "ohch_recording_decisions_overdue") is not None
    assert _sample(text, "ohch_review_queue_pending") is not None
    assert 'route="/api/v1/referrals"' in text  # the template, never a raw path with ids


@pytest.fixture
def guarded(neo4j_settings: Settings, reference_graph: Graph) -> Iterator[TestClient]:
    settings = neo4j_settings.model_copy(update={"metrics_token": SecretStr("scrape-me-please")})
    with TestClient(create_app(settings)) as client:
        yield client


def test_metrics_need_their_token_when_one_is_set(guarded: TestClient) -> None:
    assert guarded.get("/metrics").status_code == 401
    wrong = {"Authorization": "Bearer guess"}
    assert guarded.get("/metrics", headers=wrong).status_code == 401
    right = {"Authorization": "Bearer scrape-me-please"}
    assert guarded.get("/metrics", headers=right).status_code == 200


def test_each_request_has_an_id_in_its_answer_and_its_json_log_lines(client: TestClient) -> None:
    written = io.StringIO()
    log = logging.getLogger("ohch.access")
    capture = handler("json", written)
    log.addHandler(capture)
    log.setLevel(logging.INFO)
    try:
        given = client.post(
            "/graphql", json={"query": "{ viewer { role } }"},
            headers={"Authorization": f"Bearer {ANALYST}", "X-Request-Id": "trace-0001-abcd"},
        )  # fmt: skip
        made = client.get("/healthz", headers={"X-Request-Id": "no good: spaces"})
    finally:
        log.removeHandler(capture)
    assert given.headers["x-request-id"] == "trace-0001-abcd"
    assert len(made.headers["x-request-id"]) == 32  # a new one, not the malformed one
    lines = [json.loads(line) for line in written.getvalue().splitlines()]
    signed_in = next(line for line in lines if line["request_id"] == "trace-0001-abcd")
    assert signed_in["event"] == "request"
    assert signed_in["route"] == "/graphql"
    assert (signed_in["user_id"], signed_in["role"]) == ("dc-patel", "hub_analyst")
    assert signed_in["level"] == "info"
    anonymous = next(line for line in lines if line["request_id"] == made.headers["x-request-id"])
    assert anonymous["user_id"] is None
