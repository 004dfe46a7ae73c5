"""A page of forceCases walks only the cases it can show, for hub staff as for a force.

Neo4j fills a page by walking cases in id order; each branch of the query (a force's own cases,
hub staff's every case) is guarded in its index predicate so that the branch a viewer has no
use for walks nothing. Unguarded, a hub viewer's page walked every case in the graph (0.7 s on
the 1M bench graph's 380,000 cases) looking for a force it does not have.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graph.cases.force_view import list_params
from graph.cypher import load_query
from graph.db import Graph
from graph.viewer import parse_dev_token
from tests.factories import referral
from tests.integration.intake.helpers import query, write


def _operators(plan: Any) -> Iterator[tuple[str, str, int]]:
    yield plan["operatorType"].split("@")[0], str(plan["args"].get("Details", "")), plan["rows"]
    for child in plan.get("children", []):
        yield from _operators(child)


def _case_walks(graph: Graph, token: str) -> dict[str, int]:
    """Cases walked for this viewer's first page: by the hub staff's branch (its seek is the one
    guarded by ``$viewer_sees_all``) and by any other walk of cases (the force's own branch, by
    whichever plan Neo4j chose for it)."""
    params = list_params(parse_dev_token(token), None, 100, 5)
    text = load_query("cases/force_cases").text
    with graph.driver.session(database=graph.database) as session:
        result = session.run("PROFILE " + text, params)
        list(result)
        profile = result.consume().profile
    assert profile is not None
    walks = {"hub": 0, "other": 0}
    for op, details, rows in _operators(profile):
        if op in _WALKS and details.startswith(("k:Case", "UNIQUE k:Case", "RANGE INDEX k:Case")):
            walks["hub" if "$viewer_sees_all" in details else "other"] += rows
    return walks


_WALKS = {"NodeUniqueIndexSeekByRange", "NodeIndexSeekByRange", "NodeByLabelScan", "NodeIndexScan"}


def test_a_hub_page_does_not_walk_cases_for_a_force_it_has_none_of(
    reference_graph: Graph,
) -> None:
    for n in range(6):
        payload = referral(source_ref=f"TV-PAGE-{n}")
        payload["content"][0]["url"] = f"https://x.com/someone/status/{1796512345678900100 + n}"
        write(reference_graph, payload)
    (cases,) = query(reference_graph, "MATCH (k:Case) RETURN count(k) AS n")
    assert cases["n"] == 6

    # A hub analyst has no force: only the hub branch walks cases, and not beyond them.
    assert _case_walks(reference_graph, "dev:hub_analyst:dc-patel") == {"hub": 6, "other": 0}
    # A force officer's page never takes the hub branch.
    assert _case_walks(reference_graph, "dev:force_officer:pc1:E23000005")["hub"] == 0
