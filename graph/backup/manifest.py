"""The backup's manifest: what it holds and each file's SHA-256, written last.

A folder without ``manifest.json`` is an unfinished backup, and a restore refuses it; so it
does a backup whose files differ from what the manifest says, or that holds files it does
not name.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from graph.durable_files import fsync_dir, write_synced
from graph.errors import OhchError

FORMAT = "ohch-backup/1"
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class BackupError(OhchError):
    """A backup cannot be made or restored as asked; nothing was changed that the message
    does not name."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Manifest:
    """What a backup holds. ``files`` maps each file's path in the backup to its size and hash."""

    created_at: str
    ohch_version: str
    neo4j_version: str | None
    database: str
    graph: dict[str, Any] | None  # method, file; None: the graph was left out
    journal: dict[str, Any]  # files, entries, quarantined
    audit: dict[str, Any] | None  # file, records, last_hash, intact; None: no audit log yet
    nim: list[dict[str, str]] = field(default_factory=list)  # original folder, file
    evidence: dict[str, Any] = field(default_factory=dict)  # files (under evidence/)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    format: str = FORMAT

    def add_file(self, root: Path, path: Path) -> None:
        """Name ``path`` (inside ``root``) with its size and hash, and make it private."""
        os.chmod(path, 0o600)
        self.files[path.relative_to(root).as_posix()] = {
            "bytes": path.stat().st_size,
            "sha256": sha256_of(path),
        }

    def write(self, root: Path) -> None:
        data = orjson.dumps(self.__dict__, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2)
        write_synced(root / MANIFEST, data + b"\n")
        os.chmod(root / MANIFEST, 0o600)
        fsync_dir(root)

    @classmethod
    def read(cls, root: Path) -> Manifest:
        path = root / MANIFEST
        if not path.is_file():
            raise BackupError(f"{root} has no {MANIFEST}: not a backup, or an unfinished one")
        raw = orjson.loads(path.read_bytes())
        if raw.get("format") != FORMAT:
            raise BackupError(f"{path}: format {raw.get('format')!r}, expected {FORMAT!r}")
        return cls(**raw)

    def check_files(self, root: Path) -> None:
        """Every file named is there with its size and hash, and there is no other."""
        present = {
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.is_file() and p.name != MANIFEST
        }
        problems = [f"{name}: missing" for name in sorted(set(self.files) - present)]
        problems += [f"{name}: not in the manifest" for name in sorted(present - set(self.files))]
        for name, expected in sorted(self.files.items()):
            if name not in present:
                continue
            path = root / name
            if path.stat().st_size != expected["bytes"] or sha256_of(path) != expected["sha256"]:
                problems.append(f"{name}: changed since the backup was made")
        if problems:
            raise BackupError(f"backup {root} is damaged: " + "; ".join(problems))
