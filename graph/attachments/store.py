"""The graph's record of evidence files: ``(:EvidenceFile)-[:ATTACHED_TO]->(:Report)``.

A file is one node by its SHA-256 however often it is sent and for however many reports; each
sending is an edge with the name and type the sender declared (kept as typed, never trusted),
who sent it and when. The bytes are in the blob store (``blobs.py``), never in the graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from graph.attachments.models import Attached, EvidenceFile, Held, Sent
from graph.attachments.scanning import FileState
from graph.cypher import load_query
from graph.db import Graph, Record, native
from graph.errors import NotFound


def require_report(graph: Graph, reference: str) -> None:
    if not graph.read(load_query("attachments/report_exists"), reference=reference):
        raise NotFound(f"no report has the reference {reference!r}")


def attach(
    graph: Graph, reference: str, sent: Sequence[Sent], sender_role: str, sender_id: str,
    at: datetime,
) -> list[Attached]:  # fmt: skip
    """Record ``sent`` (distinct files) for the report ``reference``."""
    rows = graph.write(
        load_query("attachments/attach_files"), reference=reference, at=at,
        rows=[s.row(sender_role, sender_id) for s in sent],
    )  # fmt: skip
    if not rows and sent:
        raise NotFound(f"no report has the reference {reference!r}")
    return [
        Attached(r["sha256"], r["media_type"], r["size"], r["pdq"], r["pdq_quality"],
                 r["new_file"])
        for r in rows
    ]  # fmt: skip


def _file(f: dict[str, Any]) -> EvidenceFile:
    return EvidenceFile(
        sha256=f["sha256"], size=f["size"], media_type=f["media_type"], kind=f["kind"],
        pdq=f["pdq"], pdq_quality=f["pdq_quality"], declared_name=f["declared_name"],
        declared_type=f["declared_type"], received_at=native(f["received_at"]),
        sender_role=f["sender_role"], sender_id=f["sender_id"], times_sent=f["times_sent"],
        scan_state=FileState(f["scan_state"] or FileState.HELD),
        scanned_at=native(f["scanned_at"]), scan_why=f["scan_why"],
    )  # fmt: skip


def files_of_reports(graph: Graph, ids: list[str], sees_all: bool) -> list[list[EvidenceFile]]:
    """The evidence files of each report id, in order of ``ids`` (none for an unknown id)."""
    rows = graph.read(load_query("attachments/files_of_reports"), ids=ids, viewer_sees_all=sees_all)
    found = {r["report_id"]: [_file(f) for f in r["files"]] for r in rows}
    return [found.get(i, []) for i in ids]


def held(graph: Graph, sha256: str, sees_all: bool) -> Held:
    rows: list[Record] = graph.read(
        load_query("attachments/file_by_sha256"), sha256=sha256, viewer_sees_all=sees_all
    )
    if not rows:
        raise NotFound(f"no evidence file has the SHA-256 {sha256}")
    r = rows[0]
    return Held(r["sha256"], r["media_type"], r["size"], tuple(r["references"]))


def case_files(graph: Graph, case_id: str) -> list[dict[str, Any]]:
    """Every evidence file of a case's reports, by SHA-256: metadata for its package."""
    return [
        {"sha256": r["sha256"], "bytes": r["size"], "media_type": r["media_type"],
         "reports": list(r["references"])}
        for r in graph.read(load_query("attachments/case_files"), case_id=case_id)
    ]  # fmt: skip
