"""The audit log on disk: appends from several processes, private files, search, export."""

from __future__ import annotations

import hashlib
import multiprocessing
import stat
from datetime import timedelta
from pathlib import Path

import orjson
import pytest

from graph.audit.chain import GENESIS, Problem
from graph.audit.log import BLOCK, AuditLog, AuditLogDamaged
from graph.audit.records import AuditEvent, Operation
from graph.errors import AuditUnavailable, Conflict
from tests.unit.audit.builders import T0, event

WORKERS = 4
APPENDS = 50


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_appends_chain_and_are_durable_lines(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit" / "audit.jsonl")
    first = log.append(event(1), now=T0)
    second, third = log.append_many([event(2), event(3)], now=T0 + timedelta(seconds=1))
    assert [r.seq for r in (first, second, third)] == [1, 2, 3]
    assert (first.prev_hash, second.prev_hash, third.prev_hash) == (
        GENESIS,
        first.hash,
        second.hash,
    )
    assert list(log.records()) == [first, second, third]
    assert log.verify().ok
    assert log.verify().last_hash == third.hash
    assert log.append_many([]) == []


def test_the_log_its_lock_and_its_folder_are_private(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit" / "audit.jsonl")
    log.append(event())
    assert mode(log.path) == 0o600
    assert mode(log.lock_path) == 0o600
    assert mode(log.path.parent) == 0o700


def test_the_last_record_is_read_from_the_end_even_when_longer_than_a_block(
    tmp_path: Path,
) -> None:
    log = AuditLog(tmp_path / "audit.jsonl")
    long = event(1).model_copy(update={"details": {"note": "x" * (3 * BLOCK)}})
    log.append_many([event(1), long])
    third = log.append(long)
    fourth = log.append(event(4))
    assert (third.seq, fourth.seq) == (3, 4)
    assert log.verify().records == 4


def test_appending_after_a_damaged_last_line_is_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The caller is told the trail cannot be written (and withholds its result); the
    operators' log says why."""
    log = AuditLog(tmp_path / "audit.jsonl")
    log.append_many([event(1), event(2)])
    data = log.path.read_bytes()
    log.path.write_bytes(data[:-7])  # a torn write
    with pytest.raises(AuditUnavailable, match="cannot be written") as refused:
        log.append(event(3))
    assert str(tmp_path) not in str(refused.value)
    assert "the last line is not a record" in caplog.text
    log.path.write_bytes(data.replace(b"analyst.jones", b"analyst.jonez"))
    with pytest.raises(AuditUnavailable):
        log.append(event(3))
    assert "the last record is changed" in caplog.text
    assert log.path.read_bytes() == data.replace(b"analyst.jones", b"analyst.jonez")


def _append_many_times(path: str, worker: int) -> None:
    log = AuditLog(Path(path))
    for n in range(APPENDS):
        log.append(event(n, actor=f"worker-{worker}"))


def test_appends_from_several_processes_form_one_gapless_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit" / "audit.jsonl"
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=_append_many_times, args=(str(path), w)) for w in range(WORKERS)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
        assert process.exitcode == 0
    result = AuditLog(path).verify()
    assert result.ok, str(result)
    assert result.records == WORKERS * APPENDS
    records = list(AuditLog(path).records())
    assert [r.seq for r in records] == list(range(1, WORKERS * APPENDS + 1))
    for w in range(WORKERS):
        mine = [r.details["n"] for r in records if r.actor == f"worker-{w}"]
        assert mine == list(range(APPENDS))  # each process's appends in its own order


def _filled(tmp_path: Path) -> AuditLog:
    log = AuditLog(tmp_path / "audit.jsonl")
    log.append(event(1, actor="analyst.jones", entity="victim-1"), now=T0)
    log.append(event(2, actor="analyst.smith", entity="victim-2"), now=T0 + timedelta(days=1))
    log.append(event(3, actor="analyst.smith", entity="victim-1"), now=T0 + timedelta(days=2))
    disclosed = event(4, actor="analyst.jones", entity="victim-1", operation=Operation.DISCLOSURE)
    log.append(disclosed, now=T0 + timedelta(days=3))
    return log


def test_search_answers_who_looked_at_a_victim_and_what_a_user_saw(tmp_path: Path) -> None:
    log = _filled(tmp_path)
    assert [r.seq for r in log.search(entity_id="victim-1")] == [1, 3, 4]
    assert [r.seq for r in log.search(entity_id="case:2")] == [2]
    assert [r.seq for r in log.search(actor="analyst.smith")] == [2, 3]
    week = log.search(actor="analyst.jones", since=T0, until=T0 + timedelta(days=3))
    assert [r.seq for r in week] == [1]  # since inclusive, until exclusive
    disclosures = log.search(entity_id="victim-1", operation=Operation.DISCLOSURE)
    assert [r.seq for r in disclosures] == [4]
    assert [r.seq for r in log.search(entity_id="victim-1", limit=2)] == [1, 3]
    assert log.search(entity_id="nobody") == []
    assert AuditLog(tmp_path / "missing.jsonl").search(actor="x") == []


def test_export_writes_the_period_exactly_as_logged_with_a_manifest(tmp_path: Path) -> None:
    log = _filled(tmp_path)
    out = tmp_path / "ico" / "audit-2026-03.jsonl"
    out.parent.mkdir()
    manifest = log.export(out, T0 + timedelta(days=1), T0 + timedelta(days=3))
    logged = log.path.read_bytes().splitlines(keepends=True)
    data = out.read_bytes()
    assert data == logged[1] + logged[2]
    second, third = list(log.records())[1:3]
    assert manifest == {
        "schema_version": "ohch-audit-export/1",
        "period": {"since": "2026-03-03T09:00:00Z", "until": "2026-03-05T09:00:00Z"},
        "file": {"name": out.name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()},
        "records": 2,
        "first_seq": second.seq,
        "last_seq": third.seq,
        "last_hash": third.hash,
        "chain": {"records": 4, "last_hash": log.verify().last_hash},
    }
    manifest_path = out.with_name(out.name + ".manifest.json")
    assert orjson.loads(manifest_path.read_bytes()) == manifest
    assert mode(out) == mode(manifest_path) == 0o600
    with pytest.raises(Conflict, match="never overwritten"):
        log.export(out, T0, T0 + timedelta(days=1))
    assert out.read_bytes() == data


def test_a_broken_log_is_not_exported(tmp_path: Path) -> None:
    log = _filled(tmp_path)
    lines = log.path.read_bytes().splitlines(keepends=True)
    log.path.write_bytes(lines[0] + lines[2] + lines[3])
    assert (log.verify().line, log.verify().problem) == (2, Problem.BROKEN_LINK)
    out = tmp_path / "out.jsonl"
    with pytest.raises(AuditLogDamaged, match="line 2: broken link"):
        log.export(out, T0, T0 + timedelta(days=9))
    assert not out.exists()


def test_an_event_needs_an_actor() -> None:
    with pytest.raises(ValueError, match="actor"):
        AuditEvent.model_validate({**event().model_dump(), "actor": ""})
