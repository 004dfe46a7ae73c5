"""Data requests to platforms (preservation, disclosure): the queue and each step.

A request is drafted on a legal basis by someone cleared for identity evidence, authorised by
a supervisor, sent, and answered (a disclosure linked to it), refused, lapsed or withdrawn;
a sent preservation can be extended. Every step is taken in the viewer's name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from graph.access import Capability
from graph.data_requests import store
from graph.data_requests.models import DataRequest
from graph.data_requests.rules import Kind, LegalBasis, Status
from graph.errors import InvalidValue
from services.paging import Page, PageRequest, keyed_page
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "data_requests": Capability.IDENTITY_EVIDENCE,
    "request_platform_data": Capability.IDENTITY_EVIDENCE,
    "authorise_data_request": Capability.APPROVE_REQUESTS,
    "record_data_request_step": Capability.IDENTITY_EVIDENCE,
    "extend_preservation": Capability.IDENTITY_EVIDENCE,
    "link_disclosure_to_request": Capability.IDENTITY_EVIDENCE,
}

WAITING = (Status.DRAFTED, Status.AUTHORISED, Status.SENT)
OWN_STEPS = frozenset({Status.DRAFTED, Status.AUTHORISED})  # each has its own use case


@use_case
def data_requests(
    caller: Caller,
    statuses: Sequence[Status],
    expiring_only: bool,
    request: PageRequest,
    now: datetime,
) -> Page[DataRequest]:
    """Requests in ``statuses`` (none given: drafted, authorised, sent); with
    ``expiring_only``, sent preservations about to lapse, soonest first."""
    wanted = list(statuses) if statuses else list(WAITING)
    rows = store.queue(
        caller.graph, wanted, now, expiring_only, request.first + 1, request.after_key
    )
    return keyed_page(rows, request, key=lambda row: row[0]).map(lambda row: row[1])


@use_case
def request_platform_data(
    caller: Caller,
    account_key: str,
    kind: Kind,
    legal_basis: LegalBasis,
    authorisation_reference: str | None,
    justification: str | None,
    now: datetime,
) -> DataRequest:
    """Draft a request for an account's data, on a legal basis with what it needs."""
    return store.draft(
        caller.graph, account_key, kind, legal_basis, caller.viewer.user_id, now,
        authorisation_reference, justification,
    )  # fmt: skip


@use_case
def authorise_data_request(caller: Caller, request_id: str, now: datetime) -> DataRequest:
    """A supervisor authorises a drafted request."""
    return store.step(caller.graph, request_id, Status.AUTHORISED, caller.viewer.user_id, now)


@use_case
def record_data_request_step(
    caller: Caller, request_id: str, status: Status, note: str | None, now: datetime
) -> DataRequest:
    """A request was sent, answered, refused (why), lapsed or withdrawn (why)."""
    if status in OWN_STEPS:
        raise InvalidValue("status", "drafting and authorising have their own mutations")
    return store.step(caller.graph, request_id, status, caller.viewer.user_id, now, note)


@use_case
def extend_preservation(caller: Caller, request_id: str, now: datetime) -> DataRequest:
    """Ask the platform to keep preserved data longer."""
    return store.extend(caller.graph, request_id, caller.viewer.user_id, now)


@use_case
def link_disclosure_to_request(
    caller: Caller, request_id: str, disclosure_id: str, now: datetime
) -> DataRequest:
    """Link a recorded disclosure to the request it answers (and answer it)."""
    who = caller.viewer.user_id
    return store.link_disclosure(caller.graph, request_id, disclosure_id, who, now)
