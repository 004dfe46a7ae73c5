"""Cases as a force sees them: one case with its linked cases and other forces' victims masked,
and a force's case list, each own case followed by the cases linked to it.

The force scope is applied inside each query (``graph/cases/force_view_store.py``): a force
officer sees the cases assigned or notified to their force and the cases linked to those;
hub staff see every case. A case the viewer may not see is not found, like a missing one.
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.access import Capability
from graph.cases import force_view_store
from graph.cases.force_view import (
    CAPS,
    MAX_LINKED_PER_CASE,
    CaseDetail,
    ForceCaseLine,
    check_case_id,
    check_limit,
    first_own_cases,
)
from graph.cases.models import CaseStatus
from graph.errors import NotFound
from services.paging import Item, Page, PageRequest, encode_cursor
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "force_case": Capability.FORCE_CASES,
    "force_cases": Capability.FORCE_CASES,
}

LINKED_PER_CASE = 5


@use_case
def force_case(caller: Caller, case_id: str, linked_limit: int = CAPS.linked) -> CaseDetail:
    """One case as the viewer may see it, in one round trip."""
    wanted = check_case_id(case_id)
    limit = check_limit(linked_limit, "linked_limit", CAPS.linked)
    found = force_view_store.case_detail(caller.graph, caller.viewer, wanted, limit)
    if found is None:
        raise NotFound(f"no case {wanted!r} that this viewer may see")
    return found


@use_case
def force_cases(
    caller: Caller,
    page: PageRequest,
    linked_per_case: int = LINKED_PER_CASE,
    status: CaseStatus | None = None,
) -> Page[ForceCaseLine]:
    """A page of the viewer's force's cases (``page.first`` of them, by case id), of ``status``
    (any, for ``None``; filtered in the query, so every page is full until the last), each
    followed by up to ``linked_per_case`` cases linked to it (of any status); for hub staff
    every assigned or notified case, a line per force, with no linked cases. The cursor is the
    last own case's id."""
    linked = check_limit(linked_per_case, "linked_per_case", MAX_LINKED_PER_CASE, least=0)
    lines = force_view_store.force_case_lines(
        caller.graph, caller.viewer, page.after_key, page.first + 1, linked, status
    )
    shown, more = first_own_cases(lines, page.first)
    return Page([Item(encode_cursor(line.own_case), line) for line in shown], more)
