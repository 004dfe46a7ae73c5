"""Inputs and outputs of force assignment, the policy, and the reassignment record."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from graph.policy_files import PolicyVersion
from graph.reference.postcodes import Confidence


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must include a timezone")
    return value.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_utc)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class SuspectWhere(enum.StrEnum):
    UK_POSTCODE = "uk_postcode"
    SCOTLAND = "scotland"  # known to be in Scotland, postcode not known
    NORTHERN_IRELAND = "northern_ireland"
    ABROAD = "abroad"
    UNKNOWN = "unknown"


class SuspectLocation(_Frozen):
    identified: bool  # a real-name identity, not just an account
    where: SuspectWhere = SuspectWhere.UNKNOWN
    postcode: str | None = None
    label: str | None = None  # e.g. the person's id, for the reasons

    @model_validator(mode="after")
    def _postcode_when_uk(self) -> SuspectLocation:
        if self.where is SuspectWhere.UK_POSTCODE and not self.postcode:
            raise ValueError("where=uk_postcode needs a postcode")
        return self


class VictimLocation(_Frozen):
    postcode: str | None = None
    force_code: str | None = None  # when only the force is known (e.g. from a force referral)
    label: str | None = None

    @model_validator(mode="after")
    def _something(self) -> VictimLocation:
        if not self.postcode and not self.force_code:
            raise ValueError("needs a postcode or a force_code")
        return self


class AssignmentInput(_Frozen):
    reporter_chosen_force: str | None = None
    victims: tuple[VictimLocation, ...] = ()
    suspects: tuple[SuspectLocation, ...] = ()
    reporter_postcode: str | None = None
    victim_is_public_figure_or_group: bool = False


class NoVictimLocation(enum.StrEnum):
    REPORTER_FORCE = "reporter_force"
    HUB_PLATFORM_REFERRAL = "hub_platform_referral"


class AssignmentPolicy(PolicyVersion):
    id: str = Field(min_length=1)
    source: str
    no_victim_location: NoVictimLocation
    notify_victim_force: bool


class Rule(enum.StrEnum):
    REPORTER_CHOICE = "a_reporter_choice"
    SUSPECT_FORCE = "b_identified_suspect_uk"
    VICTIM_FORCE = "c_suspect_unknown_or_abroad"
    NO_VICTIM_LOCATION = "d_no_victim_location"
    CROSS_BORDER = "e_suspect_scotland_or_ni"
    ONE_SUSPECT_MANY_VICTIMS = "f_one_lead_many_victim_forces"
    MANUAL = "manual_reassignment"


class Disposition(enum.StrEnum):
    ASSIGNED = "assigned"  # an England & Wales force (or BTP) investigates
    CROSS_BORDER_REFERRAL = "cross_border_referral"  # Police Scotland or PSNI
    HUB_RETAINS = "hub_retains"  # no force: the hub keeps it for platform referral


class ForceRole(enum.StrEnum):
    VICTIM_CARE = "victim_care"
    LINKED = "linked"
    CROSS_BORDER_REFERRAL = "cross_border_referral"


class NotifiedForce(_Frozen):
    force_code: str
    role: ForceRole
    reason: str


class InputUsed(_Frozen):
    """One input the decision rested on, and how it resolved."""

    field: str  # e.g. suspects[0].postcode
    value: str
    force_code: str | None
    confidence: Confidence | None
    basis: str


class ForceAssignment(_Frozen):
    disposition: Disposition
    lead_force_code: str | None
    notified: tuple[NotifiedForce, ...]
    rule: Rule
    inputs_used: tuple[InputUsed, ...]
    confidence: Confidence
    possible_other_forces: tuple[str, ...]  # a straddling district: the lead may be one of these
    reasons: tuple[str, ...]
    policy_id: str


class Reassignment(_Frozen):
    """A record of a force change: who moved it, when, and why."""

    from_force_code: str | None  # None: the hub held it
    to_force_code: str
    reason: str = Field(min_length=1)
    by: str = Field(min_length=1)
    at: UtcDatetime
