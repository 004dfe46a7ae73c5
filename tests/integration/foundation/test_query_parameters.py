"""Query parameters reach Neo4j unchanged, and the driver's DEBUG log shows only their sizes.

The driver formats every query's parameters for its DEBUG log (``C: RUN ...``) on each run.
``graph/db.py`` passes them as values whose text form is their size: a victim's name or a
batch of intake rows never reaches the log, and the formatting costs nothing.
"""

from __future__ import annotations

import logging

import pytest

from graph.cypher import parse
from graph.db import Graph

ECHO = parse(
    "test/echo_parameters",
    "// params: name, rows, detail, count\n"
    "RETURN $name AS name, $rows AS rows, $detail AS detail, $count AS count,\n"
    "       size($name) AS name_length, $rows[1].postcode AS second_postcode",
)

ROWS = [
    {"name": "Amira Haddad", "postcode": "M1 1AE", "strands": ["race", "religion"]},
    {"name": "Tom Price", "postcode": "LS1 4DY", "strands": []},
]


def test_parameters_arrive_as_given(graph: Graph) -> None:
    (row,) = graph.read(
        ECHO, name="Amira Haddad", rows=ROWS, detail={"platform": "x", "n": [1, 2]}, count=3
    )
    assert row == {
        "name": "Amira Haddad", "rows": ROWS, "detail": {"platform": "x", "n": [1, 2]},
        "count": 3, "name_length": 12, "second_postcode": "LS1 4DY",
    }  # fmt: skip


def test_the_driver_debug_log_names_sizes_not_values(
    graph: Graph, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        graph.read(ECHO, name="Amira Haddad", rows=ROWS, detail={"platform": "x"}, count=3)
    runs = [r.getMessage() for r in caplog.records if "C: RUN" in r.getMessage()]
    assert runs, "the driver logged no RUN at DEBUG: the test no longer sees what it checks"
    logged = "\n".join(runs)
    assert "$name AS name" in logged  # the query text is still there
    assert "<text of 12 characters>" in logged
    assert "<list of 2>" in logged
    assert "<map of 1>" in logged
    for secret in ("Amira", "Haddad", "M1 1AE", "LS1 4DY", "Tom Price"):
        assert secret not in logged
