"""The report form: what a person typed, the form's own checks, and the referral it becomes.

Pure: no I/O. The form asks in plain words what the referral contract (``docs/INTAKE.md``)
asks in fields; :func:`referral` builds the contract's payload and :func:`field_of` maps the
contract's field paths back to the form's fields, so intake's own problems are shown beside
the question they are about. Every word the form shows is a :class:`pages.i18n.Text`: English
here, in the page's language on the page (``pages/i18n.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from graph.errors import Problem
from graph.platforms import all_platforms
from ingest import limits
from pages.i18n import Text

LONDON = ZoneInfo("Europe/London")

ROLES = {
    "victim": Text("It was aimed at me"),
    "witness": Text("I saw it, but it was not aimed at me"),
    "third_party": Text("I am reporting for someone else"),
}
ROLE_HINTS = {"third_party": Text("For example, a friend, a family member or someone you care for")}
STRANDS = {  # the five centrally monitored hate strands, and `other`, as the contract names them
    "race": Text("Race or ethnicity"),
    "religion": Text("Religion or belief"),
    "sexual_orientation": Text("Sexual orientation"),
    "disability": Text("Disability"),
    "transgender": Text("Transgender identity"),
    "other": Text("Something else"),
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
    "role": Text("Who you are reporting as"),
    "description": Text("What happened"),
    "platform": Text("Website or app"),
    "url": Text("Link"),
    "content_text": Text("What it said"),
    "when-day": Text("When it was posted or sent"),
    "strands": Text("Why it was hostile"),
    "handle": Text("Their username"),
    "contact": Text("Whether we can contact you"),
    "name": Text("Your name"),
    "email": Text("Email address"),
    "phone": Text("Phone number"),
    "postcode": Text("Your postcode"),
}
SHORT_FIELDS = {
    "handle": Text("Their username"),
    "name": Text("Your name"),
    "email": Text("Email address"),
    "phone": Text("Phone number"),
    "postcode": Text("Postcode"),
}
# A date with parts missing, by the parts missing (GOV.UK's words for each).
DATE_MISSING = {
    ("day",): Text("The date it happened must include a day"),
    ("month",): Text("The date it happened must include a month"),
    ("year",): Text("The date it happened must include a year"),
    ("day", "month"): Text("The date it happened must include a day and month"),
    ("day", "year"): Text("The date it happened must include a day and year"),
    ("month", "year"): Text("The date it happened must include a month and year"),
}
TOO_LONG = Text("%(question)s must be %(count)s characters or fewer")


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
    message: str  # a Text: English, and its msgid for the page's language


def _when(answers: Answers, today: date) -> tuple[date | None, FieldError | None]:
    parts = {p: answers.get(f"when-{p}") for p in ("day", "month", "year")}
    if not any(parts.values()):
        return None, None
    missing = [p for p, v in parts.items() if not v]
    if missing:
        return None, FieldError(f"when-{missing[0]}", DATE_MISSING[tuple(missing)])
    try:
        day, month, year = (int(parts[p]) for p in ("day", "month", "year"))
        if year < 1000:
            raise ValueError("a two-digit year")
        when = date(year, month, day)
    except ValueError:
        return None, FieldError("when-day", Text("The date it happened must be a real date"))
    if when > today:
        return None, FieldError(
            "when-day", Text("The date it happened must be today or in the past")
        )
    return when, None


def _looks_like_link(url: str) -> bool:
    """An http(s) address with a host: what intake asks of a link before reading it."""
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _too_long(name: str, question: Text, limit: int) -> FieldError:
    return FieldError(name, Text(TOO_LONG.msgid, question=question, count=f"{limit:,}"))


def check(answers: Answers, today: date) -> list[FieldError]:
    """The form's own checks, in the order of the questions."""
    errors: list[FieldError] = []
    if answers.get("role") not in ROLES:
        errors.append(FieldError("role", Text("Select who you are reporting as")))
    description = answers.get("description")
    if not description:
        errors.append(FieldError("description", Text("Enter what happened")))
    elif len(description) > limits.MAX_DESCRIPTION_CHARS:
        errors.append(_too_long("description", LABELS["description"], limits.MAX_DESCRIPTION_CHARS))
    if answers.get("platform") not in dict(platforms()):
        errors.append(FieldError("platform", INTAKE_MESSAGES["platform"]))
    url, text = answers.get("url"), answers.get("content_text")
    if not url and not text:
        errors.append(FieldError("url", Text("Enter a link to it, or copy what it said")))
    elif url and not _looks_like_link(url):
        errors.append(FieldError("url", INTAKE_MESSAGES["url"]))
    if len(url) > limits.MAX_URL_CHARS:
        errors.append(_too_long("url", Text("The link"), limits.MAX_URL_CHARS))
    if len(text) > limits.MAX_CONTENT_TEXT_CHARS:
        errors.append(
            _too_long("content_text", LABELS["content_text"], limits.MAX_CONTENT_TEXT_CHARS)
        )
    _, when_error = _when(answers, today)
    if when_error:
        errors.append(when_error)
    if not answers.strands:
        errors.append(FieldError("strands", Text("Select why you think it was hostile")))
    for name, label in SHORT_FIELDS.items():
        if len(answers.get(name)) > limits.MAX_SHORT_TEXT_CHARS:
            errors.append(_too_long(name, label, limits.MAX_SHORT_TEXT_CHARS))
    contact = answers.get("contact")
    if contact not in ("yes", "no"):
        errors.append(
            FieldError("contact", Text("Select yes if we can contact you about your report"))
        )
    elif contact == "yes" and not answers.get("email") and not answers.get("phone"):
        errors.append(
            FieldError(
                "email", Text("Enter an email address or a phone number so we can contact you")
            )
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
    "email": Text("Enter an email address in the correct format, like name@example.com"),
    "phone": Text("Enter a phone number, like 01632 960 001 or 07700 900 982"),
    "postcode": Text("Enter a UK postcode we know, like M1 1AE, or leave it blank"),
    "platform": Text("Select the website or app it was posted on"),
    "url": Text("Enter the link in the correct format, like https://www.example.com/post/123"),
    "handle": Text("Enter their username as it appears on the website or app, or leave it blank"),
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
            message = Text("%(field)s: %(problem)s", field=problem.field, problem=problem.message)
            errors.append(FieldError("report-form", message))
            continue
        known = INTAKE_MESSAGES.get(name)
        errors.append(
            FieldError(
                name, known or Text("Check this answer: %(problem)s", problem=problem.message)
            )
        )
    return errors


def in_page_order(errors: list[FieldError]) -> list[FieldError]:
    """One message a field, in the order the page asks its questions."""
    order = {name: index for index, name in enumerate(QUESTION_ORDER)}
    return sorted(_one_each(errors), key=lambda e: order.get(e.field, len(order)))


def warning_text(warning: object) -> Text:
    """One of intake's warnings (a detail kept unverified), named by the form's question (the
    reason is intake's, in English)."""
    path = str(getattr(warning, "field", ""))
    reason = getattr(warning, "reason", None) or getattr(warning, "message", None) or warning
    name = field_of(path)
    label = LABELS.get(name, path) if name else path
    if not label:
        return Text("%(reason)s", reason=str(reason))
    return Text("%(question)s: %(reason)s", question=label, reason=str(reason))


DATE_PARTS = {"day": Text("Day"), "month": Text("Month"), "year": Text("Year")}
PLATFORM_WORDS = {"other": Text("Other platform")}  # the registry's names, where not a name


def items(
    answers: Answers, messages: dict[str, str], translate: Callable[[str], str] = str
) -> dict[str, list[dict[str, Any]]]:
    """The choices of the form's radios, select, checkboxes and date, for the macros, their
    words through ``translate`` (``pages.i18n.translate`` on a page)."""
    date_error = any(name.startswith("when-") for name in messages)
    width = {"day": 2, "month": 2, "year": 4}
    return {
        "role_items": [
            {
                "value": value,
                "text": translate(text),
                **({"hint": {"text": translate(ROLE_HINTS[value])}} if value in ROLE_HINTS else {}),
            }
            for value, text in ROLES.items()
        ],
        "platform_items": [
            {"value": "", "text": translate(Text("Choose a website or app"))},
            *(
                {"value": value, "text": translate(PLATFORM_WORDS.get(value, name))}
                for value, name in platforms()
            ),
        ],
        "strand_items": [
            {"value": value, "text": translate(text)} for value, text in STRANDS.items()
        ],
        "date_items": [
            {
                "name": part,
                "label": translate(DATE_PARTS[part]),
                "value": answers.get(f"when-{part}"),
                "classes": f"govuk-input--width-{width[part]}"
                + (" govuk-input--error" if date_error else ""),
                "inputmode": "numeric",
            }
            for part in ("day", "month", "year")
        ],
    }


NOT_GIVEN = Text("Not given")
# The questions the check-answers page lists, each with the form's input its "Change" returns
# to (the id the error summary links to, so the browser scrolls to that question).
SUMMARY = (
    ("role", "role"),
    ("description", "description"),
    ("platform", "platform"),
    ("url", "url"),
    ("content_text", "content_text"),
    ("when-day", "when"),
    ("strands", "strands"),
    ("handle", "handle"),
    ("contact", "contact"),
    ("name", "name"),
    ("email", "email"),
    ("phone", "phone"),
    ("postcode", "postcode"),
)
CONTACT_DETAILS = ("name", "email", "phone")


def hidden(answers: Answers) -> list[tuple[str, str]]:
    """The answers as the check-answers page carries them to "Send report" and "Change":
    hidden fields of the page's form (never a URL), checked again when they come back."""
    kept = [(name, answers.values.get(name, "")) for name in TEXT_FIELDS]
    return kept + [("strands", strand) for strand in answers.strands]


def summary(
    answers: Answers,
    today: date,
    translate: Callable[[str], str],
    long_date: Callable[[datetime], str],
) -> list[dict[str, Any]]:
    """The check-answers page's rows, for answers that passed :func:`check`: each question's
    label, the answer as lines (its words through ``translate``), and the input "Change" goes
    to. Contact details are listed only when the complainant said we may contact them."""
    when, _ = _when(answers, today)
    contact = answers.get("contact") == "yes"
    shown: dict[str, list[str]] = {
        "role": [translate(ROLES.get(answers.get("role"), NOT_GIVEN))],
        "description": answers.get("description").splitlines(),
        "platform": [
            translate(PLATFORM_WORDS.get(value, name))
            for value, name in platforms()
            if value == answers.get("platform")
        ],
        "url": [answers.get("url")],
        "content_text": answers.get("content_text").splitlines(),
        "when-day": [long_date(datetime.combine(when, time(12, 0), LONDON))] if when else [],
        "strands": [translate(text) for s, text in STRANDS.items() if s in answers.strands],
        "handle": [answers.get("handle")],
        "contact": [translate(Text("Yes") if contact else Text("No"))],
        "postcode": [answers.get("postcode")],
        **{name: [answers.get(name)] for name in CONTACT_DETAILS},
    }
    rows = []
    for name, anchor in SUMMARY:
        if name in CONTACT_DETAILS and not contact:
            continue
        lines = [line for line in shown[name] if line.strip()] or [translate(NOT_GIVEN)]
        label = translate(LABELS[name])
        rows.append({"key": label, "lines": lines, "anchor": anchor, "name": name})
    return rows
