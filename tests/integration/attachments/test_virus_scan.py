"""Virus scanning of evidence files against a real clamd (``conftest.py``) and a real Neo4j: a
clean file is kept with its scan recorded; a sending with a file clamd finds malware in is
refused whole, nothing kept, the signature only in the audit trail; a large spooled file is
streamed to clamd, never whole in memory; with the scanner down each policy does what it says;
a held file a later rescan finds clean can be downloaded, one it finds infected is
quarantined."""

from __future__ import annotations

import hashlib
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from graph.attachments import spool
from graph.attachments.blobs import DiskBlobStore
from graph.attachments.clamd import Clamd, Scanner, parse_address
from graph.attachments.kinds import Limits
from graph.attachments.models import Upload
from graph.attachments.rescan import rescan
from graph.attachments.scanning import FileInfected, Unscanned
from graph.audit.log import AuditLog
from graph.db import Graph
from graph.errors import Conflict, ScanUnavailable
from graph.evidence.produce import package
from graph.viewer import Role, Viewer
from services.attachments import Sending, download_evidence, send_evidence
from services.use_case import Caller
from tests.factories import referral
from tests.integration.attachments.conftest import MALWARE, SIGNATURE, STREAM_MAX, ClamdDaemon
from tests.integration.evidence.world import build_world
from tests.integration.intake.helpers import query, write

LIMITS = Limits(image=5_000_000, pdf=5_000_000, video=50_000_000)
ANALYST = Viewer(Role.HUB_ANALYST, "ann")
AT = datetime(2026, 3, 6, 10, 0, tzinfo=UTC)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
INFECTED_PDF = b"%PDF-1.7\n1 0 obj<</Note(" + MALWARE + b")>>endobj\n%%EOF\n"
MP4_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 40
DOWN = "unix:///nonexistent/ohch-test/clamd.sock"  # no scanner answers there


class Hub:
    """One hub's graph, blob store and audit trail, and a report to send files for."""

    def __init__(self, graph: Graph, folder: Path, source_ref: str) -> None:
        self.graph, self.folder = graph, folder
        self.blobs = DiskBlobStore(folder / "evidence")
        self.audit = AuditLog(folder / "audit.jsonl")
        (found,) = query(graph, "MATCH (r:Report {source_ref: $s}) RETURN r.reference AS r",
                         s=source_ref)  # fmt: skip
        self.reference = str(found["r"])

    def send(self, scanner: Scanner, *uploads: Upload, reference: str | None = None) -> Any:
        return send_evidence(
            Caller(self.graph, ANALYST), Sending(reference or self.reference, None, "127.0.0.1"),
            list(uploads), self.blobs, LIMITS, self.audit, "test", AT, scanner,
        )  # fmt: skip

    def download(self, data: bytes) -> bytes:
        got = download_evidence(
            Caller(self.graph, ANALYST), _key(data), self.blobs, self.audit, "test"
        )
        return got.data

    def stored(self) -> list[Path]:
        return sorted(p for p in (self.folder / "evidence").rglob("*") if p.is_file())

    def scan_record(self, data: bytes) -> dict[str, Any]:
        (found,) = query(
            self.graph,
            "MATCH (f:EvidenceFile {sha256: $k}) RETURN f.scan_state AS state, "
            "f.scan_verdict AS verdict, f.scanner AS scanner, f.scanned_at AS at, "
            "f.scan_why AS why, f.scan_signature AS signature",
            k=_key(data),
        )
        return found

    def audited(self) -> list[dict[str, Any]]:
        return [
            orjson.loads(line) for line in (self.folder / "audit.jsonl").read_text().splitlines()
        ]


def _key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _upload(i: int, name: str, data: bytes) -> Upload:
    return Upload(f"files[{i}]", name, None, data)


def _scanner(address: str, policy: Unscanned = Unscanned.HOLD) -> Scanner:
    return Scanner(Clamd(parse_address(address), timeout_s=30), policy)


@pytest.fixture
def hub(graph: Graph, tmp_path: Path) -> Hub:
    write(graph, referral(source_ref="VS-1"))
    return Hub(graph, tmp_path, "VS-1")


@pytest.fixture
def clamd(clamd_daemon: ClamdDaemon) -> Scanner:
    return _scanner(clamd_daemon.address)


