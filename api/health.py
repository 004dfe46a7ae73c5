"""Liveness and readiness probes."""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from graph.cypher import load_query
from graph.db import Graph
from graph.errors import GraphUnavailable

router = APIRouter(tags=["health"])
log = logging.getLogger("ohch.api")


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up (says nothing of Neo4j)."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """503 while Neo4j is unreachable or the schema is not yet applied."""
    graph: Graph = request.app.state.graph
    try:
        await asyncio.wait_for(asyncio.to_thread(graph.verify), 5.0)
        await asyncio.wait_for(asyncio.to_thread(graph.read, load_query("health/ping")), 5.0)
    except (GraphUnavailable, TimeoutError) as exc:
        log.warning("not ready: %s", exc)  # the cause is for operators, not for the caller
        return JSONResponse(
            {"status": "unavailable", "detail": "the graph database is not answering"}, 503
        )
    if not request.app.state.schema_ready.is_set():
        return JSONResponse({"status": "starting", "detail": "schema not applied"}, 503)
    return JSONResponse({"status": "ready"})
