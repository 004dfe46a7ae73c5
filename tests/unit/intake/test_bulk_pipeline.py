"""Bulk intake's pipeline without a database: the first write's hold on the batch after it, and
validation shared between this process and a helper keeping file order."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import ingest.bulk
from bench.datagen.reports import write_jsonl
from ingest.bulk import Prepared, _Following, prepared_lines
from ingest.bulk_read import Line, read_lines


def test_a_later_write_is_given_the_batch_after_it_full() -> None:
    rows: list[object] = ["row-a", "row-b"]
    assert _Following(rows).rows() == rows  # type: ignore[arg-type]


def test_the_first_write_gets_the_batch_after_it_once_that_batch_is_full() -> None:
    following = _Following()
    given: list[object] = []
    writer = threading.Thread(target=lambda: given.append(following.rows()))
    writer.start()
    time.sleep(0.05)
    assert writer.is_alive()  # waiting for the batch, not going on without it
    following.fill(["row-a"])  # type: ignore[list-item]
    writer.join(timeout=10)
    assert given == [["row-a"]]


def test_an_empty_batch_after_it_or_none_in_time_gives_no_look_ahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emptied = _Following()
    emptied.fill([])
    assert emptied.rows() is None
    monkeypatch.setattr(ingest.bulk, "FOLLOWING_WAIT_S", 0.01)
    assert _Following().rows() is None  # the file's next lines were slow: link afresh


def _outcome(prepared: Prepared) -> tuple[str | None, tuple[str, ...]]:
    """What a line became, free of its receipt's time: its report id or its problems."""
    return (
        prepared.row.id if prepared.row else None,
        tuple(problem.field for problem in prepared.problems),
    )


@pytest.mark.parametrize("idle", [True, False], ids=["idle", "busy"])
def test_lines_validated_here_and_in_a_helper_come_in_file_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, idle: bool
) -> None:
    """Chunks this process validates while the helper starts (or while it is idle) and the
    helper's chunks interleave; every line comes once, in file order, as validated alone."""
    monkeypatch.setattr(ingest.bulk, "CHUNK_LINES", 7)
    source = tmp_path / "mix.jsonl"
    write_jsonl(source, 120, seed=3)
    with source.open("a") as handle:
        handle.write('{"source": "true-vision"}\nnot json\n')
    lines: list[Line] = list(read_lines(source))
    alone = [_outcome(prepare) for prepare in _prepared(lines, 0, idle)]
    shared = _prepared(lines, 1, idle)
    assert [line.number for line, _ in zip(lines, shared, strict=True)] == list(
        range(1, len(lines) + 1)
    )
    assert [_outcome(prepare) for prepare in shared] == alone
    assert sum(1 for p in shared if p.row is None) == 2  # the shape problem and the bad JSON


def _prepared(lines: list[Line], processes: int, idle: bool) -> list[Prepared]:
    seen = [
        (line, prepared)
        for line, prepared in prepared_lines(lines, False, processes, None, lambda: idle)
    ]
    assert [line for line, _ in seen] == lines
    return [prepared for _, prepared in seen]
