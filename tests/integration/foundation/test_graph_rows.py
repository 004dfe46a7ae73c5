"""Rows from ``Graph.read`` are plain dicts, the same whether or not they take the fast path.

``graph/db.py`` skips ``Record.data()`` for records holding only scalars and lists of them;
anything else (nodes, relationships, maps, temporal values) must come back exactly as
``Record.data()`` gives it.
"""

from __future__ import annotations

import neo4j.time

from graph.cypher import parse
from graph.db import Graph

PLAIN = parse(
    "test/plain_row",
    "// params: ids\n"
    "RETURN 'a' AS text, 1 AS number, 2.5 AS ratio, true AS flag, null AS nothing,\n"
    "       $ids AS ids, [] AS empty",
)
MIXED = parse(
    "test/mixed_row",
    "// params: name\n"
    "CREATE (n:RowProbe {name: $name, tags: ['x', 'y']})-[r:PROBES {weight: 3}]->(m:RowProbe)\n"
    "RETURN n, r, {name: n.name, inner: [1, {deep: 'z'}]} AS map, [n.name, [1, 2]] AS nested,\n"
    "       datetime('2026-06-01T04:08:00Z') AS at, n.name AS name",
)


def test_scalars_and_lists_of_scalars_come_back_unchanged(graph: Graph) -> None:
    (row,) = graph.read(PLAIN, ids=["c1", "c2"])
    assert row == {
        "text": "a", "number": 1, "ratio": 2.5, "flag": True, "nothing": None,
        "ids": ["c1", "c2"], "empty": [],
    }  # fmt: skip
    assert type(row) is dict


def test_nodes_maps_and_times_come_back_as_record_data_gives_them(graph: Graph) -> None:
    (row,) = graph.write(MIXED, name="probe")
    assert row["n"] == {"name": "probe", "tags": ["x", "y"]}
    assert type(row["n"]) is dict
    assert row["r"] == ({"name": "probe", "tags": ["x", "y"]}, "PROBES", {})
    assert row["map"] == {"name": "probe", "inner": [1, {"deep": "z"}]}
    assert row["nested"] == ["probe", [1, 2]]
    assert row["at"] == neo4j.time.DateTime(2026, 6, 1, 4, 8, 0, tzinfo=row["at"].tzinfo)
    assert row["name"] == "probe"
