"""A page of forceCases walks only the cases it can show, for hub staff as for a force.

The query has a branch for a force's own cases and one for hub staff's every case, and a viewer
enters only its own: the branch it has no use for reads nothing from the store, whatever plan
Neo4j picks inside it (a walk of case ids, a scan of the label, a start from the force: which
one depends on the database's statistics, so on the tests that ran before). A hub viewer's page
once walked every case in the graph (0.7 s on the 1M bench graph's 380,000 cases) looking for a
force it does not have; a guard in the branch's index predicate fixed that only while Neo4j
seeked the index, and a CI run's plan read the cases by another operator.
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


def _details(plan: Any) -> Iterator[str]:
    yield str(plan["args"].get("Details", ""))
    for child in plan.get("children", []):
        yield from _details(child)


def _branches(plan: Any) -> tuple[Any, Any] | None:
    """The two branches of the page's UNION: the force's own cases (it reads ``$viewer_force``)
    and hub staff's every case (it reads ``$viewer_sees_all``), in whatever shape Neo4j planned
    them."""
    children = plan.get("children", [])
    if plan["operatorType"].startswith("Union@") and len(children) == 2:
        own, every = children
        if any("$viewer_force" in d for d in _details(own)) and any(
            "$viewer_sees_all" in d for d in _details(every)
        ):
            return own, every
    for child in children:
        found = _branches(child)
        if found is not None:
            return found
    return None


def _rows_read(plan: Any) -> int:
    """Rows the branch read from the store (its seeks and scans: of cases in id order, of the
    case label, of the viewer's force), not rows passed in or projected from parameters."""
    op = plan["operatorType"].split("@")[0]
    own = int(plan["rows"]) if "Seek" in op or "Scan" in op else 0
    return own + sum(_rows_read(child) for child in plan.get("children", []))


def _case_walks(graph: Graph, token: str) -> dict[str, int]:
    """Rows read by each branch of this viewer's first page, by whichever plan Neo4j chose: a
    case walk in id order (guarded or not), a label scan and filter, or a start from the force."""
    params = list_params(parse_dev_token(token), None, 100, 5)
    text = load_query("cases/force_cases").text
    with graph.driver.session(database=graph.database) as session:
        result = session.run("PROFILE " + text, params)
        list(result)
        profile = result.consume().profile
    assert profile is not None
    branches = _branches(profile)
    assert branches is not None, "no UNION of a force's own cases and every case in the plan"
    own, every = branches
    return {"own": _rows_read(own), "hub": _rows_read(every)}


def test_a_hub_page_does_not_walk_cases_for_a_force_it_has_none_of(
    reference_graph: Graph,
) -> None:
    for n in range(6):
        payload = referral(source_ref=f"TV-PAGE-{n}")
        payload["content"][0]["url"] = f"https://x.com/someone/status/{1796512345678900100 + n}"
        write(reference_graph, payload)
    (cases,) = query(reference_graph, "MATCH (k:Case) RETURN count(k) AS n")
    assert cases["n"] == 6

    # A hub analyst has no force: only the hub branch reads cases, and not beyond them.
    assert _case_walks(reference_graph, "dev:hub_analyst:dc-patel") == {"own": 0, "hub": 6}
    # A force officer's page never takes the hub branch.
    assert _case_walks(reference_graph, "dev:force_officer:pc1:E23000005")["hub"] == 0
