"""Complainant updates for hub staff: the outbox, a page at a time.

Messages are found due and delivered by ``ohch updates run``; staff read here what is due,
overdue, failed, sent or cancelled, with no contact details.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from graph.access import Capability
from graph.updates import store
from graph.updates.outbox import OutboxMessage, OutboxView
from services.paging import Page, PageRequest, keyed_page
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "update_outbox": Capability.HUB_CASEWORK,
}


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
