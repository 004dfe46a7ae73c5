"""Run the jobs whose slot is due, each slot once across every scheduler (``ohch scheduler``)."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from graph import schema
from graph.db import Graph
from graph.scheduling import claims
from graph.scheduling.jobs import JOBS, Work
from graph.scheduling.plan import JobName, Schedule
from graph.settings import Settings

log = logging.getLogger("ohch.scheduler")


@dataclass(frozen=True, slots=True)
class RunOutcome:
    job: JobName
    slot: datetime
    ran: bool  # False: another scheduler had claimed the slot
    ok: bool = True
    summary: str = ""
    seconds: float = 0.0


@dataclass
class Runner:
    """Runs due slots; remembers the slots it has seen, so a scheduler polling every few
    seconds asks the graph for a claim once a slot."""

    graph: Graph
    settings: Settings
    schedule: Schedule
    worker: str
    jobs: Mapping[JobName, Work] = field(default_factory=lambda: JOBS)

    def __post_init__(self) -> None:
        self._seen: dict[JobName, datetime] = {}

    def run_due(self, now: datetime) -> list[RunOutcome]:
        """Run each due slot not seen yet; none while the graph is not prepared for this
        version's schema and data upgrades (the API prepares it as it starts, or ``ohch schema
        apply``): a job writing kept counts would race an upgrade rebuilding them. The slots
        wait, and run at a later look if still due."""
        if not schema.is_current(self.graph):
            log.warning("scheduled jobs wait: the graph is not prepared for this version yet")
            return []
        claims.abandon_stale(self.graph, now)
        outcomes = []
        for job, slot in self.schedule.due(now):
            if self._seen.get(job.name) == slot:
                continue
            self._seen[job.name] = slot
            outcomes.append(self._run(job.name, slot, now))
        return outcomes

    def _run(self, job: JobName, slot: datetime, now: datetime) -> RunOutcome:
        key = claims.claim(self.graph, job.value, slot, self.worker, now)
        if key is None:
            return RunOutcome(job, slot, ran=False)
        started = time.monotonic()
        try:
            summary, ok = self.jobs[job](self.graph, self.settings, now), True
        except Exception as error:  # one job failing must not stop the others: recorded
            log.exception("scheduled job failed", extra={"job": job.value})
            summary, ok = f"{type(error).__name__}: {error}", False
        seconds = time.monotonic() - started
        claims.finish(self.graph, key, ok, summary, datetime.now(now.tzinfo), seconds)
        log.info(
            "scheduled job ran",
            extra={"job": job.value, "slot": slot.isoformat(), "ok": ok, "summary": summary,
                   "seconds": round(seconds, 3), "worker": self.worker},
        )  # fmt: skip
        return RunOutcome(job, slot, ran=True, ok=ok, summary=summary, seconds=seconds)
