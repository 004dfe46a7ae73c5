"""account(platform, handle) shows its person and evidence, only to roles cleared for it; an
account the hub does not hold, or a platform it does not know, is a member of the result."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import gql

ANALYST = "dev:hub_analyst:dc-patel"
RECORD = """mutation($d: DisclosureInput!) { submitDisclosure(disclosure: $d) { __typename } }"""
ACCOUNT = """query($platform: String! = "Twitter", $handle: String! = "@JSmith88") {
  account(platform: $platform, handle: $handle) {
    __typename
    ... on AccountIdentity {
      key personId linkedAccounts links { otherAccount verdict actor evidence } }
    ... on NotFoundError { message }
    ... on ForbiddenError { message }
    ... on InvalidInputError { message problems { field } } } }"""


def test_linked_accounts_and_their_evidence(client: TestClient) -> None:
    for handle, platform in (("jsmith88", "x"), ("j.smith.88", "instagram")):
        disclosure = {
            "platform": platform, "handle": handle, "emails": ["j.smith88@example.com"],
            "received_at": "2026-06-03T10:00:00Z",
        }  # fmt: skip
        assert gql(client, RECORD, token=ANALYST, d=disclosure)["data"]["submitDisclosure"] == {
            "__typename": "DisclosureRecorded"
        }
    # No batch job: a disclosure re-links its account as it is recorded.
    found = gql(client, ACCOUNT, token=ANALYST)["data"]["account"]
    assert found["__typename"] == "AccountIdentity"
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
    result = gql(client, ACCOUNT, token="dev:force_officer:pc1:E23000005")["data"]["account"]
    assert result["__typename"] == "ForbiddenError"
    assert "cleared for disclosures" in result["message"]
    disclosure = {"platform": "x", "handle": "jsmith88", "received_at": "2026-06-03T10:00:00Z"}
    refused = gql(client, RECORD, token="dev:force_officer:pc1:E23000005", d=disclosure)
    assert refused["data"]["submitDisclosure"]["__typename"] == "ForbiddenError"


def test_an_unknown_account_or_platform_is_a_member_of_the_result(client: TestClient) -> None:
    missing = gql(client, ACCOUNT, token=ANALYST, handle="nobody")["data"]["account"]
    assert missing == {"__typename": "NotFoundError", "message": "handle: no account 'x|nobody'"}
    unknown = gql(client, ACCOUNT, token=ANALYST, platform="nowhere")["data"]["account"]
    assert unknown["__typename"] == "InvalidInputError"
    assert unknown["problems"] == [{"field": "platform"}]
