"""Bulk intake from JSONL or CSV files: streaming, batched, exactly once, with a rejects file.

Memory stays constant: lines are read one at a time and written in batches. Validation of the
next batch overlaps the write of the previous one (one writer thread), so the CPU and Neo4j work
at once. With ``processes`` > 0, validation runs in that many helper processes: it then no
longer competes with the writer for this process's interpreter lock, which is what bounds bulk
intake (``bench/INTAKE-HISTORY.md``). The pipeline fills fast: until a helper has started, and
while nothing is being written, this process validates chunks too, and the first batch is
written as soon as it is full. A crash and a rerun give every line exactly once: intake is
idempotent on (source, source_ref), and the rerun counts earlier lines as "already present".
"""

from __future__ import annotations

import multiprocessing
import re
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

import orjson

from graph.db import Graph
from graph.errors import InvalidInput, Problem
from graph.settings import DEFAULT_EARLIEST_REPORT_DATE
from ingest.bulk_read import Encoding, Line, read_lines
from ingest.gc_tuning import BatchCollector, settle_helper
from ingest.intake_row import IntakeRow
from ingest.load import Ahead, BatchResult, Outcome, Status, write_batch
from ingest.report_dates import DATE_FIELDS, DateBounds
from ingest.take_in import take_in

__all__ = ["Line", "Summary", "ingest_file", "prepare", "read_lines"]


@dataclass
class Summary:
    accepted: int = 0
    already_present: int = 0
    rejected: int = 0
    lines: int = 0
    with_unverified: int = 0  # accepted referrals with details kept unverified
    batches_matched_ahead: int = 0  # batches linked as prepared while the one before committed
    rejects_file: Path | None = None
    codes_file: Path | None = None
    warnings_file: Path | None = None
    unverified: Counter[str] = field(default_factory=Counter)  # by field (items unnumbered)
    # Report and incident dates out of bounds, counted at receipt (ingest/report_dates.py)
    dates_corrected: Counter[str] = field(default_factory=Counter)  # by field
    encoding: Encoding = field(default_factory=Encoding)

    def line(self) -> str:
        text = (
            f"{self.lines:,} lines: {self.accepted:,} accepted, "
            f"{self.already_present:,} already present, {self.rejected:,} rejected"
        )
        if self.with_unverified:
            text += f"; {self.with_unverified:,} accepted with unverified details"
        if corrected := self.dates_corrected.total():
            text += (
                f"; {corrected:,} dates out of bounds corrected to receipt ({self.dates_line()})"
            )
        return text

    def dates_line(self) -> str:
        """The corrected dates by field: ``submitted_at 3, incident.occurred_at 1``."""
        return ", ".join(f"{name} {n:,}" for name, n in self.dates_corrected.most_common())

    def unverified_line(self) -> str:
        """The unverified details by field, most first: ``reporter.email 12, ...``."""
        return ", ".join(f"{name} {count:,}" for name, count in self.unverified.most_common())

    @classmethod
    def from_line(cls, text: str) -> Summary | None:
        """The counts of the first :meth:`line` in ``text`` (a run's output), if there is one."""
        found = _SUMMARY_LINE.search(text)
        if found is None:
            return None
        lines, accepted, present, rejected = (int(g.replace(",", "")) for g in found.groups()[:4])
        unverified = int(found[5].replace(",", "")) if found[5] else 0
        return cls(
            accepted=accepted,
            already_present=present,
            rejected=rejected,
            lines=lines,
            with_unverified=unverified,
        )


_SUMMARY_LINE = re.compile(
    r"([\d,]+) lines: ([\d,]+) accepted, ([\d,]+) already present, ([\d,]+) rejected"
    r"(?:; ([\d,]+) accepted with unverified details)?"
)
_ITEM_NUMBER = re.compile(r"\[\d+\]")


@dataclass(frozen=True, slots=True)
class Prepared:
    """One line after validation: the row to write (with its access code), or its problems."""

    row: IntakeRow | None = None
    code: str | None = None
    problems: tuple[Problem, ...] = ()
    source_ref: object = None


