"""The messages' words: one template file per event and language, and phrase files for the
decision and the no-enforcement reason (the reviewed library, ``data/no_enforcement_reasons
.toml``).

``templates/<language>/<event>.txt`` starts with ``Subject: ...``, a blank line, then the body;
``$name`` placeholders are filled from the message's parameters (``string.Template``: no code
runs in a template). ``$decision`` and ``$reason`` are replaced by the phrase file named by
their value, and a date parameter (``$outcome_on``) is written as the language writes dates;
``footer.txt`` closes every body. A message in a language the hub has no template
for is refused by name, never sent half-filled.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from string import Template

from babel.dates import format_date
from pydantic import BaseModel, ConfigDict, Field

from graph.errors import InvalidValue
from graph.policy_files import VersionedPolicy, load_policy
from graph.updates.policy import EventKind

PHRASES = ("decision", "reason")  # parameters whose value names a phrase file
DATES = ("outcome_on",)  # parameters whose value is an ISO date, written as the language does


class Language(enum.StrEnum):
    """The languages a complainant may choose; English unless they chose (the referral
    contract has no language field yet: ``store.record_preference`` records a choice)."""

    ENGLISH = "en"
    WELSH = "cy"


class Reason(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=1)
    approved_by: str | None = None
    approved_on: date | None = None

    @property
    def approved(self) -> bool:
        return bool(self.approved_by) and self.approved_on is not None


class ReasonLibrary(VersionedPolicy):
    reason: dict[str, Reason] = Field(min_length=1)


@cache
def reason_library() -> ReasonLibrary:
    return load_policy("graph.updates", "no_enforcement_reasons.toml", ReasonLibrary)


def check_reason(code: str) -> Reason:
    library = reason_library().reason
    if code not in library:
        raise InvalidValue("reason", f"must be one of {', '.join(sorted(library))}")
    return library[code]


@dataclass(frozen=True, slots=True)
class Rendered:
    language: Language
    subject: str
    body: str


def _folder(language: Language) -> Traversable:
    return resources.files("graph.updates").joinpath("templates", language.value)


@cache
def _text(language: Language, *parts: str) -> str:
    entry = _folder(language).joinpath(*parts)
    if not entry.is_file():
        raise InvalidValue("template", f"no {language.value} template {'/'.join(parts)}")
    return entry.read_text(encoding="utf-8").strip()


def phrase(language: Language, group: str, code: str) -> str:
    if not code.replace("_", "").isalnum():
        raise InvalidValue(group, f"{code!r} is not a phrase name")
    return _text(language, "phrases", group, f"{code}.txt")


def _fill(text: str, values: Mapping[str, str], where: str) -> str:
    try:
        return Template(text).substitute(values)
    except KeyError as missing:
        raise InvalidValue("template", f"{where} needs ${missing.args[0]}") from None
    except ValueError as error:
        raise InvalidValue("template", f"{where}: {error}") from None


def long_date(value: str, language: Language) -> str:
    """``3 March 2026`` / ``3 Mawrth 2026`` (GOV.UK's style) from an ISO date."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidValue("date", f"{value!r} is not a date (YYYY-MM-DD)") from None
    return format_date(day, "d MMMM y", locale=language.value)


def render(kind: EventKind, language: Language, params: Mapping[str, str]) -> Rendered:
    """The message for one event in one language, every placeholder filled."""
    values = dict(params)
    for name in PHRASES:
        if name in values:
            values[name] = phrase(language, name, values[name])
    for name in DATES:
        if name in values:
            values[name] = long_date(values[name], language)
    head, _, body = _text(language, f"{kind.value}.txt").partition("\n\n")
    if not head.startswith("Subject: "):
        raise InvalidValue("template", f"{language.value}/{kind.value}.txt must start 'Subject: '")
    where = f"{language.value}/{kind.value}.txt"
    subject = _fill(head.removeprefix("Subject: ").strip(), values, where)
    footer = _fill(_text(language, "footer.txt"), values, f"{language.value}/footer.txt")
    return Rendered(language, subject, _fill(body.strip(), values, where) + "\n\n" + footer + "\n")
