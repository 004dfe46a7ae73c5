"""Reference data lands in the graph with the right shape, and loading twice changes nothing."""

from __future__ import annotations

from graph.db import Graph
from graph.reference.loader import load_reference


def _shape(graph: Graph) -> tuple[int, int, set[tuple[str, str]]]:
    records, _, _ = graph.driver.execute_query(
        "MATCH (f:Force) WITH count(f) AS forces "
        "MATCH (d:PostcodeDistrict) WITH forces, count(d) AS districts "
        "MATCH (d:PostcodeDistrict)-[:TOUCHES_FORCE]->(f:Force) "
        "WHERE d.code IN ['M46', 'AL3', 'LS1', 'BT1'] "
        "RETURN forces, districts, collect([d.code, f.code]) AS touches",
        database_=graph.database,
    )
    record = records[0]
    return record["forces"], record["districts"], {tuple(t) for t in record["touches"]}


def test_reference_load_is_idempotent_and_links_districts_to_forces(graph: Graph) -> None:
    load_reference(graph)
    first = _shape(graph)
    load_reference(graph)
    assert _shape(graph) == first
    forces, districts, touches = first
    assert forces == 46
    assert districts == 2951
    assert touches == {
        ("M46", "E23000005"),
        ("AL3", "E23000026"),
        ("AL3", "E23000027"),
        ("LS1", "E23000010"),
        ("BT1", "N99999999"),
    }
