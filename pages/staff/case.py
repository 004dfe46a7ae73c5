"""The one case page (``GET /staff/cases/{id}``) and its actions, each a form. Its sections
follow the viewer's role and force: hub staff record the assessment decision, assign or
reassign the case to a force and refer a content item to its platform for removal; a force
officer sees the case as their force may and, for a case assigned to their force, records its
outcome (``outcome_form.py``).

Every form is a POST with the CSRF field; a done action redirects back to the page with a
notification banner (redirect-after-post, so a reload sends nothing twice); a refused one shows
the page again with a GOV.UK error summary naming each field. The use cases do the checking
(``services/cases.py``, ``services/removals.py``); the page only names their problems beside the
right question. A force officer sees the case as their force may (``services/force_view.py``):
another force's case is a 403 page, whether or not it exists.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.responses import Response as RawResponse

from graph.assessment.calendars import UK
from graph.assessment.models import Recommendation
from graph.audit.records import Operation
from graph.cases.force_view import Visibility
from graph.cases.models import OutcomeType
from graph.errors import (
    AuditUnavailable,
    Conflict,
    Forbidden,
    GraphUnavailable,
    InvalidInput,
    NotFound,
    Problem,
)
from graph.evidence.signing import SigningKeyError
from pages.http import Fields, FormRefused, first, read_form
from pages.render import message, unavailable
from pages.staff import view
from pages.staff.case_sheet import CaseSheet, gather
from pages.staff.outcome_form import LABELS, OutcomeForm, outcome_codes
from pages.staff.session import StaffSession
from services import cases, evidence, removals
from services.use_case import Caller

router = APIRouter(prefix="/cases")  # included under /staff by routes.py

DECISIONS = {
    "crime": Recommendation.CRIME,
    "nchi": Recommendation.NON_CRIME_HATE_INCIDENT,
    "neither": Recommendation.NO_FURTHER_ACTION,
}
BY_THE_RULES = "rules"
DONE = {
    "decision": "The assessment decision is recorded.",
    "assigned": "The case is assigned.",
    "referred": "The content is referred to its platform for removal (a supervisor approves "
    "the referral before it is sent).",
    "already-referred": "That content was already referred; its referral is below.",
    "outcome": "The outcome is recorded.",
}
# The use cases' field names -> the questions on this page, per form.
FIELDS: Mapping[str, Mapping[str, str]] = {
    "decision": {"reason": "decision-reason", "recommendation": "decision"},
    "assignment": {"reason": "assign-reason", "to_force": "force"},
    "referral": {"policyBreached": "policy", "content_id": "content"},
}


def path_of(case_id: str) -> str:
    return "/staff/cases/" + urllib.parse.quote(case_id, safe=":")


def _endpoint(method: str, action: str = "") -> str:
    return f"web:{method} /staff/cases/{{id}}{action}"


async def _sheet(request: Request, session: StaffSession, case_id: str) -> CaseSheet | Response:
    caller = view.caller_of(request, session)
    try:
        return await view.run(
            gather, caller, request.app.state.audit_log, case_id, datetime.now(UTC)
        )
    except (NotFound, InvalidInput):
        if session.viewer.is_hub_staff:
            return view.refused(request, session, "Case not found",
                                f"There is no case {case_id}.", 404)  # fmt: skip
        return _not_yours(request, session)
    except Forbidden:
        return _not_yours(request, session)


def _not_yours(request: Request, session: StaffSession) -> Response:
    return view.refused(
        request, session, "You cannot see this case",
        "This case is not assigned or notified to your force, or linked to one that is. "
        "Ask the hub if you need it.", 403,
    )  # fmt: skip


async def _show(
    request: Request,
    session: StaffSession,
    case_id: str,
    status_code: int = 200,
    errors: Mapping[str, str] | None = None,
    answers: Mapping[str, str] | None = None,
    done: str | None = None,
    sent: str | None = None,
    outcome: OutcomeForm | None = None,
) -> Response:
    """The case page; after a refused form, with its problems and the answers given."""
    found = await _sheet(request, session, case_id)
    if isinstance(found, Response):
        return found
    today = datetime.now(UK).date()
    form = outcome or OutcomeForm.blank(today)
    records_outcome = session.viewer.is_force_staff and found.detail.how is Visibility.ASSIGNED
    shown = view.staff_page(
        request, session, "staff/case.html", status_code,
        sheet=found, viewer=session.viewer, errors={**(errors or {}), **form.errors},
        answers=dict(answers or {}), done=DONE.get(done or ""), decisions=DECISIONS,
        by_the_rules=BY_THE_RULES, case_path=path_of(case_id), sent=sent,
        records_outcome=records_outcome, outcome=form, outcome_labels=LABELS,
        code_items=[{"value": c.code, "text": f"{c.code}: {c.name}",
                     "selected": c.code == form.code} for c in outcome_codes(today)],
    )  # fmt: skip
    consulted = view.event(
        session, Operation.CONSULTATION, _endpoint("GET"), "case", found.record_ids, found.parts
    )
    return await view.logged(request, [consulted], shown)


@router.get("/{case_id}", include_in_schema=False)
async def case_page(request: Request, case_id: str, done: str | None = None) -> Response:
    session = view.session_of(request)
    if session is None:
        return view.to_sign_in(request)
    return await _show(request, session, case_id, done=done)


async def _form(request: Request) -> tuple[StaffSession, Fields] | Response:
    session = view.session_of(request)
    if session is None:
        return view.to_sign_in(request)
    try:
        return session, await read_form(request)
    except FormRefused as refused:
        return message(refused.title, refused.message, refused.status_code)


async def _act(
    request: Request,
    case_id: str,
    form: str,
    operation: Operation,
    action: Any,
) -> Response:
    """Read the form, run ``action(caller, fields) -> done key``, log it and redirect; or show
    the page again with the problems beside their questions."""
    read = await _form(request)
    if isinstance(read, Response):
        return read
    session, fields = read
    answers = {name: first(fields, name) for name in fields}
    caller = view.caller_of(request, session)
    try:
        done, ids, reason = await view.run(action, caller, fields)
    except InvalidInput as invalid:
        names = FIELDS[form]
        errors = {names.get(p.field, p.field): p.message for p in invalid.problems}
        return await _show(request, session, case_id, 400, errors, answers, sent=form)
    except Conflict as conflict:
        first_field = next(iter(FIELDS[form].values()))
        return await _show(
            request, session, case_id, 409, {first_field: str(conflict)}, answers, sent=form
        )
    except (Forbidden, NotFound):
        return await _show(request, session, case_id)  # the page says what the role may do
    changed = view.event(
        session, operation, _endpoint("POST", f"/{form}"), "case", [case_id, *ids],
        (form,), reason,
    )  # fmt: skip
    redirect = RedirectResponse(f"{path_of(case_id)}?done={done}#{form}", status_code=303)
    return await view.logged(request, [changed], redirect)


def _required(value: str, field: str, text: str) -> None:
    if not value.strip():
        raise InvalidInput([Problem(field, text)])


@router.post("/{case_id}/decision", include_in_schema=False)
async def record_decision(request: Request, case_id: str) -> Response:
    def decide(caller: Caller, fields: Fields) -> tuple[str, list[str], str]:
        chosen = DECISIONS.get(first(fields, "decision"))
        reason = first(fields, "reason")
        problems = []
        if chosen is None:
            problems.append(Problem("recommendation", "Choose crime, non-crime hate incident "
                                     "or neither"))  # fmt: skip
        if not reason.strip():
            problems.append(Problem("reason", "Say why, for the record"))
        if problems:
            raise InvalidInput(problems)
        assert chosen is not None
        try:
            cases.decide_assessment(caller, case_id, False, reason, chosen)
        except Conflict:  # what the rules recommend: the analyst accepts it
            cases.decide_assessment(caller, case_id, True, reason)
        return "decision", [], reason

    return await _act(request, case_id, "decision", Operation.ALTERATION, decide)


@router.post("/{case_id}/assignment", include_in_schema=False)
async def assign(request: Request, case_id: str) -> Response:
    def assign_to(caller: Caller, fields: Fields) -> tuple[str, list[str], str | None]:
        force = first(fields, "force").strip()
        reason = first(fields, "reason")
        _required(force, "to_force", "Choose the force, or the rules' proposal")
        if force == BY_THE_RULES:
            cases.assign_case(caller, case_id)
            return "assigned", [], reason or None
        cases.reassign_case(caller, case_id, force, reason)
        return "assigned", [force], reason

    return await _act(request, case_id, "assignment", Operation.ALTERATION, assign_to)


@router.post("/{case_id}/referral", include_in_schema=False)
async def refer(request: Request, case_id: str) -> Response:
    def refer_content(caller: Caller, fields: Fields) -> tuple[str, list[str], str | None]:
        content_id = first(fields, "content").strip()
        policy = first(fields, "policy").strip() or None
        _required(content_id, "content_id", "Choose the content item to refer")
        if content_id not in cases.read_case(caller, case_id).content_ids:
            raise InvalidInput([Problem("content_id", "Choose a content item of this case")])
        drafted = removals.refer_content(caller, content_id, policy, datetime.now(UTC))
        done = "referred" if drafted.created else "already-referred"
        return done, [content_id, drafted.referral.id], policy

    return await _act(request, case_id, "referral", Operation.COLLECTION, refer_content)


@router.post("/{case_id}/outcome", include_in_schema=False)
async def record_outcome(request: Request, case_id: str) -> Response:
    """The force the case is assigned to records its outcome (the use case says who may)."""
    read = await _form(request)
    if isinstance(read, Response):
        return read
    session, fields = read
    form = OutcomeForm.read(fields).checked()
    if form.problems:
        return await _show(request, session, case_id, 400, sent="outcome", outcome=form)
    caller = view.caller_of(request, session)
    try:
        await view.run(
            cases.report_outcome, caller, case_id, OutcomeType(form.code),
            form.named_suspect == "yes", form.justification or None, form.outcome_on,
            form.note or None,
        )  # fmt: skip
    except (InvalidInput, Forbidden) as refused:
        return await _show(
            request, session, case_id, 400, sent="outcome", outcome=form.with_rules(refused)
        )
    except NotFound:
        return await _show(request, session, case_id)
    changed = view.event(
        session, Operation.ALTERATION, _endpoint("POST", "/outcome"), "case", [case_id],
        ("outcome",), form.note or None,
    )  # fmt: skip
    redirect = RedirectResponse(f"{path_of(case_id)}?done=outcome#outcome", status_code=303)
    return await view.logged(request, [changed], redirect)


@router.get("/{case_id}/evidence-package", include_in_schema=False)
async def evidence_package(request: Request, case_id: str) -> Response:
    """The case's signed evidence package (a ZIP: the PDF, its JSON, the manifest and its
    signature), for hub staff (the assigned force's copy) or the case's own force; the use
    case logs the disclosure before the file is sent."""
    session = view.session_of(request)
    if session is None:
        return view.to_sign_in(request)
    caller = view.caller_of(request, session)
    try:
        made = await view.run(
            evidence.evidence_package, caller, case_id, request.app.state.settings,
            request.app.state.audit_log, _endpoint("GET", "/evidence-package"),
        )  # fmt: skip
    except NotFound as missing:
        if session.viewer.is_hub_staff:
            return view.refused(request, session, "No evidence package",
                                f"{_sentence(str(missing))}.", 404)  # fmt: skip
        return _not_yours(request, session)
    except Forbidden:
        return _not_yours(request, session)
    except (SigningKeyError, AuditUnavailable, GraphUnavailable):
        return unavailable()
    return RawResponse(
        made.data, media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{made.filename}"',
                 "Cache-Control": "no-store"},
    )  # fmt: skip


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
