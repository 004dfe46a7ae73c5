"""The loaders of personal data filter by the viewer inside Cypher: whatever field reaches
them, a viewer who does not see all forces gets nothing from them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.graphql.context import Context
from graph.audit.log import AuditLog
from graph.settings import Settings
from graph.viewer import ANONYMOUS, Role, Viewer
from ingest.journal import Journal
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = Viewer(Role.HUB_ANALYST, "dc-patel")
OFFICER = Viewer(Role.FORCE_OFFICER, "pc1", "E23000005")
LEAD = Viewer(Role.FORCE_HATE_CRIME_LEAD, "lead1", "E23000005")
CASE_OF = "query($ref: String!) { report(sourceRef: $ref) { id content { id case { id } } } }"


async def _load(context: Context, ids: dict[str, str]) -> dict[str, object]:
    loaders = context.loaders
    return {
        "content": await loaders.content.load(ids["content"]),
        "report": await loaders.report.load(ids["report"]),
        "case": await loaders.case.load(ids["case"]),
        "reports_of_content": await loaders.reports_of_content.load(ids["content"]),
        "accounts_of_content": await loaders.accounts_of_content.load(ids["content"]),
        "history_of_case": await loaders.history_of_case.load(ids["case"]),
    }


@pytest.mark.parametrize("viewer", [OFFICER, LEAD, ANONYMOUS, Viewer(Role.EXPORTER, "svc")])
def test_personal_data_loaders_give_outsiders_nothing(
    client: TestClient, neo4j_settings: Settings, tmp_path: Path, viewer: Viewer
) -> None:
    payload = referral(source_ref="SCOPE-1")
    payload["suspects"] = [{"platform": "X", "handle": "@someone"}]
    assert client.post("/api/v1/referrals", json=payload).status_code == 201
    found = gql(client, CASE_OF, token="dev-analyst", ref="SCOPE-1")["data"]["report"]
    ids = {"report": found["id"], "content": found["content"]["id"]}
    ids["case"] = found["content"]["case"]["id"]
    graph = client.app.state.graph  # type: ignore[attr-defined]

    def context(who: Viewer) -> Context:
        journal = Journal(tmp_path / "journal")
        return Context(neo4j_settings, graph, journal, who, AuditLog(tmp_path / "audit.jsonl"))

    seen = asyncio.run(_load(context(ANALYST), ids))
    assert all(seen[name] for name in ("content", "report", "case", "reports_of_content"))
    assert seen["accounts_of_content"]
    hidden = asyncio.run(_load(context(viewer), ids))
    assert hidden == {
        "content": None, "report": None, "case": None,
        "reports_of_content": [], "accounts_of_content": [], "history_of_case": [],
    }  # fmt: skip
