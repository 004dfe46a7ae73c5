"""The API's own work while it runs: the graph made ready at start-up, and referrals journalled
during an outage written once Neo4j answers again.

These are asked for by the process, not by a person: :data:`API_PROCESS` is the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from graph import schema
from graph.access import Capability
from graph.errors import GraphUnavailable
from graph.reference.loader import ensure_reference
from graph.viewer import Role, Viewer
from ingest.journal import Journal
from ingest.service import replay_entries
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "prepare_graph": Capability.REFERENCE_DATA,
    "write_journalled_referrals": Capability.SUBMIT_REFERRAL,
}

API_PROCESS = Viewer(role=Role.ADMIN, user_id="ohch-api")
log = logging.getLogger("ohch.api")


@use_case
def prepare_graph(caller: Caller) -> dict[str, int] | None:
    """Everything a fresh hub needs, each step idempotent: the schema and the data upgrades,
    run unless this version's already were, and the reference data (forces, postcode
    districts), loaded only if not already this version's.
    Returns the counts loaded, or ``None`` when the reference data was current. Raises
    :class:`~graph.errors.GraphUnavailable` at once when Neo4j does not answer."""
    caller.graph.verify()  # fails fast, unlike a managed transaction's retries
    schema.apply_if_changed(caller.graph)
    return ensure_reference(caller.graph)


@use_case
def write_journalled_referrals(caller: Caller, journal: Journal) -> int:
    """Write the referrals accepted while Neo4j was down (idempotent); returns how many (0 while
    another process drains the journal). Raises :class:`~graph.errors.GraphUnavailable` while
    Neo4j is still down. Any other failure is logged and recorded in the journal (``/readyz``
    says degraded while it lasts) and 0 returned, so the API goes on trying."""
    try:
        return journal.drain(lambda batch: replay_entries(caller.graph, batch))
    except GraphUnavailable:
        raise
    except Exception:
        log.exception("journal drain failed; the backlog stays for the next try")
        return 0
