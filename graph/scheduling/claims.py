"""Claiming a job's slot in the graph, so that each slot runs once across every scheduler.

The claim is a ``ScheduledRun`` node whose key (``job@slot``) is unique: two schedulers that
reach the same slot both try to create it, and Neo4j lets exactly one. The winner runs the job
and records how it ended; a run left ``running`` by a scheduler that stopped is marked
``abandoned`` once it is older than any job should take.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.cypher import load_query
from graph.db import Graph, native
from graph.errors import Conflict

STALE_AFTER = timedelta(hours=6)


def run_key(job: str, slot: datetime) -> str:
    return f"{job}@{slot.isoformat()}"


def claim(graph: Graph, job: str, slot: datetime, worker: str, at: datetime) -> str | None:
    """The run's key if this worker won the slot, None if another already had it."""
    key = run_key(job, slot)
    try:
        graph.write(
            load_query("scheduling/claim_run"), key=key, job=job, slot=slot, worker=worker, at=at
        )
    except Conflict:
        return None
    return key


def finish(graph: Graph, key: str, ok: bool, summary: str, at: datetime, seconds: float) -> None:
    graph.write(
        load_query("scheduling/finish_run"),
        key=key, status="ok" if ok else "failed", summary=summary, at=at,
        seconds=round(seconds, 3),
    )  # fmt: skip


def abandon_stale(graph: Graph, now: datetime) -> int:
    rows = graph.write(load_query("scheduling/abandon_stale"), before=now - STALE_AFTER, at=now)
    return int(rows[0]["abandoned"]) if rows else 0


@dataclass(frozen=True, slots=True)
class RecordedRun:
    key: str
    job: str
    slot: datetime
    worker: str
    status: str  # running, ok, failed, abandoned
    summary: str | None
    started_at: datetime
    finished_at: datetime | None
    seconds: float | None


def recent_runs(graph: Graph, limit: int = 50) -> list[RecordedRun]:
    rows = graph.read(load_query("scheduling/recent_runs"), limit=limit)
    return [
        RecordedRun(
            key=r["key"], job=r["job"], slot=native(r["slot"]), worker=r["worker"],
            status=r["status"], summary=r["summary"], started_at=native(r["started_at"]),
            finished_at=native(r["finished_at"]), seconds=r["seconds"],
        )
        for r in rows
    ]  # fmt: skip
