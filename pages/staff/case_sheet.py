"""Everything the case page shows, gathered from use cases as the viewer may see it.

The case as a force sees it (``services/force_view.py``) is the page's frame for every role:
reports, content, accounts and victims, masked inside Cypher where the role may not see them.
Hub staff also get what hub case-work reads: the assessment and assignment with their reasons,
the content items to refer, the timeline, referrals and updates sent; identity evidence for the
roles cleared for it; the audit trail for those who may read it. A part the role may not read
is left out, never half shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from graph.access import Capability, may
from graph.advice.notes import GuidanceNote
from graph.attachments.models import EvidenceFile
from graph.audit.log import AuditLog
from graph.audit.records import AuditRecord
from graph.cases.force_view import CaseDetail
from graph.cases.models import AssessedCase, CaseSummary
from graph.errors import Forbidden, NotFound
from graph.reference.forces import Force
from graph.removals.models import Referral
from graph.updates.outbox import OutboxMessage, OutboxView
from services import (
    advice,
    attachments,
    audit,
    cases,
    force_view,
    identity,
    reference,
    updates,
    workspace,
)
from services.content import ContentValue, contents_by_ids
from services.identity import AccountIdentity
from services.paging import PageRequest
from services.use_case import Caller
from services.workspace import TimelineEvent

C = Capability

MAX_IDENTITIES = 10  # accounts whose person and evidence the page reads
SHOWN = 50  # updates and audit records listed


@dataclass(frozen=True, slots=True)
class HubSheet:
    """What hub case-work adds to the case."""

    summary: CaseSummary
    assessed: AssessedCase | None
    assessed_problem: str | None  # why the rules could not assess it now
    contents: tuple[ContentValue, ...]
    timeline: tuple[TimelineEvent, ...]
    referrals: tuple[Referral, ...] | None  # None: the role may not refer content
    updates_sent: tuple[OutboxMessage, ...]
    identities: tuple[AccountIdentity, ...] | None  # None: the role may not read them
    forces: tuple[Force, ...]
    audit: tuple[AuditRecord, ...] | None  # None: the role may not read the trail
    files: dict[str, tuple[EvidenceFile, ...]]  # each listed report's evidence files, by id


@dataclass(frozen=True, slots=True)
class CaseSheet:
    detail: CaseDetail
    guidance: tuple[GuidanceNote, ...]
    hub: HubSheet | None

    @property
    def parts(self) -> tuple[str, ...]:
        """The page's sections, as the audit trail lists them."""
        shown = ["summary", "reports", "victims", "contents", "accounts", "guidance"]
        if self.hub is not None:
            shown += ["assessment", "assignment", "timeline", "updates", "evidence files"]
            if self.hub.referrals is not None:
                shown.append("referrals")
            if self.hub.identities is not None:
                shown.append("identities")
            if self.hub.audit is not None:
                shown.append("audit")
        return tuple(shown)

    @property
    def record_ids(self) -> list[str]:
        """The records the page shows, for the audit trail."""
        d = self.detail
        return [
            d.id,
            *(r.reference for r in d.reports),
            *(v.id for v in d.victims if not v.masked),
            *(a.key for a in d.accounts),
        ]


def gather(caller: Caller, audit_log: AuditLog, case_id: str, now: datetime) -> CaseSheet:
    """The case as ``caller`` may see it; NotFound when they may not see it at all."""
    detail = force_view.force_case(caller, case_id)
    guidance = _guidance(caller, case_id)
    hub = _hub(caller, audit_log, detail, now) if may(caller.viewer, C.HUB_CASEWORK) else None
    return CaseSheet(detail, guidance, hub)


def _guidance(caller: Caller, case_id: str) -> tuple[GuidanceNote, ...]:
    try:
        return tuple(advice.carried_guidance(caller, [case_id])[0])
    except (Forbidden, NotFound):
        return ()


def _hub(caller: Caller, audit_log: AuditLog, detail: CaseDetail, now: datetime) -> HubSheet:
    viewer, case_id = caller.viewer, detail.id
    summary = cases.read_case(caller, case_id)
    assessed, problem = _assessed(caller, case_id)
    found = contents_by_ids(caller, list(summary.content_ids))
    sent = updates.update_outbox(caller, OutboxView.SENT, case_id, PageRequest(first=SHOWN), now)
    return HubSheet(
        summary=summary,
        assessed=assessed,
        assessed_problem=problem,
        contents=tuple(c for c in found if c is not None),
        timeline=tuple(workspace.case_timeline(caller, case_id)),
        referrals=tuple(workspace.case_referrals(caller, case_id))
        if may(viewer, C.REFER_CONTENT)
        else None,
        updates_sent=tuple(sent.values),
        identities=_identities(caller, detail) if may(viewer, C.IDENTITY_EVIDENCE) else None,
        forces=tuple(reference.list_forces(caller)),
        audit=_audit(caller, audit_log, case_id) if may(viewer, C.READ_AUDIT) else None,
        files=_files(caller, detail),
    )


def _files(caller: Caller, detail: CaseDetail) -> dict[str, tuple[EvidenceFile, ...]]:
    """The evidence files of the reports the page lists, with their virus scans."""
    ids = [r.id for r in detail.reports]
    found = attachments.evidence_files_of_reports(caller, ids) if ids else []
    return {i: tuple(files) for i, files in zip(ids, found, strict=True) if files}


def _assessed(caller: Caller, case_id: str) -> tuple[AssessedCase | None, str | None]:
    found = cases.assessed_cases(caller, [case_id])[0]
    if isinstance(found, Exception):
        return None, str(found)
    return found, None


def _identities(caller: Caller, detail: CaseDetail) -> tuple[AccountIdentity, ...]:
    """The person behind each of the case's accounts the hub has linked, with the evidence of
    each link (the first :data:`MAX_IDENTITIES` accounts)."""
    found = []
    for shown in detail.accounts[:MAX_IDENTITIES]:
        if shown.platform is None or shown.handle is None:
            continue
        try:
            found.append(identity.account(caller, shown.platform, shown.handle))
        except NotFound:
            continue
    return tuple(found)


def _audit(caller: Caller, audit_log: AuditLog, case_id: str) -> tuple[AuditRecord, ...]:
    trail = audit.audit_trail(
        caller, audit_log, audit.TrailQuery(entity_id=case_id), PageRequest(first=SHOWN)
    )
    return tuple(trail.values)
