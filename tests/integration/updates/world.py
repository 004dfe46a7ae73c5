"""Referrals accepted the way the API accepts them, and the graph read back."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson

from graph.db import Graph
from ingest.journal import Journal
from ingest.service import accept
from tests.factories import referral
from tests.integration.intake.helpers import query

AMARA = "amara.okafor@example.org"  # the factory's reporter, as the hub keeps the address


def submit(graph: Graph, tmp_path: Path, source_ref: str, **overrides: Any) -> str:
    """Accept one referral (tests/factories.py, with overrides); returns its reference."""
    payload = referral(source_ref=source_ref, **overrides)
    raw = orjson.dumps(payload).decode()
    return accept(payload, raw, graph, Journal(tmp_path / "journal")).reference


def reporter(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = copy.deepcopy(referral()["reporter"])
    return {**base, **fields}


def case_of(graph: Graph, reference: str) -> str:
    (found,) = query(
        graph,
        "MATCH (r:Report {reference: $ref}) MATCH (k:Case)-[:CONCERNS]->(:ContentCluster "
        "{id: r.cluster_id}) RETURN k.id AS id",
        ref=reference,
    )
    return str(found["id"])


def report_id(graph: Graph, reference: str) -> str:
    (found,) = query(graph, "MATCH (r:Report {reference: $ref}) RETURN r.id AS id", ref=reference)
    return str(found["id"])
