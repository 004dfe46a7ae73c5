"""The files of one NIM export, written while streaming and hashed as they are written.

Layout (schema ``ohch-nim-export/2``)::

    items.jsonl        one graded item per line, with its entities and relationships
    items.csv          one row per item: the grade, handling conditions, dates
    persons.csv        one row per (item, person); likewise objects, locations, events
    relationships.csv  one row per (item, relationship)

An entity appears once per item that mentions it (rows carry ``item_id``): deduplicating
across items would need memory proportional to the export. Bytes are deterministic: JSON with
sorted keys, fixed CSV columns, UTF-8, LF line endings, list cells as JSON arrays.
"""

from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path
from typing import Any

import orjson

SCHEMA_VERSION = "ohch-nim-export/2"  # 2: CSV text cells escaped against formulas
JSONL_FILE = "items.jsonl"

CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "items.csv": (
        "item_id",
        "created_at",
        "updated_at",
        "purpose",
        "source_evaluation",
        "intelligence_assessment",
        "handling_code",
        "handling_conditions",
        "legacy_grade",
        "case_ids",
        "retention_group",
        "review_due_at",
        "summary",
    ),
    "persons.csv": ("item_id", "entity_id", "full_name", "date_of_birth", "categories"),
    "objects.csv": (
        "item_id",
        "entity_id",
        "object_type",
        "identifier",
        "platform",
        "display_name",
    ),
    "locations.csv": (
        "item_id",
        "entity_id",
        "description",
        "postcode",
        "force_code",
        "latitude",
        "longitude",
    ),
    "events.csv": (
        "item_id",
        "entity_id",
        "event_type",
        "occurred_from",
        "occurred_to",
        "crime_reference",
        "description",
    ),
    "relationships.csv": ("item_id", "source_id", "type", "target_id"),
}
ENTITY_FILES = {
    "person": "persons.csv",
    "object": "objects.csv",
    "location": "locations.csv",
    "event": "events.csv",
}
ALL_FILES = (JSONL_FILE, *CSV_COLUMNS)


class HashedFile:
    """A new file whose SHA-256, size and row count are computed as it is written.

    Text written with :meth:`write` is buffered until :meth:`flush` (once per item), so the
    hash and the file see one call per item rather than one per CSV row.
    """

    def __init__(self, path: Path) -> None:
        self._file = path.open("xb")
        self._sha = hashlib.sha256()
        self._pending: list[str] = []
        self.size = 0
        self.rows = 0

    def write_bytes(self, data: bytes) -> None:
        self._file.write(data)
        self._sha.update(data)
        self.size += len(data)

    def write(self, text: str) -> int:
        """Text sink for :mod:`csv`."""
        self._pending.append(text)
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.write_bytes("".join(self._pending).encode("utf-8"))
            self._pending.clear()

    def close(self) -> dict[str, Any]:
        self.flush()
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        return {"bytes": self.size, "rows": self.rows, "sha256": self._sha.hexdigest()}

    def abandon(self) -> None:
        self._file.close()


# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection"): text
# cells that do are prefixed with an apostrophe in the CSV files (OWASP's advice); the JSON
# Lines file keeps every value exactly as recorded.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if type(value) is str:
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")
    return str(value)


class ExportFiles:
    """All files of one export, open in ``folder``; feed it items as JSON-ready dicts."""

    def __init__(self, folder: Path) -> None:
        self._files = {name: HashedFile(folder / name) for name in ALL_FILES}
        self._csv = {
            name: csv.writer(self._files[name], lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            for name in CSV_COLUMNS
        }
        for name, columns in CSV_COLUMNS.items():
            self._csv[name].writerow(columns)

    def _row(self, name: str, values: dict[str, Any]) -> None:
        self._csv[name].writerow([_cell(values.get(c)) for c in CSV_COLUMNS[name]])
        self._files[name].rows += 1

    def write_item(self, item: dict[str, Any]) -> None:
        """``item`` is ``IntelItem.model_dump(mode="json")``."""
        jsonl = self._files[JSONL_FILE]
        jsonl.write_bytes(orjson.dumps(item, option=orjson.OPT_SORT_KEYS) + b"\n")
        jsonl.rows += 1
        grade = item["grade"]
        legacy = grade["legacy"]
        self._row(
            "items.csv",
            {
                **item,
                **grade,
                "item_id": item["id"],
                "legacy_grade": None if legacy is None else "".join(legacy.values()),
            },
        )
        for entity in item["entities"]:
            row = {**entity, "item_id": item["id"], "entity_id": entity["id"]}
            self._row(ENTITY_FILES[entity["kind"]], row)
        for rel in item["relationships"]:
            self._row("relationships.csv", {**rel, "item_id": item["id"]})
        for f in self._files.values():
            f.flush()

    def close(self) -> dict[str, dict[str, Any]]:
        """Flush, fsync and close every file; their digests by file name."""
        return {name: f.close() for name, f in sorted(self._files.items())}

    def abandon(self) -> None:
        for f in self._files.values():
            f.abandon()
