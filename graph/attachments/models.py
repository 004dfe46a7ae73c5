"""Evidence files as values: as received (:class:`Upload`), checked and hashed (:class:`Sent`),
recorded (:class:`Attached`), and as staff see them (:class:`EvidenceFile`, :class:`Held`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graph.attachments.scanning import HANDED_OVER, FileState
from graph.attachments.spool import Spooled

MAX_FILES = 20  # in one sending, as a referral's attachments (ingest/limits.py)


@dataclass(frozen=True, slots=True)
class Upload:
    """One file as received: the form field it came in, its declared name and type, and its
    bytes, in memory (``data``) or spooled into the evidence store's folder (``spooled``)."""

    field: str
    declared_name: str
    declared_type: str | None
    data: bytes
    spooled: Spooled | None = None


@dataclass(frozen=True, slots=True)
class Sent:
    """One file as a sender sent it, checked and hashed, ready to record."""

    index: int  # its place in the sending
    sha256: str
    size: int
    media_type: str
    kind: str
    declared_name: str
    declared_type: str | None
    pdq: str | None
    pdq_quality: int | None
    pdq_crops: tuple[str, ...]
    pdq_dihedral: tuple[str, ...] = ()  # turned and flipped (graph/attachments/pdq.py)
    data: bytes = field(repr=False, default=b"")  # the bytes, for the blob store
    spooled: Spooled | None = None  # or the file they were spooled to, moved into place
    scan: dict[str, Any] | None = None  # its virus scan, as recorded (scanning.record)

    def row(self, sender_role: str, sender_id: str) -> dict[str, Any]:
        return {
            "index": self.index, "sha256": self.sha256, "size": self.size,
            "media_type": self.media_type, "kind": self.kind,
            "declared_name": self.declared_name, "declared_type": self.declared_type,
            "pdq": self.pdq, "pdq_quality": self.pdq_quality, "pdq_crops": list(self.pdq_crops),
            "pdq_dihedral": list(self.pdq_dihedral),
            "sender_role": sender_role, "sender_id": sender_id, "scan": self.scan,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Attached:
    """What the hub holds of a file once recorded; ``new_file``: no one had sent it before."""

    sha256: str
    media_type: str
    size: int
    pdq: str | None
    pdq_quality: int | None
    new_file: bool


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """A report's evidence file as staff see it: metadata only, never the bytes."""

    sha256: str
    size: int
    media_type: str
    kind: str
    pdq: str | None
    pdq_quality: int | None
    declared_name: str
    declared_type: str | None
    received_at: datetime
    sender_role: str
    sender_id: str
    times_sent: int
    scan_state: FileState = FileState.HELD  # a file kept before scanning counts as held
    scanned_at: datetime | None = None
    scan_why: str | None = None  # why it could not be scanned, when it was not

    @property
    def downloadable(self) -> bool:
        return self.scan_state in HANDED_OVER


@dataclass(frozen=True, slots=True)
class Held:
    """A file the hub holds, with the references of the reports it came with."""

    sha256: str
    media_type: str
    size: int
    references: tuple[str, ...]
