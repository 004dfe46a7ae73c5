"""Does the API stay responsive while it is sent what could stall it?

Starts the API (uvicorn, one process, as ``ohch serve`` does) twice: with the shipped limits,
and with them opened up (bodies to 16 MB, nesting to 100,000, tokens to 10 million) as the
hub was before issue 20. Each time it measures ``/healthz`` alone, then again while four
clients keep sending a 320 KB query, a variable nested 2,000 deep and a 6,000-token query
(bounded: 40 each). Prints healthz p50/p95 under attack as a ratio of its own quiet baseline,
and what the attackers got back. No Neo4j is needed (``/healthz`` does not touch it).
Run: ``.venv/bin/python bench/api_limits.py``.
"""

from __future__ import annotations

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
from pathlib import Path

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


def main() -> None:
    run("shipped limits", {})
    run("limits opened", OPEN)


if __name__ == "__main__":
    sys.exit(main())
