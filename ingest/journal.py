"""A durable, append-only local journal for referrals accepted while Neo4j is unreachable.

``append`` writes one JSON line and fsyncs it before the caller answers 202, so an accepted
referral survives a crash of the API or the machine. ``drain`` renames the live file aside
(appends go on into a fresh one) and replays what it holds through an idempotent writer; a file
is deleted only after every entry in it is written, so a crash mid-drain replays it again, and
the intake key makes the replay exactly-once.

Several processes may share one journal folder (``ohch serve --workers``, several containers on
one volume). Two ``fcntl.flock`` locks in the folder keep them apart:

- ``.append.lock``, held for one append, one rotation or one scan: lines from several
  processes never interleave, and a rotation never splits an append;
- ``.drain.lock``, held for a whole drain: one drainer at a time, so no entry is written twice
  (a process that finds it held skips its turn).

A torn last line (a crash or a full disk mid-append) is closed by the next append's newline and
never stops a drain: the bytes that are not an entry, and entries the writer cannot take, are
kept verbatim in ``quarantine.jsonl`` for an operator (``ohch journal quarantine``), and the
rest is replayed. A drain that fails (other than for Neo4j being down) leaves
``drain-failed.json`` (when, why) until one succeeds.
"""

from __future__ import annotations

import base64
import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from graph.durable_files import append_synced, atomic_write_bytes, fsync_dir
from graph.errors import GraphUnavailable

PENDING = "pending.jsonl"
DRAINING_PREFIX = "draining-"
QUARANTINE = "quarantine.jsonl"
REVIEWED_PREFIX = "quarantine-reviewed-"
DRAIN_FAILED = "drain-failed.json"
APPEND_LOCK = ".append.lock"
DRAIN_LOCK = ".drain.lock"
Entry = dict[str, Any]
Rejected = tuple[Entry, str]  # an entry the writer could not take, and why
Writer = Callable[[list[Entry]], Sequence[Rejected] | None]

log = logging.getLogger("ohch.journal")


@dataclass(frozen=True, slots=True)
class Quarantined:
    """Bytes of a journal file set aside: not an entry, or an entry that cannot be written."""

    quarantined_at: str
    file: str  # the journal file it came from
    line: int  # its line number there (from 1)
    reason: str
    data: bytes  # verbatim

    def record(self) -> bytes:
        return orjson.dumps(
            {
                "quarantined_at": self.quarantined_at,
                "file": self.file,
                "line": self.line,
                "reason": self.reason,
                "data": base64.b64encode(self.data).decode("ascii"),
            }
        )

    @classmethod
    def parse(cls, line: bytes) -> Quarantined:
        r = orjson.loads(line)
        return cls(
            r["quarantined_at"], r["file"], r["line"], r["reason"], base64.b64decode(r["data"])
        )


@dataclass(frozen=True, slots=True)
class DrainFailure:
    at: str
    error: str


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    data: bytes
    entry: Entry | None  # None: not an entry (torn, not JSON, not an object)
    problem: str = ""


def _read_lines(path: Path) -> Iterator[_Line]:
    try:
        with path.open("rb") as handle:
            for number, data in enumerate(handle, start=1):
                if not data.strip():
                    continue
                try:
                    entry = orjson.loads(data)
                except orjson.JSONDecodeError as error:
                    torn = "torn line (no newline)" if not data.endswith(b"\n") else "not JSON"
                    yield _Line(number, data, None, f"{torn}: {error}")
                    continue
                if not isinstance(entry, dict):
                    yield _Line(number, data, None, "not a journal entry (a JSON object)")
                    continue
                yield _Line(number, data, entry)
    except FileNotFoundError:  # drained and deleted by another process meanwhile
        return


