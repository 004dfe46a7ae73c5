"""Does the API stay responsive while it is sent what could stall it?

Starts the API (uvicorn, one process, as ``ohch serve`` does) twice: with the shipped limits,
and with them opened up (bodies to 16 MB, nesting to 100,000, tokens to 10 million) as the
hub was before issue 20. Each time it measures ``/healthz`` alone, then again while four
clients keep sending a 320 KB query, a variable nested 2,000 deep and a 6,000-token query
(bounded: 40 each). Prints healthz p50/p95 under attack as a ratio of its own quiet baseline,
and what the attackers got back. No Neo4j is needed (``/healthz`` does not touch it).

Then what the shared limits cost a request (issue #27 item 5), before and after in one run, on
the bench's own Neo4j (``bench/common.py``): a submission's rate check as the request guard
makes it, before (this process's buckets) and after (the bucket in the graph, one statement
through a thread; and with a worker's lease of 16 tokens, one statement for 16), and a status
check's guess counting, before (the in-memory window) and after (take and give back in the
graph); each alone and with 8 workers racing on one counter.
Run: ``.venv/bin/python bench/api_limits.py`` (``--limits`` for the second part only).
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from api.rate_limit import SubmissionLimiter
from bench.common import bench_settings, prepared_graph
from graph.cypher import load_query
from graph.db import Graph
from graph.limits.rules import Kind, Window, take_attempts
from graph.viewer import ANONYMOUS
from services import attempts

REPO = Path(__file__).resolve().parent.parent
ATTACKS_EACH = 40
OPEN = {
    "OHCH_GRAPHQL_MAX_BODY_BYTES": str(16 * 1024 * 1024),
    "OHCH_API_MAX_JSON_DEPTH": "100000",
    "OHCH_GRAPHQL_MAX_TOKENS": "10000000",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post(url: str, body: bytes) -> tuple[int, float]:
    started = time.perf_counter()
    headers = {"content-type": "application/json"}
    request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:  # noqa: S310 - loopback
            reply.read()
            status = reply.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def healthz(base: str, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        with urllib.request.urlopen(f"{base}/healthz", timeout=60) as reply:  # noqa: S310
            reply.read()
        times.append(time.perf_counter() - started)
    return times


#: The query each attack wraps: ``forces`` returns its result union (``ForceList`` or an error).
FORCES = b"forces { ... on ForceList { forces { code } } }"


def bodies() -> list[bytes]:
    big = b'{"query": "{ ' + FORCES + b" }" + b" " * (320 * 1024) + b'"}'
    deep = (
        b'{"query": "query($v: JSON) { '
        + FORCES
        + b' }", "variables": {"v": '
        + b"[" * 2000
        + b"]" * 2000
        + b"}}"
    )
    tokens = b'{"query": "{ forces { ... on ForceList { forces { ' + b"code " * 6000 + b'} } } }"}'
    return [big, deep, tokens]


def run(label: str, extra_env: dict[str, str]) -> None:
    port = free_port()
    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "unused",
           "OHCH_API_PORT": str(port), **extra_env}  # fmt: skip
    server = subprocess.Popen(
        [str(REPO / ".venv" / "bin" / "ohch"), "serve"], env=env, cwd=REPO,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                healthz(base, 1)
                break
            except OSError:
                time.sleep(0.1)
        quiet = healthz(base, 200)
        outcomes: Counter[int] = Counter()
        attack_times: list[float] = []
        lock = threading.Lock()

        def attacker(body: bytes) -> None:
            for _ in range(ATTACKS_EACH):
                status, took = post(f"{base}/graphql", body)
                with lock:
                    outcomes[status] += 1
                    attack_times.append(took)

        threads = [threading.Thread(target=attacker, args=(b,)) for b in [*bodies(), bodies()[0]]]
        for t in threads:
            t.start()
        loud = healthz(base, 200)
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    q50, q95 = statistics.median(quiet), statistics.quantiles(quiet, n=20)[18]
    l50, l95 = statistics.median(loud), statistics.quantiles(loud, n=20)[18]
    attacked = statistics.median(attack_times) * 1000
    print(
        f"{label:14} healthz quiet p50 {q50 * 1000:5.1f} ms p95 {q95 * 1000:5.1f} ms | "
        f"under attack p50 {l50 * 1000:6.1f} ms ({l50 / q50:5.1f}x) p95 {l95 * 1000:6.1f} ms "
        f"({l95 / q95:5.1f}x) | attacks {dict(sorted(outcomes.items()))}, median {attacked:.0f} ms"
    )


LIMIT_CALLS = 400  # per measurement: bounded


def _timed(calls: int, one: Callable[[int], object], workers: int = 1) -> list[float]:
    def timed(i: int) -> float:
        started = time.perf_counter()
        one(i)
        return time.perf_counter() - started

    if workers == 1:
        return [timed(i) for i in range(calls)]
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(timed, range(calls)))


def _line(label: str, before: list[float], after: list[float]) -> None:
    b50, a50 = statistics.median(before), statistics.median(after)
    b95, a95 = statistics.quantiles(before, n=20)[18], statistics.quantiles(after, n=20)[18]
    print(
        f"{label:34} before p50 {b50 * 1e6:7.1f} us p95 {b95 * 1e6:7.1f} us | "
        f"after p50 {a50 * 1e6:7.1f} us p95 {a95 * 1e6:7.1f} us | +{(a50 - b50) * 1000:.2f} ms p50"
    )


def _rate(graph: Graph | None, workers: int, lease: int = 1) -> list[float]:
    """A submission's rate check as the request guard makes it, from ``workers`` requests at a
    time on one event loop (one API process); the rate is high enough never to refuse. With a
    ``lease`` the worker takes that many tokens from the graph at once and spends them itself."""
    limiter = SubmissionLimiter(1_000_000, Kind.PUBLIC, lease)
    times: list[float] = []

    async def client(worker: int) -> None:
        for i in range(LIMIT_CALLS // workers):
            address = "198.51.100.1" if workers > 1 else f"198.51.100.{i % 200}"
            started = time.perf_counter()
            await limiter.take(graph, ANONYMOUS, address)
            times.append(time.perf_counter() - started)

    async def clients() -> None:
        await asyncio.gather(*(client(w) for w in range(workers)))

    asyncio.run(clients())
    return times


def _flood(graph: Graph | None) -> list[float]:
    """One client sending 20 times its rate: refused by this process's own bucket, once its
    rate is spent, without asking the graph."""
    limiter = SubmissionLimiter(20, Kind.PUBLIC)
    times: list[float] = []

    async def flood() -> None:
        for _ in range(LIMIT_CALLS):
            started = time.perf_counter()
            await limiter.take(graph, ANONYMOUS, "203.0.113.66")
            times.append(time.perf_counter() - started)

    asyncio.run(flood())
    return times


def _write_baseline(graph: Graph) -> list[float]:
    """The floor of any shared counter: one write transaction setting one property."""
    return _timed(
        LIMIT_CALLS, lambda i: graph.write(load_query("bench/touch_node"), key=f"baseline-{i % 50}")
    )


def _guesses_in_memory(workers: int) -> list[float]:
    """Before: the window kept in this process (a lock, as a dict of deques needs one)."""
    window = Window("k", limit=attempts.LIMIT, window_s=attempts.WINDOW_S)
    kept: dict[str, list[float]] = {}
    lock = threading.Lock()

    def one(i: int) -> None:
        key = "one" if workers > 1 else str(i)
        with lock:
            _, (kept[key],) = take_attempts([(window, kept.get(key, []))], time.time())

    return _timed(LIMIT_CALLS, one, workers)


def _guesses_shared(graph: Graph, workers: int) -> list[float]:
    """After: a slot taken in the reference's and the client's counters (a wrong code)."""
    return _timed(
        LIMIT_CALLS,
        lambda i: attempts.take_guess(
            graph, "HUB-2026-000001" if workers > 1 else f"HUB-2026-{i:06d}", "198.51.100.9"
        ),
        workers,
    )


def limits() -> None:
    with (
        bench_settings(heap_mb=512, pagecache_mb=256) as settings,
        prepared_graph(settings) as graph,
    ):
        _rate(graph, 1)  # warm the driver's pool and the query plans
        _guesses_shared(graph, 1)
        floor = statistics.median(_write_baseline(graph))
        print(f"baseline: one write transaction on this Neo4j, p50 {floor * 1e6:7.1f} us")
        _line("rate check, one client at a time", _rate(None, 1), _rate(graph, 1))
        _line("rate check, a flood (20x the rate)", _flood(None), _flood(graph))
        _line("rate check, 8 workers, one client", _rate(None, 8), _rate(graph, 8))
        _line("rate check, 8 workers, lease 16", _rate(None, 8), _rate(graph, 8, lease=16))
        _line("guess count, one at a time", _guesses_in_memory(1), _guesses_shared(graph, 1))
        _line("guess count, 8 workers, one ref", _guesses_in_memory(8), _guesses_shared(graph, 8))


def main() -> None:
    if "--limits" not in sys.argv:
        run("shipped limits", {})
        run("limits opened", OPEN)
    limits()


if __name__ == "__main__":
    main()
