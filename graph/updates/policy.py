"""The updates policy (``data/updates_policy.toml``): who is told of which events, the
Victims' Code deadlines, and how failed deliveries are retried."""

from __future__ import annotations

import enum
from datetime import date
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.assessment.calendars import Division
from graph.policy_files import VersionedPolicy, load_policy


class EventKind(enum.StrEnum):
    """What happened on a case that a complainant may be told."""

    RECEIVED = "received"  # the report reached the hub (with its reference)
    ASSESSED = "assessed"  # an analyst decided what it is (crime, NCHI, ...)
    ASSIGNED = "assigned"  # the case went to a force
    REFERRED = "referred"  # a removal referral was sent to the platform
    CONTENT_REMOVED = "content_removed"  # the platform removed the content
    CONTENT_RESTRICTED = "content_restricted"  # the platform kept it up but limited it
    NO_ENFORCEMENT = "no_enforcement"  # no enforcement action is possible, with the reason
    CLOSED = "closed"  # a force reported the case's outcome


class RecipientRole(enum.StrEnum):
    """Who may be told: a reporter by the role they reported in, or a victim another reporter
    named. Anonymous reporters are not here: they are never told anything (events.py)."""

    VICTIM = "victim"
    WITNESS = "witness"
    THIRD_PARTY = "third_party"
    ORGANISATION = "organisation"
    NAMED_VICTIM = "named_victim"


class Retry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_attempts: int = Field(ge=1, le=50)
    first_delay_s: int = Field(ge=1)
    factor: float = Field(ge=1.0, le=10.0)
    max_delay_s: int = Field(ge=1)
    claim_lease_s: int = Field(ge=30)

    @model_validator(mode="after")
    def _ordered(self) -> Retry:
        if self.max_delay_s < self.first_delay_s:
            raise ValueError("max_delay_s: must not be less than first_delay_s")
        return self


class UpdatesPolicy(VersionedPolicy):
    events_from: date  # events before this day make no message (no backlog when switched on)
    calendar: Division
    working_days: int = Field(ge=1, le=30)
    working_days_enhanced: int = Field(ge=1, le=30)
    enhanced_when_hate_reported: bool
    retry: Retry
    recipients: dict[RecipientRole, tuple[EventKind, ...]]

    @model_validator(mode="after")
    def _enhanced_is_sooner(self) -> UpdatesPolicy:
        if self.working_days_enhanced > self.working_days:
            raise ValueError("working_days_enhanced: must not be more than working_days")
        return self

    def tells(self, role: RecipientRole, kind: EventKind) -> bool:
        return kind in self.recipients.get(role, ())


@cache
def updates_policy() -> UpdatesPolicy:
    return load_policy("graph.updates", "updates_policy.toml", UpdatesPolicy)
