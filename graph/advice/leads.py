"""A force's hate crime lead entry: who the hub contacts about hate crime in that force, and how.

Work contact details of police staff, kept as the hub records them: each change is a new
version with who changed it, when and why, so the directory's history can be read back.
Checked here (pure): an email must be a valid address, a phone number a valid number (read
as a UK number without a country code), and an
entry must give at least one way to reach the lead.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph.errors import InvalidInput
from graph.validation import parse
from graph.values.email import Email
from graph.values.phone import Phone


class LeadEntry(BaseModel):
    """What an analyst records for a force (the ``setHateCrimeLead`` input)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    force_code: str = Field(min_length=2, max_length=12)
    role_title: str = Field(min_length=3, max_length=120)
    name: str | None = Field(default=None, max_length=120)
    team: str | None = Field(default=None, max_length=160)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    contact_route: str = Field(min_length=3, max_length=600)
    notes: str | None = Field(default=None, max_length=2000)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if not value:
            return None
        try:
            return Email.clean(value).address
        except InvalidInput as error:
            raise ValueError(error.problems[0].message) from None

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if not value:
            return None
        try:
            return Phone.clean(value).e164
        except InvalidInput as error:
            raise ValueError(error.problems[0].message) from None

    @model_validator(mode="after")
    def _reachable(self) -> LeadEntry:
        if not (self.email or self.phone):
            raise ValueError("email: give an email address or a phone number for the lead")
        return self


def lead_entry(fields: dict[str, object]) -> LeadEntry:
    """A checked entry; :class:`InvalidInput` names every field that is wrong."""
    return parse(LeadEntry, fields)


class RecordedLead(BaseModel):
    """One version of a force's entry as the directory holds it."""

    model_config = ConfigDict(frozen=True)

    id: str
    entry: LeadEntry
    reason: str
    recorded_by: str
    recorded_at: datetime
