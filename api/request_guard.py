"""Refuse what could stall or flood the API before anything parses it, and mark every
response.

GraphQL requests are the one body the API hands to a parser it does not own: the body is
read up to ``OHCH_GRAPHQL_MAX_BODY_BYTES`` (413 past it, without reading the rest) and its
JSON nesting measured in one linear pass (400 past ``OHCH_API_MAX_JSON_DEPTH``), so a huge
query or a variable nested thousands deep never reaches the parser and the event loop. The
query's tokens are counted (in C, by a regular expression) before anything parses it, and
the schema bounds them again (``MaxTokensLimiter``). A referral
must be sent as JSON (415 otherwise), and anonymous submissions are rate-limited per address
(``api/rate_limit.py``; 429 with ``Retry-After``).

Every response carries the security headers a police system's API owes its clients: no
caching of personal data, no sniffing, no framing, no referrer, HSTS in production.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from itertools import islice
from typing import Any

import orjson

from api.rate_limit import SubmissionLimiter, retry_after
from graph.settings import Environment, Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Refusal = tuple[int, bytes, tuple[tuple[bytes, bytes], ...]]  # status, body, extra headers

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
# GraphQL's lexical tokens (spec 2.1.6; comments and commas are ignored there too), found by
# the regex engine in C: counting them costs a fraction of graphql-core's lexer in Python.
_GRAPHQL_TOKEN = re.compile(
    r"(?P<comment>#[^\n\r]*)"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""|"(?:[^"\\\n]|\\.)*"'
    r"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[_A-Za-z][_0-9A-Za-z]*|\.\.\.|[!$&():=@\[\]{}|]"
)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
GRAPHQL = "/graphql"
REFERRALS = "/api/v1/referrals"
SUBMIT_REFERRAL = b"submitReferral"


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """True when arrays and objects nest deeper than ``limit`` anywhere in ``body``.

    Strings are removed first (a bracket inside one is text), then only brackets are walked.
    Malformed JSON is the parser's to report; this only bounds the nesting it would see.
    """
    brackets = _STRING.sub(b"", body).translate(None, _NOT_BRACKETS)
    depth = 0
    for byte in brackets:
        if byte in b"[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def query_tokens_exceed(body: bytes, limit: int) -> bool:
    """True when a GraphQL request's query has more than ``limit`` tokens. Counted before the
    schema's own limit would parse it, which is Python code on the event loop: 6,000 tokens
    took it 100 ms (bench/api_limits.py). Bodies that are not a JSON object with a query are
    left for the GraphQL server to refuse."""
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        return False
    query = payload.get("query") if isinstance(payload, dict) else None
    if not isinstance(query, str):
        return False
    tokens = (m for m in _GRAPHQL_TOKEN.finditer(query) if m.lastgroup != "comment")
    return sum(1 for _ in islice(tokens, limit + 1)) > limit


def _not_json(scope: Scope) -> Refusal | None:
    kind = dict(scope["headers"]).get(b"content-type", b"").split(b";")[0].strip().lower()
    if kind == b"application/json" or kind.endswith(b"+json"):
        return None
    return _problem(415, "must be sent as JSON (Content-Type: application/json)")


def _problem(status: int, message: str) -> Refusal:
    body = {
        "error": "InvalidInput",
        "detail": f"body: {message}",
        "problems": [{"field": "body", "message": message}],
    }
    return status, orjson.dumps(body), ()


class RequestGuard:
    """ASGI middleware: body limits on GraphQL, security headers on every response."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.limiter = SubmissionLimiter(settings.intake_rate_per_minute)
        self.max_bytes = settings.graphql_max_body_bytes
        self.max_depth = settings.api_max_json_depth
        self.max_tokens = settings.graphql_max_tokens
        self.headers = [
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cache-control", b"no-store"),
            (b"cross-origin-resource-policy", b"same-origin"),
        ]
        if settings.env is Environment.PRODUCTION:
            self.headers.append((b"strict-transport-security", b"max-age=31536000"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._marking(send)
        path = scope["path"].rstrip("/")
        if scope["method"] == "POST" and path == REFERRALS:
            refusal = _not_json(scope) or self._limited(scope)
            if refusal is not None:
                await self._refuse(send, *refusal)
                return
        if scope["method"] == "POST" and path == GRAPHQL:
            body, refusal = await self._read(receive)
            if refusal is None and SUBMIT_REFERRAL in body:
                refusal = self._limited(scope)
            if refusal is not None:
                await self._refuse(send, *refusal)
                return
            receive = _replaying(body, receive)
        await self.app(scope, receive, send)

    def _limited(self, scope: Scope) -> Refusal | None:
        """A public submission past its address's rate; signed-in callers are not limited."""
        if not self.limiter.enabled or any(n == b"authorization" for n, _ in scope["headers"]):
            return None
        client = scope.get("client")
        wait = self.limiter.take(client[0] if client else "unknown")
        if wait == 0:
            return None
        status, body, _ = _problem(429, "too many reports from this address; try again shortly")
        return status, body, ((b"retry-after", retry_after(wait).encode()),)

    async def _read(self, receive: Receive) -> tuple[bytes, Refusal | None]:
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"", _problem(400, "the client went away")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return b"", _problem(413, f"is larger than {self.max_bytes} bytes")
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if json_depth_exceeds(body, self.max_depth):
            return body, _problem(400, f"nests arrays or objects deeper than {self.max_depth}")
        if query_tokens_exceed(body, self.max_tokens):
            return body, _problem(400, f"the query has more than {self.max_tokens} tokens")
        return body, None

    def _marking(self, send: Send) -> Send:
        async def marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in self.headers if n not in present]
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if b"content-security-policy" not in present and b"html" not in content_type:
                    extra.append(
                        (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
                    )
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        return marked

    async def _refuse(
        self, send: Send, status: int, body: bytes, extra: Sequence[tuple[bytes, bytes]] = ()
    ) -> None:
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            *extra,
        ]
        if status == 413:  # the rest of the body is not read
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _replaying(body: bytes, server: Receive) -> Receive:
    """A ``receive`` that gives the app the body already read, then the server's messages
    (a disconnect, when the client goes)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await server()

    return receive
