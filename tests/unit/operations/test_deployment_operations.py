"""The deployment file's healthcheck and volumes, ``ohch --version``, the doctor's pure parts,
and a backup's manifest and journal copy (no database)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cli.doctor_cmd import Status, check_settings, expected_schema_names
from cli.main import app
from graph.backup.hub_files import copy_journal
from graph.backup.manifest import BackupError, Manifest
from graph.cypher import all_queries, load_query, schema_statements
from graph.settings import Settings

REPO = Path(__file__).parents[3]


def _compose() -> dict[str, object]:
    compose = shutil.which("docker-compose")
    assert compose, "docker-compose is installed by scripts/ensure-system-deps.sh"
    result = subprocess.run(
        [compose, "-f", str(REPO / "docker-compose.yml"), "config"],
        env={**os.environ, "NEO4J_PASSWORD": "s3cret-pw", "OHCH_OIDC_ISSUER": "https://i.example",
             "OHCH_WEB_SECRET": "w" * 32},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    config: dict[str, object] = yaml.safe_load(result.stdout)
    return config


def test_the_neo4j_healthcheck_reads_the_password_the_container_has(tmp_path: Path) -> None:
    services = _compose()["services"]
    assert isinstance(services, dict)
    kind, command = services["neo4j"]["healthcheck"]["test"]
    assert kind == "CMD-SHELL"
    fake = tmp_path / "cypher-shell"  # records the arguments it is given
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$ARGS_OUT"\n')
    fake.chmod(0o755)
    auth = services["neo4j"]["environment"]["NEO4J_AUTH"]
    assert auth == "neo4j/s3cret-pw"
    # The rendered file escapes $ as $$ for compose; the container's shell gets one $.
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin", "NEO4J_AUTH": auth,
           "ARGS_OUT": str(tmp_path / "args")}  # fmt: skip
    result = subprocess.run(["/bin/sh", "-c", command.replace("$$", "$")], env=env, check=False)
    assert result.returncode == 0
    assert (tmp_path / "args").read_text().splitlines() == [
        "-u", "neo4j", "-p", "s3cret-pw", "RETURN 1",
    ]  # fmt: skip


def test_every_path_the_api_writes_is_on_a_named_volume_the_image_creates_for_its_user() -> None:
    api = _compose()["services"]["api"]  # type: ignore[index]
    assert api["user"] == "10001:10001"
    mounts = [v.split(":") for v in api["volumes"]]
    named = {target for source, target, mode in mounts if mode == "rw" and "/" not in source}
    paths = {k: v for k, v in api["environment"].items() if str(v).startswith("/")}
    assert set(paths) == {
        "OHCH_JOURNAL_DIR", "OHCH_AUDIT_LOG", "OHCH_NIM_EXPORT_DIR", "OHCH_EVIDENCE_DIR"
    }  # fmt: skip
    for name, path in paths.items():
        assert any(path == t or path.startswith(t + "/") for t in named), (name, path)
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "--uid 10001" in dockerfile
    joined = dockerfile.replace("\\\n", " ")  # continuation lines as one
    install = joined.split("install -d -o ohch -g ohch -m 0700", 1)[1]
    created = install.split("&&", 1)[0].split("\n", 1)[0].split()
    for target in named:
        assert target in created, f"{target}: the image must create it owned by uid 10001"


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"ohch {version('ohch')}\n"


def test_every_data_upgrade_has_a_doctor_check() -> None:
    pending = load_query("admin/pending_upgrades").text
    upgrades = [n.removeprefix("upgrades/") for n in all_queries() if n.startswith("upgrades/")]
    assert upgrades
    for name in upgrades:
        assert f"'{name}'" in pending, f"queries/admin/pending_upgrades.cypher must test {name}"


def test_the_doctor_knows_every_constraint_and_index_by_name() -> None:
    names = expected_schema_names()
    assert len(names) == len(schema_statements()) == len(set(names))
    assert "force_code" in names
    assert "reference_data_id" in names


def test_bad_settings_fail_without_showing_the_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OHCH_ENV", "production")
    monkeypatch.setenv("NEO4J_PASSWORD", "a-secret-never-printed")
    monkeypatch.setenv("OHCH_DEV_VIEWER_TOKEN", "")
    monkeypatch.delenv("OHCH_OIDC_ISSUER", raising=False)
    check, config = check_settings(lambda: Settings(_env_file=None))
    assert config is None
    assert check.status is Status.FAIL
    assert "OHCH_OIDC_ISSUER must name the identity provider" in check.detail
    assert "a-secret-never-printed" not in str(check)


def test_a_manifest_names_every_file_and_a_change_is_found(tmp_path: Path) -> None:
    (tmp_path / "graph").mkdir()
    dump = tmp_path / "graph" / "neo4j.dump"
    dump.write_bytes(b"dump")
    manifest = Manifest("2026-01-01T00:00:00+00:00", "0.1.0", None, "neo4j", {}, {}, None)
    manifest.add_file(tmp_path, dump)
    manifest.write(tmp_path)
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    Manifest.read(tmp_path).check_files(tmp_path)
    dump.write_bytes(b"dumb")
    with pytest.raises(BackupError, match=r"graph/neo4j\.dump: changed"):
        Manifest.read(tmp_path).check_files(tmp_path)
    dump.write_bytes(b"dump")
    (tmp_path / "graph" / "extra").write_bytes(b"")
    with pytest.raises(BackupError, match="graph/extra: not in the manifest"):
        Manifest.read(tmp_path).check_files(tmp_path)
    (tmp_path / "manifest.json").unlink()
    with pytest.raises(BackupError, match=r"no manifest\.json"):
        Manifest.read(tmp_path)


def test_the_journal_copy_keeps_complete_lines_only(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    journal.mkdir()
    (journal / "draining-01.jsonl").write_bytes(b'{"a": 1}\n')
    (journal / "pending.jsonl").write_bytes(b'{"b": 2}\n{"c": 3')  # an append under way
    written = copy_journal(journal, tmp_path / "copy")
    assert [p.name for p in written] == ["draining-01.jsonl", "pending.jsonl"]
    assert (tmp_path / "copy" / "pending.jsonl").read_bytes() == b'{"b": 2}\n'
    assert copy_journal(tmp_path / "absent", tmp_path / "copy2") == []


def _size(text: str) -> int:
    """A clamd.conf SIZE: bytes, or with a K or M suffix."""
    units = {"K": 1024, "M": 1024 * 1024}
    suffix = text[-1].upper()
    return int(text[:-1]) * units[suffix] if suffix in units else int(text)


def test_the_api_scans_with_a_clamd_that_takes_the_largest_evidence_file() -> None:
    services = _compose()["services"]
    assert isinstance(services, dict)
    address = services["api"]["environment"]["OHCH_CLAMD"]
    assert address == "tcp://clamav:3310"
    assert "clamav" in services["api"]["depends_on"]
    clamd = services["clamav"]["environment"]
    largest = Settings(_env_file=None).evidence_max_video_bytes
    # A stream over StreamMaxLength is cut off, so "not scanned"; a file over MaxFileSize or
    # MaxScanSize is passed over by clamd and would come back clean unread.
    for option in ("StreamMaxLength", "MaxFileSize", "MaxScanSize"):
        assert _size(clamd[f"CLAMD_CONF_{option}"]) >= largest, option
