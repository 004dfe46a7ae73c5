"""The FastAPI app factory: one Neo4j driver for the process, opened in the lifespan."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, suppress

from fastapi import FastAPI
from fastapi.routing import APIWebSocketRoute

from api import attachments, errors, health, openapi, referrals, status
from api.graphiql import HubGraphQLRouter
from api.graphql.context import get_context
from api.graphql.schema import build_schema
from api.request_guard import RequestGuard
from api.serving import Serving
from api.signin.viewer import SignIn
from graph.audit.log import AuditLog
from graph.db import Graph
from graph.errors import GraphUnavailable
from graph.settings import Settings, load_settings
from graph.write_gate import WriteGate
from ingest.journal import Journal
from pages import assets as web_assets
from pages import router as web_pages
from services import attempts, intake
from services.startup import API_PROCESS, prepare_graph, write_journalled_referrals
from services.use_case import Caller

log = logging.getLogger("ohch.api")


async def _apply_schema_when_reachable(
    app: FastAPI, graph: Graph, stop: asyncio.Event, gate: WriteGate
) -> None:
    """Apply the schema and reference data at start-up (``services.startup.prepare_graph``); if
    Neo4j is down, keep trying (readyz says 503 meanwhile). The app's writes pass ``gate``
    (``Graph.writes_held_until``): held while preparing, refused at once while unreachable.

    Never cancelled mid-call: a worker thread would go on using the driver after it closed.
    """
    while not stop.is_set():
        try:
            loaded = await asyncio.to_thread(prepare_graph, Caller(graph, API_PROCESS))
        except GraphUnavailable as exc:
            log.warning("schema not applied yet: %s", exc)
            gate.unreachable(str(exc))
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 5)
            continue
        if loaded is not None:
            log.info("reference data loaded: %s", loaded)
        gate.open()
        app.state.schema_ready.set()
        return


async def _drain_journal_while_running(
    journal: Journal, graph: Graph, stop: asyncio.Event, interval: float = 5.0
) -> None:
    """Replay referrals accepted during an outage once Neo4j answers again."""
    while not stop.is_set():
        if journal.waiting():
            try:
                count = await asyncio.to_thread(
                    write_journalled_referrals, Caller(graph, API_PROCESS), journal
                )
                log.info("journal drained: %d referrals written", count)
            except GraphUnavailable as exc:
                log.warning("journal not drained yet: %s", exc)
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # A referral waiting for its batch's commit holds a thread (asyncio.to_thread): enough
        # for a full batch beside the requests served meanwhile (the default is CPUs + 4).
        asyncio.get_running_loop().set_default_executor(
            ThreadPoolExecutor(settings.intake_batch_max + 32, thread_name_prefix="ohch-api")
        )
        connected = Graph.connect(settings)
        gate = WriteGate()  # open once the schema and data upgrades have run
        graph = connected.writes_held_until(gate, settings.startup_write_wait_s)
        app.state.graph = graph
        app.state.schema_ready = asyncio.Event()
        app.state.journal = Journal(settings.journal_dir)
        intake.start_gathering(graph, settings)  # referrals arriving together: one transaction
        stop = asyncio.Event()
        tasks = [
            asyncio.create_task(_apply_schema_when_reachable(app, connected, stop, gate)),
            asyncio.create_task(
                _drain_journal_while_running(
                    app.state.journal, graph, stop, settings.journal_drain_interval_s
                )
            ),
        ]
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(*tasks)
            if not await asyncio.to_thread(intake.stop_gathering, graph):
                log.error("referrals were still being written when the API stopped")
            connected.close()

    app = FastAPI(
        title="ohch: national online hate crime hub",
        version="0.1.0",
        lifespan=lifespan,
        # The API's own description, like GraphQL introspection, only where explorable.
        openapi_url="/openapi.json" if settings.explorable else None,
    )
    app.state.settings = settings
    attempts.use_settings(settings)  # the key of the counters every worker shares
    app.state.signin = SignIn(settings)
    app.state.audit_log = AuditLog(settings.audit_log)
    errors.install(app)
    app.include_router(health.router)
    app.include_router(referrals.router)
    app.include_router(status.router)
    app.include_router(attachments.router)
    app.include_router(web_pages)
    app.mount("/assets", web_assets(), name="assets")
    graphql = HubGraphQLRouter(
        build_schema(settings),
        context_getter=get_context,
        graphql_ide="graphiql" if settings.explorable else None,
        allow_queries_via_get=False,  # POST only: every query passes the request guard
    )
    # No websocket: the hub has no subscriptions, and a socket would bypass the request guard.
    graphql.routes[:] = [r for r in graphql.routes if not isinstance(r, APIWebSocketRoute)]
    app.include_router(graphql, prefix="/graphql")
    openapi.install(app)
    app.add_middleware(RequestGuard, settings=settings)
    app.add_middleware(Serving)  # added last: the outermost
    return app
