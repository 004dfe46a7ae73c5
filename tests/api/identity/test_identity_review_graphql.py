"""The identity review queue: pending UNSURE judgements with both sides and the evidence, a page
at a time to its end; judgeIdentity decides an item, which supersedes the UNSURE judgement and
leaves the queue."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from graph.db import Graph
from graph.identity.named_store import link_people_in_graph
from graph.identity.store import link_identities
from graph.identity.weights import default_weights
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:intelligence_analyst:ia-morgan"
# One handle on several platforms, one registered name and one IP the same evening: likely, not
# certain (the committed estimate puts it between review and auto_link).
# The same handle and registered name on two platforms: plausible, not enough alone (the same
# IP address within hours as well links them without review).
UNSURE_EVIDENCE = {"registered_name": "Kay Obi", "received_at": "2026-06-03T10:00:00Z"}
RECORD = """mutation($d: DisclosureInput!) { submitDisclosure(disclosure: $d) { __typename } }"""
QUEUE = """query($first: Int! = 10, $after: String) {
  identityReviewQueue(first: $first, after: $after) {
    __typename
    ... on IdentityReviewItemConnection {
      nodes {
        judgementId reasonForReview verdict score actor at evidence withdrawnDisclosures
        a { kind key personId platform handle name roles reportReference }
        b { kind key personId platform handle name roles reportReference } }
      pageInfo { hasNextPage endCursor } totalCount }
    ... on ForbiddenError { message }
    ... on InvalidInputError { message problems { field } } } }"""
JUDGE = """mutation($a: String!, $b: String!, $same: Boolean!) {
  judgeIdentity(accountA: $a, accountB: $b, same: $same, reason: "checked the profiles") {
    __typename ... on IdentityDecision { personOfA personOfB } } }"""


def _page(client: TestClient, **variables: object) -> dict[str, Any]:
    result = gql(client, QUEUE, token=ANALYST, **variables)
    assert "errors" not in result, result
    return result["data"]["identityReviewQueue"]  # type: ignore[no-any-return]


def _queue(client: TestClient) -> list[dict[str, Any]]:
    return _page(client)["nodes"]  # type: ignore[no-any-return]


def _active(graph: Graph, judgement_id: str) -> str | None:
    records, _, _ = graph.driver.execute_query(
        "MATCH ()-[j]->() WHERE j.id = $id RETURN j.superseded_by AS by", id=judgement_id
    )
    return records[0]["by"]  # type: ignore[no-any-return]


def test_an_unsure_account_pair_is_decided_and_leaves_the_queue(
    client: TestClient, graph: Graph
) -> None:
    for platform in ("x", "instagram"):
        disclosure = {"platform": platform, "handle": "stormcrow", **UNSURE_EVIDENCE}
        recorded = gql(client, RECORD, token=ANALYST, d=disclosure)
        assert recorded["data"]["submitDisclosure"]["__typename"] == "DisclosureRecorded"
    link_identities(graph)
    (item,) = _queue(client)
    assert (item["reasonForReview"], item["verdict"], item["actor"]) == (
        "UNSURE", "UNSURE", "system",
    )  # fmt: skip
    estimate = default_weights()
    assert estimate.review is not None
    assert estimate.auto_link is not None
    assert estimate.review <= item["score"] < estimate.auto_link
    assert "handle" in item["evidence"]
    assert {item["a"]["key"], item["b"]["key"]} == {"x|stormcrow", "instagram|stormcrow"}
    assert item["a"]["kind"] == "ACCOUNT"
    assert item["a"]["personId"] == f"person:{item['a']['key']}"

    decided = gql(client, JUDGE, token=ANALYST, a=item["a"]["key"], b=item["b"]["key"],
                  same=True)["data"]["judgeIdentity"]  # fmt: skip
    assert decided["__typename"] == "IdentityDecision"
    assert decided["personOfA"] == decided["personOfB"]
    assert _active(graph, item["judgementId"]) is not None  # superseded by the decision
    assert _queue(client) == []
    assert link_identities(graph).added == ()
    assert _queue(client) == []


def test_an_unsure_pair_of_named_people_is_decided_and_leaves_the_queue(
    client: TestClient, graph: Graph
) -> None:
    for n, ref in enumerate(("TV-1", "TV-2")):
        payload = referral(source_ref=ref)
        payload["reporter"] = {"role": "victim", "name": "Oluwaseun Fairweather",
                               "consent_to_contact": True}  # fmt: skip
        payload["content"][0]["url"] = f"https://x.com/troll0/status/{1796500000000000100 + n}"
        assert client.post("/api/v1/referrals", json=payload).status_code == 201
    link_people_in_graph(graph)
    (item,) = _queue(client)
    assert item["a"]["kind"] == item["b"]["kind"] == "NAMED_PERSON"
    assert item["a"]["name"] == "Oluwaseun Fairweather"
    assert item["a"]["roles"] == ["REPORTED", "VICTIM_IN"]
    assert item["a"]["reportReference"].startswith("OHCH-")
    assert "names_only" in item["evidence"]  # names alone never link

    decided = gql(client, JUDGE, token=ANALYST, a=item["a"]["key"], b=item["b"]["key"],
                  same=False)["data"]["judgeIdentity"]  # fmt: skip
    assert decided["personOfA"] != decided["personOfB"]
    assert _queue(client) == []
    assert link_people_in_graph(graph).added == ()
    assert _queue(client) == []


def test_only_roles_cleared_for_disclosures_see_the_queue(client: TestClient) -> None:
    refused = gql(client, QUEUE, token="dev:case_manager:cm-jones")["data"]["identityReviewQueue"]
    assert refused["__typename"] == "ForbiddenError"
    assert "cleared for disclosures" in refused["message"]
    too_many = _page(client, first=501)
    assert too_many["__typename"] == "InvalidInputError"
    assert too_many["problems"] == [{"field": "first"}]
    not_ours = _page(client, after="bm90LWEtY3Vyc29y")  # "not-a-cursor"
    assert not_ours["problems"] == [{"field": "after"}]


def test_a_queue_of_500_pages_to_its_end_oldest_first(client: TestClient, graph: Graph) -> None:
    """Past the 200 the queue used to stop at: judgements ten a minute (ties broken by id)."""
    graph.driver.execute_query(
        """UNWIND range(0, 499) AS i
        CREATE (a:Account {key: 'x|left' + i, platform: 'x', handle: 'left' + i})
        CREATE (b:Account {key: 'x|right' + i, platform: 'x', handle: 'right' + i})
        CREATE (a)-[:IDENTITY_UNSURE {
          id: 'judgement-' + right('00' + toString(i), 3), verdict: 'UNSURE', score: 0.8,
          evidence: '{}', actor: 'system', reason: 'unsure',
          at: '2026-06-03T1' + toString(i / 100) + ':' + right('0' + toString(i / 10 % 10), 2)
              + ':00+00:00'}]->(b)""",
        database_=graph.database,
    )
    seen: list[str] = []
    pages = 0
    after = None
    while True:
        page = _page(client, first=200, after=after)
        assert page["totalCount"] == 500  # however far in
        seen += [item["judgementId"] for item in page["nodes"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 3
    assert seen == [f"judgement-{i:03d}" for i in range(500)]


GROUP = """mutation($keys: [String!]!, $same: Boolean!) {
  judgeIdentityGroup(keys: $keys, same: $same, reason: "one person's accounts: same bio") {
    __typename
    ... on IdentityGroupDecision { members { key personId } }
    ... on InvalidInputError { problems { field message } }
    ... on NotFoundError { message } } }"""


def test_a_group_is_decided_at_once_and_all_its_pairs_leave_the_queue(
    client: TestClient, graph: Graph
) -> None:
    keys = ["x|stormcrow", "instagram|stormcrow", "tiktok|stormcrow"]
    for key in keys:
        platform, handle = key.split("|")
        disclosure = {"platform": platform, "handle": handle, **UNSURE_EVIDENCE}
        assert gql(client, RECORD, token=ANALYST, d=disclosure)["data"]["submitDisclosure"]
    link_identities(graph)
    assert len(_queue(client)) == 3  # every pair unsure

    decided = gql(client, GROUP, token=ANALYST, keys=keys, same=True)["data"]
    members = decided["judgeIdentityGroup"]["members"]
    assert [m["key"] for m in members] == keys
    assert len({m["personId"] for m in members}) == 1
    assert _queue(client) == []
    assert link_identities(graph).added == ()

    apart = gql(client, GROUP, token=ANALYST, keys=keys[:2], same=False)["data"]
    members = apart["judgeIdentityGroup"]["members"]
    assert members[0]["personId"] != members[1]["personId"]  # the analyst's rejection wins


def test_a_group_names_what_is_wrong_with_it(client: TestClient) -> None:
    disclosure = {"platform": "x", "handle": "stormcrow", "received_at": "2026-06-03T10:00:00Z"}
    gql(client, RECORD, token=ANALYST, d=disclosure)

    def answer(keys: list[str]) -> dict[str, Any]:
        return gql(client, GROUP, token=ANALYST, keys=keys, same=True)["data"][  # type: ignore[no-any-return]
            "judgeIdentityGroup"
        ]

    assert answer(["x|stormcrow"])["problems"][0]["field"] == "keys"
    assert answer(["x|stormcrow", "x|stormcrow"])["problems"][0]["field"] == "keys"
    missing = answer(["x|stormcrow", "x|nobody"])
    assert missing["__typename"] == "NotFoundError"
    assert "keys[1]" in missing["message"]


def test_the_queue_shows_the_most_valuable_decision_first(client: TestClient, graph: Graph) -> None:
    """By the stored priority (expected correct links gained), highest first; the score
    where none is stored (an older hub's items)."""
    graph.driver.execute_query(
        """UNWIND [['low', 0.3, 0.3], ['high', 0.6, 2.4], ['none', 0.9, null]] AS row
        CREATE (a:Account {key: 'x|a-' + row[0], platform: 'x', handle: 'a' + row[0]})
        CREATE (b:Account {key: 'x|b-' + row[0], platform: 'x', handle: 'b' + row[0]})
        CREATE (a)-[:IDENTITY_UNSURE {
          id: 'judgement-' + row[0], verdict: 'UNSURE', score: row[1], priority: row[2],
          evidence: '{}', actor: 'system', reason: 'unsure',
          at: datetime('2026-06-03T10:00:00Z')}]->(b)""",
        database_=graph.database,
    )
    first = _page(client, first=2)
    rest = _page(client, first=2, after=first["pageInfo"]["endCursor"])
    order = [n["judgementId"] for n in first["nodes"] + rest["nodes"]]
    assert order == ["judgement-high", "judgement-none", "judgement-low"]
