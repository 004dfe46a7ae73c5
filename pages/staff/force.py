"""The force view: a force officer's cases (``/staff/force``), filtered by status and paged by
the use case (``services/force_view.py`` ``force_cases``: the status is filtered inside its
query, so every page is full until the last). A case opens on the one case page
(``/staff/cases/{id}``, ``case.py``), whose sections follow the viewer's role and force; the
force view's old case address and outcome form redirect there.

The force scope is the one inside the use case's query: other forces' cases are not listed.
The list is a force's: hub staff, who may read every case, work from the queues and get a 403
here. Each page that shows cases is logged in the audit trail before the answer is sent.
"""

from __future__ import annotations

import urllib.parse

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from graph.audit.records import Operation
from graph.cases.models import CaseStatus
from graph.errors import GraphUnavailable, InvalidInput
from pages.render import unavailable
from pages.staff.case import path_of
from pages.staff.session import StaffSession
from pages.staff.view import caller_of, event, logged, run, session_of, staff_page, to_sign_in
from services import force_view
from services.paging import PageRequest

router = APIRouter(prefix="/force")  # under the workspace's /staff (routes.py)

PAGE_SIZE = 25
NOT_FORCE = (
    "The force view shows a force's own cases. It is for force officers and forces' hate "
    "crime leads; hub staff open cases from the work queues."
)


def _refused(request: Request, session: StaffSession) -> Response:
    return staff_page(request, session, "staff/force.html", 403, nav="force", refused=NOT_FORCE,
                      refused_title="You cannot use the force view")  # fmt: skip


def _status_items(chosen: str) -> list[dict[str, object]]:
    return [
        {"value": s.value, "text": s.value.capitalize(), "selected": s.value == chosen}
        for s in CaseStatus
    ]


@router.get("", include_in_schema=False)
async def case_list(request: Request, status: str = "", after: str | None = None) -> Response:
    session = session_of(request)
    if session is None:
        return to_sign_in(request)
    if not session.viewer.is_force_staff:
        return _refused(request, session)
    wanted = CaseStatus(status) if status in set(CaseStatus) else None
    chosen = wanted.value if wanted else ""
    try:
        asked = PageRequest(first=PAGE_SIZE, after=after or None)  # a bad cursor: refused here
        found = await run(force_view.force_cases, caller_of(request, session), asked, status=wanted)
    except InvalidInput as bad:
        return staff_page(request, session, "staff/force.html", 400, nav="force",
                          problem=str(bad), status_items=_status_items(""), status="")  # fmt: skip
    except GraphUnavailable:
        return unavailable()
    lines = found.values
    following = None
    if found.has_next and found.end_cursor:
        query = {"after": found.end_cursor, **({"status": chosen} if chosen else {})}
        following = f"/staff/force?{urllib.parse.urlencode(query)}"
    shown = event(session, Operation.CONSULTATION, "web:GET /staff/force", "ForceCaseLine",
                  [line.case_id for line in lines])  # fmt: skip
    return await logged(request, [shown], staff_page(
        request, session, "staff/force.html", nav="force", lines=lines,
        status_items=_status_items(chosen), status=chosen, following=following,
        first_page=after is None,
    ))  # fmt: skip


# The force view's case page was merged into the one case page: its addresses redirect there.


@router.get("/cases/{case_id}", include_in_schema=False)
async def case_page(request: Request, case_id: str) -> Response:
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(path_of(case_id) + query, status_code=301)


@router.post("/cases/{case_id}/outcome", include_in_schema=False)
async def record_outcome(case_id: str) -> Response:
    """A form posted from a page open before the move goes on to the case page's (308 keeps
    the method and the body, its CSRF field with it)."""
    return RedirectResponse(path_of(case_id) + "/outcome", status_code=308)
