"""``GET/POST /report``: the report form, sent through intake like any referral.

A complete form becomes a referral of the contract (``pages/form.py``, source ``public-site``,
its ``source_ref`` the signed form token's id) and goes through intake's use case
(``services.intake.submit_referral``), as ``POST /api/v1/referrals`` does, with the same audit
record (``services.intake.collected``, its endpoint naming this page). The form's own checks
(every question it can judge alone, the link's form included) are shown all at once; a form
that passes them is sent, and whatever intake then says is shown too: its problems beside their
questions (the form kept as typed), its warnings (details kept unverified) on the confirmation
page.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from graph.audit.log import AuditLog
from graph.errors import AuditUnavailable, Conflict, InvalidInput
from graph.viewer import ANONYMOUS
from pages import form
from pages.csrf import FORM_FIELD, FormToken
from pages.form import Answers, FieldError
from pages.http import FormRefused, read_form, with_csrf
from pages.render import LONDON, message, page
from services import intake
from services.intake import Acceptance, Accepted
from services.use_case import Caller

router = APIRouter()
ENDPOINT = "web:POST /report"


def _form_page(
    request: Request, answers: Answers, token: FormToken, errors: list[FieldError]
) -> Response:
    messages = {e.field: e.message for e in errors}

    def err(name: str) -> dict[str, str] | None:
        return {"text": messages[name]} if name in messages else None

    return with_csrf(
        request,
        lambda csrf_token: page(
            "report.html",
            status_code=400 if errors else 200,
            csrf_token=csrf_token,
            form_token=token.encode(),
            answers=answers,
            errors=errors,
            error_list=[{"text": e.message, "href": f"#{e.field}"} for e in errors],
            err=err,
            **form.items(answers, messages),
        ),
    )


@router.get("/report", response_class=HTMLResponse)
async def report_form(request: Request) -> Response:
    return _form_page(request, Answers(), FormToken.new(datetime.now(UTC)), [])


@router.post("/report", response_class=HTMLResponse)
async def send_report(request: Request) -> Response:
    try:
        fields = await read_form(request)
    except FormRefused as refused:
        return message(refused.title, refused.message, refused.status_code)
    token = FormToken.decode(fields.get(FORM_FIELD, [""])[0])
    if token is None:
        return message(
            "This page has expired", "Go back to the form and send your answers again.", 400
        )
    answers = Answers.parse(fields)
    now = datetime.now(UTC)
    own = form.check(answers, now.astimezone(LONDON).date())
    if own:
        return _form_page(request, answers, token, own)
    payload = form.referral(answers, token.id, token.issued, now.astimezone(LONDON).date())
    try:
        accepted = await asyncio.to_thread(
            intake.submit_referral,
            Caller(request.app.state.graph, ANONYMOUS),
            payload,
            _raw(payload),
            request.app.state.journal,
        )
    except InvalidInput as error:
        return _form_page(
            request, answers, token, form.in_page_order(form.from_intake(error.problems))
        )
    except Conflict:
        return message(
            "You have already sent this report",
            "This form was sent before with different answers, so we have not changed the "
            "report. Use the reference you were given, or start a new report.",
            409,
        )
    try:
        await asyncio.to_thread(_log_collection, request.app.state.audit_log, accepted)
    except AuditUnavailable:
        return message(
            "Sorry, there is a problem with the service",
            "We could not finish sending your report. Go back and send it again in a few "
            "minutes: it will not be sent twice.",
            503,
        )
    return _confirmation(accepted)


def _raw(payload: dict[str, Any]) -> str:
    """The referral as the hub keeps it verbatim: the JSON the form's answers became."""
    return orjson.dumps(payload).decode()


def _log_collection(audit_log: AuditLog, accepted: Accepted) -> None:
    audit_log.append(intake.collected(ANONYMOUS, accepted.reference, ENDPOINT))


def _confirmation(accepted: Accepted) -> Response:
    warnings = [form.warning_text(w) for w in accepted.warnings]
    return page(
        "confirmation.html",
        reference=accepted.reference,
        access_code=accepted.access_code,
        already=accepted.acceptance is Acceptance.ALREADY_RECEIVED,
        journalled=accepted.acceptance is Acceptance.JOURNALLED,
        warnings=warnings,
    )
