"""The one place the hub's errors become HTTP responses (GraphQL maps them in its resolvers)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from graph.errors import (
    AuditUnavailable,
    Conflict,
    Forbidden,
    GraphUnavailable,
    InvalidInput,
    NotFound,
    OhchError,
    ScanUnavailable,
    Unauthenticated,
)
from graph.validation import problems_of

log = logging.getLogger("ohch.api")

_STATUS: dict[type[OhchError], int] = {
    InvalidInput: 422,
    NotFound: 404,
    Conflict: 409,
    Unauthenticated: 401,
    Forbidden: 403,
    GraphUnavailable: 503,
    AuditUnavailable: 503,
    ScanUnavailable: 503,
}


def status_for(error: OhchError) -> int:
    for kind in type(error).__mro__:
        if kind in _STATUS:
            return _STATUS[kind]
    return 500


def body_for(error: OhchError) -> dict[str, object]:
    detail = str(error)
    if isinstance(error, GraphUnavailable):  # the driver's words name hosts and ports
        log.warning("graph unavailable: %s", error)
        detail = "the graph database is not answering; try again shortly"
    body: dict[str, object] = {"error": type(error).__name__, "detail": detail}
    if isinstance(error, InvalidInput):
        body["problems"] = [{"field": p.field, "message": p.message} for p in error.problems]
    return body


async def _ohch_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, OhchError)
    headers = None
    if isinstance(error, GraphUnavailable | AuditUnavailable | ScanUnavailable):
        headers = {"Retry-After": "30"}
    elif isinstance(error, Unauthenticated):  # RFC 6750 section 3
        headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
    return JSONResponse(body_for(error), status_code=status_for(error), headers=headers)


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    invalid = InvalidInput(problems_of(error.errors(), root="body", outer=1))  # outer: "body"
    body = body_for(invalid) | {"detail": "the request is not valid"}
    return JSONResponse(body, status_code=status_for(invalid))


def install(app: FastAPI) -> None:
    app.add_exception_handler(OhchError, _ohch_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
