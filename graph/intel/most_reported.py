"""Most-reported content for hub staff from the counts kept by content: the exact answer of
``intel/most_reported_content``, without reading every cluster's counts of the window.

A cluster's reports in any window are at most its reports ever (``counted_reports``, kept by
the linker: ``dedup/count_content_reports``). So the page's last count (the ``skip + limit``-th
cluster's reports in the window) is at least the one found among any clusters; the ``probe``
clusters reported most ever give such a bound, from their own counts. Every cluster with at least
that many reports ever is then read, and no other can reach the page, nor tie with its last row.
When the bound is below 2 (the page reaches clusters with one report in the window), nearly
every cluster would be read: the window's reports are read instead, as a force's are.
"""

from __future__ import annotations

from graph.cypher import load_query
from graph.db import Graph, Record
from graph.intel.bounds import TimeBasis, Window

PROBE = 200  # clusters (most reported ever) whose window counts bound the page's last count
EVERY = 2**62  # no limit on the candidates


def most_reported_counted(
    graph: Graph, window: Window, basis: TimeBasis, skip: int, limit: int, probe: int = PROBE
) -> list[Record]:
    """One page (rows ``content_id``, ``reports``, ``reporters``) of the content reported most
    in ``window`` by ``basis``, over every force's cases."""
    page = {"skip": skip, "limit": limit}
    counted = load_query("intel/most_reported_content_counted")
    spans = {**window.edge_spans(basis, sees_all=True), "basis": basis.key}
    probed = graph.read(counted, least=1, most=probe, resolve=False, **spans, **page)
    bound = probed[-1]["reports"] if len(probed) == limit else 0
    if bound >= 2:
        return graph.read(counted, least=bound, most=EVERY, resolve=True, **spans, **page)
    return graph.read(
        load_query("intel/most_reported_content"), viewer_force=None, viewer_sees_all=True,
        **window.spans(basis), **page,
    )  # fmt: skip
