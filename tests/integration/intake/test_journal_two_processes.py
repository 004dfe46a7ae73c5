"""Two API processes on one journal folder: while both append and both drain, no entry is
written twice and none is lost (the drain lock, ``fcntl.flock``), and lines appended by both
never interleave (issue #21 item 4, issue #27 item 5)."""

from __future__ import annotations

import json
import multiprocessing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from graph.db import Graph
from graph.settings import Settings
from ingest.journal import Entry, Journal
from ingest.service import journal_reference, replay_entries
from tests.factories import referral
from tests.integration.intake.helpers import query

PROCESSES = 2
EACH = 40


def _entry(name: str) -> Entry:
    payload = referral(name)
    payload["incident"]["description"] = f"{name}: " + "a long account of what happened. " * 60
    return {
        "payload": payload,
        "raw": json.dumps(payload),
        "received_at": datetime.now(UTC).isoformat(),
        "reference": journal_reference(2026),
        "access_code_hash": None,
    }


def _logging_writer(graph: Graph, log: Path) -> Any:
    """Replays a batch and notes each entry it was handed, so the test counts the writes."""

    def write(batch: list[Entry]) -> object:
        with log.open("a") as handle:
            handle.writelines(f"{entry['reference']}\n" for entry in batch)
        return replay_entries(graph, batch)

    return write


def _api_process(settings: Settings, folder: str, log: str, name: str, start: Any) -> None:
    """One API process's share: append its referrals, draining every few, then drain what is
    left, as the API's drain loop does."""
    graph = Graph.connect(settings)
    journal = Journal(Path(folder))
    write = _logging_writer(graph, Path(log))
    start.wait()
    for i in range(EACH):
        journal.append(_entry(f"TWO-{name}-{i:03d}"))
        if i % 8 == 7:
            journal.drain(write, batch_size=5)
    journal.drain(write, batch_size=5)
    graph.close()


def test_two_processes_appending_and_draining_write_every_entry_once(
    reference_graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "journal"
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(PROCESSES)
    logs = [tmp_path / f"written-{n}.log" for n in range(PROCESSES)]
    processes = [
        spawn.Process(
            target=_api_process,
            args=(neo4j_settings, str(folder), str(logs[n]), chr(ord("A") + n), start),
        )
        for n in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=300)
        assert process.exitcode == 0
    journal = Journal(folder)
    # What one process appended after the other's last drain: the next drain writes it.
    journal.drain(_logging_writer(reference_graph, tmp_path / "written-last.log"))

    handed = [
        line for log in tmp_path.glob("written-*.log") for line in log.read_text().splitlines()
    ]
    assert len(handed) == PROCESSES * EACH  # each entry handed to a writer once
    assert len(set(handed)) == PROCESSES * EACH
    assert journal.backlog() == 0
    assert journal.quarantined() == []  # no line of one process broke into another's
    rows = query(reference_graph, "MATCH (r:Report) RETURN r.reference AS reference")
    assert sorted(r["reference"] for r in rows) == sorted(handed)


def _appender(folder: str, name: str, start: Any) -> None:
    journal = Journal(Path(folder))
    start.wait()
    for i in range(150):
        journal.append(_entry(f"APPEND-{name}-{i:03d}"))


def test_appends_from_several_processes_never_interleave(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(3)
    processes = [spawn.Process(target=_appender, args=(str(folder), name, start)) for name in "XYZ"]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=300)
        assert process.exitcode == 0
    lines = (folder / "pending.jsonl").read_bytes().splitlines()
    names = [orjson.loads(line)["payload"]["source_ref"] for line in lines]
    assert len(names) == len(set(names)) == 450
