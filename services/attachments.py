"""Evidence files: a report's sender sends them, hub staff list and download them.

The sender of a referral proves it is theirs with the report's access code, checked as the
status check checks it (``services/status.py``: constant time, an unknown reference costing
the same, guessing counted per reference and per client in the same counts); hub staff need
no code. Each file is checked from its bytes (``graph/attachments/kinds.py``), kept in the
blob store by SHA-256 and then recorded against the report, with who sent it and when; the
sending is written to the audit trail as a collection (a refused one too, with why). Files
are never shown in a page: staff download them (``download_evidence``), each download
written to the audit trail as a consultation before the bytes are handed over.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from graph import access
from graph.access import Capability
from graph.attachments import scan_store, store
from graph.attachments.blobs import BlobStore, checked_key, sha256_key
from graph.attachments.clamd import Scanner
from graph.attachments.kinds import Limits
from graph.attachments.models import Attached, EvidenceFile, Sent, Upload
from graph.attachments.receive import prepare
from graph.attachments.scanning import (
    FileInfected,
    FileState,
    Scan,
    Scanned,
    Verdict,
    judge,
    record,
)
from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.errors import Conflict, InvalidValue, ScanUnavailable
from graph.settings import Settings
from services.attempts import guessed_right, take_guess
from services.status import Refusal, report_progress
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    # Anyone may send: the access code, or a hub role, proves the report is theirs to add to.
    "send_evidence": Capability.SUBMIT_REFERRAL,
    "evidence_files_of_reports": Capability.HUB_CASEWORK,
    "download_evidence": Capability.HUB_CASEWORK,
}
COMPLAINANT = "complainant"


def limits_of(settings: Settings) -> Limits:
    return Limits(
        image=settings.evidence_max_image_bytes,
        pdf=settings.evidence_max_pdf_bytes,
        video=settings.evidence_max_video_bytes,
    )


@dataclass(frozen=True, slots=True)
class Sending:
    """Who sends, for which report: the access code, unless the viewer is hub staff."""

    reference: str
    access_code: str | None
    client: str  # the address it came from (the audit trail's actor for a complainant)


def _sender(caller: Caller, sending: Sending) -> tuple[str, str, str] | Refusal:
    """(role, id, audit actor) of the sender, or why the code does not let them send."""
    if access.may(caller.viewer, Capability.HUB_CASEWORK):
        viewer = caller.viewer
        store.require_report(caller.graph, sending.reference)
        return viewer.role.value, viewer.user_id, viewer.user_id
    if not sending.access_code:
        raise InvalidValue(
            "access_code", "is needed to send evidence for a report (the code given with it)"
        )
    slot = take_guess(caller.graph, sending.reference, sending.client)
    if slot is None:
        return Refusal.TOO_MANY
    if report_progress(caller, sending.reference, sending.access_code) is None:
        return Refusal.NOT_MATCHED
    guessed_right(caller.graph, slot)
    return COMPLAINANT, sending.reference, f"{COMPLAINANT}@{sending.client}"


def _fields(uploads: Sequence[Upload]) -> dict[str, str]:
    """The form field each distinct file first came in, by SHA-256."""
    fields: dict[str, str] = {}
    for u in uploads:
        fields.setdefault(u.spooled.sha256 if u.spooled else sha256_key(u.data), u.field)
    return fields


@dataclass(frozen=True, slots=True)
class _Trail:
    """Where and as whom a sending is written to the audit trail."""

    log: AuditLog
    actor: str
    endpoint: str
    now: datetime


def _scanned(
    caller: Caller, reference: str, sent: list[Sent], fields: dict[str, str], scanner: Scanner,
    blobs: BlobStore, trail: _Trail,
) -> list[Sent]:  # fmt: skip
    """The files with their scans, if the sending may be kept (``scanning.judge``); a file the
    hub quarantined is infected without a scan. A refused sending is audited (with the
    signatures found, which the sender is never told), its spooled files deleted, and an
    infected file the hub held already is quarantined."""
    known = scan_store.states(caller.graph, [s.sha256 for s in sent])
    scans = scanner.begin()
    found: list[Scanned] = []
    for s in sent:
        if (held := known.get(s.sha256)) and held.state == FileState.QUARANTINED:
            scan = Scan.infected(held.signature or "quarantined").by("the hub's quarantine")
        elif s.spooled:
            with s.spooled.path.open("rb") as source:
                scan = scans.scan(source)
        else:
            scan = scans.scan(s.data)
        found.append(Scanned(fields[s.sha256], s.declared_name, s.sha256, scan))
    try:
        states = judge(found, scanner.policy)
    except (FileInfected, ScanUnavailable):
        for s in sent:
            if s.spooled:
                s.spooled.discard()
        _refused(caller, reference, found, blobs, trail)
        raise
    return [
        replace(s, scan=record(f.scan, states[s.sha256])) for s, f in zip(sent, found, strict=True)
    ]


def _refused(
    caller: Caller, reference: str, found: list[Scanned], blobs: BlobStore, trail: _Trail
) -> None:
    """Write down a sending its scans refused, naming the signatures found, and quarantine
    each infected file the hub held already."""
    infected = [f for f in found if f.scan.verdict is Verdict.INFECTED]
    for f in infected:
        scan_store.quarantine(
            caller.graph, blobs, trail.log, f.sha256, f.scan, trail.now,
            {"actor": trail.actor, "role": caller.viewer.role.value, "endpoint": trail.endpoint},
        )  # fmt: skip
    unscanned = {f"{f.field}: {f.scan.why}" for f in found if f.scan.why}
    trail.log.append(
        AuditEvent(
            operation=Operation.COLLECTION, actor=trail.actor, role=caller.viewer.role.value,
            force_code=caller.viewer.force_code, endpoint=trail.endpoint,
            accessed=(Accessed(kind="Report", ids=(reference,)),
                      Accessed(kind="EvidenceFile", ids=tuple(f.sha256 for f in found))),
            details={
                "refused": "malware" if infected else "not scanned", "files": 0,
                "signatures": ", ".join(sorted({f"{f.field}: {f.scan.signature}"
                                                for f in infected})) or None,
                "not_scanned": "; ".join(sorted(unscanned)) or None,
                "scanner": next((f.scan.scanner for f in found if f.scan.scanner), None),
            },
        )
    )  # fmt: skip


@use_case
def send_evidence(
    caller: Caller,
    sending: Sending,
    uploads: Sequence[Upload],
    blobs: BlobStore,
    limits: Limits,
    audit_log: AuditLog,
    endpoint: str,
    now: datetime,
    scanner: Scanner,
) -> list[Attached] | Refusal:
    """Keep and record the files sent for a report, one answer a distinct file in the order
    sent; a refusal when the code does not match (or too many have not). Every file is checked,
    and scanned for viruses, before any is kept, so a sending with one bad file keeps none."""
    sender = _sender(caller, sending)
    if isinstance(sender, Refusal):  # written down too, as the status check's refusals are
        audit_log.append(
            AuditEvent(
                operation=Operation.COLLECTION, actor=f"{COMPLAINANT}@{sending.client}",
                role=caller.viewer.role.value, endpoint=endpoint,
                accessed=(Accessed(kind="Report", ids=(sending.reference,)),),
                details={"refused": sender.value, "files": 0},
            )
        )  # fmt: skip
        return sender
    role, sender_id, actor = sender
    trail = _Trail(audit_log, actor, endpoint, now)
    sent = _scanned(caller, sending.reference, prepare(uploads, limits), _fields(uploads),
                    scanner, blobs, trail)  # fmt: skip
    for s in sent:  # the bytes first: a record never names what is not held
        if s.spooled:
            s.spooled.keep()  # already in the store's folder: moved into place
        else:
            blobs.put(s.data)
    attached = store.attach(caller.graph, sending.reference, sent, role, sender_id, now)
    audit_log.append(
        AuditEvent(
            operation=Operation.COLLECTION, actor=actor, role=caller.viewer.role.value,
            force_code=caller.viewer.force_code, endpoint=endpoint,
            accessed=(Accessed(kind="Report", ids=(sending.reference,)),
                      Accessed(kind="EvidenceFile", ids=tuple(a.sha256 for a in attached))),
            details={"files": len(attached), "new_files": sum(a.new_file for a in attached)},
        )
    )  # fmt: skip
    return attached


@use_case
def evidence_files_of_reports(caller: Caller, ids: list[str]) -> list[list[EvidenceFile]]:
    """The evidence files of each report (metadata, never the bytes), one list an id."""
    return store.files_of_reports(caller.graph, ids, caller.viewer.sees_all_forces)


@dataclass(frozen=True, slots=True)
class Download:
    sha256: str
    media_type: str
    data: bytes


@use_case
def download_evidence(
    caller: Caller, sha256: str, blobs: BlobStore, audit_log: AuditLog, endpoint: str
) -> Download:
    """An evidence file's bytes for hub staff, written to the audit trail as a consultation
    (who, which file, which reports it came with) before they are handed over."""
    held = store.held(caller.graph, checked_key(sha256), caller.viewer.sees_all_forces)
    stored = scan_store.states(caller.graph, [held.sha256])[held.sha256]
    if (why := stored.withheld_because) is not None:  # held, or quarantined: never handed over
        raise Conflict(f"evidence file {held.sha256} {why}")
    data = blobs.get(held.sha256)
    viewer = caller.viewer
    audit_log.append(
        AuditEvent(
            operation=Operation.CONSULTATION, actor=viewer.user_id, role=viewer.role.value,
            force_code=viewer.force_code, endpoint=endpoint,
            accessed=(Accessed(kind="EvidenceFile", ids=(held.sha256,)),
                      Accessed(kind="Report", ids=held.references)),
            details={"bytes": len(data), "media_type": held.media_type},
        )
    )  # fmt: skip
    return Download(held.sha256, held.media_type, data)
