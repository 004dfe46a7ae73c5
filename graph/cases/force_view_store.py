"""Force views against the graph: one case as the viewer may see it, and a force's case list.

Each is one query that decides visibility and masks victims inside Cypher
(``queries/cases/case_detail.cypher``, ``queries/cases/force_cases.cypher``); the parameters,
caps and row conversions are the pure half, ``force_view.py``.
"""

from __future__ import annotations

from graph.cases.force_view import (
    CaseDetail,
    ForceCaseLine,
    detail_from_record,
    detail_params,
    line_from_record,
    list_params,
)
from graph.cases.models import CaseStatus
from graph.cypher import load_query
from graph.db import Graph
from graph.viewer import Viewer


def case_detail(graph: Graph, viewer: Viewer, case_id: str, linked_limit: int) -> CaseDetail | None:
    """The case as ``viewer`` may see it; ``None`` when it does not exist or they may not."""
    rows = graph.read(
        load_query("cases/case_detail"), **detail_params(viewer, case_id, linked_limit)
    )
    return detail_from_record(rows[0]) if rows else None


def force_case_lines(
    graph: Graph,
    viewer: Viewer,
    after: str | None,
    own_cases: int,
    linked_per_case: int,
    status: CaseStatus | None = None,
) -> list[ForceCaseLine]:
    """The lines of the first ``own_cases`` own cases of ``status`` (any, for ``None``) after
    the own case ``after``."""
    params = list_params(viewer, after, own_cases, linked_per_case, status=status)
    rows = graph.read(load_query("cases/force_cases"), **params)
    return [line_from_record(r) for r in rows]
