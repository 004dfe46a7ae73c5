"""Per-request GraphQL context: settings, the graph, the viewer, and the DataLoaders.

Each loader issues one batched query per tick, so a list of N cases does not cost N queries.
The Neo4j driver is synchronous; loaders run their query in a worker thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Concatenate, ParamSpec, TypeVar

from fastapi import Request
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from api.signin.viewer import SignIn
from graph.audit.log import AuditLog
from graph.audit.records import AuditEvent
from graph.cases import repository
from graph.cases.repository import CaseView
from graph.cypher import load_query
from graph.db import Graph, Record
from graph.settings import Settings
from graph.viewer import Viewer
from ingest.journal import Journal
from services.use_case import Caller


async def read(graph: Graph, query_name: str, **params: Any) -> list[Record]:
    """Run a read query off the event loop."""
    return await asyncio.to_thread(graph.read, load_query(query_name), **params)


def keyed_loader(
    graph: Graph, query_name: str, key: str, param: str = "codes", **fixed: Any
) -> DataLoader[str, Record | None]:
    """A loader that fetches records by a key list in one query and returns them in order."""

    async def load(keys: Sequence[str]) -> list[Record | None]:
        records = await read(graph, query_name, **{param: list(keys)}, **fixed)
        by_key = {record[key]: record for record in records}
        return [by_key.get(k) for k in keys]

    return DataLoader(load_fn=load)


def listed_loader(
    graph: Graph, query_name: str, key: str, **fixed: Any
) -> DataLoader[str, list[Record]]:
    """A loader returning, per key, the list of maps its query returns under ``items``, one
    record a key (one query a batch): the driver's cost is per record, and a content lists up to
    500 reports."""

    async def load(keys: Sequence[str]) -> list[list[Record]]:
        records = await read(graph, query_name, ids=list(keys), **fixed)
        listed = {record[key]: list(record["items"]) for record in records}
        return [listed.get(k, []) for k in keys]

    return DataLoader(load_fn=load)


def case_view_loader(graph: Graph) -> DataLoader[str, CaseView]:
    """Each case's live assessment and assignment, worked out once a request. A case's
    ``assessment`` and ``assignment`` read the same evidence, which for a viral case means every
    report's people: asked for together, each read it again. A case's own error (it does not
    exist) is raised where it is loaded, as before."""

    async def view(case_id: str) -> CaseView | BaseException:
        try:
            return await asyncio.to_thread(repository.view, graph, case_id)
        except Exception as error:  # handed to the loader, which raises it at load()
            return error

    async def load(case_ids: Sequence[str]) -> list[CaseView | BaseException]:
        return list(await asyncio.gather(*(view(c) for c in case_ids)))

    return DataLoader(load_fn=load)


@dataclass
class Loaders:
    """The request's loaders. Those of personal data take the viewer's scope, and their
    queries return nothing to a viewer who may not see it: a field added later under another
    root cannot leak them whatever its own rule says."""

    graph: Graph
    viewer: Viewer
    force: DataLoader[str, Record | None] = field(init=False)
    content: DataLoader[str, Record | None] = field(init=False)
    report: DataLoader[str, Record | None] = field(init=False)
    case: DataLoader[str, Record | None] = field(init=False)
    reports_of_content: DataLoader[str, list[Record]] = field(init=False)
    accounts_of_content: DataLoader[str, list[Record]] = field(init=False)
    history_of_case: DataLoader[str, list[Record]] = field(init=False)
    case_view: DataLoader[str, CaseView] = field(init=False)

    def __post_init__(self) -> None:
        g = self.graph
        hub = {"viewer_sees_all": self.viewer.sees_all_forces}
        self.force = keyed_loader(g, "reference/forces_by_code", "code")
        self.content = keyed_loader(g, "content/contents_by_ids", "id", "ids", **hub)
        self.report = keyed_loader(g, "content/reports_by_ids", "id", "ids", **hub)
        self.case = keyed_loader(g, "content/cases_by_ids", "id", "ids", **hub)
        self.reports_of_content = listed_loader(
            g, "content/reports_by_cluster_ids", "cluster_id", limit=REPORTS_PER_CONTENT, **hub
        )
        self.accounts_of_content = listed_loader(
            g, "content/accounts_by_cluster_ids", "cluster_id", **hub
        )
        self.history_of_case = listed_loader(g, "cases/case_history", "case_id", **hub)
        self.case_view = case_view_loader(g)


REPORTS_PER_CONTENT = 500


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
        self.loaders = Loaders(graph, viewer)
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


async def get_context(request: Request) -> Context:
    settings: Settings = request.app.state.settings
    graph: Graph = request.app.state.graph
    signin: SignIn = request.app.state.signin
    viewer = await signin.viewer(request.headers.get("authorization"))
    return Context(settings, graph, request.app.state.journal, viewer, request.app.state.audit_log)
