"""``ohch scheduler``: run the hub's scheduled jobs (docs/OPERATIONS.md), and list their runs.

Run one scheduler per deployment, or several for resilience: each slot of each job runs once,
whichever claims it first (graph/scheduling/claims.py)."""

from __future__ import annotations

import os
import signal
import socket
import threading
from datetime import UTC, datetime
from types import FrameType

import typer

from api.logs import configure_logging
from cli.common import connected, moment, reported_errors, settings
from graph.scheduling.claims import recent_runs
from graph.scheduling.plan import load_schedule
from graph.scheduling.runner import Runner

app = typer.Typer(
    help="Scheduled jobs: linking, updates, retention, NIM export.", no_args_is_help=True
)


@app.command("run")
def run(
    once: bool = typer.Option(False, help="Run the slots due now, then stop (for a timer)"),
    now: str | None = typer.Option(None, help="Run as of this time (ISO 8601; with --once)"),
    poll: float = typer.Option(30.0, min=1.0, help="Seconds between looks at the schedule"),
) -> None:
    """Run every job whose slot is due; with no --once, keep doing so until stopped (SIGTERM
    finishes the job in hand, then stops)."""
    config = settings()
    configure_logging(config.log_format)
    schedule = load_schedule(config.schedule_file)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    with connected(config) as graph, reported_errors():
        runner = Runner(graph, config, schedule, worker)
        while True:
            at = (moment(now, "--now") if once else None) or datetime.now(UTC)
            for outcome in runner.run_due(at):
                if outcome.ran:
                    state = "ok" if outcome.ok else "FAILED"
                    typer.echo(
                        f"{outcome.job.value} {outcome.slot.isoformat()} {state}: {outcome.summary}"
                    )
            if once or stopping.wait(poll):
                return


@app.command("runs")
def runs(limit: int = typer.Option(30, min=1, max=500, help="How many, newest first")) -> None:
    """The latest scheduled runs: job, slot, who ran it, how it ended."""
    with connected() as graph, reported_errors():
        found = recent_runs(graph, limit)
    for r in found:
        took = f"{r.seconds:.1f}s" if r.seconds is not None else "-"
        when = f"{r.started_at:%Y-%m-%d %H:%M:%S}"
        typer.echo(f"{when} {r.job} {r.status} {took} {r.worker}: {r.summary or ''}")
