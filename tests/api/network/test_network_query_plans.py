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


def plan_of(graph: Graph, name: str) -> Any:
    """Neo4j's plan of a query file (EXPLAIN: nothing runs), as a tree of operators."""
    query = load_query(name)
    with graph.driver.session(database=graph.database) as session:
        summary = session.run("EXPLAIN " + query.text, dict.fromkeys(query.params)).consume()
    assert summary.plan is not None
    return summary.plan


def explain(graph: Graph, name: str) -> list[tuple[str, str]]:
    return list(operators(plan_of(graph, name)))


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


def _page_sort(plan: Any) -> Any | None:
    """The operator that keeps the page: the first Top or Sort on the query's main line (each
    operator's input side, from the results down)."""
    node = plan
    while node is not None:
        if node["operatorType"].split("@")[0] in ("Top", "Sort"):
            return node
        node = (node.get("children") or [None])[0]
    return None


@pytest.mark.parametrize(
    "name",
    [
        "intel/prolific_accounts_counted",
        "intel/prolific_persons_counted",
        "intel/most_reported_content_counted",
    ],
)
def test_the_page_is_sorted_from_grouped_rows_not_rows_that_carry_the_ranking(
    graph: Graph, name: str
) -> None:
    """The rows a sort holds are counted at the size of all they carry: fed from the ranked list
    of every account (or content) of the window (``ranked``), a 365-day page of prolific
    accounts on the 1M bench graph was refused for the memory a transaction may use. The nearest
    aggregation under the page's sort (its input side) must be the grouping that makes rows of
    their own columns."""
    node = _page_sort(plan_of(graph, name))
    assert node is not None
    while node.get("children"):
        node = node["children"][0]  # the input side (an Apply's left, its subqueries right)
        if node["operatorType"].split("@")[0] in ("EagerAggregation", "OrderedAggregation"):
            break
    details = str(node.get("args", {}).get("Details", ""))
    assert "count(*) AS once" in details, details
    assert "AS ranked" not in details
