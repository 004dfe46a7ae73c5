"""``GET /staff/search?q=``: find a case by reference, handle, link or name
(``services/search.py``). The results say what matched and link to each case page; a search
that finds personal data is logged as a consultation."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from graph.audit.records import Operation
from graph.errors import Forbidden, InvalidInput
from pages.staff import view
from services import search

router = APIRouter()  # included under /staff by routes.py
ENDPOINT = "web:GET /staff/search"


@router.get("/search", include_in_schema=False)
async def search_page(request: Request, q: str | None = None) -> Response:
    session = view.session_of(request)
    if session is None:
        return view.to_sign_in(request)
    if q is None:
        return view.staff_page(request, session, "staff/search.html", nav="search", q="")
    caller = view.caller_of(request, session)
    try:
        result = await view.run(search.search_cases, caller, q)
    except InvalidInput as invalid:
        errors = {p.field: p.message for p in invalid.problems}
        return view.staff_page(
            request, session, "staff/search.html", 400, nav="search", q=q, errors=errors
        )
    except Forbidden as refusal:
        return view.staff_page(
            request, session, "staff/search.html", 403, nav="search", q=q,
            errors={search.FIELD: str(refusal)},
        )  # fmt: skip
    shown = view.staff_page(request, session, "staff/search.html", nav="search", q=q, result=result)
    if not result.hits:
        return shown
    consulted = view.event(
        session, Operation.CONSULTATION, ENDPOINT, "case",
        [hit.case_id for hit in result.hits] + [hit.reference for hit in result.hits],
        ("search", result.term.kind.value),
    )  # fmt: skip
    return await view.logged(request, [consulted], shown)
