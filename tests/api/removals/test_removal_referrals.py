"""Removal referrals end to end: one referral per content however many report it, approved by a
supervisor, sent in a pack with its evidence hashes, chased when overdue, closed by the
platform's answer, and counted in the removal statistics."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.audit.log import AuditLog
from graph.audit.records import Operation
from graph.db import Graph
from graph.removals.sending import send_pack
from graph.settings import Settings
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"
SUPERVISOR = "dev:hub_supervisor:ds-okoro"
OFFICER = "dev:force_officer:pc1:E23000005"
POST = "https://x.com/jsmith88/status/1796512345678901234"
CONTENT_OF = "query($ref: String!) { report(sourceRef: $ref) { ... on Report { content { id } } } }"
REFER = """mutation($c: String!, $p: String) { referContent(contentId: $c, policyBreached: $p) {
  __typename
  ... on RemovalReferralDrafted { created referral { id status reason reports evidenceSha256
    accounts platform url text } }
  ... on InvalidInputError { problems { field message } }
  ... on ForbiddenError { message } } }"""
APPROVE = """mutation($r: String!) { approveRemovalReferral(referralId: $r, note: "clear breach") {
  __typename ... on RemovalReferral { status approvedBy } ... on ForbiddenError { message } } }"""
ANSWER = """mutation($r: String!, $s: RemovalStatus!, $n: String) {
  recordRemovalAnswer(referralId: $r, status: $s, note: $n, evidence: "ticket 4471") {
  __typename ... on RemovalReferral { status answeredAt overdue steps { status by } }
  ... on ConflictError { message } ... on InvalidInputError { problems { field message } } } }"""
QUEUE = """query($s: [RemovalStatus!], $o: Boolean!, $first: Int! = 50, $after: String) {
  removalReferrals(statuses: $s, overdueOnly: $o, first: $first, after: $after) { __typename
  ... on RemovalReferralConnection { nodes { id status overdue dueAt }
    pageInfo { hasNextPage endCursor } }
  ... on ForbiddenError { message } ... on InvalidInputError { problems { field message } } } }"""
STATS = """{ removalStats { ... on RemovalStatsTable { by rows { key sent answered removed refused
  medianHoursToRemoval p90HoursToRemoval refusalRate } } } }"""


def _sha(n: int) -> str:
    return hashlib.sha256(f"screenshot {n}".encode()).hexdigest()


def _report(client: TestClient, n: int, post: str = POST) -> None:
    payload = referral(source_ref=f"RM-{n}")
    payload["reporter"]["name"] = f"Reporter {n}"
    payload["reporter"]["email"] = f"reporter{n}@example.org"
    payload["content"][0]["url"] = post
    payload["content"][0]["attachments"] = [
        {"sha256": _sha(n % 3), "media_type": "image/png", "filename": f"shot{n}.png"}
    ]
    response = client.post("/api/v1/referrals", json=payload)
    assert response.status_code == 201, response.text


def _content_id(client: TestClient, ref: str = "RM-0") -> str:
    return str(gql(client, CONTENT_OF, token=ANALYST, ref=ref)["data"]["report"]["content"]["id"])


def _data(client: TestClient, query: str, token: str, **variables: Any) -> Any:
    result = gql(client, query, token=token, **variables)
    assert "errors" not in result, result["errors"]
    return result["data"]


@pytest.fixture
def viral(client: TestClient) -> str:
    """A post reported by 200 people, each with one of three screenshots."""
    for n in range(200):
        _report(client, n)
    return _content_id(client)


def test_two_hundred_reports_make_one_referral_sent_once_with_its_evidence(
    client: TestClient, viral: str, neo4j_settings: Settings, tmp_path: Path
) -> None:
    refused = _data(client, REFER, ANALYST, c=viral)["referContent"]
    assert refused["__typename"] == "InvalidInputError"  # no offence recordable, no policy named
    assert refused["problems"][0]["field"] == "policyBreached"

    first = _data(client, REFER, ANALYST, c=viral, p="X Hateful Conduct policy")["referContent"]
    again = _data(client, REFER, ANALYST, c=viral, p="another reason")["referContent"]
    assert (first["created"], again["created"]) == (True, False)
    referral_ = first["referral"]
    assert again["referral"]["id"] == referral_["id"]
    assert referral_["reports"] == 200
    assert referral_["evidenceSha256"] == sorted(_sha(n) for n in range(3))
    assert referral_["accounts"] == ["x|jsmith88"]
    assert (referral_["platform"], referral_["status"]) == ("x", "DRAFTED")
    assert "X Hateful Conduct policy" in referral_["reason"]

    assert (
        _data(client, APPROVE, ANALYST, r=referral_["id"])["approveRemovalReferral"]["__typename"]
        == "ForbiddenError"
    )  # only a supervisor approves
    approved = _data(client, APPROVE, SUPERVISOR, r=referral_["id"])["approveRemovalReferral"]
    assert approved == {"__typename": "RemovalReferral", "status": "APPROVED",
                        "approvedBy": "ds-okoro"}  # fmt: skip

    graph: Graph = client.app.state.graph  # type: ignore[attr-defined]
    log = AuditLog(tmp_path / "audit.jsonl")
    sent_pack = send_pack(graph, "x", tmp_path / "packs", "ds-okoro", datetime.now(UTC), log)
    assert sent_pack is not None
    pack = sent_pack.pack
    assert sent_pack.delivery.channel == "hand-over"
    lines = (pack.folder / "referrals.jsonl").read_bytes().splitlines()
    assert len(lines) == 1
    sent = json.loads(lines[0])
    assert sent["referral_id"] == referral_["id"]
    assert sent["evidence_sha256"] == referral_["evidenceSha256"]
    manifest = json.loads((pack.folder / "manifest.json").read_bytes())
    assert manifest["files"]["referrals.jsonl"] == hashlib.sha256(b"".join(
        line + b"\n" for line in lines)).hexdigest()  # fmt: skip
    assert manifest["referrals"] == 1
    assert send_pack(graph, "x", tmp_path / "packs", "ds-okoro", datetime.now(UTC), log) is None

    again_pack = send_pack(graph, "x", tmp_path / "packs", "ds-okoro", datetime.now(UTC), log,
                           pack_id=manifest["pack_id"])  # fmt: skip
    assert again_pack is not None
    assert again_pack.pack.already_existed
    assert again_pack.pack.manifest_sha256 == pack.manifest_sha256
    (first_log, second_log) = list(log.records())
    assert (first_log.operation, first_log.endpoint) == (Operation.DISCLOSURE,
                                                          "cli:export referrals")  # fmt: skip
    assert first_log.accessed[0].ids == (referral_["id"],)
    assert "removal" in first_log.recipients[0].lower() or first_log.recipients[0]
    assert second_log.details["already_written"] == 1


def test_overdue_then_removed_and_counted(client: TestClient, tmp_path: Path) -> None:
    for n, post in enumerate(("1", "2", "3")):
        _report(client, n, f"https://x.com/someone/status/{post}")
    ids = []
    for n in range(3):
        drafted = _data(client, REFER, ANALYST, c=_content_id(client, f"RM-{n}"),
                        p="hateful conduct")["referContent"]  # fmt: skip
        ids.append(drafted["referral"]["id"])
        _data(client, APPROVE, SUPERVISOR, r=ids[-1])
    graph: Graph = client.app.state.graph  # type: ignore[attr-defined]
    sent_at = datetime.now(UTC) - timedelta(hours=30)  # sent 30 hours ago: X is given 24
    send_pack(graph, "x", tmp_path, "ds-okoro", sent_at, AuditLog(tmp_path / "audit.jsonl"))

    overdue = _data(client, QUEUE, ANALYST, s=["SENT", "ACKNOWLEDGED"], o=True)
    assert sorted(i["id"] for i in overdue["removalReferrals"]["nodes"]) == sorted(ids)
    assert all(i["overdue"] for i in overdue["removalReferrals"]["nodes"])

    removed = _data(client, ANSWER, ANALYST, r=ids[0], s="REMOVED", n=None)
    assert removed["recordRemovalAnswer"]["status"] == "REMOVED"
    assert not removed["recordRemovalAnswer"]["overdue"]
    assert [s["status"] for s in removed["recordRemovalAnswer"]["steps"]] == [
        "DRAFTED", "APPROVED", "SENT", "REMOVED",
    ]  # fmt: skip
    refusal = _data(client, ANSWER, ANALYST, r=ids[1], s="REFUSED", n=None)
    assert refusal["recordRemovalAnswer"]["problems"][0]["field"] == "note"
    _data(client, ANSWER, ANALYST, r=ids[1], s="REFUSED", n="does not breach our rules")
    twice = _data(client, ANSWER, ANALYST, r=ids[0], s="REFUSED", n="late")
    assert twice["recordRemovalAnswer"]["__typename"] == "ConflictError"

    still = _data(client, QUEUE, ANALYST, s=["SENT", "ACKNOWLEDGED"], o=True)
    assert [i["id"] for i in still["removalReferrals"]["nodes"]] == [ids[2]]

    (x,) = _data(client, STATS, ANALYST)["removalStats"]["rows"]
    assert (x["key"], x["sent"], x["answered"], x["removed"], x["refused"]) == ("x", 3, 2, 1, 1)
    assert x["refusalRate"] == 0.5
    assert 29.9 < x["medianHoursToRemoval"] < 30.2  # sent 30 hours before it was removed


def test_force_officers_cannot_refer_or_see_referrals(client: TestClient) -> None:
    _report(client, 0)
    refused = gql(client, REFER, token=OFFICER, c=_content_id(client), p="x")
    assert refused["data"]["referContent"]["__typename"] == "ForbiddenError"
    listed = _data(client, QUEUE, OFFICER, s=None, o=False)["removalReferrals"]
    assert listed["__typename"] == "ForbiddenError"
    assert "only hub staff refer content" in listed["message"]


def test_the_queue_pages_to_its_end_and_refuses_a_bad_page(client: TestClient) -> None:
    ids = []
    for n in range(5):
        _report(client, n, f"https://x.com/someone/status/{n + 100}")
        drafted = _data(client, REFER, ANALYST, c=_content_id(client, f"RM-{n}"),
                        p="hateful conduct")["referContent"]  # fmt: skip
        ids.append(drafted["referral"]["id"])
    seen, after, pages = [], None, 0
    while True:
        page = _data(client, QUEUE, ANALYST, s=["DRAFTED"], o=False, first=2, after=after)
        listed = page["removalReferrals"]
        seen += [i["id"] for i in listed["nodes"]]
        pages += 1
        if not listed["pageInfo"]["hasNextPage"]:
            break
        after = listed["pageInfo"]["endCursor"]
    assert (sorted(seen), pages) == (sorted(ids), 3)  # 2 + 2 + 1, each once

    too_many = _data(client, QUEUE, ANALYST, s=None, o=False, first=501)["removalReferrals"]
    assert too_many["__typename"] == "InvalidInputError"
    assert too_many["problems"][0]["field"] == "first"
    not_ours = _data(client, QUEUE, ANALYST, s=None, o=False, after="_w")["removalReferrals"]
    assert not_ours["problems"][0]["field"] == "after"