def prepare(line: Line, issue_code: bool, dates: DateBounds | None = None) -> Prepared:
    """Take one line in (``ingest/take_in.py``), its dates kept within ``dates`` (by default
    from the earliest the hub counts up to its receipt), or say why not (pure: no database)."""
    if line.payload is None:
        return Prepared(problems=(Problem("line", line.problem or "unreadable"),))
    source_ref = line.payload.get("source_ref") if isinstance(line.payload, dict) else None
    try:
        taken = take_in(
            line.payload, line.raw, datetime.now(UTC), issue_code=issue_code,
            dates=dates or DateBounds(DEFAULT_EARLIEST_REPORT_DATE),
        )  # fmt: skip
        return Prepared(taken.row, taken.access_code, source_ref=source_ref)
    except InvalidInput as error:
        return Prepared(problems=tuple(error.problems), source_ref=source_ref)
    except Exception as error:  # a fault of the hub's, not the line's: reject it, go on
        problem = Problem("line", f"could not be processed (a fault in the hub: {error!r})")
        return Prepared(problems=(problem,), source_ref=source_ref)


def prepare_chunk(
    lines: list[Line], issue_codes: bool, dates: DateBounds | None = None
) -> list[Prepared]:
    """A helper process's unit of work."""
    return [prepare(line, issue_codes, dates) for line in lines]


CHUNK_LINES = 250  # lines sent to a helper process at a time
# The longest the first batch's writer waits for the batch after it (``_Following``): about
# what validating a batch takes on a loaded machine, and a bound on how long the linker lock
# is held for it when most of a file's lines are rejects.
FOLLOWING_WAIT_S = 2.0


def _start_helper() -> None:
    """A helper process's start: named here so that resolving it imports this module, and with
    it everything ``prepare`` uses, before ``settle_helper`` freezes what was imported."""
    settle_helper()


def _prepared_here(
    chunk: tuple[Line, ...], issue_codes: bool, dates: DateBounds | None
) -> Future[list[Prepared]]:
    done: Future[list[Prepared]] = Future()
    done.set_result(prepare_chunk(list(chunk), issue_codes, dates))
    return done


