"""The force view: a force officer's cases (``/staff/force``), one case as their role allows
(``/staff/force/cases/{id}``) and recording its outcome (a form posted to ``.../outcome``).

Everything comes from the use cases a force's GraphQL fields use (``services/force_view.py``,
``services/advice.py``, ``services/cases.py``), so the force scope is the one inside their
queries: other forces' cases are not found, other forces' victims come masked. The view is a
force's: hub staff, who may read every case, have the case page of their own and get a 403
here. Each page that shows cases, and each outcome recorded, is logged in the audit trail
before the answer is sent, as the GraphQL fields' audit tap does (``api/graphql/audit_tap.py``).
"""

from __future__ import annotations

import asyncio
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from graph.advice.notes import GuidanceNote
from graph.audit.records import Operation
from graph.cases.force_view import CaseDetail, ForceCaseLine, Visibility
from graph.cases.models import CaseStatus, OutcomeType
from graph.errors import (
    Forbidden,
    GraphUnavailable,
    InvalidInput,
    InvalidValue,
    NotFound,
    Problem,
)
from graph.law.outcomes import OutcomeCode, outcome_tables
from pages.http import Fields, FormRefused, first, read_form
from pages.render import message, unavailable
from pages.staff.session import StaffSession
from pages.staff.view import caller_of, event, logged, session_of, staff_page, to_sign_in
from services import advice, cases, force_view
from services.paging import Page, PageRequest

router = APIRouter(prefix="/force")  # under the workspace's /staff (routes.py)

PAGE_SIZE = 25
READS_PER_PAGE = 5  # pages of the use case read, at most, to fill one page of a status filter
# The parts of a case page, as the audit trail lists what a page showed.
PARTS = ("status", "assignedForce", "reports", "contents", "suspectAccounts", "victims",
         "linkedCases", "guidance")  # fmt: skip
NOT_FORCE = (
    "The force view shows a force's own cases. It is for force officers and forces' hate "
    "crime leads; hub staff open cases from the work queues."
)
NO_CASE = "There is no case with that id that your force may see."
# The outcome rules name their fields as the GraphQL input does; the form's own names.
FORM_FIELDS = {
    "outcome.code": "code",
    "outcome.named_suspect": "named_suspect",
    "outcome.supervisor_justification": "justification",
    "outcome.date": "code",
}


# Listing a force's cases, a status at a time


@dataclass(frozen=True, slots=True)
class Listing:
    """A page of a force's case list: own cases, each followed by the cases linked to it, and
    the cursor to read on from (``None``: no more)."""

    lines: tuple[ForceCaseLine, ...]
    next_cursor: str | None


def listing(
    read: Callable[[PageRequest], Page[ForceCaseLine]],
    status: CaseStatus | None,
    first: int,
    after: str | None,
    reads: int = READS_PER_PAGE,
) -> Listing:
    """Up to ``first`` own cases of ``status`` (any, for ``None``) after the cursor, each with
    its linked lines, read through ``read`` a page at a time, at most ``reads`` times. The list
    is ordered by case id and the cursor is the last own case looked at, so a page cut short by
    ``reads`` goes on from where it stopped."""
    kept: list[ForceCaseLine] = []
    owns: set[str] = set()
    cursor = after
    for _ in range(reads):
        page = read(PageRequest(first=first, after=cursor))
        for item in page.items:
            line = item.value
            if line.how is not Visibility.LINKED:
                if len(owns) == first:
                    return Listing(tuple(kept), cursor)
                cursor = item.cursor
                if status is None or line.status is status:
                    owns.add(line.case_id)
                    kept.append(line)
            elif line.own_case in owns:
                kept.append(line)
        if not page.has_next:
            return Listing(tuple(kept), None)
        cursor = page.end_cursor or cursor
        if len(owns) == first:
            return Listing(tuple(kept), cursor)
    return Listing(tuple(kept), cursor)


# What the pages share


def _refused(
    request: Request, session: StaffSession, text: str = NOT_FORCE, status_code: int = 403,
    title: str = "You cannot use the force view",
) -> Response:  # fmt: skip
    return staff_page(request, session, "staff/force.html", status_code, nav="force",
                      refused=text, refused_title=title)  # fmt: skip


def _status_items(chosen: str) -> list[dict[str, object]]:
    return [
        {"value": s.value, "text": s.value.capitalize(), "selected": s.value == chosen}
        for s in CaseStatus
    ]


# The case list


@router.get("", include_in_schema=False)
async def case_list(
    request: Request, status: str = "", after: str | None = None
) -> Response:  # fmt: skip
    session = session_of(request)
    if session is None:
        return to_sign_in(request)
    if not session.viewer.is_force_staff:
        return _refused(request, session)
    caller = caller_of(request, session)
    wanted = CaseStatus(status) if status in set(CaseStatus) else None

    def read(page: PageRequest) -> Page[ForceCaseLine]:
        return force_view.force_cases(caller, page)

    try:
        found = await asyncio.to_thread(listing, read, wanted, PAGE_SIZE, after or None)
    except InvalidValue as bad:
        return staff_page(request, session, "staff/force.html", 400, nav="force",
                          problem=str(bad), status_items=_status_items(""), status="")  # fmt: skip
    except GraphUnavailable:
        return unavailable()
    following = None
    if found.next_cursor is not None:
        query = {"after": found.next_cursor, **({"status": wanted.value} if wanted else {})}
        following = f"/staff/force?{urllib.parse.urlencode(query)}"
    shown = event(session, Operation.CONSULTATION, "web:GET /staff/force", "ForceCaseLine",
                  [line.case_id for line in found.lines])  # fmt: skip
    return await logged(request, [shown], staff_page(
        request, session, "staff/force.html", nav="force", lines=found.lines,
        status_items=_status_items(wanted.value if wanted else ""),
        status=wanted.value if wanted else "", following=following,
        first_page=after is None,
    ))  # fmt: skip


