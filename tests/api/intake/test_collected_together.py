"""Referrals posted together (issue #28 item 3): each answered with its own reference, and each
collection logged in the audit trail before its answer, the records of those answered together
appended together in one sound chain."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient

from graph.audit.log import AuditLog
from graph.audit.records import Operation
from tests.factories import referral

CLIENTS = 8
EACH = 4


def test_referrals_posted_together_are_each_answered_and_logged(
    hub: tuple[TestClient, Path],
) -> None:
    client, audit = hub

    def post(n: int) -> tuple[int, str]:
        answer = client.post("/api/v1/referrals", json=referral(source_ref=f"TOGETHER-{n}"))
        return answer.status_code, answer.json()["reference"]

    with ThreadPoolExecutor(CLIENTS) as pool:
        answers = list(pool.map(post, range(CLIENTS * EACH)))

    assert {status for status, _ in answers} == {201}
    references = [reference for _, reference in answers]
    assert len(set(references)) == CLIENTS * EACH
    log = AuditLog(audit)
    assert log.verify().ok
    collected = [r for r in log.records() if r.operation is Operation.COLLECTION]
    logged = [ids for r in collected for a in r.accessed for ids in a.ids]
    assert sorted(logged) == sorted(references)  # each referral once, none left out
