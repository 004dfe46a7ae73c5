"""The pages' Jinja2 environment and their responses, with the pages' security headers.

Templates come from this package and GOV.UK Frontend's macros from ``govuk_frontend_jinja``.
Autoescaping is on for every template. The API's ``RequestGuard`` adds the headers every
response carries; an HTML page adds its own content security policy: scripts, styles, images
and fonts from the hub itself only, forms sent only to the hub, no framing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.responses import HTMLResponse
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    PackageLoader,
    PrefixLoader,
    select_autoescape,
)

SERVICE_NAME = "Report online hate"
LONDON = ZoneInfo("Europe/London")

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    )
)


def long_date(value: datetime) -> str:
    """``7 December 2026``, as the UK reads it (GOV.UK style), in UK time."""
    local = value.astimezone(LONDON)
    return f"{local.day} {local:%B %Y}"


def _environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("pages", "templates"),
                # The macros name each other as "govuk_frontend_jinja/components/...".
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=ChainableUndefined,  # as GOV.UK Frontend's macros expect (params.a.b)
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    env.globals["service_name"] = SERVICE_NAME
    return env


ENVIRONMENT = _environment()


def page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = ENVIRONMENT.get_template(template).render(**context)
    return HTMLResponse(
        html,
        status_code=status_code,
        headers={"content-security-policy": CONTENT_SECURITY_POLICY},
    )


def message(title: str, text: str, status_code: int) -> HTMLResponse:
    """A page that only says something: an expired form, a service problem."""
    return page("message.html", status_code=status_code, title=title, text=text)


def unavailable() -> HTMLResponse:
    response = message(
        "Sorry, there is a problem with the service",
        "Try again in a few minutes.",
        503,
    )
    response.headers["retry-after"] = "30"
    return response
