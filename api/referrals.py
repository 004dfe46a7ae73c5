"""``POST /api/v1/referrals``: the public reporting site's door into the hub.

201 with the hub reference (and the access code, shown once) when committed to Neo4j; 200 when
the same referral was received before; 202 when Neo4j is unreachable and the referral was
durably journalled; 409 when the same (source, source_ref) arrives with a different payload;
422 naming every problem, shape and value together. A contact or location detail that does not
validate never refuses a referral: it is kept as typed, unverified, and listed under
``warnings`` (field and message) in the 201, 200 or 202 answer.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from graph.audit.log import AuditLog
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


async def _read_limited(request: Request) -> bytes:
    """The body, refused as soon as it passes the limit (not after buffering all of it)."""
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return b"x" * (MAX_BODY_BYTES + 1)  # decode_body names the breach
        chunks.append(chunk)
    return b"".join(chunks)


@router.post("/referrals", status_code=201)
async def submit_referral(request: Request) -> JSONResponse:
    body = await _read_limited(request)
    payload = intake.decode_body(body)
    viewer = await request.app.state.signin.viewer(request.headers.get("authorization"))
    accepted = await asyncio.to_thread(
        intake.submit_referral,
        Caller(request.app.state.graph, viewer),
        payload,
        body.decode("utf-8", errors="replace"),
        request.app.state.journal,
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
