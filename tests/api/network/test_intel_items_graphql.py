"""createIntelItem: an analyst grades a case into an intelligence item; a bad grade, an unknown
case and a role that may not create items are members of its result."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:intelligence_analyst:ia-morgan"
CREATE = """mutation($case: String!, $grade: JSON!) {
  createIntelItem(caseId: $case, grade: $grade, summary: "Account sends racist abuse",
                  purpose: "pattern_analysis") {
    __typename
    ... on IntelItemCreated { id grade handlingConditions entityCount }
    ... on InvalidInputError { problems { field } }
    ... on NotFoundError { message }
    ... on ForbiddenError { message } } }"""
GRADE = {
    "source_evaluation": "2",
    "intelligence_assessment": "B",
    "handling_code": "C",
    "handling_conditions": ["Police use only"],
}


@pytest.fixture
def case_id(client: TestClient) -> str:
    assert client.post("/api/v1/referrals", json=referral(source_ref="TV-INTEL")).status_code == 201
    query = """{ report(sourceRef: "TV-INTEL") { ... on Report { content { case { id } } } } }"""
    return gql(client, query, ANALYST)["data"]["report"]["content"]["case"]["id"]  # type: ignore[no-any-return]


def create(client: TestClient, token: str = ANALYST, **variables: Any) -> dict[str, Any]:
    result = gql(client, CREATE, token, **variables)
    assert "errors" not in result, result
    return result["data"]["createIntelItem"]  # type: ignore[no-any-return]


def test_an_analyst_grades_a_case_into_an_item(client: TestClient, case_id: str) -> None:
    item = create(client, case=case_id, grade=GRADE)
    assert item["__typename"] == "IntelItemCreated"
    assert item["id"].startswith("intel:")
    assert (item["grade"], item["handlingConditions"]) == ("2BC", ["Police use only"])
    assert item["entityCount"] > 1


def test_a_bad_grade_an_unknown_case_and_a_refused_role(client: TestClient, case_id: str) -> None:
    no_conditions = create(client, case=case_id, grade={**GRADE, "handling_conditions": []})
    assert no_conditions["__typename"] == "InvalidInputError"
    not_an_object = create(client, case=case_id, grade=["2", "B", "C"])
    assert not_an_object["problems"] == [{"field": "grade"}]
    unknown = create(client, case="case:nowhere", grade=GRADE)
    assert unknown["__typename"] == "NotFoundError"
    refused = create(client, "dev:case_manager:cm-jones", case=case_id, grade=GRADE)
    assert refused["__typename"] == "ForbiddenError"
    assert "only analysts" in refused["message"]
