"""Append-only log of disclosures (DPA 2018 s62): one JSON line per export, fsync'd.

s62 requires disclosure logs to show the date and time, so far as possible who disclosed,
and the recipients. Since the Data (Use and Access) Act 2025 s82 a justification is no longer
required; ``justification`` stays as an optional field. The file is only ever appended to;
nothing in the hub rewrites or truncates it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
from pydantic import BaseModel, ConfigDict, Field

from graph.durable_files import append_synced
from graph.intel.models import UtcDatetime


class DisclosureRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    operation: str = "disclosure"
    logged_at: UtcDatetime
    actor: str = Field(min_length=1)  # who disclosed
    destination_id: str
    destination_name: str
    recipients: tuple[str, ...]
    period_since: UtcDatetime | None
    period_until: UtcDatetime
    export_name: str
    schema_version: str
    items_exported: int
    items_withheld: int
    manifest_sha256: str
    justification: str | None = None


class DisclosureLog:
    """A JSON Lines file at ``path``; created (with its folder) on first append."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, record: DisclosureRecord) -> None:
        """Write one line and fsync it before returning: a logged disclosure survives a crash."""
        line = orjson.dumps(record.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS) + b"\n"
        append_synced(self.path, line, mode=0o640)

    def records(self) -> Iterator[DisclosureRecord]:
        """Every record, oldest first, read line by line."""
        if not self.path.exists():
            return
        with self.path.open("rb") as lines:
            for line in lines:
                if line.strip():
                    yield DisclosureRecord.model_validate(orjson.loads(line))

    def has(self, destination_id: str, manifest_sha256: str) -> bool:
        return any(
            r.destination_id == destination_id and r.manifest_sha256 == manifest_sha256
            for r in self.records()
        )
