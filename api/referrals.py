"""``POST /api/v1/referrals``: the public reporting site's door into the hub.

201 with the hub reference (and the access code, shown once) when committed to Neo4j; 200 when
the same referral was received before; 202 when Neo4j is unreachable and the referral was
durably journalled; 409 when the same (source, source_ref) arrives with a different payload;
422 naming every problem, shape and value together. A contact or location detail that does not
validate never refuses a referral: it is kept as typed, unverified, and listed under
``warnings`` (field and message) in the 201, 200 or 202 answer.

Who sends decides the ``source`` (``ingest/sources.py``): without a token the public site's
(``OHCH_INTAKE_PUBLIC_SOURCE``), with a partner's token its own; 403 naming ``source`` for any
other. Body size, type, nesting and rate are refused before this route runs (413, 415, 422,
429: ``api/request_guard.py``). The OpenAPI description is ``api/openapi.py``'s.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api import openapi
from graph.audit.log import AuditLog
from graph.settings import Settings
from ingest.limits import MAX_BODY_BYTES
from services import intake
from services.intake import Acceptance
from services.use_case import Caller

router = APIRouter(prefix="/api/v1", tags=["intake"])
ENDPOINT = "rest:POST /api/v1/referrals"

_STATUS = {
    Acceptance.CREATED: 201,
    Acceptance.ALREADY_RECEIVED: 200,
    Acceptance.JOURNALLED: 202,
}


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
    audit_log: AuditLog = request.app.state.audit_log
    await asyncio.to_thread(
        audit_log.append, intake.collected(viewer, accepted.reference, ENDPOINT)
    )
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
