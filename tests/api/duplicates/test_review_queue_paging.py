"""A client pages the duplicate review queue to its end: 500 items, each seen exactly once; an
UNSURE answer leaves its item in the queue with the doubt beside it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from graph.db import Graph
from tests.api.conftest import gql
from tests.factories import referral
from tests.integration.intake.helpers import write

ANALYST = "dev:hub_analyst:dc-patel"
QUEUE = """query($first: Int!, $after: String) {
  reviewQueue(first: $first, after: $after) {
    __typename
    ... on ReviewItemConnection {
      edges { cursor node { id reason report { sourceRef } } }
      pageInfo { hasNextPage endCursor }
    }
    ... on InvalidInputError { problems { field message } }
  }
}"""
DECIDE = """mutation($id: String!) {
  decideReview(reviewId: $id, answer: SAME, reason: "same post per screenshot") { __typename }
}"""
ITEMS = 500


def _report(ref: str, url: str, text: str | None) -> dict[str, Any]:
    """A report of a post by jsmith88 to amara; without a text, only the account says which."""
    payload = referral(source_ref=ref)
    payload["reporter"].update(email="amara@example.org", name="amara")
    item: dict[str, Any] = {"platform": "x", "url": url, "captured_at": "2026-05-31T22:20:00Z"}
    if text:
        item["text"] = text
    payload["content"] = [item]
    payload["suspects"] = [{"platform": "x", "handle": "jsmith88"}]
    return payload


def _queue_of_500(graph: Graph) -> set[str]:
    """Two posts by one account, then 500 reports naming only the account (its profile, no
    text): each could be either post, so each waits for an analyst. Written through intake."""
    write(
        graph,
        _report("TV-A", "https://x.com/jsmith88/status/1796512345678900101", "first post text"),
        _report("TV-B", "https://x.com/jsmith88/status/1796512345678900202", "a second message"),
    )
    vague = [_report(f"TV-Q{n:03}", "https://x.com/jsmith88", None) for n in range(ITEMS)]
    write(graph, *vague)
    return {payload["source_ref"] for payload in vague}


def _page(client: TestClient, first: int, after: str | None) -> dict[str, Any]:
    page: dict[str, Any] = gql(client, QUEUE, token=ANALYST, first=first, after=after)["data"][
        "reviewQueue"
    ]
    return page


def test_a_client_pages_a_queue_of_500_to_its_end_seeing_each_item_once(
    client: TestClient, reference_graph: Graph
) -> None:
    refs = _queue_of_500(reference_graph)
    seen: list[str] = []
    reports: list[str] = []
    after: str | None = None
    pages = 0
    while True:
        page = _page(client, 120, after)
        assert page["__typename"] == "ReviewItemConnection"
        nodes = [edge["node"] for edge in page["edges"]]
        assert {node["reason"] for node in nodes} == {"AMBIGUOUS"}
        seen += [node["id"] for node in nodes]
        reports += [node["report"]["sourceRef"] for node in nodes]
        pages += 1
        if pages == 1:  # an answer meanwhile moves nothing the client has still to see
            decided = gql(client, DECIDE, token=ANALYST, id=nodes[0]["id"])["data"]
            assert decided["decideReview"]["__typename"] == "DuplicateDecision"
        info = page["pageInfo"]
        if not info["hasNextPage"]:
            break
        assert info["endCursor"] == page["edges"][-1]["cursor"]
        after = info["endCursor"]
    assert pages == 5  # 4 x 120 + 20
    assert len(seen) == len(set(seen)) == ITEMS
    assert sorted(reports) == sorted(refs)
    whole = _page(client, 500, None)
    assert len(whole["edges"]) == ITEMS - 1  # the one answered has left the queue
    assert whole["pageInfo"]["hasNextPage"] is False


def test_a_page_too_large_or_a_cursor_not_of_this_list_names_its_argument(
    client: TestClient, reference_graph: Graph
) -> None:
    too_large = _page(client, 501, None)
    assert too_large["__typename"] == "InvalidInputError"
    assert [p["field"] for p in too_large["problems"]] == ["first"]
    foreign = _page(client, 10, "bm90IGEgY3Vyc29y")  # "not a cursor"
    assert foreign["__typename"] == "InvalidInputError"
    assert [p["field"] for p in foreign["problems"]] == ["after"]


UNSURE = """mutation($id: String!) {
  decideReview(reviewId: $id, answer: UNSURE, reason: "cannot see the post id") {
    __typename
    ... on ReviewLeftOpen { reviewId judgementId unsureCount }
  }
}"""
UNSURE_QUEUE = """{ reviewQueue(first: 10) { ... on ReviewItemConnection {
  nodes { id unsure { actor reason } } } } }"""


def test_an_unsure_answer_leaves_the_item_in_the_queue_with_who_and_why(
    client: TestClient, reference_graph: Graph
) -> None:
    write(
        reference_graph,
        _report("TV-A", "https://x.com/jsmith88/status/1796512345678900101", "first post text"),
        _report("TV-B", "https://x.com/jsmith88/status/1796512345678900202", "a second message"),
    )
    write(reference_graph, _report("TV-Q", "https://x.com/jsmith88", None))
    (item,) = gql(client, UNSURE_QUEUE, token=ANALYST)["data"]["reviewQueue"]["nodes"]
    assert item["unsure"] == []
    left = gql(client, UNSURE, token=ANALYST, id=item["id"])["data"]["decideReview"]
    assert left["__typename"] == "ReviewLeftOpen"
    assert (left["reviewId"], left["unsureCount"]) == (item["id"], 1)
    assert left["judgementId"].startswith("j:")
    (still,) = gql(client, UNSURE_QUEUE, token=ANALYST)["data"]["reviewQueue"]["nodes"]
    assert still == {
        "id": item["id"],
        "unsure": [{"actor": "dc-patel", "reason": "cannot see the post id"}],
    }
