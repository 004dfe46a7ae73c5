"""The period's report facts from the graph (``queries/statistics/report_facts.cypher``)."""

from __future__ import annotations

from graph.cypher import load_query
from graph.db import Graph
from graph.intel.bounds import TimeBasis, basis_spans
from graph.statistics.periods import Period
from graph.statistics.rollup import ReportFacts


def report_facts(graph: Graph, period: Period, basis: TimeBasis) -> list[ReportFacts]:
    """Every report of the period by ``basis``, with what the statistics count of it."""
    rows = graph.read(
        load_query("statistics/report_facts"),
        spans=basis_spans(basis, [(period.start, period.end)]),
    )
    return [
        ReportFacts(
            id=r["id"],
            content=r["content"],
            case_id=r["case_id"],
            strands=tuple(sorted(set(r["strands"]))),
            platforms=tuple(sorted(r["platforms"])),
            force=r["force"],
            offences=tuple(sorted(set(r["offences"]))) if r["offences"] else None,
            outcome=r["outcome"],
            online=r["online"],
        )
        for r in rows
    ]
