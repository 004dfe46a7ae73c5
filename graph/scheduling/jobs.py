"""What each scheduled job does: the same work as its ``ohch`` command, returning a one-line
summary for the run's record and the log (counts only, never personal data)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

import orjson

from graph.attachments.blobs import DiskBlobStore
from graph.attachments.clamd import Scanner
from graph.attachments.rescan import rescan
from graph.audit.log import AuditLog
from graph.cypher import load_query
from graph.db import Graph, native, pages
from graph.dedup.relink import link_unlinked
from graph.identity.named_store import link_people_in_graph
from graph.identity.store import link_identities
from graph.intel.destinations import destination as find_destination
from graph.intel.from_case import items_in_period
from graph.intel.nim_export import export_nim, next_period
from graph.intel.retention import review_due
from graph.intel.sanitise import sanitise_all
from graph.limits.store import delete_expired
from graph.removals.reuploads import scan
from graph.scheduling.plan import JobName
from graph.settings import Settings
from graph.updates.channels import SmtpChannel, smtp_config
from graph.updates.delivery import deliver
from graph.updates.events import ChannelKind
from graph.updates.planning import find_due

ACTOR = "scheduler"
NIM_DESTINATION = "pnd"
REVIEW_BATCH = 1000

Work = Callable[[Graph, Settings, datetime], str]


def _link_duplicates(graph: Graph, settings: Settings, now: datetime) -> str:
    return f"linked {link_unlinked(graph)} reports"


def _link_identities(graph: Graph, settings: Settings, now: datetime) -> str:
    run = link_identities(graph, at=now)
    return f"{len(run.added)} new judgements; {len(run.review_queue)} pairs for review"


def _link_people(graph: Graph, settings: Settings, now: datetime) -> str:
    run = link_people_in_graph(graph, at=now)
    return f"{len(run.added)} new judgements; {len(run.review_queue)} pairs for review"


def _scan_reuploads(graph: Graph, settings: Settings, now: datetime) -> str:
    raised = scan(graph, now, settings.reupload_image_distance)
    return f"{raised} re-upload alerts raised or already open"


def _complainant_updates(graph: Graph, settings: Settings, now: datetime) -> str:
    found = find_due(graph, now)
    config = smtp_config(settings)
    if config is None:
        return f"{found.new} new messages; no channel configured (OHCH_SMTP_HOST): none sent"
    done = deliver(
        graph, {ChannelKind.EMAIL: SmtpChannel(config)}, AuditLog(settings.audit_log), now
    )
    return (
        f"{found.new} new messages; {done.sent} sent, {done.retrying} to retry, "
        f"{done.failed} failed"
    )


def _retention_review(graph: Graph, settings: Settings, now: datetime) -> str:
    """Work out each intelligence item's MoPI review date and count those due by today."""
    marked = due = 0
    batch: list[dict[str, object]] = []
    today = now.date()

    def flush() -> None:
        nonlocal marked
        if batch:
            rows = graph.write(load_query("scheduling/mark_review_due"), items=list(batch))
            marked += int(rows[0]["marked"])
            batch.clear()

    query = load_query("scheduling/intel_items_page")
    for row in pages(graph, query, key="id", page=REVIEW_BATCH):
        item = orjson.loads(row["item"])
        decision = review_due(
            datetime.fromisoformat(item["created_at"]),
            item.get("retention_group"),
            native(row["last_reviewed_at"]),
        )
        due += decision.due_on <= today
        batch.append(
            {"id": row["id"], "due_on": decision.due_on, "explanation": decision.explanation}
        )
        if len(batch) >= REVIEW_BATCH:
            flush()
    flush()
    return f"{marked} items reviewed for retention; {due} due for MoPI review by {today}"


def _nim_export(graph: Graph, settings: Settings, now: datetime) -> str:
    out = settings.nim_export_dir
    if out is None:
        return "skipped: OHCH_NIM_EXPORT_DIR is not set"
    target = find_destination(NIM_DESTINATION)
    period = next_period(out, target.id, until=now)
    result = export_nim(
        sanitise_all(items_in_period(graph, period.since, period.until)),
        period=period, destination=target, out_dir=out, actor=ACTOR,
        audit_log=AuditLog(settings.audit_log),
    )  # fmt: skip
    state = "already exported" if result.already_existed else "written"
    return f"{state}: {result.counts.items_exported} items to {target.id} up to {period.until}"


def _clean_limits(graph: Graph, settings: Settings, now: datetime) -> str:
    """Delete the shared rate and attempt counters that can no longer refuse anything."""
    return f"{delete_expired(graph, now.timestamp())} expired rate and attempt counters deleted"


def _rescan_evidence(graph: Graph, settings: Settings, now: datetime) -> str:
    """Scan evidence files held unscanned again (graph/attachments/rescan.py)."""
    done = rescan(
        graph, DiskBlobStore(settings.evidence_dir), Scanner.of(settings),
        AuditLog(settings.audit_log), now,
    )  # fmt: skip
    return str(done)


JOBS: Mapping[JobName, Work] = {
    JobName.LINK_DUPLICATES: _link_duplicates,
    JobName.LINK_IDENTITIES: _link_identities,
    JobName.LINK_PEOPLE: _link_people,
    JobName.SCAN_REUPLOADS: _scan_reuploads,
    JobName.COMPLAINANT_UPDATES: _complainant_updates,
    JobName.RETENTION_REVIEW: _retention_review,
    JobName.NIM_EXPORT: _nim_export,
    JobName.CLEAN_LIMITS: _clean_limits,
    JobName.RESCAN_EVIDENCE: _rescan_evidence,
}
