"""A platform with an API takes the pack and answers with tickets; the referrals are then
acknowledged with them. A platform that fails to take it changes nothing, and the same pack
delivered again goes through. The platform here is a local fake that answers like one."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient

from graph.audit.log import AuditLog
from graph.db import Graph
from graph.removals import store
from graph.removals.channels import DeliveryFailed, PlatformApi
from graph.removals.lifecycle import Status
from graph.removals.sending import send_pack
from tests.api.conftest import gql
from tests.factories import referral

TOKEN = "platform-test-token"
CONTENT_OF = "query($r: String!) { report(sourceRef: $r) { ... on Report { content { id } } } }"


class FakePlatform(BaseHTTPRequestHandler):
    """Answers a pack with one ticket a referral, or 503 while told to fail."""

    received: ClassVar[list[dict[str, Any]]] = []
    failing: ClassVar[bool] = False

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._answer(401, {"error": "unauthorised"})
            return
        if FakePlatform.failing:
            self._answer(503, {"error": "try later"})
            return
        FakePlatform.received.append({"idempotency": self.headers["Idempotency-Key"], **body})
        tickets = {r["referral_id"]: f"T-{n}" for n, r in enumerate(body["referrals"], 1)}
        self._answer(200, {"receipt": f"R-{body['pack_id']}", "tickets": tickets})

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def platform() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePlatform)
    FakePlatform.received, FakePlatform.failing = [], False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/referrals"
    finally:
        server.shutdown()
        server.server_close()


def test_a_platform_api_acknowledges_with_tickets(
    client: TestClient, platform: str, tmp_path: Path
) -> None:
    graph: Graph = client.app.state.graph  # type: ignore[attr-defined]
    now = datetime.now(UTC)
    ids = []
    for n in range(2):
        payload = referral(source_ref=f"API-{n}")
        payload["content"][0]["url"] = f"https://x.com/someone/status/{n + 10}"
        assert client.post("/api/v1/referrals", json=payload).status_code == 201
        found = gql(client, CONTENT_OF, token="dev-analyst", r=f"API-{n}")["data"]["report"]
        content = found["content"]["id"]
        drafted, _ = store.draft(graph, content, "dc-patel", now, "hateful conduct")
        store.step(graph, drafted.id, Status.APPROVED, "ds-okoro", now)
        ids.append(drafted.id)
    log = AuditLog(tmp_path / "audit.jsonl")

    FakePlatform.failing = True
    with pytest.raises(DeliveryFailed, match="did not take pack"):
        send_pack(graph, "x", tmp_path, "ds-okoro", now, log, channel=PlatformApi(platform, TOKEN))
    assert {store.get(graph, i).status for i in ids} == {Status.SENT}  # sent, not acknowledged
    (pack_dir,) = (tmp_path / "x").iterdir()

    FakePlatform.failing = False
    sent = send_pack(graph, "x", tmp_path, "ds-okoro", now, log, pack_id=pack_dir.name,
                     channel=PlatformApi(platform, TOKEN))  # fmt: skip
    assert sent is not None
    assert sent.delivery.receipt == f"R-{pack_dir.name}"
    (delivered,) = FakePlatform.received
    assert delivered["idempotency"] == pack_dir.name
    assert sorted(r["referral_id"] for r in delivered["referrals"]) == sorted(ids)
    acknowledged = [store.get(graph, i) for i in ids]
    assert {r.status for r in acknowledged} == {Status.ACKNOWLEDGED}
    assert sorted(r.steps[-1].evidence or "" for r in acknowledged) == ["T-1", "T-2"]
    (record,) = log.records()  # the failed delivery logged nothing: nothing was disclosed
    assert record.details["channel"] == "platform-api"

    with pytest.raises(DeliveryFailed):
        PlatformApi(platform, "wrong-token").deliver(pack_dir.name, {
            f.name: f.read_bytes() for f in pack_dir.iterdir()}, "contact")  # fmt: skip
