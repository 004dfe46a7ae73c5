"""People named in reports resolved into persons in the graph: repeat victims are one person,
namesakes stay apart, anonymous reporters are never linked, analysts' rejections win."""

from __future__ import annotations

from typing import Any

import pytest

from graph.db import Graph
from graph.errors import InvalidInput, NotFound
from graph.identity.analyst import judge_identity
from graph.identity.named_store import link_people_in_graph
from tests.factories import referral
from tests.integration.intake.helpers import query, write


def _report(ref: str, name: str | None, email: str | None, **overrides: Any) -> dict[str, Any]:
    """A referral by a victim (each on its own post), with these details."""
    reporter = {"role": "victim", "name": name, "email": email, "postcode": "WN1 1AA",
                "consent_to_contact": True, **overrides.pop("reporter", {})}  # fmt: skip
    n = int(ref.rsplit("-", 1)[1])
    return referral(
        ref,
        reporter={k: v for k, v in reporter.items() if v is not None},
        content=[
            {"url": f"https://x.com/troll0/status/{1796500000000000100 + n}", "platform": "x"}
        ],
        **overrides,
    )


def _people(graph: Graph) -> dict[str, dict[str, Any]]:
    """Each Person as ``source_ref/role`` (reporter, victim, suspect)."""
    rows = query(
        graph,
        "MATCH (p:Person)-[:REPORTED|VICTIM_IN|SUSPECTED_IN]->(r:Report) "
        "RETURN DISTINCT r.source_ref AS ref, p.id AS id, p.person_id AS person_id",
    )
    return {f"{r['ref']}/{r['id'].split(':')[1]}": r for r in rows}


def test_the_same_victim_reporting_twice_with_the_same_email_is_one_person(
    reference_graph: Graph,
) -> None:
    write(
        reference_graph,
        _report("TV-1", "Amara Okafor", "amara@example.org"),
        _report("TV-2", "Amara Okafor-Reid", "Amara@Example.org", reporter={"postcode": "M1 1AA"}),
        _report("TV-3", "Ben Hale", "ben@example.org"),
    )
    first = link_people_in_graph(reference_graph)
    people = _people(reference_graph)
    amara, again, ben = people["TV-1/reporter"], people["TV-2/reporter"], people["TV-3/reporter"]
    assert amara["person_id"] == again["person_id"] is not None
    assert ben["person_id"] not in (None, amara["person_id"])
    (edge,) = query(
        reference_graph,
        "MATCH (:Person)-[j:SAME_PERSON]->(:Person) RETURN j.actor AS actor, j.evidence AS ev",
    )
    assert edge["actor"] == "system"
    assert "amara@example.org" in edge["ev"]
    # The identity key other queries count a repeat victim by.
    (victim,) = query(
        reference_graph,
        "MATCH (v:Person)-[:VICTIM_IN]->(r:Report) WITH coalesce(v.person_id, v.id) AS victim, "
        "count(r) AS reports WHERE reports > 1 RETURN victim, reports",
    )
    assert victim == {"victim": amara["person_id"], "reports": 2}

    again_run = link_people_in_graph(reference_graph)
    assert again_run.added == ()
    assert again_run.persons.partition() == first.persons.partition()
    assert _people(reference_graph) == people


def test_namesakes_stay_apart_and_a_victim_never_becomes_a_suspect_by_name(
    reference_graph: Graph,
) -> None:
    suspect = {"platform": "X", "handle": "@JSmith88", "name": "John Smith", "location": "Leeds"}
    write(
        reference_graph,
        _report("TV-1", "John Smith", "js.one@example.org", reporter={"postcode": "M1 1AA"}),
        _report("TV-2", "John Smith", "js.two@example.org", reporter={"postcode": "LS1 4AP"}),
        _report("TV-3", "Amara Okafor", "amara@example.org", suspects=[suspect]),
    )
    link_people_in_graph(reference_graph)
    people = _people(reference_graph)
    smiths = {people[k]["person_id"] for k in ("TV-1/reporter", "TV-2/reporter", "TV-3/suspect")}
    assert len(smiths) == 3
    assert None not in smiths
    verdicts = query(
        reference_graph, "MATCH (:Person)-[j]->(:Person) RETURN DISTINCT type(j) AS type"
    )
    assert verdicts == [{"type": "IDENTITY_UNSURE"}]  # an analyst's question, not a merge


def test_anonymous_reporters_are_never_linked(reference_graph: Graph) -> None:
    anonymous = {"role": "anonymous", "consent_to_contact": None}
    write(
        reference_graph,
        _report("TV-1", None, None, reporter=anonymous),
        _report("TV-2", None, None, reporter=anonymous),
    )
    run = link_people_in_graph(reference_graph)
    assert run.added == ()
    ids = [p["id"] for p in _people(reference_graph).values()]
    assert query(reference_graph, "MATCH (p:Person) WHERE p.person_id IS NOT NULL RETURN p") == []
    with pytest.raises(InvalidInput) as refused:
        judge_identity(reference_graph, ids[0], ids[1], True, "DS Khan", "same postcode")
    assert refused.value.problems[0].field == "account_a"


def test_an_analysts_rejection_wins_over_a_shared_email(reference_graph: Graph) -> None:
    write(
        reference_graph,
        _report("TV-1", "Amara Okafor", "family@example.org"),
        _report("TV-2", "Ada Okafor", "family@example.org"),
    )
    link_people_in_graph(reference_graph)
    people = _people(reference_graph)
    a, b = people["TV-1/reporter"], people["TV-2/reporter"]
    assert a["person_id"] == b["person_id"]

    persons = judge_identity(
        reference_graph, a["id"], b["id"], False, "DS Khan", "sisters sharing a family email"
    )
    assert persons.person_of[a["id"]] != persons.person_of[b["id"]]
    assert link_people_in_graph(reference_graph).added == ()
    after = _people(reference_graph)
    assert after["TV-1/reporter"]["person_id"] != after["TV-2/reporter"]["person_id"]
    rows = query(
        reference_graph,
        "MATCH (:Person)-[j:SAME_PERSON|NOT_SAME_PERSON]->(:Person) "
        "RETURN type(j) AS type, j.actor AS actor, j.superseded_by IS NULL AS active ORDER BY j.at",
    )
    assert [(r["type"], r["actor"], r["active"]) for r in rows] == [
        ("SAME_PERSON", "system", False),
        ("NOT_SAME_PERSON", "DS Khan", True),
    ]


def test_a_decision_names_what_is_wrong(reference_graph: Graph) -> None:
    write(reference_graph, _report("TV-1", "Amara Okafor", "amara@example.org"))
    person = next(iter(_people(reference_graph).values()))["id"]
    with pytest.raises(NotFound, match="account_b"):
        judge_identity(reference_graph, person, "rpt-none:victim", True, "DS Khan", "why")
    with pytest.raises(InvalidInput) as mixed:
        judge_identity(reference_graph, person, "x|jsmith88", True, "DS Khan", "why")
    assert mixed.value.problems[0].field == "account_b"
    with pytest.raises(InvalidInput) as no_reason:
        judge_identity(reference_graph, person, "x|jsmith88", True, "DS Khan", " ")
    assert no_reason.value.problems[0].field == "reason"
