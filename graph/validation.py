"""The one converter from pydantic's validation errors to the hub's :class:`Problem` list.

Every problem keeps its field path (``content[1].url``, ``grade.handling_conditions``), so a
caller sees which field was wrong, never a pydantic traceback. Messages are pydantic's own by
default (policy files, grades: read by the hub's developers); :class:`PlainWords` says them
for people sending data (the referral contract, disclosures), never showing a pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from graph.errors import InvalidInput, Problem

T = TypeVar("T")
Words = Callable[[ErrorDetails], str]

_INTERNAL = ("function-", "literal[", "enum[")  # pydantic's validator names in a location
_NAMED = re.compile(
    r"^(?P<field>[a-z_][a-z0-9_]*(?:\[\d+\])?(?:\.[a-z_][a-z0-9_]*)*): (?P<message>.+)$"
)


def field_path(location: Iterable[int | str], prefix: str = "") -> str:
    """Pydantic's error location as a path: ``("content", 1, "url")`` -> ``content[1].url``."""
    path = prefix
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        elif not part.startswith(_INTERNAL):
            path += f".{part}" if path else part
    return path


def pydantic_words(detail: ErrorDetails) -> str:
    return str(detail["msg"]).removeprefix("Value error, ")


def problems_of(
    errors: ValidationError | Iterable[ErrorDetails],
    prefix: str = "",
    *,
    words: Words = pydantic_words,
    root: str = "(root)",
    outer: int = 0,
) -> list[Problem]:
    """One :class:`Problem` per error, named by its path under ``prefix`` (``root`` when the
    path is empty). A model-level check may name its own field: ``"x[0].y: ..."``. ``outer``
    location parts say where the data came from, not a field (FastAPI's ``body``): left out."""
    details = errors.errors(include_url=False) if isinstance(errors, ValidationError) else errors
    problems = []
    for detail in details:
        path = field_path(detail["loc"][outer:], prefix)
        message = words(detail)
        named = _NAMED.match(message) if detail["type"] == "value_error" else None
        if named:
            path = f"{path}.{named['field']}" if path else named["field"]
            message = named["message"]
        problems.append(Problem(path or root, message))
    return problems


_VALIDATORS: dict[type[Any], Callable[[Any], Any]] = {}


def _validator(model: type[T]) -> Callable[[Any], T]:
    """The validator of ``model`` (a pydantic model or dataclass), built once."""
    found = _VALIDATORS.get(model)
    if found is None:
        found = _VALIDATORS[model] = TypeAdapter(model).validate_python
    return found


def parse(model: type[T], data: Mapping[str, Any], prefix: str = "") -> T:
    """Validate ``data`` as ``model`` (a pydantic model or dataclass); raise
    :class:`InvalidInput` listing every problem."""
    try:
        return _validator(model)(data)
    except ValidationError as error:
        raise InvalidInput(problems_of(error, prefix)) from None


def parse_each(model: type[T], entries: Iterable[tuple[str, Any]]) -> tuple[list[T], list[Problem]]:
    """Validate each ``(prefix, data)`` entry as ``model``: the good ones, and every problem of
    the bad ones named under their prefix, so a caller can add its own before refusing."""
    parsed: list[T] = []
    problems: list[Problem] = []
    for prefix, data in entries:
        try:
            parsed.append(_validator(model)(data))
        except ValidationError as error:
            problems.extend(problems_of(error, prefix))
    return parsed, problems


_TYPE_WORDS = {
    "model_type": "must be a JSON object",
    "dict_type": "must be a JSON object",
    "list_type": "must be a JSON array",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "int_type": "must be a whole number",
    "datetime_type": "must be an ISO 8601 datetime with a time zone (e.g. 2026-06-01T04:08:00Z)",
}
_DATETIME = "is not an ISO 8601 datetime with a time zone (e.g. 2026-06-01T04:08:00Z)"


@dataclass(frozen=True, slots=True)
class PlainWords:
    """Pydantic's errors in words for people sending data: ``document`` is what an unknown
    field is not a field of, ``patterns`` says in words what a field with a pattern must look
    like (keyed by the field's name; the pattern itself is never shown)."""

    document: str
    patterns: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, detail: ErrorDetails) -> str:
        kind = detail["type"]
        context: Mapping[str, Any] = detail.get("ctx") or {}
        if kind in _TYPE_WORDS:
            return _TYPE_WORDS[kind]
        if kind in ("datetime_parsing", "datetime_from_date_parsing"):
            _, _, reason = str(detail["msg"]).partition(", ")  # "month value is outside ..."
            return f"{_DATETIME}: {reason}" if reason else _DATETIME
        if kind == "string_pattern_mismatch":
            names = [part for part in detail["loc"] if isinstance(part, str)]
            return self.patterns.get(names[-1] if names else "", "is not in the expected form")
        if kind == "literal_error":  # expected reads "<ReporterRole.VICTIM: 'victim'>"
            values = re.findall(r"'([^']*)'", str(context["expected"]))
            return "must be " + " or ".join(repr(v) for v in values)
        if kind == "extra_forbidden":
            return f"is not a field of {self.document}"
        if kind == "missing":
            return "is required"
        if kind == "timezone_aware":
            return "must carry a time zone (e.g. 2026-06-01T04:08:00Z)"
        if kind == "too_long":
            return f"has too many items (at most {context['max_length']})"
        if kind == "string_too_long":
            return f"is too long (at most {context['max_length']} characters)"
        if kind == "too_short":
            return f"needs at least {context['min_length']} item(s)"
        if kind == "enum":
            return f"must be one of {context['expected']}"
        return pydantic_words(detail)
