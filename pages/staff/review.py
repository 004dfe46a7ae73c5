"""The duplicate review queue (``GET /staff/review``): each possible duplicate with the new
report and the content it may belong to side by side, the matcher's explanation, and a form to
answer it (``POST /staff/review/{id}``: the same content, not the same, or unsure, with a
reason), through ``services/duplicates.py``. An unsure answer is recorded and the item stays in
the queue for a second analyst, who sees who was unsure and why. The queue shows personal data,
so each view is logged."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from graph.audit.records import Operation
from graph.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from pages.http import FormRefused, first, read_form
from pages.render import message
from pages.staff import view
from pages.staff.session import StaffSession
from services import duplicates
from services.content import (
    ContentValue,
    ReportsOf,
    ReportValue,
    contents_by_ids,
    reports_by_ids,
    reports_of_contents,
)
from services.duplicates import ReviewAnswer, ReviewItemValue, ReviewLeftOpen
from services.paging import PageRequest
from services.use_case import Caller

router = APIRouter(prefix="/review")  # included under /staff by routes.py
SHOWN = 20  # items on the page
CANDIDATE_REPORTS = 3  # the candidate content's first reports shown
ANSWERS = {"same": ReviewAnswer.SAME, "not-same": ReviewAnswer.NOT_SAME,
           "unsure": ReviewAnswer.UNSURE}  # fmt: skip
# How each answer is logged: joining content combines records; the others alter the queue.
LOGGED_AS = {ReviewAnswer.SAME: Operation.COMBINATION, ReviewAnswer.NOT_SAME: Operation.ALTERATION,
             ReviewAnswer.UNSURE: Operation.ALTERATION}  # fmt: skip
DONE = {
    "same": "Recorded: the same content.",
    "not-same": "Recorded: not the same.",
    "unsure": "Recorded: unsure. The item stays in the queue for a second analyst, "
    "with your reason beside it.",
}
MAX_EXPLANATION_LINES = 40


@dataclass(frozen=True, slots=True)
class ReviewCard:
    item: ReviewItemValue
    report: ReportValue | None
    report_content: ContentValue | None
    candidate: ContentValue | None
    candidate_reports: tuple[ReportValue, ...]
    explanation: tuple[tuple[str, str], ...]


def explanation_lines(text: str) -> tuple[tuple[str, str], ...]:
    """The matcher's explanation (JSON) as (feature, value) lines, nested keys dotted."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return (("explanation", str(text)),)
    lines: list[tuple[str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for n, inner in enumerate(value, 1):
                walk(f"{prefix}[{n}]", inner)
        else:
            shown = ", ".join(map(str, value)) if isinstance(value, list) else value
            lines.append((prefix or "value", "—" if shown in (None, "") else str(shown)))

    walk("", data)
    return tuple(lines[:MAX_EXPLANATION_LINES])


def _cards(caller: Caller) -> tuple[list[ReviewCard], bool]:
    queue = duplicates.review_queue(caller, PageRequest(first=SHOWN))
    items = queue.values
    reports = reports_by_ids(caller, [i.report_id for i in items])
    own_contents = [r.content_id if r else None for r in reports]
    candidates = [i.candidate_id for i in items]
    wanted = [c for c in (*own_contents, *candidates) if c]
    contents = dict(zip(wanted, contents_by_ids(caller, wanted), strict=True))
    asked = [ReportsOf(c, PageRequest(first=CANDIDATE_REPORTS)) for c in candidates if c]
    pages = iter(reports_of_contents(caller, asked))
    cards = []
    for item, report, own in zip(items, reports, own_contents, strict=True):
        candidate_reports = tuple(next(pages).values) if item.candidate_id else ()
        cards.append(
            ReviewCard(
                item=item, report=report, report_content=contents.get(own) if own else None,
                candidate=contents.get(item.candidate_id) if item.candidate_id else None,
                candidate_reports=candidate_reports,
                explanation=explanation_lines(item.explanation),
            )
        )  # fmt: skip
    return cards, queue.has_next


async def _show(
    request: Request,
    session: StaffSession,
    status_code: int = 200,
    errors: Mapping[str, Mapping[str, str]] | None = None,
    done: str | None = None,
) -> Response:
    caller = view.caller_of(request, session)
    try:
        cards, more = await view.run(_cards, caller)
    except Forbidden:
        return view.refused(request, session, "You cannot review duplicates",
                            "Only hub staff answer the duplicate review queue.", 403)  # fmt: skip
    shown = view.staff_page(
        request, session, "staff/review.html", status_code, nav="review", cards=cards,
        more=more, errors=errors or {}, done=done,
    )  # fmt: skip
    if not cards:
        return shown
    ids = [c.item.id for c in cards] + [c.item.report_id for c in cards]
    consulted = view.event(
        session, Operation.CONSULTATION, "web:GET /staff/review", "review_item", ids,
        ("reports", "contents", "explanation"),
    )  # fmt: skip
    return await view.logged(request, [consulted], shown)


@router.get("", include_in_schema=False)
async def review_page(request: Request, done: str | None = None) -> Response:
    session = view.session_of(request)
    if session is None:
        return view.to_sign_in(request)
    return await _show(request, session, done=DONE.get(done or ""))


@router.post("/{review_id}", include_in_schema=False)
async def answer(request: Request, review_id: str) -> Response:
    session = view.session_of(request)
    if session is None:
        return view.to_sign_in(request)
    try:
        fields = await read_form(request)
    except FormRefused as refused:
        return message(refused.title, refused.message, refused.status_code)
    verdict, reason = first(fields, "answer"), first(fields, "reason")
    problems = []
    if verdict not in ANSWERS:
        problems.append(Problem("answer", "Choose same content, not the same, or unsure"))
    if not reason.strip():
        problems.append(Problem("reason", "Say why, for the record"))
    caller = view.caller_of(request, session)
    try:
        if problems:
            raise InvalidInput(problems)
        decided = await view.run(
            duplicates.decide_review, caller, review_id, ANSWERS[verdict], reason
        )
    except InvalidInput as invalid:
        return await _show(request, session, 400, {review_id: _named(invalid.problems)})
    except (Conflict, NotFound) as gone:
        return await _show(request, session, 409, {review_id: {"answer": str(gone)}})
    except Forbidden:
        return await _show(request, session)
    touched = [] if isinstance(decided, ReviewLeftOpen) else list(decided.content_ids)
    changed = view.event(
        session, LOGGED_AS[ANSWERS[verdict]], "web:POST /staff/review/{id}", "review_item",
        [review_id, *touched], ("answer",), reason,
    )  # fmt: skip
    target = "/staff/review?done=" + urllib.parse.quote(verdict)
    return await view.logged(request, [changed], RedirectResponse(target, status_code=303))


def _named(problems: list[Problem]) -> dict[str, str]:
    return {p.field: p.message for p in problems}
