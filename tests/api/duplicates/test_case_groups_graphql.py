"""mergeCases / splitCase over GraphQL, with the case's history and join suggestions."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

import graph.db as db
from graph.cypher import Query
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"
OFFICER = "dev:force_officer:pc-jones:E23000005"
CASE_OF = """query($ref: String!) {
  report(sourceRef: $ref) { ... on Report { content { case { id } } } } }"""
CASE = """
query($id: ID!) {
  case(id: $id) {
    ... on Case {
      status
      contents { id }
      suggestedJoins { caseIds occasions reason }
      history { kind actor reason subjectCaseId closedCaseIds moves { contentId caseId } }
    }
  }
}
"""
MERGE = """
mutation($into: String!, $others: [String!]!, $reason: String!) {
  mergeCases(into: $into, others: $others, reason: $reason) {
    __typename
    ... on CaseChangeRecord { kind closedCaseIds }
    ... on InvalidInputError { problems { field message } }
    ... on ForbiddenError { message }
  }
}
"""


def _case(client: TestClient, ref: str, url: str, text: str) -> str:
    payload = referral(source_ref=ref)
    payload["content"][0].update({"url": url, "text": text})
    assert client.post("/api/v1/referrals", json=payload).status_code == 201
    data = gql(client, CASE_OF, token=ANALYST, ref=ref)["data"]
    return str(data["report"]["content"]["case"]["id"])


def test_an_analyst_merges_a_suggested_case_and_the_history_says_why(client: TestClient) -> None:
    one = _case(client, "TV-1", "https://x.com/jsmith88/status/1796512345678900101", "go back")
    two = _case(client, "TV-2", "https://x.com/jsmith88/status/1796512345678900202", "get out")
    before = gql(client, CASE, token=ANALYST, id=one)["data"]["case"]
    assert [s["caseIds"] for s in before["suggestedJoins"]] == [[two]]
    assert before["history"] == []

    result = gql(client, MERGE, token=ANALYST, into=one, others=[two], reason="one course")
    assert result["data"]["mergeCases"] == {
        "__typename": "CaseChangeRecord", "kind": "MERGE", "closedCaseIds": [two],
    }  # fmt: skip
    after = gql(client, CASE, token=ANALYST, id=one)["data"]["case"]
    assert len(after["contents"]) == 2
    assert after["suggestedJoins"] == []
    (entry,) = after["history"]
    assert (entry["kind"], entry["actor"], entry["reason"]) == ("MERGE", "dc-patel", "one course")
    merged = gql(client, CASE, token=ANALYST, id=two)["data"]["case"]
    assert (merged["status"], merged["contents"]) == ("MERGED", [])
    assert merged["history"][0]["subjectCaseId"] == one


def test_bad_merges_come_back_as_errors_and_change_nothing(client: TestClient) -> None:
    one = _case(client, "TV-1", "https://x.com/jsmith88/status/1796512345678900101", "go back")
    empty = gql(client, MERGE, token=ANALYST, into=one, others=[one], reason="")["data"]
    assert empty["mergeCases"]["problems"] == [
        {"field": "reason", "message": "is required: say why, for the record"}
    ]
    officer = gql(client, MERGE, token=OFFICER, into=one, others=["case:x"], reason="r")["data"]
    assert officer["mergeCases"]["__typename"] == "ForbiddenError"
    assert gql(client, CASE, token=ANALYST, id=one)["data"]["case"]["history"] == []


SPLIT = """
mutation($case: String!, $contents: [String!]!, $reason: String!) {
  splitCase(caseId: $case, contentIds: $contents, reason: $reason) {
    __typename
    ... on CaseChangeRecord { kind reopenedCaseIds createdCaseId }
    ... on InvalidInputError { problems { field } }
    ... on NotFoundError { message }
  }
}
"""


def test_a_split_undoes_a_merge_and_a_missing_case_is_not_found(client: TestClient) -> None:
    one = _case(client, "TV-1", "https://x.com/jsmith88/status/1796512345678900101", "go back")
    two = _case(client, "TV-2", "https://x.com/jsmith88/status/1796512345678900202", "get out")
    gql(client, MERGE, token=ANALYST, into=one, others=[two], reason="one course")
    moved = two.removeprefix("case:")  # the default case of a content item is case:<content>
    result = gql(client, SPLIT, token=ANALYST, case=one, contents=[moved], reason="not one")
    assert result["data"]["splitCase"] == {
        "__typename": "CaseChangeRecord", "kind": "SPLIT",
        "reopenedCaseIds": [two], "createdCaseId": None,
    }  # fmt: skip
    history = gql(client, CASE, token=ANALYST, id=one)["data"]["case"]["history"]
    assert [h["kind"] for h in history] == ["SPLIT", "MERGE"]  # newest first
    missing = gql(client, SPLIT, token=ANALYST, case="case:x", contents=["c"], reason="r")
    assert missing["data"]["splitCase"]["__typename"] == "NotFoundError"


WITH_ASSESSMENT = """query($id: ID!) { case(id: $id) { ... on Case {
  assessment { recommendation reasons } suggestedJoins { caseIds occasions reason } } } }"""


def test_joins_asked_with_the_assessment_are_counted_once_and_are_the_same(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _case(client, "TV-1", "https://x.com/jsmith88/status/1796512345678900101", "go back")
    two = _case(client, "TV-2", "https://x.com/jsmith88/status/1796512345678900202", "get out")
    alone = gql(client, CASE, token=ANALYST, id=one)["data"]["case"]["suggestedJoins"]
    assert [s["caseIds"] for s in alone] == [[two]]
    counted: list[str] = []
    original = db._run

    def counting(tx: Any, query: Query, params: dict[str, Any]) -> Any:
        counted.append(query.name)
        return original(tx, query, params)

    monkeypatch.setattr(db, "_run", counting)
    found = gql(client, WITH_ASSESSMENT, token=ANALYST, id=one)["data"]["case"]
    assert found["suggestedJoins"] == alone
    assert any("course of conduct" in r.lower() for r in found["assessment"]["reasons"])
    assert counted.count("cases/case_clusters") == 1  # the occasions are counted once
