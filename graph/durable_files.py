"""Writes that survive a crash: fsync'd appends, creates and atomic replacements.

Used wherever the hub promises durability on disk: the intake journal (a 202 means the referral
is on disk), the disclosure log (DPA 2018 s62) and the NIM export's state and files. A new
file's directory entry is fsync'd too, or the file itself could vanish in a crash.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077


def keep_files_private() -> None:
    """From now on this process (and what it starts: the local Neo4j) creates files 0600 and
    folders 0700: the hub's data, journal, exports and audit trail are its user's alone."""
    os.umask(PRIVATE_UMASK)


def create_private(path: Path, data: bytes) -> bool:
    """Write ``data`` to a new file (0600, its folder 0700 if made) and fsync it; False, and
    nothing written, when the file exists already (another process made it first: use theirs).
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return True


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def append_synced(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Append ``data`` to ``path`` (created with ``mode``, folder too) and fsync before return."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, mode)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        fsync_dir(path.parent)


def write_synced(path: Path, data: bytes) -> None:
    """Create ``path`` (it must not exist) with ``data`` and fsync it."""
    with path.open("xb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a crash leaves either the old or the new file."""
    temp = path.with_name(f".{path.name}.tmp")
    with temp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)
    fsync_dir(path.parent)
