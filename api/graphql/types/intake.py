"""Mutations that bring reports and disclosures in (the same path as the REST endpoint).

The referral and the disclosure are input types that follow the contract models field for
field (``ingest/contract.py``, ``ingest/disclosures.py``; a test keeps them in step), under
the contract's own names, so GraphiQL completes them and a problem names the field as typed
(``content[1].url``). The input is turned back into the contract's document and validated by
the contract, the one validator of every way in: a value GraphQL's types cannot judge (a URL,
a date in the future, a size) is an ``InvalidInputError`` listing every problem.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, TypeVar

import orjson
import strawberry
from strawberry.types.base import get_object_definition

from api.graphql.context import Context
from api.graphql.types.common import ConflictError, ForbiddenError, InvalidInputError
from api.graphql.types.enums import Strand
from api.graphql.types.mirror import mirror, mirrors
from graph.errors import Conflict, Forbidden, InvalidInput, Problem
from ingest.contract import LocationType, ReporterRole
from ingest.limits import MAX_BODY_BYTES
from services import intake
from services.intake import Acceptance

Info = strawberry.Info[Context, None]
T = TypeVar("T")

strawberry.enum(ReporterRole, name="ReporterRole", description="Who is reporting.")
strawberry.enum(LocationType, name="LocationType", description="Where the incident happened.")
strawberry.enum(
    Acceptance,
    name="Acceptance",
    description="CREATED: committed. ALREADY_RECEIVED: the same referral came before. "
    "JOURNALLED: the graph was unreachable; kept durably and written when it answers.",
)


def contract_input(description: str) -> Callable[[type[T]], type[T]]:
    """An input type whose fields keep the contract's names (``source_ref``, not
    ``sourceRef``): the names a problem is reported under, and the names in docs/INTAKE.md."""

    def make(cls: type[T]) -> type[T]:
        made = strawberry.input(cls, description=description)
        for field in get_object_definition(made, strict=True).fields:
            field.graphql_name = field.python_name
        return made

    return make


@contract_input("A reporter as the form describes them.")
class PartyInput:
    role: ReporterRole
    name: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    postcode: str | None = strawberry.UNSET
    consent_to_contact: bool | None = strawberry.field(
        default=strawberry.UNSET,
        description="Required unless the reporter is ANONYMOUS.",
    )


@contract_input("The person targeted, where it is not the reporter.")
class VictimInput(PartyInput):
    role: ReporterRole = strawberry.field(default=ReporterRole.VICTIM, description="Always VICTIM.")


@contract_input("What happened.")
class IncidentInput:
    occurred_at: datetime | None = strawberry.UNSET
    description: str
    location_type: LocationType
    force_code: str | None = strawberry.UNSET
    strands: list[Strand]


@contract_input("A file the reporter attached (its digest, not its bytes).")
class AttachmentInput:
    sha256: str
    media_type: str
    filename: str


@contract_input("One piece of content: a URL or a text, or both.")
class ContentItemInput:
    url: str | None = strawberry.UNSET
    platform: str
    text: str | None = strawberry.UNSET
    captured_at: datetime | None = strawberry.UNSET
    attachments: list[AttachmentInput] | None = strawberry.UNSET


@contract_input("Who the reporter says posted it.")
class SuspectInput:
    platform: str | None = strawberry.UNSET
    handle: str | None = strawberry.UNSET
    display_name: str | None = strawberry.UNSET
    profile_url: str | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    location: str | None = strawberry.UNSET


@contract_input("A referral, contract version 1 (docs/INTAKE.md).")
class ReferralInput:
    source: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Who sent it. Left out, the server fills it in: the public site's source "
        "without a token, a partner's own with its token; any other is FORBIDDEN.",
    )
    source_ref: str
    submitted_at: datetime
    reporter: PartyInput
    victim: VictimInput | None = strawberry.UNSET
    incident: IncidentInput
    content: list[ContentItemInput]
    suspects: list[SuspectInput] | None = strawberry.UNSET


@contract_input("An IP address the platform saw the account use, and when.")
class IpSightingInput:
    ip: str
    seen_at: datetime | None = strawberry.UNSET


@contract_input("What a platform disclosed about one account.")
class DisclosureInput:
    platform: str
    handle: str
    platform_user_id: str | None = strawberry.UNSET
    emails: list[str] | None = strawberry.UNSET
    phones: list[str] | None = strawberry.UNSET
    ip_addresses: list[IpSightingInput] | None = strawberry.UNSET
    registered_name: str | None = strawberry.UNSET
    received_at: datetime
    legal_basis: str | None = strawberry.UNSET


def contract_document(value: object) -> object:
    """The contract's JSON document an input stands for: the fields given (an omitted one
    stays omitted, so the contract's defaults and its ``is required`` apply), enums as their
    values, times as ISO 8601 text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: contract_document(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not strawberry.UNSET
        }
    if isinstance(value, list):
        return [contract_document(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        # As the sender wrote it (offset kept, UTC as Z): the same referral sent by REST and by
        # GraphQL is then the same payload, answered "already received", not a conflict.
        return value.isoformat().replace("+00:00", "Z")
    return value


@strawberry.type(
    description="A contact or location detail kept exactly as typed but unverified: it did not "
    "validate, so it is not used for matching or assignment. The referral was still accepted."
)
class UnverifiedDetail:
    field: str = strawberry.field(description="Where in the referral, e.g. reporter.email.")
    message: str = strawberry.field(description="Why it is unverified, in words.")
    possible_number: str | None = strawberry.field(
        description="For a phone number the numbering data does not know: its parsed form."
    )


@strawberry.type(description="The referral was accepted (committed, repeated, or journalled).")
class ReferralAccepted:
    status: Acceptance
    reference: str
    access_code: str | None = strawberry.field(
        description="Shown once, on first acceptance; the hub keeps only its hash."
    )
    warnings: list[UnverifiedDetail] = strawberry.field(
        description="Details kept unverified; empty when every detail validated."
    )

    @classmethod
    def of(cls, accepted: intake.Accepted) -> ReferralAccepted:
        return cls(
            status=accepted.acceptance,
            reference=accepted.reference,
            access_code=accepted.access_code,
            warnings=[
                UnverifiedDetail(field=w.field, message=w.message, possible_number=w.parsed)
                for w in accepted.warnings
            ],
        )


@strawberry.type(description="A platform disclosure was recorded.")
@mirrors(intake.DisclosureRecorded)
class DisclosureRecorded:
    new: bool = strawberry.field(description="False when the same disclosure came before.")


SubmitReferralResult = Annotated[
    ReferralAccepted | InvalidInputError | ConflictError | ForbiddenError,
    strawberry.union("SubmitReferralResult"),
]
SubmitDisclosureResult = Annotated[
    DisclosureRecorded | InvalidInputError | ForbiddenError,
    strawberry.union("SubmitDisclosureResult"),
]


async def submit_referral(info: Info, referral: ReferralInput) -> SubmitReferralResult:
    """As ``POST /api/v1/referrals``: the same contract, the same size limit on the referral's
    JSON document, the same rule on its source."""
    payload = contract_document(referral)
    raw = orjson.dumps(payload).decode()
    if len(raw.encode()) > MAX_BODY_BYTES:
        too_large = f"is larger than {MAX_BODY_BYTES} bytes as JSON, the limit on every door"
        return InvalidInputError.of(InvalidInput([Problem("referral", too_large)]))
    try:
        accepted = await info.context.run(
            intake.submit_referral,
            payload,
            raw,
            info.context.journal,
            public_source=info.context.settings.intake_public_source,
            earliest=info.context.settings.earliest_report_date,
        )
    except InvalidInput as error:
        return InvalidInputError.of(error)
    except Conflict as error:
        return ConflictError(message=str(error))
    except Forbidden as error:
        return ForbiddenError(message=str(error))
    return ReferralAccepted.of(accepted)


async def submit_disclosure(info: Info, disclosure: DisclosureInput) -> SubmitDisclosureResult:
    try:
        recorded = await info.context.run(intake.submit_disclosure, contract_document(disclosure))
    except InvalidInput as error:
        return InvalidInputError.of(error)
    return mirror(DisclosureRecorded, recorded)


@strawberry.type
class IntakeMutations:
    submit_referral: SubmitReferralResult = strawberry.field(
        resolver=submit_referral,
        description="Submit one referral from the public reporting site.",
    )
    submit_disclosure: SubmitDisclosureResult = strawberry.field(
        resolver=submit_disclosure,
        description="Record a platform's disclosure about one account (hub analysts only).",
    )
