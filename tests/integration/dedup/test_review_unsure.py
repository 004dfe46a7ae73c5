"""An analyst answers a duplicate review item UNSURE: recorded, and the item stays for another."""

from __future__ import annotations

import pytest

from graph.db import Graph
from graph.errors import Conflict, InvalidInput
from graph.viewer import Role, Viewer
from services import duplicates
from services.duplicates import DuplicateDecision, ReviewAnswer, ReviewLeftOpen, UnsureAnswer
from services.paging import PageRequest
from services.use_case import Caller
from tests.api.duplicates.test_review_queue_paging import _report
from tests.integration.intake.helpers import query, write

FIRST = Viewer(Role.HUB_ANALYST, "dc-patel")
SECOND = Viewer(Role.HUB_ANALYST, "ds-okafor")


def _one_item(graph: Graph) -> str:
    """Two posts by one account, then a report naming only the account: it waits for review."""
    write(
        graph,
        _report("TV-A", "https://x.com/jsmith88/status/1796512345678900101", "first post text"),
        _report("TV-B", "https://x.com/jsmith88/status/1796512345678900202", "a second message"),
    )
    write(graph, _report("TV-C", "https://x.com/jsmith88", None))
    (item,) = duplicates.review_queue(Caller(graph, FIRST), PageRequest(first=10)).values
    return item.id


def _clusters(graph: Graph) -> dict[str, str]:
    rows = query(graph, "MATCH (r:Report) RETURN r.source_ref AS ref, r.cluster_id AS c")
    return {r["ref"]: r["c"] for r in rows}


def test_unsure_keeps_the_item_for_a_second_analyst_who_sees_why(reference_graph: Graph) -> None:
    review_id = _one_item(reference_graph)
    before = _clusters(reference_graph)

    left = duplicates.decide_review(
        Caller(reference_graph, FIRST), review_id, ReviewAnswer.UNSURE, "screenshot is cropped"
    )

    assert isinstance(left, ReviewLeftOpen)
    assert (left.review_id, left.unsure_count) == (review_id, 1)
    assert _clusters(reference_graph) == before  # unsure changes no content
    edges = query(
        reference_graph,
        "MATCH (a:Report)-[j:UNSURE]->(b:Report) RETURN j.id AS id, j.actor AS actor, "
        "j.reason AS reason, j.superseded_by AS superseded, a.source_ref AS a, b.source_ref AS b",
    )
    assert [(e["id"], e["actor"], e["reason"], e["superseded"]) for e in edges] == [
        (left.judgement_id, "dc-patel", "screenshot is cropped", None)
    ]
    assert "TV-C" in {edges[0]["a"], edges[0]["b"]}

    (still,) = duplicates.review_queue(
        Caller(reference_graph, SECOND), PageRequest(first=10)
    ).values
    assert still.id == review_id
    assert still.unsure == (UnsureAnswer("dc-patel", "screenshot is cropped"),)

    again = duplicates.decide_review(
        Caller(reference_graph, SECOND), review_id, ReviewAnswer.UNSURE, "no post id either"
    )
    assert isinstance(again, ReviewLeftOpen)
    assert again.unsure_count == 2

    decided = duplicates.decide_review(
        Caller(reference_graph, SECOND), review_id, ReviewAnswer.NOT_SAME, "other wording"
    )
    assert isinstance(decided, DuplicateDecision)
    assert (
        duplicates.review_queue(Caller(reference_graph, FIRST), PageRequest(first=10)).values == []
    )
    with pytest.raises(Conflict):  # answered: unsure no longer applies
        duplicates.decide_review(
            Caller(reference_graph, FIRST), review_id, ReviewAnswer.UNSURE, "late doubt"
        )


def test_unsure_needs_a_reason_naming_the_field(reference_graph: Graph) -> None:
    review_id = _one_item(reference_graph)
    with pytest.raises(InvalidInput) as refused:
        duplicates.decide_review(
            Caller(reference_graph, FIRST), review_id, ReviewAnswer.UNSURE, " "
        )
    assert [p.field for p in refused.value.problems] == ["reason"]
    assert query(reference_graph, "MATCH ()-[j:UNSURE]->() RETURN j") == []
