"""Write one NIM export: the graded items of a period, for one destination.

The caller streams already-sanitised items ordered by ``(updated_at, id)`` whose
``updated_at`` lies in the period ``(since, until]``. The writer:

* never holds more than one item: files are written and hashed as items arrive;
* withholds items with handling code C from a destination not cleared for C, counting them;
* writes into ``OUT/.staging`` and renames the finished folder into
  ``OUT/exports/<destination>/<period>`` in one step, so a crash (or an exception from the
  item iterator) leaves no partial export; the next run clears the staging area;
* is idempotent: the data files and ``manifest.json`` depend only on the items, the period
  and the destination, so a rerun yields byte-identical files. The run's time and actor go
  to ``run.json`` (not in the manifest) and to the audit trail;
* refuses (:class:`Conflict`) to replace an existing export of the same period whose content
  differs: what was disclosed stays as it was;
* logs the disclosure (DPA 2018 s62) to the audit trail (``graph/audit/``) on every run,
  an identical rerun too (``already_exported: 1``), then advances the watermark.

Order of durable steps: rename -> audit record -> watermark. A crash between any two is
repaired by rerunning the same period.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict

from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.durable_files import fsync_dir, write_synced
from graph.errors import Conflict, InvalidInput, InvalidValue, Problem
from graph.intel import export_state
from graph.intel.destinations import Destination
from graph.intel.export_files import ENTITY_FILES, SCHEMA_VERSION, ExportFiles
from graph.intel.sanitise import SanitisedItem
from graph.times import utc_iso
from graph.viewer import Role

MANIFEST = "manifest.json"
RUN = "run.json"
ENDPOINT = "cli:export nim"  # the audit trail's name for where the disclosure was made


def _stamp(moment: datetime) -> str:
    """``20260101T120000Z`` (microseconds only when present): safe in a folder name."""
    moment = moment.astimezone(UTC)
    micro = f".{moment.microsecond:06d}" if moment.microsecond else ""
    return moment.strftime("%Y%m%dT%H%M%S") + micro + "Z"


@dataclass(frozen=True, slots=True)
class ExportPeriod:
    """Items with ``since < updated_at <= until``; ``since=None`` means from the beginning."""

    since: datetime | None
    until: datetime

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise InvalidValue(f"period.{name}", "must include a timezone")
        if self.since is not None and self.since >= self.until:
            raise InvalidValue("period.until", "must be after period.since")

    def contains(self, moment: datetime) -> bool:
        return (self.since is None or moment > self.since) and moment <= self.until

    @property
    def name(self) -> str:
        since = "start" if self.since is None else _stamp(self.since)
        return f"{since}--{_stamp(self.until)}"

    def as_json(self) -> dict[str, str | None]:
        since = None if self.since is None else utc_iso(self.since)
        return {"since": since, "until": utc_iso(self.until)}


class ExportCounts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    items_exported: int
    items_withheld_handling_c: int
    persons: int
    objects: int
    locations: int
    events: int
    relationships: int


@dataclass(frozen=True, slots=True)
class ExportResult:
    export_dir: Path
    manifest_sha256: str
    counts: ExportCounts
    watermark: datetime
    already_existed: bool  # True when a rerun found the identical export in place


def next_period(
    out_dir: Path, destination_id: str, until: datetime, since: datetime | None = None
) -> ExportPeriod:
    """The period to export next: from ``since`` if given (``--since``), else from the stored
    watermark of ``destination_id``, else from the beginning; up to ``until``."""
    start = since if since is not None else export_state.read_watermark(out_dir, destination_id)
    return ExportPeriod(since=start, until=until)


def export_nim(
    items: Iterable[SanitisedItem],
    *,
    period: ExportPeriod,
    destination: Destination,
    out_dir: Path,
    actor: str,
    audit_log: AuditLog,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> ExportResult:
    """Write the export of ``period`` for ``destination`` under ``out_dir``; see module doc."""
    if not actor.strip():
        raise InvalidValue("actor", "is required: the audit trail must say who exported")
    started = now()
    destination.check_valid_on(started.date())
    final = out_dir / export_state.EXPORTS / destination.id / period.name
    with export_state.locked(out_dir):
        work = export_state.fresh_staging(out_dir) / period.name
        try:
            work.mkdir()
            counts, digests = _write_files(items, period, destination, work)
            manifest = _manifest_bytes(period, destination, counts, digests)
            write_synced(work / MANIFEST, manifest)
            digest = _sha256(manifest)
            run = {
                "actor": actor,
                "finished_at": utc_iso(now()),
                "manifest_sha256": digest,
                "started_at": utc_iso(started),
            }
            run_bytes = orjson.dumps(run, option=orjson.OPT_SORT_KEYS) + b"\n"
            write_synced(work / RUN, run_bytes)
            fsync_dir(work)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        already = _place(work, final, manifest)
        audit_log.append(
            _disclosure(actor, destination, period, counts, digest, already), now=now()
        )
        watermark = export_state.advance_watermark(out_dir, destination.id, period.until)
    return ExportResult(final, digest, counts, watermark, already)


def _disclosure(
    actor: str,
    destination: Destination,
    period: ExportPeriod,
    counts: ExportCounts,
    digest: str,
    already: bool,
) -> AuditEvent:
    """The audit record of one export: who, to whom, which export, and what it held."""
    return AuditEvent(
        operation=Operation.DISCLOSURE,
        actor=actor,
        role=Role.EXPORTER,
        endpoint=ENDPOINT,
        accessed=(Accessed(kind="intelligence", ids=(f"{destination.id}/{period.name}",)),),
        recipients=destination.recipients,
        details={
            "destination_id": destination.id,
            "manifest_sha256": digest,
            "items_exported": counts.items_exported,
            "items_withheld": counts.items_withheld_handling_c,
            "period_since": period.as_json()["since"],
            "period_until": period.as_json()["until"],
            "schema_version": SCHEMA_VERSION,
            "already_exported": int(already),
        },
    )


def _write_files(
    items: Iterable[SanitisedItem], period: ExportPeriod, destination: Destination, work: Path
) -> tuple[ExportCounts, dict[str, dict[str, Any]]]:
    files = ExportFiles(work)
    tally = dict.fromkeys(ENTITY_FILES, 0)
    exported = withheld = relationships = 0
    previous: tuple[datetime, str] | None = None
    try:
        for index, sanitised in enumerate(items):
            item = sanitised.item
            if not period.contains(item.updated_at):
                raise InvalidInput([Problem(f"items[{index}].updated_at", "outside the period")])
            if previous is not None and item.sort_key <= previous:
                message = f"item {item.id!r} is not after the previous one in (updated_at, id)"
                raise InvalidInput([Problem(f"items[{index}]", message)])
            previous = item.sort_key
            if not destination.receives(item.grade.handling_code):
                withheld += 1  # only C can be refused: every destination is cleared for P
                continue
            files.write_item(item.model_dump(mode="json"))
            exported += 1
            relationships += len(item.relationships)
            for entity in item.entities:
                tally[entity.kind] += 1
    except BaseException:
        files.abandon()
        raise
    digests = files.close()
    counts = ExportCounts(
        items_exported=exported,
        items_withheld_handling_c=withheld,
        persons=tally["person"],
        objects=tally["object"],
        locations=tally["location"],
        events=tally["event"],
        relationships=relationships,
    )
    return counts, digests


def _manifest_bytes(
    period: ExportPeriod,
    destination: Destination,
    counts: ExportCounts,
    digests: dict[str, dict[str, Any]],
) -> bytes:
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "destination": {
            "id": destination.id,
            "cleared_for_handling_codes": sorted(destination.cleared_for_handling_codes),
        },
        "period": period.as_json(),
        "counts": {
            **counts.model_dump(exclude={"items_withheld_handling_c"}),
            "items_withheld": {"handling_code_C": counts.items_withheld_handling_c},
        },
        "files": digests,
    }
    return orjson.dumps(manifest, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _place(work: Path, final: Path, manifest: bytes) -> bool:
    """Rename ``work`` to ``final``; True if an identical export was already there."""
    if final.exists():
        shutil.rmtree(work, ignore_errors=True)
        if (final / MANIFEST).read_bytes() == manifest:
            return True
        raise Conflict(
            f"export {final.parent.name}/{final.name} exists with different content; "
            "a disclosed export is never replaced"
        )
    final.parent.mkdir(parents=True, exist_ok=True)
    work.rename(final)
    fsync_dir(final.parent)
    return False


def verify_export(export_dir: Path) -> list[str]:
    """Files whose SHA-256 or size no longer match the manifest (empty list: all good)."""
    manifest = orjson.loads((export_dir / MANIFEST).read_bytes())
    bad = []
    for name, expected in sorted(manifest["files"].items()):
        sha = hashlib.sha256()
        size = 0
        with (export_dir / name).open("rb") as f:
            for block in iter(lambda: f.read(1 << 16), b""):
                sha.update(block)
                size += len(block)
        if sha.hexdigest() != expected["sha256"] or size != expected["bytes"]:
            bad.append(name)
    return bad
