"""The report form: what a person typed, the form's own checks, and the referral it becomes.

Pure: no I/O. The form asks in plain words what the referral contract (``docs/INTAKE.md``)
asks in fields; :func:`referral` builds the contract's payload and :func:`field_of` maps the
contract's field paths back to the form's fields, so intake's own problems are shown beside
the question they are about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from graph.errors import Problem
from graph.platforms import all_platforms
from ingest import limits

LONDON = ZoneInfo("Europe/London")

ROLES = {
    "victim": "It was aimed at me",
    "witness": "I saw it, but it was not aimed at me",
    "third_party": "I am reporting for someone else",
}
ROLE_HINTS = {"third_party": "For example, a friend, a family member or someone you care for"}
STRANDS = {  # the five centrally monitored hate strands, and `other`, as the contract names them
    "race": "Race or ethnicity",
    "religion": "Religion or belief",
    "sexual_orientation": "Sexual orientation",
    "disability": "Disability",
    "transgender": "Transgender identity",
    "other": "Something else",
}
TEXT_FIELDS = (
    "role",
    "description",
    "platform",
    "url",
    "content_text",
    "when-day",
    "when-month",
    "when-year",
    "handle",
    "contact",
    "name",
    "email",
    "phone",
    "postcode",
)
QUESTION_ORDER = (
    "role",
    "description",
    "platform",
    "url",
    "content_text",
    "when-day",
    "when-month",
    "when-year",
    "strands",
    "handle",
    "contact",
    "name",
    "email",
    "phone",
    "postcode",
)
LABELS = {
    "role": "Who you are reporting as",
    "description": "What happened",
    "platform": "Website or app",
    "url": "Link",
    "content_text": "What it said",
    "when-day": "When it was posted or sent",
    "strands": "Why it was hostile",
    "handle": "Their username",
    "contact": "Whether we can contact you",
    "name": "Your name",
    "email": "Email address",
    "phone": "Phone number",
    "postcode": "Your postcode",
}
SHORT_FIELDS = {
    "handle": "Their username",
    "name": "Your name",
    "email": "Email address",
    "phone": "Phone number",
    "postcode": "Postcode",
}


def platforms() -> list[tuple[str, str]]:
    """(id, name) of every platform in the registry, "Other platform" last."""
    found = [(p.id, p.name) for p in all_platforms()]
    return sorted(found, key=lambda item: (item[0] == "other", item[1].casefold()))


@dataclass
class Answers:
    """What was typed, kept as typed: a page with errors shows it all again."""

    values: dict[str, str] = field(default_factory=dict)
    strands: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, fields: dict[str, list[str]]) -> Answers:
        values = {name: fields.get(name, [""])[0] for name in TEXT_FIELDS}
        strands = [s for s in fields.get("strands", []) if s in STRANDS]
        return cls(values=values, strands=strands)

    def get(self, name: str) -> str:
        return self.values.get(name, "").strip()


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem, shown in the error summary and beside its question (``field`` is the id of
    the input the summary links to)."""

    field: str
    message: str


def _when(answers: Answers, today: date) -> tuple[date | None, FieldError | None]:
    parts = {p: answers.get(f"when-{p}") for p in ("day", "month", "year")}
    if not any(parts.values()):
        return None, None
    missing = [p for p, v in parts.items() if not v]
    if missing:
        first = missing[0]
        names = " and ".join(missing)
        return None, FieldError(f"when-{first}", f"The date it happened must include a {names}")
    try:
        day, month, year = (int(parts[p]) for p in ("day", "month", "year"))
        if year < 1000:
            raise ValueError("a two-digit year")
        when = date(year, month, day)
    except ValueError:
        return None, FieldError("when-day", "The date it happened must be a real date")
    if when > today:
        return None, FieldError("when-day", "The date it happened must be today or in the past")
    return when, None


