"""``POST /api/v1/status``: a complainant's reference and access code in, their report's
progress out, in plain words (``services/status.py``), for the public site and apps.

200 with the timeline; 404 with the same words whether the code is wrong or the reference does
not exist; 429 when a reference or a client has failed too often; 422 naming a missing field.
Every check is written to the audit trail.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from graph.times import utc_iso
from services.attempts import WINDOW_S
from services.status import Progress, Refusal, check_report
from services.use_case import Caller

router = APIRouter(prefix="/api/v1", tags=["status"])
ENDPOINT = "rest:POST /api/v1/status"
NOT_MATCHED = "No report matches that reference and access code."


class StatusQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reference: str = Field(min_length=1, max_length=64, description="The hub reference")
    access_code: str = Field(min_length=1, max_length=64, description="Given once, with it")


def timeline(reference: str, progress: Progress) -> dict[str, Any]:
    return {
        "reference": reference,
        "timeline": [
            {"step": e.step.value, "at": utc_iso(e.at) if e.at else None, "text": e.text}
            for e in progress.timeline()
        ],
    }


@router.post("/status")
async def report_status(question: StatusQuestion, request: Request) -> JSONResponse:
    """The progress of a report, for its reference and access code."""
    viewer = await request.app.state.signin.viewer_in(request.scope)
    reference = "".join(question.reference.split()).upper()
    client = request.client.host if request.client else "unknown"
    answer = await asyncio.to_thread(
        check_report, Caller(request.app.state.graph, viewer), reference, question.access_code,
        client, request.app.state.audit_log, ENDPOINT,
    )  # fmt: skip
    if answer is Refusal.TOO_MANY:
        return JSONResponse(
            {"detail": "Too many attempts: wait, then try again."},
            status_code=429,
            headers={"retry-after": str(int(WINDOW_S))},
        )
    if answer is Refusal.NOT_MATCHED:
        return JSONResponse({"detail": NOT_MATCHED}, status_code=404)
    return JSONResponse(timeline(reference, answer))
