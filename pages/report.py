"""``GET/POST /report``: the report form, sent through intake like any referral.

A complete form becomes a referral of the contract (``pages/form.py``, its ``source_ref`` the
signed form token's id; its source the public site's, set by the server:
``OHCH_INTAKE_PUBLIC_SOURCE``) and goes through intake's use case
(``services.intake.submit_referral``), as ``POST /api/v1/referrals`` does, with the same audit
record (``services.intake.collected``, its endpoint naming this page). The form's own checks
(every question it can judge alone, the link's form included) are shown all at once; a form
that passes them is sent, and whatever intake then says is shown too: its problems beside their
questions (the form kept as typed), its warnings (details kept unverified) on the confirmation
page.

The confirmation page of a report just written offers a file upload (GOV.UK's, a plain
multipart form: no JavaScript), posted to ``POST /report/evidence`` with the reference and
access code it shows: the same use case as ``POST /api/v1/referrals/{reference}/evidence``
(``services/attachments.py``), its problems shown beside the upload, the form offered again.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from graph.attachments.blobs import DiskBlobStore
from graph.attachments.models import MAX_FILES, Upload
from graph.audit.log import AuditLog
from graph.errors import AuditUnavailable, Conflict, InvalidInput
from graph.settings import Settings
from graph.viewer import ANONYMOUS
from pages import form
from pages.csrf import COOKIE, FIELD, FORM_FIELD, FormToken, valid
from pages.form import Answers, FieldError
from pages.http import FormRefused, read_form, with_csrf
from pages.render import LONDON, message, page
from services import intake
from services.attachments import Sending, limits_of, send_evidence
from services.intake import Acceptance, Accepted
from services.status import Refusal
from services.use_case import Caller

router = APIRouter()
ENDPOINT = "web:POST /report"
EVIDENCE_ENDPOINT = "web:POST /report/evidence"
MEGABYTE = 1024 * 1024


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
            public_source=request.app.state.settings.intake_public_source,
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
    return _confirmation(request, accepted)


def _raw(payload: dict[str, Any]) -> str:
    """The referral as the hub keeps it verbatim: the JSON the form's answers became."""
    return orjson.dumps(payload).decode()


def _log_collection(audit_log: AuditLog, accepted: Accepted) -> None:
    audit_log.append(intake.collected(ANONYMOUS, accepted.reference, ENDPOINT))


def _confirmation(request: Request, accepted: Accepted) -> Response:
    """The reference and access code, and (once the report is in the graph) a form to send
    files for it (``pages/evidence.py``)."""
    warnings = [form.warning_text(w) for w in accepted.warnings]
    files_form = accepted.access_code is not None and accepted.acceptance is Acceptance.CREATED
    return with_csrf(
        request,
        lambda csrf_token: page(
            "confirmation.html",
            reference=accepted.reference,
            access_code=accepted.access_code,
            already=accepted.acceptance is Acceptance.ALREADY_RECEIVED,
            journalled=accepted.acceptance is Acceptance.JOURNALLED,
            warnings=warnings,
            csrf_token=csrf_token if files_form else None,
            **evidence_sizes(request.app.state.settings),
        ),
    )


def evidence_sizes(settings: Settings) -> dict[str, int]:
    return {
        "image_mb": settings.evidence_max_image_bytes // MEGABYTE,
        "video_mb": settings.evidence_max_video_bytes // MEGABYTE,
    }


def _evidence_page(
    request: Request, fields: dict[str, str], status_code: int, received: list[str],
    errors: list[dict[str, str]],
) -> Response:  # fmt: skip
    return with_csrf(
        request,
        lambda csrf_token: page(
            "evidence.html", status_code=status_code, csrf_token=csrf_token,
            reference=fields["reference"], access_code=fields["access_code"], received=received,
            errors=errors, file_error=" ".join(e["text"] for e in errors) or None,
            **evidence_sizes(request.app.state.settings),
        ),
    )  # fmt: skip


async def _evidence_form(request: Request) -> tuple[dict[str, str], list[Upload]]:
    """The fields and files of the evidence form, once its CSRF token is checked."""
    try:
        form_data = await request.form(max_files=MAX_FILES, max_fields=8)
    except MultiPartException as error:
        raise FormRefused(400, "We could not read your files", "Choose fewer files and send "
                          "them again.") from error  # fmt: skip
    try:
        text = {name: form_data.get(name) for name in (FIELD, "reference", "access_code")}
        fields = {name: value if isinstance(value, str) else "" for name, value in text.items()}
        if not valid(request.cookies.get(COOKIE), fields[FIELD]):
            raise FormRefused(400, "This page has expired", "Go back and send your files again.")
        uploads = []
        for i, part in enumerate(form_data.getlist("files")):
            if isinstance(part, UploadFile) and (part.filename or part.size):
                data = await part.read()
                uploads.append(Upload(f"files[{i}]", part.filename or "", part.content_type, data))
    finally:
        await form_data.close()
    return fields, uploads


@router.post("/report/evidence", response_class=HTMLResponse)
async def send_evidence_files(request: Request) -> Response:
    """Files for a report just sent (or any report, with its reference and access code)."""
    try:
        fields, uploads = await _evidence_form(request)
    except FormRefused as refused:
        return message(refused.title, refused.message, refused.status_code)
    settings: Settings = request.app.state.settings
    reference = "".join(fields["reference"].split()).upper()
    client = request.client.host if request.client else "unknown"
    try:
        answer = await asyncio.to_thread(
            send_evidence, Caller(request.app.state.graph, ANONYMOUS),
            Sending(reference, fields["access_code"], client), uploads,
            DiskBlobStore(settings.evidence_dir), limits_of(settings),
            request.app.state.audit_log, EVIDENCE_ENDPOINT, datetime.now(UTC),
        )  # fmt: skip
    except InvalidInput as error:  # a file refused (its type or size), or none chosen
        wording = [_in_words(p.message) for p in error.problems]
        errors = [{"text": text, "href": "#files"} for text in wording]
        return _evidence_page(request, fields, 400, [], errors)
    except AuditUnavailable:
        return message(
            "Sorry, there is a problem with the service",
            "We could not keep your files. Try again in a few minutes.",
            503,
        )
    if answer is Refusal.TOO_MANY:
        return message("Too many attempts", "Wait 15 minutes, then try again.", 429)
    if isinstance(answer, Refusal):
        return message("We could not find your report",
                       "Check the reference and access code you were given.", 404)  # fmt: skip
    names = [u.declared_name or "a file" for u in uploads]
    return _evidence_page(request, fields, 200, list(dict.fromkeys(names)), [])


def _in_words(problem: str) -> str:
    if problem == "send at least one file":
        return "Choose a file to send"
    return problem.replace("'", "", 2)  # the file's name without the quotes around it
