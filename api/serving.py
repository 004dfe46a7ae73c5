"""Which request the current task serves: ``"POST /graphql"`` while one is handled, else None.

Set by :class:`Serving`, outermost of the app's middleware, in a context variable, so it
follows the request into worker threads (``asyncio.to_thread``) and DataLoader batches. The
tests use it to prove that a request reaches the graph only through the service layer.
"""

from __future__ import annotations

from contextvars import ContextVar

from starlette.types import ASGIApp, Receive, Scope, Send

_serving: ContextVar[str | None] = ContextVar("ohch_serving", default=None)


def serving() -> str | None:
    return _serving.get()


class Serving:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _serving.set(f"{scope['method']} {scope['path']}")
        try:
            await self.app(scope, receive, send)
        finally:
            _serving.reset(token)
