"""``GET/POST /status``: a complainant's reference and access code in, their report's progress out.

The code is checked against the salted hash stored on the report (``ingest/access_codes.py``)
in constant time. A wrong code, an unknown reference and a reference refused for too many
failures (``pages/attempts.py``) all get the same answer, and an unknown reference costs the
same hash as a known one, so the page never says which references exist. The page shows only
the report's own progress: when it was received, whether it has been assessed, and the force
it has been passed to.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from graph.cypher import load_query
from graph.db import Graph
from graph.errors import GraphUnavailable
from ingest.access_codes import hash_code, verify_code
from pages.attempts import FailedAttempts
from pages.http import FormRefused, first, read_form, with_csrf
from pages.render import message, page, unavailable

router = APIRouter()

MAX_FIELD_CHARS = 64
NOT_MATCHED = (
    "We could not find a report with that reference and access code. Check both and try again. "
    "A report made in the last few minutes may not show yet."
)
TOO_MANY = "You have tried too many times. Wait 15 minutes, then try again."
_STAND_IN_HASH = hash_code("0000-0000-0000")  # checked when the reference is unknown
ATTEMPTS = FailedAttempts()  # this process's counts (pages/attempts.py)


@dataclass(frozen=True, slots=True)
class Progress:
    received: datetime
    assessed: datetime | None
    force_name: str | None
    assigned: datetime | None


def _moment(millis: Any) -> datetime | None:
    return None if millis is None else datetime.fromtimestamp(millis / 1000, UTC)


def _normalised_reference(typed: str) -> str:
    return "".join(typed.split()).upper()[:MAX_FIELD_CHARS]


def _look_up(graph: Graph, reference: str, code: str) -> Progress | None:
    rows = graph.read(load_query("status/report_status"), reference=reference)
    row = rows[0] if rows else None
    stored = row["access_code_hash"] if row else None
    matched = verify_code(code, stored or _STAND_IN_HASH)  # the same work either way
    if row is None or stored is None or not matched:
        return None
    received = _moment(row["received_ms"])
    assert received is not None
    return Progress(
        received=received,
        assessed=_moment(row["assessed_ms"]),
        force_name=row["force_name"],
        assigned=_moment(row["assigned_ms"]),
    )


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
    now = time.monotonic()
    if ATTEMPTS.blocked(reference, now):
        return _form(request, reference, TOO_MANY)
    graph: Graph = request.app.state.graph
    try:
        progress = await asyncio.to_thread(_look_up, graph, reference, code)
    except GraphUnavailable:
        return unavailable()
    if progress is None:
        ATTEMPTS.fail(reference, now)
        return _form(request, reference, NOT_MATCHED)
    ATTEMPTS.clear(reference)
    return page("progress.html", reference=reference, progress=progress)
