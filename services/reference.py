"""Reference data and the probes: whether the graph answers, the forces, a postcode's force."""

from __future__ import annotations

from collections.abc import Mapping

from graph.access import Capability
from graph.cypher import load_query
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "graph_answers": Capability.REFERENCE_DATA,
}


@use_case
def graph_answers(caller: Caller) -> None:
    """Raise :class:`~graph.errors.GraphUnavailable` unless Neo4j answers a query."""
    caller.graph.verify()
    caller.graph.read(load_query("health/ping"))
