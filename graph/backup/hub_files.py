"""The hub's own files in a backup: the intake journal, the audit trail, NIM watermarks, and
the evidence store (files people sent with their reports).

Each is copied the way its writers allow: the audit trail under its append lock (a copy never
holds half a record), the journal's files by their complete lines (an append may be under way,
and a drain may rename ``pending.jsonl`` aside: the listing is taken again until it is steady),
and each export folder's ``state.json`` under the export's lock.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.audit.log import AuditLog
from graph.backup.manifest import BackupError, sha256_of
from graph.durable_files import fsync_dir, write_synced
from graph.errors import Conflict
from graph.intel import export_state

JOURNAL_GLOB = "*.jsonl"
# The journal's quarantine (``quarantine.jsonl`` and the ``quarantine-reviewed-*`` files kept by
# ``ingest/journal.py``, named there): lines set aside for an operator, never replayed, so they
# are not entries waiting for the graph. graph/ may not import ingest/; a test ties the names.
QUARANTINE_PREFIX = "quarantine"
LOCK_WAIT_S = 60.0


def _complete_lines(path: Path) -> bytes:
    data = path.read_bytes()
    return data[: data.rfind(b"\n") + 1]


def _journal_names(journal_dir: Path) -> list[str]:
    return sorted(p.name for p in journal_dir.glob(JOURNAL_GLOB)) if journal_dir.is_dir() else []


def copy_journal(journal_dir: Path, into: Path) -> list[Path]:
    """Copy the journal's files (complete lines only) into ``into``; the files written."""
    for _attempt in range(10):
        names = _journal_names(journal_dir)
        copies: dict[str, bytes] = {}
        try:
            for name in names:
                copies[name] = _complete_lines(journal_dir / name)
        except FileNotFoundError:
            continue  # renamed or drained while read: list again
        if _journal_names(journal_dir) == names:
            break
    else:
        raise BackupError(f"the journal in {journal_dir} kept changing; try again")
    written = []
    for name, data in copies.items():
        if data:
            into.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_synced(into / name, data)
            written.append(into / name)
    return written


def _count_lines(paths: list[Path]) -> int:
    return sum(sum(1 for line in p.read_bytes().splitlines() if line.strip()) for p in paths)


def journal_counts(paths: list[Path]) -> dict[str, int]:
    """Lines of a copied journal: ``entries`` (waiting to be written to the graph) and
    ``quarantined`` (set aside for an operator)."""
    quarantine = [p for p in paths if p.name.startswith(QUARANTINE_PREFIX)]
    waiting = [p for p in paths if not p.name.startswith(QUARANTINE_PREFIX)]
    return {"entries": _count_lines(waiting), "quarantined": _count_lines(quarantine)}


