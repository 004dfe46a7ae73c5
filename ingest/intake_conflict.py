"""An intake conflict as the hub shows it: a journalled referral whose (source, source_ref) was
written meanwhile with another payload, kept whole for an analyst (stored by
``ingest/conflicts.py``). Pure: no I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class ConflictStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


@dataclass(frozen=True, slots=True)
class IntakeConflict:
    reference: str  # the journal reference the complainant was given
    source: str
    source_ref: str
    raw_payload: str  # the journalled referral as it came, verbatim
    received_at: datetime  # when the journal accepted it
    existing_reference: str  # the report written under the same key meanwhile
    existing_received_at: datetime
    detected_at: datetime  # when the replay found the conflict
    status: ConflictStatus
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolution: str | None = None  # the analyst's reason

    @property
    def cursor_key(self) -> str:
        return f"{self.detected_at.isoformat()}|{self.reference}"
