"""``POST /api/v1/referrals``: the public reporting site's door into the hub.

201 with the hub reference (and the access code, shown once) when committed to Neo4j; 200 when
the same referral was received before; 202 when Neo4j is unreachable and the referral was
durably journalled; 409 when the same (source, source_ref) arrives with a different payload;
422 naming every problem, shape and value together. A contact or location detail that does not
validate never refuses a referral: it is kept as typed, unverified, and listed under
``warnings`` (field and message) in the 201, 200 or 202 answer.

Who sends decides the ``source`` (``ingest/sources.py``): without a token the public site's
(``OHCH_INTAKE_PUBLIC_SOURCE``), with a partner's token its own; 403 naming ``source`` for any
other. The audit record of each referral collected is fsync'd before its answer; those of
referrals answered together share one append (``ingest/gathering.py``). Body size, type, nesting
and rate are refused before this route runs (413, 415, 422,
429: ``api/request_guard.py``). The OpenAPI description is ``api/openapi.py``'s.
"""

from __future__ import annotations

import asyncio
from weakref import WeakKeyDictionary

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api import openapi
from graph.audit.log import AuditLog
from graph.audit.records import AuditEvent, AuditRecord
from graph.settings import Settings
from ingest.gathering import Gathering
from ingest.limits import MAX_BODY_BYTES
from services import intake
from services.intake import Acceptance
from services.use_case import Caller

router = APIRouter(prefix="/api/v1", tags=["intake"])
ENDPOINT = "rest:POST /api/v1/referrals"
AUDIT_BATCH_MAX = 256
# Each audit log's gathering (one a process): the route logs each referral it collected before
# answering, and records that are ready together share one fsync (ingest/gathering.py).
_AUDIT_GATHERING: WeakKeyDictionary[AuditLog, Gathering[AuditEvent, AuditRecord]] = (
    WeakKeyDictionary()
)

_STATUS = {
    Acceptance.CREATED: 201,
    Acceptance.ALREADY_RECEIVED: 200,
    Acceptance.JOURNALLED: 202,
}


def _audit_gathering(audit_log: AuditLog) -> Gathering[AuditEvent, AuditRecord]:
    """The audit records of referrals answered together, appended together: one fsync for
    those that arrive while the one before is written, none waiting longer than that."""
    gathering = _AUDIT_GATHERING.get(audit_log)
    if gathering is None:
        gathering = _AUDIT_GATHERING[audit_log] = Gathering(
            audit_log.append_many, window_s=0.0, max_items=AUDIT_BATCH_MAX
        )
    return gathering


async def _read_limited(request: Request) -> bytes | None:
    """The body, or None as soon as it passes the limit (not after buffering all of it). The
    request guard refuses such a body first; this holds the limit should the route be mounted
    without it."""
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "/referrals",
    status_code=201,
    summary="Submit one referral",
    response_model=None,
    responses=dict(openapi.RESPONSES),
    openapi_extra=openapi.REQUEST,
)
async def submit_referral(request: Request) -> JSONResponse:
    """Submit one referral of the contract (docs/INTAKE.md). Anonymous for the public site;
    a partner sends its bearer token and writes under its own source only."""
    body = await _read_limited(request)
    if body is None:
        problem = f"is larger than {MAX_BODY_BYTES} bytes"
        return JSONResponse(
            {
                "error": "InvalidInput",
                "detail": f"body: {problem}",
                "problems": [{"field": "body", "message": problem}],
            },
            status_code=413,
        )
    payload = intake.decode_body(body)
    viewer = await request.app.state.signin.viewer_in(request.scope)
    settings: Settings = request.app.state.settings
    accepted = await asyncio.to_thread(
        intake.submit_referral,
        Caller(request.app.state.graph, viewer),
        payload,
        body.decode("utf-8", errors="replace"),
        request.app.state.journal,
        public_source=settings.intake_public_source,
        earliest=settings.earliest_report_date,
    )
    collected = intake.collected(viewer, accepted.reference, ENDPOINT)
    await asyncio.to_thread(_audit_gathering(request.app.state.audit_log).put, collected)
    content: dict[str, object] = {
        "status": accepted.acceptance.value,
        "reference": accepted.reference,
    }
    if accepted.warnings:
        content["warnings"] = accepted.warning_rows()
    if accepted.access_code:
        content["access_code"] = accepted.access_code
        content["access_code_note"] = (
            "Give this code to the complainant now: the hub keeps only a hash of it."
        )
    return JSONResponse(content, status_code=_STATUS[accepted.acceptance])
