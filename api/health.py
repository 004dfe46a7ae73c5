"""Liveness and readiness probes."""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from graph.errors import GraphUnavailable
from graph.viewer import ANONYMOUS
from services import reference
from services.use_case import Caller

router = APIRouter(tags=["health"])
log = logging.getLogger("ohch.api")


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up (says nothing of Neo4j)."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """503 while Neo4j is unreachable or the schema is not yet applied."""
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
    return JSONResponse({"status": "ready"})
