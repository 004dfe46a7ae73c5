"""The public door under load: the API's referrals a second with concurrent clients, beside bulk
intake of the same kind of referrals measured in the same run (issue #28.3).

Starts the bench Neo4j (``OHCH_BENCH_NEO4J_PORT``, or ``NEO4J_BENCH_URI``) and warms it with
bulk intake as ``bench/ingest.py`` does. Starts the API as the deployment does (``ohch serve``:
uvicorn and the project's app, one process each, on loopback) twice: each referral in its own
transaction (``OHCH_INTAKE_BATCH_WINDOW_MS=0``: before group commit) and with group commit
(``--window-ms``, ``--max-batch``). Then, in each of ``--rounds`` rounds, it measures bulk
intake (``ingest_file``, batches of 1,000) on ``--bulk`` referrals, and against each API
``--clients`` clients post ``--count`` referrals one by one over HTTP (each its own keep-alive
connection, each request waiting for its answer), on an emptied graph, for two loads:

- *spread*: generated referrals about many posts (``bench/datagen``);
- *pile-on*: nine in ten about one of five posts (a viral post, a campaign's target).

Prints, for each (every round, then the best of the rounds): referrals/s, latency
p50/p95/p99, the answers by HTTP status, errors (any answer but 201, or none; there must be
none) and the reports found in the graph; then the
ratios issue #28 asks: the API's rate with group commit over the bulk rate (aim >= 0.5), the
pile-on over the spread load (aim >= 0.9), and group commit over one transaction each.

The rate limits are the API's own, configured for the bench through the environment (one
address sends every referral here): ``OHCH_INTAKE_RATE_PER_MINUTE`` is set to
``--rate-per-minute``. The API's journal and audit trail are kept under
``.ohch/bench-load-<port>/`` (the disk a deployment writes them to, not a memory file system).

``--workers`` serves each API with that many processes (``ohch serve --workers``; the limits
are shared through the graph). Bounded: ``--count`` referrals a load, each load stopped after
``--seconds``.
Run: ``.venv/bin/python bench/load.py [--count 1000] [--clients 8] [--bulk 5000] [--rounds 2]``
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.api_limits import free_port
from bench.common import BENCH_PASSWORD, REPO, bench_settings, prepared_graph
from bench.datagen.reports import generate_reports, write_jsonl
from bench.ingest import warm_up
from graph.cypher import load_query
from graph.db import Graph
from graph.settings import Settings
from ingest.bulk import ingest_file

URL = "/api/v1/referrals"
HOT_POSTS = 5
PILE_ON_SHARE = 0.9


def spread(count: int, seed: int, prefix: str) -> list[bytes]:
    """``count`` generated referrals, each under its own ``source_ref``."""
    return [
        orjson.dumps({**r, "source_ref": f"{prefix}-{i:07d}"})
        for i, (r, _) in enumerate(generate_reports(count, seed=seed))
    ]


def pile_on(count: int, seed: int, prefix: str) -> list[bytes]:
    """As :func:`spread`, but nine in ten referrals report one of five posts (the same URL
    and words, the same suspect), each from its own reporter."""
    rng = random.Random(seed)
    made = [r for r, _ in generate_reports(count + 200, seed=seed)]
    hot = [r for r in made if "url" in r["content"][0] and r["suspects"]][:HOT_POSTS]
    out = []
    for i, referral in enumerate(made[:count]):
        if rng.random() < PILE_ON_SHARE:
            post = hot[i % len(hot)]
            item = {k: v for k, v in post["content"][0].items() if k in ("platform", "url", "text")}
            referral = {**referral, "content": [item], "suspects": post["suspects"]}
        out.append(orjson.dumps({**referral, "source_ref": f"{prefix}-{i:07d}"}))
    return out


@dataclass(frozen=True)
class Load:
    sent: int
    seconds: float
    latencies: list[float]
    statuses: Counter[int | str]
    stored: int

    @property
    def rate(self) -> float:
        return self.sent / self.seconds

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != 201)

    def line(self, label: str) -> str:
        p50, p95, p99 = (_quantile(self.latencies, q) * 1000 for q in (0.50, 0.95, 0.99))
        return (
            f"  {label:<9} {self.rate:>7,.0f} referrals/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
            f"p99 {p99:6.1f} ms  {self.sent:,} sent in {self.seconds:.1f} s, answers "
            f"{dict(sorted(self.statuses.items(), key=str))}, errors {self.errors}, reports "
            f"in the graph {self.stored:,}"
        )


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def drive(port: int, bodies: list[bytes], clients: int, seconds: float) -> Load:
    """``clients`` threads post ``bodies`` one by one (each takes the next not yet sent) until
    none is left or ``seconds`` have passed."""
    lock = threading.Lock()
    queue = iter(bodies)
    latencies: list[float] = []
    statuses: Counter[int | str] = Counter()
    deadline = time.monotonic() + seconds
    headers = {"content-type": "application/json"}

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            while time.monotonic() < deadline:
                with lock:
                    body = next(queue, None)
                if body is None:
                    return
                began = time.perf_counter()
                try:
                    connection.request("POST", URL, body, headers)
                    reply = connection.getresponse()
                    reply.read()
                    status: int | str = reply.status
                except (OSError, http.client.HTTPException) as error:
                    status = type(error).__name__
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                took = time.perf_counter() - began
                with lock:
                    latencies.append(took)
                    statuses[status] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Load(len(latencies), time.perf_counter() - start, latencies, statuses, 0)


@contextmanager
def api(
    settings: Settings, window_ms: float, max_batch: int, rate: int, workers: int = 1
) -> Iterator[int]:
    """``ohch serve --workers`` on a free loopback port against the bench Neo4j; yields the
    port once it is ready (schema applied), and stops it after."""
    port = free_port()
    home = REPO / ".ohch" / f"bench-load-{port}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),  # this checkout's code, whatever the environment installed
        "NEO4J_URI": settings.bolt_uri,
        "NEO4J_PASSWORD": BENCH_PASSWORD,
        "OHCH_ENV": "test",
        "OHCH_API_HOST": "127.0.0.1",
        "OHCH_API_PORT": str(port),
        "OHCH_JOURNAL_DIR": str(home / "journal"),
        "OHCH_AUDIT_LOG": str(home / "audit" / "audit.jsonl"),
        "OHCH_INTAKE_RATE_PER_MINUTE": str(rate),
        "OHCH_INTAKE_BATCH_WINDOW_MS": str(window_ms),
        "OHCH_INTAKE_BATCH_MAX": str(max_batch),
    }
    log = (home / "serve.log").open("wb")
    server = subprocess.Popen(
        [str(REPO / ".venv" / "bin" / "ohch"), "serve", "--workers", str(workers)],
        env=env, cwd=REPO, stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_ready(port, server, home / "serve.log")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
        shutil.rmtree(home, ignore_errors=True)


def _wait_ready(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"the API stopped at start:\n{log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the API was not ready in 120 s:\n{log.read_text()[-3000:]}")


def stored(graph: Graph) -> int:
    (row,) = graph.read(load_query("bench/count_reports"))
    return int(row["n"])


def empty(graph: Graph) -> None:
    graph.run_schema(load_query("admin/delete_reports").text)


def bulk_rate(graph: Graph, scratch: Path, count: int) -> float:
    """Referrals a second through bulk intake (``ingest_file``, as ``bench/ingest.py``)."""
    empty(graph)
    source = scratch / "bulk.jsonl"
    write_jsonl(source, count, seed=count)
    start = time.perf_counter()
    summary = ingest_file(graph, source, scratch / "rejects.jsonl")
    seconds = time.perf_counter() - start
    empty(graph)
    return summary.accepted / seconds


def measure(graph: Graph, port: int, bodies: list[bytes], args: argparse.Namespace) -> Load:
    """One load on an emptied graph, and the reports it left there."""
    empty(graph)
    load = drive(port, bodies, args.clients, args.seconds)
    return Load(load.sent, load.seconds, load.latencies, load.statuses, stored(graph))


MODES = ("one transaction each", "group commit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000, help="referrals a load")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--bulk", type=int, default=5000, help="referrals bulk intake takes")
    parser.add_argument("--rounds", type=int, default=2, help="each measurement, alternating")
    parser.add_argument("--seconds", type=float, default=120, help="longest a load runs")
    parser.add_argument("--window-ms", type=float, default=5.0, help="the gathering window")
    parser.add_argument("--max-batch", type=int, default=64)
    parser.add_argument("--rate-per-minute", type=int, default=1_000_000)
    parser.add_argument("--api-warmup", type=int, default=200, help="untimed, each API")
    parser.add_argument("--processes", type=int, default=1, help="bulk's helper processes")
    parser.add_argument("--workers", type=int, default=1, help="API processes (ohch serve)")
    parser.add_argument("--warmup-round", type=int, default=5000)
    parser.add_argument("--warmup-max", type=int, default=20_000)
    parser.add_argument("--warm-jit-share", type=float, default=0.10)
    args = parser.parse_args()
    loads = {
        "spread": spread(args.count, seed=11, prefix="LOAD-S"),
        "pile-on": pile_on(args.count, seed=13, prefix="LOAD-P"),
    }
    windows = dict(zip(MODES, (0.0, args.window_ms), strict=True))
    with (
        bench_settings(2048, 1024) as settings,
        prepared_graph(settings) as graph,
        tempfile.TemporaryDirectory() as scratch,
        api(
            settings, windows[MODES[0]], args.max_batch, args.rate_per_minute, args.workers
        ) as before,
        api(
            settings, windows[MODES[1]], args.max_batch, args.rate_per_minute, args.workers
        ) as after,
    ):
        print(f"warm-up: {warm_up(graph, Path(scratch), args)}")
        ports = dict(zip(MODES, (before, after), strict=True))
        for port in ports.values():  # each API's own first requests, untimed
            drive(port, spread(args.api_warmup, seed=7, prefix=f"WARM-{port}"), args.clients, 60)
        # Rounds alternate the measurements, so a machine that slows or speeds up meanwhile
        # (it is shared) weighs on each alike; the best of the rounds is compared.
        bulk: list[float] = []
        runs: dict[tuple[str, str], list[Load]] = {(m, n): [] for m in MODES for n in loads}
        for number in range(1, args.rounds + 1):
            bulk.append(bulk_rate(graph, Path(scratch), args.bulk))
            print(f"round {number}: bulk intake {bulk[-1]:,.0f} referrals/s ({args.bulk:,})")
            for name, bodies in loads.items():
                for mode in MODES:
                    runs[mode, name].append(load := measure(graph, ports[mode], bodies, args))
                    print(load.line(f"{name}, {mode}"))
        base = max(bulk)
        print(f"best of {args.rounds} rounds; bulk intake {base:,.0f} referrals/s")
        best = {key: max(found, key=lambda load: load.rate) for key, found in runs.items()}
        for mode in MODES:
            print(
                f"API, {args.clients} clients, {args.workers} worker process(es), {mode} "
                f"(window {windows[mode]:g} ms, batch <= {args.max_batch}):"
            )
            for name in loads:
                print(best[mode, name].line(name))
        after_, before_ = MODES[1], MODES[0]
        print("ratios:")
        for name in loads:
            print(
                f"  {name:<9} API / bulk {best[after_, name].rate / base:.2f} (aim >= 0.5; "
                f"one transaction each {best[before_, name].rate / base:.2f}); group commit / "
                f"one transaction each {best[after_, name].rate / best[before_, name].rate:.2f}"
            )
        for mode in MODES:
            ratio = best[mode, "pile-on"].rate / best[mode, "spread"].rate
            print(f"  pile-on / spread, {mode}: {ratio:.2f} (aim >= 0.9)")
        errors = sum(load.errors for found in runs.values() for load in found)
        print(f"  errors: {errors} (must be none)")
        one, five, fifteen = os.getloadavg()
        print(f"load average at the end (1, 5, 15 min): {one:.1f} {five:.1f} {fifteen:.1f}")


if __name__ == "__main__":
    main()
