"""A content item's reports, page by page: every report once, in (received_at, id) order, when
several were received at the same instant and a page ends among them.

The page query reads the reports in the order of the (cluster_id, received_at) index from the
cursor on (``queries/content/reports_by_cluster_ids.cypher``); reports received at one instant
are ordered by id after the index gives them, so a page boundary among them is where a cursor
must neither repeat nor skip one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph.db import Graph
from graph.viewer import Role, Viewer
from ingest.load import write_reports
from services.content import ReportsOf, reports_of_contents
from services.paging import PageRequest
from services.use_case import Caller
from tests.factories import referral
from tests.integration.intake.helpers import query, row

ANALYST = Viewer(role=Role.HUB_ANALYST, user_id="analyst-1")
AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
# Seconds after AT each report is received: three at one instant, two at another.
OFFSETS = (5, 0, 5, 9, 5, 0, 12)


@pytest.fixture
def content_id(reference_graph: Graph) -> str:
    rows = [
        row(referral(f"TV-PAGE-{n}"), received=AT + timedelta(seconds=s))
        for n, s in enumerate(OFFSETS)
    ]
    write_reports(reference_graph, rows)
    (found,) = query(
        reference_graph,
        "MATCH (r:Report {source_ref: 'TV-PAGE-0'}) RETURN r.cluster_id AS cid",
    )
    return str(found["cid"])


def _pages(graph: Graph, content_id: str, first: int) -> list[list[str]]:
    caller = Caller(graph, ANALYST)
    pages: list[list[str]] = []
    after: str | None = None
    for _ in range(len(OFFSETS) + 1):  # a cursor that repeats a report would page forever
        (page,) = reports_of_contents(caller, [ReportsOf(content_id, PageRequest(first, after))])
        pages.append([item.value.source_ref for item in page.items])
        if not page.has_next:
            return pages
        after = page.items[-1].cursor
    raise AssertionError(f"more than {len(OFFSETS)} pages: {pages}")


@pytest.mark.parametrize("first", [1, 2, 3, 7])
def test_pages_list_every_report_once_in_received_then_id_order(
    reference_graph: Graph, content_id: str, first: int
) -> None:
    expected = [
        r["ref"]
        for r in query(
            reference_graph,
            "MATCH (r:Report {cluster_id: $cid}) RETURN r.source_ref AS ref "
            "ORDER BY r.received_at, r.id",
            cid=content_id,
        )
    ]
    assert len(expected) == len(OFFSETS)
    pages = _pages(reference_graph, content_id, first)
    assert [ref for page in pages for ref in page] == expected
    assert all(len(page) == first for page in pages[:-1])
    assert 1 <= len(pages[-1]) <= first
