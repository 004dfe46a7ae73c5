"""Data requests as the hub reads them: typed values, no I/O (``store.py`` reads them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from graph.data_requests.policy import data_request_policy
from graph.data_requests.rules import Kind, LegalBasis, Status


@dataclass(frozen=True, slots=True)
class RequestStep:
    status: Status
    at: datetime
    by: str
    note: str | None


@dataclass(frozen=True, slots=True)
class DataRequest:
    id: str
    account_key: str
    platform: str
    kind: Kind
    legal_basis: LegalBasis
    authorisation_reference: str | None
    justification: str | None
    status: Status
    drafted_at: datetime
    drafted_by: str
    authorised_by: str | None
    sent_at: datetime | None
    expires_at: datetime | None  # a preservation's end
    answered_at: datetime | None
    answer_note: str | None
    disclosures: tuple[str, ...]  # the disclosures that answered it
    steps: tuple[RequestStep, ...]

    def expiring(self, now: datetime) -> bool:
        """A sent preservation within the reminder window of its end."""
        if self.status is not Status.SENT or self.expires_at is None:
            return False
        return now >= data_request_policy().reminder_from(self.expires_at)
