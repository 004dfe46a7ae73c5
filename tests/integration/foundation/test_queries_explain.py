"""Every query file compiles against the real Neo4j (EXPLAIN plans it without running it)."""

from __future__ import annotations

import pytest

from graph.cypher import all_queries
from graph.db import Graph

RUNNABLE = [name for name in all_queries() if not name.startswith(("schema/", "admin/"))]


@pytest.mark.parametrize("name", RUNNABLE)
def test_query_file_compiles(graph: Graph, name: str) -> None:
    query = all_queries()[name]
    params = dict.fromkeys(query.params)
    with graph.driver.session(database=graph.database) as session:
        session.run("EXPLAIN " + query.text, params).consume()
