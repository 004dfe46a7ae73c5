"""Evidence packages against a real Neo4j: a case assigned to a force yields a signed JSON and
PDF package that verifies, fails after any one byte of any file changes, is identical when
produced twice, reads back as text, and never carries another force's victim."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.audit.log import AuditLog
from graph.audit.records import Operation
from graph.db import Graph
from graph.errors import Forbidden
from graph.evidence.manifest import verify_package
from graph.evidence.produce import produce
from graph.evidence.signing import create_key, load_private_key, public_pem
from graph.settings import Settings
from tests.cli_env import cli_env
from tests.integration.evidence.world import (
    BILAL_TRACES,
    MANCHESTER,
    SCREENSHOT_SHA,
    WEST_YORKSHIRE,
    build_world,
)
from tests.integration.intake.helpers import query

PACKAGE_FILES = ("manifest.json", "manifest.sig", "package.json", "package.pdf", "public_key.pem")


def _pdf_text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def _cli_env(settings: Settings, tmp_path: Path, key: Path) -> dict[str, str]:
    audit = tmp_path / "audit" / "audit.jsonl"
    return cli_env(settings, audit, OHCH_EVIDENCE_SIGNING_KEY=str(key))


def test_a_package_verifies_is_reproducible_and_any_changed_byte_fails(
    reference_graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    world = build_world(reference_graph)
    key_file = tmp_path / "hub.pem"
    create_key(key_file)
    runner = CliRunner()
    env = _cli_env(neo4j_settings, tmp_path, key_file)

    # Produced once through the command (recipient: the assigned force, by default) ...
    first = tmp_path / "first"
    result = runner.invoke(app, ["evidence", world.a1, "--out", str(first), "--actor", "dc-patel"],
                           env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in first.iterdir()) == sorted(PACKAGE_FILES)
    # ... and again, later, through the library: the same state gives the same bytes.
    log = AuditLog(tmp_path / "audit" / "audit.jsonl")
    second = produce(
        reference_graph, world.a1, tmp_path / "second", actor="dc-okoro",
        key=load_private_key(key_file, create=False), audit_log=log,
    )  # fmt: skip
    for name in PACKAGE_FILES:
        assert (first / name).read_bytes() == (second.folder / name).read_bytes(), name

    # Both productions are disclosures in the audit trail: who, to whom, which manifest.
    records = [r for r in log.records() if r.endpoint == "cli:evidence"]
    assert [(r.operation, r.actor, r.recipients) for r in records] == [
        (Operation.DISCLOSURE, "dc-patel", ("Greater Manchester Police",)),
        (Operation.DISCLOSURE, "dc-okoro", ("Greater Manchester Police",)),
    ]
    assert {r.details["manifest_sha256"] for r in records} == {second.manifest_sha256}
    assert all(r.touches(world.a1) for r in records)
    receipt = json.loads(second.receipt.read_text())
    assert receipt["produced_by"] == "dc-okoro"
    assert receipt["audit"]["seq"] == records[1].seq

    # It verifies, with the package's key and with the key pinned.
    public = tmp_path / "hub-public.pem"
    pinned = runner.invoke(app, ["evidence", "public-key", "--out", str(public)], env=env)
    assert pinned.exit_code == 0, pinned.output
    assert pinned.output.splitlines()[0] == second.key_fingerprint
    ok = runner.invoke(app, ["evidence", "verify", str(first), "--public-key", str(public)])
    assert ok.exit_code == 0, ok.output
    assert verify_package(first).ok

    # Flip one byte of each file in turn: verification fails, naming that file.
    for name in PACKAGE_FILES:
        copy = tmp_path / f"tampered-{name}"
        shutil.copytree(first, copy)
        data = bytearray((copy / name).read_bytes())
        data[len(data) // 2] ^= 0x01
        (copy / name).write_bytes(bytes(data))
        bad = runner.invoke(app, ["evidence", "verify", str(copy), "--public-key", str(public)])
        assert bad.exit_code == 1, (name, bad.output)
        assert name in bad.output, (name, bad.output)
        verdict = verify_package(copy)
        assert verdict.bad is not None, name
        assert name in verdict.bad, name
    # Another key's signature, or a file slipped in, fails too.
    other = tmp_path / "other.pem"
    create_key(other)
    other_public = public_pem(load_private_key(other, create=False).public_key())
    assert verify_package(first, other_public).bad == "public_key.pem"
    (first / "extra.txt").write_text("added later")
    assert verify_package(first).bad == "extra.txt"


def test_the_pdf_reads_back_and_no_other_forces_victim_is_in_it(
    reference_graph: Graph, tmp_path: Path
) -> None:
    world = build_world(reference_graph)
    # Precondition: the graph's identity evidence counts West Yorkshire's victim, whom both
    # accounts targeted, without naming them.
    (edge,) = query(reference_graph, "MATCH ()-[j:SAME_PERSON]->() RETURN j.evidence AS e")
    assert '"victims_in_days"' in edge["e"]
    assert not any(trace in edge["e"] for trace in BILAL_TRACES)

    key_file = tmp_path / "hub.pem"
    create_key(key_file)
    made = produce(
        reference_graph, world.a1, tmp_path / "pkg", actor="dc-patel", recipient_force=MANCHESTER,
        key=load_private_key(key_file, create=False), audit_log=AuditLog(tmp_path / "audit.jsonl"),
    )  # fmt: skip
    content = json.loads((made.folder / "package.json").read_text())
    text = _pdf_text(made.folder / "package.pdf")
    flat = " ".join(text.split())

    assert world.a1 in flat
    for offence in content["assessment"]["candidates"]:
        assert " ".join(offence["title"].split()) in flat, offence["title"]
    (assigned,) = content["assignment"]["history"]
    assert assigned["to_force"] == MANCHESTER
    assert assigned["reasons"]
    for reason in assigned["reasons"]:
        assert " ".join(reason.split()) in flat, reason
    assert "Page 1 of" in flat
    assert SCREENSHOT_SHA in content["captures"][0]["files"][0]["sha256"]
    assert content["captures"][0]["text_sha256"]

    # Manchester's own victim, who consented, with contact details; the witness who did not
    # consent without them.
    parties = {p["name"]: p for r in content["reports"] for p in r["parties"]}
    assert parties["Amara Okafor"]["email"] == "amara@example.org"
    assert parties["Amara Okafor"]["phone"] == "+447911123456"
    assert parties["Wendy Walker"]["email"] is None
    assert parties["Wendy Walker"]["phone"] is None
    assert "wendy@example.org" not in flat
    assert "wendy@example.org" not in json.dumps(content)

    # West Yorkshire's victim: not in the JSON, not in the PDF, though identity evidence and a
    # linked case lead to them.
    assert [k["case_id"] for k in content["linked_cases"]] == [world.b1]
    raw = (made.folder / "package.json").read_text()
    for trace in BILAL_TRACES:
        assert trace not in raw, trace
        assert trace not in text, trace
    features = {
        e["feature"]: e
        for p in content["identities"] for j in p["judgements"] for e in j["evidence"]["evidence"]
    }  # fmt: skip
    assert features["victims_in_days"]["left"] == "[withheld]"
    assert features["email"]["left"] == "[withheld]"  # a force role is not cleared for these
    assert features["handle"]["left"] == "jsmith_88"

    # A force the case is neither assigned nor notified to receives nothing.
    with pytest.raises(Forbidden):
        produce(
            reference_graph, world.a1, tmp_path / "wy", actor="dc-patel",
            recipient_force=WEST_YORKSHIRE, key=load_private_key(key_file, create=False),
            audit_log=AuditLog(tmp_path / "audit.jsonl"),
        )  # fmt: skip
    assert not (tmp_path / "wy").exists()
