"""Data requests in the graph: draft, authorise, send, answer, extend, and link the disclosure
that answers one; the queues (to authorise, awaiting an answer, preservations expiring)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from graph.cypher import load_query
from graph.data_requests import rules
from graph.data_requests.models import DataRequest, RequestStep
from graph.data_requests.policy import data_request_policy
from graph.data_requests.rules import Kind, LegalBasis, Status
from graph.db import Graph, Record, native
from graph.errors import Conflict, InvalidValue, NotFound


def _request(r: Record) -> DataRequest:
    return DataRequest(
        id=r["id"], account_key=r["account_key"], platform=r["platform"],
        kind=Kind(r["kind"]), legal_basis=LegalBasis(r["legal_basis"]),
        authorisation_reference=r["authorisation_reference"],
        justification=r["justification"], status=Status(r["status"]),
        drafted_at=native(r["drafted_at"]), drafted_by=r["drafted_by"],
        authorised_by=r["authorised_by"], sent_at=native(r["sent_at"]),
        expires_at=native(r["expires_at"]), answered_at=native(r["answered_at"]),
        answer_note=r["answer_note"], disclosures=tuple(r["disclosures"]),
        steps=tuple(RequestStep(Status(s["status"]), native(s["at"]), s["by"], s["note"])
                    for s in r["steps"]),
    )  # fmt: skip


def draft(
    graph: Graph,
    account_key: str,
    kind: Kind,
    basis: LegalBasis,
    by: str,
    now: datetime,
    reference: str | None = None,
    justification: str | None = None,
) -> DataRequest:
    rules.check_request(kind, basis, reference, justification)
    created = graph.write(
        load_query("data_requests/draft_request"),
        id=f"datarequest:{uuid.uuid4()}", account_key=account_key, kind=kind.value,
        legal_basis=basis.value, reference=reference, justification=justification, by=by,
        at=now,
    )  # fmt: skip
    if not created:
        raise NotFound(f"account {account_key!r} is not in the graph")
    return get(graph, created[0]["id"])


def get(graph: Graph, request_id: str) -> DataRequest:
    found = many(graph, [request_id])
    if not found:
        raise NotFound(f"data request {request_id!r} does not exist")
    return found[0]


def many(graph: Graph, ids: Sequence[str]) -> list[DataRequest]:
    rows = {r["id"]: r for r in graph.read(load_query("data_requests/requests"), ids=list(ids))}
    return [_request(rows[i]) for i in ids if i in rows]


def step(
    graph: Graph, request_id: str, to: Status, by: str, now: datetime, note: str | None = None
) -> DataRequest:
    """Take one step; sending a preservation starts its expiry (``data_request_policy``)."""
    current = get(graph, request_id)
    rules.check_step(current.status, to)
    if to in (Status.REFUSED, Status.WITHDRAWN) and not (note and note.strip()):
        raise InvalidValue("note", f"say why the request was {to.value}")
    expires = None
    if to is Status.SENT and current.kind is Kind.PRESERVATION:
        expires = data_request_policy().preserved_until(current.platform, now)
    return _write(graph, current, to, by, now, note, expires)


def extend(graph: Graph, request_id: str, by: str, now: datetime) -> DataRequest:
    """A sent preservation asked to be kept longer: its expiry moves by the extension."""
    current = get(graph, request_id)
    if current.kind is not Kind.PRESERVATION or current.status is not Status.SENT:
        raise Conflict("only a sent preservation request can be extended")
    assert current.expires_at is not None
    expires = data_request_policy().extended(current.expires_at)
    return _write(graph, current, Status.SENT, by, now, f"extended to {expires.date()}", expires)


def _write(
    graph: Graph,
    current: DataRequest,
    to: Status,
    by: str,
    now: datetime,
    note: str | None,
    expires: datetime | None,
) -> DataRequest:
    done = graph.write(
        load_query("data_requests/record_step"),
        id=current.id, to=to.value, by=by, at=now, note=note, expires_at=expires,
        step=len(current.steps) + 1, **{"from": current.status.value},
    )  # fmt: skip
    if not done:
        raise Conflict(f"data request {current.id} changed meanwhile; read it again")
    return get(graph, current.id)


def link_disclosure(
    graph: Graph, request_id: str, disclosure_id: str, by: str, now: datetime
) -> DataRequest:
    """Link a recorded disclosure to the request it answers (same account), and answer it."""
    current = get(graph, request_id)
    linked = graph.write(
        load_query("data_requests/link_disclosure"),
        request_id=request_id, disclosure_id=disclosure_id, by=by, at=now,
    )  # fmt: skip
    if not linked:
        raise NotFound(
            f"no disclosure {disclosure_id!r} about account {current.account_key!r} is recorded"
        )
    if current.status is Status.SENT:
        return _write(graph, current, Status.ANSWERED, by, now, f"disclosure {disclosure_id}",
                      None)  # fmt: skip
    return get(graph, request_id)


def queue(
    graph: Graph,
    statuses: Sequence[Status],
    now: datetime,
    expiring_only: bool = False,
    limit: int = 51,
    after_key: str | None = None,
) -> list[tuple[str, DataRequest]]:
    """Requests in ``statuses`` (with ``expiring_only``, sent preservations inside their
    reminder window), soonest expiry or oldest draft first, each with its key in that order:
    at most ``limit`` of them after the one keyed ``after_key``."""
    horizon = data_request_policy().reminder_horizon(now) if expiring_only else None
    rows = graph.read(
        load_query("data_requests/queue"),
        statuses=[s.value for s in statuses], expiring_before=horizon, after_key=after_key,
        limit=limit,
    )  # fmt: skip
    found = {q.id: q for q in many(graph, [row["id"] for row in rows])}
    return [(row["key"], found[row["id"]]) for row in rows if row["id"] in found]