def _looks_like_link(url: str) -> bool:
    """An http(s) address with a host: what intake asks of a link before reading it."""
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def check(answers: Answers, today: date) -> list[FieldError]:
    """The form's own checks, in the order of the questions."""
    errors: list[FieldError] = []
    if answers.get("role") not in ROLES:
        errors.append(FieldError("role", "Select who you are reporting as"))
    description = answers.get("description")
    if not description:
        errors.append(FieldError("description", "Enter what happened"))
    elif len(description) > limits.MAX_DESCRIPTION_CHARS:
        errors.append(
            FieldError(
                "description",
                f"What happened must be {limits.MAX_DESCRIPTION_CHARS:,} characters or fewer",
            )
        )
    if answers.get("platform") not in dict(platforms()):
        errors.append(FieldError("platform", "Select the website or app it was posted on"))
    url, text = answers.get("url"), answers.get("content_text")
    if not url and not text:
        errors.append(FieldError("url", "Enter a link to it, or copy what it said"))
    elif url and not _looks_like_link(url):
        errors.append(FieldError("url", INTAKE_MESSAGES["url"]))
    if len(url) > limits.MAX_URL_CHARS:
        errors.append(
            FieldError("url", f"The link must be {limits.MAX_URL_CHARS:,} characters or fewer")
        )
    if len(text) > limits.MAX_CONTENT_TEXT_CHARS:
        errors.append(
            FieldError(
                "content_text",
                f"What it said must be {limits.MAX_CONTENT_TEXT_CHARS:,} characters or fewer",
            )
        )
    _, when_error = _when(answers, today)
    if when_error:
        errors.append(when_error)
    if not answers.strands:
        errors.append(FieldError("strands", "Select why you think it was hostile"))
    for name, label in SHORT_FIELDS.items():
        if len(answers.get(name)) > limits.MAX_SHORT_TEXT_CHARS:
            errors.append(
                FieldError(
                    name, f"{label} must be {limits.MAX_SHORT_TEXT_CHARS} characters or fewer"
                )
            )
    contact = answers.get("contact")
    if contact not in ("yes", "no"):
        errors.append(FieldError("contact", "Select yes if we can contact you about your report"))
    elif contact == "yes" and not answers.get("email") and not answers.get("phone"):
        errors.append(
            FieldError("email", "Enter an email address or a phone number so we can contact you")
        )
    return _one_each(errors)


def _one_each(errors: list[FieldError]) -> list[FieldError]:
    """The first problem of each field (a field shows one message)."""
    seen: set[str] = set()
    kept = []
    for error in errors:
        if error.field not in seen:
            seen.add(error.field)
            kept.append(error)
    return kept


def referral(
    answers: Answers, source_ref: str, submitted_at: datetime, today: date
) -> dict[str, Any]:
    """The referral contract's payload for answers that passed :func:`check`."""
    contact = answers.get("contact") == "yes"
    reporter: dict[str, Any] = {"role": answers.get("role"), "consent_to_contact": contact}
    details = ("name", "email", "phone") if contact else ()
    for name in (*details, "postcode"):
        if answers.get(name):
            reporter[name] = answers.get(name)
    platform = dict(platforms()).get(answers.get("platform"), "")
    item: dict[str, Any] = {"platform": platform}
    if answers.get("url"):
        item["url"] = answers.get("url")
    if answers.get("content_text"):
        item["text"] = answers.get("content_text")
    incident: dict[str, Any] = {
        "description": answers.get("description"),
        "location_type": "online",
        "strands": list(answers.strands),
    }
    when, _ = _when(answers, today)
    if when is not None:
        # A day, not a moment: the start of that day in the UK.
        incident["occurred_at"] = datetime.combine(when, time(0, 0), LONDON).isoformat()
    # No source: intake writes an anonymous referral under the public site's, set by the
    # server (OHCH_INTAKE_PUBLIC_SOURCE, ingest/sources.py).
    payload: dict[str, Any] = {
        "source_ref": source_ref,
        "submitted_at": submitted_at.isoformat(),
        "reporter": reporter,
        "incident": incident,
        "content": [item],
    }
    handle = answers.get("handle")
    if handle:
        payload["suspects"] = [{"platform": platform, "handle": handle}]
    return payload


