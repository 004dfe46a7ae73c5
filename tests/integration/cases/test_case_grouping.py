"""Merging and splitting cases in the graph, with history, and suggestions to join them."""

from __future__ import annotations

from typing import Any

import pytest

from graph.cases.grouping_store import merge_cases, split_case, suggested_joins
from graph.db import Graph
from graph.errors import NotFound
from tests.factories import referral
from tests.integration.intake.helpers import query, write

FIRST = "https://x.com/jsmith88/status/1796512345678900101"
SECOND = "https://x.com/jsmith88/status/1796512345678900202"


def _report(ref: str, url: str, text: str) -> dict[str, Any]:
    payload = referral(source_ref=ref)
    payload["content"][0].update({"url": url, "text": text})
    return payload


def _cases(graph: Graph) -> dict[str, tuple[str, list[str]]]:
    rows = query(
        graph,
        "MATCH (k:Case) OPTIONAL MATCH (k)-[:CONCERNS]->(c:ContentCluster) "
        "WITH k, c ORDER BY c.id RETURN k.id AS id, k.status AS status, collect(c.id) AS c",
    )
    return {r["id"]: (r["status"], r["c"]) for r in rows}


def _case_of(graph: Graph, ref: str) -> str:
    (row,) = query(
        graph,
        "MATCH (r:Report {source_ref: $ref}) MATCH (k:Case)-[:CONCERNS]->(c:ContentCluster "
        "{id: r.cluster_id}) RETURN k.id AS id",
        ref=ref,
    )
    return str(row["id"])


def test_merge_then_split_restores_the_cases_and_keeps_history(reference_graph: Graph) -> None:
    g = reference_graph
    write(g, _report("TV-1", FIRST, "go back where you came from"))
    write(g, _report("TV-2", SECOND, "nobody wants your family here"))
    one, two = _case_of(g, "TV-1"), _case_of(g, "TV-2")
    before = _cases(g)
    assert one != two

    (suggestion,) = suggested_joins(g, one)
    assert suggestion.case_ids == (two,)
    assert suggestion.account == "jsmith88"
    assert suggestion.occasions == 2

    merge = merge_cases(g, one, [two], "dc-patel", "same account, same victim: one course")
    cases = _cases(g)
    assert cases[two] == ("merged", [])
    assert sorted(cases[one][1]) == sorted(before[one][1] + before[two][1])
    assert suggested_joins(g, one) == []  # nothing left to join

    # a later report of the second post joins its content, which stays in the merged case
    write(g, _report("TV-3", SECOND, "nobody wants your family here"))
    assert _case_of(g, "TV-3") == one
    assert len(query(g, "MATCH (k:Case)-[:CONCERNS]->(:ContentCluster) RETURN k")) == 2

    split = split_case(g, one, before[two][1], "dc-patel", "two separate incidents after all")
    assert split.reopened == (two,)
    assert split.created is None
    assert _cases(g) == before
    history = query(
        g,
        "MATCH (k:Case {id: $id})-[:CHANGED_BY]->(ch:CaseChange) "
        "RETURN ch.kind AS kind, ch.actor AS actor, ch.reason AS reason ORDER BY ch.at",
        id=two,
    )
    assert [h["kind"] for h in history] == ["merge", "split"]
    assert history[1]["reason"] == "two separate incidents after all"
    assert {merge.id, split.id} == {
        r["id"] for r in query(g, "MATCH (ch:CaseChange) RETURN ch.id AS id")
    }


def test_regrouping_an_unknown_case_names_the_argument(reference_graph: Graph) -> None:
    write(reference_graph, _report("TV-1", FIRST, "go back where you came from"))
    one = _case_of(reference_graph, "TV-1")
    with pytest.raises(NotFound, match=r"others\[0\]: no case 'case:nope'"):
        merge_cases(reference_graph, one, ["case:nope"], "dc", "why")
    with pytest.raises(NotFound, match="caseId: no case 'case:nope'"):
        split_case(reference_graph, "case:nope", ["content:x"], "dc", "why")
    assert query(reference_graph, "MATCH (ch:CaseChange) RETURN ch") == []


def test_different_victims_give_no_suggestion(reference_graph: Graph) -> None:
    write(reference_graph, _report("TV-1", FIRST, "go back where you came from"))
    other = _report("TV-2", SECOND, "nobody wants your family here")
    other["reporter"].update({"name": "Bea Jones", "email": "bea@example.org"})
    write(reference_graph, other)
    assert suggested_joins(reference_graph, _case_of(reference_graph, "TV-1")) == []
