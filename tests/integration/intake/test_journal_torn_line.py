"""A torn line in the journal (a crash or a full disk mid-append) never stops the drain: every
valid entry is written, the bytes that are not one are kept verbatim in the quarantine and
reported, ``/readyz`` says degraded until an operator has looked (``ohch journal quarantine``),
and a backlog whose drain fails says degraded too (issue #21 item 4)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from cli.main import app as ohch
from graph.db import Graph
from graph.settings import Settings
from ingest.journal import PENDING, Journal
from ingest.service import replay_entries
from tests.factories import referral
from tests.integration.intake.journal_world import journal, journalled, outage, reports

__all__ = ["journal", "outage"]  # fixtures

TORN = b'{"payload": {"source": "true-vision", "source_ref": "J-TORN-X", "repo'
NOT_A_REFERRAL = {"payload": {"source": "true-vision"}, "raw": "{}", "reference": "OHCH-2026-JBAD",
                  "received_at": "2026-06-01T04:08:00+00:00", "access_code_hash": None}  # fmt: skip


def _tear(journal: Journal, data: bytes) -> None:
    """What a crash mid-append leaves: the first bytes of a line, no newline."""
    with (journal.directory / PENDING).open("ab") as handle:
        handle.write(data)


@pytest.fixture
def torn(reference_graph: Graph, outage: Graph, journal: Journal) -> dict[str, str]:
    """Four referrals journalled around a torn line in the middle, a line that is JSON but no
    referral, and a torn last line; returns the references given, by source_ref."""
    given = {}
    for n in (1, 2):
        given[f"J-TORN-{n}"] = journalled(referral(f"J-TORN-{n}"), outage, journal).reference
    _tear(journal, TORN)  # the next append closes it with a newline
    given["J-TORN-3"] = journalled(referral("J-TORN-3"), outage, journal).reference
    journal.append(NOT_A_REFERRAL)
    given["J-TORN-4"] = journalled(referral("J-TORN-4"), outage, journal).reference
    _tear(journal, TORN[:20])  # the crash came at the very end
    assert journal.backlog() == 7
    return given


def test_the_valid_entries_are_written_and_the_torn_ones_kept_aside(
    reference_graph: Graph, journal: Journal, torn: dict[str, str]
) -> None:
    assert journal.drain(lambda batch: replay_entries(reference_graph, batch)) == 4
    assert reports(reference_graph) == [
        {"ref": ref, "reference": reference} for ref, reference in sorted(torn.items())
    ]
    assert journal.backlog() == 0
    assert sorted(p.name for p in journal.directory.glob("*.jsonl")) == ["quarantine.jsonl"]

    kept = journal.quarantined()
    assert (
        [(q.line, q.data) for q in kept]
        == [
            (3, TORN + b"\n"),  # closed by the next append, its bytes as they were
            (7, TORN[:20]),
            (5, json.dumps(NOT_A_REFERRAL, separators=(",", ":")).encode() + b"\n"),
        ]
    )
    assert kept[0].reason.startswith("not JSON")
    assert kept[1].reason.startswith("torn line")
    assert kept[2].reason.startswith("not a valid referral")
    assert all(q.file.startswith("draining-") for q in kept)
    assert journal.concerns() == [
        "3 journal lines are quarantined and not yet reviewed (ohch journal quarantine list)"
    ]
    # Drained again (a crash before the file went, say), nothing is kept twice.
    assert journal.drain(lambda batch: replay_entries(reference_graph, batch)) == 0
    assert len(journal.quarantined()) == 3


@pytest.fixture
def api(neo4j_settings: Settings, journal: Journal) -> Iterator[TestClient]:
    settings = neo4j_settings.model_copy(
        update={"journal_dir": journal.directory, "journal_drain_interval_s": 0.2}
    )
    with TestClient(create_app(settings)) as client:
        yield client


def _ready(api: TestClient) -> dict[str, Any]:
    response = api.get("/readyz")
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _until(check: Any, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the API did not get there"
        time.sleep(0.1)


def test_readyz_is_degraded_until_the_quarantine_is_reviewed(
    reference_graph: Graph,
    journal: Journal,
    torn: dict[str, str],
    api: TestClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _until(lambda: journal.backlog() == 0)  # the API drained it by itself
    _until(lambda: api.get("/readyz").status_code == 200)  # the schema applied
    assert len(reports(reference_graph)) == 4
    answer = _ready(api)
    assert answer["status"] == "degraded"
    assert "3 journal lines are quarantined" in answer["detail"]
    assert "ohch_journal_quarantined 3.0" in api.get("/metrics").text.splitlines()

    monkeypatch.setenv("OHCH_JOURNAL_DIR", str(journal.directory))
    listed = CliRunner().invoke(ohch, ["journal", "quarantine", "list"])
    assert listed.exit_code == 0, listed.output
    assert "3 lines quarantined" in listed.output
    assert "torn line" in listed.output
    cleared = CliRunner().invoke(ohch, ["journal", "quarantine", "clear"])
    assert cleared.exit_code == 0, cleared.output
    assert "3 lines marked reviewed" in cleared.output
    assert journal.quarantined() == []
    assert len(list(journal.directory.glob("quarantine-reviewed-*.jsonl"))) == 1  # kept
    assert _ready(api) == {"status": "ready"}


def test_readyz_is_degraded_while_the_backlog_cannot_be_drained(
    reference_graph: Graph, outage: Graph, journal: Journal, neo4j_settings: Settings
) -> None:
    given = journalled(referral("J-STUCK-1"), outage, journal).reference

    def broken(_batch: list[dict[str, Any]]) -> None:
        raise RuntimeError("the writer failed")

    with pytest.raises(RuntimeError):
        journal.drain(broken)
    failure = journal.drain_failure()
    assert failure is not None
    assert failure.error == "RuntimeError: the writer failed"
    assert journal.backlog() == 1  # nothing lost

    settings = neo4j_settings.model_copy(
        update={"journal_dir": journal.directory, "journal_drain_interval_s": 0.2}
    )
    stuck = journal.holding_drain()  # another process is stuck draining, from before the start
    stuck.__enter__()
    try:
        with TestClient(create_app(settings)) as api:
            _until(lambda: api.get("/readyz").status_code == 200)
            answer = _ready(api)
            assert answer["status"] == "degraded"
            assert "1 journalled referrals are not draining" in answer["detail"]
            assert "the writer failed" in answer["detail"]
            assert journal.backlog() == 1
            stuck.__exit__(None, None, None)  # the lock is free: the API drains it
            _until(lambda: journal.backlog() == 0)
            _until(lambda: _ready(api) == {"status": "ready"})
    finally:
        stuck.__exit__(None, None, None)
    assert reports(reference_graph) == [{"ref": "J-STUCK-1", "reference": given}]
    assert journal.drain_failure() is None
