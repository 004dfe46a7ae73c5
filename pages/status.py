"""``GET/POST /status``: a complainant's reference and access code in, their report's progress out.

The check is a use case (``services/status.py``): the code against the salted hash stored on
the report, in constant time, an unknown reference costing the same hash as a known one. A
wrong code and an unknown reference get the same answer, so the page never says which
references exist; too many failures for a reference, or from one client, are refused for a
while (``services/attempts.py``); every check is in the audit trail.
The page shows only the report's own progress: when it was received, whether it has been
assessed, and the force it has been passed to.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from graph.errors import AuditUnavailable, GraphUnavailable
from graph.viewer import ANONYMOUS
from pages.http import FormRefused, first, read_form, with_csrf
from pages.render import message, page, unavailable
from services.status import Refusal, check_report
from services.use_case import Caller

router = APIRouter()

MAX_FIELD_CHARS = 64
NOT_MATCHED = (
    "We could not find a report with that reference and access code. Check both and try again. "
    "A report made in the last few minutes may not show yet."
)
TOO_MANY = "You have tried too many times. Wait 15 minutes, then try again."


def _normalised_reference(typed: str) -> str:
    return "".join(typed.split()).upper()[:MAX_FIELD_CHARS]


def _form(request: Request, reference: str = "", error: str | None = None) -> Response:
    status_code = 200 if error is None else 400
    return with_csrf(
        request,
        lambda token: page(
            "status.html",
            status_code=status_code,
            csrf_token=token,
            reference=reference,
            error=error,
        ),
    )


@router.get("/status", response_class=HTMLResponse)
async def status_form(request: Request) -> Response:
    return _form(request)


@router.post("/status", response_class=HTMLResponse)
async def check_status(request: Request) -> Response:
    try:
        fields = await read_form(request)
    except FormRefused as refused:
        return message(refused.title, refused.message, refused.status_code)
    reference = _normalised_reference(first(fields, "reference"))
    code = first(fields, "access_code")[:MAX_FIELD_CHARS]
    if not reference or not code.strip():
        return _form(request, reference, "Enter your report reference and your access code")
    caller = Caller(request.app.state.graph, ANONYMOUS)
    client = request.client.host if request.client else "unknown"
    try:
        answer = await asyncio.to_thread(
            check_report, caller, reference, code, client, request.app.state.audit_log,
            "page:/status",
        )  # fmt: skip
    except (GraphUnavailable, AuditUnavailable):
        return unavailable()
    if answer is Refusal.TOO_MANY:
        return _form(request, reference, TOO_MANY)
    if answer is Refusal.NOT_MATCHED:
        return _form(request, reference, NOT_MATCHED)
    return page("progress.html", reference=reference, progress=answer)
