"""``Report.evidenceFiles``: the files a report's sender sent, metadata only (the bytes are
downloaded by hub staff, audited, at ``GET /api/v1/evidence/{sha256}``)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.graphql.types.mirror import mirror, mirrors
from graph.attachments.models import EvidenceFile as EvidenceFileValue
from graph.attachments.scanning import FileState

strawberry.enum(
    FileState,
    name="EvidenceScanState",
    description="What the virus scan made of a file: CLEAN and ACCEPTED (kept unscanned under "
    "the hub's policy) can be downloaded; HELD waits for the rescan job "
    "(no scanner answered); QUARANTINED contained malware and its bytes are erased.",
)


@strawberry.type(
    description="A file sent with a report: one per SHA-256, however often sent. What it is "
    "comes from its bytes; its declared name and type are as the sender typed them."
)
@mirrors(EvidenceFileValue)
class EvidenceFile:
    sha256: str = strawberry.field(description="SHA-256 of its bytes, hex: its key.")
    media_type: str = strawberry.field(description="Read from its bytes, never its name.")
    pdq: str | None = strawberry.field(
        description="PDQ perceptual hash of an image (64 hex digits), if it decodes."
    )
    pdq_quality: int | None = strawberry.field(
        description="How much detail the hash rests on (0-100; under 50 it is not matched on)."
    )
    kind: str = strawberry.field(description="image, pdf or video.")
    declared_name: str = strawberry.field(description="Its name as first sent: never trusted.")
    declared_type: str | None = strawberry.field(description="Its type as first sent: never used.")
    received_at: datetime = strawberry.field(description="When it was first sent with this report.")
    sender_role: str = strawberry.field(
        description="Who first sent it: complainant (with the report's access code) or a hub role."
    )
    sender_id: str = strawberry.field(
        description="The report's reference for a complainant; the staff user otherwise."
    )
    times_sent: int = strawberry.field(description="How often it was sent with this report.")
    scan_state: FileState = strawberry.field(
        description="Its virus scan's outcome; a file kept before scanning began is HELD."
    )
    scanned_at: datetime | None = strawberry.field(description="When it was last scanned.")
    scan_why: str | None = strawberry.field(
        description="Why it could not be scanned (no scanner, scanner away, too large), if so."
    )
    downloadable: bool = strawberry.field(
        description="Whether staff can download it now (and a package includes it)."
    )

    @classmethod
    def of(cls, value: EvidenceFileValue) -> EvidenceFile:
        return mirror(cls, value, downloadable=value.downloadable)
