"""content / report / case / reviewQueue over GraphQL, the analyst mutations, and DataLoaders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

import api.graphql.context
from graph.db import Graph
from graph.identity.named_store import link_people_in_graph
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"
REPORT_QUERY = """
query($ref: String!) {
  report(sourceRef: $ref) {
    reference
    content { id postKey otherPostKeys reportCount reportersCount accounts { key }
              case { id status }
              reports { sourceRef receivedAt } }
  }
}
"""


def _post(client: TestClient, ref: str, url: str, victim: str) -> None:
    payload = referral(source_ref=ref)
    payload["content"][0]["url"] = url
    payload["reporter"]["email"] = f"{victim}@example.org"
    assert client.post("/api/v1/referrals", json=payload).status_code == 201


def test_one_post_many_reports_reads_as_one_content_with_its_case(client: TestClient) -> None:
    for i, url in enumerate(
        [
            "https://x.com/jsmith88/status/1796512345678901234",
            "https://mobile.twitter.com/JSmith88/status/1796512345678901234?s=20",
            "twitter.com/jsmith88/status/1796512345678901234/photo/1",
        ]
    ):
        _post(client, f"TV-{i}", url, f"reporter{i}")
    data = gql(client, REPORT_QUERY, token=ANALYST, ref="TV-1")["data"]["report"]
    content = data["content"]
    assert content["postKey"] == "x:post:1796512345678901234"
    assert content["otherPostKeys"] == []
    assert (content["reportCount"], content["reportersCount"]) == (3, 3)
    assert [r["sourceRef"] for r in content["reports"]] == ["TV-0", "TV-1", "TV-2"]
    received = [datetime.fromisoformat(r["receivedAt"]) for r in content["reports"]]
    assert received == sorted(received)
    assert all(abs(datetime.now(UTC) - at) < timedelta(minutes=10) for at in received)
    assert content["accounts"] == [{"key": "x|jsmith88"}]
    assert content["case"]["status"] == "open"
    case = gql(
        client, "query($id: ID!) { case(id: $id) { contents { id } } }",
        token=ANALYST, id=content["case"]["id"],
    )["data"]["case"]  # fmt: skip
    assert case["contents"] == [{"id": content["id"]}]


def test_a_person_who_reports_one_post_twice_is_one_reporter_once_linked(
    client: TestClient, graph: Graph
) -> None:
    _post(client, "TV-0", "https://x.com/jsmith88/status/1796512345678901234", "amara")
    _post(client, "TV-1", "https://x.com/jsmith88/status/1796512345678901234?s=20", "amara")
    ben = referral(source_ref="TV-2")
    ben["content"][0]["url"] = "https://twitter.com/jsmith88/status/1796512345678901234"
    ben["reporter"].update(
        {"name": "Ben Jones", "email": "ben@example.org", "phone": "07400 123457"}
    )
    assert client.post("/api/v1/referrals", json=ben).status_code == 201

    def counts() -> tuple[int, int]:
        content = gql(client, REPORT_QUERY, token=ANALYST, ref="TV-0")["data"]["report"]["content"]
        return content["reportCount"], content["reportersCount"]

    assert counts() == (3, 3)  # each report has its own reporter until people are linked
    link_people_in_graph(graph)  # as `ohch link people` does: amara's two reports, one person
    assert counts() == (3, 2)


def test_force_officers_and_the_public_cannot_read_duplicate_work(client: TestClient) -> None:
    _post(client, "TV-0", "https://x.com/jsmith88/status/1796512345678901234", "r0")
    for token in ("dev:force_officer:pc1:E23000005", None):
        result = gql(client, REPORT_QUERY, token=token, ref="TV-0")
        assert result["data"]["report"] is None
        assert "only hub staff" in result["errors"][0]["message"]


def test_split_and_merge_through_graphql(client: TestClient) -> None:
    _post(client, "TV-0", "https://x.com/a1/status/1796512345678900011", "r0")
    _post(client, "TV-1", "https://x.com/b2/status/1796512345678900022", "r1")
    ids = [
        gql(client, REPORT_QUERY, token=ANALYST, ref=ref)["data"]["report"]["content"]["id"]
        for ref in ("TV-0", "TV-1")
    ]
    merge = """mutation($a: String!, $b: String!) { mergeContent(contentA: $a, contentB: $b,
        reason: "same screenshot") { __typename ... on DuplicateDecision { contentIds } } }"""
    merged = gql(client, merge, token=ANALYST, a=ids[0], b=ids[1])["data"]["mergeContent"]
    assert merged == {"__typename": "DuplicateDecision", "contentIds": [ids[0]]}
    content = gql(client, REPORT_QUERY, token=ANALYST, ref="TV-1")["data"]["report"]["content"]
    assert (content["postKey"], content["otherPostKeys"]) == (
        "x:post:1796512345678900011",
        ["x:post:1796512345678900022"],
    )
    refused = gql(client, merge, token="dev:force_officer:pc1:E23000005", a=ids[0], b=ids[1])
    assert refused["data"]["mergeContent"]["__typename"] == "ForbiddenError"
    missing = gql(client, merge, token=ANALYST, a="content:nope", b=ids[1])
    assert missing["data"]["mergeContent"]["__typename"] == "NotFoundError"


def test_list_queries_do_not_multiply_database_calls(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_read = api.graphql.context.read

    async def counting_read(graph: Any, name: str, **params: Any) -> Any:
        calls.append(name)
        return await real_read(graph, name, **params)

    monkeypatch.setattr(api.graphql.context, "read", counting_read)
    query = "{ reviewQueue { id } }"

    def count_for_case(refs: int) -> int:
        for i in range(refs):
            post = f"https://x.com/u{refs}/status/{1796512345678900000 + refs}"
            _post(client, f"TV-N{refs}-{i}", post, f"n{refs}-{i}")
        calls.clear()
        q = """query($ref: String!) { report(sourceRef: $ref) {
                 content { reports { content { id case { contents { id } } } } } } }"""
        data = gql(client, q, token=ANALYST, ref=f"TV-N{refs}-0")["data"]
        assert len(data["report"]["content"]["reports"]) == refs
        return len(calls)

    assert gql(client, query, token=ANALYST)["data"]["reviewQueue"] == []
    assert count_for_case(1) == count_for_case(5)
