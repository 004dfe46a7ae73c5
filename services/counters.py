"""Counters the use cases keep for /metrics (``api/metrics.py`` serves them): counted where
the work happens, so every door (REST, GraphQL, the web form) is counted once and alike."""

from __future__ import annotations

from prometheus_client import Counter

INTAKE = Counter(
    "ohch_intake_referrals_total",
    "Referrals by how intake took them (created, already_received, journalled, rejected)",
    ["outcome"],
)
