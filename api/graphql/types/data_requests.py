"""Data requests to platforms (preservation, disclosure): the queue and each step.

Each field calls one use case of ``services/data_requests.py``; the types mirror its values
(``graph/data_requests/models.py``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import Failure
from api.graphql.types.connection import Connection
from api.graphql.types.mirror import mirror, mirrors
from api.graphql.types.outcome import ListFailure, mutated, paged
from graph.data_requests import models
from graph.data_requests.rules import Kind, LegalBasis, Status
from services import data_requests
from services.paging import PageRequest

Info = strawberry.Info[Context, None]

# The domain's own enums, registered with GraphQL.
strawberry.enum(Kind, name="DataRequestKind", description="Preservation, or disclosure.")
strawberry.enum(LegalBasis, name="LegalBasis", description="The legal basis a request rests on.")
strawberry.enum(Status, name="DataRequestStatus", description="A data request's state.")


@strawberry.type(description="One step of a data request: who took it, when, and why.")
@mirrors(models.RequestStep)
class DataRequestStep:
    pass


@strawberry.type(description="A request to a platform for an account's data.")
@mirrors(models.DataRequest, nested={models.RequestStep: DataRequestStep})
class DataRequest:
    expires_at: datetime | None = strawberry.field(description="When a preservation lapses.")
    disclosures: list[str] = strawberry.field(description="The disclosures that answered it.")
    expiring: bool = strawberry.field(description="A preservation inside its reminder window.")

    @classmethod
    def of(cls, request: models.DataRequest, now: datetime) -> DataRequest:
        return mirror(cls, request, expiring=request.expiring(now))


DataRequestsResult = Annotated[
    Connection[DataRequest] | ListFailure,
    strawberry.union("DataRequestsResult"),
]
RequestPlatformDataResult = Annotated[
    DataRequest | Failure, strawberry.union("RequestPlatformDataResult")
]
AuthoriseDataRequestResult = Annotated[
    DataRequest | Failure, strawberry.union("AuthoriseDataRequestResult")
]
RecordDataRequestStepResult = Annotated[
    DataRequest | Failure, strawberry.union("RecordDataRequestStepResult")
]
ExtendPreservationResult = Annotated[
    DataRequest | Failure, strawberry.union("ExtendPreservationResult")
]
LinkDisclosureToRequestResult = Annotated[
    DataRequest | Failure, strawberry.union("LinkDisclosureToRequestResult")
]


@strawberry.type
class DataRequestQueries:
    @strawberry.field(
        description="Data requests to platforms: to authorise, awaiting an answer, expiring. "
        "In the given states (default: drafted, authorised, sent); with `expiringOnly`, sent "
        "preservations about to lapse, soonest first."
    )
    async def data_requests(
        self,
        info: Info,
        statuses: list[Status] | None = None,
        expiring_only: bool = False,
        first: int = 50,
        after: str | None = None,
    ) -> DataRequestsResult:
        now = datetime.now(UTC)
        return await paged(
            lambda: info.context.run(
                data_requests.data_requests,
                statuses or [],
                expiring_only,
                PageRequest(first, after),
                now,
            ),
            lambda q: DataRequest.of(q, now),
        )


@strawberry.type
class DataRequestMutations:
    @strawberry.mutation(
        description="Draft a request for an account's data: preservation or disclosure, on a "
        "legal basis (IPA authorisations and Overseas Production Orders need their reference; "
        "an emergency its justification)."
    )
    async def request_platform_data(
        self,
        info: Info,
        account_key: str,
        kind: Kind,
        legal_basis: LegalBasis,
        authorisation_reference: str | None = None,
        justification: str | None = None,
    ) -> RequestPlatformDataResult:
        return await mutated(
            lambda now: info.context.run(
                data_requests.request_platform_data,
                account_key,
                kind,
                legal_basis,
                authorisation_reference,
                justification,
                now,
            ),
            DataRequest.of,
        )

    @strawberry.mutation(description="A supervisor authorises a drafted request.")
    async def authorise_data_request(
        self, info: Info, request_id: str
    ) -> AuthoriseDataRequestResult:
        return await mutated(
            lambda now: info.context.run(data_requests.authorise_data_request, request_id, now),
            DataRequest.of,
        )

    @strawberry.mutation(
        description="Record that a request was sent, answered, refused (why), lapsed or "
        "withdrawn (why). Sending a preservation starts its expiry."
    )
    async def record_data_request_step(
        self, info: Info, request_id: str, status: Status, note: str | None = None
    ) -> RecordDataRequestStepResult:
        return await mutated(
            lambda now: info.context.run(
                data_requests.record_data_request_step, request_id, status, note, now
            ),
            DataRequest.of,
        )

    @strawberry.mutation(description="Ask the platform to keep preserved data longer.")
    async def extend_preservation(self, info: Info, request_id: str) -> ExtendPreservationResult:
        return await mutated(
            lambda now: info.context.run(data_requests.extend_preservation, request_id, now),
            DataRequest.of,
        )

    @strawberry.mutation(description="Link a recorded disclosure to the request it answers.")
    async def link_disclosure_to_request(
        self, info: Info, request_id: str, disclosure_id: str
    ) -> LinkDisclosureToRequestResult:
        return await mutated(
            lambda now: info.context.run(
                data_requests.link_disclosure_to_request, request_id, disclosure_id, now
            ),
            DataRequest.of,
        )
