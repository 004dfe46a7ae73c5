"""Complainant updates for hub staff: the outbox, a page at a time, and the record that no
enforcement action is possible on a case (its complainants are then told why).

Messages are found due and delivered by ``ohch updates run``; staff read here what is due,
overdue, failed, sent or cancelled, with no contact details.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from graph.access import Capability
from graph.updates import store
from graph.updates.outbox import OutboxMessage, OutboxView
from graph.updates.templates import reason_library
from services.paging import Page, PageRequest, keyed_page
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "update_outbox": Capability.HUB_CASEWORK,
    "no_enforcement_reasons": Capability.HUB_CASEWORK,
    "record_no_enforcement": Capability.HUB_CASEWORK,
}


@dataclass(frozen=True, slots=True)
class NoEnforcementReason:
    """A reason of the reviewed library, by its code; ``approved`` once its wording is signed
    off (a draft can be recorded, and says so)."""

    code: str
    title: str
    approved: bool


@use_case
def update_outbox(
    caller: Caller, view: OutboxView, case_id: str | None, request: PageRequest, now: datetime
) -> Page[OutboxMessage]:
    """Messages to complainants, soonest deadline first: ``due`` (waiting, in time),
    ``overdue`` (not sent, past the deadline), ``failed`` (an operator must look), ``sent``,
    ``cancelled``; of one case when ``case_id`` is given."""
    rows = store.outbox_after(
        caller.graph, view, now, case_id, request.first + 1, request.after_key
    )
    return keyed_page(rows, request, key=lambda message: message.cursor_key)


@use_case
def no_enforcement_reasons(caller: Caller) -> list[NoEnforcementReason]:
    """The reasons a complainant may be given when no enforcement action is possible."""
    return [
        NoEnforcementReason(code, reason.title, reason.approved)
        for code, reason in sorted(reason_library().reason.items())
    ]


@use_case
def record_no_enforcement(
    caller: Caller, case_id: str, reason: str, note: str | None, now: datetime
) -> NoEnforcementReason:
    """Record that no enforcement action is possible on a case (the suspect is abroad, could
    not be identified, ...), for a reason of the library; every record is kept, and the case's
    complainants are told in that reason's reviewed words."""
    chosen = store.record_no_enforcement(
        caller.graph, case_id, reason, caller.viewer.user_id, now, note
    )
    return NoEnforcementReason(reason, chosen.title, chosen.approved)
