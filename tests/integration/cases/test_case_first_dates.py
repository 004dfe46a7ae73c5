"""A case's incident day and its first receipt are worked out from its reports together.

The case's incident day is the earliest its reports give, and its receipt the first; a report
that gives no incident date counts at its receipt, so the incident day is never after the
first receipt. Taken apart, a case whose first report gave no incident date while a later one
did had an incident day after its receipt, and every view, assignment and decision of it
failed with "occurred_on must not be after received_at" (found by
``tests/integration/intel/test_kept_counts.py`` with seed 13). It happens inside one content
and across a case merge alike.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph.cases.creation import default_case_id
from graph.cases.grouping_store import merge_cases
from graph.cases.store import assigned_force, view
from graph.db import Graph
from graph.viewer import Role, Viewer
from ingest.load import write_reports
from services import cases
from services.use_case import Caller
from tests.factories import referral
from tests.integration.intake.helpers import query, row

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
POSTS = {"P": "https://x.com/a1/status/1796512345678900011",
         "Q": "https://x.com/b2/status/1796512345678900022"}  # fmt: skip
ANALYST = Viewer(Role.HUB_ANALYST, "dc-patel")


def _intake(graph: Graph, ref: str, post: str, received_day: int, incident_day: int | None) -> str:
    """A report of ``post`` received ``received_day`` days after T0, giving its incident's day
    (or none); the case of its content."""
    received = T0 + timedelta(days=received_day)
    payload = referral(source_ref=ref, submitted_at=received.isoformat())
    payload["reporter"]["email"] = f"{ref.lower()}@example.org"
    payload["incident"]["occurred_at"] = (
        None if incident_day is None else (T0 + timedelta(days=incident_day)).isoformat()
    )
    payload["content"] = [{"url": POSTS[post], "platform": "x", "text": f"post {post}"}]
    write_reports(graph, [row(payload, received)])
    (found,) = query(graph, "MATCH (r:Report {source_ref: $ref}) RETURN r.cluster_id AS c", ref=ref)
    return default_case_id(found["c"])


@pytest.mark.parametrize("merged", [False, True], ids=["one content", "merged cases"])
def test_the_first_report_without_an_incident_date_bounds_the_incident_by_its_receipt(
    reference_graph: Graph, merged: bool
) -> None:
    case = _intake(reference_graph, "TV-FIRST", "P", received_day=0, incident_day=None)
    later = _intake(reference_graph, "TV-LATER", "Q" if merged else "P", 4, incident_day=3)
    if merged:
        merge_cases(reference_graph, case, [later], "dc-patel", "one course of conduct")
    else:
        assert later == case

    evidence = view(reference_graph, case).evidence
    assert (evidence.occurred_on, evidence.received_at) == (T0.date(), T0)
    cases.reassign_case(Caller(reference_graph, ANALYST), case, "E23000005", "victim lives there")
    assert assigned_force(reference_graph, case) == "E23000005"