def prepared_lines(
    lines: Iterable[Line],
    issue_codes: bool,
    processes: int,
    dates: DateBounds | None = None,
    idle: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[Line, Prepared]]:
    """Each line with its preparation, in file order; in ``processes`` helper processes when
    more than 0. At most a few chunks a process are in flight, so memory stays constant.

    With helpers, this process validates chunks itself until a helper has started (which
    takes a while), and then while the helpers are behind and ``idle()`` says it has nothing
    else to do (before the first batch is written): the first batches fill sooner. A chunk is
    passed on as soon as it and every chunk before it are prepared."""
    if processes <= 0:
        for line in lines:
            yield line, prepare(line, issue_codes, dates)
        return
    # Not "fork": this process runs the driver's and the writer's threads.
    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(processes, mp_context=context, initializer=_start_helper)
    try:
        started = pool.submit(prepare_chunk, [], issue_codes, dates)  # done once one is up
        in_flight: deque[tuple[tuple[Line, ...], Future[list[Prepared]]]] = deque()
        most = 2 * processes + 2
        source = iter(lines)
        while chunk := tuple(islice(source, CHUNK_LINES)):
            behind = bool(in_flight) and not in_flight[0][1].done()
            if not started.done() or (behind and len(in_flight) < most and idle()):
                in_flight.append((chunk, _prepared_here(chunk, issue_codes, dates)))
            else:
                submitted = pool.submit(prepare_chunk, list(chunk), issue_codes, dates)
                in_flight.append((chunk, submitted))
            while in_flight and (in_flight[0][1].done() or len(in_flight) > most):
                done, future = in_flight.popleft()
                yield from zip(done, future.result(), strict=True)
        while in_flight:
            done, future = in_flight.popleft()
            yield from zip(done, future.result(), strict=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Batch:
    lines: list[Line] = field(default_factory=list)
    rows: list[IntakeRow] = field(default_factory=list)
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
        processes: int = 0,
        look_ahead: bool = True,
        warnings: TextIO | None = None,
        dates: DateBounds | None = None,
    ) -> None:
        self.graph = graph
        self.dates = dates
        self.rejects = rejects
        self.codes = codes
        self.warnings = warnings
        self.batch_size = batch_size
        self.on_progress = on_progress or (lambda _n: None)
        self.processes = processes
        self.look_ahead = look_ahead
        self.summary = Summary()
        self.collector = BatchCollector()
        self._read_to = 0  # the last physical line read
        self._pending: tuple[_Batch, Future[BatchResult]] | None = None  # the write in flight
        self._shown = 0  # the last line the progress callback was told of

    def _progress(self) -> None:
        """Tell the callback how many lines were read since it was last told: lines read,
        whether they were accepted, rejected or blank, not lines accepted."""
        if self._read_to > self._shown:
            count, self._shown = self._read_to - self._shown, self._read_to
            self.on_progress(count)

    def _warn(self, line: Line, row: IntakeRow, reference: str) -> None:
        dated = [u.field for u in row.unverified if u.field in DATE_FIELDS]
        self.summary.dates_corrected.update(dated)
        if len(dated) < len(row.unverified):
            self.summary.with_unverified += 1
        self.summary.unverified.update(
            _ITEM_NUMBER.sub("[]", u.field) for u in row.unverified if u.field not in DATE_FIELDS
        )
        if self.warnings is not None:
            record = {
                "line": line.number,
                "source_ref": row.source_ref,
                "reference": reference,
                "warnings": [{"field": u.field, "message": u.message} for u in row.unverified],
            }
            self.warnings.write(orjson.dumps(record).decode() + "\n")

    def _reject(self, line: Line, problems: Iterable[Problem], source_ref: object = None) -> None:
        self.summary.rejected += 1
        record = {
            "line": line.number,
            "source_ref": source_ref,
            "problems": [{"field": p.field, "message": p.message} for p in problems],
        }
        self.rejects.write(orjson.dumps(record).decode() + "\n")

    def _add(self, line: Line, prepared: Prepared, batch: _Batch) -> None:
        if prepared.row is None:
            self._reject(line, prepared.problems, prepared.source_ref)
            return
        batch.lines.append(line)
        batch.rows.append(prepared.row)
        batch.codes.append(prepared.code)

    def _record(self, batch: _Batch, outcomes: list[Outcome]) -> None:
        for line, outcome, code, row in zip(
            batch.lines, outcomes, batch.codes, batch.rows, strict=True
        ):
            if outcome.status is Status.CREATED:
                self.summary.accepted += 1
                if row.unverified:
                    self._warn(line, row, outcome.reference)
                if self.codes is not None and code is not None:
                    self.codes.write(f"{outcome.reference},{row.source_ref},{code}\n")
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
                    row.source_ref,
                )
        self._progress()

    def run(self, lines: Iterable[Line]) -> Summary:
        """A full batch is written once the batch after it is full too: each write prepares
        the next batch's linking, matched (in ``matcher``) while the write commits. The first
        is written as soon as it is full, and takes the batch after it when its transaction
        ends (:class:`_Following`)."""
        following: _Following | None = None  # the first write's, until the batch after it fills
        with (
            self.collector,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="ohch-writer") as writer,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="ohch-matcher") as matcher,
        ):
            try:
                queued: _Batch | None = None  # full, waiting for the batch after it
                started = False  # the first full batch is written
                batch = _Batch()
                for line, prepared in prepared_lines(
                    lines,
                    self.codes is not None,
                    self.processes,
                    self.dates,
                    idle=lambda: self._pending is None,
                ):
                    self.summary.lines += 1
                    self._read_to = line.number
                    self._add(line, prepared, batch)
                    if len(batch.rows) < self.batch_size:
                        continue
                    if not started:
                        started, following = True, _Following() if self.look_ahead else None
                        self._flush(writer, matcher, batch, following)
                    elif following is not None:
                        following.fill(batch.rows)
                        following, queued = None, batch
                    elif queued is not None:
                        self._flush(writer, matcher, queued, _Following(batch.rows))
                        queued = batch
                    else:
                        queued = batch
                    batch = _Batch()
                if following is not None:
                    following.fill(batch.rows)
                    following = None
                if queued is not None:
                    self._flush(writer, matcher, queued, _Following(batch.rows))
                self._flush(writer, matcher, batch, None)
                self._finish()
            finally:
                if following is not None:
                    following.fill([])  # a write still waiting for it goes on at once
            self._progress()
        return self.summary

    def _flush(
        self,
        writer: ThreadPoolExecutor,
        matcher: ThreadPoolExecutor,
        batch: _Batch,
        following: _Following | None,
    ) -> None:
        """Wait for the previous write, then start this one (one write in flight at a time),
        with the batch that follows it, if any, for its linking to be prepared ahead."""
        ahead = self._finish()
        if not batch.rows:
            return
        rows = following.rows if following is not None and self.look_ahead else None
        future = writer.submit(write_batch, self.graph, list(batch.rows), ahead, rows, matcher)
        self._pending = (batch, future)

    def _finish(self) -> Ahead | None:
        """Wait for the write in flight, if any, and record its outcomes."""
        if self._pending is None:
            return None
        batch, future = self._pending
        result = future.result()
        self._pending = None
        self.summary.batches_matched_ahead += result.used_ahead
        self._record(batch, result.outcomes)
        self.collector.after_batch()
        return result.ahead


