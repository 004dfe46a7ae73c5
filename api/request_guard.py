"""Refuse what could stall or flood the API before anything parses it, and mark every
response.

The intake doors are read here first, each up to its limit (413 past it, without reading the
rest; a ``Content-Length`` past it is refused before anything is read), and their JSON nesting
measured in one linear pass, so a huge body or one nested thousands deep never reaches a parser
or the event loop:

- ``POST /api/v1/referrals``: 512 KiB (``ingest/limits.py``); JSON only (415); nesting 422;
  rate-limited (429).
- ``POST /api/v1/status``: 4 KiB (a reference and an access code); JSON only (415); nesting
  422; its own limit on guesses (``services/attempts.py``).
- ``POST /graphql``: ``OHCH_GRAPHQL_MAX_BODY_BYTES``, but a request that submits a referral may
  carry one as large as REST takes, plus 16 KiB of query; JSON only (415), a JSON object of
  strict JSON (400: ``1e999`` would reach the server as infinity); nesting 400; a
  ``submitReferral`` is rate-limited as the REST door is.

Depth is ``OHCH_API_MAX_JSON_DEPTH``; 422 on the REST doors (the body breaks their contract),
400 on GraphQL (a malformed GraphQL request). A GraphQL query's tokens are counted (in C, by a
regular expression) before anything parses it, and the schema bounds them again
(``MaxTokensLimiter``). Submissions are rate-limited (``api/rate_limit.py``; 429 with
``Retry-After``): the public per address, each partner per account; staff are not.

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
from graph.errors import OhchError
from graph.limits.rules import Kind
from graph.settings import Environment, Settings
from graph.viewer import ANONYMOUS, Role, Viewer
from ingest.limits import MAX_BODY_BYTES

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
STATUS = "/api/v1/status"
STATUS_MAX_BODY_BYTES = 4096
SUBMIT_REFERRAL = b"submitReferral"
QUERY_ALLOWANCE_BYTES = 16 * 1024  # a submitReferral request: the referral, and its query


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


def _not_a_request(body: bytes) -> Refusal | None:
    """A GraphQL request is a JSON object (GraphQL over HTTP) of strict JSON: any other value
    (``1e999``, which Python's reader takes as infinity) would reach the server's code, which
    assumes one."""
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        return _problem(400, f"is not valid JSON: {error}")
    if isinstance(payload, dict):
        return None
    return _problem(400, "must be a JSON object with a query")


def _declared_too_large(scope: Scope, limit: int) -> Refusal | None:
    declared = dict(scope["headers"]).get(b"content-length", b"")
    if declared.isdigit() and int(declared) > limit:
        return _problem(413, f"is larger than {limit} bytes")
    return None


def _problem(status: int, message: str) -> Refusal:
    body = {
        "error": "InvalidInput",
        "detail": f"body: {message}",
        "problems": [{"field": "body", "message": message}],
    }
    return status, orjson.dumps(body), ()


class RequestGuard:
    """ASGI middleware: body limits and rates on the intake doors and GraphQL, security
    headers on every response."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        lease = settings.intake_rate_lease
        self.public_limiter = SubmissionLimiter(settings.intake_rate_per_minute, Kind.PUBLIC, lease)
        self.partner_limiter = SubmissionLimiter(
            settings.intake_partner_rate_per_minute, Kind.PARTNER, lease
        )
        self.max_bytes = settings.graphql_max_body_bytes
        self.max_submit_bytes = max(self.max_bytes, MAX_BODY_BYTES + QUERY_ALLOWANCE_BYTES)
        self.max_depth = settings.api_max_json_depth
        self.max_tokens = settings.graphql_max_tokens
        self.doors = {REFERRALS: MAX_BODY_BYTES, STATUS: STATUS_MAX_BODY_BYTES}
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
        refusal: Refusal | None = None
        if scope["method"] == "POST" and path in self.doors:
            limit = self.doors[path]
            refusal = _not_json(scope) or _declared_too_large(scope, limit)
            if refusal is None and path == REFERRALS:
                refusal = await self._limited(scope)
            if refusal is None:
                body, refusal = await self._read(receive, limit, depth_status=422)
                receive = _replaying(body, receive)
        elif scope["method"] == "POST" and path == GRAPHQL:
            refusal = _not_json(scope) or _declared_too_large(scope, self.max_submit_bytes)
            if refusal is None:
                body, refusal = await self._read(receive, self.max_submit_bytes, depth_status=400)
                refusal = refusal or self._graphql_refusal(body)
                if refusal is None and SUBMIT_REFERRAL in body:
                    refusal = await self._limited(scope)
                receive = _replaying(body, receive)
        if refusal is not None:
            await self._refuse(send, *refusal)
            return
        await self.app(scope, receive, send)

    def _graphql_refusal(self, body: bytes) -> Refusal | None:
        """Past the GraphQL limit without submitting a referral, not a JSON object, or a query
        of too many tokens."""
        if len(body) > self.max_bytes and SUBMIT_REFERRAL not in body:
            return _problem(413, f"is larger than {self.max_bytes} bytes")
        if refusal := _not_a_request(body):
            return refusal
        if query_tokens_exceed(body, self.max_tokens):
            return _problem(400, f"the query has more than {self.max_tokens} tokens")
        return None

    async def _limited(self, scope: Scope) -> Refusal | None:
        """A submission past its rate: the public's per address, a partner's per account;
        staff are not limited, and a token that does not verify is left for the route to
        refuse (401)."""
        authorization = dict(scope["headers"]).get(b"authorization")
        graph = getattr(scope["app"].state, "graph", None)
        if authorization is None:
            client = scope.get("client")
            address = client[0] if client else "unknown"
            wait = await self.public_limiter.take(graph, ANONYMOUS, address)
            who = "this address"
        else:
            partner = await _partner(scope)
            if partner is None:
                return None
            wait = await self.partner_limiter.take(graph, partner, partner.user_id)
            who = "this partner"
        if wait == 0:
            return None
        status, body, _ = _problem(429, f"too many referrals from {who}; try again shortly")
        return status, body, ((b"retry-after", retry_after(wait).encode()),)

    async def _read(
        self, receive: Receive, limit: int, depth_status: int
    ) -> tuple[bytes, Refusal | None]:
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"", _problem(400, "the client went away")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return b"", _problem(413, f"is larger than {limit} bytes")
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if json_depth_exceeds(body, self.max_depth):
            too_deep = f"nests arrays or objects deeper than {self.max_depth}"
            return body, _problem(depth_status, too_deep)
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


async def _partner(scope: Scope) -> Viewer | None:
    """The partner a bearer token names, or None (staff, or a token refused later).
    The viewer is kept with the request, so the route does not verify the token again."""
    try:
        viewer = await scope["app"].state.signin.viewer_in(scope)
    except OhchError:
        return None
    return viewer if viewer.role is Role.PARTNER else None


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
