"""``GET /report``, ``POST /report/check``, ``POST /report/change``, ``POST /report``: the report
form, its check-answers page, and the referral it becomes, sent through intake like any other.

GOV.UK's "Check answers" pattern, with no JavaScript and no server-side session: the form posts
to ``/report/check``, which runs the form's own checks (problems shown on the form, as typed)
and lists the answers, each with a "Change" button; the answers travel as hidden fields of that
page's form (never in a URL, never logged). "Change" posts them to ``/report/change``, which
shows the form filled in again, at that question (the button's ``formaction`` ends in its
``#id``). "Send report" posts them to ``POST /report``, which checks them again (a hidden field
changed on the way is refused beside its question, like a typed one) and only then sends them:
nothing reaches intake before the complainant presses it.

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
Its files are streamed into the evidence store's folder as they arrive, by the REST door's
parser (``api/evidence_form.py``), never whole in memory; a refusal is worded in the page's
language (``pages/file_refusals.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import orjson
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData
from starlette.formparsers import MultiPartException

from api.evidence_form import (
    MAX_FIELDS,
    EvidenceParser,
    discard,
    fields_read,
    spooled_uploads,
)
from graph.attachments.blobs import DiskBlobStore
from graph.attachments.clamd import Scanner
from graph.attachments.kinds import FileRefused
from graph.attachments.models import Upload
from graph.audit.log import AuditLog
from graph.errors import AuditUnavailable, Conflict, InvalidInput, ScanUnavailable
from graph.settings import Settings
from graph.viewer import ANONYMOUS
from pages import form, i18n
from pages.csrf import COOKIE, FIELD, FORM_FIELD, FormToken, valid
from pages.file_refusals import in_words
from pages.form import Answers, FieldError
from pages.http import FormRefused, read_form, with_csrf
from pages.i18n import Text, translate
from pages.render import LONDON, message, page
from services import intake
from services.attachments import Sending, limits_of, send_evidence
from services.intake import Acceptance, Accepted
from services.status import Refusal
from services.use_case import Caller

router = APIRouter(dependencies=[Depends(i18n.choose_language)])
ENDPOINT = "web:POST /report"
EVIDENCE_ENDPOINT = "web:POST /report/evidence"
MEGABYTE = 1024 * 1024


def _form_page(
    request: Request, answers: Answers, token: FormToken, errors: list[FieldError]
) -> Response:
    messages = {e.field: translate(e.message) for e in errors}
    hidden = translate(Text("Error"))

    def err(name: str) -> dict[str, str] | None:
        return {"text": messages[name], "visuallyHiddenText": hidden} if name in messages else None

    return with_csrf(
        request,
        lambda csrf_token: page(
            "report.html",
            status_code=400 if errors else 200,
            csrf_token=csrf_token,
            form_token=token.encode(),
            answers=answers,
            errors=errors,
            error_list=[{"text": messages[e.field], "href": f"#{e.field}"} for e in errors],
            err=err,
            report_toggle=i18n.toggle(replace(i18n.current(), path="/report")),
            **form.items(answers, messages, translate),
        ),
    )


@router.get("/report", response_class=HTMLResponse)
async def report_form(request: Request) -> Response:
    return _form_page(request, Answers(), FormToken.new(datetime.now(UTC)), [])


def _check_page(request: Request, answers: Answers, token: FormToken, today: date) -> Response:
    rows = form.summary(answers, today, translate, long_date_here)
    return with_csrf(
        request,
        lambda csrf_token: page(
            "check_answers.html",
            csrf_token=csrf_token,
            form_token=token.encode(),
            rows=rows,
            hidden=form.hidden(answers),
        ),
    )


def long_date_here(value: datetime) -> str:
    """A date in the page's language (``7 Rhagfyr 2026`` in Welsh)."""
    return i18n.long_date(value, i18n.current().language)


async def _answers(request: Request) -> tuple[Answers, FormToken] | Response:
    """The answers posted by the form or the check-answers page, with the form's token; or the
    page saying why they cannot be read (too long, no CSRF field, a token not signed here)."""
    try:
        fields = await read_form(request)
    except FormRefused as refused:
        return message(refused.title, refused.message, refused.status_code)
    token = FormToken.decode(fields.get(FORM_FIELD, [""])[0])
    if token is None:
        return message(
            Text("This page has expired"),
            Text("Go back to the form and send your answers again."),
            400,
        )
    return Answers.parse(fields), token


async def _on_answers(
    request: Request, handle: Callable[[Request, Answers, FormToken], Awaitable[Response]]
) -> Response:
    read = await _answers(request)
    return read if isinstance(read, Response) else await handle(request, *read)


@router.post("/report/check", response_class=HTMLResponse)
async def check_answers(request: Request) -> Response:
    """The form's "Continue": its problems on the form, or the answers to check. Sends nothing."""
    return await _on_answers(request, _checked)


async def _checked(request: Request, answers: Answers, token: FormToken) -> Response:
    today = datetime.now(UTC).astimezone(LONDON).date()
    own = form.check(answers, today)
    if own:
        return _form_page(request, answers, token, own)
    return _check_page(request, answers, token, today)


