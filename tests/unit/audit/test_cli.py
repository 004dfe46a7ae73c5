"""``ohch audit verify|export|search`` with ``--log``, so no settings are needed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import orjson
from typer.testing import CliRunner

from cli.main import app
from graph.audit.log import AuditLog
from graph.audit.records import Operation
from tests.unit.audit.builders import T0, event

runner = CliRunner()


def filled(path: Path, count: int = 3) -> AuditLog:
    log = AuditLog(path)
    for n in range(1, count + 1):
        log.append(event(n, entity=f"victim-{n % 2}"), now=T0 + timedelta(hours=n))
    return log


def test_verify_exits_0_for_an_intact_log(tmp_path: Path) -> None:
    log = filled(tmp_path / "audit.jsonl")
    result = runner.invoke(app, ["audit", "verify", "--log", str(log.path)])
    assert result.exit_code == 0, result.output
    last = list(log.records())[-1].hash
    assert result.stdout == f"audit log intact: 3 records, last hash {last}\n"


def test_verify_exits_1_naming_the_first_bad_line(tmp_path: Path) -> None:
    log = filled(tmp_path / "audit.jsonl")
    data = bytearray(log.path.read_bytes())
    second_line = data.index(b"\n") + 1
    data[second_line + 40] ^= 0x01
    log.path.write_bytes(bytes(data))
    result = runner.invoke(app, ["audit", "verify", "--log", str(log.path)])
    assert result.exit_code == 1
    assert "audit log broken at line 2" in result.stderr


def test_export_writes_the_period_and_logs_the_disclosure(tmp_path: Path) -> None:
    log = filled(tmp_path / "audit.jsonl")
    out = tmp_path / "ico.jsonl"
    since = (T0 + timedelta(hours=2)).isoformat()
    until = (T0 + timedelta(hours=4)).isoformat()
    args = ["audit", "export", "--since", since, "--until", until, "--out", str(out)]
    result = runner.invoke(app, [*args, "--log", str(log.path), "--actor", "dpo.khan"])
    assert result.exit_code == 0, result.output
    assert "exported 2 records (seq 2..3" in result.stdout
    assert len(out.read_bytes().splitlines()) == 2
    manifest = orjson.loads(out.with_name("ico.jsonl.manifest.json").read_bytes())
    assert (manifest["first_seq"], manifest["last_seq"]) == (2, 3)
    *_, logged = log.records()
    assert (logged.seq, logged.operation, logged.actor) == (4, Operation.DISCLOSURE, "dpo.khan")
    assert logged.recipients == ("Information Commissioner's Office",)
    assert logged.details["sha256"] == manifest["file"]["sha256"]
    assert log.verify().ok
    again = runner.invoke(app, [*args, "--log", str(log.path)])
    assert again.exit_code == 1
    assert "never overwritten" in again.stderr


def test_export_refuses_a_period_that_ends_before_it_starts(tmp_path: Path) -> None:
    log = filled(tmp_path / "audit.jsonl")
    args = ["--since", T0.isoformat(), "--until", T0.isoformat(), "--out", str(tmp_path / "x")]
    result = runner.invoke(app, ["audit", "export", *args, "--log", str(log.path)])
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()


def test_search_prints_matching_records_and_is_itself_logged(tmp_path: Path) -> None:
    log = filled(tmp_path / "audit.jsonl")
    args = ["audit", "search", "--entity", "victim-1", "--log", str(log.path), "--by", "sup.lee"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert [row.split("\t")[0] for row in rows[:-1]] == ["1", "3"]
    assert "analyst.jones (hub_analyst)" in rows[0]
    assert rows[-1] == "matching records: 2"
    *_, logged = log.records()
    assert (logged.operation, logged.actor, logged.accessed[0].ids) == (
        Operation.CONSULTATION,
        "sup.lee",
        ("victim-1",),
    )
    by_actor = runner.invoke(app, ["audit", "search", "--actor", "sup.lee", "--log", str(log.path)])
    assert by_actor.stdout.splitlines()[-1] == "matching records: 1"
    neither = runner.invoke(app, ["audit", "search", "--log", str(log.path)])
    assert neither.exit_code == 2
