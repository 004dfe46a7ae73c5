"""Reading a page's form, and the CSRF cookie that goes with it (``pages/csrf.py``)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import Response

from graph.settings import Environment
from ingest.limits import MAX_BODY_BYTES
from pages import csrf
from pages.i18n import Text

Fields = dict[str, list[str]]


class FormRefused(Exception):
    """A POST the pages will not read: too large, or not from a form this hub served."""

    def __init__(self, status_code: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.title = title
        self.message = message


async def read_form(request: Request) -> Fields:
    """The form's fields (``application/x-www-form-urlencoded``), once its CSRF token is checked."""
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise FormRefused(
                413,
                Text("Your answers are too long"),
                Text("Shorten your answers and send them again."),
            )
        chunks.append(chunk)
    body = b"".join(chunks).decode("utf-8", errors="replace")
    fields = parse_qs(body, keep_blank_values=True, max_num_fields=200)
    token = fields.get(csrf.FIELD, [""])[0]
    if not csrf.valid(request.cookies.get(csrf.COOKIE), token):
        raise FormRefused(
            400,
            Text("This page has expired"),
            Text(
                "We could not accept your answers because the page was open for too long, or "
                "your browser does not keep cookies for this site. Go back and send them again."
            ),
        )
    return fields


def first(fields: Fields, name: str) -> str:
    return fields.get(name, [""])[0]


def with_csrf(request: Request, render: Callable[[str], Response]) -> Response:
    """Render a page with a form: its CSRF field, and the cookie when the browser has none."""
    cookie = request.cookies.get(csrf.COOKIE)
    fresh = not cookie or len(cookie) > 100
    if fresh:
        cookie = csrf.new_cookie()
    assert cookie is not None
    response = render(csrf.field_for(cookie))
    if fresh:
        settings = request.app.state.settings
        response.set_cookie(
            csrf.COOKIE,
            cookie,
            httponly=True,
            samesite="strict",
            secure=settings.env is Environment.PRODUCTION,
            path="/",
        )
    return response
