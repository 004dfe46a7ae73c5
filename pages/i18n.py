"""The public pages in English and Welsh: the language a request is in, and the catalogs.

**Choosing.** GOV.UK's language toggle: every public page offers "English | Cymraeg"; a page is
reachable in Welsh as ``?lang=cy``, and the choice is remembered in the ``ohch_lang`` cookie
(a year; HttpOnly, SameSite=Lax, Secure in production). Without either, English. The public
routers depend on :func:`choose_language`, which keeps the request's language for
:func:`current` (a context variable: each request is its own task, so nothing leaks between
requests); the staff pages never set it and stay in English.

**The catalogs.** ``pages/translations/<lang>/LC_MESSAGES/messages.po`` (gettext, written with
Babel's tools: ``docs/WEB.md``) are read once, at the first page in that language, straight from
the ``.po`` file: no compile step, so a fresh clone serves Welsh with ``make run``. English is
the source language: its msgids are the English words.

**Messages made in Python** (the form's checks, the status page's answers) are :class:`Text`:
English as a ``str`` (what the tests and the API read), carrying its msgid and parameters so a
page shows it translated. A placeholder is ``%(name)s``; a parameter may itself be a Text.
"""

from __future__ import annotations

import contextvars
import gettext
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from fastapi import Request
from fastapi.responses import Response

from graph.settings import Environment, load_settings

ENGLISH = "en"
WELSH = "cy"
LANGUAGES = {ENGLISH: "English", WELSH: "Cymraeg"}  # each named in its own language
QUERY = "lang"
COOKIE = "ohch_lang"
COOKIE_SECONDS = 365 * 24 * 3600
CATALOGS = Path(__file__).resolve().parent / "translations"
DOMAIN = "messages"
LONDON = ZoneInfo("Europe/London")
R = TypeVar("R", bound=Response)


class Text(str):
    """An English message that can be shown in another language: ``Text("Enter %(what)s",
    what="a date")`` is the string ``"Enter a date"`` with its msgid and parameters."""

    msgid: str
    params: dict[str, str]

    def __new__(cls, msgid: str, **params: str) -> Text:
        english = msgid % {k: str(v) for k, v in params.items()} if params else msgid
        made = super().__new__(cls, english)
        made.msgid = msgid
        made.params = params
        return made

    def translated(self, translate: gettext.NullTranslations) -> str:
        words = translate.gettext(self.msgid)
        if not self.params:
            return words
        return words % {k: in_language(v, translate) for k, v in self.params.items()}


def in_language(value: str, translate: gettext.NullTranslations) -> str:
    """A :class:`Text` translated; any other string as it is."""
    return value.translated(translate) if isinstance(value, Text) else value


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of ``language`` (English: the msgids themselves)."""
    if language == ENGLISH:
        return gettext.NullTranslations()
    path = CATALOGS / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def translate(value: str) -> str:
    """A message in the current request's language."""
    return in_language(value, translations(current().language))


@dataclass(frozen=True, slots=True)
class Choice:
    """The language of a request, its path (where the toggle links to) and whether the
    request chose it just now (``?lang=``), so the response remembers it."""

    language: str = ENGLISH
    path: str = "/"
    chosen_now: bool = False


_CURRENT: contextvars.ContextVar[Choice] = contextvars.ContextVar("ohch_language")


def current() -> Choice:
    return _CURRENT.get(Choice())


def language_of(query: str | None, cookie: str | None) -> tuple[str, bool]:
    """The language asked for in the address, else the one remembered, else English; and
    whether the address chose it."""
    if query in LANGUAGES:
        return query, True
    if cookie in LANGUAGES:
        return cookie, False
    return ENGLISH, False


async def choose_language(request: Request) -> None:
    """The public routers' dependency: the request's language, for :func:`current`."""
    language, now = language_of(request.query_params.get(QUERY), request.cookies.get(COOKIE))
    _CURRENT.set(Choice(language, request.url.path, now))


def remember(response: R) -> R:
    """The language cookie on a response, when the request chose its language."""
    choice = current()
    if choice.chosen_now:
        response.set_cookie(
            COOKIE,
            choice.language,
            max_age=COOKIE_SECONDS,
            httponly=True,
            samesite="lax",
            secure=load_settings().env is Environment.PRODUCTION,
            path="/",
        )
    return response


def long_date(value: datetime, language: str) -> str:
    """``7 December 2026`` / ``7 Rhagfyr 2026``, as GOV.UK writes dates, in UK time."""
    return format_date(value.astimezone(LONDON).date(), "d MMMM y", locale=language)


def time_of_day(value: datetime, language: str) -> str:
    """``2:05pm`` (GOV.UK's style) / ``14:05`` (Welsh), in UK time."""
    local = value.astimezone(LONDON)
    if language == ENGLISH:
        return f"{local:%-I:%M}{'am' if local.hour < 12 else 'pm'}"
    return format_time(local.time(), "HH:mm", locale=language)


def toggle(choice: Choice) -> list[dict[str, Any]]:
    """The toggle's entries: each language, the current one not a link."""
    return [
        {
            "language": code,
            "name": name,
            "current": code == choice.language,
            "href": f"{choice.path}?{QUERY}={code}",
        }
        for code, name in LANGUAGES.items()
    ]
