"""Mutations that bring reports and disclosures in (the same path as the REST endpoint)."""

from __future__ import annotations

import asyncio
from typing import Annotated

import orjson
import strawberry
from strawberry.scalars import JSON

from api.graphql.context import Context
from api.graphql.types.common import ConflictError, ForbiddenError, InvalidInputError
from graph.errors import Conflict, Forbidden, InvalidInput
from ingest.disclosures import disclosure_row, write_disclosures
from ingest.service import accept


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
    status: str
    reference: str
    access_code: str | None = strawberry.field(
        description="Shown once, on first acceptance; the hub keeps only its hash."
    )
    warnings: list[UnverifiedDetail] = strawberry.field(
        description="Details kept unverified; empty when every detail validated."
    )


@strawberry.type(description="A platform disclosure was recorded.")
class DisclosureRecorded:
    account_key: str
    new: bool


SubmitReferralResult = Annotated[
    ReferralAccepted | InvalidInputError | ConflictError,
    strawberry.union("SubmitReferralResult"),
]
SubmitDisclosureResult = Annotated[
    DisclosureRecorded | InvalidInputError | ForbiddenError,
    strawberry.union("SubmitDisclosureResult"),
]


async def submit_referral(
    info: strawberry.Info[Context, None],
    referral: Annotated[JSON, strawberry.argument(description="A referral (contract v1)")],
) -> SubmitReferralResult:
    context = info.context
    raw = orjson.dumps(referral).decode()
    try:
        accepted = await asyncio.to_thread(accept, referral, raw, context.graph, context.journal)
    except InvalidInput as error:
        return InvalidInputError.of(error)
    except Conflict as error:
        return ConflictError(message=str(error))
    return ReferralAccepted(
        status=accepted.acceptance.value,
        reference=accepted.reference,
        access_code=accepted.access_code,
        warnings=[
            UnverifiedDetail(field=w.field, message=w.message, possible_number=w.parsed)
            for w in accepted.warnings
        ],
    )


async def submit_disclosure(
    info: strawberry.Info[Context, None],
    disclosure: Annotated[JSON, strawberry.argument(description="One platform disclosure")],
) -> SubmitDisclosureResult:
    viewer = info.context.viewer
    if not viewer.may_read_disclosures:
        return ForbiddenError(message=str(Forbidden("only hub analysts may record disclosures")))
    try:
        row = disclosure_row(disclosure)
    except InvalidInput as error:
        return InvalidInputError.of(error)
    created = await asyncio.to_thread(write_disclosures, info.context.graph, [row])
    return DisclosureRecorded(account_key=row["account_key"], new=created == 1)


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
