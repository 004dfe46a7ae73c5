"""The export folder's durable state: the lock, the watermarks.

Folder layout::

    OUT/.lock                          held (flock) while an export runs
    OUT/.staging/                      work in progress; emptied at the start of every run
    OUT/state.json                     {"watermarks": {destination_id: until}}
    OUT/exports/<destination>/<period>/  finished exports, each renamed into place whole
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import orjson

from graph.durable_files import atomic_write_bytes
from graph.errors import Conflict

STATE_FILE = "state.json"
STAGING = ".staging"
EXPORTS = "exports"


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold the folder's lock; :class:`Conflict` if another export is running."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / ".lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Conflict(f"another export is running in {out_dir}") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def fresh_staging(out_dir: Path) -> Path:
    """An empty staging folder; leftovers of a crashed run are deleted (call under the lock)."""
    staging = out_dir / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def _read_state(out_dir: Path) -> dict[str, dict[str, str]]:
    path = out_dir / STATE_FILE
    if not path.exists():
        return {"watermarks": {}}
    state: dict[str, dict[str, str]] = orjson.loads(path.read_bytes())
    return state


def read_watermark(out_dir: Path, destination_id: str) -> datetime | None:
    """The ``until`` of the last successful export to ``destination_id``, or ``None``."""
    raw = _read_state(out_dir)["watermarks"].get(destination_id)
    return None if raw is None else datetime.fromisoformat(raw).astimezone(UTC)


def latest_watermark(out_dir: Path) -> datetime | None:
    """The latest ``until`` of any destination's last export (None if none has run)."""
    marks = _read_state(out_dir)["watermarks"].values()
    return max((datetime.fromisoformat(m).astimezone(UTC) for m in marks), default=None)


def advance_watermark(out_dir: Path, destination_id: str, until: datetime) -> datetime:
    """Record ``until`` as the watermark unless a later one is stored; returns the watermark."""
    current = read_watermark(out_dir, destination_id)
    if current is not None and current >= until:
        return current
    state = _read_state(out_dir)
    state["watermarks"][destination_id] = until.astimezone(UTC).isoformat()
    atomic_write_bytes(
        out_dir / STATE_FILE,
        orjson.dumps(state, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n",
    )
    return until
