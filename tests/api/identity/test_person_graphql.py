"""person(id): a person behind accounts, or a person named in reports, with their accounts,
reports against them and victims (named only for roles cleared for disclosures), each a page at
a time, and forces."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from graph.identity.named_store import link_people_in_graph
from services import identity
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"  # cleared for disclosures
CASE_MANAGER = "dev:case_manager:cm-jones"  # hub staff, not cleared
OFFICER = "dev:force_officer:pc1:E23000005"
MANCHESTER, WEST_YORKSHIRE = "E23000005", "E23000010"
PERSON = """query($id: String!) { person(id: $id) {
  __typename
  ... on PersonProfile {
    id kind accounts { key platform handle }
    reportCount reports { nodes { reference caseId forceCode } }
    victimCount victims { nodes { identity reports forceCode masked name } }
    forces { code name cases victims } roles { victimIn suspectIn reporterIn }
  }
  ... on NotFoundError { message }
  ... on ForbiddenError { message }
  ... on InvalidInputError { message problems { field } }
} }"""
CASE_OF = """query($ref: String!) { report(sourceRef: $ref) {
  ... on Report { content { case { id } } } } }"""
REASSIGN = """mutation($c: String!) {
  reassignCase(caseId: $c, toForce: "E23000010", reason: "lives in Leeds") { __typename } }"""


def _refer(client: TestClient, ref: str, post: int, name: str, suspect: dict[str, str]) -> None:
    payload = referral(source_ref=ref)
    payload["reporter"] = {
        "role": "victim", "name": name, "email": f"{name.split()[0].lower()}@example.org",
        "postcode": "WN1 1AA", "consent_to_contact": True,
    }  # fmt: skip
    payload["content"][0]["url"] = f"https://x.com/troll0/status/{1796500000000000100 + post}"
    payload["suspects"] = [suspect]
    assert client.post("/api/v1/referrals", json=payload).status_code == 201


def _person(client: TestClient, person_id: str, token: str = ANALYST) -> dict[str, Any]:
    result = gql(client, PERSON, token=token, id=person_id)
    assert "errors" not in result, result
    return result["data"]["person"]  # type: ignore[no-any-return]


@pytest.fixture
def world(client: TestClient, graph: Graph) -> TestClient:
    """x|troll0 named in three reports (Amara twice, Ben once); in the third a named suspect,
    Tom Crowe, said to use it. Amara's first case is reassigned to West Yorkshire."""
    troll = {"platform": "X", "handle": "@troll0"}
    _refer(client, "TV-1", 1, "Amara Okafor", troll)
    _refer(client, "TV-2", 2, "Amara Okafor", troll)
    _refer(client, "TV-3", 3, "Ben Hale", {**troll, "name": "Tom Crowe", "location": "Leeds"})
    case_id = gql(client, CASE_OF, token=ANALYST, ref="TV-1")["data"]["report"]["content"]
    reassigned = gql(client, REASSIGN, token=ANALYST, c=case_id["case"]["id"])
    assert reassigned["data"]["reassignCase"] == {"__typename": "Assignment"}, reassigned
    link_people_in_graph(graph)
    return client


def test_the_person_behind_an_account(world: TestClient) -> None:
    person = _person(world, "person:x|troll0")  # an account the linker has not joined to any
    assert person["kind"] == "OFFENDER"
    assert person["accounts"] == [{"key": "x|troll0", "platform": "x", "handle": "troll0"}]
    assert person["reportCount"] == 3
    assert len(person["reports"]["nodes"]) == 3
    assert {r["forceCode"] for r in person["reports"]["nodes"]} >= {WEST_YORKSHIRE}
    assert person["victimCount"] == 2  # Amara's two reports are one victim
    victims = {v["name"]: v for v in person["victims"]["nodes"]}
    assert victims["Amara Okafor"]["reports"] == 2
    assert victims["Ben Hale"]["reports"] == 1
    assert {v["forceCode"] for v in person["victims"]["nodes"]} == {MANCHESTER}
    assert not any(v["masked"] for v in person["victims"]["nodes"])
    forces = {f["code"]: f for f in person["forces"]}
    assert forces[WEST_YORKSHIRE]["cases"] == 1
    assert forces[MANCHESTER]["victims"] == 2
    assert forces[MANCHESTER]["name"]
    assert person["roles"] is None


def test_victims_names_are_masked_for_roles_not_cleared(world: TestClient) -> None:
    person = _person(world, "person:x|troll0", token=CASE_MANAGER)
    assert person["victimCount"] == 2
    assert all(v["masked"] and v["name"] is None for v in person["victims"]["nodes"])


def test_a_person_named_in_reports_with_their_roles(world: TestClient, graph: Graph) -> None:
    records, _, _ = graph.driver.execute_query(
        "MATCH (p:Person {name: $name}) RETURN DISTINCT p.person_id AS id", name="Amara Okafor"
    )
    (amara,) = [r["id"] for r in records]
    person = _person(world, amara)
    assert person["kind"] == "NAMED"
    assert person["roles"] == {"victimIn": 2, "suspectIn": 0, "reporterIn": 2}
    assert (person["reportCount"], person["accounts"]) == (0, [])

    records, _, _ = graph.driver.execute_query(
        "MATCH (p:Person {name: 'Tom Crowe'}) RETURN coalesce(p.person_id, p.id) AS id"
    )
    suspect = _person(world, records[0]["id"])
    assert suspect["roles"] == {"victimIn": 0, "suspectIn": 1, "reporterIn": 0}
    assert [a["key"] for a in suspect["accounts"]] == ["x|troll0"]  # said to use it
    assert suspect["reportCount"] == 3  # the account's reports, and the one naming him
    assert suspect["victimCount"] == 2


def test_unknown_forbidden_and_empty(world: TestClient) -> None:
    assert _person(world, "person:x|nobody")["__typename"] == "NotFoundError"
    assert _person(world, "person:x|troll0", token=OFFICER)["__typename"] == "ForbiddenError"
    empty = _person(world, " ")
    assert empty["__typename"] == "InvalidInputError"
    assert empty["problems"] == [{"field": "id"}]


def _every_page(client: TestClient, person_id: str, listed: str, fields: str) -> list[Any]:
    """A person's reports or victims, one a page, following each page's end cursor."""
    query = f"""query($id: String!, $after: String) {{ person(id: $id) {{
      ... on PersonProfile {{ {listed}(first: 1, after: $after) {{
        nodes {{ {fields} }} totalCount pageInfo {{ hasNextPage endCursor }} }} }} }} }}"""
    found: list[Any] = []
    after = None
    while True:
        page = gql(client, query, ANALYST, id=person_id, after=after)["data"]["person"][listed]
        found += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


def test_reports_and_victims_page_to_their_end(
    world: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _person(world, "person:x|troll0")
    monkeypatch.setattr(identity, "SHOWN", 1)  # a profile holding one: the rest is read anew
    reports = _every_page(world, "person:x|troll0", "reports", "reference caseId forceCode")
    assert reports == whole["reports"]["nodes"]
    victims = _every_page(world, "person:x|troll0", "victims", "identity reports name")
    assert [v["identity"] for v in victims] == [v["identity"] for v in whole["victims"]["nodes"]]
    assert [v["reports"] for v in victims] == [2, 1]  # most reports first