class _Following:
    """The batch after the one being written, which its writer asks for at the end of its
    transaction to prepare that batch's linking ahead. A write after the first is given it
    full. The first is written as soon as it is full, so that Neo4j starts while the batch
    after it is validated, and its writer waits for that batch (the linker lock held) at most
    :data:`FOLLOWING_WAIT_S`; without it, the next batch links in its own transaction (the
    same links, a little later)."""

    __slots__ = ("_filled", "_rows")

    def __init__(self, rows: list[IntakeRow] | None = None) -> None:
        self._rows = rows
        self._filled = threading.Event()
        if rows is not None:
            self._filled.set()

    def fill(self, rows: list[IntakeRow]) -> None:
        self._rows = list(rows)
        self._filled.set()

    def rows(self) -> list[IntakeRow] | None:
        if not self._filled.wait(FOLLOWING_WAIT_S):
            return None
        return self._rows or None


def ingest_file(
    graph: Graph,
    path: Path,
    rejects_path: Path,
    codes_path: Path | None = None,
    batch_size: int = 1000,
    on_progress: Callable[[int], None] | None = None,
    processes: int = 0,
    look_ahead: bool = True,
    warnings_path: Path | None = None,
    earliest: date = DEFAULT_EARLIEST_REPORT_DATE,
) -> Summary:
    """Ingest one file; rejects go to ``rejects_path`` (JSONL: line, source_ref, problems),
    and the referrals accepted with unverified details to ``warnings_path`` (JSONL: line,
    source_ref, reference, warnings), by default beside the rejects file.
    ``processes``: helper processes that validate (0: validate in this process).
    ``look_ahead``: prepare each batch's linking while the batch before commits (off: each
    batch links inside its own transaction only; the results are the same).
    ``earliest``: the earliest report or incident date a line may carry (``OHCH_EARLIEST_REPORT_
    DATE``); an earlier one, or one after its receipt, is corrected to the receipt and warned of."""
    warnings_path = warnings_path or rejects_path.with_name(
        rejects_path.name.removesuffix(".rejects.jsonl").removesuffix(".jsonl") + ".warnings.jsonl"
    )
    encoding = Encoding()
    with (
        rejects_path.open("w", encoding="utf-8") as rejects,
        warnings_path.open("w", encoding="utf-8") as warnings,
    ):
        codes: Any = None
        if codes_path is not None:
            codes = codes_path.open("a", encoding="utf-8")
            codes_path.chmod(0o600)
        try:
            run = BulkIngest(
                graph, rejects, codes, batch_size, on_progress, processes, look_ahead, warnings,
                DateBounds(earliest),
            )  # fmt: skip
            summary = run.run(read_lines(path, encoding))
        finally:
            if codes is not None:
                codes.close()
    summary.rejects_file = rejects_path
    summary.codes_file = codes_path
    summary.warnings_file = warnings_path
    summary.encoding = encoding
    return summary
