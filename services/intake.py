"""Bringing reports and disclosures in: the one path behind ``POST /api/v1/referrals``, the
``submitReferral`` and ``submitDisclosure`` mutations and the report form (``pages/report.py``).

A referral is validated against the contract, cleaned, given its receipt and written; or, when
Neo4j is down, journalled to be written later (``ingest/service.py``). In the API, referrals
that arrive together are written in one transaction (:func:`start_gathering`,
``ingest/group_commit.py``), each still answered on its own. A disclosure is validated
and cleaned into its row and written (``ingest/disclosures.py``). Both raise
:class:`~graph.errors.InvalidInput` naming every problem, and a referral
:class:`~graph.errors.Conflict` when its (source, source_ref) came before with another payload.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from weakref import WeakKeyDictionary

from graph.access import Capability
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.db import Graph
from graph.errors import InvalidInput
from graph.identity.store import relink_accounts
from graph.settings import Settings
from graph.viewer import Role, Viewer
from ingest.disclosures import disclosure_row, write_disclosures
from ingest.group_commit import GroupCommit
from ingest.journal import Journal
from ingest.report_dates import DateBounds
from ingest.service import Acceptance, Accepted, accept, decode_body
from ingest.sources import with_source
from services.counters import INTAKE
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "submit_referral": Capability.SUBMIT_REFERRAL,
    "submit_disclosure": Capability.IDENTITY_EVIDENCE,
}

# The parts of a referral that hold personal data: who reported, who was targeted, who is
# suspected, and what was said about them.
REFERRAL_PERSONAL_DATA = ("reporter", "victims", "suspects", "content", "description")

# The group commit of each graph the API serves (one a process): referrals submitted on that
# graph while it gathers are written together. Without one, each is written on its own (the
# CLI, a test calling the use case).
_GATHERING: WeakKeyDictionary[Graph, GroupCommit] = WeakKeyDictionary()


def start_gathering(graph: Graph, settings: Settings) -> GroupCommit:
    """Gather the referrals submitted on ``graph`` for ``OHCH_INTAKE_BATCH_WINDOW_MS`` into
    transactions of up to ``OHCH_INTAKE_BATCH_MAX`` (the API's start-up)."""
    gathering = GroupCommit(
        graph, settings.intake_batch_window_ms / 1000, settings.intake_batch_max
    )
    _GATHERING[graph] = gathering
    return gathering


def stop_gathering(graph: Graph, timeout_s: float = 60.0) -> bool:
    """Write what is gathered and stop gathering on ``graph`` (the API's shutdown, before the
    driver closes); True when nothing was left unwritten within ``timeout_s``."""
    gathering = _GATHERING.pop(graph, None)
    return gathering is None or gathering.close(timeout_s)


@dataclass(frozen=True, slots=True)
class DisclosureRecorded:
    account_key: str
    new: bool  # False: the same disclosure was recorded before


@use_case
def submit_referral(
    caller: Caller,
    payload: object,
    raw: str,
    journal: Journal,
    *,
    public_source: str,
    earliest: date | None = None,
) -> Accepted:
    """Accept one decoded referral (``raw`` is the text it came as, kept verbatim). Details
    that do not validate are kept unverified and returned as warnings, never refused.

    Its source is decided by who sends it (``ingest/sources.py``): an anonymous referral is
    written under ``public_source`` (``OHCH_INTAKE_PUBLIC_SOURCE``), a partner's under its own;
    :class:`~graph.errors.Forbidden` naming ``source`` when the body names another.

    A partner's feed, like a bulk file, may carry reports made long before it is sent: its
    dates are kept within ``earliest`` (``OHCH_EARLIEST_REPORT_DATE``) and the receipt, one out
    of them corrected and warned; the public's live form refuses a future date instead."""
    bounds = DateBounds(earliest) if earliest and caller.viewer.role is Role.PARTNER else None
    try:
        accepted = accept(
            with_source(payload, caller.viewer, public_source), raw, caller.graph, journal,
            bounds, _GATHERING.get(caller.graph),
        )  # fmt: skip
    except InvalidInput:
        INTAKE.labels("rejected").inc()
        raise
    INTAKE.labels(accepted.acceptance.value).inc()
    return accepted


@use_case
def submit_disclosure(caller: Caller, payload: object) -> DisclosureRecorded:
    """Record one platform disclosure about one account (a re-sent one is recognised), and
    re-link that account at once, so its person reflects the new evidence."""
    row = disclosure_row(payload)
    created = write_disclosures(caller.graph, [row])
    if created:
        relink_accounts(caller.graph, [row["account_key"]])
    return DisclosureRecorded(account_key=row["account_key"], new=created == 1)


def collected(viewer: Viewer, reference: str, endpoint: str) -> AuditEvent:
    """The audit record of a referral's personal data entering the hub (DPA 2018 s62), for the
    interfaces that log it themselves (the REST route and the report form; GraphQL's root
    fields are logged by their tap)."""
    return AuditEvent(
        operation=Operation.COLLECTION,
        actor=viewer.user_id,
        role=viewer.role.value,
        force_code=viewer.force_code,
        endpoint=endpoint,
        accessed=(Accessed(kind="Report", ids=(reference,), fields=REFERRAL_PERSONAL_DATA),),
    )


# Pure parts of intake the interfaces need, so they import nothing below this layer.
__all__ = [
    "Acceptance",
    "Accepted",
    "DisclosureRecorded",
    "collected",
    "decode_body",
    "start_gathering",
    "stop_gathering",
    "submit_disclosure",
    "submit_referral",
]
