"""Data requests to platforms (preservation, disclosure): the queue and each step."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import (
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    guarded,
)
from graph.data_requests import store
from graph.data_requests.rules import Kind, LegalBasis, Status
from graph.errors import InvalidValue

Info = strawberry.Info[Context, None]
MAX_PAGE = 200

# The domain's own enums, registered with GraphQL.
strawberry.enum(Kind, name="DataRequestKind", description="Preservation, or disclosure.")
strawberry.enum(LegalBasis, name="LegalBasis", description="The legal basis a request rests on.")
strawberry.enum(Status, name="DataRequestStatus", description="A data request's state.")


@strawberry.type(description="One step of a data request: who took it, when, and why.")
class DataRequestStep:
    status: Status
    at: datetime
    by: str
    note: str | None


@strawberry.type(description="A request to a platform for an account's data.")
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
    expires_at: datetime | None = strawberry.field(description="When a preservation lapses.")
    expiring: bool = strawberry.field(description="A preservation inside its reminder window.")
    answered_at: datetime | None
    answer_note: str | None
    disclosures: list[str] = strawberry.field(description="The disclosures that answered it.")
    steps: list[DataRequestStep]

    @classmethod
    def of(cls, q: store.DataRequest, now: datetime) -> DataRequest:
        return cls(
            id=q.id, account_key=q.account_key, platform=q.platform, kind=q.kind,
            legal_basis=q.legal_basis, authorisation_reference=q.authorisation_reference,
            justification=q.justification, status=q.status, drafted_at=q.drafted_at,
            drafted_by=q.drafted_by, authorised_by=q.authorised_by, sent_at=q.sent_at,
            expires_at=q.expires_at, expiring=q.expiring(now), answered_at=q.answered_at,
            answer_note=q.answer_note, disclosures=list(q.disclosures),
            steps=[DataRequestStep(status=s.status, at=s.at, by=s.by, note=s.note)
                   for s in q.steps],
        )  # fmt: skip


@strawberry.type(description="A page of data requests; pass endCursor as `after` for the next.")
class DataRequestPage:
    items: list[DataRequest]
    end_cursor: str | None
    has_next_page: bool


Failure = InvalidInputError | NotFoundError | ConflictError | ForbiddenError
RequestResult = Annotated[DataRequest | Failure, strawberry.union("DataRequestResult")]


async def _done(info: Info, work: Callable[[str, datetime], store.DataRequest]) -> RequestResult:
    who, now = info.context.viewer.user_id, datetime.now(UTC)
    return await guarded(lambda: DataRequest.of(work(who, now), now))


async def data_requests(
    info: Info,
    statuses: list[Status] | None = None,
    expiring_only: bool = False,
    first: int = 50,
    after: str | None = None,
) -> DataRequestPage:
    """Requests in the given states (default: drafted, authorised, sent); with
    ``expiringOnly``, sent preservations about to lapse, soonest first."""
    if not 1 <= first <= MAX_PAGE:
        raise InvalidValue("first", f"must be between 1 and {MAX_PAGE}")
    now = datetime.now(UTC)
    wanted = list(statuses) if statuses else [Status.DRAFTED, Status.AUTHORISED, Status.SENT]
    items, cursor = await asyncio.to_thread(
        store.queue, info.context.graph, wanted, now, expiring_only, first, after
    )
    return DataRequestPage(
        items=[DataRequest.of(q, now) for q in items],
        end_cursor=cursor,
        has_next_page=cursor is not None,
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
    ) -> RequestResult:
        graph = info.context.graph
        return await _done(
            info,
            lambda who, now: store.draft(
                graph,
                account_key,
                kind,
                legal_basis,
                who,
                now,
                authorisation_reference,
                justification,
            ),
        )

    @strawberry.mutation(description="A supervisor authorises a drafted request.")
    async def authorise_data_request(self, info: Info, request_id: str) -> RequestResult:
        graph = info.context.graph
        return await _done(
            info, lambda who, now: store.step(graph, request_id, Status.AUTHORISED, who, now)
        )

    @strawberry.mutation(
        description="Record that a request was sent, answered, refused (why), lapsed or "
        "withdrawn (why). Sending a preservation starts its expiry."
    )
    async def record_data_request_step(
        self, info: Info, request_id: str, status: Status, note: str | None = None
    ) -> RequestResult:
        if status in (Status.DRAFTED, Status.AUTHORISED):
            return InvalidInputError.of(
                InvalidValue("status", "drafting and authorising have their own mutations")
            )
        graph = info.context.graph
        return await _done(
            info, lambda who, now: store.step(graph, request_id, status, who, now, note)
        )

    @strawberry.mutation(description="Ask the platform to keep preserved data longer.")
    async def extend_preservation(self, info: Info, request_id: str) -> RequestResult:
        graph = info.context.graph
        return await _done(info, lambda who, now: store.extend(graph, request_id, who, now))

    @strawberry.mutation(description="Link a recorded disclosure to the request it answers.")
    async def link_disclosure_to_request(
        self, info: Info, request_id: str, disclosure_id: str
    ) -> RequestResult:
        graph = info.context.graph
        return await _done(
            info,
            lambda who, now: store.link_disclosure(graph, request_id, disclosure_id, who, now),
        )


@strawberry.type
class DataRequestQueries:
    data_requests: DataRequestPage = strawberry.field(
        resolver=data_requests,
        description="Data requests to platforms: to authorise, awaiting an answer, expiring.",
    )
