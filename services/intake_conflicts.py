"""Intake conflicts for hub staff: journalled referrals whose (source, source_ref) was written
meanwhile with another payload, kept whole for an analyst to read and resolve with a reason
(``ingest/conflicts.py``), and their count for the people who keep the hub running.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from graph.access import Capability
from graph.errors import Conflict, InvalidValue, NotFound
from ingest import conflicts
from ingest.intake_conflict import ConflictStatus, IntakeConflict
from services.paging import Page, PageRequest, keyed_page
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "intake_conflicts": Capability.HUB_CASEWORK,
    "resolve_intake_conflict": Capability.HUB_CASEWORK,
    # A count, nothing about anyone: /metrics guards it with its own token.
    "open_intake_conflicts": Capability.REFERENCE_DATA,
}

MAX_REASON = 2000


@use_case
def intake_conflicts(
    caller: Caller, status: ConflictStatus, request: PageRequest
) -> Page[IntakeConflict]:
    """Conflicts in ``status``, oldest found first, keyed on (found, reference) so a page is
    stable while others are resolved or found."""
    after_at, after_reference = request.after_time_and_id
    found, total = conflicts.conflicts_after(
        caller.graph, status, after_at, after_reference, request.first + 1
    )
    return keyed_page(found, request, key=lambda c: c.cursor_key, total=total)


@use_case
def resolve_intake_conflict(
    caller: Caller, reference: str, reason: str, now: datetime
) -> IntakeConflict:
    """Close an open conflict, recording who, when and why (what was done with the journalled
    referral: entered by hand, the same report as the one kept, refused...)."""
    reason = reason.strip()
    if not reason:
        raise InvalidValue("reason", "must say why the conflict is resolved")
    if len(reason) > MAX_REASON:
        raise InvalidValue("reason", f"must be at most {MAX_REASON} characters")
    found = conflicts.resolve(caller.graph, reference, reason, caller.viewer.user_id, now)
    if found is None:
        raise NotFound(f"no intake conflict with reference {reference}")
    conflict, was_open = found
    if not was_open:
        raise Conflict(f"intake conflict {reference} was resolved already; nothing was changed")
    return conflict


@use_case
def open_intake_conflicts(caller: Caller) -> int:
    """How many conflicts wait for an analyst."""
    return conflicts.count_open(caller.graph)