@contextmanager
def _audit_locked(log: AuditLog) -> Iterator[None]:
    """Hold the audit log's append lock (the one :class:`AuditLog` takes), so no record is
    half-written while the log is read."""
    if not log.lock_path.parent.exists():
        yield
        return
    fd = os.open(log.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def copy_audit(audit_log: Path, into: Path) -> tuple[Path, dict[str, Any]] | None:
    """Copy the whole audit log, then check the copy's chain; ``None`` if there is no log. A
    broken log is still copied (it is evidence), and the summary says it is broken."""
    log = AuditLog(audit_log)
    with _audit_locked(log):
        if not audit_log.is_file():
            return None
        data = audit_log.read_bytes()
    into.mkdir(mode=0o700, parents=True, exist_ok=True)
    copy = into / audit_log.name
    write_synced(copy, data)
    check = AuditLog(copy).verify()
    summary = {
        "file": audit_log.name,
        "records": check.records,
        "last_hash": check.last_hash,
        "intact": check.ok,
        "verify": str(check),
    }
    return copy, summary


def copy_nim_state(nim_dir: Path, into: Path) -> Path | None:
    """Copy an export folder's ``state.json`` under its lock (waiting for a running export);
    ``None`` if the folder has no state yet."""
    if not nim_dir.is_dir():
        raise BackupError(f"no export folder {nim_dir}")
    deadline = time.monotonic() + LOCK_WAIT_S
    while True:
        try:
            with export_state.locked(nim_dir):
                state = nim_dir / export_state.STATE_FILE
                if not state.is_file():
                    return None
                data = state.read_bytes()
            break
        except Conflict:
            if time.monotonic() > deadline:
                raise BackupError(
                    f"an export in {nim_dir} ran for over {LOCK_WAIT_S:.0f}s"
                ) from None
            time.sleep(1)
    into.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_synced(into / export_state.STATE_FILE, data)
    return into / export_state.STATE_FILE


_SHA256_NAME = re.compile(r"[0-9a-f]{64}")


def _evidence_files(root: Path) -> list[Path]:
    """The store's files: ``ab/cd/<sha256>``. Each is written whole and renamed into place,
    so every one found is complete; a writer's temporary file is left out."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("??/??/*") if p.is_file() and _SHA256_NAME.fullmatch(p.name))


def copy_evidence(evidence_dir: Path, into: Path) -> int:
    """Copy the evidence store into ``into``, in its own layout; how many files."""
    found = _evidence_files(evidence_dir)
    for path in found:
        copy_file(path, into / path.relative_to(evidence_dir))
    return len(found)


# -- restore ------------------------------------------------------------------------------------


def restore_evidence(source: Path, evidence_dir: Path) -> int:
    """Put the backup's evidence files back; how many were placed. A file already there holds
    the same bytes (its name is their hash) and is left as it is; each copy's bytes are checked
    against its name first."""
    placed = 0
    for path in _evidence_files(source):
        target = evidence_dir / path.relative_to(source)
        if target.exists():
            continue
        if sha256_of(path) != path.name:
            raise BackupError(f"evidence/{path.relative_to(source)}: its bytes are not its name")
        _place(path, target)
        placed += 1
    return placed


def _place(source: Path, target: Path) -> None:
    """Copy ``source`` to the new file ``target`` (0600, folder 0700), fsync'd."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_synced(target, source.read_bytes())
    os.chmod(target, 0o600)
    fsync_dir(target.parent)


def restore_journal(files: list[Path], journal_dir: Path) -> None:
    clashes = [f.name for f in files if (journal_dir / f.name).exists()]
    if clashes:
        raise BackupError(
            f"the journal in {journal_dir} already holds {', '.join(clashes)}: let the API drain "
            "it (ohch ingest drain) or move it aside first"
        )
    for source in files:
        _place(source, journal_dir / source.name)


def restore_audit(source: Path, audit_log: Path, *, replace: bool) -> Path | None:
    """Put the audit log back; an existing non-empty log is never deleted: refused, or with
    ``replace`` renamed aside (returned) for the incident record."""
    aside = None
    if audit_log.exists() and audit_log.stat().st_size > 0:
        if not replace:
            raise BackupError(
                f"{audit_log} already holds records; restore with --replace to keep it aside "
                "and put the backup's in its place"
            )
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = audit_log.with_name(f"{audit_log.name}.replaced-{stamp}")
        audit_log.rename(aside)
    elif audit_log.exists():
        audit_log.unlink()
    _place(source, audit_log)
    check = AuditLog(audit_log).verify()
    if not check.ok:
        raise BackupError(f"the restored audit log does not verify: {check}")
    return aside


def restore_nim_state(source: Path, nim_dir: Path, *, replace: bool) -> None:
    target = nim_dir / export_state.STATE_FILE
    with export_state.locked(nim_dir):
        if target.exists():
            if not replace:
                raise BackupError(f"{target} exists; restore with --replace to overwrite it")
            target.unlink()
        _place(source, target)


def tree_private(root: Path) -> None:
    """Every folder under ``root`` 0700 and every file 0600."""
    for path in [root, *root.rglob("*")]:
        os.chmod(path, 0o700 if path.is_dir() else 0o600)


def copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