def test_a_clean_file_is_kept_with_its_scan_recorded(hub: Hub, clamd: Scanner) -> None:
    (kept,) = hub.send(clamd, _upload(0, "letter.pdf", PDF))
    assert kept.sha256 == _key(PDF)
    record = hub.scan_record(PDF)
    assert (record["state"], record["verdict"], record["why"]) == ("clean", "clean", None)
    assert record["scanner"].startswith("ClamAV ")
    assert record["at"].to_native() == AT
    assert hub.download(PDF) == PDF


def test_a_sending_with_malware_is_refused_whole_and_audited_with_the_signature(
    hub: Hub, clamd: Scanner
) -> None:
    with pytest.raises(FileInfected) as refused:
        hub.send(clamd, _upload(0, "letter.pdf", PDF), _upload(1, "bad.pdf", INFECTED_PDF))
    (problem,) = refused.value.problems
    assert problem.field == "files[1]"
    assert problem.message == "'bad.pdf' was refused: it contains malware"
    assert "Ohch" not in str(refused.value)  # the signature is never told to the sender
    assert hub.stored() == []
    assert query(hub.graph, "MATCH (f:EvidenceFile) RETURN f.sha256 AS k") == []
    (event,) = hub.audited()
    assert event["operation"] == "collection"
    assert event["details"]["refused"] == "malware"
    assert event["details"]["files"] == 0
    assert event["details"]["signatures"] == f"files[1]: {SIGNATURE}"
    assert event["accessed"][0]["ids"] == [hub.reference]


def _spooled(hub: Hub, name: str, body_mb: int, tail: bytes) -> Upload:
    """An MP4 of ``body_mb`` MB received a chunk at a time into the store's folder."""
    chunk = bytes(range(256)) * 4096  # 1 MB

    def chunks() -> Iterator[bytes]:
        yield MP4_HEAD
        for _ in range(body_mb):
            yield chunk
        yield tail

    received = spool.receive(chunks(), "files[0]", name, hub.blobs, LIMITS)
    return Upload("files[0]", name, "video/mp4", b"", received)


def test_a_large_spooled_file_is_streamed_to_clamd_never_whole_in_memory(
    hub: Hub, clamd: Scanner
) -> None:
    clean = _spooled(hub, "clean.mp4", 3, b"end")
    infected = _spooled(hub, "bad.mp4", 3, MALWARE)  # the pattern after 3 MB
    tracemalloc.start()
    try:
        (kept,) = hub.send(clamd, clean)
        with pytest.raises(FileInfected):
            hub.send(clamd, infected)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # each file is 3 MB; the scan holds one 64 KiB chunk at a time
    (found,) = query(hub.graph, "MATCH (f:EvidenceFile) RETURN f.sha256 AS k, "
                     "f.scan_state AS state")  # fmt: skip
    assert found == {"k": kept.sha256, "state": "clean"}
    assert [p.name for p in hub.stored()] == [kept.sha256]  # the infected spool was deleted
    assert hub.audited()[-1]["details"]["signatures"] == f"files[0]: {SIGNATURE}"


