"""The audit log on disk: one JSON Lines file that is only ever appended to.

Several API workers and the CLI append to the same file. Each append takes an exclusive
``flock`` on a sidecar file (``<log>.lock``), reads the last record from the end of the file,
seals the new records after it, writes them in one ``write`` and fsyncs before returning: an
act that was logged survives a crash. The log, its lock and its folder are created readable by
the hub's user only (0600, 0700).

If the last line is damaged (a torn write, an edit), appending refuses with
:class:`AuditLogDamaged` rather than chain new records to something unverifiable;
``docs/OPERATIONS.md`` says what to do.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from graph.audit import chain
from graph.audit.records import AuditEvent, AuditRecord, Operation
from graph.durable_files import append_synced, fsync_dir
from graph.errors import AuditUnavailable, Conflict, OhchError
from graph.times import utc_iso

log = logging.getLogger("ohch.audit")
BLOCK = 1 << 16
EXPORT_SCHEMA = "ohch-audit-export/1"


class AuditLogDamaged(OhchError):
    """A line of the log is not a sound record: nothing is chained after a damaged last line,
    and a broken log is not exported."""


class AuditLog:
    """The audit trail at ``path``; the file and its folder are created on first append."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")

    def append(self, event: AuditEvent, *, now: datetime | None = None) -> AuditRecord:
        """Seal ``event`` as the next record and make it durable; ``now`` defaults to the
        time the lock was taken, so records are logged in time order."""
        return self.append_many([event], now=now)[0]

    def append_many(
        self, events: Sequence[AuditEvent], *, now: datetime | None = None
    ) -> list[AuditRecord]:
        """Seal several events in order under one lock, written and fsync'd once."""
        if not events:
            return []
        try:
            return self._append(events, now)
        except (OSError, AuditLogDamaged) as error:
            log.error("the audit trail at %s cannot be written: %s", self.path, error)
            raise AuditUnavailable(
                "the audit trail cannot be written, so the result is withheld; "
                "the hub's operators have been told (try again later)"
            ) from None

    def _append(self, events: Sequence[AuditEvent], now: datetime | None) -> list[AuditRecord]:
        with self._locked():
            seq, prev_hash = self._tail()
            logged_at = now if now is not None else datetime.now(UTC)
            sealed = []
            for event in events:
                seq += 1
                record = chain.seal(event, seq, logged_at, prev_hash)
                sealed.append(record)
                prev_hash = record.hash
            append_synced(self.path, b"".join(chain.line_bytes(r) for r in sealed), mode=0o600)
        return sealed

    def records(self) -> Iterator[AuditRecord]:
        """Every record, oldest first; ``AuditLogDamaged`` at a line that is not a record
        (run :meth:`verify` to check the chain itself)."""
        for number, line in self._lines():
            try:
                yield chain.parse_line(line)
            except ValueError as exc:
                raise AuditLogDamaged(f"{self.path} line {number}: {exc}") from None

    def verify(self) -> chain.Verification:
        """Check the whole chain; see :func:`graph.audit.chain.verify`."""
        return chain.verify(line for _, line in self._lines())

    def search(
        self,
        *,
        entity_id: str | None = None,
        actor: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        operation: Operation | None = None,
        limit: int = 1000,
        after_seq: int = 0,
    ) -> list[AuditRecord]:
        """Records matching every filter given (``since <= logged_at < until``), oldest
        first, at most ``limit`` of those after ``after_seq`` (a page's last): "who looked
        at this victim", "what did this user see".

        It scans the file: fine to tens of millions of lines; beyond that, index it.
        """
        found: list[AuditRecord] = []
        for record in self.records():
            if len(found) >= limit:
                break
            if (
                record.seq > after_seq
                and (entity_id is None or record.touches(entity_id))
                and (actor is None or record.actor == actor)
                and (since is None or record.logged_at >= since)
                and (until is None or record.logged_at < until)
                and (operation is None or record.operation == operation)
            ):
                found.append(record)
        return found

    def export(self, out: Path, since: datetime, until: datetime) -> dict[str, Any]:
        """Write the records with ``since <= logged_at < until`` to ``out``, each line exactly as
        in the log, and a manifest to ``out.manifest.json`` (both new files, 0600); return the
        manifest. The whole chain is verified on the way: a broken log is not exported.

        The manifest names the period's first and last ``seq``, the hash of its last record
        and the chain's head at the time, so a later verify can show the log still holds them.
        """
        manifest_path = out.with_name(out.name + ".manifest.json")
        for path in (out, manifest_path):
            if path.exists():
                raise Conflict(f"{path} exists; an export is never overwritten")
        sha, size, count = hashlib.sha256(), 0, 0
        first_seq: int | None = None
        last: AuditRecord | None = None
        head_seq, head_hash = 0, chain.GENESIS
        f = _private_file(out)
        try:
            with f:
                for number, line in self._lines():
                    checked = chain.check_line(line, head_hash, head_seq + 1)
                    if not isinstance(checked, AuditRecord):
                        problem, detail = checked
                        raise AuditLogDamaged(f"{self.path} line {number}: {problem} ({detail})")
                    head_seq, head_hash = checked.seq, checked.hash
                    if since <= checked.logged_at < until:
                        f.write(line)
                        sha.update(line)
                        size += len(line)
                        count += 1
                        first_seq = checked.seq if first_seq is None else first_seq
                        last = checked
                f.flush()
                os.fsync(f.fileno())
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        manifest: dict[str, Any] = {
            "schema_version": EXPORT_SCHEMA,
            "period": {"since": utc_iso(since), "until": utc_iso(until)},
            "file": {"name": out.name, "bytes": size, "sha256": sha.hexdigest()},
            "records": count,
            "first_seq": first_seq,
            "last_seq": None if last is None else last.seq,
            "last_hash": None if last is None else last.hash,
            "chain": {"records": head_seq, "last_hash": head_hash},
        }
        with _private_file(manifest_path) as f:
            f.write(orjson.dumps(manifest, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2))
            f.write(b"\n")
            f.flush()
            os.fsync(f.fileno())
        fsync_dir(out.parent)
        return manifest

    def _lines(self) -> Iterator[tuple[int, bytes]]:
        if not self.path.exists():
            return
        with self.path.open("rb") as f:
            yield from enumerate(f, start=1)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if not self.path.parent.exists():
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _tail(self) -> tuple[int, str]:
        """(seq, hash) of the last record, read from the end of the file."""
        line = _last_line(self.path)
        if line is None:
            return 0, chain.GENESIS
        try:
            last = chain.parse_line(line)
        except ValueError as exc:
            raise AuditLogDamaged(f"{self.path}: the last line is not a record: {exc}") from None
        checked = chain.check_line(line, last.prev_hash, last.seq)
        if not isinstance(checked, AuditRecord):
            problem, detail = checked
            raise AuditLogDamaged(f"{self.path}: the last record is {problem}: {detail}")
        return last.seq, last.hash


def _last_line(path: Path) -> bytes | None:
    """The file's last line with its newline (None for an empty or missing file), read
    backwards in blocks: appending costs the same however long the log grows."""
    try:
        f = path.open("rb")
    except FileNotFoundError:
        return None
    with f:
        end = f.seek(0, os.SEEK_END)
        if end == 0:
            return None
        tail = b""
        position = end
        while position > 0:
            step = min(BLOCK, position)
            position -= step
            f.seek(position)
            tail = f.read(step) + tail
            start = tail.rfind(b"\n", 0, len(tail) - 1)
            if start >= 0:
                return tail[start + 1 :]
        return tail


def _private_file(path: Path) -> BinaryIO:
    """A new file readable by the hub's user only (it fails if ``path`` exists)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
