"""``GET/POST /status``: a complainant's reference and access code in, their report's progress out.

The check is a use case (``services/status.py``): the code against the salted hash stored on
the report, in constant time, an unknown reference costing the same hash as a known one. A
wrong code and an unknown reference get the same answer, so the page never says which
references exist; too many failures for a reference, or from one client, are refused for a
while (``services/attempts.py``); every check is in the audit trail.
The page shows only the report's own progress: the use case's timeline, each entry's wording
chosen by its key and shown in the page's language (``pages/i18n.py``), the no-enforcement
reason in the reviewed library's words for that language (``graph/updates/templates``).
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from graph.errors import AuditUnavailable, GraphUnavailable
from graph.updates.templates import Language, phrase
from graph.viewer import ANONYMOUS
from pages import i18n
from pages.http import FormRefused, first, read_form, with_csrf
from pages.i18n import Text
from pages.render import message, page, unavailable
from services.status import Progress, Refusal, Step, TimelineEntry, check_report
from services.use_case import Caller

router = APIRouter(dependencies=[Depends(i18n.choose_language)])

MAX_FIELD_CHARS = 64
NOT_MATCHED = Text(
    "We could not find a report with that reference and access code. Check both and try again. "
    "A report made in the last few minutes may not show yet."
)
TOO_MANY = Text("You have tried too many times. Wait 15 minutes, then try again.")
MISSING = Text("Enter your report reference and your access code")

STEP_NAMES = {
    Step.RECEIVED: Text("Received"),
    Step.ASSESSED: Text("Assessed"),
    Step.PASSED_TO_FORCE: Text("Police force"),
    Step.NO_ENFORCEMENT: Text("Enforcement action"),
    Step.CLOSED: Text("Case closed"),
}
# Each wording of the timeline (services.status.TimelineEntry.key), with and without its date.
WORDINGS = {
    "received": Text("We received your report on %(date)s."),
    "assessed": Text("Hub officers assessed your report on %(date)s."),
    "assessment_pending": Text("Hub officers have not finished assessing your report yet."),
    "passed_to_force": Text(
        "We passed your report to %(force)s on %(date)s. They will deal with it from now on."
    ),
    "passed_to_force_undated": Text(
        "We passed your report to %(force)s. They will deal with it from now on."
    ),
    "force_pending": Text("We have not passed your report to a local police force yet."),
    "no_enforcement": Text(
        "The police cannot take any enforcement action on your report. %(reason)s"
    ),
    # The outcome's name is the Home Office's, in English on both languages' pages (as in the
    # closing message, graph/updates/templates).
    "closed": Text(
        "The police closed the case about your report on %(date)s. "
        "The outcome they recorded is: %(outcome)s."
    ),
}
# The forces of Wales by their Welsh names too; any other force's name is shown as it is.
FORCE_NAMES: dict[str, str] = {
    name: name
    for name in (
        Text("Dyfed-Powys Police"),
        Text("Gwent Police"),
        Text("North Wales Police"),
        Text("South Wales Police"),
    )
}


def timeline_rows(progress: Progress, language: str) -> list[dict[str, dict[str, str]]]:
    """The timeline as the summary list's rows, in ``language``."""
    catalog = i18n.translations(language)
    return [
        {
            "key": {"text": STEP_NAMES[entry.step].translated(catalog)},
            "value": {"text": _wording(entry, progress, language).translated(catalog)},
        }
        for entry in progress.timeline()
    ]


def _wording(entry: TimelineEntry, progress: Progress, language: str) -> Text:
    key = entry.key
    if key == "passed_to_force" and entry.at is None:
        key = "passed_to_force_undated"
    msgid = WORDINGS[key].msgid
    params: dict[str, str] = {}
    if "%(date)s" in msgid and entry.at is not None:
        params["date"] = i18n.long_date(entry.at, language)
    if "%(force)s" in msgid:
        name = progress.force_name or ""
        params["force"] = FORCE_NAMES.get(name, name)
    if "%(outcome)s" in msgid:
        params["outcome"] = progress.outcome_name or ""
    if "%(reason)s" in msgid:
        reason = progress.no_enforcement_reason or ""
        params["reason"] = phrase(Language(language), "reason", reason)
    return Text(msgid, **params)


def _normalised_reference(typed: str) -> str:
    return "".join(typed.split()).upper()[:MAX_FIELD_CHARS]


def _form(request: Request, reference: str = "", error: Text | None = None) -> Response:
    status_code = 200 if error is None else 400
    return with_csrf(
        request,
        lambda token: page(
            "status.html",
            status_code=status_code,
            csrf_token=token,
            reference=reference,
            error=i18n.translate(error) if error else None,
        ),
    )


@router.get("/status", response_class=HTMLResponse)
async def status_form(request: Request) -> Response:
    return _form(request)


@router.post("/status", response_class=HTMLResponse)
async def check_status(request: Request) -> Response:
    try:
        fields = await read_form(request)
    except FormRefused as refused:
        return message(refused.title, refused.message, refused.status_code)
    reference = _normalised_reference(first(fields, "reference"))
    code = first(fields, "access_code")[:MAX_FIELD_CHARS]
    if not reference or not code.strip():
        return _form(request, reference, MISSING)
    caller = Caller(request.app.state.graph, ANONYMOUS)
    client = request.client.host if request.client else "unknown"
    try:
        answer = await asyncio.to_thread(
            check_report, caller, reference, code, client, request.app.state.audit_log,
            "page:/status",
        )  # fmt: skip
    except (GraphUnavailable, AuditUnavailable):
        return unavailable()
    if answer is Refusal.TOO_MANY:
        return _form(request, reference, TOO_MANY)
    if answer is Refusal.NOT_MATCHED:
        return _form(request, reference, NOT_MATCHED)
    timeline = timeline_rows(answer, i18n.current().language)
    return page("progress.html", reference=reference, timeline=timeline)
