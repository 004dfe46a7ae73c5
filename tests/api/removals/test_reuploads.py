"""Removed content that comes back raises an alert an analyst can act on in one step."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from graph.audit.log import AuditLog
from graph.db import Graph
from graph.removals import store
from graph.removals.lifecycle import Status
from graph.removals.reuploads import scan
from graph.removals.sending import send_pack
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"
SUPERVISOR = "dev:hub_supervisor:ds-okoro"
REMOVED_TEXT = "Go back where you came from, you filthy animal"
CONTENT_OF = "query($ref: String!) { report(sourceRef: $ref) { ... on Report { content { id } } } }"
ALERTS = """{ reuploadAlerts { ... on ReuploadAlertConnection {
  nodes { id contentId referralId how score accounts status } } } }"""
REFER = """mutation($a: String!) { referReupload(alertId: $a) { __typename
  ... on RemovalReferralDrafted { referral { id contentId reason status } } } }"""
DISMISS = """mutation($a: String!) { dismissReuploadAlert(alertId: $a, note: "already gone") {
  __typename ... on ReuploadAlert { status note } } }"""
REPEAT = """query($first: Int! = 50, $after: String) {
  repeatReuploaders(minAlerts: 2, first: $first, after: $after) {
  ... on RepeatReuploaderConnection { nodes { accountKey alerts contentIds }
    pageInfo { hasNextPage endCursor } } } }"""


def _report(client: TestClient, ref: str, post: str, text: str) -> str:
    payload = referral(source_ref=ref)
    payload["content"][0]["url"] = f"https://x.com/jsmith88/status/{post}"
    payload["content"][0]["text"] = text
    assert client.post("/api/v1/referrals", json=payload).status_code == 201
    return str(gql(client, CONTENT_OF, token=ANALYST, ref=ref)["data"]["report"]["content"]["id"])


def _data(client: TestClient, query: str, **variables: Any) -> Any:
    result = gql(client, query, token=ANALYST, **variables)
    assert "errors" not in result, result["errors"]
    return result["data"]


def test_a_removed_post_that_comes_back_is_caught_once(client: TestClient, tmp_path: Path) -> None:
    graph: Graph = client.app.state.graph  # type: ignore[attr-defined]
    first = _report(client, "RU-1", "1001", REMOVED_TEXT)
    now = datetime.now(UTC)
    referral_, _ = store.draft(graph, first, "dc-patel", now, "X hateful conduct policy")
    store.step(graph, referral_.id, Status.APPROVED, "ds-okoro", now)
    send_pack(graph, "x", tmp_path, "ds-okoro", now, AuditLog(tmp_path / "audit.jsonl"))
    store.step(graph, referral_.id, Status.REMOVED, "dc-patel", datetime.now(UTC), "gone")
    assert scan(graph, datetime.now(UTC)) == 0  # nothing has come back yet

    evaded = _report(client, "RU-2", "2002", "G0 b4ck wh3re y0u c@me fr0m, y0u f1lthy 4nimal")
    _report(client, "RU-3", "1001", REMOVED_TEXT)  # the removed post itself, reported again
    _report(client, "RU-4", "3003", "Welcome back! Where did you come from, you lovely animal?")
    assert scan(graph, datetime.now(UTC)) == 2
    assert scan(graph, datetime.now(UTC)) == 0  # a later scan looks only at newer reports

    items = _data(client, ALERTS)["reuploadAlerts"]["nodes"]
    by_how = {i["how"]: i for i in items}
    assert set(by_how) == {"SAME_TEXT", "REPORTED_AGAIN"}
    assert by_how["SAME_TEXT"]["contentId"] == evaded
    assert by_how["SAME_TEXT"]["score"] >= 88
    assert by_how["REPORTED_AGAIN"]["contentId"] == first
    assert all(i["referralId"] == referral_.id for i in items)
    assert all(i["accounts"] == ["x|jsmith88"] for i in items)

    again = _data(client, REFER, a=by_how["SAME_TEXT"]["id"])["referReupload"]["referral"]
    assert again["contentId"] == evaded
    assert again["status"] == "DRAFTED"
    assert referral_.id in again["reason"]
    assert _data(client, DISMISS, a=by_how["REPORTED_AGAIN"]["id"])["dismissReuploadAlert"] == {
        "__typename": "ReuploadAlert", "status": "DISMISSED", "note": "already gone",
    }  # fmt: skip
    assert _data(client, ALERTS)["reuploadAlerts"]["nodes"] == []
    twice = _data(client, DISMISS, a=by_how["REPORTED_AGAIN"]["id"])["dismissReuploadAlert"]
    assert twice["__typename"] == "ConflictError"
    (repeat,) = _data(client, REPEAT)["repeatReuploaders"]["nodes"]
    assert (repeat["accountKey"], repeat["alerts"]) == ("x|jsmith88", 2)
    first = _data(client, REPEAT, first=1)["repeatReuploaders"]
    assert first["nodes"] == [repeat]
    assert not first["pageInfo"]["hasNextPage"]
    after = _data(client, REPEAT, first=1, after=first["pageInfo"]["endCursor"])
    assert after["repeatReuploaders"]["nodes"] == []
    none = _data(client, "{ repeatReuploaders(minAlerts: 0) { __typename } }")
    assert none["repeatReuploaders"]["__typename"] == "InvalidInputError"
