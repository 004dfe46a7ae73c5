"""A campaign of ten accounts that targeted the same three victims in a week is found."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from graph.identity.named_store import link_people_in_graph
from services import network
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:intelligence_analyst:ia-morgan"
# Campaigns are read by when the reports were made (graph/intel/bounds.py TimeBasis): these are
# made as they are sent.
NOW = datetime.now(UTC).isoformat()


def test_campaign_of_ten_accounts_against_three_victims(client: TestClient, graph: Graph) -> None:
    n = 0
    victims = {"amara": "07911 123456", "ben": "07911 123457", "cat": "07400 123456"}
    for troll in range(10):
        for victim, phone in victims.items():
            payload = referral(source_ref=f"TV-CAMP-{n}", submitted_at=NOW)  # reported now
            payload["reporter"].update({"name": f"{victim.title()} Example", "phone": phone})
            payload["content"][0]["url"] = (
                f"https://x.com/troll{troll}/status/{1796500000000000000 + n}"
            )
            payload["reporter"]["email"] = f"{victim}@example.org"
            payload["suspects"] = [{"platform": "x", "handle": f"troll{troll}"}]
            assert client.post("/api/v1/referrals", json=payload).status_code == 201
            n += 1
    lone = referral(source_ref="TV-LONE", submitted_at=NOW)
    lone["suspects"] = [{"platform": "x", "handle": "someoneelse"}]
    lone["reporter"].update(
        {"email": "dave@example.org", "name": "Dave Example", "phone": "07400 123457"}
    )
    client.post("/api/v1/referrals", json=lone)

    # Victims are identities: the named-people linker resolves each victim's ten reports into
    # one person (the same email), as `ohch link people` does.
    link_people_in_graph(graph)

    now = datetime.now(UTC)
    window = {
        "since": (now - timedelta(days=7)).isoformat(),
        "until": (now + timedelta(days=1)).isoformat(),
    }
    for method in ("COMPONENTS", "MODULARITY"):
        query = f"""query($since: DateTime!, $until: DateTime!) {{
            campaigns(since: $since, until: $until, method: {method}) {{
            ... on CampaignConnection {{ nodes {{ accounts victimCount reports }} }} }} }}"""
        (campaign,) = gql(client, query, token=ANALYST, **window)["data"]["campaigns"]["nodes"]
        assert campaign["accounts"] == sorted(f"x|troll{i}" for i in range(10))
        assert campaign["victimCount"] == 3
        assert campaign["reports"] == 30

    around = gql(
        client,
        """{ neighbourhood(id: "x|troll0", depth: 2, first: 200) {
          ... on Neighbourhood { nodes { nodes { id label distance } } } } }""",
        token=ANALYST,
    )["data"]["neighbourhood"]["nodes"]["nodes"]
    first_ring = sorted(x["label"] for x in around if x["distance"] == 1)
    assert first_ring == ["CONTENT"] * 3 + ["REPORT"] * 3  # its posts, the reports naming it
    assert "PERSON" in {x["label"] for x in around if x["distance"] == 2}  # the victims
    too_deep = """{ neighbourhood(id: "x|troll0", depth: 9) {
      ... on InvalidInputError { message } } }"""
    assert gql(client, too_deep, token=ANALYST)["data"]["neighbourhood"] == {
        "message": "depth: must be between 1 and 3"
    }


def test_a_window_with_more_links_than_the_cap_asks_for_a_narrower_one(
    client: TestClient, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        payload = referral(source_ref=f"TV-CAP-{n}", submitted_at=NOW)
        payload["suspects"] = [{"platform": "x", "handle": f"capped{n}"}]
        assert client.post("/api/v1/referrals", json=payload).status_code == 201
    # One victim (the same email) targeted by three accounts: three links campaigns would use.
    link_people_in_graph(graph)
    now = datetime.now(UTC)
    window = {"since": (now - timedelta(days=1)).isoformat(), "until": now.isoformat()}
    query = """query($since: DateTime!, $until: DateTime!) {
        campaigns(since: $since, until: $until) {
          ... on CampaignConnection { nodes { accounts } totalCount }
          ... on InvalidInputError { message } } }"""
    found = gql(client, query, token=ANALYST, **window)["data"]["campaigns"]
    assert found == {"nodes": [], "totalCount": 0}

    monkeypatch.setattr(network, "MAX_EDGES", 2)
    refused = gql(client, query, token=ANALYST, **window)["data"]["campaigns"]
    assert refused["message"] == "until: the window holds over 2 account-victim links: narrow it"
