"""Liveness and readiness probes, and the metrics Prometheus scrapes."""

from __future__ import annotations

import asyncio
import hmac
import logging
from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import State

from api.metrics import CONTENT_TYPE, Gauges, HubGauges, exposition
from graph.errors import GraphUnavailable
from graph.intel.export_state import latest_watermark
from graph.settings import Environment, Settings
from graph.viewer import ANONYMOUS
from ingest.journal import Journal
from services import intake_conflicts, operations, reference
from services.use_case import Caller

router = APIRouter(tags=["health"])
log = logging.getLogger("ohch.api")


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up (says nothing of Neo4j)."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """503 while Neo4j is unreachable or the schema is not yet applied; 200 ``degraded`` (with
    what is wrong in ``detail``) while the intake journal holds a backlog its last drain could
    not write, or quarantined lines nobody has reviewed; else 200 ``ready``."""
    caller = Caller(request.app.state.graph, ANONYMOUS)
    try:
        await asyncio.wait_for(asyncio.to_thread(reference.graph_answers, caller), 10.0)
    except (GraphUnavailable, TimeoutError) as exc:
        log.warning("not ready: %s", exc)  # the cause is for operators, not for the caller
        return JSONResponse(
            {"status": "unavailable", "detail": "the graph database is not answering"}, 503
        )
    if not request.app.state.schema_ready.is_set():
        return JSONResponse({"status": "starting", "detail": "schema not applied"}, 503)
    journal: Journal = request.app.state.journal
    concerns = await asyncio.to_thread(journal.concerns)
    if concerns:  # serving, but a person must look: 200, so traffic still comes
        return JSONResponse({"status": "degraded", "detail": "; ".join(concerns)})
    return JSONResponse({"status": "ready"})


def _read_gauges(state: State) -> Gauges:
    settings: Settings = state.settings
    now = datetime.now(UTC)
    caller = Caller(state.graph, ANONYMOUS)
    hub = operations.hub_state(caller, now)
    exported = latest_watermark(settings.nim_export_dir) if settings.nim_export_dir else None
    journal: Journal = state.journal
    return Gauges(
        journal_backlog=journal.backlog(),
        journal_quarantined=len(journal.quarantined()),
        intake_conflicts_open=intake_conflicts.open_intake_conflicts(caller),
        review_pending=hub.review_pending,
        decisions_overdue=hub.decisions_overdue,
        export_age_seconds=(now - exported).total_seconds() if exported else None,
    )


def _gauges(state: State) -> HubGauges:
    found: HubGauges | None = getattr(state, "hub_gauges", None)
    if found is None:
        found = state.hub_gauges = HubGauges(lambda: _read_gauges(state))
    return found


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Prometheus exposition. With ``OHCH_METRICS_TOKEN`` set, only a scraper sending it as a
    bearer token is answered; production serves nothing without one."""
    settings: Settings = request.app.state.settings
    token = settings.metrics_token
    if token is None and settings.env is Environment.PRODUCTION:
        return Response(status_code=404)
    if token is not None:
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.get_secret_value().encode()):
            return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    body = await asyncio.to_thread(exposition, _gauges(request.app.state))
    return Response(body, media_type=CONTENT_TYPE)
