"""Network queries touch a bounded part of the graph: they start from an index, never a scan.

The plans are Neo4j's own (EXPLAIN, nothing runs), so a query rewritten into a scan of every
node, or a window no longer served by the index of its time (``report_reported_at``,
``report_incident_at``, ``report_received_at``), fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.cypher import load_query
from graph.db import Graph

ENTITY_QUERIES = [
    "intel/resolve_entities",
    "intel/neighbourhood",
    "intel/neighbourhood_links",
    "intel/shortest_paths",
]
WINDOW_QUERIES = [
    "intel/co_targeting",
    "intel/prolific_accounts",
    "intel/prolific_accounts_counted",
    "intel/prolific_persons",
    "intel/repeat_victims",
    "intel/most_reported_content",
    "intel/most_reported_content_counted",
    "intel/trends_by_strand",
    "intel/trends_by_platform",
    "intel/trends_by_force",
]


def operators(plan: Any) -> Iterator[tuple[str, str]]:
    yield plan["operatorType"].split("@")[0], str(plan.get("args", {}).get("Details", ""))
    for child in plan.get("children", []):
        yield from operators(child)


def explain(graph: Graph, name: str) -> list[tuple[str, str]]:
    query = load_query(name)
    with graph.driver.session(database=graph.database) as session:
        summary = session.run("EXPLAIN " + query.text, dict.fromkeys(query.params)).consume()
    assert summary.plan is not None
    return list(operators(summary.plan))


@pytest.mark.parametrize("name", ENTITY_QUERIES + WINDOW_QUERIES)
def test_no_query_scans_every_node(graph: Graph, name: str) -> None:
    assert "AllNodesScan" not in {op for op, _ in explain(graph, name)}


@pytest.mark.parametrize("name", WINDOW_QUERIES)
def test_window_queries_start_from_the_index_of_each_time_basis(graph: Graph, name: str) -> None:
    """Each of a report's three times (graph/intel/bounds.py TimeBasis) has its branch and its
    index; the bases not asked for seek an empty list of spans."""
    plan = explain(graph, name)
    for time in ("reported_at", "incident_at", "received_at"):
        assert any(
            op == "NodeIndexSeekByRange" and f"r:Report({time})" in details for op, details in plan
        ), time
    assert "NodeByLabelScan" not in {op for op, _ in plan}


def test_entities_are_found_by_their_keys(graph: Graph) -> None:
    plan = explain(graph, "intel/resolve_entities")
    seeks = {details.split(" WHERE")[0] for op, details in plan if "IndexSeek" in op}
    for key in ("a:Account(key)", "r:Report(id)", "c:ContentCluster(id)", "k:Case(id)",
                "p:Person(id)", "a:Account(person_id)"):  # fmt: skip
        assert any(key in seek for seek in seeks), key