# Contract field paths (docs/INTAKE.md) -> the form's input ids, most specific first.
_PATHS = (
    ("reporter.role", "role"),
    ("reporter.consent_to_contact", "contact"),
    ("reporter.name", "name"),
    ("reporter.email", "email"),
    ("reporter.phone", "phone"),
    ("reporter.postcode", "postcode"),
    ("reporter", "contact"),
    ("incident.description", "description"),
    ("incident.occurred_at", "when-day"),
    ("incident.strands", "strands"),
    ("content[0].url", "url"),
    ("content[0].text", "content_text"),
    ("content[0].platform", "platform"),
    ("content[0]", "url"),
    ("suspects[0].handle", "handle"),
    ("suspects[0].platform", "platform"),
    ("suspects[0]", "handle"),
)
# How each question's problem found by intake is put to the person who typed it.
INTAKE_MESSAGES = {
    "email": "Enter an email address in the correct format, like name@example.com",
    "phone": "Enter a phone number, like 01632 960 001 or 07700 900 982",
    "postcode": "Enter a UK postcode we know, like M1 1AE, or leave it blank",
    "platform": "Select the website or app it was posted on",
    "url": "Enter the link in the correct format, like https://www.example.com/post/123",
    "handle": "Enter their username as it appears on the website or app, or leave it blank",
}


def field_of(path: str) -> str | None:
    for prefix, name in _PATHS:
        if path == prefix or path.startswith((prefix + ".", prefix + "[")):
            return name
    return None


def from_intake(problems: list[Problem]) -> list[FieldError]:
    """Intake's problems as the form's: beside their question when one asks for that field."""
    errors = []
    for problem in problems:
        name = field_of(problem.field)
        if name is None:
            errors.append(FieldError("report-form", f"{problem.field}: {problem.message}"))
            continue
        message = INTAKE_MESSAGES.get(name) or f"Check this answer: {problem.message}"
        errors.append(FieldError(name, message))
    return errors


def in_page_order(errors: list[FieldError]) -> list[FieldError]:
    """One message a field, in the order the page asks its questions."""
    order = {name: index for index, name in enumerate(QUESTION_ORDER)}
    return sorted(_one_each(errors), key=lambda e: order.get(e.field, len(order)))


def warning_text(warning: object) -> str:
    """One of intake's warnings (a detail kept unverified), named by the form's question."""
    path = str(getattr(warning, "field", ""))
    reason = getattr(warning, "reason", None) or getattr(warning, "message", None) or warning
    name = field_of(path)
    label = LABELS.get(name, path) if name else path
    return f"{label}: {reason}" if label else str(reason)


def items(answers: Answers, messages: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The choices of the form's radios, select, checkboxes and date, for the macros."""
    date_error = any(name.startswith("when-") for name in messages)
    width = {"day": 2, "month": 2, "year": 4}
    return {
        "role_items": [
            {"value": value, "text": text, "hint": {"text": ROLE_HINTS[value]}}
            if value in ROLE_HINTS
            else {"value": value, "text": text}
            for value, text in ROLES.items()
        ],
        "platform_items": [
            {"value": "", "text": "Choose a website or app"},
            *({"value": value, "text": name} for value, name in platforms()),
        ],
        "strand_items": [{"value": value, "text": text} for value, text in STRANDS.items()],
        "date_items": [
            {
                "name": part,
                "label": part.capitalize(),
                "value": answers.get(f"when-{part}"),
                "classes": f"govuk-input--width-{width[part]}"
                + (" govuk-input--error" if date_error else ""),
                "inputmode": "numeric",
            }
            for part in ("day", "month", "year")
        ],
    }
