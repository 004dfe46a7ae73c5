"""What the audit trail records: one :class:`AuditEvent` per act on personal data.

DPA 2018 s62 asks for logs of collection, alteration, consultation, disclosure (including
transfers), combination and erasure; for consultation and disclosure the date and time and, so
far as possible, who did it and the recipients. The Data (Use and Access) Act 2025 s82 removed
the duty to log a justification, so ``reason`` is optional.

An :class:`AuditRecord` is the event as stored: its place in the chain (``seq``), the time it
was logged, and the hashes that chain it (``graph/audit/chain.py``).
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from graph.intel.models import UtcDatetime

Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Detail = str | int | None


class Operation(enum.StrEnum):
    """The six kinds of processing s62(1) names."""

    CONSULTATION = "consultation"
    COLLECTION = "collection"
    ALTERATION = "alteration"
    DISCLOSURE = "disclosure"
    COMBINATION = "combination"
    ERASURE = "erasure"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Accessed(_Frozen):
    """Which records of one kind were touched, and which of their fields (empty: whole)."""

    kind: str = Field(min_length=1)  # "victim", "report", "account", "case", "intelligence", ...
    ids: tuple[str, ...]
    fields: tuple[str, ...] = ()


class AuditEvent(_Frozen):
    """What a caller logs: who, in which role and force, through which endpoint, did what to
    which records, and for a disclosure to whom."""

    operation: Operation
    actor: str = Field(min_length=1)  # the user id (or service account)
    role: str
    force_code: str | None = None
    endpoint: str = Field(min_length=1)  # "graphql:forceCase", "cli:export nim", ...
    accessed: tuple[Accessed, ...]
    reason: str | None = None
    recipients: tuple[str, ...] = ()
    details: dict[str, Detail] = Field(default_factory=dict)

    def touches(self, entity_id: str) -> bool:
        return any(entity_id in a.ids for a in self.accessed)


class AuditRecord(AuditEvent):
    """An event as stored: ``seq`` counts from 1 without gaps; ``prev_hash`` is the previous
    record's ``hash`` (64 zeros for the first); ``hash`` seals everything else."""

    seq: int = Field(ge=1)
    logged_at: UtcDatetime
    prev_hash: Hash
    hash: Hash