# One case, and its outcome


def outcome_codes(on: date) -> list[OutcomeCode]:
    """The Home Office outcome types in force on ``on`` that a force may report."""
    known = {t.value for t in OutcomeType}
    table = outcome_tables().on(on)
    return [c for c in table.codes if c.code in known and (c.valid_from or on) <= on]


@dataclass(frozen=True, slots=True)
class OutcomeForm:
    """What was typed into the outcome form, and its problems by field."""

    code: str = ""
    named_suspect: str = ""  # "yes", "no" or "" (not answered)
    justification: str = ""
    problems: tuple[Problem, ...] = ()

    @classmethod
    def read(cls, fields: Fields) -> OutcomeForm:
        return cls(
            code=first(fields, "code").strip(),
            named_suspect=first(fields, "named_suspect"),
            justification=first(fields, "justification").strip(),
        )

    def checked(self) -> OutcomeForm:
        """The form with the problems it shows before asking the hub's outcome rules."""
        found = []
        if self.code not in {t.value for t in OutcomeType}:
            found.append(Problem("code", "Select the outcome type"))
        if self.named_suspect not in {"yes", "no"}:
            found.append(Problem("named_suspect", "Select yes if a suspect is named"))
        if len(self.justification) > 2000:
            found.append(Problem("justification", "Justification must be 2,000 characters or less"))
        return OutcomeForm(self.code, self.named_suspect, self.justification, tuple(found))

    def with_rules(self, refused: InvalidInput | Forbidden) -> OutcomeForm:
        """The form with the problems the hub's outcome rules (or its force rule) found."""
        if isinstance(refused, Forbidden):
            found = [Problem("code", _sentence(str(refused)))]
        else:
            found = [Problem(FORM_FIELDS.get(p.field, "code"), _sentence(p.message))
                     for p in refused.problems]  # fmt: skip
        return OutcomeForm(self.code, self.named_suspect, self.justification, tuple(found))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


async def _case_page(
    request: Request, session: StaffSession, case_id: str, form: OutcomeForm,
    status_code: int = 200, recorded: str | None = None,
) -> Response:  # fmt: skip
    caller = caller_of(request, session)

    def read() -> tuple[CaseDetail, list[GuidanceNote]]:
        detail = force_view.force_case(caller, case_id)
        [notes] = advice.carried_guidance(caller, [detail.id])
        return detail, notes

    try:
        detail, notes = await asyncio.to_thread(read)
    except (NotFound, InvalidValue):
        return _refused(request, session, NO_CASE, 404, "Case not found")
    except GraphUnavailable:
        return unavailable()
    shown = event(session, Operation.CONSULTATION, "web:GET /staff/force/cases/{id}",
                  "ForceCaseDetail",
                  [detail.id, *(v.id for v in detail.victims), *(r.id for r in detail.reports)],
                  PARTS)  # fmt: skip
    today = datetime.now(UTC).date()
    codes = outcome_codes(today)
    names = {c.code: c.name for c in codes}
    return await logged(request, [shown], staff_page(
        request, session, "staff/force_case.html", status_code, nav="force", case=detail,
        notes=notes, form=form, today=today,
        code_items=[
            {"value": c.code, "text": f"{c.code}: {c.name}", "selected": c.code == form.code}
            for c in codes
        ],
        errors={p.field: {"text": p.message} for p in form.problems},
        error_list=[{"text": p.message, "href": f"#{p.field}"} for p in form.problems],
        recorded=f"{recorded}: {names[recorded]}" if recorded in names else None,
    ))  # fmt: skip


@router.get("/cases/{case_id}", include_in_schema=False)
async def case_page(request: Request, case_id: str, recorded: str | None = None) -> Response:
    session = session_of(request)
    if session is None:
        return to_sign_in(request)
    if not session.viewer.is_force_staff:
        return _refused(request, session)
    return await _case_page(request, session, case_id, OutcomeForm(), recorded=recorded)


@router.post("/cases/{case_id}/outcome", include_in_schema=False)
async def record_outcome(request: Request, case_id: str) -> Response:
    session = session_of(request)
    if session is None:
        return to_sign_in(request)
    try:
        fields = await read_form(request)
    except FormRefused as refused:
        return message(refused.title, refused.message, refused.status_code)
    if not session.viewer.is_force_staff:
        return _refused(request, session)
    form = OutcomeForm.read(fields).checked()
    if form.problems:
        return await _case_page(request, session, case_id, form, 400)
    caller = caller_of(request, session)

    try:
        outcome = await asyncio.to_thread(
            cases.report_outcome, caller, case_id, OutcomeType(form.code),
            form.named_suspect == "yes", form.justification or None,
        )  # fmt: skip
    except (InvalidInput, Forbidden) as refused:
        return await _case_page(request, session, case_id, form.with_rules(refused), 400)
    except NotFound:
        return await _case_page(request, session, case_id, form)
    except GraphUnavailable:
        return unavailable()
    changed = event(session, Operation.ALTERATION, "web:POST /staff/force/cases/{id}/outcome",
                    "Case", [case_id], ("outcome",))  # fmt: skip
    query = urllib.parse.urlencode({"recorded": outcome.code})
    target = f"/staff/force/cases/{urllib.parse.quote(case_id, safe=':')}?{query}"
    return await logged(request, [changed], RedirectResponse(f"{target}#outcome", 303))