@router.post("/report/change", response_class=HTMLResponse)
async def change_answers(request: Request) -> Response:
    """A "Change" on the check-answers page: the form again, every answer kept."""
    return await _on_answers(request, _changed)


async def _changed(request: Request, answers: Answers, token: FormToken) -> Response:
    return _form_page(request, answers, token, [])


@router.post("/report", response_class=HTMLResponse)
async def send_report(request: Request) -> Response:
    """The check-answers page's "Send report": the answers checked again, then sent."""
    return await _on_answers(request, _sent)


async def _sent(request: Request, answers: Answers, token: FormToken) -> Response:
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
            Text("You have already sent this report"),
            Text(
                "This form was sent before with different answers, so we have not changed the "
                "report. Use the reference you were given, or start a new report."
            ),
            409,
        )
    try:
        await asyncio.to_thread(_log_collection, request.app.state.audit_log, accepted)
    except AuditUnavailable:
        return message(
            Text("Sorry, there is a problem with the service"),
            Text(
                "We could not finish sending your report. Go back and send it again in a few "
                "minutes: it will not be sent twice."
            ),
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
    warnings = [translate(form.warning_text(w)) for w in accepted.warnings]
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


async def _evidence_form(
    request: Request,
) -> tuple[dict[str, str], list[Upload] | InvalidInput]:
    """The fields of the evidence form, once its CSRF token is checked, and its files, each
    written to the evidence store's folder as it arrives (``api/evidence_form.py``, as the REST
    door does: never whole in memory), or why they are refused (a file past its kind's limit
    stops being written at once, its partial file deleted; nothing of a refused sending stays).
    """
    unreadable = FormRefused(400, Text("We could not read your files"),
                             Text("Choose fewer files and send them again."))  # fmt: skip
    settings: Settings = request.app.state.settings
    parser = EvidenceParser(request.headers, request.stream(),
                            DiskBlobStore(settings.evidence_dir), limits_of(settings))  # fmt: skip
    refused: FileRefused | None = None
    try:
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            form_data = await parser.parse()
        else:  # a form with no file in it: its fields alone
            form_data = await request.form(max_files=0, max_fields=MAX_FIELDS)
    except MultiPartException as error:
        raise unreadable from error
    except FileRefused as refusal:  # far past its limit: the body is read no further
        form_data, refused = FormData(fields_read(parser)), refusal
    try:
        text = {name: form_data.get(name) for name in (FIELD, "reference", "access_code")}
        fields = {name: value if isinstance(value, str) else "" for name, value in text.items()}
        if not valid(request.cookies.get(COOKIE), fields[FIELD]):
            raise FormRefused(
                400, Text("This page has expired"), Text("Go back and send your files again.")
            )
        if refused is not None:
            return fields, refused
        try:
            return fields, await spooled_uploads(form_data.getlist("files"), skip_empty=True)
        except InvalidInput as error:  # refused as they came, or a text part for a file
            return fields, error
    finally:
        await form_data.close()  # a part not finished is deleted


@router.post("/report/evidence", response_class=HTMLResponse)
async def send_evidence_files(request: Request) -> Response:
    """Files for a report just sent (or any report, with its reference and access code)."""
    try:
        fields, uploads = await _evidence_form(request)
    except FormRefused as refused:
        return message(refused.title, refused.message, refused.status_code)
    if isinstance(uploads, InvalidInput):
        return _refused(request, fields, uploads)
    settings: Settings = request.app.state.settings
    reference = "".join(fields["reference"].split()).upper()
    client = request.client.host if request.client else "unknown"
    try:
        answer = await asyncio.to_thread(
            send_evidence, Caller(request.app.state.graph, ANONYMOUS),
            Sending(reference, fields["access_code"], client), uploads,
            DiskBlobStore(settings.evidence_dir), limits_of(settings),
            request.app.state.audit_log, EVIDENCE_ENDPOINT, datetime.now(UTC),
            Scanner.of(settings),
        )  # fmt: skip
    except InvalidInput as error:  # a file refused (its type or size), or none chosen
        return _refused(request, fields, error)
    except (AuditUnavailable, ScanUnavailable):  # not kept; may be sent again
        return message(
            Text("Sorry, there is a problem with the service"),
            Text("We could not keep your files. Try again in a few minutes."),
            503,
        )
    finally:
        await asyncio.to_thread(discard, uploads)  # kept files were moved: nothing to delete
    if answer is Refusal.TOO_MANY:
        return message(Text("Too many attempts"), Text("Wait 15 minutes, then try again."), 429)
    if isinstance(answer, Refusal):
        return message(
            Text("We could not find your report"),
            Text("Check the reference and access code you were given."),
            404,
        )
    names = [u.declared_name or translate(Text("a file")) for u in uploads]
    return _evidence_page(request, fields, 200, list(dict.fromkeys(names)), [])


def _refused(request: Request, fields: dict[str, str], error: InvalidInput) -> Response:
    """The form again, each problem beside the upload in the page's language."""
    errors = [{"text": translate(in_words(p)), "href": "#files"} for p in error.problems]
    return _evidence_page(request, fields, 400, [], errors)
