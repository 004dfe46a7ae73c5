"""Produce a case's evidence package for a force: gather, build, render, sign, write, audit.

The files depend only on the case state and ``as_of``: by default the latest time the state
records (so producing it again, unchanged, gives the same bytes), or a later time given
explicitly (deadline statuses are worked out as of then). Who produced it and when are logged
as a disclosure in the audit trail (DPA 2018 s62) and written to a receipt beside the folder
(``<folder>.receipt.json``), never inside it. A package whose disclosure cannot be logged is
removed, not handed over.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.cases import store as cases_store
from graph.cypher import load_query
from graph.db import Graph
from graph.durable_files import atomic_write_bytes
from graph.errors import InvalidValue, NotFound
from graph.evidence.document import build, intel_items
from graph.evidence.gather import gather
from graph.evidence.manifest import canonical, evidence_listing, write_package
from graph.evidence.pdf_sections import render_package
from graph.evidence.timeline import iso, latest
from graph.reference.forces import forces_by_code

ENDPOINT = "cli:evidence"
JSON_FILE, PDF_FILE = "package.json", "package.pdf"
CONTACT_FIELDS = ("name", "postcode", "email", "phone")


@dataclass(frozen=True, slots=True)
class Package:
    """A package's files before they are signed, and what its manifest says about it."""

    case_id: str
    recipient: dict[str, str]
    as_of: datetime
    content: dict[str, Any]
    files: dict[str, bytes]
    evidence_files: list[dict[str, Any]]  # sent with its reports: listed, never included
    withheld_files: list[dict[str, Any]] = field(default_factory=list)  # not cleared by a scan

    @property
    def about(self) -> dict[str, Any]:
        about: dict[str, Any] = {
            "case_id": self.case_id, "recipient": self.recipient, "as_of": iso(self.as_of),
            "evidence_files": evidence_listing(self.evidence_files),
        }  # fmt: skip
        if self.withheld_files:  # held unscanned or quarantined (graph/attachments/scanning.py)
            about["evidence_files_withheld"] = sorted(
                self.withheld_files, key=lambda f: f["sha256"]
            )
        return about


@dataclass(frozen=True, slots=True)
class Produced:
    folder: Path
    receipt: Path
    manifest_sha256: str
    key_fingerprint: str
    as_of: datetime
    recipient: dict[str, str]
    audit_seq: int


def assigned_force(graph: Graph, case_id: str) -> str:
    """The force a case is assigned to (the default recipient)."""
    forces = graph.read(load_query("cases/case_forces"), case_id=case_id)
    lead = [r["code"] for r in forces if r["how"] == "ASSIGNED_TO"]
    if not lead:
        raise NotFound(f"case {case_id!r} does not exist or is assigned to no force: name one")
    return str(lead[0])


def package(
    graph: Graph, case_id: str, recipient_force: str, as_of: datetime | None = None
) -> Package:
    """The package's files for ``recipient_force``, unsigned (see the module docstring)."""
    state = gather(graph, case_id, recipient_force)
    intel = intel_items(state.record)
    recorded = latest(
        state.record,
        state.reports,
        state.identities,
        state.referrals,
        [i["updated_at"] for i in intel],
    )
    if recorded is None:
        raise NotFound(f"case {case_id!r} records nothing yet")
    if as_of is None:
        as_of = recorded
    elif as_of.astimezone(UTC) < recorded:
        raise InvalidValue("as_of", f"is before {iso(recorded)}, the latest time the case records")
    as_of = as_of.astimezone(UTC)
    view = cases_store.view(graph, case_id, as_of)
    names = {code: force.name for code, force in forces_by_code().items()}
    content = build(state, view, as_of, names)
    files = {JSON_FILE: canonical(content), PDF_FILE: render_package(content)}
    recipient = {
        "code": state.record["recipient"]["code"],
        "name": state.record["recipient"]["name"],
    }
    return Package(
        case_id, recipient, as_of, content, files, state.evidence_files, state.withheld_files
    )


def produce(
    graph: Graph,
    case_id: str,
    out: Path,
    *,
    actor: str,
    key: Ed25519PrivateKey,
    audit_log: AuditLog,
    recipient_force: str | None = None,
    as_of: datetime | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Produced:
    """Write the signed package into ``out`` (new or empty), log the disclosure, write the
    receipt."""
    if not actor.strip():
        raise InvalidValue("actor", "is required: the audit trail must say who produced it")
    code = recipient_force or assigned_force(graph, case_id)
    made = package(graph, case_id, code, as_of)
    written = write_package(out, made.files, made.about, key)
    try:
        record = audit_log.append(disclosure(made, actor, written.manifest_sha256), now=now())
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    receipt = out.with_name(out.name + ".receipt.json")
    atomic_write_bytes(
        receipt,
        canonical(
            {
                "case_id": case_id,
                "recipient": made.recipient,
                "as_of": iso(made.as_of),
                "manifest_sha256": written.manifest_sha256,
                "signing_key": written.key_fingerprint,
                "produced_by": actor,
                "produced_at": iso(record.logged_at),
                "audit": {"seq": record.seq, "hash": record.hash},
            }
        ),
    )
    return Produced(
        out,
        receipt,
        written.manifest_sha256,
        written.key_fingerprint,
        made.as_of,
        made.recipient,
        record.seq,
    )


def disclosure(made: Package, actor: str, manifest_sha256: str) -> AuditEvent:
    """The audit record: who, to which force, which case, people and fields, which manifest."""
    content = made.content
    people: dict[tuple[str, ...], list[str]] = {}
    for report in content["reports"]:
        for party in report["parties"]:
            fields = tuple(f for f in CONTACT_FIELDS if party.get(f) is not None)
            if fields and party["id"] not in people.setdefault(fields, []):
                people[fields].append(party["id"])
    accessed = [
        Accessed(
            kind="Case",
            ids=(made.case_id,),
            fields=tuple(k for k in sorted(content) if k not in ("schema", "case_id")),
        ),
        Accessed(kind="Report", ids=tuple(r["id"] for r in content["reports"])),
        *(
            Accessed(kind="Person", ids=tuple(ids), fields=fields)
            for fields, ids in sorted(people.items())
        ),
    ]
    return AuditEvent(
        operation=Operation.DISCLOSURE,
        actor=actor,
        role="admin",
        endpoint=ENDPOINT,
        accessed=tuple(accessed),
        recipients=(made.recipient["name"],),
        details={
            "manifest_sha256": manifest_sha256,
            "recipient_force": made.recipient["code"],
            "as_of": iso(made.as_of),
        },
    )
