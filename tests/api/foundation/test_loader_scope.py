"""The batch use cases behind the DataLoaders of personal data: a viewer who does not see all
forces is refused by the use case's rule, and underneath it the query filters by the viewer
inside Cypher, so even a call past the rule gets nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.errors import Forbidden
from graph.viewer import ANONYMOUS, Role, Viewer
from services import cases, content
from services.content import ReportsOf
from services.paging import PageRequest
from services.use_case import Caller
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = Viewer(Role.HUB_ANALYST, "dc-patel")
OFFICER = Viewer(Role.FORCE_OFFICER, "pc1", "E23000005")
LEAD = Viewer(Role.FORCE_HATE_CRIME_LEAD, "lead1", "E23000005")
CASE_OF = """query($ref: String!) { report(sourceRef: $ref) {
  ... on Report { id content { id case { id } } } } }"""

Batch = Callable[[Caller, list[Any]], list[Any]]


def _batches(ids: dict[str, str]) -> dict[str, tuple[Batch, object]]:
    """Each loader's batch use case and the key it is asked for."""
    return {
        "content": (content.contents_by_ids, ids["content"]),
        "report": (content.reports_by_ids, ids["report"]),
        "case": (cases.cases_by_ids, ids["case"]),
        "reports_of_content": (
            content.reports_of_contents,
            ReportsOf(ids["content"], PageRequest()),
        ),
        "accounts_of_content": (content.accounts_of_contents, ids["content"]),
        "history_of_case": (cases.case_histories, ids["case"]),
    }


def _load(caller: Caller, ids: dict[str, str], past_the_rule: bool = False) -> dict[str, Any]:
    seen = {}
    for name, (batch, key) in _batches(ids).items():
        call: Batch = batch.__wrapped__ if past_the_rule else batch  # type: ignore[attr-defined]
        (found,) = call(caller, [key])
        seen[name] = found.values if name == "reports_of_content" else found
    return seen


@pytest.mark.parametrize("viewer", [OFFICER, LEAD, ANONYMOUS, Viewer(Role.EXPORTER, "svc")])
def test_personal_data_loaders_give_outsiders_nothing(client: TestClient, viewer: Viewer) -> None:
    payload = referral(source_ref="SCOPE-1")
    payload["suspects"] = [{"platform": "X", "handle": "@someone"}]
    assert client.post("/api/v1/referrals", json=payload).status_code == 201
    found = gql(client, CASE_OF, token="dev-analyst", ref="SCOPE-1")["data"]["report"]
    ids = {"report": found["id"], "content": found["content"]["id"]}
    ids["case"] = found["content"]["case"]["id"]
    graph = client.app.state.graph  # type: ignore[attr-defined]

    seen = _load(Caller(graph, ANALYST), ids)
    assert all(seen[name] for name in ("content", "report", "case", "reports_of_content"))
    assert seen["accounts_of_content"]
    for batch, key in _batches(ids).values():
        with pytest.raises(Forbidden):
            batch(Caller(graph, viewer), [key])
    hidden = _load(Caller(graph, viewer), ids, past_the_rule=True)
    assert hidden == {
        "content": None, "report": None, "case": None,
        "reports_of_content": [], "accounts_of_content": [], "history_of_case": [],
    }  # fmt: skip
