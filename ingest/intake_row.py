"""The intake row: one report as intake writes it, built once (``ingest/take_in.py``).

Typed fields hold what Python reads: which report it is, its receipt (when it came, the
payload and its hash, by which a key received before is told apart), what duplicate matching
compares and under which blocking keys, and the details kept unverified. ``written`` holds the
rest of what ``queries/intake/create_reports`` writes, which only the graph reads: the report's
other properties, and its people, content, accounts and suspects as nested rows.
:meth:`IntakeRow.params` puts the two together into the query's row; nothing is stripped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.dedup.models import ReportEvidence
from graph.values.unverified import Unverified
from ingest.receipt import Receipt

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class IntakeRow:
    id: str
    source: str
    source_ref: str
    intake_key: str  # (source, source_ref): intake is idempotent on it
    receipt: Receipt  # when, the verbatim payload and its hash, the access code's hash
    evidence: ReportEvidence  # what duplicate matching compares
    block_keys: tuple[str, ...]  # computed where intake validates, not in the writer
    unverified: tuple[Unverified, ...]
    written: Row  # the rest of create_reports' row: only the graph reads it

    @property
    def received_at(self) -> datetime:
        return self.receipt.received_at

    @property
    def year(self) -> int:
        """The year whose reference counter numbers the report."""
        return self.receipt.received_at.year

    def params(self, reference: str | None) -> Row:
        """The row ``queries/intake/create_reports`` takes, with the report's ``reference``."""
        receipt = self.receipt
        return {
            **self.written,
            "id": self.id,
            "source": self.source,
            "source_ref": self.source_ref,
            "intake_key": self.intake_key,
            "reference": reference,
            "received_at": receipt.received_at.isoformat(),
            "raw_payload": receipt.raw_payload,
            "payload_hash": receipt.payload_hash,
            "access_code_hash": receipt.access_code_hash,
            "unverified_fields": [u.field for u in self.unverified] or None,
            "unverified_reasons": [u.message for u in self.unverified] or None,
        }
