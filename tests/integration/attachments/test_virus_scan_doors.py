"""Virus scanning at the hub's doors, against a real clamd and a real Neo4j: the REST evidence
route and the public report form refuse a sending with malware (nothing kept, the file named,
the signature never told), the REST route says 503 when the policy refuses unscanned files and
no scanner answers, a held file is a 409 to download; ``ohch doctor`` reports the scanner."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from cli.doctor_cmd import Status, check_scanner
from graph.db import Graph
from graph.settings import Environment, Settings
from tests.factories import referral
from tests.integration.attachments.conftest import MALWARE, SIGNATURE, ClamdDaemon

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
INFECTED_PDF = b"%PDF-1.7\n1 0 obj<</Note(" + MALWARE + b")>>endobj\n%%EOF\n"
DOWN = "unix:///nonexistent/ohch-test/clamd.sock"
ANALYST = {"Authorization": "Bearer dev:hub_analyst:ann"}
SCANS = """query($ref: String!) { report(sourceRef: $ref) { ... on Report {
  evidenceFiles { declaredName scanState scannedAt scanWhy downloadable } } } }"""


def _settings(base: Settings, folder: Path, **update: Any) -> Settings:
    return base.model_copy(
        update={"audit_log": folder / "audit.jsonl", "evidence_dir": folder / "evidence", **update}
    )


@pytest.fixture
def folder(reference_graph: Graph, tmp_path: Path) -> Path:
    return tmp_path


def _client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def scanned(
    neo4j_settings: Settings, clamd_daemon: ClamdDaemon, folder: Path
) -> Iterator[TestClient]:
    yield from _client(_settings(neo4j_settings, folder, clamd=clamd_daemon.address))


def _submitted(client: TestClient, source_ref: str) -> tuple[str, str]:
    body = client.post("/api/v1/referrals", json=referral(source_ref=source_ref)).json()
    return body["reference"], body["access_code"]


def _send(client: TestClient, reference: str, code: str, *files: tuple[str, bytes]) -> Any:
    return client.post(
        f"/api/v1/referrals/{reference}/evidence",
        files=[("files", (name, data, "application/pdf")) for name, data in files],
        data={"access_code": code},
    )


def _kept(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "evidence").rglob("*") if p.is_file())


def _scans(client: TestClient, source_ref: str) -> list[dict[str, Any]]:
    """The report's files as hub staff see them over GraphQL, without the scan time."""
    answer = client.post("/graphql", json={"query": SCANS, "variables": {"ref": source_ref}},
                         headers=ANALYST).json()  # fmt: skip
    files: list[dict[str, Any]] = answer["data"]["report"]["evidenceFiles"]
    for found in files:
        assert found.pop("scannedAt") is not None
    return files


def _audited(folder: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in (folder / "audit.jsonl").read_text().splitlines()]


def test_the_rest_route_refuses_malware_naming_the_file_and_keeps_nothing(
    scanned: TestClient, folder: Path
) -> None:
    reference, code = _submitted(scanned, "VS-REST-1")
    answer = _send(scanned, reference, code, ("letter.pdf", PDF), ("invoice.pdf", INFECTED_PDF))
    assert answer.status_code == 422, answer.text
    assert answer.json()["problems"] == [
        {"field": "files[1]", "message": "'invoice.pdf' was refused: it contains malware"}
    ]
    assert "Ohch" not in answer.text
    assert _kept(folder) == []
    (refused,) = [e for e in _audited(folder) if e["endpoint"].endswith("/evidence")]
    assert refused["details"]["signatures"] == f"files[1]: {SIGNATURE}"
    clean = _send(scanned, reference, code, ("letter.pdf", PDF))
    assert clean.status_code == 201, clean.text
    download = scanned.get(f"/api/v1/evidence/{hashlib.sha256(PDF).hexdigest()}", headers=ANALYST)
    assert (download.status_code, download.content) == (200, PDF)
    assert _scans(scanned, "VS-REST-1") == [
        {"declaredName": "letter.pdf", "scanState": "CLEAN", "scanWhy": None, "downloadable": True}
    ]


def test_the_public_form_refuses_malware_beside_the_upload(
    scanned: TestClient, folder: Path
) -> None:
    reference, code = _submitted(scanned, "VS-FORM-1")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', scanned.get("/report").text)
    assert csrf is not None
    answer = scanned.post(
        "/report/evidence",
        data={"csrf_token": csrf[1], "reference": reference, "access_code": code},
        files=[("files", ("invoice.pdf", INFECTED_PDF, "application/pdf"))],
    )
    assert answer.status_code == 400
    said = "invoice.pdf contains a virus or other harmful software, so we cannot keep it"
    assert said in unescape(answer.text)  # the page's words (pages/file_refusals.py)
    assert "Ohch" not in answer.text
    assert _kept(folder) == []


def test_no_scanner_and_refuse_is_503_and_hold_is_a_409_to_download(
    neo4j_settings: Settings, folder: Path
) -> None:
    for client in _client(_settings(neo4j_settings, folder, clamd=DOWN,
                                    evidence_unscanned="refuse")):  # fmt: skip
        reference, code = _submitted(client, "VS-DOWN-1")
        answer = _send(client, reference, code, ("letter.pdf", PDF))
        assert answer.status_code == 503, answer.text
        assert answer.headers["retry-after"] == "30"
        assert "send them again later" in answer.json()["detail"]
        assert _kept(folder) == []
    for client in _client(_settings(neo4j_settings, folder, clamd=DOWN,
                                    evidence_unscanned="hold")):  # fmt: skip
        reference, code = _submitted(client, "VS-DOWN-2")
        assert _send(client, reference, code, ("letter.pdf", PDF)).status_code == 201
        key = hashlib.sha256(PDF).hexdigest()
        assert _kept(folder) == [key]
        held = client.get(f"/api/v1/evidence/{key}", headers=ANALYST)
        assert held.status_code == 409
        assert "has not been checked for viruses yet" in held.json()["detail"]
        (listed,) = _scans(client, "VS-DOWN-2")
        assert (listed["scanState"], listed["downloadable"]) == ("HELD", False)
        assert listed["scanWhy"]  # why no scan: the scanner did not answer


def test_doctor_reports_the_scanner_and_the_policy_in_force(
    neo4j_settings: Settings, clamd_daemon: ClamdDaemon
) -> None:
    up = check_scanner(neo4j_settings.model_copy(update={"clamd": clamd_daemon.address}))
    assert up.name == "virus scanner"
    assert up.status is Status.WARN  # the tests' own signatures carry no version or date
    assert up.detail.startswith(f"clamd at {clamd_daemon.address} answers: ClamAV ")
    assert "(signature database version unknown)" in up.detail
    assert "files that cannot be scanned are accepted" in up.detail
    down = check_scanner(
        neo4j_settings.model_copy(update={"clamd": DOWN, "evidence_unscanned": "hold"})
    )
    assert down.status is Status.FAIL
    assert f"clamd at {DOWN} is not answering" in down.detail
    assert "are held (kept, not handed over until a rescan finds them clean)" in down.detail
    assert "OHCH_EVIDENCE_UNSCANNED=hold" in down.detail
    unset = check_scanner(neo4j_settings.model_copy(update={"clamd": None}))
    assert (unset.status, unset.detail.split(";")[0]) == (
        Status.OK, "not configured (OHCH_CLAMD unset)"
    )  # fmt: skip
    production = check_scanner(
        neo4j_settings.model_copy(update={"clamd": None, "env": Environment.PRODUCTION})
    )
    assert production.status is Status.FAIL
    assert "are held" in production.detail
