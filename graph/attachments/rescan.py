"""Scan held evidence files again: the ``rescan_evidence`` job (``graph/scheduling/``).

Each file held (or recorded before the hub scanned files) is streamed from the blob store to
the scanner: found clean, it is handed over from then on; found infected, it is quarantined
(``scan_store.quarantine``: the record marked, its bytes removed, the erasure audited with the
signature); still not scanned, it stays held, or is accepted if the policy has become
``accept``. A quarantined file whose bytes are somehow still held has them removed. While no
scanner answers and the policy holds, nothing is written: the files wait for the next run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from graph.attachments import scan_store
from graph.attachments.blobs import BlobStore
from graph.attachments.clamd import Scanner
from graph.attachments.scanning import FileState, Unscanned, rescanned_as
from graph.audit.log import AuditLog
from graph.db import Graph

ACTOR = {"actor": "scheduler", "role": "system", "endpoint": "job:rescan_evidence"}


@dataclass(slots=True)
class Rescanned:
    clean: int = 0
    quarantined: int = 0
    held: int = 0
    accepted: int = 0
    missing: int = 0  # recorded, but the blob store does not hold its bytes
    unavailable: str | None = None  # why no scan could be made

    def __str__(self) -> str:
        done = (
            f"{self.clean} clean, {self.quarantined} quarantined, {self.held} still held, "
            f"{self.accepted} accepted unscanned, {self.missing} missing from the store"
        )
        return f"{done}; scanner unavailable: {self.unavailable}" if self.unavailable else done


def rescan(
    graph: Graph, blobs: BlobStore, scanner: Scanner, audit_log: AuditLog, now: datetime
) -> Rescanned:
    """Scan every held file again (see the module docstring)."""
    done = Rescanned()
    scans = scanner.begin()
    if scans.down is not None:
        done.unavailable = scans.down.why
    for sha256, state in scan_store.to_rescan(graph):
        if state == FileState.QUARANTINED:
            blobs.delete(sha256)
            continue
        if scans.down is not None and scanner.policy is not Unscanned.ACCEPT:
            done.held += 1  # nothing to learn until a scanner answers
            continue
        if not blobs.exists(sha256):
            done.missing += 1
            continue
        with blobs.open(sha256) as source:
            scan = scans.scan(source)
        after = rescanned_as(scan, scanner.policy)
        if after is FileState.QUARANTINED:
            done.quarantined += scan_store.quarantine(
                graph, blobs, audit_log, sha256, scan, now, ACTOR
            )
            continue
        scan_store.record(graph, sha256, scan, after, now)
        done.clean += after is FileState.CLEAN
        done.held += after is FileState.HELD
        done.accepted += after is FileState.ACCEPTED
    return done
