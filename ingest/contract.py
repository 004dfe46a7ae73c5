"""The referral contract, version 1: what the public reporting site sends the hub.

Unknown fields are rejected. Every problem is reported at once with its field path
(``content[1].url: not an http(s) URL``); see :func:`parse_referral`. Values people type
(platform names, URLs, handles, emails, phones, postcodes) are cleaned into typed values in
``ingest/normalise.py``; this module checks only shape, sizes and dates.
"""

from __future__ import annotations

import enum
import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from graph.errors import InvalidInput, Problem
from graph.law.offences import Strand as Strand  # the one vocabulary, re-exported
from graph.validation import PlainWords, problems_of
from ingest import limits
from ingest.sources import SOURCE_PATTERN

CONTRACT_VERSION = 1

ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=limits.MAX_SHORT_TEXT_CHARS)
]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=limits.MAX_URL_CHARS)]
ContactText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=limits.MAX_CONTACT_TEXT_CHARS)
]


class ReporterRole(enum.StrEnum):
    VICTIM = "victim"
    WITNESS = "witness"
    THIRD_PARTY = "third_party"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"


class LocationType(enum.StrEnum):
    ONLINE = "online"
    SPECIFIC_LOCATION = "specific_location"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def not_future(value: datetime | None, now: datetime | None = None) -> datetime | None:
    if value is None:
        return None
    limit = (now or datetime.now(UTC)) + timedelta(seconds=limits.CLOCK_SKEW_SECONDS)
    if value > limit:
        raise ValueError("lies in the future")
    return value.astimezone(UTC)


# A door that keeps a referral's dates within bounds (ingest/report_dates.py: a bulk file, a
# partner's feed) corrects a future report or incident date rather than refusing the referral;
# it says so in the validation context (``parse_referral(..., dates_bounded=True)``).
DATES_BOUNDED = "dates_bounded"


def not_future_unless_bounded(value: datetime | None, info: ValidationInfo) -> datetime | None:
    if info.context and info.context.get(DATES_BOUNDED):
        return value.astimezone(UTC) if value is not None else None
    return not_future(value)


_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def day_as_midnight(value: Any) -> Any:
    """An incident known only by its day (``2026-06-01``) is read as that day, 00:00 UTC."""
    if isinstance(value, str) and _DATE_ONLY.match(value.strip()):
        return value.strip() + "T00:00:00Z"
    return value


class Party(_Strict):
    """A reporter or a victim as the form describes them."""

    role: ReporterRole
    name: ShortText | None = None
    email: ContactText | None = None
    phone: ContactText | None = None
    postcode: ContactText | None = None
    consent_to_contact: bool | None = None

    @model_validator(mode="after")
    def _consent_unless_anonymous(self) -> Self:
        # An anonymous reporter's name, email or phone is not a reason to refuse the report:
        # ingest/normalise.py keeps them off the person and warns (issue 21.1).
        if self.role is not ReporterRole.ANONYMOUS and self.consent_to_contact is None:
            raise ValueError("consent_to_contact is required unless the reporter is anonymous")
        return self


class Victim(Party):
    role: Literal[ReporterRole.VICTIM] = ReporterRole.VICTIM


class Incident(_Strict):
    occurred_at: AwareDatetime | None = None
    description: Annotated[str, StringConstraints(max_length=limits.MAX_DESCRIPTION_CHARS)]
    location_type: LocationType
    force_code: ContactText | None = None
    strands: Annotated[list[Strand], Field(min_length=1, max_length=limits.MAX_STRANDS)]

    _occurred_a_day = field_validator("occurred_at", mode="before")(day_as_midnight)
    _occurred_not_future = field_validator("occurred_at")(not_future_unless_bounded)

    @field_validator("strands")
    @classmethod
    def _distinct(cls, strands: list[Strand]) -> list[Strand]:
        return sorted(set(strands), key=list(Strand).index)


class Attachment(_Strict):
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{64}$", to_lower=True)]
    media_type: Annotated[str, StringConstraints(pattern=r"^[\w.+-]+/[\w.+-]+$", max_length=100)]
    filename: ShortText


class ContentItem(_Strict):
    url: Url | None = None
    platform: ShortText
    text: Annotated[str, StringConstraints(max_length=limits.MAX_CONTENT_TEXT_CHARS)] | None = None
    captured_at: AwareDatetime | None = None
    attachments: Annotated[list[Attachment], Field(max_length=limits.MAX_ATTACHMENTS)] = []

    _captured_not_future = field_validator("captured_at")(not_future)

    @model_validator(mode="after")
    def _url_or_text(self) -> Self:
        if not self.url and not (self.text and self.text.strip()):
            raise ValueError("each content item needs a url or a text")
        return self


class Suspect(_Strict):
    platform: ContactText | None = None
    handle: ContactText | None = None
    display_name: ShortText | None = None
    profile_url: Url | None = None
    name: ShortText | None = None
    location: ShortText | None = None


class Referral(_Strict):
    # Who may write under which source: ingest/sources.py (filled in there when left out).
    source: Annotated[str, StringConstraints(pattern=rf"^{SOURCE_PATTERN.pattern}$")]
    source_ref: Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^\S+$")]
    submitted_at: AwareDatetime
    reporter: Party
    victim: Victim | None = None
    incident: Incident
    content: Annotated[list[ContentItem], Field(min_length=1, max_length=limits.MAX_CONTENT_ITEMS)]
    suspects: Annotated[list[Suspect], Field(max_length=limits.MAX_SUSPECTS)] = []

    _submitted_not_future = field_validator("submitted_at")(not_future_unless_bounded)


# Problems in words for the people who build the reporting sites: a field that must match a
# pattern says what it must look like, never the pattern.
REFERRAL_WORDS = PlainWords(
    "the referral contract",
    {
        "source": "must be 1-64 lower-case letters, digits, '.', '_' or '-', "
        "starting with a letter or digit (e.g. true-vision)",
        "source_ref": "must be 1-128 characters without spaces",
        "sha256": "must be a SHA-256 digest: 64 hexadecimal digits",
        "media_type": "must be a media type such as image/png or application/pdf",
    },
)


def parse_referral(payload: object, *, dates_bounded: bool = False) -> Referral:
    """Validate a decoded JSON payload; raise :class:`InvalidInput` listing every problem.
    With ``dates_bounded`` a future report or incident date is left for the bounds to correct."""
    if not isinstance(payload, dict):
        raise InvalidInput([Problem("referral", "must be a JSON object")])
    try:
        return Referral.model_validate(payload, context={DATES_BOUNDED: dates_bounded})
    except ValidationError as error:
        raise InvalidInput(problems_of(error, words=REFERRAL_WORDS, root="referral")) from None
