"""Bulk intake from JSONL or CSV files: streaming, batched, exactly once, with a rejects file.

Memory stays constant: lines are read one at a time and written in batches. Validation of the
next batch overlaps the write of the previous one (one writer thread), so the CPU and Neo4j work
at once. A crash and a rerun give every line exactly once: intake is idempotent on
(source, source_ref), and the rerun counts earlier lines as "already present".
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import orjson

from graph.db import Graph
from graph.errors import InvalidInput, Problem
from ingest.contract import parse_referral
from ingest.csv_flat import FlatError, unflatten
from ingest.load import Outcome, Status, write_reports
from ingest.normalise import clean_referral
from ingest.receipt import Receipt
from ingest.transform import Row, report_row


@dataclass
class Summary:
    accepted: int = 0
    already_present: int = 0
    rejected: int = 0
    lines: int = 0
    rejects_file: Path | None = None
    codes_file: Path | None = None

    def line(self) -> str:
        return (
            f"{self.lines:,} lines: {self.accepted:,} accepted, "
            f"{self.already_present:,} already present, {self.rejected:,} rejected"
        )


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    raw: str
    payload: object | None
    problem: str | None = None


def read_lines(path: Path) -> Iterator[Line]:
    """Each record of a ``.jsonl``/``.ndjson`` or ``.csv`` file, numbered from 1."""
    if path.suffix.lower() == ".csv":
        yield from _read_csv(path)
    else:
        yield from _read_jsonl(path)


def _read_jsonl(path: Path) -> Iterator[Line]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            try:
                yield Line(number, text, orjson.loads(raw))
            except orjson.JSONDecodeError as error:
                yield Line(number, text, None, f"line is not valid JSON: {error}")


def _read_csv(path: Path) -> Iterator[Line]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            number = reader.line_num
            raw = orjson.dumps(row).decode()
            try:
                yield Line(number, raw, unflatten(row))
            except FlatError as error:
                yield Line(number, raw, None, str(error))


@dataclass
class _Batch:
    lines: list[Line] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    codes: list[str | None] = field(default_factory=list)


class BulkIngest:
    """One run over one file."""

    def __init__(
        self,
        graph: Graph,
        rejects: TextIO,
        codes: TextIO | None = None,
        batch_size: int = 1000,
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        self.graph = graph
        self.rejects = rejects
        self.codes = codes
        self.batch_size = batch_size
        self.on_progress = on_progress or (lambda _n: None)
        self.summary = Summary()

    def _reject(self, line: Line, problems: list[Problem], source_ref: object = None) -> None:
        self.summary.rejected += 1
        record = {
            "line": line.number,
            "source_ref": source_ref,
            "problems": [{"field": p.field, "message": p.message} for p in problems],
        }
        self.rejects.write(orjson.dumps(record).decode() + "\n")

    def _prepare(self, line: Line, batch: _Batch) -> None:
        if line.payload is None:
            self._reject(line, [Problem("line", line.problem or "unreadable")])
            return
        source_ref = line.payload.get("source_ref") if isinstance(line.payload, dict) else None
        try:
            clean = clean_referral(parse_referral(line.payload))
        except InvalidInput as error:
            self._reject(line, error.problems, source_ref)
            return
        receipt, code = Receipt.issue(
            line.payload, line.raw, datetime.now(UTC), with_access_code=self.codes is not None
        )
        batch.lines.append(line)
        batch.rows.append(report_row(clean, receipt))
        batch.codes.append(code)

    def _record(self, batch: _Batch, outcomes: list[Outcome]) -> None:
        for line, outcome, code, row in zip(
            batch.lines, outcomes, batch.codes, batch.rows, strict=True
        ):
            if outcome.status is Status.CREATED:
                self.summary.accepted += 1
                if self.codes is not None and code is not None:
                    self.codes.write(f"{outcome.reference},{row['source_ref']},{code}\n")
            elif outcome.status is Status.ALREADY_RECEIVED:
                self.summary.already_present += 1
            else:
                self._reject(
                    line,
                    [
                        Problem(
                            "source_ref",
                            f"already received with a different payload ({outcome.reference})",
                        )
                    ],
                    row["source_ref"],
                )
        self.on_progress(len(batch.lines))

    def run(self, lines: Iterator[Line]) -> Summary:
        pending: tuple[_Batch, Future[list[Outcome]]] | None = None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ohch-writer") as writer:
            batch = _Batch()
            for line in lines:
                self.summary.lines += 1
                self._prepare(line, batch)
                if len(batch.rows) >= self.batch_size:
                    pending = self._flush(writer, pending, batch)
                    batch = _Batch()
            pending = self._flush(writer, pending, batch)
            if pending is not None:
                self._record(pending[0], pending[1].result())
        return self.summary

    def _flush(
        self,
        writer: ThreadPoolExecutor,
        pending: tuple[_Batch, Future[list[Outcome]]] | None,
        batch: _Batch,
    ) -> tuple[_Batch, Future[list[Outcome]]] | None:
        """Wait for the previous write, then start this one (one write in flight at a time)."""
        if pending is not None:
            self._record(pending[0], pending[1].result())
        if not batch.rows:
            return None
        return batch, writer.submit(write_reports, self.graph, list(batch.rows))


def ingest_file(
    graph: Graph,
    path: Path,
    rejects_path: Path,
    codes_path: Path | None = None,
    batch_size: int = 1000,
    on_progress: Callable[[int], None] | None = None,
) -> Summary:
    """Ingest one file; rejects go to ``rejects_path`` (JSONL: line, source_ref, problems)."""
    with rejects_path.open("w", encoding="utf-8") as rejects:
        codes: Any = None
        if codes_path is not None:
            codes = codes_path.open("a", encoding="utf-8")
            codes_path.chmod(0o600)
        try:
            summary = BulkIngest(graph, rejects, codes, batch_size, on_progress).run(
                read_lines(path)
            )
        finally:
            if codes is not None:
                codes.close()
    summary.rejects_file = rejects_path
    summary.codes_file = codes_path
    return summary


def count_records(path: Path) -> int:
    """Lines in the file (for the progress bar's total); cheap, streaming."""
    with path.open("rb") as handle:
        count = sum(1 for line in handle if line.strip())
    return count - 1 if path.suffix.lower() == ".csv" else count
