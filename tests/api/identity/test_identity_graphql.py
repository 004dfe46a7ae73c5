"""account(platform, handle) shows its person and evidence, only to roles cleared for it."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import gql

ANALYST = "dev:hub_analyst:dc-patel"
RECORD = """mutation($d: JSON!) { submitDisclosure(disclosure: $d) { __typename } }"""
ACCOUNT = """{ account(platform: "Twitter", handle: "@JSmith88") {
  key personId linkedAccounts links { otherAccount verdict actor evidence } } }"""


def test_linked_accounts_and_their_evidence(client: TestClient) -> None:
    for handle, platform in (("jsmith88", "x"), ("j.smith.88", "instagram")):
        disclosure = {
            "platform": platform, "handle": handle, "emails": ["j.smith88@example.com"],
            "received_at": "2026-06-03T10:00:00Z",
        }  # fmt: skip
        assert gql(client, RECORD, token=ANALYST, d=disclosure)["data"]["submitDisclosure"] == {
            "__typename": "DisclosureRecorded"
        }
    from graph.identity.store import link_identities

    link_identities(client.app.state.graph)  # type: ignore[attr-defined]
    found = gql(client, ACCOUNT, token=ANALYST)["data"]["account"]
    assert found["key"] == "x|jsmith88"
    assert found["linkedAccounts"] == ["instagram|j.smith.88"]
    (link,) = found["links"]
    assert (link["otherAccount"], link["verdict"], link["actor"]) == (
        "instagram|j.smith.88", "SAME_PERSON", "system",
    )  # fmt: skip
    assert "j.smith88@example.com" in link["evidence"]

    unlink = """mutation { judgeIdentity(accountA: "x|jsmith88", accountB: "instagram|j.smith.88",
        same: false, reason: "different people at one address") {
        ... on IdentityDecision { personOfA personOfB } } }"""
    decision = gql(client, unlink, token=ANALYST)["data"]["judgeIdentity"]
    assert decision["personOfA"] != decision["personOfB"]


def test_force_officers_cannot_see_identity_evidence(client: TestClient) -> None:
    result = gql(client, ACCOUNT, token="dev:force_officer:pc1:E23000005")
    assert result["data"]["account"] is None
    assert "cleared for disclosures" in result["errors"][0]["message"]
    refused = gql(client, RECORD, token="dev:force_officer:pc1:E23000005", d={})
    assert refused["data"]["submitDisclosure"]["__typename"] == "ForbiddenError"
