"""The pages' Jinja2 environment and their responses, with the pages' security headers.

Templates come from this package and GOV.UK Frontend's macros from ``govuk_frontend_jinja``.
Autoescaping is on for every template. One environment a language (``pages/i18n.py``), each
with Jinja2's i18n extension and that language's catalog (``_()``, ``{% trans %}``, trimmed),
its dates in that language; a page is rendered in the request's language (English for staff).
The API's ``RequestGuard`` adds the headers every response carries; an HTML page adds its own
content security policy: scripts, styles, images and fonts from the hub itself only, forms sent
only to the hub, no framing.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    PackageLoader,
    PrefixLoader,
    select_autoescape,
)

from pages import i18n

SERVICE_NAME = "Report online hate"
LONDON = i18n.LONDON

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
    return i18n.long_date(value, i18n.ENGLISH)


@cache
def environment(language: str) -> Environment:
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
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # a {% trans %} paragraph is one line of words
    translations = i18n.translations(language)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters["long_date"] = lambda value: i18n.long_date(value, language)
    env.filters["time_of_day"] = lambda value: i18n.time_of_day(value, language)
    env.filters["translated"] = lambda value: i18n.in_language(value, translations)
    env.globals["service_name"] = translations.gettext(SERVICE_NAME)
    env.globals["html_lang"] = language
    return env


ENVIRONMENT = environment(i18n.ENGLISH)


def page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The page in the request's language (``pages/i18n.py``), remembering a language chosen
    with ``?lang=``."""
    choice = i18n.current()
    html = (
        environment(choice.language)
        .get_template(template)
        .render(language_toggle=i18n.toggle(choice), **context)
    )
    response = HTMLResponse(
        html,
        status_code=status_code,
        headers={"content-security-policy": CONTENT_SECURITY_POLICY},
    )
    return i18n.remember(response)


def message(title: str, text: str, status_code: int) -> HTMLResponse:
    """A page that only says something: an expired form, a service problem (a :class:`i18n.Text`
    is shown in the request's language)."""
    return page(
        "message.html",
        status_code=status_code,
        title=i18n.translate(title),
        text=i18n.translate(text),
    )


def unavailable() -> HTMLResponse:
    response = message(
        i18n.Text("Sorry, there is a problem with the service"),
        i18n.Text("Try again in a few minutes."),
        503,
    )
    response.headers["retry-after"] = "30"
    return response
