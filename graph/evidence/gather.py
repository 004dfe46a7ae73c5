"""Read what a package says about a case from the graph, for one recipient force.

Everything comes back in a fixed order (the queries sort), so the same case state reads the
same. Masking of reporters and victims happens inside ``queries/evidence/case_reports``;
subscriber values from platform disclosures come back only for roles cleared for them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graph.attachments import scan_store
from graph.attachments import store as attachments
from graph.cases.force_view import detail_from_record, detail_params
from graph.cypher import load_query
from graph.db import Graph, native
from graph.errors import Forbidden, NotFound
from graph.removals import store as removals
from graph.removals.store import Referral
from graph.viewer import Role, Viewer

PERSON_ACCOUNTS = 50  # accounts of one person listed besides the case's own
LINKED_LIMIT = 50
RECIPIENT_ROLE = Role.FORCE_OFFICER  # what a force's staff may see decides what it receives


@dataclass(frozen=True, slots=True)
class CaseState:
    """The case as the graph records it, as the recipient may receive it (plain values,
    datetimes as Python's)."""

    record: dict[str, Any]  # queries/evidence/case_record
    reports: list[dict[str, Any]]  # queries/evidence/case_reports
    identities: list[dict[str, Any]]  # queries/evidence/case_identities
    referrals: list[Referral]
    linked: list[dict[str, Any]]  # cases linked to this one, as the recipient sees them
    recipient_viewer: Viewer
    # every evidence file sent with the case's reports, by SHA-256 (metadata, not the bytes)
    evidence_files: list[dict[str, Any]] = field(default_factory=list)
    # but those withheld until a virus scan clears them (graph/attachments/scanning.py)
    withheld_files: list[dict[str, Any]] = field(default_factory=list)


def plain(value: Any) -> Any:
    """A query value with Neo4j's temporal types turned into Python's, all the way down."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return native(value)


def gather(graph: Graph, case_id: str, recipient_force: str) -> CaseState:
    """The case's state for a package to ``recipient_force``, which must be the force the case
    is assigned to or a force notified of it (``Forbidden`` otherwise)."""
    rows = graph.read(
        load_query("evidence/case_record"), case_id=case_id, recipient_force=recipient_force
    )
    if not rows:
        raise NotFound(f"case {case_id!r} does not exist")
    record = plain(dict(rows[0]))
    if record["recipient"] is None:
        raise NotFound(f"no force has the code {recipient_force!r}")
    if record["relation"] is None:
        raise Forbidden(
            f"case {case_id} is neither assigned nor notified to {record['recipient']['name']}: "
            "only those forces receive its evidence package"
        )
    viewer = Viewer(role=RECIPIENT_ROLE, user_id="evidence-package", force_code=recipient_force)
    reports = [
        plain(dict(r))
        for r in graph.read(
            load_query("evidence/case_reports"), case_id=case_id, recipient_force=recipient_force
        )
    ]
    identities = [
        plain(dict(r))
        for r in graph.read(
            load_query("evidence/case_identities"),
            case_id=case_id,
            person_accounts=PERSON_ACCOUNTS,
            with_values=viewer.may_read_disclosures,
        )
    ]
    for person in identities:
        for judgement in person["judgements"]:
            judgement["evidence"] = json.loads(judgement["evidence"] or "{}")
            judgement["at"] = datetime.fromisoformat(judgement["at"])
    evidence_files, withheld = scan_store.handed_over(graph, attachments.case_files(graph, case_id))
    return CaseState(
        record=record,
        reports=reports,
        identities=identities,
        referrals=removals.many(graph, record["referral_ids"]),
        linked=_linked(graph, viewer, case_id),
        recipient_viewer=viewer,
        evidence_files=evidence_files,
        withheld_files=withheld,
    )


def _linked(graph: Graph, viewer: Viewer, case_id: str) -> list[dict[str, Any]]:
    rows = graph.read(
        load_query("cases/case_detail"), **detail_params(viewer, case_id, LINKED_LIMIT)
    )
    if not rows:
        return []
    detail = detail_from_record(dict(rows[0]))
    return [
        {
            "case_id": k.id,
            "status": k.status,
            "force": None if k.force is None else {"code": k.force.code, "name": k.force.name},
            "reasons": [r.value for r in k.reasons],
        }
        for k in detail.linked
    ]
