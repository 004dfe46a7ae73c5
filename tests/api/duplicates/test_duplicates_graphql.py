"""content / report / case / reviewQueue over GraphQL, the analyst mutations, and DataLoaders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.serving import serving
from graph.cypher import Query
from graph.db import Graph
from graph.identity.named_store import link_people_in_graph
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"
REPORT_QUERY = """
query($ref: String!) {
  report(sourceRef: $ref) {
    __typename
    ... on Report {
      reference
      content { id postKey otherPostKeys reportCount reportersCount accounts { key }
                case { id status }
                reports { nodes { sourceRef receivedAt } } }
    }
    ... on ForbiddenError { message }
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
    reports = content["reports"]["nodes"]
    assert [r["sourceRef"] for r in reports] == ["TV-0", "TV-1", "TV-2"]
    received = [datetime.fromisoformat(r["receivedAt"]) for r in reports]
    assert received == sorted(received)
    assert all(abs(datetime.now(UTC) - at) < timedelta(minutes=10) for at in received)
    assert content["accounts"] == [{"key": "x|jsmith88"}]
    assert content["case"]["status"] == "OPEN"
    case = gql(
        client, "query($id: ID!) { case(id: $id) { ... on Case { contents { id } } } }",
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
        refused = result["data"]["report"]
        assert refused["__typename"] == "ForbiddenError"
        assert "only hub staff" in refused["message"]
        assert "errors" not in result


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
    real_read = Graph.read

    def counting_read(graph: Graph, query: Query, **params: Any) -> Any:
        if serving() is not None:  # a request's reads, not the app's own start-up work
            calls.append(query.name)
        return real_read(graph, query, **params)

    monkeypatch.setattr(Graph, "read", counting_read)
    query = "{ reviewQueue { ... on ReviewItemConnection { nodes { id } } } }"

    def count_for_case(refs: int) -> int:
        for i in range(refs):
            post = f"https://x.com/u{refs}/status/{1796512345678900000 + refs}"
            _post(client, f"TV-N{refs}-{i}", post, f"n{refs}-{i}")
        calls.clear()
        q = """query($ref: String!) { report(sourceRef: $ref) { ... on Report {
                 content { reports { nodes { content { id case { contents { id } } } } } } } } }"""
        data = gql(client, q, token=ANALYST, ref=f"TV-N{refs}-0")["data"]
        assert len(data["report"]["content"]["reports"]["nodes"]) == refs
        return len(calls)

    assert gql(client, query, token=ANALYST)["data"]["reviewQueue"] == {"nodes": []}
    assert count_for_case(1) == count_for_case(5)


def test_a_contents_reports_page_with_first_and_after(client: TestClient) -> None:
    for i in range(3):
        _post(client, f"TV-{i}", "https://x.com/jsmith88/status/1796512345678901234", f"r{i}")
    pages = """query($ref: String!, $after: String) { report(sourceRef: $ref) { ... on Report {
        content { reports(first: 2, after: $after) {
          edges { cursor node { sourceRef } } pageInfo { hasNextPage endCursor } } } } } }"""

    def page(after: str | None) -> dict[str, Any]:
        found = gql(client, pages, token=ANALYST, ref="TV-0", after=after)["data"]["report"]
        reports: dict[str, Any] = found["content"]["reports"]
        return reports

    first = page(None)
    assert [e["node"]["sourceRef"] for e in first["edges"]] == ["TV-0", "TV-1"]
    assert first["pageInfo"] == {"hasNextPage": True, "endCursor": first["edges"][1]["cursor"]}
    last = page(first["pageInfo"]["endCursor"])
    assert [e["node"]["sourceRef"] for e in last["edges"]] == ["TV-2"]
    assert last["pageInfo"]["hasNextPage"] is False


def test_lookups_answer_not_found_and_name_an_argument_they_need(client: TestClient) -> None:
    lookup = """query($id: ID!, $ref: String!, $source: String) {
      content(id: $id) { __typename }
      report(sourceRef: $ref, source: $source) {
        __typename ... on InvalidInputError { problems { field } } ... on Report { source } } }"""
    missing = gql(client, lookup, token=ANALYST, id="content:nope", ref="TV-0")["data"]
    assert missing == {
        "content": {"__typename": "NotFoundError"},
        "report": {"__typename": "NotFoundError"},
    }
    _post(client, "TV-0", "https://x.com/jsmith88/status/1796512345678901234", "r0")
    other = referral(source_ref="TV-0")
    other["source"] = "another-site"  # entered by hub staff: only they may name any source
    headers = {"authorization": f"Bearer {ANALYST}"}
    assert client.post("/api/v1/referrals", json=other, headers=headers).status_code == 201
    ambiguous = gql(client, lookup, token=ANALYST, id="content:nope", ref="TV-0")["data"]
    assert ambiguous["report"] == {
        "__typename": "InvalidInputError",
        "problems": [{"field": "source"}],
    }
    named = gql(client, lookup, token=ANALYST, id="x", ref="TV-0", source="another-site")["data"]
    assert named["report"] == {"__typename": "Report", "source": "another-site"}
