"""The graph's record of evidence files' virus scans (``EvidenceFile.scan_*``), and quarantine.

A sending's files are recorded with their scan in the same write that attaches them
(``queries/attachments/attach_files``, the ``scan`` of each ``Sent``); this module reads the
states back (a download, a package, a sending of a file already quarantined), records a later
scan, and quarantines: the record marked first, so nothing hands the file over, then its bytes
removed from the blob store, then the erasure written to the audit trail with the signature.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.attachments import scanning
from graph.attachments.blobs import BlobStore
from graph.attachments.scanning import FileState, Scan
from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.cypher import load_query
from graph.db import Graph, native, pages


@dataclass(frozen=True, slots=True)
class Stored:
    """A held file's scan state as recorded (``state`` ``None``: recorded before scanning)."""

    sha256: str
    state: str | None
    signature: str | None
    scanned_at: datetime | None
    scanner: str | None

    @property
    def withheld_because(self) -> str | None:
        return scanning.withheld_because(self.state, self.signature)


def states(graph: Graph, keys: Sequence[str]) -> dict[str, Stored]:
    """The recorded state of each file the hub holds among ``keys``."""
    rows = graph.read(load_query("attachments/scan_states"), sha256s=list(keys))
    return {
        r["sha256"]: Stored(r["sha256"], r["state"], r["signature"], native(r["scanned_at"]),
                            r["scanner"])
        for r in rows
    }  # fmt: skip


def handed_over(
    graph: Graph, files: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A case's evidence files (``store.case_files``) split: those the hub may hand over (in
    an evidence package), and those withheld, each with why (held, or quarantined)."""
    known = states(graph, [f["sha256"] for f in files])
    cleared, withheld = [], []
    for f in files:
        stored = known.get(f["sha256"])
        why = stored.withheld_because if stored else scanning.withheld_because(None)
        if why is None:
            cleared.append(f)
        else:
            withheld.append({"sha256": f["sha256"], "reports": sorted(f["reports"]), "why": why})
    return cleared, withheld


def record(
    graph: Graph, sha256: str, scan: Scan, state: FileState, at: datetime
) -> list[str] | None:
    """Record a later scan of a held file: the references of its reports, or ``None`` when
    the record stays as it was (quarantined already, or clean and not scanned now)."""
    rows = graph.write(
        load_query("attachments/record_scan"), sha256=sha256, scan=scanning.record(scan, state),
        at=at,
    )  # fmt: skip
    return list(rows[0]["references"]) if rows else None


def quarantine(
    graph: Graph, blobs: BlobStore, audit_log: AuditLog, sha256: str, scan: Scan,
    at: datetime, audited: dict[str, Any],
) -> bool:  # fmt: skip
    """Quarantine a held file a scan found infected; ``audited``: the audit event's actor,
    role and endpoint. ``False`` if it was quarantined already (nothing written)."""
    references = record(graph, sha256, scan, FileState.QUARANTINED, at)
    if references is None:
        return False
    blobs.delete(sha256)
    audit_log.append(
        AuditEvent(
            operation=Operation.ERASURE, **audited,
            accessed=(Accessed(kind="EvidenceFile", ids=(sha256,)),
                      Accessed(kind="Report", ids=tuple(references))),
            reason="quarantined: a virus scan found malware",
            details={"signature": scan.signature, "scanner": scan.scanner},
        )
    )  # fmt: skip
    return True


def to_rescan(graph: Graph) -> Iterator[tuple[str, str | None]]:
    """(SHA-256, state) of every file held, recorded before scanning, or quarantined."""
    for row in pages(graph, load_query("attachments/files_to_rescan"), key="sha256", page=500):
        yield row["sha256"], row["state"]
