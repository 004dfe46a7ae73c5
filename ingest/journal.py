"""A durable, append-only local journal for referrals accepted while Neo4j is unreachable.

``append`` writes one JSON line and fsyncs it before the caller answers 202, so an accepted
referral survives a crash of the API or the machine. ``drain`` renames the live file aside
(appends go on into a fresh one) and replays what it holds through an idempotent writer; a file
is deleted only after every entry in it is written, so a crash mid-drain replays it again, and
the intake key makes the replay exactly-once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from graph.durable_files import append_synced, fsync_dir

PENDING = "pending.jsonl"
DRAINING_PREFIX = "draining-"
Entry = dict[str, Any]


class Journal:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()

    @property
    def pending_file(self) -> Path:
        return self.directory / PENDING

    def append(self, entry: Entry) -> None:
        line = orjson.dumps(entry) + b"\n"
        with self._lock:
            append_synced(self.pending_file, line)

    def backlog(self) -> int:
        """Entries waiting to be written to the graph."""
        return sum(1 for _ in self._entries_in(self._files()))

    def _files(self) -> list[Path]:
        if not self.directory.exists():
            return []
        draining = sorted(self.directory.glob(f"{DRAINING_PREFIX}*.jsonl"))
        return [*draining, self.pending_file] if self.pending_file.exists() else draining

    def _rotate(self) -> None:
        with self._lock:
            if self.pending_file.exists():
                target = self.directory / f"{DRAINING_PREFIX}{time.time_ns():020d}.jsonl"
                self.pending_file.rename(target)
                fsync_dir(self.directory)

    @staticmethod
    def _entries_in(files: list[Path]) -> Iterator[Entry]:
        for path in files:
            with path.open("rb") as handle:
                for line in handle:
                    if line.strip():
                        yield orjson.loads(line)

    def drain(self, write: Callable[[list[Entry]], None], batch_size: int = 500) -> int:
        """Replay every journalled entry through ``write`` (idempotent); return how many."""
        if not self.directory.exists():
            return 0
        self._rotate()
        done = 0
        for path in sorted(self.directory.glob(f"{DRAINING_PREFIX}*.jsonl")):
            batch: list[Entry] = []
            for entry in self._entries_in([path]):
                batch.append(entry)
                if len(batch) >= batch_size:
                    write(batch)
                    done += len(batch)
                    batch = []
            if batch:
                write(batch)
                done += len(batch)
            path.unlink()
            fsync_dir(self.directory)
        return done
