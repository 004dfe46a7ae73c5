"""Shortest paths between entities of every kind, and neighbourhoods found through an index,
with the relationships between their nodes, a page at a time."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"  # cleared for disclosures
CASE_MANAGER = "dev:case_manager:cm-jones"  # hub staff, not cleared
FAILURES = """
    ... on NotFoundError { message }
    ... on InvalidInputError { message }
    ... on ForbiddenError { message }"""
PATHS = (
    """query($s: String!, $t: String!, $sk: EntityKind, $tk: EntityKind, $max: Int! = 6) {
  shortestPaths(source: $s, target: $t, sourceKind: $sk, targetKind: $tk, maxLength: $max) {
    ... on NetworkPaths { paths { length nodes { id label } relationships } }"""
    + FAILURES
    + " } }"
)
AROUND = (
    """query($id: String!, $kind: EntityKind, $depth: Int! = 1, $first: Int! = 200,
                  $after: String) {
  neighbourhood(id: $id, kind: $kind, depth: $depth, first: $first, after: $after) {
    ... on Neighbourhood {
      nodes { nodes { id label distance } pageInfo { hasNextPage endCursor } }
      relationships { from { id label } to { id label } type } }"""
    + FAILURES
    + " } }"
)


@pytest.fixture
def loaded(client: TestClient, graph: Graph) -> TestClient:
    """Amara reports two trolls' posts from one email address."""
    for n, troll in enumerate(("troll0", "troll1")):
        payload = referral(source_ref=f"TV-PATH-{n}")
        payload["content"][0]["url"] = f"https://x.com/{troll}/status/{1796500000000000300 + n}"
        payload["content"][0]["text"] = f"abuse number {n}"
        payload["reporter"]["email"] = "amara@example.org"
        del payload["reporter"]["phone"]  # one shared identifier, so one way round
        payload["suspects"] = [{"platform": "x", "handle": troll}]
        assert client.post("/api/v1/referrals", json=payload).status_code == 201
    return client


def paths(client: TestClient, token: str = ANALYST, **variables: object) -> list[dict]:  # type: ignore[type-arg]
    result = gql(client, PATHS, token, **variables)
    assert "errors" not in result, result
    return result["data"]["shortestPaths"]["paths"]  # type: ignore[no-any-return]


def failure(client: TestClient, query: str, token: str = ANALYST, **variables: object) -> str:
    """The message of the failure member a root field answered with."""
    result = gql(client, query, token, **variables)
    assert "errors" not in result, result
    (member,) = result["data"].values()
    return member["message"]  # type: ignore[no-any-return]


def around(client: TestClient, token: str = ANALYST, **variables: object) -> dict:  # type: ignore[type-arg]
    result = gql(client, AROUND, token, **variables)
    assert "errors" not in result, result
    return result["data"]["neighbourhood"]  # type: ignore[no-any-return]


def content_of(client: TestClient, source_ref: str) -> dict:  # type: ignore[type-arg]
    """The content a report is about, with its case."""
    query = """query($ref: String!) { report(sourceRef: $ref) {
      ... on Report { content { id case { id } } } } }"""
    return gql(client, query, ANALYST, ref=source_ref)["data"]["report"]["content"]  # type: ignore[no-any-return]


def case_of(client: TestClient, source_ref: str) -> str:
    return content_of(client, source_ref)["case"]["id"]  # type: ignore[no-any-return]


def test_two_accounts_meet_at_their_victims_shared_email(loaded: TestClient) -> None:
    found = paths(loaded, s="x|troll0", t="x|troll1")
    assert {p["length"] for p in found} == {6}
    # Amara is reporter and victim of each report: two relationships each, four paths.
    assert len(found) == 4
    for path in found:
        labels = [n["label"] for n in path["nodes"]]
        assert labels == ["ACCOUNT", "REPORT", "PERSON", "EMAIL", "PERSON", "REPORT", "ACCOUNT"]
        assert path["nodes"][3]["id"] == "amara@example.org"
        assert path["relationships"][0] == "NAMES_SUSPECT"
        assert path["relationships"][2:4] == ["HAS_EMAIL", "HAS_EMAIL"]
    hidden = paths(loaded, token=CASE_MANAGER, s="x|troll0", t="x|troll1")
    assert hidden[0]["nodes"][3]["id"].startswith("hidden:")
    assert paths(loaded, s="x|troll0", t="x|troll1", max=5) == []


def test_a_case_and_a_person_are_reached_through_their_nodes(loaded: TestClient) -> None:
    case_id = case_of(loaded, "TV-PATH-0")
    (path,) = paths(loaded, s=case_id, sk="CASE", t="person:x|troll0", tk="PERSON")
    assert [n["label"] for n in path["nodes"]] == ["CASE", "CONTENT_CLUSTER", "REPORT", "ACCOUNT"]
    assert path["relationships"] == ["CONCERNS", "IN_CLUSTER", "NAMES_SUSPECT"]
    assert path["nodes"][0]["id"] == case_id
    # Without a kind the id is tried as each kind in turn.
    (same,) = paths(loaded, s=case_id, t="x|troll0")
    assert same == path


def test_a_victim_identity_once_linked(loaded: TestClient, graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.run(  # what the named-people linker will do
            "MATCH (p:Person) SET p.person_id = 'victim:amara'"
        ).consume()
    found = paths(loaded, s="victim:amara", sk="VICTIM", t="x|troll1")
    assert {p["length"] for p in found} == {2}
    assert {tuple(p["relationships"]) for p in found} == {
        ("REPORTED", "NAMES_SUSPECT"), ("VICTIM_IN", "NAMES_SUSPECT"),
    }  # fmt: skip


def test_unknown_entities_and_limits_name_the_argument(loaded: TestClient) -> None:
    wrong_kind = failure(loaded, PATHS, s="x|troll0", sk="REPORT", t="x|troll1")
    assert wrong_kind == "source: no report id 'x|troll0'"
    missing = failure(loaded, PATHS, s="x|troll0", t="x|nobody")
    assert missing.startswith("target: no account, report, content")
    too_long = failure(loaded, PATHS, s="x|troll0", t="x|troll1", max=7)
    assert too_long == "maxLength: must be between 1 and 6"
    officer = failure(loaded, PATHS, "dev:force_officer:pc1:E23000010", s="x|troll0", t="x|troll1")
    assert "only hub staff" in officer


def test_the_neighbourhood_of_a_content_cluster_reaches_its_reports(loaded: TestClient) -> None:
    content_id = content_of(loaded, "TV-PATH-0")["id"]
    found = around(loaded, id=content_id, kind="CONTENT")
    assert [(n["label"], n["distance"]) for n in found["nodes"]["nodes"]] == [
        ("CONTENT_CLUSTER", 0), ("CASE", 1), ("REPORT", 1),
    ]  # fmt: skip
    deeper = around(loaded, id=content_id, depth=2)["nodes"]["nodes"]
    assert {n["label"] for n in deeper if n["distance"] == 2} == {"ACCOUNT", "CONTENT", "PERSON"}
    hidden = around(loaded, CASE_MANAGER, id="x|troll0", depth=3)
    emails = [n["id"] for n in hidden["nodes"]["nodes"] if n["label"] == "EMAIL"]
    assert len(emails) == 1
    assert emails[0].startswith("hidden:")
    email_links = [r for r in hidden["relationships"] if r["type"] == "HAS_EMAIL"]
    assert email_links
    assert {r["to"]["id"] for r in email_links} == set(emails)  # the token, never the address
    bad = failure(loaded, AROUND, id="x|troll0", kind="CASE")
    assert bad == "id: no case id 'x|troll0'"


def _drawn(found: dict) -> set[tuple[str, str, str, str, str]]:  # type: ignore[type-arg]
    return {
        (r["from"]["label"], r["from"]["id"], r["type"], r["to"]["label"], r["to"]["id"])
        for r in found["relationships"]
    }


def test_the_neighbourhood_carries_the_relationships_to_draw_it(loaded: TestClient) -> None:
    content_id = content_of(loaded, "TV-PATH-0")["id"]
    found = around(loaded, id=content_id, kind="CONTENT")
    case_id, report_id = (n["id"] for n in found["nodes"]["nodes"][1:])
    assert _drawn(found) == {
        ("CASE", case_id, "CONCERNS", "CONTENT_CLUSTER", content_id),
        ("REPORT", report_id, "IN_CLUSTER", "CONTENT_CLUSTER", content_id),
    }
    deeper = around(loaded, id="x|troll0", depth=2)
    ids = {(n["label"], n["id"]) for n in deeper["nodes"]["nodes"]}
    drawn = _drawn(deeper)
    assert all((a, b) in ids and (c, d) in ids for a, b, _, c, d in drawn)
    assert ("REPORT", "NAMES_SUSPECT", "ACCOUNT") in {(a, t, c) for a, _, t, c, _ in drawn}
    # Each node is an end of a relationship: every one was reached by one.
    reached = {(c, d) for *_, c, d in drawn} | {(a, b) for a, b, *_ in drawn}
    assert reached == ids


def test_the_neighbourhood_pages_to_its_end_with_each_relationship_once(
    loaded: TestClient,
) -> None:
    whole = around(loaded, id="x|troll0", depth=3)
    assert whole["nodes"]["pageInfo"]["hasNextPage"] is False
    nodes: list[dict] = []  # type: ignore[type-arg]
    links: list[tuple[str, str, str, str, str]] = []
    after = None
    while True:
        page = around(loaded, id="x|troll0", depth=3, first=3, after=after)
        nodes += page["nodes"]["nodes"]
        links += sorted(_drawn(page))
        if not page["nodes"]["pageInfo"]["hasNextPage"]:
            break
        after = page["nodes"]["pageInfo"]["endCursor"]
    assert nodes == whole["nodes"]["nodes"]
    assert len(links) == len(set(links))
    assert set(links) == _drawn(whole)
