"""The example dashboard and alert rules watch metrics the hub really exposes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from prometheus_client import CollectorRegistry, generate_latest

from api.metrics import GRAPHQL_FIELDS, LATENCY, REQUESTS, Gauges, HubGauges
from services.counters import INTAKE

MONITORING = Path(__file__).parents[3] / "deploy" / "monitoring"
NAME = re.compile(r"\bohch_[a-z_]+")
SUFFIXES = ("_bucket", "_count", "_sum", "_total", "_created")


def _exposed() -> set[str]:
    registry = CollectorRegistry()
    for collector in (REQUESTS, LATENCY, GRAPHQL_FIELDS, INTAKE):
        registry.register(collector)
    registry.register(HubGauges(lambda: Gauges(3, 2, 1, 60.0)))
    REQUESTS.labels("GET", "/healthz", "200")  # labelled series appear once used
    LATENCY.labels("GET", "/healthz")
    GRAPHQL_FIELDS.labels("query", "case")
    INTAKE.labels("created")
    text = generate_latest(registry).decode()
    return {
        line.split("{")[0].split(" ")[0] for line in text.splitlines() if line.startswith("ohch_")
    }


def _base(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return name


def test_every_metric_the_rules_and_dashboard_name_is_exposed() -> None:
    exposed = {_base(n) for n in _exposed()}
    rules = yaml.safe_load((MONITORING / "alert-rules.yml").read_text())
    exprs = [r["expr"] for g in rules["groups"] for r in g["rules"]]
    dashboard = json.loads((MONITORING / "grafana-dashboard.json").read_text())
    exprs += [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    named = {_base(n) for e in exprs for n in NAME.findall(str(e))}
    assert named, "the files name no metric"
    assert named <= exposed, named - exposed
    gauges = {"ohch_journal_backlog", "ohch_review_queue_pending",
              "ohch_recording_decisions_overdue", "ohch_nim_export_age_seconds"}  # fmt: skip
    assert gauges <= named  # each gauge is watched somewhere
