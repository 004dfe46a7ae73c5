"""Prometheus metrics: what the people who keep the hub running watch (docs/OPERATIONS.md).

Counted as the hub works: HTTP requests and their latency by method and route template (never
a raw path, which would carry ids), GraphQL root fields asked for, referrals by how intake took
them (created, already received, journalled, rejected). Read when scraped, at most once a
minute (``HubGauges``): the journal's backlog and quarantined lines, open intake conflicts,
pending duplicate reviews, cases past their 24-hour recording decision, and the age of the last
NIM export. With several worker processes (``PROMETHEUS_MULTIPROC_DIR`` set, as ``ohch serve
--workers`` does) each process's counts are summed at scrape.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from threading import Lock

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from services.counters import INTAKE

REQUESTS = Counter(
    "ohch_http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
LATENCY = Histogram(
    "ohch_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0, 10.0),
)
GRAPHQL_FIELDS = Counter(
    "ohch_graphql_root_fields_total", "GraphQL root fields asked for", ["type", "field"]
)
CONTENT_TYPE = CONTENT_TYPE_LATEST


@dataclass(frozen=True, slots=True)
class Gauges:
    journal_backlog: int
    review_pending: int
    decisions_overdue: int
    export_age_seconds: float | None  # None: no export folder configured or none run yet
    journal_quarantined: int = 0  # journal lines set aside, not yet reviewed
    intake_conflicts_open: int = 0  # journalled referrals conflicting with a report


class HubGauges(Collector):
    """Reads the hub's state when scraped, cached for ``ttl`` seconds so a scrape every few
    seconds costs one read a minute."""

    def __init__(self, read: Callable[[], Gauges], ttl: float = 60.0) -> None:
        self._read = read
        self._ttl = ttl
        self._lock = Lock()
        self._cached: tuple[float, Gauges] | None = None

    def _gauges(self) -> Gauges:
        with self._lock:
            now = time.monotonic()
            if self._cached is None or now - self._cached[0] > self._ttl:
                self._cached = (now, self._read())
            return self._cached[1]

    def collect(self) -> Iterator[Metric]:
        g = self._gauges()
        yield GaugeMetricFamily(
            "ohch_journal_backlog", "Referrals in the journal waiting for Neo4j", g.journal_backlog
        )
        yield GaugeMetricFamily(
            "ohch_journal_quarantined",
            "Journal lines set aside (torn or unreadable), not yet reviewed",
            g.journal_quarantined,
        )
        yield GaugeMetricFamily(
            "ohch_intake_conflicts_open",
            "Journalled referrals conflicting with a report written meanwhile",
            g.intake_conflicts_open,
        )
        yield GaugeMetricFamily(
            "ohch_review_queue_pending", "Possible duplicates awaiting an analyst", g.review_pending
        )
        yield GaugeMetricFamily(
            "ohch_recording_decisions_overdue",
            "Open cases past the 24-hour recording decision",
            g.decisions_overdue,
        )
        if g.export_age_seconds is not None:
            yield GaugeMetricFamily(
                "ohch_nim_export_age_seconds",
                "Seconds since the last NIM export's window ended",
                g.export_age_seconds,
            )


def exposition(gauges: HubGauges) -> bytes:
    """The text a scrape receives: this process's (or every worker's) counters, and the gauges."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        for collector in (REQUESTS, LATENCY, GRAPHQL_FIELDS, INTAKE):
            registry.register(collector)
    registry.register(gauges)
    return generate_latest(registry)
