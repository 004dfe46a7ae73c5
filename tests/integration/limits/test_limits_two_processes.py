"""Two API processes against one Neo4j share their limits (issue #27 item 5): failed access
codes sent to both are refused at the limit for both together, and so are submissions past
the public rate, where each process counting on its own would let twice as many through."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.settings import Settings
from services.attempts import CLIENT_LIMIT, LIMIT
from tests.factories import referral

PROCESSES = 2
WRONG_EACH = 4  # at one reference: 8 in all, past LIMIT (5)
REFERENCES_EACH = 12  # one wrong code each: 24 in all, past what the client has left
SUBMISSIONS_EACH = 3  # 6 in all, past the rate (2 a minute)
RATE = 2


def _api_process(settings: Settings, name: str, step: Any) -> dict[str, list[Any]]:
    statuses: dict[str, list[Any]] = {"reference": [], "client": [], "submit": [], "span": []}
    with TestClient(create_app(settings)) as client:
        step.wait()
        for _ in range(WRONG_EACH):
            answer = client.post(
                "/api/v1/status", json={"reference": "HUB-2026-999999", "access_code": "WRONG"}
            )
            statuses["reference"].append(answer.status_code)
        step.wait()  # both have finished guessing at one reference
        for i in range(REFERENCES_EACH):
            question = {"reference": f"HUB-2026-{name}{i:05d}", "access_code": "WRONG"}
            statuses["client"].append(client.post("/api/v1/status", json=question).status_code)
        step.wait()
        statuses["span"].append(time.time())
        for i in range(SUBMISSIONS_EACH):
            sent = client.post("/api/v1/referrals", json=referral(f"LIM-{name}-{i}"))
            statuses["submit"].append(sent.status_code)
        statuses["span"].append(time.time())
    return statuses


def test_two_processes_share_the_guessing_and_rate_limits(
    reference_graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    settings = neo4j_settings.model_copy(
        update={
            "intake_rate_per_minute": RATE,
            "audit_log": tmp_path / "audit.jsonl",
            "journal_dir": tmp_path / "journal",
        }
    )
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager, ProcessPoolExecutor(PROCESSES, mp_context=spawn) as pool:
        step = manager.Barrier(PROCESSES)
        names = [str(n) for n in range(PROCESSES)]
        results = list(pool.map(_api_process, [settings] * PROCESSES, names, [step] * PROCESSES))

    def counts(phase: str) -> dict[int, int]:
        codes = [code for r in results for code in r[phase]]
        return {code: codes.count(code) for code in sorted(set(codes))}

    # One reference: LIMIT wrong answers in all, then refused, whichever process was asked.
    assert counts("reference") == {404: LIMIT, 429: PROCESSES * WRONG_EACH - LIMIT}
    # Many references from one client: the client's CLIENT_LIMIT, less what it already used.
    left = CLIENT_LIMIT - LIMIT
    assert counts("client") == {404: left, 429: PROCESSES * REFERENCES_EACH - left}
    # Submissions: the rate once for both processes (each alone would have let RATE through),
    # plus what the bucket refilled (RATE a minute) if the machine was so slow that the
    # submissions took that long; quick, as usual, it is the rate exactly.
    spans = [at for r in results for at in r["span"]]
    refilled = int((max(spans) - min(spans)) * RATE / 60)
    created = counts("submit").get(201, 0)
    assert RATE <= created <= RATE + refilled, (created, refilled)
    assert counts("submit") == {201: created, 429: PROCESSES * SUBMISSIONS_EACH - created}
    assert all(r["reference"][0] == 404 for r in results)  # both really were asked
