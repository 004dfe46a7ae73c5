"""Per-request GraphQL context: the settings, the caller (graph and viewer) every use case is
run for, the request's DataLoaders, and the audit events.

A field never reaches the graph itself: it runs a use case (``Context.run``) or loads through a
batch use case (``Context.loader``), one call per tick, so a list of N cases does not cost N
queries. The Neo4j driver is synchronous; use cases run in a worker thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Concatenate, ParamSpec, TypeVar

from fastapi import Request
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from api.signin.viewer import SignIn
from graph.audit.log import AuditLog
from graph.audit.records import AuditEvent
from graph.db import Graph
from graph.settings import Settings
from graph.viewer import Viewer
from ingest.journal import Journal
from services.use_case import Caller

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")
P = ParamSpec("P")


class Context(BaseContext):
    """What a resolver has: the settings, the caller (graph and viewer) it hands to use cases,
    the request's DataLoaders, and the audit events to log before the response."""

    def __init__(
        self,
        settings: Settings,
        graph: Graph,
        journal: Journal,
        viewer: Viewer,
        audit_log: AuditLog,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.graph = graph
        self.journal = journal
        self.viewer = viewer
        self.caller = Caller(graph, viewer)
        self.audit_log = audit_log
        self.audit_events: list[AuditEvent] = []  # logged by AuditTrail before the response
        self._batches: dict[object, DataLoader[Any, Any]] = {}

    async def run(
        self, use_case: Callable[Concatenate[Caller, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run a use case for this request's caller off the event loop (the driver blocks)."""
        return await asyncio.to_thread(use_case, self.caller, *args, **kwargs)

    def loader(self, batch: Callable[[Caller, list[K]], Sequence[V]]) -> DataLoader[K, V]:
        """The request's DataLoader for a batch use case: the keys asked for in one tick are
        read in one call, which returns one value (or an exception to raise) a key, in order.
        One loader a use case a request, so its cache lasts as long as the request."""
        found = self._batches.get(batch)
        if found is None:

            async def load(keys: Sequence[K]) -> list[V]:
                return list(await asyncio.to_thread(batch, self.caller, list(keys)))

            found = self._batches[batch] = DataLoader(load_fn=load)
        return found

    def asked(self, batch: Callable[[Caller, list[K]], Sequence[V]], key: K) -> bool:
        """Whether this request's loader for ``batch`` was already asked for ``key`` (so
        another field can take its answer instead of reading the graph again)."""
        found = self._batches.get(batch)
        return found is not None and found.cache_map.get(key) is not None


async def get_context(request: Request) -> Context:
    settings: Settings = request.app.state.settings
    graph: Graph = request.app.state.graph
    signin: SignIn = request.app.state.signin
    viewer = await signin.viewer_in(request.scope)
    return Context(settings, graph, request.app.state.journal, viewer, request.app.state.audit_log)
