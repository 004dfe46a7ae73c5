"""Shortest paths between entities of every kind, and neighbourhoods found through an index."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"  # cleared for disclosures
CASE_MANAGER = "dev:case_manager:cm-jones"  # hub staff, not cleared
PATHS = """query($s: String!, $t: String!, $sk: EntityKind, $tk: EntityKind, $max: Int! = 6) {
  shortestPaths(source: $s, target: $t, sourceKind: $sk, targetKind: $tk, maxLength: $max) {
    length nodes { id label } relationships } }"""
AROUND = """query($id: String!, $kind: EntityKind, $depth: Int! = 1) {
  neighbourhood(id: $id, kind: $kind, depth: $depth) { id label distance } }"""


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
    return result["data"]["shortestPaths"]  # type: ignore[no-any-return]


def case_of(client: TestClient, source_ref: str) -> str:
    query = '{ report(sourceRef: "%s") { content { id case { id } } } }' % source_ref  # noqa: UP031
    return gql(client, query, ANALYST)["data"]["report"]["content"]["case"]["id"]  # type: ignore[no-any-return]


def test_two_accounts_meet_at_their_victims_shared_email(loaded: TestClient) -> None:
    found = paths(loaded, s="x|troll0", t="x|troll1")
    assert {p["length"] for p in found} == {6}
    # Amara is reporter and victim of each report: two relationships each, four paths.
    assert len(found) == 4
    for path in found:
        labels = [n["label"] for n in path["nodes"]]
        assert labels == ["Account", "Report", "Person", "Email", "Person", "Report", "Account"]
        assert path["nodes"][3]["id"] == "amara@example.org"
        assert path["relationships"][0] == "NAMES_SUSPECT"
        assert path["relationships"][2:4] == ["HAS_EMAIL", "HAS_EMAIL"]
    hidden = paths(loaded, token=CASE_MANAGER, s="x|troll0", t="x|troll1")
    assert hidden[0]["nodes"][3]["id"].startswith("hidden:")
    assert paths(loaded, s="x|troll0", t="x|troll1", max=5) == []


def test_a_case_and_a_person_are_reached_through_their_nodes(loaded: TestClient) -> None:
    case_id = case_of(loaded, "TV-PATH-0")
    (path,) = paths(loaded, s=case_id, sk="CASE", t="person:x|troll0", tk="PERSON")
    assert [n["label"] for n in path["nodes"]] == ["Case", "ContentCluster", "Report", "Account"]
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
    wrong_kind = gql(loaded, PATHS, ANALYST, s="x|troll0", sk="REPORT", t="x|troll1")
    assert wrong_kind["errors"][0]["message"] == "source: no report id 'x|troll0'"
    missing = gql(loaded, PATHS, ANALYST, s="x|troll0", t="x|nobody")
    assert missing["errors"][0]["message"].startswith("target: no account, report, content")
    too_long = gql(loaded, PATHS, ANALYST, s="x|troll0", t="x|troll1", max=7)
    assert too_long["errors"][0]["message"] == "maxLength: must be between 1 and 6"
    officer = gql(loaded, PATHS, "dev:force_officer:pc1:E23000010", s="x|troll0", t="x|troll1")
    assert "only hub staff" in officer["errors"][0]["message"]


def test_the_neighbourhood_of_a_content_cluster_reaches_its_reports(loaded: TestClient) -> None:
    content_id = gql(loaded, '{ report(sourceRef: "TV-PATH-0") { content { id } } }', ANALYST)[
        "data"
    ]["report"]["content"]["id"]
    around = gql(loaded, AROUND, ANALYST, id=content_id, kind="CONTENT")["data"]["neighbourhood"]
    assert [(n["label"], n["distance"]) for n in around] == [
        ("ContentCluster", 0), ("Case", 1), ("Report", 1),
    ]  # fmt: skip
    deeper = gql(loaded, AROUND, ANALYST, id=content_id, depth=2)["data"]["neighbourhood"]
    assert {n["label"] for n in deeper if n["distance"] == 2} == {"Account", "Content", "Person"}
    hidden = gql(loaded, AROUND, CASE_MANAGER, id="x|troll0", depth=3)["data"]["neighbourhood"]
    emails = [n["id"] for n in hidden if n["label"] == "Email"]
    assert len(emails) == 1
    assert emails[0].startswith("hidden:")
    bad = gql(loaded, AROUND, ANALYST, id="x|troll0", kind="CASE")
    assert bad["errors"][0]["message"] == "id: no case id 'x|troll0'"
