"""Shared helpers for intake integration tests: accept referrals and read the graph back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from graph.db import Graph
from ingest.intake_row import IntakeRow
from ingest.load import Outcome, write_reports
from ingest.take_in import take_in


def row(payload: dict[str, Any], received: datetime | None = None) -> IntakeRow:
    """The row intake writes for ``payload``, received now or at ``received``."""
    return take_in(payload, str(payload), received or datetime.now(UTC)).row


def write(graph: Graph, *payloads: dict[str, Any]) -> list[Outcome]:
    return write_reports(graph, [row(payload) for payload in payloads])


def query(graph: Graph, cypher: str, **params: Any) -> list[dict[str, Any]]:
    """Test-only reads; production code reads through queries/ files."""
    records, _, _ = graph.driver.execute_query(cypher, params, database_=graph.database)
    return [r.data() for r in records]
