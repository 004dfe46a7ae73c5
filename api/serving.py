"""The request being served: its id, who asked, the access log line and the request metrics.

:class:`Serving` is the outermost middleware. For each HTTP request it takes the caller's
``X-Request-Id`` (when it looks like one) or makes one, returns it in the response, binds it to
every log line the request causes, notes the signed-in user once sign-in has resolved them
(:func:`note_viewer`), and when the response is sent logs one access line and counts the
request by its route template. The request it serves is kept in a context variable, so it
follows the request into worker threads and DataLoader batches; the tests use
:func:`serving` to prove that a request reaches the graph only through the service layer.
"""

from __future__ import annotations

import re
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.logs import logger
from api.metrics import LATENCY, REQUESTS
from graph.viewer import Viewer

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
log = logger("ohch.access")


@dataclass(slots=True)
class Served:
    label: str  # "POST /graphql"
    request_id: str
    user_id: str | None = None
    role: str | None = None


_served: ContextVar[Served | None] = ContextVar("ohch_served", default=None)


def serving() -> str | None:
    """``"POST /graphql"`` while a request is handled, else None."""
    served = _served.get()
    return served.label if served is not None else None


def request_id() -> str | None:
    served = _served.get()
    return served.request_id if served is not None else None


def note_viewer(viewer: Viewer) -> None:
    """Who the request is from, for the access line and every later log line (their user id
    and role only: staff identifiers, never a member of the public's details)."""
    served = _served.get()
    if served is None:
        return
    served.user_id, served.role = viewer.user_id, viewer.role.value
    structlog.contextvars.bind_contextvars(user_id=viewer.user_id, role=viewer.role.value)


def _route(scope: Scope) -> str:
    """The matched route's template (``/api/v1/referrals``); a mounted router's own route (GraphQL
    at ``/graphql``) has an empty one, and its path is then the request's, which has no ids."""
    route = scope.get("route")
    if route is None:
        return "unmatched"
    path = getattr(route, "path", None)
    return str(path) if path else str(scope.get("root_path", "")) + str(scope["path"])


def _given_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            text = bytes(value).decode("latin-1")
            if _REQUEST_ID.match(text):
                return text
    return uuid.uuid4().hex


class Serving:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        served = Served(f"{scope['method']} {scope['path']}", _given_id(scope))
        token = _served.set(served)
        bound = structlog.contextvars.bind_contextvars(request_id=served.request_id)
        status = 500
        started = time.perf_counter()

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", served.request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            elapsed = time.perf_counter() - started
            route = _route(scope)
            REQUESTS.labels(scope["method"], route, str(status)).inc()
            LATENCY.labels(scope["method"], route).observe(elapsed)
            log.info(
                "request",
                method=scope["method"],
                route=route,
                status=status,
                duration_ms=round(elapsed * 1000, 1),
                user_id=served.user_id,
                role=served.role,
            )
            structlog.contextvars.reset_contextvars(**bound)
            _served.reset(token)