def test_a_file_past_clamds_stream_limit_is_not_scanned_and_held(hub: Hub, clamd: Scanner) -> None:
    large = _spooled(hub, "long.mp4", STREAM_MAX // (1024 * 1024) + 1, b"end")
    (kept,) = hub.send(clamd, large)
    (found,) = query(
        hub.graph, "MATCH (f:EvidenceFile {sha256: $k}) RETURN f.scan_state AS state, "
        "f.scan_why AS why", k=kept.sha256,
    )  # fmt: skip
    assert found["state"] == "held"
    assert "StreamMaxLength" in found["why"]


def test_scanner_down_hold_keeps_the_file_but_never_hands_it_over(hub: Hub) -> None:
    (kept,) = hub.send(_scanner(DOWN, Unscanned.HOLD), _upload(0, "letter.pdf", PDF))
    record = hub.scan_record(PDF)
    assert (record["state"], record["verdict"]) == ("held", "not_scanned")
    assert "not answering" in record["why"]
    assert [p.name for p in hub.stored()] == [kept.sha256]
    with pytest.raises(Conflict, match="has not been checked for viruses yet"):
        hub.download(PDF)


def test_scanner_down_refuse_keeps_nothing_and_says_send_again(hub: Hub) -> None:
    with pytest.raises(ScanUnavailable, match=r"files\[0\] \('letter.pdf'\).*send them again"):
        hub.send(_scanner(DOWN, Unscanned.REFUSE), _upload(0, "letter.pdf", PDF))
    assert hub.stored() == []
    assert query(hub.graph, "MATCH (f:EvidenceFile) RETURN f.sha256 AS k") == []
    (event,) = hub.audited()
    assert event["details"]["refused"] == "not scanned"
    assert "not answering" in event["details"]["not_scanned"]


def test_scanner_down_accept_keeps_and_hands_over_unscanned(hub: Hub) -> None:
    hub.send(_scanner(DOWN, Unscanned.ACCEPT), _upload(0, "letter.pdf", PDF))
    assert hub.scan_record(PDF)["state"] == "accepted_unscanned"
    assert hub.download(PDF) == PDF


def test_no_scanner_configured_follows_the_policy_too(hub: Hub) -> None:
    hub.send(Scanner(None, Unscanned.HOLD), _upload(0, "letter.pdf", PDF))
    record = hub.scan_record(PDF)
    assert (record["state"], record["why"]) == ("held", "no scanner is configured (OHCH_CLAMD)")


def test_a_held_file_rescanned_clean_is_downloadable_and_in_the_package(
    reference_graph: Graph, tmp_path: Path, clamd: Scanner
) -> None:
    world = build_world(reference_graph)
    hub = Hub(reference_graph, tmp_path, "TV-A1")  # a report of Manchester's case
    hub.send(_scanner(DOWN), _upload(0, "letter.pdf", PDF))
    before = package(reference_graph, world.a1, "E23000005").about
    assert before["evidence_files"] == []
    assert [(f["sha256"], f["why"]) for f in before["evidence_files_withheld"]] == [
        (_key(PDF), "has not been checked for viruses yet: it is held until a scan finds it clean")
    ]
    down = rescan(reference_graph, hub.blobs, _scanner(DOWN), hub.audit, AT)
    assert (down.held, down.clean, down.unavailable is not None) == (1, 0, True)
    assert hub.scan_record(PDF)["state"] == "held"
    back = rescan(reference_graph, hub.blobs, clamd, hub.audit, AT + timedelta(hours=1))
    assert (back.clean, back.held, back.quarantined) == (1, 0, 0)
    record = hub.scan_record(PDF)
    assert (record["state"], record["verdict"]) == ("clean", "clean")
    assert record["at"].to_native() == AT + timedelta(hours=1)
    assert hub.download(PDF) == PDF
    after = package(reference_graph, world.a1, "E23000005").about
    assert [f["sha256"] for f in after["evidence_files"]] == [_key(PDF)]
    assert "evidence_files_withheld" not in after


def test_a_held_file_rescanned_infected_is_quarantined_and_never_kept_again(
    hub: Hub, clamd: Scanner
) -> None:
    hub.send(_scanner(DOWN), _upload(0, "bad.pdf", INFECTED_PDF), _upload(1, "ok.pdf", PDF))
    done = rescan(hub.graph, hub.blobs, clamd, hub.audit, AT)
    assert (done.quarantined, done.clean) == (1, 1)
    record = hub.scan_record(INFECTED_PDF)
    assert (record["state"], record["signature"]) == ("quarantined", SIGNATURE)
    assert [p.name for p in hub.stored()] == [_key(PDF)]  # the infected bytes are gone
    erased = [e for e in hub.audited() if e["operation"] == "erasure"]
    assert [(e["accessed"][0]["ids"], e["details"]["signature"]) for e in erased] == [
        ([_key(INFECTED_PDF)], SIGNATURE)
    ]
    assert erased[0]["accessed"][1]["ids"] == [hub.reference]
    with pytest.raises(Conflict, match=f"malware \\({SIGNATURE}\\) and is quarantined"):
        hub.download(INFECTED_PDF)
    # Sent again while the scanner is away: the hub knows the file, and refuses it.
    with pytest.raises(FileInfected):
        hub.send(_scanner(DOWN, Unscanned.ACCEPT), _upload(0, "again.pdf", INFECTED_PDF))
    assert [p.name for p in hub.stored()] == [_key(PDF)]


def test_a_kept_file_sent_again_and_found_infected_is_quarantined(hub: Hub, clamd: Scanner) -> None:
    hub.send(_scanner(DOWN, Unscanned.ACCEPT), _upload(0, "bad.pdf", INFECTED_PDF))
    assert hub.download(INFECTED_PDF) == INFECTED_PDF  # accepted unscanned, as configured
    with pytest.raises(FileInfected):
        hub.send(clamd, _upload(0, "bad again.pdf", INFECTED_PDF))
    assert hub.scan_record(INFECTED_PDF)["state"] == "quarantined"
    assert hub.stored() == []
    with pytest.raises(Conflict, match="quarantined"):
        hub.download(INFECTED_PDF)
