"""Scheduled jobs: each slot runs once however many schedulers run, every run is recorded, a
failing job does not stop the others, and the real jobs run on a hub."""

from __future__ import annotations

import subprocess
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from graph import schema
from graph.cypher import load_query
from graph.db import Graph
from graph.scheduling.claims import STALE_AFTER, abandon_stale, claim, recent_runs
from graph.scheduling.jobs import JOBS, Work
from graph.scheduling.plan import Job, JobName, Schedule, load_schedule
from graph.scheduling.runner import Runner
from graph.settings import Settings
from tests.cli_env import OHCH, cli_env

NOW = datetime(2026, 12, 7, 10, 44, tzinfo=UTC)


def _every_job(minutes: int = 60) -> Schedule:
    return Schedule(
        version=1, valid_from="2026-12-07", source="test",
        job=tuple(Job(name=name, every_minutes=minutes) for name in JobName),
    )  # fmt: skip


def _counting(calls: Counter[JobName], lock: threading.Lock) -> dict[JobName, Work]:
    def job(name: JobName) -> Work:
        def work(graph: Graph, settings: Settings, now: datetime) -> str:
            with lock:
                calls[name] += 1
            time.sleep(0.05)  # long enough for the other scheduler to try the same slot
            return f"{name.value} done"

        return work

    return {name: job(name) for name in JobName}


def test_two_schedulers_at_the_same_moment_run_each_slot_once(
    graph: Graph, neo4j_settings: Settings
) -> None:
    calls: Counter[JobName] = Counter()
    lock = threading.Lock()
    jobs = _counting(calls, lock)
    runners = [Runner(graph, neo4j_settings, _every_job(), f"worker-{n}", jobs) for n in range(2)]
    start = threading.Barrier(2)
    outcomes: list[list[bool]] = [[], []]

    def go(n: int) -> None:
        start.wait()
        outcomes[n] = [o.ran for o in runners[n].run_due(NOW)]

    threads = [threading.Thread(target=go, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == Counter(dict.fromkeys(JobName, 1))
    assert [a + b for a, b in zip(*outcomes, strict=True)] == [1] * len(JobName)
    runs = recent_runs(graph, 50)
    assert sorted(r.job for r in runs) == sorted(n.value for n in JobName)
    assert {r.status for r in runs} == {"ok"}


def test_the_next_slot_runs_again_and_a_repeated_look_does_not(
    graph: Graph, neo4j_settings: Settings
) -> None:
    calls: Counter[JobName] = Counter()
    runner = Runner(graph, neo4j_settings, _every_job(), "w", _counting(calls, threading.Lock()))
    runner.run_due(NOW)
    assert runner.run_due(NOW + timedelta(minutes=10)) == []  # same hourly slot
    fresh = Runner(graph, neo4j_settings, _every_job(), "w2", _counting(calls, threading.Lock()))
    assert not any(o.ran for o in fresh.run_due(NOW))  # claimed already, by the first
    runner.run_due(NOW + timedelta(hours=1))
    assert calls == Counter(dict.fromkeys(JobName, 2))


def test_a_failing_job_is_recorded_and_the_others_still_run(
    graph: Graph, neo4j_settings: Settings
) -> None:
    calls: Counter[JobName] = Counter()
    jobs = _counting(calls, threading.Lock())

    def broken(graph: Graph, settings: Settings, now: datetime) -> str:
        raise RuntimeError("the export folder is full")

    jobs[JobName.NIM_EXPORT] = broken
    outcomes = Runner(graph, neo4j_settings, _every_job(), "w", jobs).run_due(NOW)
    failed = [o for o in outcomes if not o.ok]
    assert [(o.job, o.summary) for o in failed] == [
        (JobName.NIM_EXPORT, "RuntimeError: the export folder is full")
    ]
    assert sum(calls.values()) == len(JobName) - 1
    statuses = {r.job: r.status for r in recent_runs(graph)}
    assert statuses[JobName.NIM_EXPORT.value] == "failed"
    assert statuses[JobName.LINK_PEOPLE.value] == "ok"


def test_jobs_wait_while_the_graph_is_not_prepared_for_this_version(
    graph: Graph, neo4j_settings: Settings
) -> None:
    """A version's data upgrade may be rebuilding kept counts (the API prepares the graph as it
    starts); a job writing them meanwhile would race it, so no slot runs until it is done."""
    calls: Counter[JobName] = Counter()
    runner = Runner(graph, neo4j_settings, _every_job(), "w", _counting(calls, threading.Lock()))
    graph.write(load_query("admin/mark_schema_applied"), fingerprint="an older version",
                applied_at=NOW.isoformat())  # fmt: skip
    try:
        assert runner.run_due(NOW) == []
        assert recent_runs(graph) == []
    finally:
        schema.apply(graph)  # as the API does when it starts
    assert len(runner.run_due(NOW)) == len(JobName)  # the same slots, still due, now run
    assert sum(calls.values()) == len(JobName)


def test_a_run_its_scheduler_left_is_marked_abandoned(graph: Graph) -> None:
    started = NOW - STALE_AFTER - timedelta(minutes=1)
    assert claim(graph, "link_people", started, "gone", started) is not None
    assert claim(graph, "link_people", started, "other", started) is None
    assert abandon_stale(graph, NOW) == 1
    assert [r.status for r in recent_runs(graph)] == ["abandoned"]


def test_the_real_jobs_run_on_a_hub(
    reference_graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    settings = neo4j_settings.model_copy(
        update={"nim_export_dir": tmp_path / "nim", "audit_log": tmp_path / "audit.jsonl"}
    )
    outcomes = Runner(reference_graph, settings, load_schedule(), "w", JOBS).run_due(NOW)
    assert {o.job for o in outcomes} == set(JobName)
    assert all(o.ran and o.ok for o in outcomes), [o.summary for o in outcomes if not o.ok]
    summaries = {o.job: o.summary for o in outcomes}
    assert summaries[JobName.LINK_DUPLICATES] == "linked 0 reports"
    assert summaries[JobName.NIM_EXPORT].startswith("written: 0 items to pnd")
    assert (tmp_path / "nim" / "state.json").exists()


def test_two_scheduler_processes_run_each_slot_once(
    graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    env = cli_env(neo4j_settings, tmp_path / "audit.jsonl", OHCH_LOG_FORMAT="json")
    command = [str(OHCH), "scheduler", "run", "--once", "--now", NOW.isoformat()]
    processes = [
        subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]  # fmt: skip
    results = [p.communicate(timeout=240) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], results
    runs = recent_runs(graph, 50)
    assert Counter(r.job for r in runs) == Counter({name.value: 1 for name in JobName})
    assert {r.status for r in runs} == {"ok"}, [(r.job, r.summary) for r in runs]
    workers = {r.worker for r in runs}
    assert len(workers) in (1, 2)  # whichever claimed first; never both for one slot
    printed = "".join(out for out, _ in results)
    assert sum(printed.count(f"{name.value} ") for name in JobName) == len(JobName)
