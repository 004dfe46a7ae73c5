"""Evidence files against a real Neo4j: the service keeps each file once in the store and
once in the graph, however often and for however many reports it is sent; a case's evidence
package lists the files of its reports, and only those, by SHA-256 in its signed manifest, and
stays byte for byte the same."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from graph.attachments.blobs import DiskBlobStore
from graph.attachments.clamd import Scanner
from graph.attachments.kinds import FileTypeNotAllowed, Limits
from graph.attachments.models import Upload
from graph.attachments.scanning import Unscanned
from graph.audit.log import AuditLog
from graph.db import Graph
from graph.evidence.manifest import verify_package
from graph.evidence.produce import produce
from graph.evidence.signing import create_key, load_private_key
from graph.settings import Settings
from graph.viewer import Role, Viewer
from services.attachments import Sending, send_evidence
from services.use_case import Caller
from tests.integration.evidence.world import build_world
from tests.integration.intake.helpers import query
from tests.unit.attachments.pictures import encoded, picture

LIMITS = Limits(image=5_000_000, pdf=5_000_000, video=5_000_000)
ANALYST = Viewer(Role.HUB_ANALYST, "ann")
PNG = encoded(picture(21, "seen on|the timeline"))
PDF = b"%PDF-1.7\n%%EOF\n"
AT = datetime(2026, 3, 6, 10, 0, tzinfo=UTC)


def _reference(graph: Graph, source_ref: str) -> str:
    (found,) = query(
        graph, "MATCH (r:Report {source_ref: $s}) RETURN r.reference AS r", s=source_ref
    )
    return str(found["r"])


def _send(graph: Graph, tmp_path: Path, source_ref: str, *files: tuple[str, bytes]) -> None:
    uploads = [Upload(f"files[{i}]", name, None, data) for i, (name, data) in enumerate(files)]
    send_evidence(
        Caller(graph, ANALYST), Sending(_reference(graph, source_ref), None, "127.0.0.1"), uploads,
        DiskBlobStore(tmp_path / "evidence"), LIMITS, AuditLog(tmp_path / "audit.jsonl"),
        "test", AT, Scanner(None, Unscanned.ACCEPT),
    )  # fmt: skip


def test_a_package_lists_its_reports_files_by_sha256_and_stays_reproducible(
    reference_graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    world = build_world(reference_graph)
    _send(reference_graph, tmp_path, "TV-A1", ("shot.png", PNG), ("letter.pdf", PDF))
    _send(reference_graph, tmp_path, "TV-A1-W", ("same shot.png", PNG))
    _send(reference_graph, tmp_path, "TV-B1", ("elsewhere.pdf", PDF + b"B"))  # another case
    key = tmp_path / "hub.pem"
    create_key(key)
    log = AuditLog(tmp_path / "package-audit.jsonl")
    made = [
        produce(reference_graph, world.a1, tmp_path / name, actor="dc-patel",
                key=load_private_key(key, create=False), audit_log=log)
        for name in ("first", "second")
    ]  # fmt: skip
    manifests = [(m.folder / "manifest.json").read_bytes() for m in made]
    assert manifests[0] == manifests[1]
    assert verify_package(made[0].folder).ok
    listed = orjson.loads(manifests[0])["evidence_files"]
    a1, a1_w = _reference(reference_graph, "TV-A1"), _reference(reference_graph, "TV-A1-W")
    assert listed == sorted(
        [
            {"sha256": hashlib.sha256(PNG).hexdigest(), "bytes": len(PNG),
             "media_type": "image/png", "reports": sorted([a1, a1_w])},
            {"sha256": hashlib.sha256(PDF).hexdigest(), "bytes": len(PDF),
             "media_type": "application/pdf", "reports": [a1]},
        ],
        key=lambda f: f["sha256"],
    )  # fmt: skip
    assert sorted(p.name for p in made[0].folder.iterdir()) == [  # the files stay in the hub
        "manifest.json", "manifest.sig", "package.json", "package.pdf", "public_key.pem"
    ]  # fmt: skip


def test_one_node_per_file_one_edge_per_sending_and_one_stored_copy(
    reference_graph: Graph, tmp_path: Path
) -> None:
    build_world(reference_graph)
    _send(reference_graph, tmp_path, "TV-A1", ("a.png", PNG), ("a-copy.png", PNG))
    _send(reference_graph, tmp_path, "TV-A1", ("again.png", PNG))
    _send(reference_graph, tmp_path, "TV-B1", ("b.png", PNG))
    shape = query(
        reference_graph,
        "MATCH (f:EvidenceFile)-[a:ATTACHED_TO]->(r:Report) "
        "RETURN f.sha256 AS f, r.source_ref AS r, a.declared_name AS name, a.sender_id AS by",
    )
    digest = hashlib.sha256(PNG).hexdigest()
    assert sorted((s["f"], s["r"], s["name"], s["by"]) for s in shape) == [
        (digest, "TV-A1", "a.png", "ann"),
        (digest, "TV-A1", "again.png", "ann"),
        (digest, "TV-B1", "b.png", "ann"),
    ]
    stored = [p for p in (tmp_path / "evidence").rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [digest]


def test_a_sending_with_one_bad_file_keeps_nothing(reference_graph: Graph, tmp_path: Path) -> None:
    build_world(reference_graph)
    with pytest.raises(FileTypeNotAllowed):
        _send(reference_graph, tmp_path, "TV-A1", ("a.png", PNG), ("b.exe", b"MZ\x90\x00"))
    assert query(reference_graph, "MATCH (f:EvidenceFile) RETURN f") == []
    assert not (tmp_path / "evidence").exists()