class Journal:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()

    @property
    def pending_file(self) -> Path:
        return self.directory / PENDING

    @property
    def quarantine_file(self) -> Path:
        return self.directory / QUARANTINE

    @contextmanager
    def _flock(self, name: str, blocking: bool = True) -> Iterator[bool]:
        """Hold ``name``'s lock (exclusive, across processes); yields False, holding nothing,
        when not ``blocking`` and another holds it."""
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.directory / name, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True
        finally:
            os.close(fd)  # releases the lock

    def append(self, entry: Entry) -> None:
        line = orjson.dumps(entry) + b"\n"
        with self._lock, self._flock(APPEND_LOCK):
            if not _ends_a_line(self.pending_file):
                line = b"\n" + line  # close a torn line left by a crash: it stays on its own
            append_synced(self.pending_file, line)

    def backlog(self) -> int:
        """Lines waiting to be written to the graph (a torn one counts until quarantined)."""
        count = 0
        for path in self._files():
            try:
                with path.open("rb") as handle:
                    count += sum(1 for line in handle if line.strip())
            except FileNotFoundError:
                continue
        return count

    def waiting(self) -> bool:
        """Whether anything waits to be written, without reading it: asked on every live
        referral, where :meth:`backlog` would read the whole journal for a yes or no."""
        return bool(self._files())

    def find(self, wanted: Callable[[Entry], bool]) -> list[Entry]:
        """The entries waiting (live and draining) for which ``wanted`` is true, read while no
        append or rotation is under way, so none is missed between two files."""
        with self._lock, self._flock(APPEND_LOCK):
            return [
                line.entry
                for path in self._files()
                for line in _read_lines(path)
                if line.entry is not None and wanted(line.entry)
            ]

    @contextmanager
    def holding_drain(self) -> Iterator[None]:
        """No other drain runs meanwhile (waits for one under way): for writing entries found
        with :meth:`find` before the drainer does, never at the same time."""
        with self._flock(DRAIN_LOCK):
            yield

    def _files(self) -> list[Path]:
        if not self.directory.exists():
            return []
        draining = sorted(self.directory.glob(f"{DRAINING_PREFIX}*.jsonl"))
        return [*draining, self.pending_file] if self.pending_file.exists() else draining

    def _rotate(self) -> None:
        with self._lock, self._flock(APPEND_LOCK):
            if self.pending_file.exists():
                target = self.directory / f"{DRAINING_PREFIX}{time.time_ns():020d}.jsonl"
                self.pending_file.rename(target)
                fsync_dir(self.directory)

    def drain(self, write: Writer, batch_size: int = 500) -> int:
        """Replay every journalled entry through ``write`` (idempotent; it may return entries
        it could not take, and why: they are quarantined); returns how many it took. Lines
        that are not entries are quarantined and the rest replayed. Returns 0 at once while
        another process drains (that one writes them)."""
        if not self.directory.exists():
            return 0
        with self._flock(DRAIN_LOCK, blocking=False) as held:
            if not held:
                log.info("journal drain skipped: another process is draining")
                return 0
            try:
                drained = self._drain_held(write, batch_size)
            except GraphUnavailable:
                raise  # waiting for Neo4j, not a failure to drain
            except Exception as error:
                self._record_failure(error)
                raise
            self.drain_failed_file.unlink(missing_ok=True)
            return drained

    def _drain_held(self, write: Writer, batch_size: int) -> int:
        self._rotate()
        written = 0
        for path in sorted(self.directory.glob(f"{DRAINING_PREFIX}*.jsonl")):
            written += self._drain_file(path, write, batch_size)
        return written

    def _drain_file(self, path: Path, write: Writer, batch_size: int) -> int:
        """Replay one draining file, set its bad lines aside, then delete it."""
        aside: list[Quarantined] = []
        written = 0
        batch: list[_Line] = []
        for line in [*_read_lines(path), None]:  # None: the end, write what is left
            if line is not None and line.entry is None:
                aside.append(_aside(path, line.number, line.data, line.problem))
                continue
            if line is not None:
                batch.append(line)
            if batch and (line is None or len(batch) >= batch_size):
                by_entry = {id(b.entry): b for b in batch}
                rejected = write([b.entry for b in batch if b.entry is not None]) or []
                for entry, reason in rejected:
                    found = by_entry[id(entry)]
                    aside.append(_aside(path, found.number, found.data, reason))
                written += len(batch) - len(rejected)
                batch = []
        self._quarantine(aside)
        path.unlink()
        fsync_dir(self.directory)
        return written

    # -- quarantine ---------------------------------------------------------------------------

    def _quarantine(self, items: list[Quarantined]) -> int:
        """Keep ``items`` (fsync'd) before their file is deleted; a drain repeated after a
        crash finds them kept already and does not add them twice."""
        known = {(q.file, q.line) for q in self.quarantined()}
        new = [q for q in items if (q.file, q.line) not in known]
        if not new:
            return 0
        for q in new:
            log.error(
                "journal line set aside in %s: %s line %d: %s",
                self.quarantine_file, q.file, q.line, q.reason,
            )  # fmt: skip
        with self._flock(APPEND_LOCK):
            append_synced(self.quarantine_file, b"".join(q.record() + b"\n" for q in new))
        return len(new)

    def quarantined(self) -> list[Quarantined]:
        """What is set aside and not yet reviewed by an operator."""
        if not self.quarantine_file.exists():
            return []
        with self.quarantine_file.open("rb") as handle:
            return [Quarantined.parse(line) for line in handle if line.strip()]

    def clear_quarantine(self) -> Path | None:
        """Mark every quarantined line reviewed: the file moves aside, kept as it is (nothing
        is destroyed); returns where, or None when there was nothing."""
        with self._flock(APPEND_LOCK):
            if not self.quarantine_file.exists():
                return None
            target = self.directory / f"{REVIEWED_PREFIX}{time.time_ns():020d}.jsonl"
            self.quarantine_file.rename(target)
            fsync_dir(self.directory)
            return target

    # -- a drain that fails -------------------------------------------------------------------

    @property
    def drain_failed_file(self) -> Path:
        return self.directory / DRAIN_FAILED

    def _record_failure(self, error: Exception) -> None:
        now = datetime.now(UTC).isoformat()
        text = f"{type(error).__name__}: {error}"
        atomic_write_bytes(self.drain_failed_file, orjson.dumps({"at": now, "error": text}))

    def concerns(self) -> list[str]:
        """What an operator must look at, for ``/readyz``: a backlog the last drain could not
        write, and quarantined lines nobody has reviewed. Empty when all is well."""
        found = []
        failure = self.drain_failure()
        backlog = self.backlog()
        if failure is not None and backlog:
            found.append(
                f"{backlog} journalled referrals are not draining "
                f"(the last drain failed at {failure.at}: {failure.error})"
            )
        if quarantined := len(self.quarantined()):
            found.append(
                f"{quarantined} journal lines are quarantined and not yet reviewed "
                "(ohch journal quarantine list)"
            )
        return found

    def drain_failure(self) -> DrainFailure | None:
        """The last drain's failure, by any process, if no drain has succeeded since."""
        try:
            found = orjson.loads(self.drain_failed_file.read_bytes())
        except (FileNotFoundError, orjson.JSONDecodeError):
            return None
        return DrainFailure(found["at"], found["error"])


def _aside(path: Path, number: int, data: bytes, reason: str) -> Quarantined:
    return Quarantined(datetime.now(UTC).isoformat(), path.name, number, reason, data)


def _ends_a_line(path: Path) -> bool:
    """True when ``path`` is missing, empty or ends in a newline."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() == 0:
                return True
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == b"\n"
    except FileNotFoundError:
        return True
