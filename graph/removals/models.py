"""Removal referrals and re-upload alerts as the hub reads them: typed values, no I/O.

``store.py`` and ``reuploads.py`` read them from the graph; the service layer returns them
and the GraphQL types mirror them (``api/graphql/types/mirror.py``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from graph.removals import lifecycle
from graph.removals.lifecycle import Status


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a referral's life: who took it, when, with what."""

    status: Status
    at: datetime
    by: str
    note: str | None
    evidence: str | None


@dataclass(frozen=True, slots=True)
class Referral:
    id: str
    content_id: str
    platform: str
    status: Status
    url: str | None
    text: str | None
    evidence: tuple[str, ...]  # SHA-256 of the files people sent with their reports
    accounts: tuple[str, ...]
    case_id: str | None
    offences: tuple[str, ...]  # offence ids from the case's assessment; empty: policy only
    reason: str
    reports: int
    drafted_at: datetime
    drafted_by: str
    approved_by: str | None
    sent_at: datetime | None
    due_at: datetime | None
    pack_id: str | None
    answered_at: datetime | None
    answer_note: str | None
    steps: tuple[Step, ...]

    def overdue(self, now: datetime) -> bool:
        return lifecycle.overdue(self.status, self.due_at, now)


@dataclass(frozen=True, slots=True)
class ReferralDrafted:
    """A content item's referral, and whether this call drafted it (one per content)."""

    referral: Referral
    created: bool


class ReuploadHow(enum.StrEnum):
    REPORTED_AGAIN = "reported_again"  # the same post, reported after its removal
    SAME_TEXT = "same_text"  # new content whose text, past evasion tricks, is the removed one's
    SAME_IMAGE = "same_image"  # an image sent with new content is a removed one's (PDQ)


class AlertStatus(enum.StrEnum):
    OPEN = "open"
    REFERRED = "referred"
    DISMISSED = "dismissed"


@dataclass(frozen=True, slots=True)
class Alert:
    """Removed content that came back, linked to the earlier referral."""

    id: str
    content_id: str
    referral_id: str  # the referral whose content was removed
    how: ReuploadHow
    score: float | None  # text similarity (0-100), same_text only
    accounts: tuple[str, ...]
    raised_at: datetime
    status: AlertStatus
    note: str | None
    referral_made: str | None  # the new referral, once referred


@dataclass(frozen=True, slots=True)
class RepeatReuploader:
    """An account whose removed content keeps coming back."""

    account_key: str
    alerts: int
    content_ids: tuple[str, ...]
